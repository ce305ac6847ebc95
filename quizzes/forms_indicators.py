"""The indicator editor's form: which questions an indicator reads, checked against its kind.

IndicatorViewSet (quizzes/wagtail_hooks.py) builds its add and edit forms on IndicatorAdminForm.
It refuses an indicator that could not be computed (a share of favourable answers over rating
questions, a pre/post change without pre-test questions, …), and after every save records a new
numbered version when the definition changed (quizzes.services.indicator_record_version).
"""

from django import forms
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from .forms_admin import TranslatedAdminForm
from .models import COMPUTED_KINDS, Question, QuestionKind
from .models.indicators import IndicatorKind
from .models.quizzes import SCORED_KINDS
from .services import indicator_record_version

# What each kind of indicator reads: the question kinds it accepts.
READS = {
    IndicatorKind.SHARE_FAVOURABLE: {QuestionKind.LIKERT},
    IndicatorKind.MEAN_RATING: {QuestionKind.RATING},
    IndicatorKind.MEAN_SCORE: SCORED_KINDS,
    IndicatorKind.PASS_RATE: SCORED_KINDS,
    IndicatorKind.PRE_POST_CHANGE: SCORED_KINDS,
    # Read from the Collaborative Action Plans, not from answers (issue 18).
    IndicatorKind.PLAN_ALL_OWNED: set(),
    IndicatorKind.PLAN_ROLES_MATCH: set(),
}

WRONG_KIND_MESSAGES = {
    IndicatorKind.SHARE_FAVOURABLE: _(
        "A share of favourable answers reads Likert questions only. Remove: %(questions)s."
    ),
    IndicatorKind.MEAN_RATING: _(
        "A mean rating reads rating questions (1 to 5) only. Remove: %(questions)s."
    ),
    IndicatorKind.MEAN_SCORE: _(
        "A mean score reads scored questions only (single choice, multiple choice, true or "
        "false, role assignment). Remove: %(questions)s."
    ),
    IndicatorKind.PASS_RATE: _(
        "A pass rate reads scored questions only (single choice, multiple choice, true or "
        "false, role assignment). Remove: %(questions)s."
    ),
    IndicatorKind.PRE_POST_CHANGE: _(
        "A pre/post change compares scores: choose scored questions only (single choice, "
        "multiple choice, true or false, role assignment). Remove: %(questions)s."
    ),
}

# Targets are written on the scale of the value: shares and scores from 0 to 1, ratings 1 to 5.
TARGET_RANGES = {
    IndicatorKind.SHARE_FAVOURABLE: (0, 1),
    IndicatorKind.PASS_RATE: (0, 1),
    IndicatorKind.MEAN_SCORE: (0, 1),
    IndicatorKind.MEAN_RATING: (1, 5),
    IndicatorKind.PRE_POST_CHANGE: (-1, 1),
    IndicatorKind.PLAN_ALL_OWNED: (0, 1),
    IndicatorKind.PLAN_ROLES_MATCH: (0, 1),
}

NO_QUESTIONS = _(
    "Not needed for the two Collaborative Action Plan kinds: they read the plans, not answers."
)

TARGET_MESSAGES = {
    (0, 1): _("Write the target as a decimal from 0 to 1: 0.85 for 85%."),
    (1, 5): _("Write the target on the rating scale, from 1 to 5: 4.5, for example."),
    (-1, 1): _("Write the target change as a decimal from -1 to 1: 0.15 for 15 points."),
}


def question_label(question):
    """How a question reads in the list: "quiz title — question code — text"."""
    text = Truncator(" ".join(str(question.text).split())).chars(90)
    return f"{question.quiz.title} — {question.code} — {text}"


def question_queryset():
    # Free-text answers feed no indicator: they are not offered.
    return (
        Question.objects.select_related("quiz")
        .exclude(kind=QuestionKind.FREE_TEXT)
        .order_by("quiz__title", "quiz_id", "sort_order", "pk")
    )


