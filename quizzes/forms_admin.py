"""The quiz editor's form: a quiz, its questions and their choices, checked as one whole.

QuizViewSet (quizzes/wagtail_hooks.py) builds its edit form on QuizAdminForm; the questions and
choices are nested inline formsets. QuizAdminForm.clean() walks them, lower-cases the codes and
refuses the whole quiz when a question or choice cannot be answered or scored, with the message
on the question or choice at fault and a summary at the top. The metaclass makes the English
field of each required translated field required, on the quiz and on every nested form.
"""

from django.db.models import F
from django.forms.formsets import DELETION_FIELD_NAME
from django.utils.translation import gettext_lazy as _
from modeltranslation import settings as mt_settings
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.forms.models import WagtailAdminModelFormMetaclass

from .models.quizzes import CHOICE_KINDS, QuestionKind, QuizKind

ONE_CORRECT_KINDS = {QuestionKind.SINGLE, QuestionKind.TRUE_FALSE}


def require_default_language(form_class):
    """Make the English field of each required translated field required, nested forms too.

    modeltranslation leaves every `<field>_en` / `<field>_fr` optional; the untranslated column
    is filled from English, so English is what a required field like `title` needs.
    """
    model = form_class._meta.model
    if model is not None:
        try:
            options = translator.get_options_for_model(model)
        except NotRegistered:
            options = None
        for name in options.fields if options else ():
            if model._meta.get_field(name).blank:
                continue
            localized = build_localized_fieldname(name, mt_settings.DEFAULT_LANGUAGE)
            if localized in form_class.base_fields:
                form_class.base_fields[localized].required = True
    for formset_class in getattr(form_class, "formsets", {}).values():
        require_default_language(formset_class.form)


def normalise_code(code):
    """Codes are slugs that answers and exports refer to: no stray spaces, no capitals."""
    return (code or "").strip().lower()


def live_forms(formset):
    """The formset's forms that will be saved, each cleaned: not deleted, not left blank."""
    for form in formset.forms:
        # Cleans this form's own fields only (not its nested formsets), so cleaned_data is set.
        form.errors  # noqa: B018
        if form.cleaned_data.get(DELETION_FIELD_NAME):
            continue
        if form.empty_permitted and not form.has_changed():
            continue
        yield form


def normalise_form_code(form):
    """Strip and lower-case a cleaned question or choice form's code, on the form and instance."""
    if "code" in form.errors or not form.cleaned_data.get("code"):
        return
    code = normalise_code(form.cleaned_data["code"])
    form.cleaned_data["code"] = code
    # The instance was filled in when the form was cleaned; it is what the formset saves.
    form.instance.code = code


def current_code(form):
    """The form's code as it will be saved, or "" when the code itself is in error."""
    if "code" in form.errors:
        return ""
    return form.cleaned_data.get("code") or ""


def flag_duplicate_codes(forms, message):
    """Put `message` on the code of every form sharing its code with another; return how many."""
    by_code = {}
    for form in forms:
        code = current_code(form)
        if code:
            by_code.setdefault(code, []).append(form)
    flagged = 0
    for code, same in by_code.items():
        if len(same) < 2:
            continue
        for form in same:
            form.add_error("code", message % {"code": code})
            flagged += 1
    return flagged


class TranslatedFormMetaclass(WagtailAdminModelFormMetaclass):
    def __new__(mcs, name, bases, attrs):
        form_class = super().__new__(mcs, name, bases, attrs)
        # Wagtail builds the form class for each model from this one (and the nested forms
        # with it): the English fields are made required once, on the classes it builds.
        require_default_language(form_class)
        return form_class


class TranslatedAdminForm(WagtailAdminModelForm, metaclass=TranslatedFormMetaclass):
    """English required where the field is required; a `code` is stripped and lower-cased."""

    def clean_code(self):
        return normalise_code(self.cleaned_data.get("code"))


