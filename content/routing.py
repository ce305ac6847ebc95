"""Finding the page for an address in one lookup, by its translated path.

wagtail-modeltranslation replaces `Page.route` with a walk that loads every sibling at each level
of the path and then `.specific` of each step (issue 11: about a quarter of a lesson view, and it
grows with the course). Each page already stores its path in every language
(`url_path_en`, `url_path_fr`), so the page at `/fr/cours/x/lecon/` is the one whose
`url_path_fr` is the site root's plus `cours/x/lecon/`. ContentConfig.ready() puts this back on
the site's page types after wagtail-modeltranslation has patched them.
"""

from django.conf import settings
from django.http import Http404
from django.utils.translation import get_language
from modeltranslation.utils import build_localized_fieldname
from wagtail.models import Page, Site
from wagtail.url_routing import RouteResult

from learning.in_process import InProcessCache

# Every address on a page is built from the site root paths: in production each read of them
# was a database-cache query, two a page (en and fr). They change only when a site or its root
# page does, so each process keeps them; the process that makes the change drops its copy at
# once (below), the others within this many seconds.
SITE_ROOT_PATHS_SECONDS = 60
site_root_paths = InProcessCache(max_entries=16, seconds=SITE_ROOT_PATHS_SECONDS)


def route_by_translated_path(page, request, path_components, *, fallback):
    if not path_components:
        if page.live:
            return RouteResult(page)
        raise Http404
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    field = build_localized_fieldname("url_path", language)
    base = getattr(page, field, None) or page.url_path
    target = base + "/".join(path_components) + "/"
    found = _page_at(field, target)
    if found is None:
        # A path not stored in this language (pages saved before their translation columns
        # existed): the walk that compares slugs one level at a time still finds it.
        return fallback(page, request, path_components)
    if not found.live:
        raise Http404
    return RouteResult(found)


# The page type found at each address: the next request for it asks that type's table directly,
# one query instead of two (the base row, then `.specific`). A page of another type now at that
# address is simply not found there, and the two-query lookup runs again.
page_types = InProcessCache(max_entries=5000, seconds=3600)


def _page_at(field, target):
    key = (field, target)
    model = page_types.get(key)
    if model is not None:
        found = model.objects.filter(**{field: target}).first()
        if found is not None:
            return found
    found = Page.objects.filter(**{field: target}).specific().first()
    if found is not None:
        page_types.set(key, type(found))
    return found


def install_route(models, fallback):
    """Give `models` the one-lookup route; `fallback` is the route they had."""

    def route(self, request, path_components):
        return route_by_translated_path(self, request, path_components, fallback=fallback)

    for model in models:
        model.route = route


def install_site_root_paths(models, original):
    """Site root paths kept per language for the whole request. `original` (wagtail-
    modeltranslation's) keeps only the current language: a page that shows its address in
    both languages (switcher, hreflang) read the cache three times, en, fr and en again, and
    each read is a query with the database cache of production."""

    def _get_site_root_paths(self, request=None):
        if request is None:
            return original(self, request)
        language = get_language()
        kept = request.__dict__.setdefault("_psr_site_root_paths", {})
        if language not in kept:
            paths = site_root_paths.get(language)
            if paths is None:
                paths = original(self, request)
                site_root_paths.set(language, paths)
            kept[language] = paths
        return kept[language]

    for model in models:
        model._get_site_root_paths = _get_site_root_paths


def install_site_root_paths_clearing():
    """Wagtail clears its site root paths when a site, or a site's root page, changes: clear
    this process's copies with them."""
    original = Site.clear_site_root_paths_cache

    def clear_site_root_paths_cache():
        original()
        site_root_paths.clear()

    Site.clear_site_root_paths_cache = staticmethod(clear_site_root_paths_cache)