class IndicatorAdminForm(TranslatedAdminForm):
    """An indicator and its questions; refuses a definition its kind cannot compute."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("questions", "pre_questions"):
            field = self.fields.get(name)
            if field is None:
                continue
            field.queryset = question_queryset()
            field.label_from_instance = question_label
            field.widget = forms.SelectMultiple(attrs={"size": 12})
            field.widget.choices = field.choices
            how = _(
                "Hold Ctrl (Cmd on a Mac) to choose more than one. Each question is shown as: "
                "quiz title — question code — text."
            )
            field.help_text = f"{field.help_text} {how} {NO_QUESTIONS}"

    def clean_min_group_size(self):
        size = self.cleaned_data.get("min_group_size")
        if size is not None and size < 1:
            raise forms.ValidationError(
                _("The minimum group size must be at least 1. Five or more is recommended.")
            )
        return size

    def clean_threshold(self):
        threshold = self.cleaned_data.get("threshold")
        if threshold is not None and not 0 <= threshold <= 100:
            raise forms.ValidationError(_("Write the pass threshold as a percentage, 0 to 100."))
        return threshold

    def clean(self):
        cleaned_data = super().clean()
        kind = cleaned_data.get("kind")
        if not kind:
            return cleaned_data
        questions = list(cleaned_data.get("questions") or [])
        pre_questions = list(cleaned_data.get("pre_questions") or [])
        if "questions" not in self.errors:
            self.check_questions("questions", kind, questions)
        if "pre_questions" not in self.errors:
            if kind == IndicatorKind.PRE_POST_CHANGE:
                if not pre_questions:
                    self.add_error(
                        "pre_questions",
                        _(
                            "A pre/post change needs the pre-test questions too: choose the "
                            "questions to compare the post-test with."
                        ),
                    )
                else:
                    self.check_questions("pre_questions", kind, pre_questions)
                    self.check_paired(questions + pre_questions)
            elif pre_questions:
                self.add_error(
                    "pre_questions",
                    _(
                        "Only a pre/post change reads pre-test questions: remove them, or "
                        "choose “Pre/post change” as the kind."
                    ),
                )
        self.check_target(kind, cleaned_data.get("target"))
        return cleaned_data

    def check_questions(self, name, kind, questions):
        if kind in COMPUTED_KINDS:
            if questions:
                self.add_error(
                    name,
                    _(
                        "This kind reads the Collaborative Action Plans, not answers: leave "
                        "the questions empty."
                    ),
                )
            return
        if not questions:
            if kind == IndicatorKind.PRE_POST_CHANGE:
                message = _("A pre/post change needs the post-test questions: choose them here.")
            else:
                message = _("Choose at least one question for the indicator to read.")
            self.add_error(name, message)
            return
        wrong = [question for question in questions if question.kind not in READS[kind]]
        if wrong:
            listed = "; ".join(f"{question.quiz.title} — {question.code}" for question in wrong)
            self.add_error(name, WRONG_KIND_MESSAGES[kind] % {"questions": listed})

    def check_paired(self, questions):
        """Anonymous responses pair only within one pairing (Quiz.pairing): refuse a change
        that could never match a learner's two responses."""
        anonymous = {q.quiz for q in questions if q.quiz.anonymous}
        if len({quiz.respondent_scope for quiz in anonymous}) > 1:
            titles = ", ".join(sorted(quiz.title for quiz in anonymous))
            self.add_error(
                "pre_questions",
                _(
                    "These questions come from anonymous quizzes that are not paired, so no "
                    "learner's two responses can be matched: give %(quizzes)s the same "
                    "pairing code first."
                )
                % {"quizzes": titles},
            )

    def check_target(self, kind, target):
        if target is None or "target" in self.errors:
            return
        low, high = TARGET_RANGES[kind]
        if not low <= target <= high:
            self.add_error("target", TARGET_MESSAGES[(low, high)])

    def save(self, commit=True):
        instance = super().save(commit=commit)
        if commit:
            # A new numbered version when what decides the figures changed; none otherwise.
            indicator_record_version(indicator=instance)
        return instance
