"""What the Missing French report lists (issue 16): one row per string, with where it is.

A bare row ("Agree") told a trainer nothing: each row names the object that owns the string
(a choice belongs to a question, which belongs to a quiz: the quiz is what a trainer opens),
its place in it ("question 3, choice 2"), the field, and a link to that field on the edit
page. Strings marked "same in both languages on purpose" (content/french_exemptions.py) are
left out. Separately, H5P packages whose language is not the stream's: an English activity in
a lesson's French body, or a French one in the English body.

Models are walked generically (every model django-modeltranslation knows), so the report
needs to import nothing from the layers above content.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modeltranslation.utils import build_localized_fieldname
from wagtail.admin.panels import FieldPanel, ObjectList, PanelGroup, TabbedInterface
from wagtail.models import Page

from .french_exemptions import ExemptionIndex, english_key, excerpt
from .french_state import (
    SOURCE_LANGUAGE,
    TARGET_LANGUAGE,
    _latest_revisions,
    is_empty,
    missing_french_fields,
)
from .h5p.models import H5PPackage
from .h5p.selectors import stream_package_ids
from .models import LessonPage
from .selectors import translatable_models

EMPTY = "empty"
SAME = "same"
PROBLEMS = {EMPTY: _("No French"), SAME: _("French same as English")}


@dataclass
class MissingString:
    """One string whose French is missing, and where a trainer fixes it."""

    owner: object  # what the admin edits: a page, a snippet, a quiz
    instance: object  # what holds the field: the owner, or one of its inline children
    field: str  # without language suffix
    field_label: str
    english: object
    problem: str
    place: tuple = ()  # ("question 3", "choice 2") inside the owner
    order: tuple = ()  # the place's positions, to sort question 10 after question 9
    anchor: str = ""
    edit_url: str = ""
    exemptable: bool = True

    @property
    def kind(self):
        return capfirst(self.owner._meta.verbose_name)

    @property
    def title(self):
        return str(self.owner)

    @property
    def name(self):
        """ "Quiz or survey: Pre-test" ("Questionnaire ou sondage : Test préalable")."""
        return _("%(kind)s: %(title)s") % {"kind": self.kind, "title": self.title}

    @property
    def where(self):
        """ "Quiz or survey: Pre-test — question 3, choice 2", the row's name in exports."""
        name = self.name
        return f"{name} — {', '.join(self.place)}" if self.place else name

    @property
    def content_type_id(self):
        return ContentType.objects.get_for_model(self.instance).pk

    @property
    def english_excerpt(self):
        return excerpt(self.english)

    @property
    def english_hash(self):
        return english_key(self.english)

    @property
    def problem_display(self):
        return PROBLEMS.get(self.problem, self.problem)

    @property
    def url(self):
        return f"{self.edit_url}#{self.anchor}" if self.edit_url and self.anchor else self.edit_url


@dataclass
class MisplacedPackage:
    """An H5P package in a lesson stream of another language."""

    lesson: object
    package: object
    stream_language: str
    edit_url: str = ""
    anchor: str = field(default="")

    @property
    def url(self):
        return f"{self.edit_url}#{self.anchor}" if self.edit_url and self.anchor else self.edit_url


def _parental_key(model):
    return next(
        (f for f in model._meta.get_fields() if isinstance(f, ParentalKey)),
        None,
    )


def _sort_key(obj):
    return (getattr(obj, "sort_order", None) or 0, obj.pk)


class _Tree:
    """Each loaded object's parent and its position among its siblings, from rows already
    loaded (one query per model, plus one per parent model the report did not load)."""

    def __init__(self, loaded):
        self.objects = {(model, obj.pk): obj for model, objs in loaded.items() for obj in objs}
        self.positions = {}
        # Parents that are not translated themselves (a session of its meetings): all at once.
        missing = defaultdict(set)
        for model, objs in loaded.items():
            key = _parental_key(model)
            if key is not None and key.related_model not in loaded:
                missing[key.related_model].update(getattr(obj, key.attname) for obj in objs)
        for model, ids in missing.items():
            for pk, obj in model._default_manager.in_bulk(ids).items():
                self.objects[(model, pk)] = obj
        for model, objs in loaded.items():
            key = _parental_key(model)
            if key is None:
                continue
            siblings = defaultdict(list)
            for obj in objs:
                siblings[getattr(obj, key.attname)].append(obj)
            for group in siblings.values():
                group.sort(key=_sort_key)
                for index, obj in enumerate(group):
                    self.positions[(model, obj.pk)] = index

    def parent(self, obj):
        key = _parental_key(type(obj))
        if key is None:
            return None
        model = key.related_model
        parent_id = getattr(obj, key.attname)
        if (model, parent_id) not in self.objects:
            for found in model._default_manager.filter(pk=parent_id):
                self.objects[(model, found.pk)] = found
                if _parental_key(model) is None:
                    continue
                # A parent the report did not load (not translatable): place it among its own.
                key_up = _parental_key(model)
                same = model._default_manager.filter(
                    **{key_up.attname: getattr(found, key_up.attname)}
                )
                ordered = sorted(same, key=_sort_key)
                self.positions[(model, found.pk)] = [o.pk for o in ordered].index(found.pk)
        return self.objects.get((model, parent_id))

    def chain(self, obj):
        """[owner, …, obj]: the object a trainer edits first, the string's holder last."""
        chain = [obj]
        while (parent := self.parent(chain[0])) is not None:
            chain.insert(0, parent)
        return chain

    def position(self, obj):
        return self.positions.get((type(obj), obj.pk), 0)


