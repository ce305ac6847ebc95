"""Quizzes and surveys in the Wagtail admin: one screen per quiz, with its questions and choices.

Reached from the admin menu under "Quizzes": "Quizzes and surveys" (QuizViewSet) and
"Assignment roles" (AssignmentRoleViewSet). Trainers add, change and delete both; program leads
list and inspect quizzes (quizzes/migrations/0002_quiz_permissions.py).

The panels name the `_en` and `_fr` fields themselves: wagtail-modeltranslation expands the
panels it finds on a model when the app loads, which is before these viewsets exist, and it
never expands an InlinePanel's own `panels=`.
"""

from django import forms
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TitleFieldPanel,
)
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from .forms_admin import QuizAdminForm, TranslatedAdminForm
from .models import AssignmentRole, Quiz

CHOICE_PANELS = [
    FieldPanel("code"),
    FieldPanel("label_en"),
    FieldPanel("label_fr"),
    FieldPanel("is_correct"),
    # A short list: a drop-down rather than the snippet chooser's pop-up.
    FieldPanel("correct_role", widget=forms.Select),
    FieldPanel("is_favourable"),
    FieldPanel("is_not_applicable"),
    FieldPanel("feedback_en"),
    FieldPanel("feedback_fr"),
]

QUESTION_PANELS = [
    FieldPanel("code"),
    FieldPanel("kind"),
    FieldPanel("text_en"),
    FieldPanel("text_fr"),
    FieldPanel("explanation_en"),
    FieldPanel("explanation_fr"),
    FieldPanel("points"),
    FieldPanel("partial_credit"),
    FieldPanel("required"),
    FieldPanel("max_length"),
    InlinePanel(
        "choices",
        panels=CHOICE_PANELS,
        heading=_("Choices"),
        label=_("Choice"),
        help_text=_(
            "Single choice and true or false: mark one choice correct. Multiple choice: at "
            "least one. Role assignment: each choice is a task; pick its correct role. "
            "Likert: mark the favourable options."
        ),
    ),
]

QUIZ_PANELS = [
    TitleFieldPanel("title_en", placeholder=False),
    FieldPanel("title_fr", classname="title"),
    FieldPanel("slug"),
    FieldPanel("kind"),
    FieldPanel("course"),
    FieldPanel("intro_en"),
    FieldPanel("intro_fr"),
    MultiFieldPanel(
        [
            FieldPanel("pass_mark"),
            FieldPanel("attempts_allowed"),
            FieldPanel("grading_policy"),
            FieldPanel("feedback_timing"),
            FieldPanel("shuffle_choices"),
            FieldPanel("anonymous"),
        ],
        heading=_("Settings"),
    ),
    InlinePanel("questions", panels=QUESTION_PANELS, heading=_("Questions"), label=_("Question")),
]


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


class QuizViewSet(SnippetViewSet):
    model = Quiz
    icon = "form"
    menu_label = _("Quizzes and surveys")
    index_view_class = QuizIndexView
    # Read-only page for program leads, who have "view" only.
    inspect_view_enabled = True
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
