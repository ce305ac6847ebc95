from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.decorators.cache import never_cache
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import permission_denied, require_admin_access
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.models import Page
from wagtail.permissions import policy_registry

from content import views as content_views
from content.h5p.urls import content_urlpatterns as h5p_content_urls
from learning import health
from quizzes.api import api

# A database out of reach answers 503 with Retry-After, any other fault Django's 500 page.
handler500 = health.server_error


def _page_editors_only(view):
    """Site history names whoever changed what. Wagtail lists it only for people who work on
    pages but serves it to any admin user; program leads, who see no names, are refused."""

    def guarded(request, *args, **kwargs):
        if policy_registry.get_by_type(Page).explorable_root_instance(request.user) is None:
            return permission_denied(request)
        return view(request, *args, **kwargs)

    return never_cache(require_admin_access(guarded))


# The admin sits outside the language prefix; everything a visitor reads is under /en/ or /fr/,
# and "/" redirects by the browser's language (LocaleMiddleware).
urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("api/v1/", api.urls),
    # Ahead of the admin's own routes for these two paths (see _page_editors_only).
    path(
        "admin/reports/site-history/",
        _page_editors_only(LogEntriesView.as_view()),
        name="site_history_page_editors",
    ),
    path(
        "admin/reports/site-history/results/",
        _page_editors_only(LogEntriesView.as_view(results_only=True)),
        name="site_history_results_page_editors",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    path("documents/", include(wagtaildocs_urls)),
    # Files of H5P packages (outside the language prefix; see H5P_CONTENT_ORIGIN).
    path("h5p-content/", include(h5p_content_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("search/", content_views.search, name="search"),
    path("accounts/", include("allauth.urls")),
    path("learning/", include("learning.learner_urls")),
    path("plans/", include("learning.plans.urls")),
    path("verify/", include("learning.verify_urls")),
    path("quizzes/", include("quizzes.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
