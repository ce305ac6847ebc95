from django.contrib.admin.utils import quote
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

import learning.inputs  # noqa: F401 - registers the <id:…> path converter
from learning.people.models import Cohort
from learning.progress.cohort_admin import (
    CohortCreateView,
    CohortForm,
    CohortIndexView,
    CohortProgressCSVView,
    CohortProgressView,
    JoinLinkPanel,
    cohort_dates,
    person_name,
)


class CohortViewSet(SnippetViewSet):
    """Training sessions: trainers create them and hand out the join link; leads follow them."""

    model = Cohort
    icon = "group"
    menu_label = _("Training sessions")
    add_to_admin_menu = True
    index_view_class = CohortIndexView
    add_view_class = CohortCreateView
    # Copying would copy the join code, which must stay unique.
    copy_view_enabled = False
    # Read-only view for program leads; also lists "view" among the group permissions.
    inspect_view_enabled = True
    list_filter = ["course", "region"]
    search_fields = ["name", "organisation"]
    # Plain database search, so the listing's learner count annotation survives a search.
    search_backend_name = None

    @cached_property
    def list_display(self):
        progress_url_name = self.get_url_name("progress")

        def progress_link(cohort):
            return format_html(
                '<a href="{}">{}</a>',
                reverse(progress_url_name, args=[quote(cohort.pk)]),
                _("Progress"),
            )

        return [
            "name",
            "course",
            Column("dates", label=_("Dates"), accessor=cohort_dates, sort_key="starts_on"),
            Column(
                "trainer", label=_("Trainer"), accessor=lambda cohort: person_name(cohort.trainer)
            ),
            Column("code", label=_("Join code")),
            Column("learner_count", label=_("Learners joined"), sort_key="learner_count"),
            Column("progress", label=_("Progress"), accessor=progress_link),
        ]

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
