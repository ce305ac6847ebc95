"""The program's outputs for funder reports (issue 17): what the quiz layer's overview asks
through `quizzes.extensions.program_outputs`, counted from enrolments, lessons, certificates,
training sessions and knowledge-exchange events.

People are counted as cells (quizzes/reports/cells.py) so the indicators' privacy rule applies
to them too: a learner counts once per course, in the month the count is about (their first
lesson, their completion, their certificate, the session's start), with the role and region
of their profile and the language they take the course in. Sessions and events are things, not
people: counted as numbers, with the attendance a trainer recorded at an event.
"""

from collections import Counter
from datetime import date

from django.conf import settings
from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learning.people.models import Cohort, CohortKind, Enrolment
from quizzes.reports import Cell
from quizzes.reports.outputs import OUTPUT_BREAKDOWNS, OutputMeasure

from .models import Certificate


def _month(moment):
    if moment is None:
        return None
    if not isinstance(moment, date) or hasattr(moment, "hour"):
        moment = timezone.localtime(moment).date()
    return moment.replace(day=1)


def _cells(rows):
    """Cells from (course, cohort, role, language, region, month) keys, one person each."""
    counts = Counter(rows)
    return [
        Cell(
            course=course,
            cohort=cohort,
            role=role or "",
            language=language or "",
            region=region or "",
            browser=False,
            month=month,
            people=people,
            sums=(people,),
        )
        for (course, cohort, role, language, region, month), people in counts.items()
        if month is not None
    ]


KEYS = ("course_id", "cohort_id", "user__profile__role", "language", "user__profile__region")


def _training_enrolments():
    # Attendees of a knowledge-exchange event are counted with the event, not as learners.
    return Enrolment.objects.exclude(cohort__kind=CohortKind.EVENT).order_by()


def _learners_trained():
    rows = (
        _training_enrolments()
        .filter(lesson_progress__isnull=False)
        # One row per enrolment (its pk in the GROUP BY), with its first lesson's time.
        .values("pk", *KEYS)
        .annotate(first=Min("lesson_progress__completed_at"))
        .values_list("pk", *KEYS, "first")
    )
    return _cells((*keys, _month(first)) for _pk, *keys, first in rows)


def _completions():
    rows = (
        _training_enrolments().filter(completed_at__isnull=False).values_list(*KEYS, "completed_at")
    )
    return _cells((*keys, _month(moment)) for *keys, moment in rows)


def _certificates():
    rows = Certificate.objects.exclude(enrolment__cohort__kind=CohortKind.EVENT).values_list(
        *(f"enrolment__{key}" for key in KEYS), "issued_at"
    )
    return _cells((*keys, _month(moment)) for *keys, moment in rows)


def _held(kind, filters):
    """Sessions or events of `kind` held (started by today) within the filters' months,
    course, session and region: role and language describe people, not sessions."""
    held = Cohort.objects.filter(kind=kind, starts_on__lte=timezone.localdate())
    if filters.course_id:
        held = held.filter(course_id=filters.course_id)
    if filters.cohort_id:
        held = held.filter(pk=filters.cohort_id)
    if filters.region:
        held = held.filter(region=filters.region)
    if filters.date_from:
        held = held.filter(starts_on__gte=filters.date_from)
    if filters.date_to:
        held = held.filter(starts_on__lte=filters.date_to)
    return held


def _session_attendance():
    rows = (
        Enrolment.objects.filter(
            cohort__kind=CohortKind.TRAINING, cohort__starts_on__lte=timezone.localdate()
        )
        .order_by()
        .values_list(*KEYS, "cohort__starts_on")
    )
    return _cells((*keys, _month(day)) for *keys, day in rows)


def program_outputs(*, filters):
    size = settings.OUTPUT_MIN_GROUP_SIZE
    sessions = _held(CohortKind.TRAINING, filters)
    events = list(_held(CohortKind.EVENT, filters).values_list("attendance", flat=True))
    return [
        OutputMeasure(
            key="learners_trained",
            label=_("Learners trained"),
            definition=_(
                "Learners who completed at least one lesson of a course, counted once per "
                "course, in the month of their first lesson."
            ),
            cells=_learners_trained(),
            breakdowns=OUTPUT_BREAKDOWNS,
            min_group_size=size,
        ),
        OutputMeasure(
            key="completions",
            label=_("Courses completed"),
            definition=_("Courses completed: every requirement of the course's path met."),
            cells=_completions(),
            min_group_size=size,
        ),
        OutputMeasure(
            key="certificates",
            label=_("Certificates issued"),
            definition=_("Certificates of completion issued."),
            cells=_certificates(),
            min_group_size=size,
        ),
        OutputMeasure(
            key="sessions",
            label=_("Training sessions held"),
            definition=_(
                "Training sessions that started in the period (role and language filters do "
                "not apply)."
            ),
            count=sessions.count(),
        ),
        OutputMeasure(
            key="session_attendance",
            label=_("Learners who joined a training session"),
            definition=_("Learners who joined a training session held in the period."),
            cells=_session_attendance(),
            min_group_size=size,
        ),
        OutputMeasure(
            key="events",
            label=_("Knowledge-exchange events held"),
            definition=_(
                "Knowledge-exchange events held in the period (role and language filters do "
                "not apply)."
            ),
            count=len(events),
        ),
        OutputMeasure(
            key="event_attendance",
            label=_("Knowledge-exchange event participants"),
            definition=_("People who attended those events, as counted at each event."),
            count=sum(attendance or 0 for attendance in events),
        ),
    ]
