"""A trainer's admin home (issue 16): their sessions with completion, the courses and lessons
still missing French, and the latest quiz results in their sessions.

Wagtail dashboard panels, added by learning/wagtail_hooks.py through `construct_homepage_panels`.
Who sees what follows cohort_access.py: the sessions and results panels list only sessions the
viewer runs (a trainer's own, every session for a superuser), so learners' names reach no one
else; program leads, who run none, get neither panel — not even counts, which would name the
session's trainer's work. The French panel is for whoever may edit pages.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.admin.utils import quote
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from content.french_state import french_states
from content.models import CoursePage, LessonPage
from learning.people.models import Cohort, Enrolment
from quizzes.models import Attempt

from .cohort_access import runs_sessions, sessions_run_by
from .cohort_admin import person_name, score_display
from .cohort_selectors import cohort_quizzes
from .event_admin import EVENT_URLS

COHORT_URLS = "wagtailsnippets_learning_cohort"
# Sessions that ended this long ago still show: trainers follow up the week after.
RECENTLY_ENDED = timedelta(days=14)
SESSIONS_SHOWN = 8
PAGES_SHOWN = 8
RESULTS_SHOWN = 8


@dataclass(frozen=True)
class SessionCompletion:
    cohort: Cohort
    joined: int
    completed: int
    progress_url: str

    @property
    def percent(self):
        return round(100 * self.completed / self.joined) if self.joined else 0


def current_sessions(user, *, today):
    """The sessions `user` runs that are on, coming, or ended in the last two weeks, soonest
    first, with how many joined and completed. One query."""
    cohorts = (
        sessions_run_by(user, Cohort.objects.all())
        .filter(ends_on__gte=today - RECENTLY_ENDED)
        .select_related("course")
        .annotate(
            joined=Count("enrolments"),
            completed=Count("enrolments", filter=Q(enrolments__completed_at__isnull=False)),
        )
        .order_by("starts_on", "name", "pk")
    )
    return [
        SessionCompletion(
            cohort=cohort,
            joined=cohort.joined,
            completed=cohort.completed,
            progress_url=reverse(
                f"{EVENT_URLS if cohort.is_event else COHORT_URLS}:progress",
                args=[quote(cohort.pk)],
            ),
        )
        for cohort in cohorts[:SESSIONS_SHOWN]
    ]


@dataclass(frozen=True)
class RecentResult:
    learner: str
    quiz: str
    score: str
    submitted_at: object
    session: str
    progress_url: str


def recent_results(sessions):
    """The latest submitted attempts at the quizzes each session's progress shows (its course's
    scored quizzes and its lessons' ones), by the session's learners: what the progress tables
    show, newest first. Two queries per session for its quizzes, then two in all."""
    condition = Q()
    for session in sessions:
        quiz_ids = [quiz.pk for quiz in cohort_quizzes(cohort=session.cohort)]
        if quiz_ids:
            learners = Enrolment.objects.filter(cohort=session.cohort).values("user_id")
            condition |= Q(quiz_id__in=quiz_ids, user_id__in=learners)
    if not condition:
        return []
    attempts = list(
        Attempt.objects.filter(condition, submitted_at__isnull=False)
        .select_related("user", "quiz")
        .order_by("-submitted_at", "-pk")[:RESULTS_SHOWN]
    )
    # Which of the viewer's sessions each learner is in, to name it and link its progress.
    by_id = {session.cohort.pk: session for session in sessions}
    session_of = {}
    for user_id, cohort_id in Enrolment.objects.filter(
        cohort_id__in=by_id, user_id__in={attempt.user_id for attempt in attempts}
    ).values_list("user_id", "cohort_id"):
        session_of.setdefault(user_id, []).append(by_id[cohort_id])
    results = []
    for attempt in attempts:
        session = next(
            (
                s
                for s in session_of.get(attempt.user_id, ())
                if attempt.quiz.course_id in (None, s.cohort.course_id)
            ),
            None,
        ) or next(iter(session_of.get(attempt.user_id, ())), None)
        results.append(
            RecentResult(
                learner=person_name(attempt.user),
                quiz=attempt.quiz.title,
                score=score_display(attempt.percent),
                submitted_at=attempt.submitted_at,
                session=session.cohort.name if session else "",
                progress_url=session.progress_url if session else "",
            )
        )
    return results


@dataclass(frozen=True)
class PageMissingFrench:
    page: Page
    fields: list
    edit_url: str


def pages_missing_french(user):
    """The courses and lessons `user` may edit whose French is missing, in site order, and
    how many there are in all. content.french_state decides what counts as missing (the same
    rule as the editor, publishing and the Missing French report)."""
    editable = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    pages = list(editable.type(CoursePage, LessonPage).order_by("path"))
    states = french_states(pages)
    missing = [
        PageMissingFrench(
            page=page,
            fields=states[page.pk],
            edit_url=reverse("wagtailadmin_pages:edit", args=[page.pk]),
        )
        for page in pages
        if states.get(page.pk)
    ]
    return missing[:PAGES_SHOWN], len(missing)


class TrainerPanel(Component):
    """A dashboard panel; `is_shown(user)` decides whether it is on the page at all."""

    def __init__(self, request):
        self.request = request

    @classmethod
    def is_shown(cls, user):
        return True

    def render_html(self, parent_context=None):
        if not self.is_shown(self.request.user):
            return ""
        return super().render_html(parent_context)


class MySessionsPanel(TrainerPanel):
    name = "trainer_sessions"
    order = 50
    template_name = "learning/admin/home/sessions.html"

    @classmethod
    def is_shown(cls, user):
        return runs_sessions(user)

    def get_context_data(self, parent_context=None):
        today = timezone.localdate()
        sessions = current_sessions(self.request.user, today=today)
        return {
            "sessions": sessions,
            "today": today,
            "add_url": reverse(f"{COHORT_URLS}:add"),
            "index_url": reverse(f"{COHORT_URLS}:list"),
        }


class RecentResultsPanel(TrainerPanel):
    name = "trainer_recent_results"
    order = 60
    template_name = "learning/admin/home/recent_results.html"

    @classmethod
    def is_shown(cls, user):
        return runs_sessions(user)

    def get_context_data(self, parent_context=None):
        sessions = current_sessions(self.request.user, today=timezone.localdate())
        return {"results": recent_results(sessions), "has_sessions": bool(sessions)}


class MissingFrenchPanel(TrainerPanel):
    name = "trainer_missing_french"
    order = 55
    template_name = "learning/admin/home/missing_french.html"

    @classmethod
    def is_shown(cls, user):
        return PagePermissionPolicy().user_has_permission(user, "change")

    def get_context_data(self, parent_context=None):
        pages, total = pages_missing_french(self.request.user)
        return {"pages": pages, "total": total, "report_url": reverse("missing_french_report")}


def trainer_home_panels(request):
    """The panels for this viewer, to add to Wagtail's dashboard."""
    return [
        panel(request)
        for panel in (MySessionsPanel, MissingFrenchPanel, RecentResultsPanel)
        if panel.is_shown(request.user)
    ]
