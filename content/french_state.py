"""What French an object still lacks: the one definition the editor, the publish check, the
page explorer and the Missing French report share (issue 16).

A translated field lacks its French when its English has text and the French is empty or
still equal to the English (copied but not translated). A French slug equal to the English
one is fine ("video" is a word in both). Generated or optional page fields never count.

Depends on no project model, so the admin form (content/admin_bilingual.py), which the page
models import, can use it.
"""

from dataclasses import dataclass

from django.utils.text import capfirst
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname
from wagtail.fields import StreamField
from wagtail.models import Revision

from . import french_exemptions

SOURCE_LANGUAGE = "en"
TARGET_LANGUAGE = "fr"
# Page fields whose French is generated (url_path) or optional for search engines.
UNCHECKED_FIELDS = frozenset({"url_path", "seo_title", "search_description"})
# Equal in both languages without being untranslated.
MAY_EQUAL_ENGLISH = frozenset({"slug"})


@dataclass(frozen=True)
class MissingFrench:
    """One translated field whose French is missing."""

    name: str
    label: str


def translated_fields(model):
    """Every translated field of `model` (without language suffix), checked or not."""
    try:
        return list(translator.get_options_for_model(model).get_field_names())
    except NotRegistered:
        return []


def checked_fields(model):
    """The translated fields of `model` whose French is checked, in declaration order."""
    try:
        options = translator.get_options_for_model(model)
    except NotRegistered:
        return []
    names = set(options.get_field_names()) - UNCHECKED_FIELDS
    # Declaration order (title before body), not the registry's set order.
    return [field.name for field in model._meta.fields if field.name in names]


def is_empty(value):
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    try:
        return len(value) == 0
    except TypeError:
        return False


def _comparable(field, value):
    # Two StreamValues compare by identity; their stored JSON compares by content.
    if isinstance(field, StreamField):
        return field.get_prep_value(value)
    return value


def field_label(model, name):
    return capfirst(model._meta.get_field(name).verbose_name)


def missing_french_fields(instance, *, exemptions=None):
    """The translated fields of `instance` (a specific page or a snippet) whose French is
    missing, in form order.

    A French equal to the English is not missing when a trainer marked it the same on purpose
    (a brand name such as "PSR Learn", content/french_exemptions.py); pass an
    `ExemptionIndex` to check many objects without a query each.
    """
    exempt = exemptions.is_exempt if exemptions is not None else french_exemptions.is_exempt
    model = type(instance)
    missing = []
    for name in checked_fields(model):
        source_name = build_localized_fieldname(name, SOURCE_LANGUAGE)
        target_name = build_localized_fieldname(name, TARGET_LANGUAGE)
        source = getattr(instance, source_name)
        target = getattr(instance, target_name)
        if is_empty(source):
            continue
        if is_empty(target):
            missing.append(MissingFrench(name, field_label(model, name)))
            continue
        if name in MAY_EQUAL_ENGLISH:
            continue
        field = model._meta.get_field(source_name)
        if _comparable(field, source) == _comparable(field, target) and not exempt(
            instance, name, source
        ):
            missing.append(MissingFrench(name, field_label(model, name)))
    return missing


def french_states(pages):
    """{page id: [MissingFrench, …]} for `pages` (any Page rows, specific or not).

    A page with unpublished changes is judged by its latest revision, what the trainer sees in
    the editor: French written in a draft counts. One query per page type among them, one for
    those revisions and one for the marks "same on purpose", whatever the number of pages:
    only the translated fields are loaded.
    """
    by_model = {}
    for page in pages:
        model = page.specific_class
        if model is not None:
            by_model.setdefault(model, []).append(page.pk)
    instances = []
    for model, ids in by_model.items():
        names = checked_fields(model)
        if not names:
            continue
        columns = [
            build_localized_fieldname(name, language)
            for name in names
            for language in (SOURCE_LANGUAGE, TARGET_LANGUAGE)
        ]
        columns += ["latest_revision_id", "has_unpublished_changes"]
        instances += model._default_manager.filter(pk__in=ids).only(*columns)
    if not instances:
        return {}
    drafts = _latest_revisions(instances)
    exemptions = french_exemptions.ExemptionIndex()
    return {
        instance.pk: missing_french_fields(drafts.get(instance.pk, instance), exemptions=exemptions)
        for instance in instances
    }


def _latest_revisions(instances):
    """{page id: the page as its latest revision has it} for pages with unpublished changes,
    in one query; built from the revision's JSON without reading anything else."""
    wanted = {
        instance.latest_revision_id: instance
        for instance in instances
        if instance.has_unpublished_changes and instance.latest_revision_id
    }
    if not wanted:
        return {}
    drafts = {}
    for revision in Revision.objects.filter(pk__in=wanted).only("pk", "content"):
        instance = wanted[revision.pk]
        drafts[instance.pk] = type(instance).from_serializable_data(
            revision.content, check_fks=False
        )
    return drafts
