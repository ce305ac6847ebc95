"""Anonymous responses (issue 12; README "Anonymous responses"): a key per survey unless paired,
ids that say nothing of the learner's other attempts, only the month, and no way to reach one
response from the admin, the exports or the API. Runs on SQLite and on PostgreSQL."""

import importlib
import json
from datetime import datetime
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.snippets.models import get_snippet_models

from quizzes.api import api
from quizzes.models import Answer, Attempt, Indicator, IndicatorKind, QuizKind
from quizzes.services import (
    attempt_start,
    attempt_submit,
    respondent_key_for,
    respondent_keys_for,
)
from quizzes.services.anonymity import attempt_pk
from tests.learning.factories import ProfileFactory, UserFactory
from tests.quizzes.factories import (
    free_text,
    likert,
    make_quiz,
    questions_by_code,
    rating,
    single,
)
from tests.quizzes.test_admin import rendered_form_data

pytestmark = pytest.mark.django_db

MIGRATION = importlib.import_module("quizzes.migrations.0006_anonymous_responses")


@pytest.fixture
def learner(home):
    return ProfileFactory(role="settlement_worker", region="ottawa", evaluation_consent=True).user


def make_survey(slug=None, **fields):
    extra = {"slug": slug} if slug else {}
    return make_quiz(
        [likert(), rating(), free_text()],
        kind=QuizKind.EVALUATION_SURVEY,
        anonymous=True,
        pass_mark=0,
        **extra,
        **fields,
    )


def survey_answers(survey, comment="Merci"):
    q = questions_by_code(survey)
    return {
        q["helpful-refugee-needs"].pk: "helpful",
        q["communication-rating"].pk: "4",
        q["comments"].pk: comment,
    }


def respond(survey, user, comment="Merci"):
    attempt = attempt_start(quiz=survey, user=user, language="en")
    return attempt_submit(attempt=attempt, answers=survey_answers(survey, comment), user=user)


# --- Keys -------------------------------------------------------------------------------------


def test_keys_differ_from_survey_to_survey_and_match_within_a_pairing(learner):
    first, second = make_survey(), make_survey()
    pre = make_quiz([single()], kind=QuizKind.PRE_TEST, anonymous=True, pairing="roles")
    post = make_quiz([single()], kind=QuizKind.POST_TEST, anonymous=True, pairing="roles")
    other = ProfileFactory().user
    keys = {quiz.pk: respondent_key_for(user=learner, quiz=quiz) for quiz in (first, second)}
    assert keys[first.pk] != keys[second.pk]
    assert respondent_key_for(user=other, quiz=first) != keys[first.pk]
    assert respondent_key_for(user=learner, quiz=pre) == respondent_key_for(user=learner, quiz=post)
    assert respondent_key_for(user=learner, quiz=pre) not in keys.values()
    # Every anonymous quiz, for the consent and privacy services.
    assert respondent_keys_for(user=learner) == {
        quiz.pk: respondent_key_for(user=learner, quiz=quiz) for quiz in (first, second, pre, post)
    }
    # What is stored is that survey's key.
    respond(first, learner)
    respond(second, learner)
    stored = dict(Attempt.objects.values_list("quiz_id", "respondent_key"))
    assert stored == keys


def test_an_intended_pair_is_matched_by_the_pre_post_indicator(learner):
    pre = make_quiz([single(code="a")], kind=QuizKind.PRE_TEST, anonymous=True, pairing="p")
    post = make_quiz([single(code="a")], kind=QuizKind.POST_TEST, anonymous=True, pairing="p")
    for quiz, choice in ((pre, "agency"), (post, "sponsor")):
        attempt = attempt_start(quiz=quiz, user=learner, language="en")
        q = questions_by_code(quiz)["a"]
        attempt_submit(attempt=attempt, answers={q.pk: choice}, user=learner)
    keys = set(Attempt.objects.values_list("respondent_key", flat=True))
    assert len(keys) == 1 and Attempt.objects.count() == 2


# --- Ids --------------------------------------------------------------------------------------


