import time

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.admin.templatetags.wagtailuserbar import wagtailuserbar
from wagtail.models import Page

register = template.Library()


def _translated_url(request, page, language):
    if isinstance(page, Page):
        with translation.override(language):
            # Page URLs come from the per-language url_path, so the slug is translated too.
            return page.get_url(request=request) or ""
    # Outside the override: translate_url resolves the path in the current language (its
    # /fr/ or /en/ prefix), and under the other one it would give the same address back.
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


ADMIN_ACCESS_KEY = "psr_admin_access"
ADMIN_ACCESS_SECONDS = 600


@register.simple_tag(takes_context=True)
def admin_userbar(context, position="bottom-right"):
    """Wagtail's userbar for people who can use the admin, without Wagtail's two permission
    queries on every page for every learner (issue 11): whether this account can reach the
    admin is kept in its session for ten minutes. The admin itself always checks."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return ""
    remembered = request.session.get(ADMIN_ACCESS_KEY)
    now = time.time()
    if not remembered or remembered[0] != user.pk or now - remembered[2] > ADMIN_ACCESS_SECONDS:
        remembered = (user.pk, user.has_perm("wagtailadmin.access_admin"), now)
        request.session[ADMIN_ACCESS_KEY] = remembered
    if not remembered[1]:
        return ""
    return wagtailuserbar(context, position)
