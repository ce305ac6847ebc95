from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import DEFAULT_DB_ALIAS, transaction
from django.http import HttpResponseBadRequest
from django.middleware.locale import LocaleMiddleware
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.translation import gettext as _

SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}


class SiteLocaleMiddleware(LocaleMiddleware):
    """LocaleMiddleware, except for the JSON API: /api/ has no language prefix, and a 404
    there must stay a 404 instead of redirecting to /en/api/… (where Wagtail's catch-all
    page route would answer with HTML)."""

    def process_response(self, request, response):
        if request.path_info.startswith("/api/"):
            return response
        return super().process_response(request, response)


class AtomicWritesMiddleware:
    """A request that writes (POST, PUT, PATCH, DELETE) is all-or-nothing.

    Its view runs in one transaction, rolled back when the answer is a server error (an
    exception no middleware turned into a response is one): a sign-up creates the user and the
    profile together or neither; the same for joining a session, enrolling, submitting and
    publishing (issue 10). Django's ATOMIC_REQUESTS would do it for every request, reads
    included, and on SQLite a transaction takes the write lock at its start (settings:
    transaction_mode IMMEDIATE): reads stay outside. Last in MIDDLEWARE, so the transaction
    holds the view and nothing else, and other middleware still turn a view's exception into
    its response (allauth's ImmediateHttpResponse) as Django does. Views marked with
    `transaction.non_atomic_requests` or named in ATOMIC_WRITES_EXEMPT_URL_NAMES are left alone.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.exempt = set(getattr(settings, "ATOMIC_WRITES_EXEMPT_URL_NAMES", ()))

    def __call__(self, request):
        if request.method in SAFE_METHODS or self._exempt(request):
            return self.get_response(request)
        with transaction.atomic():
            response = self.get_response(request)
            if response.status_code >= 500:
                transaction.set_rollback(True)
        return response

    def _exempt(self, request):
        try:
            match = resolve(request.path_info, getattr(request, "urlconf", None))
        except Resolver404:
            return True  # nothing to run: the 404 writes nothing
        if DEFAULT_DB_ALIAS in getattr(match.func, "_non_atomic_requests", set()):
            return True
        return match.url_name in self.exempt


class RejectNulCharactersMiddleware:
    """A NUL character in the address or its query string gets a 400 page in words.

    PostgreSQL refuses NUL in text, so `/en/search/?q=%00` once failed with a server error deep
    in a query (issue 10). Form fields already refuse it (Django's forms validate it); JSON
    bodies are checked where they are parsed (learning.inputs.parse_json).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            message = _("The address holds a character that is not allowed (NUL).")
            body = render_to_string("400.html", {"message": message}, request=request)
            return HttpResponseBadRequest(body)
        return self.get_response(request)


class LearnerTimeZoneMiddleware:
    """Pages show times in the signed-in person's time zone (their profile's, else their
    region's; issue 15); visitors see the site's. The profile comes with the session's user
    (learning/people/sessions.py): no query of its own."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        name = None
        if user is not None and user.is_authenticated:
            try:
                name = user.profile.time_zone_name
            except ObjectDoesNotExist:
                name = None
        if name:
            with timezone.override(name):
                return self.get_response(request)
        return self.get_response(request)
