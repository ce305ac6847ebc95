from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.admin_url_finder import register_admin_url_finder
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

import learning.inputs  # noqa: F401 - registers the <id:…> path converter
from learning.people.models import Cohort
from learning.plans.admin import PlanTaskViewSet
from learning.progress.cohort_access import CohortPermissionPolicy
from learning.progress.cohort_admin import (
    PUBLIC_FIELDS,
    CohortCreateView,
    CohortDeleteView,
    CohortEditView,
    CohortForm,
    CohortHistoryView,
    CohortIndexView,
    CohortInspectView,
    CohortProgressCSVView,
    CohortProgressView,
    CohortUsageView,
    JoinLinkPanel,
    cohort_dates,
)
from learning.progress.event_admin import (
    EVENT_LIST_DISPLAY,
    EVENT_PANELS,
    EVENT_PUBLIC_FIELDS,
    EVENT_URLS,
    CohortAdminURLFinder,
    EventCreateView,
    EventDeleteView,
    EventEditView,
    EventForm,
    EventHistoryView,
    EventIndexView,
    EventInspectView,
    EventJoinLinkPanel,
    EventProgressView,
    EventUsageView,
)
from learning.progress.trainer_home import trainer_home_panels

# Editing or deleting one session, also in bulk actions, needs running it (cohort_access.py).
register_permission_policy(Cohort, CohortPermissionPolicy(Cohort))


class CohortViewSet(SnippetViewSet):
    """Training sessions: trainers create them, hand out the join link and follow their own;
    program leads see that sessions exist and how many joined (cohort_admin.py)."""

    model = Cohort
    icon = "group"
    menu_label = _("Training sessions")
    add_to_admin_menu = True
    index_view_class = CohortIndexView
    add_view_class = CohortCreateView
    edit_view_class = CohortEditView
    delete_view_class = CohortDeleteView
    history_view_class = CohortHistoryView
    usage_view_class = CohortUsageView
    inspect_view_class = CohortInspectView
    # Copying would copy the join code, which must stay unique.
    copy_view_enabled = False
    # Read-only view for program leads and other trainers, without the session's people.
    inspect_view_enabled = True
    inspect_view_fields = PUBLIC_FIELDS
    list_filter = ["course", "region"]
    search_fields = ["name", "organisation"]
    # Plain database search, so the listing's learner count annotation survives a search.
    search_backend_name = None

    # What everyone who lists sessions sees; CohortIndexView adds the trainer, the join code
    # and the progress link for those who run sessions.
    list_display = [
        "name",
        "course",
        Column("dates", label=_("Dates"), accessor=cohort_dates, sort_key="starts_on"),
        Column("learner_count", label=_("Learners joined"), sort_key="learner_count"),
    ]

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            progress_url_name=self.get_url_name("progress"), **kwargs
        )

    def get_edit_handler(self):
        return ObjectList(
            [
                JoinLinkPanel(
                    heading=_("How learners join"), progress_url_name=self.get_url_name("progress")
                ),
                *Cohort.panels,
            ],
            base_form_class=CohortForm,
        ).bind_to_model(self.model)

    @property
    def progress_view(self):
        return self.construct_view(
            CohortProgressView, progress_csv_url_name=self.get_url_name("progress_csv")
        )

    @property
    def progress_csv_view(self):
        return self.construct_view(CohortProgressCSVView)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("progress/<id:pk>/", self.progress_view, name="progress"),
            path("progress/<id:pk>/csv/", self.progress_csv_view, name="progress_csv"),
        ]


register_snippet(CohortViewSet)


class EventViewSet(CohortViewSet):
    """Knowledge-exchange events (issue 17): the same records, views and permissions as
    training sessions, listed apart with the event's fields (event_admin.py). Cohort is
    registered as a snippet once, by CohortViewSet: this one adds only its menu item and URLs."""

    icon = "calendar"
    menu_label = _("Knowledge-exchange events")
    url_prefix = "knowledge-exchange-events"
    url_namespace = EVENT_URLS
    index_view_class = EventIndexView
    add_view_class = EventCreateView
    edit_view_class = EventEditView
    delete_view_class = EventDeleteView
    history_view_class = EventHistoryView
    usage_view_class = EventUsageView
    inspect_view_class = EventInspectView
    inspect_view_fields = EVENT_PUBLIC_FIELDS
    list_display = EVENT_LIST_DISPLAY
    search_fields = ["name", "organisation", "partner_organisation"]

    def get_edit_handler(self):
        return ObjectList(
            [
                EventJoinLinkPanel(
                    heading=_("How attendees answer the survey"),
                    progress_url_name=self.get_url_name("progress"),
                ),
                *EVENT_PANELS,
            ],
            base_form_class=EventForm,
        ).bind_to_model(self.model)

    @property
    def progress_view(self):
        return self.construct_view(
            EventProgressView, progress_csv_url_name=self.get_url_name("progress_csv")
        )

    def on_register(self):
        self.register_menu_item()
        # One admin URL finder for Cohort, which sends each record to its own pages.
        finder = type(
            "CohortAdminURLFinder",
            (CohortAdminURLFinder,),
            {"event_edit_url_name": self.get_url_name("edit")},
        )
        register_admin_url_finder(Cohort, finder)


@hooks.register("register_admin_viewset")
def register_event_viewset():
    return EventViewSet()


# The action plan's task list, in both languages (issue 18); plans have no admin view.
register_snippet(PlanTaskViewSet)


@hooks.register("construct_homepage_panels")
def add_trainer_home_panels(request, panels):
    # A trainer's admin home (issue 16): their sessions, pages missing French, latest results.
    panels.extend(trainer_home_panels(request))
