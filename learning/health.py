"""Health checks for the proxy and the benchmarks: /healthz (the process answers) and /readyz
(it can reach the database). Outside the language prefix, no session, no template.

And the server-error page, which tells a brief database outage (a restart, a failover, SQLite's
write lock held past its timeout) from a fault: 503 with Retry-After, so the browser's autosave
and the proxy try again, rather than a 500 (bench/faults.sh, issue 10).
"""

import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils import translation
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_GET
from django.views.defaults import server_error as django_server_error

RETRY_AFTER_SECONDS = 5


@never_cache
@require_GET
def healthz(request):
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def readyz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # noqa: BLE001 - any failure means "not ready", said as a 503
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


@requires_csrf_token
def server_error(request):
    """handler500: a 503 when the database could not be reached, else Django's 500 page."""
    if not isinstance(sys.exc_info()[1], (OperationalError, InterfaceError)):
        return django_server_error(request)
    headers = {"Retry-After": str(RETRY_AFTER_SECONDS)}
    if request.path.startswith("/api/") or "application/json" in request.headers.get("Accept", ""):
        # The API's ?lang= is read by its views, which this request may not have reached.
        language = request.GET.get("lang")
        if language not in dict(settings.LANGUAGES):
            language = translation.get_language()
        with translation.override(language):
            message = gettext(
                "The service is briefly unavailable. Nothing you saved is lost: "
                "try again in a few seconds."
            )
        return JsonResponse(
            {"code": "unavailable", "message": message, "details": {}},
            status=503,
            headers=headers,
        )
    # Rendered without a request context, as Django's own 500 page is: nothing in it may need
    # the database that just failed.
    body = loader.get_template("503.html").render()
    return HttpResponse(body, status=503, headers=headers)