def test_an_anonymous_response_does_not_follow_the_learners_identified_attempts(learner):
    pre_test = make_quiz([single()], kind=QuizKind.PRE_TEST)
    post_test = make_quiz([single()], kind=QuizKind.POST_TEST)
    survey = make_survey()
    right = {quiz.pk: {questions_by_code(quiz)["who-pays"].pk: "sponsor"} for quiz in (pre_test,)}
    before = attempt_start(quiz=pre_test, user=learner, language="en")
    attempt_submit(attempt=before, answers=right[pre_test.pk], user=learner)
    anonymous = respond(survey, learner).attempt
    after = attempt_start(quiz=post_test, user=learner, language="en")
    attempt_submit(
        attempt=after,
        answers={questions_by_code(post_test)["who-pays"].pk: "sponsor"},
        user=learner,
    )
    # The response is outside the sequence, nowhere near the learner's attempts…
    assert anonymous.pk < 0
    for identified in (before, after):
        assert abs(anonymous.pk - identified.pk) > 1000
    # …and the next identified attempt follows the last identified one, not the response
    # (PostgreSQL's sequence and SQLite's AUTOINCREMENT both ignore a negative id).
    assert after.pk == before.pk + 1
    # The same for their answers.
    mine = Answer.objects.filter(attempt=anonymous).values_list("pk", flat=True)
    assert len(mine) == 3 and all(pk < 0 for pk in mine)
    before_answer = Answer.objects.get(attempt=before).pk
    assert Answer.objects.get(attempt=after).pk == before_answer + 1
    # Nothing in the table orders it among the learner's records.
    ids = sorted(Attempt.objects.values_list("pk", flat=True))
    assert ids.index(anonymous.pk) == 0


def test_random_ids_are_drawn_again_when_taken(learner, monkeypatch):
    survey = make_survey()
    other = ProfileFactory().user
    taken = respond(survey, other).attempt.pk
    draws = iter([taken, -42])
    monkeypatch.setattr("quizzes.services.attempts.anonymous_attempt_id", lambda: next(draws))
    assert attempt_start(quiz=survey, user=learner, language="en").pk == -42


def test_attempt_ids_in_addresses():
    assert attempt_pk("-123") == -123 and attempt_pk(-123) == -123 and attempt_pk("7") == 7
    for bad in ("-0", "-", "--1", str(-(2**53)), "1.5", True, None):
        assert attempt_pk(bad) is None
    assert reverse("quiz_attempt", args=[-5]) == "/en/quizzes/attempts/-5/"


# --- Times ------------------------------------------------------------------------------------


def test_anonymous_responses_keep_only_the_month(learner, monkeypatch):
    survey = make_survey()
    moment = timezone.make_aware(datetime(2026, 3, 17, 14, 23, 45, 123))
    monkeypatch.setattr(timezone, "now", lambda: moment)
    attempt = attempt_start(quiz=survey, user=learner, language="en")
    assert not attempt.is_submitted
    # Resuming still finds the open response, and submitting closes it.
    assert attempt_start(quiz=survey, user=learner, language="en").resumed
    attempt = attempt_submit(attempt=attempt, answers=survey_answers(survey), user=learner).attempt
    attempt.refresh_from_db()
    first_of_month = timezone.make_aware(datetime(2026, 3, 1))
    assert attempt.started_at == attempt.submitted_at == first_of_month
    assert attempt.is_submitted
    assert {a.answered_at for a in attempt.answers.all()} == {first_of_month}
    # Identified attempts keep their exact time.
    quiz = make_quiz([single()])
    identified = attempt_start(quiz=quiz, user=learner, language="en")
    assert identified.started_at == moment


# --- Through the real pages -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "submitted"),
    [("en", "You have answered this survey"), ("fr", "Vous avez répondu à ce sondage")],
)
def test_taking_an_anonymous_survey_end_to_end(client, learner, language, submitted):
    survey = make_survey()
    client.force_login(learner)
    start = client.post(f"/{language}/quizzes/{survey.slug}/start/")
    attempt = Attempt.objects.get()
    assert attempt.pk < 0
    assert start["Location"] == f"/{language}/quizzes/attempts/{attempt.pk}/"
    page = client.get(start["Location"])
    assert page.status_code == 200
    assert f"/api/v1/attempts/{attempt.pk}/answers/" in page.content.decode()
    # The page's autosave.
    q = questions_by_code(survey)
    saved = client.put(
        f"/api/v1/attempts/{attempt.pk}/answers/{q['communication-rating'].pk}?lang={language}",
        json.dumps({"value": 5}),
        content_type="application/json",
    )
    assert saved.status_code == 200, saved.content
    assert Answer.objects.get(attempt=attempt).rating == 5
    assert client.get(f"/api/v1/attempts/{attempt.pk}").json()["answers"] == {
        str(q["communication-rating"].pk): 5
    }
    # The form's submit.
    data = {"present": [str(pk) for pk in q_pks(survey)], "submit": "1"}
    for pk, value in survey_answers(survey).items():
        data[f"q{pk}"] = value
    done = client.post(start["Location"], data)
    assert done["Location"] == f"/{language}/quizzes/attempts/{attempt.pk}/result/"
    result = client.get(done["Location"])
    assert result.status_code == 200
    attempt.refresh_from_db()
    assert attempt.is_submitted and attempt.user_id is None
    assert Answer.objects.get(attempt=attempt, question=q["communication-rating"]).rating == 4
    api_result = client.get(f"/api/v1/attempts/{attempt.pk}/result")
    assert api_result.status_code == 200 and api_result.json()["id"] == attempt.pk
    # The survey's page says it is answered, and it cannot be answered twice.
    detail = client.get(f"/{language}/quizzes/{survey.slug}/").content.decode()
    assert submitted in detail
    assert client.post(f"/{language}/quizzes/{survey.slug}/start/").status_code == 409
    # Nobody else reaches it, by page or API.
    other = Client()
    other.force_login(UserFactory())
    assert other.get(start["Location"]).status_code == 404
    assert other.get(f"/api/v1/attempts/{attempt.pk}").status_code == 404


