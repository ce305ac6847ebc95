"""Reads for quizzes: what a learner sees, how they stand, which lessons need which quiz."""

from dataclasses import dataclass
from random import Random

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from wagtail.models import ReferenceIndex

from content.models import LessonPage

from .models import Attempt, FeedbackTiming, GradingPolicy, QuestionKind, Quiz, QuizKind
from .services import respondent_key_for


def ordered_choices(question, *, attempt, shuffle):
    """Choices in the trainer's order, or shuffled the same way every time for one attempt."""
    choices = list(question.choices.all())
    if shuffle and attempt is not None:
        Random(f"{attempt.pk}:{question.pk}").shuffle(choices)  # noqa: S311 - not security
    return choices


def _user_attempts(*, quiz, user):
    if quiz.anonymous:
        key = respondent_key_for(user=user, quiz=quiz)
        return Attempt.objects.filter(quiz=quiz, respondent_key=key)
    return Attempt.objects.filter(quiz=quiz, user=user)


@dataclass
class Grade:
    quiz: Quiz
    counted: Attempt | None
    attempts_used: int
    open_attempt: Attempt | None

    @property
    def passed(self):
        return bool(self.counted and self.counted.passed)

    @property
    def submitted(self):
        return self.counted is not None

    @property
    def attempts_left(self):
        if not self.quiz.attempts_allowed:
            return None
        return max(0, self.quiz.attempts_allowed - self.attempts_used)

    @property
    def can_start(self):
        if self.open_attempt is not None:
            return True
        if self.quiz.anonymous:
            return self.attempts_used == 0
        return self.attempts_left is None or self.attempts_left > 0


def counted_attempt(attempts, policy):
    """The submitted attempt that counts under the quiz's grading policy."""
    submitted = [attempt for attempt in attempts if attempt.submitted_at is not None]
    if not submitted:
        return None
    by_time = sorted(submitted, key=lambda attempt: (attempt.submitted_at, attempt.pk))
    if policy == GradingPolicy.FIRST:
        return by_time[0]
    if policy == GradingPolicy.LATEST:
        return by_time[-1]
    # Highest: the best percentage; the earliest of equals.
    return max(by_time, key=lambda attempt: (attempt.percent or 0, -by_time.index(attempt)))


def quiz_grade(*, quiz, user):
    attempts = list(_user_attempts(quiz=quiz, user=user)) if user.is_authenticated else []
    open_attempt = next((a for a in attempts if a.submitted_at is None), None)
    return Grade(
        quiz=quiz,
        counted=counted_attempt(attempts, quiz.grading_policy),
        attempts_used=sum(1 for a in attempts if a.submitted_at is not None),
        open_attempt=open_attempt,
    )


def answer_key_shown(*, quiz, user=None, grade=None):
    """Whether a submitted attempt's result shows the right answers, the choices' feedback and
    the explanations (issue 14: feedback that teaches without giving away answers still to be
    given). "Never" shows none; "immediately" gave them question by question already; "after
    submit" waits until the learner can no longer use them on this quiz: passed, or no attempt
    left. Until then the result says which answers were right, not what was. `grade`: the
    learner's, when already read; otherwise read for `user`, and only for "after submit"."""
    if quiz.feedback_timing == FeedbackTiming.NEVER:
        return False
    if quiz.feedback_timing == FeedbackTiming.IMMEDIATE:
        return True
    if grade is None:
        grade = quiz_grade(quiz=quiz, user=user)
    return grade.passed or not grade.can_start


def grades_for_courses(*, user, course_ids):
    """{course id: [Grade, …]} for the pre/post tests and surveys of those courses.

    Two queries whatever the number of courses and attempts (quizzes, then attempts).
    """
    quizzes = list(
        Quiz.objects.filter(course_id__in=course_ids)
        .exclude(kind=QuizKind.KNOWLEDGE_CHECK)
        # For "10 questions, about 5 minutes" on the learner's path (learning/progress/path.py).
        .annotate(question_count=Count("questions"))
        .order_by("course_id", "kind", "title")
    )
    if not quizzes:
        return {}
    # Identified attempts by account; anonymous responses by the learner's key for each survey.
    condition = Q(user=user)
    for quiz in quizzes:
        if quiz.anonymous:
            condition |= Q(quiz=quiz, respondent_key=respondent_key_for(user=user, quiz=quiz))
    attempts = Attempt.objects.filter(quiz__in=quizzes).filter(condition)
    by_quiz = {}
    for attempt in attempts:
        by_quiz.setdefault(attempt.quiz_id, []).append(attempt)
    grades = {}
    for quiz in quizzes:
        mine = by_quiz.get(quiz.pk, [])
        grades.setdefault(quiz.course_id, []).append(
            Grade(
                quiz=quiz,
                counted=counted_attempt(mine, quiz.grading_policy),
                attempts_used=sum(1 for a in mine if a.submitted_at is not None),
                open_attempt=next((a for a in mine if a.submitted_at is None), None),
            )
        )
    return grades


def required_quiz_ids(*, lesson):
    """Quizzes a lesson requires, from its stream in either language (quiz blocks, and H5P
    blocks that record their results as a quiz)."""
    ids = set()
    for name in ("body_en", "body_fr"):
        for block in getattr(lesson, name, None) or []:
            if block.block_type in ("quiz", "h5p") and block.value.get("required"):
                quiz = block.value.get("quiz")
                if quiz is not None:
                    ids.add(quiz.pk)
    return ids


def lessons_requiring(*, quiz):
    """Lessons that embed `quiz` as required (Wagtail's reference index finds the candidates)."""
    lesson_type = ContentType.objects.get_for_model(LessonPage)
    ids = (
        ReferenceIndex.get_references_to(quiz)
        .filter(content_type=lesson_type)
        .values_list("object_id", flat=True)
    )
    lessons = LessonPage.objects.filter(pk__in=[int(pk) for pk in set(ids)])
    return [lesson for lesson in lessons if quiz.pk in required_quiz_ids(lesson=lesson)]


def lesson_embedding(*, quiz):
    """The live lesson that shows `quiz` (a quiz block, or an H5P block recording its results as
    it), for the result page's way back to it (issue 14); None when no lesson does."""
    lesson_type = ContentType.objects.get_for_model(LessonPage)
    ids = (
        ReferenceIndex.get_references_to(quiz)
        .filter(content_type=lesson_type)
        .values_list("object_id", flat=True)
    )
    return (
        LessonPage.objects.live()
        .filter(pk__in=[int(pk) for pk in set(ids)])
        .order_by("path")
        .first()
    )


def passed_any(*, quiz_ids, user):
    for quiz in Quiz.objects.filter(pk__in=quiz_ids):
        if quiz_grade(quiz=quiz, user=user).passed:
            return True
    return False


def feedback_due(*, question, answer):
    """Whether an answer's immediate feedback may show yet. A role assignment's explanation
    and verdict speak of every task: shown after the first of four dropdowns, they gave the
    rest of the key away (issue 14). So it waits until every task is assigned."""
    if answer is None:
        return False
    if question.kind == QuestionKind.ROLE_ASSIGNMENT:
        tasks = {choice.code for choice in question.choices.all()}
        return tasks <= set((answer.assignments or {}).keys())
    return True
