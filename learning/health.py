"""Health checks for the proxy and the benchmarks: /healthz (the process answers) and /readyz
(it can reach the database). Outside the language prefix, no session, no template."""

from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


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
