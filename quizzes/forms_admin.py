"""The quiz editor's form: a quiz, its questions and their choices, checked as one whole.

QuizViewSet (quizzes/wagtail_hooks.py) builds its edit form on QuizAdminForm; the questions and
choices are nested inline formsets. QuizAdminForm.clean() walks them, lower-cases the codes,
makes up the slug and the codes left blank (quizzes/authoring.py), keeps of each question and
choice only the fields its question type uses, and refuses the whole quiz when a question or
choice cannot be answered or scored, with the message on the question or choice at fault and a
summary at the top. The metaclass makes the English field of each required translated field
required, on the quiz and on every nested form, and the slug and codes optional.
"""

from django.db.models import F
from django.forms.formsets import DELETION_FIELD_NAME, ORDERING_FIELD_NAME
from django.utils.translation import gettext_lazy as _
from modeltranslation import settings as mt_settings
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.forms.models import WagtailAdminModelFormMetaclass

from content.admin_labels import BilingualLabelsForm, BilingualLabelsMetaclass

from .authoring import (
    CHOICE_CODE_LENGTH,
    CHOICE_FIELDS,
    CHOICES_KINDS,
    QUESTION_CODE_LENGTH,
    QUESTION_FIELDS,
    slug_from_text,
    unique_code,
)
from .models.quizzes import QuestionKind, Quiz, QuizKind

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


class TranslatedFormMetaclass(BilingualLabelsMetaclass):
    def __new__(mcs, name, bases, attrs):
        form_class = super().__new__(mcs, name, bases, attrs)
        # Wagtail builds the form class for each model from this one (and the nested forms
        # with it): the English fields are made required once, on the classes it builds.
        require_default_language(form_class)
        return form_class


def leave_codes_to_generation(form_class):
    """The quiz's slug and the codes of its questions and choices may be left blank: the form
    makes them up from the English text. The browser must not refuse a blank one either."""
    if "slug" in form_class.base_fields:
        form_class.base_fields["slug"].required = False
    for formset_class in getattr(form_class, "formsets", {}).values():
        if "code" in formset_class.form.base_fields:
            formset_class.form.base_fields["code"].required = False
        leave_codes_to_generation(formset_class.form)


class QuizChildFormMetaclass(WagtailAdminModelFormMetaclass):
    @classmethod
    def child_form(cls):
        return QuizChildForm


class QuizChildForm(WagtailAdminModelForm, metaclass=QuizChildFormMetaclass):
    """A question or choice of the quiz editor. The editor offers empty choice rows; one left
    empty is no change, though the admin's script gave it an order number."""

    def has_changed(self):
        if self.instance.pk is not None:
            return super().has_changed()
        for formset in self.formsets.values():
            if any(form.has_changed() for form in formset.forms):
                return True
        return any(name != ORDERING_FIELD_NAME for name in self.changed_data)


class QuizFormMetaclass(TranslatedFormMetaclass):
    def __new__(mcs, name, bases, attrs):
        form_class = super().__new__(mcs, name, bases, attrs)
        leave_codes_to_generation(form_class)
        return form_class

    @classmethod
    def child_form(cls):
        return QuizChildForm


def keep_fields_of_kind(form, fields_by_kind, kind):
    """Give every field `kind` does not use its model default, whatever was posted: a question
    switched to another type keeps nothing the editor no longer shows for it."""
    model_meta = form.instance._meta
    for name, kinds in fields_by_kind.items():
        if kind in kinds or name not in form.fields or name in form.errors:
            continue
        model_field = model_meta.get_field(name)
        default = model_field.get_default()
        form.cleaned_data[name] = default
        setattr(form.instance, model_field.attname, default)


def fill_blank_codes(forms, *, source, max_length, fallback):
    """Give each form without a code one: its stored code when it has one (a code answers and
    indicators refer to is never changed silently), else one made from its English `source`
    text, unique among `forms`."""
    taken = {current_code(form) for form in forms} - {""}
    for form in forms:
        if "code" in form.errors or current_code(form):
            continue
        code = normalise_code(form.initial.get("code")) if form.instance.pk else ""
        if not code:
            base = slug_from_text(form.cleaned_data.get(source), max_length, fallback)
            code = unique_code(base, taken, max_length)
        form.cleaned_data["code"] = code
        form.instance.code = code


class TranslatedAdminForm(BilingualLabelsForm, metaclass=TranslatedFormMetaclass):
    """English required where the field is required; a `code` is stripped and lower-cased;
    English and French fields labelled "Title (English)", "Title (French)" in the admin's
    language (content/admin_labels.py)."""

    def clean_code(self):
        return normalise_code(self.cleaned_data.get("code"))


class QuizAdminForm(TranslatedAdminForm, metaclass=QuizFormMetaclass):
    """The whole quiz on one screen; refuses a quiz that cannot be answered or scored."""

    class Media:
        # The editor's script and styles, on the quiz editor only (the admin's policy allows
        # this site's own scripts: learning/security_headers.py).
        js = ["quizzes/quiz_editor.js"]
        css = {"all": ["quizzes/quiz_editor.css"]}

    def clean(self):
        cleaned_data = super().clean()
        self.fill_slug(cleaned_data)
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

    def fill_slug(self, cleaned_data):
        """A blank slug is made from the English title, unique among quizzes; a saved quiz keeps
        the one it has (its address, which learners may have bookmarked)."""
        if "slug" not in self.fields or "slug" in self.errors or cleaned_data.get("slug"):
            return
        if self.instance.pk and self.instance.slug:
            cleaned_data["slug"] = self.instance.slug
            return
        max_length = Quiz._meta.get_field("slug").max_length
        base = slug_from_text(cleaned_data.get("title_en"), max_length, "quiz")
        others = Quiz.objects.exclude(pk=self.instance.pk).filter(slug__startswith=base)
        taken = set(others.values_list("slug", flat=True))
        cleaned_data["slug"] = unique_code(base, taken, max_length)

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
        fill_blank_codes(
            question_forms, source="text_en", max_length=QUESTION_CODE_LENGTH, fallback="question"
        )
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
        keep_fields_of_kind(question_form, QUESTION_FIELDS, kind)
        choices_formset = question_form.formsets.get("choices")
        choice_forms = list(live_forms(choices_formset)) if choices_formset is not None else []
        if kind not in CHOICES_KINDS:
            # Rating and free-text questions have no choices: any posted are not kept.
            for choice_form in choice_forms:
                choice_form.cleaned_data[DELETION_FIELD_NAME] = True
            return 0
        for choice_form in choice_forms:
            normalise_form_code(choice_form)
            keep_fields_of_kind(choice_form, CHOICE_FIELDS, kind)
        fill_blank_codes(
            choice_forms, source="label_en", max_length=CHOICE_CODE_LENGTH, fallback="choice"
        )
        problems = flag_duplicate_codes(
            choice_forms,
            _(
                "Another choice in this question has the code “%(code)s”. Give each choice "
                "its own code."
            ),
        )

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
