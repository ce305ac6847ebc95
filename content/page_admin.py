"""What every page type does in the admin beyond its fields (issue 16): a preview in each
language, and a free address for a page started again with a title already used beside it.

The page classes in content/models.py take `BilingualAdminPage` before Wagtail's `Page`.
"""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname
from wagtail.admin.forms.pages import WagtailAdminPageForm

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def free_slug(slug, taken):
    """`slug`, or `slug-2`, `slug-3`… the first that no sibling uses."""
    if slug not in taken:
        return slug
    number = 2
    while f"{slug}-{number}" in taken:
        number += 1
    return f"{slug}-{number}"


class FreeSlugPageForm(WagtailAdminPageForm):
    """A new page whose slug a sibling already has gets the next free one (`-2`, `-3`…).

    Wagtail's admin fills the slug in from the title, so a trainer who starts a course draft
    again, or a second lesson called "Introduction", was refused with "This slug is already in
    use" — on the Promote tab, where they were not looking. A new page's address is not yet
    known to anyone, so choosing a free one is safe. An existing page keeps its address: there a
    clash is still refused (wagtail-modeltranslation's check), and the message says where to
    change it.
    """

    def clean(self):
        if self.parent_page is not None:
            if self.instance.pk is None:
                self._free_slugs()
            else:
                self._name_slug_clashes()
        return super().clean()

    def _taken(self):
        """{language: slugs of the siblings in that language}, as visitors' URLs resolve them
        (with modeltranslation's fallback to English for an empty French slug)."""
        siblings = list(self.parent_page.get_children())
        if self.instance.pk:
            siblings = [page for page in siblings if page.pk != self.instance.pk]
        taken = {}
        for code in LANGUAGE_CODES:
            with translation.override(code):
                taken[code] = {page.slug for page in siblings}
        return taken

    def _slug_fields(self):
        for code in LANGUAGE_CODES:
            name = build_localized_fieldname("slug", code)
            if self.cleaned_data.get(name):
                yield code, name

    def _free_slugs(self):
        taken = self._taken()
        for code, name in self._slug_fields():
            self.cleaned_data[name] = free_slug(self.cleaned_data[name], taken[code])
        # Wagtail checks the untranslated field too; it stands for the default language.
        default = build_localized_fieldname("slug", settings.LANGUAGE_CODE)
        if self.cleaned_data.get("slug") and self.cleaned_data.get(default):
            self.cleaned_data["slug"] = self.cleaned_data[default]

    def _name_slug_clashes(self):
        taken = self._taken()
        for code, name in self._slug_fields():
            if self.cleaned_data[name] in taken[code]:
                # Said at the top of the form too: the field itself is on the Promote tab.
                self.add_error(
                    None,
                    _(
                        "Another page in this place already has the address “%(slug)s”. "
                        "Change the slug on the Promote tab."
                    )
                    % {"slug": self.cleaned_data[name]},
                )


class BilingualAdminPage:
    """Mixed into every page type, before `Page`."""

    base_form_class = FreeSlugPageForm

    # The preview shows the page as visitors of each language read it: interface, fields and
    # links in that language (the French preview trainers asked for in issue 16).
    preview_modes = [("en", _("English")), ("fr", _("French"))]

    @property
    def default_preview_mode(self):
        # The admin's language (the trainer's own, active while Wagtail asks): a trainer working
        # in the French admin previews in French first.
        language = translation.get_language()
        return language if language in LANGUAGE_CODES else settings.LANGUAGE_CODE

    def make_preview_request(
        self, original_request=None, preview_mode=None, extra_request_attrs=None
    ):
        # The dummy request goes to the page's URL in the mode's language (/fr/cours/…), so the
        # middleware, the language switcher and every link follow that language.
        language = preview_mode if preview_mode in LANGUAGE_CODES else translation.get_language()
        with translation.override(language):
            return super().make_preview_request(original_request, preview_mode, extra_request_attrs)

    def serve_preview(self, request, mode_name):
        language = mode_name if mode_name in LANGUAGE_CODES else translation.get_language()
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = super().serve_preview(request, mode_name)
            # Rendered here, while the mode's language is active.
            if hasattr(response, "render"):
                response.render()
            return response
