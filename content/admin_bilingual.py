"""The page editor in both languages at once (issue 16).

wagtail-modeltranslation turns each translated field's panel into one panel per language and
hides all but one behind its "EN FR" toggle. Here the toggle is off
(WAGTAILMODELTRANSLATION_LOCALE_PICKER in the settings) and `BilingualPanel` puts a field's
English and French side by side: wagtail-modeltranslation expands its child into the _en and
_fr panels itself (the class is listed in WAGTAILMODELTRANSLATION_CUSTOM_COMPOSED_PANELS), so
the English stays required and each title still fills its own slug.

Publishing with French missing is refused by the page form (`FrenchCheckedPageForm`) until
the trainer confirms; saving a draft never is.
"""

from django.core.exceptions import ValidationError
from django.forms import Media
from django.utils.translation import gettext, gettext_lazy
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, Panel, PanelGroup, TitleFieldPanel

from .admin_labels import COLUMN_LABELS, column_label, language_label
from .french_state import TARGET_LANGUAGE, missing_french_fields
from .page_admin import FreeSlugPageForm

# The publish button's value when the trainer confirms publishing without French: a second,
# explicit action, checked by the form on the server (Wagtail publishes on any value).
PUBLISH_WITHOUT_FRENCH = "publish-without-french"
FRENCH_MISSING = "french_missing"


class BilingualPanel(PanelGroup):
    """One translated field, English and French side by side (stacked on narrow screens).

    Declare it with the field's untranslated panel: `BilingualPanel([FieldPanel("summary")])`
    or `bilingual("summary")`; `stream=True` gives the wide layout a StreamField needs.
    """

    def __init__(self, children=(), *args, stream=False, **kwargs):
        # Kept in the class name: wagtail-modeltranslation rebuilds the panel from its
        # children, class name and heading only.
        classname = "psr-bilingual-panel" + (" psr-bilingual-panel--stream" if stream else "")
        kwargs.setdefault("classname", classname)
        super().__init__(children, *args, **kwargs)

    @property
    def stream(self):
        return "psr-bilingual-panel--stream" in self.classname

    def on_model_bound(self):
        super().on_model_bound()
        for child in self.children:
            language = _language_of(child)
            if language in COLUMN_LABELS and not child.heading:
                original = child.field_name.rsplit("_", 1)[0]
                verbose_name = self.model._meta.get_field(original).verbose_name
                child.heading = column_label(COLUMN_LABELS[language], verbose_name)

    class BoundPanel(PanelGroup.BoundPanel):
        template_name = "content/admin/bilingual_panel.html"

        @property
        def media(self):
            return super().media + Media(css={"all": ["content/admin/bilingual.css"]})

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            missing = _missing_names(self.form)
            context["columns"] = [
                {
                    "child": child,
                    "language": _language_of(child),
                    # The French still to write (empty, or still the English), flagged where
                    # the trainer types it.
                    "french_missing": _language_of(child) == TARGET_LANGUAGE
                    and child.field_name.rsplit("_", 1)[0] in missing,
                }
                for child in self.visible_children
            ]
            context["stream"] = self.panel.stream
            return context


def _missing_names(form):
    """The fields whose French is missing on the page as the form has it (the latest draft,
    or what was just submitted): worked out once per form for all its bilingual panels."""
    if not hasattr(form, "_missing_french_names"):
        form._missing_french_names = {item.name for item in missing_french_fields(form.instance)}
    return form._missing_french_names


def _language_of(panel):
    name = getattr(panel, "field_name", "")
    return name.rsplit("_", 1)[-1] if "_" in name else None


def bilingual(field_name, **kwargs):
    """English and French of `field_name` side by side."""
    return BilingualPanel([FieldPanel(field_name)], **kwargs)


class FrenchPublishCheckPanel(Panel):
    """The warning shown when publishing was refused for missing French, with the button that
    publishes anyway. Renders nothing otherwise."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "content/admin/french_publish_check.html"

        def is_shown(self):
            return bool(getattr(self.form, "missing_french", None))

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["missing"] = self.form.missing_french
            context["publish_value"] = PUBLISH_WITHOUT_FRENCH
            return context


def french_missing_message(missing):
    labels = ", ".join(str(item.label) for item in missing)
    return gettext("French is missing for: %(fields)s. Publish anyway?") % {"fields": labels}


class FrenchCheckedPageForm(FreeSlugPageForm):
    """Refuses to publish a page whose French is missing unless the trainer confirmed with the
    second button; drafts, submissions for moderation and previews go through untouched.
    Built on the free-slug form every page type has (content/page_admin.py)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The labels Wagtail's error summary uses: "Title (French)" in the admin's language,
        # not modeltranslation's "title [fr]".
        # (content/admin_labels.py).
        for name, field in self.fields.items():
            label = language_label(self._meta.model, name)
            if label is not None:
                field.label = label

    def _post_clean(self):
        # After the instance has the submitted values: the check reads the page as it would
        # be published.
        super()._post_clean()
        self.missing_french = []
        action = self.data.get("action-publish")
        if not action or action == PUBLISH_WITHOUT_FRENCH:
            return
        missing = missing_french_fields(self.instance)
        if missing:
            self.missing_french = missing
            self.add_error(
                None, ValidationError(french_missing_message(missing), code=FRENCH_MISSING)
            )


def page_content_panels(*panels):
    """A page type's content tab: the publish warning (when there is one), the title in both
    languages, then `panels`."""
    return [FrenchPublishCheckPanel(), BilingualPanel([TitleFieldPanel("title")]), *panels]


def page_promote_panels():
    """Wagtail's promote tab (Page.promote_panels), each translated field in both languages."""
    return [
        MultiFieldPanel(
            [bilingual("slug"), bilingual("seo_title"), bilingual("search_description")],
            gettext_lazy("For search engines"),
        ),
        MultiFieldPanel([FieldPanel("show_in_menus")], gettext_lazy("For site menus")),
    ]