def _edit_handler(model):
    if hasattr(model, "get_edit_handler"):
        return model.get_edit_handler()
    viewset = getattr(model, "snippet_viewset", None)
    return viewset.get_edit_handler() if viewset is not None else None


def _panel_anchor(panel, names, prefix="panel", in_group=False):
    """The id Wagtail gives the panel of one of `names`, found by walking the panels as Wagtail
    names them: a tab's own panels are sections ("<prefix>-section", with their heading); a
    field inside a multi-field panel or a row is a field wrapper ("<prefix>-wrapper")."""
    if isinstance(panel, FieldPanel) and panel.field_name in names:
        return f"{prefix}-wrapper" if in_group else f"{prefix}-section"
    if isinstance(panel, PanelGroup):
        # Tabs and object lists show their children as sections; other groups as fields.
        grouped = not isinstance(panel, (TabbedInterface, ObjectList))
        for child, identifier in zip(panel.children, panel.child_identifiers, strict=False):
            found = _panel_anchor(child, names, f"{prefix}-child-{identifier}", grouped)
            if found:
                return found
    return None


def field_anchor(tree, chain, name, language=TARGET_LANGUAGE):
    """The id on the owner's edit page that takes the trainer to the field in `language`."""
    localized = build_localized_fieldname(name, language)
    if len(chain) == 1:
        handler = _edit_handler(type(chain[0]))
        anchor = _panel_anchor(handler, {localized}) if handler is not None else None
        return anchor or f"id_{localized}"
    # Inline children: their form's input, named as Django and modelcluster prefix formsets.
    parts = []
    for obj in chain[1:]:
        key = _parental_key(type(obj))
        parts += [key.remote_field.related_name, str(tree.position(obj))]
    return f"id_{'-'.join(parts)}-{localized}"


def _place(tree, chain):
    return tuple(f"{obj._meta.verbose_name} {tree.position(obj) + 1}" for obj in chain[1:])


def missing_french_strings(*, url_for=None, exemptions=None):
    """Every string whose French is empty or equal to its English, not marked on purpose.

    `url_for(obj)`: the admin edit address of an owner (AdminURLFinder), or None.
    One query per translatable model, plus the marks.
    """
    exemptions = exemptions or ExemptionIndex()
    loaded = {}
    for model, _fields in translatable_models():
        objects = list(model._default_manager.order_by("pk"))
        if issubclass(model, Page):
            # A page with unpublished changes as its editor shows it, like the explorer's
            # French column (content.french_state): French written in a draft counts.
            drafts = _latest_revisions(objects)
            objects = [drafts.get(page.pk, page) for page in objects]
        loaded[model] = objects
    tree = _Tree(loaded)
    rows = []
    for model, _fields in translatable_models():
        for instance in loaded[model]:
            # What is missing is content.french_state's definition, shared with the editor,
            # the publish check and the page explorer.
            missing = missing_french_fields(instance, exemptions=exemptions)
            if not missing:
                continue
            chain = tree.chain(instance)
            for item in missing:
                english = getattr(instance, build_localized_fieldname(item.name, SOURCE_LANGUAGE))
                french = getattr(instance, build_localized_fieldname(item.name, TARGET_LANGUAGE))
                problem = EMPTY if is_empty(french) else SAME
                rows.append(
                    MissingString(
                        owner=chain[0],
                        instance=instance,
                        field=item.name,
                        field_label=item.label,
                        english=english,
                        problem=problem,
                        place=_place(tree, chain),
                        order=tuple(tree.position(obj) for obj in chain[1:]),
                        anchor=field_anchor(tree, chain, item.name),
                        edit_url=(url_for(chain[0]) or "") if url_for else "",
                        # An empty French needs writing; only a copy can be right on purpose.
                        exemptable=problem == SAME,
                    )
                )
    rows.sort(key=lambda row: (str(row.kind), row.title.casefold(), row.owner.pk, row.order))
    return rows


def _base_language(code):
    return (code or "").lower().replace("_", "-").split("-")[0]


def misplaced_h5p_packages(*, url_for=None):
    """Lessons showing an H5P package of the other language in one of their streams.

    A package whose h5p.json says no language ("und", empty) is never flagged: it may be
    either. Two queries whatever the number of lessons.
    """
    found = []
    for lesson in LessonPage.objects.order_by("path"):
        for language in (SOURCE_LANGUAGE, TARGET_LANGUAGE):
            stream = getattr(lesson, build_localized_fieldname("body", language))
            found.extend((lesson, language, pk) for pk in stream_package_ids(stream))
    if not found:
        return []
    packages = H5PPackage.objects.in_bulk({pk for _l, _s, pk in found})
    rows, seen = [], set()
    for lesson, language, package_id in found:
        package = packages.get(package_id)
        if package is None or (lesson.pk, language, package_id) in seen:
            continue
        seen.add((lesson.pk, language, package_id))
        package_language = _base_language(package.language)
        if package_language not in (SOURCE_LANGUAGE, TARGET_LANGUAGE):
            continue
        if package_language != language:
            anchor = field_anchor(None, [lesson], "body", language)
            rows.append(
                MisplacedPackage(
                    lesson=lesson,
                    package=package,
                    stream_language=language,
                    edit_url=(url_for(lesson) or "") if url_for else "",
                    anchor=anchor,
                )
            )
    return rows
