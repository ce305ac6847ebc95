"""Admin views for knowledge-exchange events: training sessions of kind "event" (issue 17).

An event is a community gathering — sponsors, settlement agencies and newcomers sharing local
resources — run with a partner agency. It is a `Cohort` with `kind=event`: its course holds
the evaluation survey attendees answer after joining with the code, `starts_on` is the event's
date and `ends_on` the last day to join, and `attendance` counts everyone who came, with or
without an account. Trainers list, create and edit events apart from training sessions, with
the same rule of who sees what (cohort_access.py) and the same views (cohort_admin.py): these
classes only add the kind, the event's wording and its fields.
"""

from django.contrib.admin.utils import quote
from django.http import Http404
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column

from learning.people.models import CohortKind

from .cohort_access import runs_session, runs_sessions
from .cohort_admin import (
    CohortCreateView,
    CohortDeleteView,
    CohortEditView,
    CohortForm,
    CohortHistoryView,
    CohortIndexView,
    CohortInspectView,
    CohortProgressView,
    CohortUsageView,
    JoinLinkPanel,
)

# The events' admin URL names (learning/wagtail_hooks.py, EventViewSet).
EVENT_URLS = "knowledge_exchange_events"

# What anyone who may list events sees of one; its trainer and superusers see the code too.
EVENT_PUBLIC_FIELDS = [
    "name",
    "course",
    "starts_on",
    "ends_on",
    "partner_organisation",
    "organisation",
    "region",
    "attendance",
]

EVENT_PANELS = [
    FieldPanel(
        "course",
        heading=_("Evaluation course"),
        help_text=_("The course whose evaluation survey attendees answer after the event."),
    ),
    FieldPanel("name", heading=_("Title")),
    FieldRowPanel(
        [
            FieldPanel("starts_on", heading=_("Date of the event")),
            FieldPanel(
                "ends_on",
                heading=_("Join until"),
                help_text=_("Attendees can join to answer the survey until the end of this day."),
            ),
        ]
    ),
    MultiFieldPanel(
        [
            FieldPanel("partner_organisation"),
            FieldPanel("trainer"),
            FieldPanel("organisation"),
            FieldPanel("region"),
        ],
        heading=_("Who runs it"),
    ),
    FieldPanel("attendance"),
    FieldPanel("survey_due"),
    InlinePanel(
        "meetings",
        heading=_("Time and place (optional)"),
        label=_("Meeting"),
        help_text=_("Times are in your time zone; each attendee sees them in theirs."),
    ),
]


def event_date(cohort):
    return date_format(cohort.starts_on)


def attendance_display(cohort):
    return "" if cohort.attendance is None else cohort.attendance


EVENT_LIST_DISPLAY = [
    "name",
    Column("date", label=_("Date"), accessor=event_date, sort_key="starts_on"),
    Column("partner_organisation", label=_("Partner organisation")),
    Column("attendance", label=_("Attendance"), accessor=attendance_display, sort_key="attendance"),
    Column("learner_count", label=_("Joined for the survey"), sort_key="learner_count"),
]


class EventForm(CohortForm):
    """The session form; a new record made here is an event."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance._state.adding:
            self.instance.kind = CohortKind.EVENT


class EventJoinLinkPanel(JoinLinkPanel):
    class BoundPanel(JoinLinkPanel.BoundPanel):
        template_name = "learning/admin/event_join_link_panel.html"


class EventsOnlyMixin:
    """A view of one event: a training session's id answers 404 here (it has its own pages)."""

    def get_object(self, *args, **kwargs):
        cohort = super().get_object(*args, **kwargs)
        if cohort.kind != CohortKind.EVENT:
            raise Http404
        return cohort


class EventIndexView(CohortIndexView):
    page_title = _("Knowledge-exchange events")
    add_item_label = _("Add knowledge-exchange event")
    kind = CohortKind.EVENT


class EventCreateView(CohortCreateView):
    def get_success_message(self, instance):
        return _(
            "Knowledge-exchange event “%(name)s” created. Attendees join with the code "
            "%(code)s to answer its survey."
        ) % {"name": instance.name, "code": instance.code}


class EventEditView(EventsOnlyMixin, CohortEditView):
    pass


class EventDeleteView(EventsOnlyMixin, CohortDeleteView):
    pass


class EventHistoryView(EventsOnlyMixin, CohortHistoryView):
    pass


class EventUsageView(EventsOnlyMixin, CohortUsageView):
    pass


class EventInspectView(EventsOnlyMixin, CohortInspectView):
    def get_fields(self):
        return list(EVENT_PUBLIC_FIELDS)


class EventProgressView(CohortProgressView):
    index_label = _("Knowledge-exchange events")

    def dispatch(self, request, *args, **kwargs):
        # Whoever does not run sessions is refused by the parent before any lookup.
        user = request.user
        if runs_sessions(user) and runs_session(user, self.cohort) and not self.cohort.is_event:
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class CohortAdminURLFinder(ModelAdminURLFinder):
    """Edit links from elsewhere in the admin (history, search) open an event in the events'
    pages and a training session in the sessions'."""

    event_edit_url_name = None

    def construct_edit_url(self, instance):
        if instance.is_event:
            name = self.event_edit_url_name
        else:
            name = instance.snippet_viewset.get_url_name("edit")
        return reverse(name, args=[quote(instance.pk)])
