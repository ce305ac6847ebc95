"""Rate limits on the routes that write (issue 13): per signed-in person and per address.

Counts are kept by django-ratelimit in the default cache, the database cache in production, so
every app server shares them. A request over a limit gets 429 with Retry-After and a message in
the reader's language: JSON on the API, a page elsewhere. The limits are in settings
(RATE_LIMITS, RATE_LIMIT_ROUTES) and in README "Rate limits".
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django_ratelimit.core import get_usage

from learning.people.auth import client_address
from quizzes.api.base import requested_language

# The message of every refusal, translated when it is sent.
MESSAGE = gettext_noop("Too many requests in a short time. Please wait a moment, then try again.")


def address_key(group, request):
    return client_address(request)


def user_key(group, request):
    return str(request.user.pk)


def _content_length(request):
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0


def _byte_budget_wait(group, request, budget):
    """Seconds to wait when this body would take the person past `budget` bytes a minute.

    django-ratelimit counts requests only; bodies are counted here the same way, in a window
    of the shared cache (counts may run a little over under concurrency, never far).
    """
    size = _content_length(request)
    window = int(time.time()) // 60
    key = f"rl-bytes:{group}:{request.user.pk}:{window}"
    cache.add(key, 0, 65)
    used = cache.get(key, 0)
    if used and used + size > budget:
        return 60 - int(time.time()) % 60
    try:
        cache.incr(key, size)
    except ValueError:  # expired between add and incr: this window starts again
        cache.add(key, size, 65)
    return 0


def _wait(usage):
    return max(int(usage["time_left"]), 1)


def exceeded(group, request):
    """Seconds to wait when the request is over one of its group's limits, else 0.

    Every limit counts the request (so a person hammering one limit is counted by the others).
    """
    rule = settings.RATE_LIMITS[group]
    wait = 0
    checks = [("address", address_key)]
    if request.user.is_authenticated:
        checks.append(("user", user_key))
    for scope, key in checks:
        rate = rule.get(scope)
        if not rate:
            continue
        usage = get_usage(request, group=f"{group}:{scope}", key=key, rate=rate, increment=True)
        if usage and usage["should_limit"]:
            wait = max(wait, _wait(usage))
    if not wait and request.user.is_authenticated and rule.get("user_bytes_per_minute"):
        wait = _byte_budget_wait(group, request, rule["user_bytes_per_minute"])
    return wait


def group_for(request):
    """The limit group of the request's route and method, or None."""
    try:
        match = resolve(request.path_info, getattr(request, "urlconf", None))
    except Resolver404:
        return None
    routes = settings.RATE_LIMIT_ROUTES
    for name in (f"{match.namespace}:{match.url_name}", match.url_name, f"{match.namespace}:*"):
        entry = routes.get(name)
        if entry and (entry[0] == "*" or request.method in entry[0]):
            return entry[1]
    return None


def too_many_requests(request, wait):
    if request.path_info.startswith("/api/"):
        with translation.override(requested_language(request)):
            response = JsonResponse(
                {"code": "rate_limited", "message": _(MESSAGE), "details": {"retry_after": wait}},
                status=429,
            )
            response["Content-Language"] = translation.get_language()
    else:
        response = render(request, "learning/rate_limited.html", {"retry_after": wait}, status=429)
    response["Retry-After"] = str(wait)
    return response


class RateLimitMiddleware:
    """Refuses a request over its route's limits before its view runs.

    A middleware, outside the request's transaction (learning/middleware.py): counters are
    written on their own, and a shared counter row is never held while a view runs.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if getattr(settings, "RATELIMIT_ENABLE", True):
            group = group_for(request)
            if group:
                wait = exceeded(group, request)
                if wait:
                    return too_many_requests(request, wait)
        return self.get_response(request)
