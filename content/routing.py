"""Finding the page for an address in one lookup, by its translated path.

wagtail-modeltranslation replaces `Page.route` with a walk that loads every sibling at each level
of the path and then `.specific` of each step (issue 11: about a quarter of a lesson view, and it
grows with the course). Each page already stores its path in every language
(`url_path_en`, `url_path_fr`), so the page at `/fr/cours/x/lecon/` is the one whose
`url_path_fr` is the site root's plus `cours/x/lecon/`. ContentConfig.ready() puts this back on
the site's page types after wagtail-modeltranslation has patched them.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.http.request import split_domain_port
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
        # What the page type's template shows of related rows comes in the same query.
        related = getattr(model, "route_select_related", ())
        found = model.objects.filter(**{field: target}).select_related(*related).first()
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

    route.one_lookup = True
    for model in models:
        model.route = route


# The site for each host and port, with what routing needs of its root page, so that serving a
# page below the root asks neither for the site nor for the root page (two queries a request;
# issue 11). Cleared with the site root paths: the process that changes a site or its root page
# at once, the others within SITE_ROOT_PATHS_SECONDS.
sites = InProcessCache(max_entries=64, seconds=SITE_ROOT_PATHS_SECONDS)
_NO_SITE = object()
_SITE_FIELDS = ("id", "hostname", "port", "site_name", "root_page_id", "is_default_site")
_ROOT_FIELDS = ("id", "path", "depth", "url_path", "live", "content_type_id")


def _root_fields():
    return _ROOT_FIELDS + tuple(
        build_localized_fieldname("url_path", code) for code, _name in settings.LANGUAGES
    )


def install_site_lookup(original_find):
    """`Site._find_for_request` from this process's copy: a new `Site` each request (nothing
    shared between requests), built from the values kept."""

    def _find_for_request(request):
        key = (split_domain_port(request._get_raw_host())[0], request.get_port())
        kept = sites.get(key)
        if kept is None:
            site = original_find(request)
            kept = _NO_SITE
            if site is not None:
                root = site.root_page
                kept = (
                    {name: getattr(site, name) for name in _SITE_FIELDS},
                    {name: getattr(root, name) for name in _root_fields()},
                )
            sites.set(key, kept)
        if kept is _NO_SITE:
            return None
        site = Site(**kept[0])
        request._psr_site_root = kept[1]
        return site

    Site._find_for_request = staticmethod(_find_for_request)


def install_route_for_request(original):
    """Below the site root, route from the root's kept values when its page type routes by
    translated path; the root itself, or any other case, the way Wagtail does."""

    def route_for_request(request, path):
        if hasattr(request, "_wagtail_route_for_request"):
            return request._wagtail_route_for_request
        components = [component for component in path.split("/") if component]
        site = Site.find_for_request(request)
        root_fields = getattr(request, "_psr_site_root", None)
        if not components or site is None or root_fields is None:
            return original(request, path)
        root_model = ContentType.objects.get_for_id(root_fields["content_type_id"]).model_class()
        if not getattr(getattr(root_model, "route", None), "one_lookup", False):
            return original(request, path)
        root = Page(**root_fields)
        try:
            result = route_by_translated_path(
                root, request, components, fallback=lambda *_: original(request, path)
            )
        except Http404:
            result = None
        request._wagtail_route_for_request = result
        return result

    Page.route_for_request = staticmethod(route_for_request)


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
        sites.clear()

    Site.clear_site_root_paths_cache = staticmethod(clear_site_root_paths_cache)
