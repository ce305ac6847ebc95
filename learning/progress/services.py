"""Writes for progress: lessons completed, course completion, certificates, H5P results."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from content.h5p.results import h5p_requirements_met, h5p_result_record
from content.models import CompletionRule, LessonPage
from learning.people.models import Enrolment
from learning.people.services import LearningError
from quizzes.models import AttemptSource, Quiz, QuizKind
from quizzes.selectors import lessons_requiring, passed_any, quiz_grade, required_quiz_ids
from quizzes.services import attempt_record_external

from .extensions import course_completed
from .models import Certificate, LessonProgress


def _course_quiz_done(*, course, user, kind, need_pass):
    quizzes = list(Quiz.objects.filter(course=course, kind=kind))
    if not quizzes:
        # A rule that names a quiz the course does not have cannot be met; trainers see why
        # in the course editor's help text. Until then, lessons alone decide.
        return True
    grades = [quiz_grade(quiz=quiz, user=user) for quiz in quizzes]
    return any(grade.passed if need_pass else grade.submitted for grade in grades)


def _course_complete(enrolment):
    course = enrolment.course
    live = set(LessonPage.objects.live().child_of(course).values_list("pk", flat=True))
    done = set(enrolment.lesson_progress.values_list("lesson_id", flat=True))
    if not live or not live <= done:
        return False
    rule = course.completion_rule
    user = enrolment.user
    needs_post_test = rule in (CompletionRule.POST_TEST_PASSED, CompletionRule.POST_TEST_AND_SURVEY)
    needs_survey = rule in (CompletionRule.SURVEY_SUBMITTED, CompletionRule.POST_TEST_AND_SURVEY)
    post_test_ok = not needs_post_test or _course_quiz_done(
        course=course, user=user, kind=QuizKind.POST_TEST, need_pass=True
    )
    survey_ok = not needs_survey or _course_quiz_done(
        course=course, user=user, kind=QuizKind.EVALUATION_SURVEY, need_pass=False
    )
    return post_test_ok and survey_ok


@transaction.atomic
def enrolment_refresh_completion(*, enrolment):
    """Mark the enrolment complete (and issue its certificate) once its rule is satisfied."""
    enrolment = (
        # Only the enrolment's row, not the course page and the account it joins.
        Enrolment.objects.select_for_update(of=("self",))
        .select_related("course", "user")
        .get(pk=enrolment.pk)
    )
    if enrolment.completed_at is None and _course_complete(enrolment):
        enrolment.completed_at = timezone.now()
        enrolment.save(update_fields=["completed_at"])
        certificate = certificate_issue(enrolment=enrolment)
        course_completed(enrolment=enrolment, certificate=certificate)
    return enrolment


@transaction.atomic
def lesson_complete(*, user, lesson):
    """Record that `user` finished `lesson`; completing twice changes nothing."""
    course = lesson.get_parent().specific
    enrolment = Enrolment.objects.filter(user=user, course=course).first()
    if enrolment is None:
        raise LearningError(
            _("Enrol in this course before marking its lessons complete."), code="not_enrolled"
        )
    required = required_quiz_ids(lesson=lesson)
    if required and not passed_any(quiz_ids=required, user=user):
        raise LearningError(_("Pass this lesson's quiz to complete it."), code="quiz_required")
    if not h5p_requirements_met(lesson=lesson, user=user):
        raise LearningError(
            _("Get every answer right in this lesson's activity to complete it."),
            code="h5p_required",
        )
    LessonProgress.objects.get_or_create(enrolment=enrolment, lesson=lesson)
    return enrolment_refresh_completion(enrolment=enrolment)


@transaction.atomic
def quiz_progress_refresh(*, user, quiz, course=None):
    """After a submission: complete the lessons that required this quiz, then the courses."""
    courses = {course.pk} if course is not None else set()
    if quiz.course_id:
        courses.add(quiz.course_id)
    if quiz_grade(quiz=quiz, user=user).passed:
        for lesson in lessons_requiring(quiz=quiz):
            parent_id = lesson.get_parent().pk
            enrolment = Enrolment.objects.filter(user=user, course_id=parent_id).first()
            if enrolment is not None:
                LessonProgress.objects.get_or_create(enrolment=enrolment, lesson=lesson)
                courses.add(parent_id)
    for enrolment in Enrolment.objects.filter(user=user, course_id__in=courses):
        enrolment_refresh_completion(enrolment=enrolment)


def learner_display_name(user):
    return user.get_full_name().strip()


@transaction.atomic
def certificate_issue(*, enrolment):
    course = enrolment.course.specific
    certificate, _created = Certificate.objects.get_or_create(
        enrolment=enrolment,
        defaults={
            "learner_name": learner_display_name(enrolment.user),
            "course_title_en": course.title_en or course.title,
            "course_title_fr": course.title_fr or course.title_en or course.title,
        },
    )
    return certificate


@transaction.atomic
def certificate_name_fill(*, certificate, user):
    """A certificate issued before the learner gave a name takes it when they first download."""
    if not certificate.learner_name:
        certificate.learner_name = learner_display_name(user)
        certificate.save(update_fields=["learner_name"])
    return certificate


def attempt_submitted_refresh(*, attempt, user):
    """Receiver of quizzes.extensions.attempt_submitted (registered in learning/apps.py)."""
    quiz_progress_refresh(user=user, quiz=attempt.quiz, course=attempt.course)


def _lesson_complete_if_allowed(*, user, lesson):
    try:
        lesson_complete(user=user, lesson=lesson)
    except LearningError:
        return False  # not enrolled, or another requirement still missing
    return True


@transaction.atomic
def h5p_statement_record(*, user, package, statement, lesson=None):
    """One xAPI statement from an H5P player, and everything that follows from it.

    The content layer checks the statement and keeps its score (content.h5p.results); when the
    lesson's block records results as a quiz, the quiz engine records an externally scored
    attempt (which completes the lessons and courses it satisfies through `attempt_submitted`);
    a required block completes its lesson at the quiz's pass mark, or at a full score without
    a quiz. All of it is saved together or not at all.
    """
    recorded = h5p_result_record(user=user, package=package, statement=statement, lesson=lesson)
    if recorded.ignored:
        return recorded
    result, quiz = recorded.result, recorded.quiz
    if quiz is not None:
        course = lesson.get_parent().specific if lesson is not None else None
        recorded.attempt = attempt_record_external(
            user=user,
            quiz=quiz,
            raw=result.raw,
            maximum=result.max,
            source=AttemptSource.H5P,
            course=course,
        )
        if recorded.required and recorded.attempt is not None and recorded.attempt.passed:
            recorded.lesson_completed = _lesson_complete_if_allowed(user=user, lesson=lesson)
    elif recorded.required and result.raw >= result.max:
        recorded.lesson_completed = _lesson_complete_if_allowed(user=user, lesson=lesson)
    return recorded
