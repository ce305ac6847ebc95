"""Every refusal has one shape: {"code": machine code, "message": translated text, "details": {}}.

The exception handlers here turn quiz errors, authentication and CSRF failures, bad JSON,
invalid requests and 404s into that shape, with the message in the request's language.
"""

from typing import Any

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from ninja import Field, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from ..services import QuizError
from .base import api


class ErrorOut(Schema):
    code: str = Field(..., examples=["invalid_answer"])
    message: str = Field(..., description="Translated, for the learner.")
    details: dict[str, Any] = Field(
        default_factory=dict, description='For answers: {"question": id} or {id: message}.'
    )


ERRORS = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: ErrorOut,
}


def _jsonable(value):
    if isinstance(value, dict):
        return {str(key): _jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(item) for item in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)  # lazy translations, decimals


def error_response(request, *, code, message, status, details=None):
    body = {"code": code, "message": str(message), "details": _jsonable(details or {})}
    return api.create_response(request, body, status=status)


@api.exception_handler(QuizError)
def on_quiz_error(request, exc):
    return error_response(
        request, code=exc.code, message=exc.message, status=exc.status, details=exc.details
    )


@api.exception_handler(AuthenticationError)
def on_not_authenticated(request, exc):
    return error_response(
        request,
        code="not_authenticated",
        message=_("Log in to continue."),
        status=exc.status_code,
    )


@api.exception_handler(HttpError)
def on_http_error(request, exc):
    if exc.status_code == 403 and "CSRF" in exc.message:
        return error_response(
            request,
            code="csrf_failed",
            message=_("Your session has expired or the request was refused: reload the page."),
            status=403,
        )
    if exc.status_code == 400 and exc.message.startswith("Cannot parse request body"):
        if getattr(exc.__cause__, "code", None) == "nul_character":
            return error_response(
                request,
                code="nul_character",
                message=_("The request holds a character that is not allowed (NUL)."),
                status=400,
            )
        return error_response(
            request,
            code="invalid_json",
            message=_("The request body is not valid JSON."),
            status=400,
        )
    return error_response(request, code="bad_request", message=exc.message, status=exc.status_code)


@api.exception_handler(ValidationError)
def on_validation_error(request, exc):
    return error_response(
        request,
        code="invalid_request",
        message=_("The request is not valid."),
        status=422,
        details={"errors": exc.errors},
    )


@api.exception_handler(Http404)
def on_not_found(request, exc):
    return error_response(
        request, code="not_found", message=_("This page does not exist."), status=404
    )
