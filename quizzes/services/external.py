"""Attempts scored outside the quiz engine: H5P activities today, another source tomorrow."""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language

from ..extensions import attempt_submitted
from ..models import Answer, Attempt
from ..scoring import percent
from .snapshot import course_and_cohort, profile_snapshot

SCORE_PLACES = Decimal("0.001")


@transaction.atomic
def attempt_record_external(*, user, quiz, raw, maximum, source, course=None):
    """Record a score given elsewhere as a submitted attempt on `quiz`, or None.

    The score (0 <= raw <= maximum, checked by the caller) becomes one answer on the quiz's
    first scored question, worth raw / maximum of its points. The attempt is marked as
    reported by the learner's browser: indicators count it only when told to. Returns None,
    recording nothing, when the quiz cannot take it: an anonymous or unscored quiz, no scored
    question, or the learner's attempts used up.
    """
    if quiz.anonymous or not quiz.is_scored:
        return None
    question = next((q for q in quiz.questions.order_by("sort_order") if q.is_scored), None)
    if question is None or not question.points:
        return None
    submitted = Attempt.objects.filter(quiz=quiz, user=user, submitted_at__isnull=False).count()
    if quiz.attempts_allowed and submitted >= quiz.attempts_allowed:
        return None
    attempt_course, cohort_id = course_and_cohort(user=user, quiz=quiz, course=course)
    now = timezone.now()
    points = Decimal(question.points)
    score = (Decimal(raw) / Decimal(maximum) * points).quantize(SCORE_PLACES)
    attempt = Attempt.objects.create(
        quiz=quiz,
        user=user,
        course=attempt_course,
        cohort_id=cohort_id,
        language=get_language() or "",
        number=submitted + 1,
        quiz_revision=quiz.revision,
        started_at=now,
        submitted_at=now,
        score=score,
        max_score=points.quantize(SCORE_PLACES),
        percent=percent(score, points),
        source=source,
        browser_reported=True,
        **profile_snapshot(user),
    )
    attempt.passed = attempt.percent >= quiz.pass_mark
    attempt.save(update_fields=["passed"])
    Answer.objects.create(
        attempt=attempt,
        question=question,
        question_code=question.code,
        score=score,
        max_score=points,
        answered_at=now,
    )
    attempt_submitted(attempt=attempt, user=user)
    return attempt