def q_pks(survey):
    return [question.pk for question in survey.questions.all()]


# --- Not reachable one by one -----------------------------------------------------------------


def test_no_admin_screen_lists_attempts_or_answers():
    snippets = set(get_snippet_models())
    registered = set(admin.site._registry)
    for model in (Attempt, Answer):
        assert model not in snippets and model not in registered


def test_the_api_has_no_way_to_list_responses():
    operations = [
        (method, path)
        for path, view in api._routers[0][1].path_operations.items()
        for operation in view.operations
        for method in operation.methods
    ]
    collections = [path for method, path in operations if method == "GET" and "{" not in path]
    assert collections == []
    # Every read of an attempt names one, and answers only to its own learner (tested above).
    assert {path for _m, path in operations if path.startswith("/attempts")} == {
        "/attempts/{attempt_id}",
        "/attempts/{attempt_id}/answers/{question_id}",
        "/attempts/{attempt_id}/submit",
        "/attempts/{attempt_id}/result",
    }


@pytest.fixture
def answered(learner):
    survey = make_survey(slug="course-survey")
    responses = [respond(survey, learner, comment="Only-mine-42").attempt]
    for _ in range(5):
        responses.append(respond(survey, ProfileFactory(evaluation_consent=True).user).attempt)
    indicator = Indicator(
        code="helpful",
        name="Helpful",
        name_en="Helpful",
        definition="d",
        definition_en="d",
        kind=IndicatorKind.SHARE_FAVOURABLE,
        min_group_size=1,
    )
    indicator.save()
    indicator.questions.set([questions_by_code(survey)["helpful-refugee-needs"]])
    indicator.save()
    return survey, responses


def staff(django_user_model, superuser=False):
    if superuser:
        return django_user_model.objects.create_superuser("root", "root@example.org", "pw")
    user = django_user_model.objects.create_user("lead", "lead@example.org", "pw")
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="quizzes", codename="view_indicator"),
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
    )
    return user


def traces(responses, learner):
    """What would single out a response: its id, its key, its free text, the learner."""
    marks = {"Only-mine-42", learner.username, learner.email}
    for attempt in responses:
        marks |= {f"#{attempt.pk}", f"/{attempt.pk}/", attempt.respondent_key}
    return marks


def test_admin_pages_exports_and_report_show_no_single_response(
    client, django_user_model, answered, learner
):
    survey, responses = answered
    client.force_login(staff(django_user_model, superuser=True))
    namespace = "wagtailsnippets_quizzes_quiz"
    pages = [
        reverse(f"{namespace}:list"),
        reverse(f"{namespace}:edit", args=[survey.pk]),
        reverse(f"{namespace}:inspect", args=[survey.pk]),
        reverse(f"{namespace}:delete", args=[survey.pk]),
        reverse(f"{namespace}:history", args=[survey.pk]),
        reverse(f"{namespace}:usage", args=[survey.pk]),
        reverse("indicator_dashboard"),
        reverse("indicator_dashboard") + "?by=role",
        reverse("indicator_export", args=["helpful", "csv"]),
        reverse("indicator_export", args=["helpful", "csv"]) + "?by=region",
        reverse("indicator_funder_report"),
        "/django-admin/",
    ]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        text = response.content.decode()
        for mark in traces(responses, learner):
            assert mark not in text, (page, mark)
    xlsx = client.get(reverse("indicator_export", args=["helpful", "xlsx"]))
    assert xlsx.status_code == 200
    # The export has the total, not a row per response.
    csv_rows = client.get(reverse("indicator_export", args=["helpful", "csv"])).content.decode()
    assert len([line for line in csv_rows.splitlines() if line.strip()]) == 2


