"""JSON API for taking quizzes and surveys: /api/v1/ (OpenAPI schema at /api/v1/openapi.json).

Authentication is the site's session (django-ninja's `django_auth`). Ninja 1.x has no
`NinjaAPI(csrf=…)` switch any more: the cookie authenticator runs Django's CSRF check itself,
so every POST/PUT needs the `X-CSRFToken` header (or a `csrfmiddlewaretoken` field) matching
the `csrftoken` cookie; GET responses set that cookie. Without a session: 401; without the
token: 403.

Language: `?lang=en|fr`, else the request's language (the language cookie, then
Accept-Language, as LocaleMiddleware decides). Titles, texts, labels and error messages come
in that language, and the response says so in Content-Language.

Every refusal has one shape: {"code": machine code, "message": translated text, "details": {}}.
Scores and percentages are decimals written as strings ("1.500", "83.33"), never floats.

Like the HTML pages, the API only translates between JSON and quizzes.services, which check
everything a learner sends.
"""

from functools import wraps
from typing import Literal

from django.conf import settings
from django.middleware.csrf import get_token
from django.utils import translation
from ninja import Field, NinjaAPI, Schema
from ninja.parser import Parser
from ninja.security import django_auth

from learning.inputs import parse_json

LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)


class SafeJSONParser(Parser):
    """Bodies nested too deep to parse, or holding NUL characters, are refused (400) instead of
    failing later; ninja reports any parse failure as "Cannot parse request body", and
    errors.on_http_error reads the cause."""

    def parse_body(self, request):
        return parse_json(request.body)


api = NinjaAPI(
    parser=SafeJSONParser(),
    title="PSR Learn API",
    version="1",
    description=__doc__,
    urls_namespace="api-v1",
    auth=django_auth,
)


# --- Language ---------------------------------------------------------------------------------


def requested_language(request):
    requested = request.GET.get("lang", "")
    if requested in LANGUAGE_CODES:
        return requested
    return translation.get_language() or settings.LANGUAGE_CODE


def _in_requested_language(run):
    """Around every operation, authentication included, so refusals are translated too."""

    @wraps(run)
    def run_in_language(request, *args, **kwargs):
        language = requested_language(request)
        with translation.override(language):
            request.LANGUAGE_CODE = language
            if request.method in ("GET", "HEAD"):
                # Sets the csrftoken cookie, so a client can send X-CSRFToken on writes.
                get_token(request)
            response = run(request, *args, **kwargs)
        response.headers["Content-Language"] = language
        return response

    return run_in_language


api.add_decorator(_in_requested_language, mode="view")

Language = Literal[LANGUAGE_CODES]


class LanguageQuery(Schema):
    lang: Language | None = Field(
        None, description="Language of texts and messages; default: the request's language."
    )
