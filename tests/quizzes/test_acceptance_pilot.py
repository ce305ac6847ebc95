"""Acceptance: the pilot's published figures come back out of raw answers.

153 settlement workers submit the evaluation survey through the submit service; 133 answer
favourably on refugee needs and 138 on sponsor responsibilities, the rest spread over the
other options, and four more answer "not applicable", which is counted apart. The final report
(2021) gives 87% and 90%.
"""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command

from quizzes.models import Attempt, Indicator, IndicatorKind, QuizKind
from quizzes.reports import indicator_report
from quizzes.services import attempt_start, attempt_submit, indicator_record_version
from tests.learning.factories import ProfileFactory
from tests.quizzes.factories import free_text, likert, make_quiz, questions_by_code

pytestmark = pytest.mark.django_db


def spread(favourable, total=153):
    """`favourable` answers split over very helpful / helpful, the rest over the others."""
    very = favourable * 3 // 5
    rest = total - favourable
    somewhat = rest * 2 // 3
    return (
        ["very-helpful"] * very
        + ["helpful"] * (favourable - very)
        + ["somewhat-helpful"] * somewhat
        + ["not-helpful"] * (rest - somewhat)
    )


@pytest.fixture
def pilot(home):
    survey = make_quiz(
        [
            likert("helpful-refugee-needs"),
            likert("helpful-sponsor-responsibilities"),
            free_text("comments"),
        ],
        kind=QuizKind.EVALUATION_SURVEY,
        anonymous=True,
        pass_mark=0,
        attempts_allowed=1,
        slug="sw-evaluation-survey",
    )
    questions = questions_by_code(survey)
    needs, sponsors = spread(133), spread(138)
    answers = list(zip(needs, sponsors, strict=True)) + [("not-applicable", "not-applicable")] * 4
    for index, (need, sponsor) in enumerate(answers):
        user = ProfileFactory(
            role="settlement_worker",
            evaluation_consent=True,
            preferred_language="fr" if index % 3 == 0 else "en",
        ).user
        attempt = attempt_start(quiz=survey, user=user, language="fr" if index % 3 == 0 else "en")
        attempt_submit(
            attempt=attempt,
            user=user,
            answers={
                questions["helpful-refugee-needs"].pk: need,
                questions["helpful-sponsor-responsibilities"].pk: sponsor,
            },
        )
    indicators = {}
    for code, name_en, name_fr in (
        (
            "helpful-refugee-needs",
            "Training helpful for understanding the needs of refugees",
            "Formation utile pour comprendre les besoins des réfugiés",
        ),
        (
            "helpful-sponsor-responsibilities",
            "Training helpful for understanding sponsor responsibilities",
            "Formation utile pour comprendre les responsabilités des répondants",
        ),
    ):
        indicator = Indicator.objects.create(
            code=code,
            name_en=name_en,
            name_fr=name_fr,
            name=name_en,
            definition_en="found the training very helpful or helpful",
            definition_fr="ont trouvé la formation très utile ou utile",
            kind=IndicatorKind.SHARE_FAVOURABLE,
            target=Decimal("0.85"),
        )
        indicator.questions.set([questions[code]])
        indicator.save()  # ParentalManyToManyField: the links are written on save
        indicator_record_version(indicator=indicator)
        indicators[code] = indicator
    return survey, indicators


def test_the_pilot_figures_come_back(pilot):
    survey, indicators = pilot
    assert Attempt.objects.filter(quiz=survey, submitted_at__isnull=False).count() == 157
    assert not Attempt.objects.filter(quiz=survey, user__isnull=False).exists()
    needs = indicator_report(indicator=indicators["helpful-refugee-needs"]).total
    assert needs.n == 153
    assert round(needs.value, 4) == 0.8693
    assert (round(needs.ci_low, 2), round(needs.ci_high, 2)) == (0.81, 0.91)
    assert needs.met is True
    sponsors = indicator_report(indicator=indicators["helpful-sponsor-responsibilities"]).total
    assert sponsors.n == 153
    assert round(sponsors.value, 4) == 0.9020
    assert (round(sponsors.ci_low, 2), round(sponsors.ci_high, 2)) == (0.84, 0.94)


def test_the_command_prints_the_same_figures(pilot):
    out = io.StringIO()
    call_command(
        "indicator_report", "--indicator", "helpful-refugee-needs", "--format", "csv", stdout=out
    )
    lines = out.getvalue().strip().splitlines()
    assert (
        lines[0] == "indicator,version,group_by,group,n,value,ci_low,ci_high,target,met,suppressed"
    )
    assert lines[1].startswith("helpful-refugee-needs,1,total,total,153,0.8693,0.8067,0.9138,")


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "87% (n = 153; 95% CI 81–91%)"),
        ("fr", "87 % (n = 153; IC à 95 % : 81–91 %)"),
    ],
)
def test_the_funder_sentence_in_both_languages(pilot, language, expected):
    from quizzes.reports.exports import funder_sentence

    _survey, indicators = pilot
    indicator = indicators["helpful-refugee-needs"]
    sentence = funder_sentence(indicator_report(indicator=indicator).total, indicator, language)
    assert sentence.startswith(expected)
    assert ("very helpful or helpful" if language == "en" else "très utile ou utile") in sentence