def test_a_survey_with_responses_cannot_be_deleted_from_the_admin(
    client, django_user_model, answered
):
    survey, responses = answered
    client.force_login(staff(django_user_model, superuser=True))
    response = client.post(
        reverse("wagtailsnippets_quizzes_quiz:delete", args=[survey.pk]), follow=True
    )
    assert response.status_code == 200
    assert "it cannot be deleted" in response.content.decode()
    assert Attempt.objects.filter(quiz=survey).count() == len(responses)
    # Nor does any message name a response: not even an error's.
    assert {str(attempt) for attempt in responses} == {f"{survey}, an anonymous response"}
    for attempt in responses:
        assert str(attempt.pk) not in response.content.decode()


# --- The admin keeps pairings consistent ------------------------------------------------------


def test_a_pairing_is_for_anonymous_quizzes_and_stays_once_learners_answered(
    client, django_user_model, learner
):
    survey = make_survey(slug="exit-survey")
    client.force_login(staff(django_user_model, superuser=True))
    edit = reverse("wagtailsnippets_quizzes_quiz:edit", args=[survey.pk])
    data = rendered_form_data(client.get(edit).content.decode())
    assert "pairing" in data
    # Before any response it may change.
    assert client.post(edit, {**data, "pairing": "course-exit"}).status_code == 302
    survey.refresh_from_db()
    assert survey.pairing == "course-exit"
    respond(survey, learner)
    data = rendered_form_data(client.get(edit).content.decode())
    refused = client.post(edit, {**data, "pairing": "other"})
    assert refused.status_code == 200
    assert "its pairing can no longer change" in refused.content.decode()
    survey.refresh_from_db()
    assert survey.pairing == "course-exit"
    # A quiz that is not anonymous has none.
    data.pop("anonymous", None)
    refused = client.post(edit, {**data, "pairing": "course-exit"})
    assert "Only an anonymous quiz has a pairing" in refused.content.decode()


# --- Existing rows ----------------------------------------------------------------------------


def test_the_migration_rekeys_renumbers_and_coarsens_existing_responses(learner):
    survey = make_survey()
    pre = make_quiz([single(code="a")], kind=QuizKind.PRE_TEST, anonymous=True)
    post = make_quiz([single(code="a")], kind=QuizKind.POST_TEST, anonymous=True)
    change = Indicator(
        code="change",
        name="Change",
        name_en="Change",
        definition="d",
        definition_en="d",
        kind=IndicatorKind.PRE_POST_CHANGE,
    )
    change.save()
    change.questions.set(post.questions.all())
    change.pre_questions.set(pre.questions.all())
    change.save()
    secret = MIGRATION._secret()
    old = MIGRATION.old_key(secret, learner.pk)
    moment = timezone.make_aware(datetime(2025, 11, 20, 9, 41, 7))
    rows = {}
    for quiz in (survey, pre, post):
        # As the old code stored them: the same key everywhere, a sequential id, exact times.
        attempt = Attempt.objects.create(
            quiz=quiz, respondent_key=old, started_at=moment, submitted_at=moment
        )
        question = quiz.questions.first()
        Answer.objects.create(
            attempt=attempt, question=question, question_code=question.code, answered_at=moment
        )
        rows[quiz.pk] = attempt.pk
    gone = Attempt.objects.create(
        quiz=survey, respondent_key="f" * 64, started_at=moment, submitted_at=moment
    )

    MIGRATION.forwards(apps, None)

    for quiz in (survey, pre, post):
        quiz.refresh_from_db()
    assert pre.pairing and pre.pairing == post.pairing and not survey.pairing
    for quiz in (survey, pre, post):
        attempt = Attempt.objects.get(
            quiz=quiz, respondent_key=respondent_key_for(user=learner, quiz=quiz)
        )
        assert attempt.pk < 0 and attempt.pk != rows[quiz.pk]
        assert attempt.submitted_at == timezone.make_aware(datetime(2025, 11, 1))
        answer = attempt.answers.get()
        assert answer.pk < 0 and answer.answered_at == attempt.submitted_at
    assert Answer.objects.filter(pk__gt=0).count() == 0
    # A deleted account's response keeps its key (no one can compute it any more).
    assert Attempt.objects.filter(respondent_key="f" * 64).get().pk != gone.pk
    assert not Attempt.objects.filter(respondent_key=old).exists()


def test_the_learner_finds_a_migrated_response(learner):
    survey = make_survey()
    old = MIGRATION.old_key(MIGRATION._secret(), learner.pk)
    moment = timezone.now()
    Attempt.objects.create(quiz=survey, respondent_key=old, started_at=moment, score=Decimal(0))
    MIGRATION.forwards(apps, None)
    resumed = attempt_start(quiz=survey, user=learner, language="en")
    assert resumed.resumed and resumed.pk < 0
    assert Attempt.objects.count() == 1


def test_the_database_in_use(db):
    # The same tests run on SQLite (default) and PostgreSQL (DATABASE_URL): say which.
    assert connection.vendor in ("sqlite", "postgresql")
