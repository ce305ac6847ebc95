"""Reads for emails: who is owed a reminder, and the trainers' weekly counts (issue 15)."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db.models import CharField, Count, Exists, Max, OuterRef, Q, Value
from django.db.models.functions import Cast, Concat

from learning.people.models import Cohort, CohortMeeting, Enrolment
from learning.people.schedule import session_schedule
from learning.progress.path import DONE, IN_PROGRESS, OPTIONAL
from learning.progress.selectors import progress_for_enrolment

from .models import REMINDER_KINDS, OutgoingEmail


@dataclass(frozen=True)
class ReminderDue:
    enrolment: Enrolment
    step: str  # "pre_test", "post_test" or "survey"

    @property
    def key(self):
        return reminder_key(self.enrolment, self.step)


def reminder_key(enrolment, step):
    return f"reminder:{step}:{enrolment.pk}"


def _days(name, default):
    return timedelta(days=getattr(settings, name, default))


def reminder_candidates(*, now):
    """Enrolments that may be owed a reminder, from the database alone: the learner active and
    wanting reminders, and a step not yet queued whose moment has come
    (enrolled long enough ago or a meeting near, for the pre-test before any lesson; a lesson
    done long enough ago or a due date near, for the post-test and the survey). Whether the
    step is really unfinished is then decided by the learner's path."""
    after = now - _days("REMINDER_DAYS_AFTER", 3)
    before_due = now + _days("REMINDER_DAYS_BEFORE_DUE", 2)
    queued = {
        step: Exists(OutgoingEmail.objects.filter(key=_key_expression(step)))
        for step in REMINDER_KINDS
    }
    near_meeting = Exists(
        CohortMeeting.objects.filter(
            cohort=OuterRef("cohort_id"), starts_at__gt=now, starts_at__lte=before_due
        )
    )
    open_ = Q(completed_at__isnull=True)
    return (
        Enrolment.objects.filter(user__is_active=True, user__profile__reminders=True)
        .exclude(user__email="")
        .annotate(last_lesson_at=Max("lesson_progress__completed_at"))
        .annotate(**{f"queued_{step}": expression for step, expression in queued.items()})
        # Only where a step not yet queued could be owed: the pre-test before any lesson, the
        # post-test and survey after one. A run with nothing new owed reads few rows. A course
        # completed (its post-test and survey optional) still owes, in the days before it, a
        # step its session set a due date for: the trainer asked for it.
        .filter(
            (
                Q(queued_pre_test=False, last_lesson_at__isnull=True)
                & open_
                & (Q(enrolled_at__lte=after) | Q(near_meeting))
            )
            | (
                Q(queued_post_test=False)
                & (
                    (open_ & Q(last_lesson_at__lte=after))
                    | Q(cohort__post_test_due__gt=now, cohort__post_test_due__lte=before_due)
                )
            )
            | (
                Q(queued_survey=False)
                & (
                    (open_ & Q(last_lesson_at__lte=after))
                    | Q(cohort__survey_due__gt=now, cohort__survey_due__lte=before_due)
                )
            )
        )
        .select_related("user", "user__profile", "course", "cohort", "certificate")
        .order_by("pk")
    )


def _key_expression(step):
    # reminder_key() in SQL, so the queue is asked in the same query.
    return Concat(
        Value(f"reminder:{step}:"), Cast(OuterRef("pk"), CharField()), output_field=CharField()
    )


def reminders_due(*, now):
    """Every (enrolment, step) owed a reminder now, once each: a step the path still shows as
    unfinished, a set number of days after the enrolment (pre-test) or the last lesson (post-test,
    survey), or a set number of days before its due date or the session's first meeting."""
    after = now - _days("REMINDER_DAYS_AFTER", 3)
    before_due = now + _days("REMINDER_DAYS_BEFORE_DUE", 2)
    for enrolment in reminder_candidates(now=now).iterator(chunk_size=200):
        progress = progress_for_enrolment(enrolment=enrolment)
        schedule = session_schedule(enrolment.cohort) if enrolment.cohort_id else None
        steps = progress.path.steps
        lessons_done = any(step.kind == "lessons" and step.is_done for step in steps)
        window = {"after": after, "now": now, "before_due": before_due}
        for step in steps:
            if step.kind not in REMINDER_KINDS or getattr(enrolment, f"queued_{step.kind}"):
                continue
            if step.kind == "pre_test":
                owed = _pre_test_owed(step, enrolment=enrolment, schedule=schedule, **window)
            else:
                owed = lessons_done and _after_lessons_owed(
                    step, enrolment=enrolment, schedule=schedule, **window
                )
            if owed:
                yield ReminderDue(enrolment=enrolment, step=step.kind)


def _pre_test_owed(step, *, enrolment, schedule, after, now, before_due):
    # Offered only before the first lesson: once the learner has started, a reminder would send
    # them to a test that no longer counts as a pre-test.
    if enrolment.completed_at is not None or step.state not in (OPTIONAL, IN_PROGRESS):
        return False
    upcoming = schedule.upcoming_meetings if schedule else ()
    first = upcoming[0].starts_at if upcoming else None
    return enrolment.enrolled_at <= after or (first is not None and now < first <= before_due)


def _after_lessons_owed(step, *, enrolment, schedule, after, now, before_due):
    # An optional test or survey is reminded of only when the session set it a due date.
    due = schedule.due(step.kind) if schedule else None
    if step.state == DONE or not (step.required or due):
        return False
    if due is not None and now < due <= before_due:
        return True
    if enrolment.completed_at is not None:
        return False  # a completed course's optional step: only as its due date nears
    return enrolment.last_lesson_at is not None and enrolment.last_lesson_at <= after


def reminder_still_owed(*, enrolment, step):
    """Whether the learner's path still shows `step` unfinished, when its queued reminder is
    about to go: a step done since it was queued is not reminded."""
    progress = progress_for_enrolment(enrolment=enrolment)
    return any(s.kind == step and not s.is_done for s in progress.path.steps)


@dataclass(frozen=True)
class SessionCounts:
    cohort: Cohort
    joined: int
    completed: int
    overdue: int


def trainer_digest(*, trainer, now):
    """Counts for each session the trainer runs that is on or ended in the last two weeks:
    who joined, who completed, who is past a due date with that step unfinished. Counts only:
    the digest names no learner and shows no answer."""
    since = (now - timedelta(days=14)).date()
    cohorts = (
        Cohort.objects.filter(trainer=trainer, ends_on__gte=since)
        .select_related("course")
        .annotate(
            joined=Count("enrolments"),
            completed=Count("enrolments", filter=Q(enrolments__completed_at__isnull=False)),
        )
        .order_by("starts_on", "name")
    )
    rows = []
    for cohort in cohorts:
        overdue = 0
        passed = [
            kind
            for kind, due in (("post_test", cohort.post_test_due), ("survey", cohort.survey_due))
            if due is not None and due <= now
        ]
        if passed:
            # Completed courses too: an optional step with a due date is still owed by then.
            enrolments = cohort.enrolments.select_related("user", "course", "certificate")
            for enrolment in enrolments:
                steps = {s.kind: s for s in progress_for_enrolment(enrolment=enrolment).path.steps}
                if any(kind in steps and not steps[kind].is_done for kind in passed):
                    overdue += 1
        rows.append(
            SessionCounts(
                cohort=cohort, joined=cohort.joined, completed=cohort.completed, overdue=overdue
            )
        )
    return rows
