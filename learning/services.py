"""Writes for the learner side: profiles, enrolment, progress, cohorts, certificates, privacy."""

import logging

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from content.models import CompletionRule, LessonPage

from .models import AccountDeletion, Certificate, Cohort, Enrolment, LessonProgress, Profile

logger = logging.getLogger(__name__)


class LearningError(Exception):
    """A refusal the learner should read: its message is translated."""

    def __init__(self, message, *, code):
        super().__init__(message)
        self.message = message
        self.code = code


@transaction.atomic
def profile_update(*, user, **fields):
    profile, _created = Profile.objects.select_for_update().get_or_create(user=user)
    consent = fields.pop("evaluation_consent", profile.evaluation_consent)
    if consent != profile.evaluation_consent:
        profile.evaluation_consent = consent
        profile.consent_updated_at = timezone.now()
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.save()
    return profile


@transaction.atomic
def enrolment_create(*, user, course, language="en", cohort=None):
    """Enrol `user` once per course; enrolling again returns the existing enrolment."""
    if not course.live:
        raise LearningError(_("This course is not open for enrolment."), code="course_closed")
    try:
        with transaction.atomic():
            enrolment, created = Enrolment.objects.get_or_create(
                user=user, course=course, defaults={"language": language, "cohort": cohort}
            )
    except IntegrityError:
        # Two requests raced (double click): the other one enrolled.
        enrolment, created = Enrolment.objects.get(user=user, course=course), False
    if not created and cohort is not None and enrolment.cohort_id != cohort.pk:
        # Joining a live session later still counts from now on.
        enrolment.cohort = cohort
        enrolment.save(update_fields=["cohort"])
    return enrolment, created


def cohort_for_code(*, code, today=None):
    today = today or timezone.localdate()
    cohort = Cohort.objects.select_related("course").filter(code=code.strip().upper()).first()
    if cohort is None:
        raise LearningError(
            _("There is no training session with that code. Check it with your trainer."),
            code="unknown_code",
        )
    if cohort.ends_on < today:
        raise LearningError(
            _("This training session ended on %(date)s; its code can no longer be used.")
            % {"date": date_format(cohort.ends_on, "DATE_FORMAT")},
            code="expired_code",
        )
    if not cohort.course.live:
        raise LearningError(_("This course is not open for enrolment."), code="course_closed")
    return cohort


@transaction.atomic
def cohort_join(*, user, code, language="en"):
    cohort = cohort_for_code(code=code)
    enrolment, _created = enrolment_create(
        user=user, course=cohort.course.specific, language=language, cohort=cohort
    )
    return enrolment


def _course_quiz_done(*, course, user, kind, need_pass):
    from quizzes.models import Quiz
    from quizzes.selectors import quiz_grade

    quizzes = list(Quiz.objects.filter(course=course, kind=kind))
    if not quizzes:
        # A rule that names a quiz the course does not have cannot be met; trainers see why
        # in the course editor's help text. Until then, lessons alone decide.
        return True
    grades = [quiz_grade(quiz=quiz, user=user) for quiz in quizzes]
    return any(grade.passed if need_pass else grade.submitted for grade in grades)


def _course_complete(enrolment):
    from quizzes.models import QuizKind

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
        Enrolment.objects.select_for_update().select_related("course", "user").get(pk=enrolment.pk)
    )
    if enrolment.completed_at is None and _course_complete(enrolment):
        enrolment.completed_at = timezone.now()
        enrolment.save(update_fields=["completed_at"])
        certificate_issue(enrolment=enrolment)
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
    from quizzes.selectors import passed_any, required_quiz_ids

    required = required_quiz_ids(lesson=lesson)
    if required and not passed_any(quiz_ids=required, user=user):
        raise LearningError(_("Pass this lesson's quiz to complete it."), code="quiz_required")
    from content.h5p.results import h5p_requirements_met

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
    from quizzes.selectors import lessons_requiring, quiz_grade

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


@transaction.atomic
def account_delete(*, user):
    """Delete the person; keep what indicators need without any link back to them."""
    from django.apps import apps

    enrolments = Enrolment.objects.filter(user=user)
    certificates = Certificate.objects.filter(enrolment__user=user).count()
    enrolment_count = enrolments.count()
    anonymised = 0
    # The quiz engine, once installed, keeps attempts for indicators but cuts their owner.
    if apps.is_installed("quizzes"):
        from quizzes.services import attempts_anonymise

        anonymised = attempts_anonymise(user=user)
    log = AccountDeletion.objects.create(
        enrolments_deleted=enrolment_count,
        certificates_deleted=certificates,
        attempts_anonymised=anonymised,
    )
    user.delete()
    logger.info("account deleted: deletion log %s", log.pk)
    return log
