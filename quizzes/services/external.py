"""Attempts scored outside the quiz engine: H5P activities today, another source tomorrow."""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ..extensions import attempt_submitted
from ..models import Answer, Attempt, Question, QuestionKind, Quiz, QuizKind
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


def _in_each_language(text):
    """{"en": …, "fr": …} of a catalogue string: what a quiz made for a trainer says."""
    values = {}
    for language in ("en", "fr"):
        with translation.override(language):
            values[language] = str(text)
    return values


@transaction.atomic
def external_quiz_for_package(*, package):
    """The quiz that records an H5P package's results, made the first time it is asked for.

    Answers content.extensions.h5p_scoring_quiz: a lesson's H5P block with "score this
    activity" ticked gets it on save, instead of a trainer making a quiz by hand first. One
    per package, found again by its slug, so saving the lesson again (or a form refused for
    another field and sent again) links the same quiz. A knowledge check with one scored
    question, which receives the activity's score (attempt_record_external); its pass mark,
    attempts and titles stay the trainer's to change.
    """
    slug = f"h5p-activity-{package.pk}"
    quiz = Quiz.objects.filter(slug=slug).first()
    if quiz is not None:
        return quiz
    intro = _in_each_language(
        _("The score of the H5P activity, as the learner's browser reports it.")
    )
    text = _in_each_language(_("Score in the H5P activity"))
    quiz = Quiz.objects.create(
        slug=slug,
        kind=QuizKind.KNOWLEDGE_CHECK,
        title=package.title_en or package.title_fr or slug,
        title_en=package.title_en or package.title_fr or slug,
        title_fr=package.title_fr or package.title_en or slug,
        intro=intro["en"],
        intro_en=intro["en"],
        intro_fr=intro["fr"],
    )
    Question.objects.create(
        quiz=quiz,
        sort_order=0,
        code="h5p-score",
        kind=QuestionKind.SINGLE,
        text=text["en"],
        text_en=text["en"],
        text_fr=text["fr"],
        points=1,
    )
    return quiz
