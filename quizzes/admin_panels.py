"""The quiz editor's panels: each question shows only its type's fields, each choice is one row.

Every field some question types do not use carries `data-quiz-kinds` (the types that do, from
quizzes/authoring.py); quizzes/static/quizzes/quiz_editor.js shows and hides them as the type
changes, without a reload. Choices are rendered by quizzes/templates/quizzes/admin/ as one
compact row each (English and French labels side by side, the type's flags inline) rather than
Wagtail's panel per field, which took about 1,000 px per choice (issue 16).

The panels name the `_en` and `_fr` fields themselves: wagtail-modeltranslation expands the
panels it finds on a model when the app loads, which is before these panels exist, and it
never expands an InlinePanel's own `panels=`.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    TitleFieldPanel,
)
from wagtail.admin.panels.base import get_form_for_model
from wagtail.admin.widgets import AdminPageChooser
from wagtail.admin.widgets.slug import SlugInput

from content.models import CoursePage

from .authoring import (
    CHOICE_FIELDS,
    CHOICES_KINDS,
    QUESTION_FIELDS,
    kinds_attribute,
    true_false_labels,
)
from .forms_admin import QuizChildForm
from .models.quizzes import SCORED_KINDS


class CourseChooser(AdminPageChooser):
    """The quiz's course. Wagtail's page chooser for one page type words its button "Choose a
    page (Course)" once, when the form is built, in that moment's language: English in a French
    admin."""

    def __init__(self, **kwargs):
        super().__init__(target_models=[CoursePage], **kwargs)
        self.choose_one_text = _("Choose a course")


def for_kinds(kinds):
    """The attribute that tells the editor's script which question types show a panel."""
    return {"data-quiz-kinds": kinds_attribute(kinds)}


def kind_field(name, **kwargs):
    """A question's field, shown only for the types that use it."""
    return FieldPanel(name, attrs=for_kinds(QUESTION_FIELDS[name]), **kwargs)


class QuizTitlePanel(TitleFieldPanel):
    """The English title, which fills in the slug of a new quiz only: a saved quiz's slug is
    its address, which lessons' links and learners' bookmarks use."""

    class BoundPanel(TitleFieldPanel.BoundPanel):
        def get_should_apply(self):
            return not (self.instance is not None and self.instance.pk)


class QuizInlinePanel(InlinePanel):
    """An inline panel whose rows are QuizChildForm: an empty choice row the editor offers is
    not a change (quizzes/forms_admin.py)."""

    def get_form_options(self):
        options = super().get_form_options()
        formset = options["formsets"][self.relation_name]
        formset["form"] = get_form_for_model(
            self.db_field.related_model,
            form_class=QuizChildForm,
            fields=formset["fields"],
            widgets=formset["widgets"],
            formsets=formset.get("formsets"),
        )
        return options


class QuestionsPanel(QuizInlinePanel):
    class BoundPanel(QuizInlinePanel.BoundPanel):
        template_name = "quizzes/admin/questions_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["true_false_labels"] = true_false_labels()
            return context


# The fields of a choice row after its code and labels, in order, and the types that use each.
CHOICE_FLAGS = ("is_correct", "correct_role", "is_favourable", "is_not_applicable")
CHOICE_FEEDBACK = ("feedback_en", "feedback_fr")


def choice_cells(form, names):
    return [
        {"field": form[name], "kinds": kinds_attribute(CHOICE_FIELDS[name])}
        if name in CHOICE_FIELDS
        else {"field": form[name], "kinds": ""}
        for name in names
        if name in form.fields
    ]


def choice_row(child):
    """What the row template needs of one choice: its form, its cells, its bound panel."""
    form = child.form
    feedback = choice_cells(form, CHOICE_FEEDBACK)
    return {
        "child": child,
        "form": form,
        "text": choice_cells(form, ("code", "label_en", "label_fr")),
        "flags": choice_cells(form, CHOICE_FLAGS),
        "feedback": feedback,
        "feedback_open": any(cell["field"].value() or cell["field"].errors for cell in feedback),
    }


class ChoicesPanel(QuizInlinePanel):
    class BoundPanel(QuizInlinePanel.BoundPanel):
        template_name = "quizzes/admin/choices_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["rows"] = [choice_row(child) for child in self.children]
            context["empty_row"] = choice_row(self.empty_child)
            context["feedback_kinds"] = kinds_attribute(SCORED_KINDS)
            return context


CHOICE_PANELS = [
    FieldPanel("code"),
    FieldPanel("label_en", widget=forms.TextInput),
    FieldPanel("label_fr", widget=forms.TextInput),
    FieldPanel("is_correct"),
    # A short list: a drop-down rather than the snippet chooser's pop-up.
    FieldPanel("correct_role", widget=forms.Select),
    FieldPanel("is_favourable"),
    FieldPanel("is_not_applicable"),
    # One line each: feedback on a choice is a sentence, not an essay.
    FieldPanel("feedback_en", widget=forms.TextInput),
    FieldPanel("feedback_fr", widget=forms.TextInput),
]

TWO_LINES = forms.Textarea(attrs={"rows": 2})

QUESTION_PANELS = [
    FieldRowPanel(
        [
            FieldPanel("kind"),
            FieldPanel("code"),
            kind_field("points"),
            FieldPanel("required"),
        ]
    ),
    FieldRowPanel(
        [FieldPanel("text_en", widget=TWO_LINES), FieldPanel("text_fr", widget=TWO_LINES)]
    ),
    FieldRowPanel([kind_field("partial_credit"), kind_field("max_length")]),
    FieldRowPanel(
        [
            FieldPanel("explanation_en", widget=TWO_LINES),
            FieldPanel("explanation_fr", widget=TWO_LINES),
        ],
        attrs=for_kinds(QUESTION_FIELDS["explanation_en"]),
    ),
    ChoicesPanel(
        "choices",
        panels=CHOICE_PANELS,
        heading=_("Choices"),
        label=_("Choice"),
        attrs=for_kinds(CHOICES_KINDS),
        help_text=_(
            "One row per choice, English then French. Single choice and true or false: tick "
            "one choice correct; multiple choice: at least one. Role assignment: each choice "
            "is a task; pick its correct role. Likert: tick the favourable options. Codes left "
            "blank are made from the English text; rows left empty are not saved."
        ),
    ),
]

QUIZ_PANELS = [
    # English and French side by side, as in the questions and choices below.
    FieldRowPanel(
        [
            QuizTitlePanel("title_en", placeholder=False),
            FieldPanel("title_fr", classname="title"),
        ]
    ),
    FieldPanel(
        "slug",
        # Filled from the English title as it is typed (Wagtail's slug field), in plain
        # letters: Django's slug field refuses accented ones.
        widget=SlugInput(attrs={"data-w-slug-allow-unicode-value": "false"}, locale="en"),
        help_text=_("Part of the quiz's address. Left blank, it is made from the English title."),
    ),
    FieldPanel("kind"),
    FieldPanel("course", widget=CourseChooser()),
    FieldRowPanel([FieldPanel("intro_en"), FieldPanel("intro_fr")]),
    MultiFieldPanel(
        [
            FieldRowPanel([FieldPanel("pass_mark"), FieldPanel("attempts_allowed")]),
            FieldRowPanel([FieldPanel("grading_policy"), FieldPanel("feedback_timing")]),
            FieldRowPanel([FieldPanel("shuffle_choices"), FieldPanel("anonymous")]),
            FieldPanel("pairing"),
        ],
        heading=_("Settings"),
    ),
    QuestionsPanel(
        "questions", panels=QUESTION_PANELS, heading=_("Questions"), label=_("Question")
    ),
]
