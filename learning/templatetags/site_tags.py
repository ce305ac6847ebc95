from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page

register = template.Library()


def _translated_url(request, page, language):
    with translation.override(language):
        if isinstance(page, Page):
            # Page URLs come from the per-language url_path, so the slug is translated too.
            return page.get_url(request=request) or ""
        return translate_url(request.get_full_path(), language)


@register.simple_tag(takes_context=True)
def language_links(context):
    """The current page in every language: for the switcher and the hreflang alternates."""
    request = context.get("request")
    if request is None:
        return []
    page = context.get("page")
    current = translation.get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        url = _translated_url(request, page, code)
        if not url:
            continue
        # Each language is named in itself, so a reader finds their own.
        native = translation.get_language_info(code)["name_local"].capitalize()
        links.append(
            {
                "code": code,
                "name": native,
                "url": url,
                "absolute_url": request.build_absolute_uri(url),
                "current": code == current,
            }
        )
    return links
