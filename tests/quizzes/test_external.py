"""Attempts scored outside the quiz engine (H5P today): quizzes.services.attempt_record_external."""

from decimal import Decimal

import pytest

from quizzes import extensions
from quizzes.models import Answer, AttemptSource, QuizKind
from quizzes.services import attempt_record_external
from tests.learning.factories import EnrolmentFactory, ProfileFactory
from tests.quizzes.factories import make_quiz, single

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiz(course):
    return make_quiz([single(points=4), single(code="second")], course=course, pass_mark=70)


@pytest.fixture
def enrolled(learner, course):
    ProfileFactory(user=learner, role="sponsor", region="ottawa", evaluation_consent=True)
    EnrolmentFactory(user=learner, course=course)
    return learner


def test_a_score_becomes_a_submitted_browser_reported_attempt(enrolled, quiz, course):
    attempt = attempt_record_external(
        user=enrolled, quiz=quiz, raw=Decimal(3), maximum=Decimal(4), source=AttemptSource.H5P
    )

    assert attempt.submitted_at is not None
    assert attempt.source == AttemptSource.H5P
    assert attempt.browser_reported is True
    # 3 of 4 on the first scored question (worth 4 points): 3 points, 75%, passed at 70.
    assert attempt.score == Decimal("3.000")
    assert attempt.max_score == Decimal("4.000")
    assert attempt.percent == Decimal("75.00")
    assert attempt.passed is True
    # The learner's snapshot and course, as for an attempt taken on the site.
    assert (attempt.role, attempt.region, attempt.counts_for_evaluation) == (
        "sponsor",
        "ottawa",
        True,
    )
    assert attempt.course_id == course.pk
    [answer] = Answer.objects.filter(attempt=attempt)
    assert answer.question_code == "who-pays"


def test_it_tells_the_layers_above(enrolled, quiz):
    heard = []

    def listener(*, attempt, user):
        heard.append((attempt.pk, user.pk))

    extensions.attempt_submitted.register(listener)
    try:
        attempt = attempt_record_external(
            user=enrolled, quiz=quiz, raw=1, maximum=1, source=AttemptSource.H5P
        )
    finally:
        extensions.attempt_submitted.unregister(listener)
    assert heard == [(attempt.pk, enrolled.pk)]


def test_nothing_is_recorded_past_the_attempt_limit(enrolled, quiz):
    quiz.attempts_allowed = 1
    quiz.save()
    first = attempt_record_external(
        user=enrolled, quiz=quiz, raw=1, maximum=2, source=AttemptSource.H5P
    )
    second = attempt_record_external(
        user=enrolled, quiz=quiz, raw=2, maximum=2, source=AttemptSource.H5P
    )

    assert first is not None
    assert second is None
    assert quiz.attempts.count() == 1


def test_an_anonymous_survey_takes_no_external_score(enrolled, course):
    survey = make_quiz([single()], course=course, kind=QuizKind.EVALUATION_SURVEY, anonymous=True)

    assert (
        attempt_record_external(
            user=enrolled, quiz=survey, raw=1, maximum=1, source=AttemptSource.H5P
        )
        is None
    )
    assert survey.attempts.count() == 0
