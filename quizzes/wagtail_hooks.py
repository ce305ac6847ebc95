"""Quizzes and surveys in the Wagtail admin: one screen per quiz, with its questions and choices.

Reached from the admin menu under "Quizzes": "Quizzes and surveys" (QuizViewSet) and
"Assignment roles" (AssignmentRoleViewSet). Trainers add, change and delete both; program leads
list and inspect quizzes (quizzes/migrations/0002_quiz_permissions.py).

Under "Indicators": the dashboard (/admin/indicators/dashboard/, quizzes/views_dashboard.py) and
the indicators themselves (IndicatorViewSet). Trainers define indicators; program leads see them
and the dashboard (quizzes/migrations/0005_indicator_permissions.py).

The quiz editor's panels are in quizzes/admin_panels.py. The panels name the `_en` and `_fr`
fields themselves: wagtail-modeltranslation expands the panels it finds on a model when the app
loads, which is before these viewsets exist, and it never expands an InlinePanel's own `panels=`.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Count
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    Panel,
)
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    DeleteView,
    IndexView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from content.admin_labels import BilingualInspectView

from .admin_panels import QUIZ_PANELS
from .forms_admin import QuizAdminForm, TranslatedAdminForm
from .forms_indicators import IndicatorAdminForm
from .models import AssignmentRole, Indicator, Quiz
from .views_dashboard import IndicatorDashboardView


class QuizIndexView(IndexView):
    page_title = _("Quizzes and surveys")
    add_item_label = _("Add quiz or survey")

    def get_base_queryset(self):
        # The question count is annotated: one query for the whole page of quizzes.
        return (
            super()
            .get_base_queryset()
            .select_related("course")
            .annotate(question_count=Count("questions"))
        )


class QuizDeleteView(DeleteView):
    """A quiz that learners answered stays: its attempts feed indicators (and are protected)."""

    def form_valid(self, form):
        if self.object.attempts.exists():
            messages.error(
                self.request,
                gettext(
                    "Learners have answered “%(quiz)s”: it cannot be deleted, or their answers "
                    "would be lost to the indicators."
                )
                % {"quiz": self.object},
            )
            return redirect(self.get_success_url())
        return super().form_valid(form)


class QuizViewSet(SnippetViewSet):
    model = Quiz
    icon = "form"
    menu_label = _("Quizzes and surveys")
    index_view_class = QuizIndexView
    delete_view_class = QuizDeleteView
    # Read-only page for program leads, who have "view" only, in the admin's language.
    inspect_view_enabled = True
    inspect_view_class = BilingualInspectView
    # A copy would keep the slug, which must be unique.
    copy_view_enabled = False
    list_display = [
        "title",
        "kind",
        "course",
        Column("question_count", label=_("Questions"), sort_key="question_count"),
        DateColumn("updated_at", label=_("Updated"), sort_key="updated_at"),
    ]
    list_filter = ["kind", "course"]
    # Database search over both languages; keeps the question count annotation.
    search_backend_name = None
    search_fields = ["title_en", "title_fr"]
    edit_handler = ObjectList(QUIZ_PANELS, base_form_class=QuizAdminForm)


class AssignmentRoleViewSet(SnippetViewSet):
    model = AssignmentRole
    icon = "user"
    menu_label = _("Assignment roles")
    list_display = ["label", "code", "sort_order"]
    search_backend_name = None
    search_fields = ["code", "label_en", "label_fr"]
    edit_handler = ObjectList(
        [
            FieldPanel("code"),
            FieldPanel("label_en"),
            FieldPanel("label_fr"),
            FieldPanel("sort_order"),
        ],
        base_form_class=TranslatedAdminForm,
    )


class QuizzesViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Quizzes")
    menu_icon = "form"
    items = (QuizViewSet, AssignmentRoleViewSet)


register_snippet(QuizzesViewSetGroup)


# --- Indicators ------------------------------------------------------------------------------

INDICATORS_SUBMENU_HOOK = "register_indicators_menu_item"


def _definition_field_label(key):
    """The name of what changed between two versions: "questions", "definition (French)"."""
    for code, language in settings.LANGUAGES:
        if key == f"definition_{code}":
            label = Indicator._meta.get_field("definition").verbose_name
            return f"{label} ({language})"
    try:
        return str(Indicator._meta.get_field(key).verbose_name)
    except FieldDoesNotExist:  # a key from an older definition format
        return key


def version_changes(version, previous):
    """The fields whose change started this version, in words."""
    if previous is None:
        return gettext("First version")
    changed = [
        _definition_field_label(key)
        for key in version.definition
        if version.definition.get(key) != previous.definition.get(key)
    ]
    if not changed:
        return ""
    return gettext("Changed: %(fields)s") % {"fields": ", ".join(str(c) for c in changed)}


class IndicatorHistoryPanel(Panel):
    """Read-only, on a saved indicator: its current version and every version with its date.

    Reports and exports name the version whose definition produced their figures.
    """

    class BoundPanel(Panel.BoundPanel):
        def is_shown(self):
            return bool(self.instance is not None and self.instance.pk)

        def render_html(self, parent_context=None):
            versions = list(self.instance.versions.order_by("number"))
            items = []
            for index, version in enumerate(versions):
                previous = versions[index - 1] if index else None
                items.append(
                    (
                        gettext("Version %(number)s") % {"number": version.number},
                        date_format(timezone.localtime(version.created_at), "DATETIME_FORMAT"),
                        version_changes(version, previous),
                    )
                )
            items.reverse()
            intro = gettext(
                "This is version %(number)s of the definition. A change to the kind, the "
                "questions, the target, the thresholds or the definition text starts a new "
                "version; a change to the name or the order does not."
            ) % {"number": self.instance.version}
            if not items:
                return format_html(
                    '<p data-indicator-version="{}">{}</p>', self.instance.version, intro
                )
            return format_html(
                '<p data-indicator-version="{}">{}</p><ol reversed>{}</ol>',
                self.instance.version,
                intro,
                format_html_join(
                    "",
                    "<li><strong>{}</strong> — {}{}</li>",
                    (
                        (label, when, format_html(" — {}", changes) if changes else "")
                        for label, when, changes in items
                    ),
                ),
            )


INDICATOR_PANELS = [
    FieldPanel("code"),
    FieldPanel("name_en"),
    FieldPanel("name_fr"),
    FieldPanel("definition_en"),
    FieldPanel("definition_fr"),
    FieldPanel("kind"),
    MultiFieldPanel(
        [FieldPanel("questions"), FieldPanel("pre_questions")],
        heading=_("Questions it reads"),
    ),
    MultiFieldPanel(
        [
            FieldRowPanel([FieldPanel("target"), FieldPanel("threshold")]),
            FieldPanel("min_group_size"),
            FieldPanel("include_browser_reported"),
            FieldPanel("sort_order"),
        ],
        heading=_("Target and reporting"),
    ),
    IndicatorHistoryPanel(heading=_("Version history")),
]


def indicator_kind_label(indicator):
    return indicator.get_kind_display()


class IndicatorIndexView(IndexView):
    page_title = _("Indicators")
    add_item_label = _("Add indicator")


class IndicatorViewSet(SnippetViewSet):
    model = Indicator
    icon = "crosshairs"
    menu_label = _("Indicators")
    index_view_class = IndicatorIndexView
    # Read-only page for program leads, who have "view" only, in the admin's language.
    inspect_view_enabled = True
    inspect_view_class = BilingualInspectView
    # A copy would keep the code, which must be unique.
    copy_view_enabled = False
    list_display = [
        "name",
        "code",
        Column("kind", label=_("Kind"), accessor=indicator_kind_label),
        Column("version", label=_("Version"), sort_key="version"),
        Column("sort_order", label=_("Order"), sort_key="sort_order"),
        DateColumn("updated_at", label=_("Updated"), sort_key="updated_at"),
    ]
    list_filter = ["kind"]
    search_backend_name = None
    search_fields = ["code", "name_en", "name_fr"]
    edit_handler = ObjectList(INDICATOR_PANELS, base_form_class=IndicatorAdminForm)


class IndicatorDashboardMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("quizzes.view_indicator")


class IndicatorsViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Indicators")
    menu_icon = "table"
    items = (IndicatorViewSet,)
    # The dashboard joins this submenu through the hook below.
    submenu_hook = INDICATORS_SUBMENU_HOOK


register_snippet(IndicatorsViewSetGroup)


@hooks.register("register_admin_urls")
def register_indicator_dashboard_urls():
    return [
        path(
            "indicators/dashboard/",
            IndicatorDashboardView.as_view(),
            name="indicator_dashboard",
        ),
    ]


@hooks.register(INDICATORS_SUBMENU_HOOK)
def register_indicator_dashboard_menu_item():
    return IndicatorDashboardMenuItem(
        _("Indicators dashboard"),
        reverse("indicator_dashboard"),
        name="indicator-dashboard",
        icon_name="table",
        # Before "Indicators" (order 1): what program leads come for.
        order=0,
    )


@hooks.register("register_admin_urls")
def register_indicator_export_urls():
    from django.urls import include, path

    return [path("indicators/", include("quizzes.admin_urls"))]
