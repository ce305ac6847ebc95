"""Translated fields labelled in the admin's language (issue 16).

wagtail-modeltranslation labels a translated field's columns "Title [en]" and "Title [fr]",
language codes a French admin would show as they are. Here they read "Title (English)" and
"Title (French)" in English, "Titre (anglais)" and "Titre (français)" in French: on the page
editor's columns and on every admin form built on `BilingualLabelsForm` (quizzes, H5P packages,
training sessions and their meetings), nested forms included, and so in Wagtail's error
summary too; and on the read-only pages built on `BilingualInspectView`.
"""

from django.utils.functional import lazy
from django.utils.text import capfirst
from django.utils.translation import gettext, gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.forms.models import WagtailAdminModelFormMetaclass
from wagtail.snippets.views.snippets import InspectView

from .french_state import SOURCE_LANGUAGE, TARGET_LANGUAGE, translated_fields

COLUMN_LABELS = {
    SOURCE_LANGUAGE: gettext_lazy("%(field)s (English)"),
    TARGET_LANGUAGE: gettext_lazy("%(field)s (French)"),
}


def _column_label(pattern, field_label):
    return str(pattern) % {"field": capfirst(field_label)}


# Worked out when shown, in the language of whoever reads it: form classes are built once.
column_label = lazy(_column_label, str)


def language_label(model, name):
    """The label of `model`'s field `name` when it is a translated field's English or French
    column ("Title (French)"), else None."""
    base, _sep, language = name.rpartition("_")
    if language not in COLUMN_LABELS or base not in translated_fields(model):
        return None
    return column_label(COLUMN_LABELS[language], model._meta.get_field(base).verbose_name)


def label_languages(form_class):
    """Label the English and French fields of `form_class` and of its nested forms."""
    model = form_class._meta.model
    if model is not None:
        for name, field in form_class.base_fields.items():
            label = language_label(model, name)
            if label is not None:
                field.label = label
    for formset_class in getattr(form_class, "formsets", {}).values():
        label_languages(formset_class.form)


class BilingualLabelsMetaclass(WagtailAdminModelFormMetaclass):
    def __new__(mcs, name, bases, attrs):
        form_class = super().__new__(mcs, name, bases, attrs)
        # Wagtail builds each model's form class (and its nested forms) from this one.
        label_languages(form_class)
        return form_class


class BilingualLabelsForm(WagtailAdminModelForm, metaclass=BilingualLabelsMetaclass):
    """An admin form whose translated fields read "Title (English)", "Title (French)"."""


class BilingualInspectView(InspectView):
    """A snippet's read-only page in the admin's language: each translated field as its English
    and French ("Title (French)"), not a third time in the reader's language; "Yes" / "No"
    rather than Python's True / False; a dash for what is not set rather than "None"."""

    def get_fields(self):
        translated = set(translated_fields(self.model))
        return [name for name in super().get_fields() if name not in translated]

    def get_field_label(self, field_name, field):
        return language_label(self.model, field_name) or super().get_field_label(field_name, field)

    def get_field_display_value(self, field_name, field):
        value = getattr(self.object, field_name, "")
        if isinstance(value, bool):
            return gettext("Yes") if value else gettext("No")
        if value is None:
            return "—"
        return super().get_field_display_value(field_name, field)