class QuizAdminForm(TranslatedAdminForm):
    """The whole quiz on one screen; refuses a quiz that cannot be answered or scored."""

    def clean(self):
        cleaned_data = super().clean()
        if (
            cleaned_data.get("anonymous")
            and cleaned_data.get("kind")
            and cleaned_data.get("kind") != QuizKind.EVALUATION_SURVEY
        ):
            self.add_error(
                "anonymous",
                _(
                    "Only an evaluation survey can be anonymous: choose “Evaluation survey” as "
                    "the kind, or untick “anonymous”."
                ),
            )
        self.check_pairing(cleaned_data)
        questions = self.formsets.get("questions")
        if questions is not None and self.check_questions(questions):
            self.add_error(
                None,
                _(
                    "The quiz was not saved: some questions or choices need correcting. "
                    "Each one is marked below."
                ),
            )
        return cleaned_data

    def check_pairing(self, cleaned_data):
        """A pairing belongs to anonymous quizzes, and stays once learners have answered: their
        responses are found by a key made with it (README, Anonymous responses)."""
        if "pairing" not in self.fields:
            return
        if cleaned_data.get("pairing") and not cleaned_data.get("anonymous"):
            self.add_error(
                "pairing",
                _("Only an anonymous quiz has a pairing: leave it empty, or tick “anonymous”."),
            )
        if (
            self.instance.pk is not None
            and "pairing" in self.changed_data
            and self.instance.attempts.exclude(respondent_key="").exists()
        ):
            self.add_error(
                "pairing",
                _(
                    "Learners have already answered this quiz anonymously: its pairing can no "
                    "longer change, or their earlier responses would no longer be found."
                ),
            )

    def check_questions(self, formset):
        """Attach an error to each question or choice at fault; return how many there are."""
        question_forms = list(live_forms(formset))
        for question_form in question_forms:
            normalise_form_code(question_form)
        problems = flag_duplicate_codes(
            question_forms,
            _(
                "Another question in this quiz has the code “%(code)s”. Give each question "
                "its own code."
            ),
        )
        for question_form in question_forms:
            problems += self.check_question(question_form)
        return problems

    def check_question(self, question_form):
        kind = question_form.cleaned_data.get("kind")
        choices_formset = question_form.formsets.get("choices")
        choice_forms = list(live_forms(choices_formset)) if choices_formset is not None else []
        for choice_form in choice_forms:
            normalise_form_code(choice_form)
        problems = flag_duplicate_codes(
            choice_forms,
            _(
                "Another choice in this question has the code “%(code)s”. Give each choice "
                "its own code."
            ),
        )
        if kind not in CHOICE_KINDS:
            # Rating and free-text questions: any choices are ignored.
            return problems

        if not choice_forms:
            question_form.add_error(
                None,
                _("Add at least one choice: this type of question is answered from its choices."),
            )
            return problems + 1

        def count(flag):
            return sum(1 for form in choice_forms if form.cleaned_data.get(flag))

        if kind in ONE_CORRECT_KINDS and count("is_correct") != 1:
            question_form.add_error(
                None,
                _(
                    "A single-choice or true-or-false question needs exactly one correct "
                    "choice: tick “correct” on one choice only."
                ),
            )
            problems += 1
        elif kind == QuestionKind.MULTIPLE and not count("is_correct"):
            question_form.add_error(
                None,
                _("A multiple-choice question needs at least one correct choice."),
            )
            problems += 1
        elif kind == QuestionKind.LIKERT and not count("is_favourable"):
            question_form.add_error(
                None,
                _(
                    "A Likert question needs at least one favourable option: tick "
                    "“favourable” on the options that count as a favourable answer."
                ),
            )
            problems += 1
        elif kind == QuestionKind.ROLE_ASSIGNMENT:
            for choice_form in choice_forms:
                if "correct_role" in choice_form.errors:
                    continue
                if not choice_form.cleaned_data.get("correct_role"):
                    choice_form.add_error("correct_role", _("Choose the role that does this task."))
                    problems += 1
        return problems

    def save(self, commit=True):
        # A new revision number tells apart attempts started before and after this edit.
        editing = not self.instance._state.adding
        if editing:
            self.instance.revision = F("revision") + 1
        instance = super().save(commit=commit)
        if editing and commit:
            instance.refresh_from_db(fields=["revision"])
        return instance
