"""Consent honoured backwards: withdrawing it takes all the learner's earlier answers out of
every report from then on (identified and anonymous), giving it adds them; each change is
recorded, and the consent text says so."""

import io
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from learning.people.models import ConsentChange, ConsentSource
from learning.people.services import profile_update
from quizzes.models import Attempt, Indicator, IndicatorKind, QuizKind
from quizzes.reports import indicator_report
from quizzes.services import attempt_start, attempt_submit, indicator_record_version
from tests.learning.factories import ProfileFactory
from tests.quizzes.factories import likert, make_quiz, questions_by_code

pytestmark = pytest.mark.django_db

CODE = "helpful-refugee-needs"
EFFECT = (
    "If you withdraw your consent, all your earlier answers, anonymous survey answers "
    "included, are removed from every report made from then on. If you give it later, all "
    "your earlier answers are added."
)


def survey(*, anonymous):
    return make_quiz(
        [likert(CODE)], kind=QuizKind.EVALUATION_SURVEY, anonymous=anonymous, pass_mark=0
    )


def share_indicator(quiz, code):
    indicator = Indicator.objects.create(
        code=code,
        name_en="Helpful",
        name_fr="Utile",
        definition_en="d",
        definition_fr="d",
        kind=IndicatorKind.SHARE_FAVOURABLE,
        target=Decimal("0.85"),
        min_group_size=1,
    )
    indicator.questions.set([questions_by_code(quiz)[CODE]])
    indicator.save()
    indicator_record_version(indicator=indicator)
    return indicator


def respond(quiz, user, choice):
    attempt = attempt_start(quiz=quiz, user=user, language="en")
    answers = {questions_by_code(quiz)[CODE].pk: choice}
    return attempt_submit(attempt=attempt, answers=answers, user=user).attempt


@pytest.fixture
def surveys():
    """An anonymous and an identified survey, each with an indicator; three learners said
    "helpful" to both, the learner under test "not-helpful"."""
    anonymous, identified = survey(anonymous=True), survey(anonymous=False)
    indicators = share_indicator(anonymous, "anon"), share_indicator(identified, "named")
    learner = ProfileFactory(evaluation_consent=True).user
    others = [ProfileFactory(evaluation_consent=True).user for _ in range(3)]
    for quiz in (anonymous, identified):
        respond(quiz, learner, "not-helpful")
        for other in others:
            respond(quiz, other, "helpful")
    return indicators, learner, others


def totals(indicators):
    return [
        (report.total.n, report.total.value)
        for report in (indicator_report(indicator=indicator) for indicator in indicators)
    ]


def test_withdrawing_removes_earlier_answers_and_giving_it_back_adds_them(surveys):
    indicators, learner, others = surveys
    assert totals(indicators) == [(4, pytest.approx(0.75))] * 2
    assert Attempt.objects.filter(user=None).exclude(respondent_key="").count() == 4

    profile_update(user=learner, evaluation_consent=False)

    # Both the identified attempt and the anonymous response (matched by the keyed hash) left.
    assert totals(indicators) == [(3, pytest.approx(1.0))] * 2
    assert Attempt.objects.filter(counts_for_evaluation=False).count() == 2
    assert not Attempt.objects.filter(user__in=others, counts_for_evaluation=False).exists()

    profile_update(user=learner, evaluation_consent=True)

    assert totals(indicators) == [(4, pytest.approx(0.75))] * 2
    assert not Attempt.objects.filter(counts_for_evaluation=False).exists()
    history = list(ConsentChange.objects.filter(user=learner).values_list("given", "source"))
    assert history == [(False, ConsentSource.OTHER), (True, ConsentSource.OTHER)]
    assert not ConsentChange.objects.filter(user__in=others).exists()


def test_giving_consent_later_adds_answers_made_without_it():
    quiz = survey(anonymous=True)
    indicator = share_indicator(quiz, "anon")
    learner = ProfileFactory(evaluation_consent=None).user
    respond(quiz, learner, "helpful")
    respond(quiz, ProfileFactory(evaluation_consent=False).user, "not-helpful")
    assert indicator_report(indicator=indicator).total.n == 0

    profile_update(user=learner, evaluation_consent=True)

    assert (indicator_report(indicator=indicator).total.n,) == (1,)
    # The other learner, who said no, still does not count.
    assert Attempt.objects.filter(counts_for_evaluation=False).count() == 1


def test_saving_the_profile_without_changing_consent_records_nothing(surveys):
    _indicators, learner, _others = surveys
    profile_update(user=learner, evaluation_consent=True, organisation="COSTI")
    assert not ConsentChange.objects.exists()


def profile_post(**overrides):
    data = {
        "first_name": "Amina",
        "last_name": "Yusuf",
        "role": "settlement_worker",
        "organisation": "COSTI",
        "region": "gta",
        "preferred_language": "en",
        "evaluation_consent": "no",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_profile_page_withdraws_and_gives_consent(client, home, surveys, language):
    indicators, learner, _others = surveys
    client.force_login(learner)

    response = client.post(
        f"/{language}/learning/profile/", profile_post(preferred_language=language)
    )
    assert response.status_code == 302
    assert totals(indicators) == [(3, pytest.approx(1.0))] * 2

    response = client.post(
        f"/{language}/learning/profile/",
        profile_post(preferred_language=language, evaluation_consent="yes"),
    )
    assert response.status_code == 302
    assert totals(indicators) == [(4, pytest.approx(0.75))] * 2
    changes = ConsentChange.objects.filter(user=learner).order_by("changed_at", "pk")
    assert [(c.given, c.source) for c in changes] == [
        (False, ConsentSource.PROFILE),
        (True, ConsentSource.PROFILE),
    ]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_sign_up_records_the_first_answer(client, home, language):
    response = client.post(
        f"/{language}/accounts/signup/",
        {
            "email": "nadia@example.org",
            "password1": "a-long-and-unusual-passphrase-2026",
            "password2": "a-long-and-unusual-passphrase-2026",
            "first_name": "Nadia",
            "last_name": "Haddad",
            "role": "sponsor",
            "organisation": "",
            "region": "kingston",
            "preferred_language": language,
            "evaluation_consent": "yes",
        },
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(email="nadia@example.org")
    [change] = ConsentChange.objects.filter(user=user)
    assert (change.given, change.source) == (True, ConsentSource.SIGNUP)


def test_the_consent_text_says_what_a_change_does(client, home):
    profile = ProfileFactory()
    client.force_login(profile.user)
    for url in ("/en/learning/profile/", "/en/learning/privacy/"):
        response = client.get(url)
        assert response.status_code == 200
        assert EFFECT in " ".join(response.content.decode().split())
    # French: the page renders with the same sentence's msgid (translations are merged apart).
    assert client.get("/fr/learning/privacy/").status_code == 200


def test_consent_apply_aligns_attempts_made_before_the_rule(surveys):
    indicators, learner, _others = surveys
    # As before this change: consent withdrawn without touching earlier attempts.
    learner.profile.evaluation_consent = False
    learner.profile.save()
    assert totals(indicators) == [(4, pytest.approx(0.75))] * 2

    out = io.StringIO()
    call_command("consent_apply", stdout=out)

    assert totals(indicators) == [(3, pytest.approx(1.0))] * 2
    assert "for 1 learner(s)" in out.getvalue()
