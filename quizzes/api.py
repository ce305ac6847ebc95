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

from datetime import datetime
from decimal import Decimal
from functools import wraps
from typing import Any, Literal

from django.conf import settings
from django.http import Http404
from django.middleware.csrf import get_token
from django.template.defaultfilters import floatformat
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from ninja import Field, NinjaAPI, Query, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.responses import Status
from ninja.security import django_auth

from .models import AssignmentRole, FeedbackTiming, Question, QuestionKind, QuizKind
from .models.quizzes import SCORED_KINDS
from .selectors import ordered_choices, quiz_grade, quiz_with_questions
from .services import (
    QuizError,
    SubmitResult,
    answer_save,
    attempt_for_user,
    attempt_start,
    attempt_submit,
)

LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)
SCORE_PLACES = Decimal("0.001")
PERCENT_PLACES = Decimal("0.01")

api = NinjaAPI(
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


# --- Errors -----------------------------------------------------------------------------------


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


# --- Schemas ----------------------------------------------------------------------------------

ANSWER_VALUE_SCHEMA = {
    "anyOf": [
        {"type": "string", "description": "single, true_false, likert: a choice code"},
        {"type": "array", "items": {"type": "string"}, "description": "multiple: choice codes"},
        {
            "type": "object",
            "additionalProperties": {"type": "string"},
            "description": "role_assignment: {task code: role code}",
        },
        {"type": "integer", "minimum": 1, "maximum": 5, "description": "rating"},
        {"type": "string", "description": "free_text"},
        {"type": "null", "description": "no answer (clears a saved one)"},
    ]
}
DECIMAL_NOTE = "A decimal written as a string, e.g. "


class ChoiceOut(Schema):
    code: str
    label: str


class RoleOut(Schema):
    code: str
    label: str


class QuestionOut(Schema):
    id: int
    code: str
    kind: QuestionKind
    text: str
    required: bool
    points: int = Field(..., description="0 weight for unscored kinds (likert, rating, text).")
    max_length: int | None = Field(None, description="Free text only: characters allowed.")
    choices: list[ChoiceOut] = Field(..., description="Role assignment: the tasks to assign.")


class QuizOut(Schema):
    slug: str
    kind: QuizKind
    title: str
    intro: str
    pass_mark: int = Field(..., description="Percent.")
    attempts_allowed: int = Field(..., description="0 means no limit.")
    feedback_timing: FeedbackTiming
    anonymous: bool
    questions: list[QuestionOut]
    roles: list[RoleOut] = Field(..., description="Roles tasks can be assigned to, if needed.")


class AttemptOut(Schema):
    id: int
    quiz: str = Field(..., description="The quiz's slug.")
    number: int
    started_at: datetime = Field(..., description="ISO 8601; anonymous surveys keep only the day.")
    submitted: bool
    submitted_at: datetime | None = Field(None, description="ISO 8601, or null while open.")
    answers: dict[int, Any] = Field(
        ...,
        description="Saved answers by question id.",
        json_schema_extra={"additionalProperties": ANSWER_VALUE_SCHEMA},
    )


class AnswerIn(Schema):
    value: Any = Field(None, json_schema_extra=ANSWER_VALUE_SCHEMA)


class ChoiceFeedback(Schema):
    code: str
    feedback: str


class AnswerFeedback(Schema):
    is_correct: bool
    verdict: str = Field(..., description="Translated: correct, partly correct, not quite.")
    score: str = Field(..., description=DECIMAL_NOTE + '"0.500".')
    max_score: str = Field(..., description=DECIMAL_NOTE + '"1.000".')
    explanation: str
    choices: list[ChoiceFeedback] = Field(
        ..., description="Feedback written for the choices (or tasks) the learner picked."
    )


class AnswerSaved(Schema):
    question_id: int
    saved: bool = True
    cleared: bool = Field(..., description="The value was empty: the saved answer was removed.")
    feedback: AnswerFeedback | None = Field(
        None, description="Only when the quiz gives feedback immediately, for scored questions."
    )


class SubmitIn(Schema):
    answers: dict[str, Any] | None = Field(
        None,
        description="Answers to save first, by question id (the same values as PUT answers).",
        json_schema_extra={"additionalProperties": ANSWER_VALUE_SCHEMA},
    )


class ResultChoice(Schema):
    code: str
    label: str
    selected: bool = Field(..., description="Picked (or, for tasks, assigned a role).")
    is_correct: bool | None = Field(None, description="Choice questions, with feedback only.")
    correct_role: str | None = Field(None, description="Role assignment, with feedback only.")
    feedback: str | None = None


class ResultQuestion(Schema):
    id: int
    code: str
    kind: QuestionKind
    text: str
    value: Any = Field(None, json_schema_extra=ANSWER_VALUE_SCHEMA)
    # Null when the quiz never shows feedback, or for unscored questions.
    score: str | None = Field(None, description=DECIMAL_NOTE + '"0.500".')
    max_score: str | None = Field(None, description=DECIMAL_NOTE + '"1.000".')
    is_correct: bool | None = None
    verdict: str | None = None
    explanation: str | None = None
    choices: list[ResultChoice]


class ResultOut(Schema):
    id: int
    quiz: str = Field(..., description="The quiz's slug.")
    submitted_at: datetime = Field(..., description="ISO 8601.")
    score: str | None = Field(None, description=DECIMAL_NOTE + '"4.500"; null for surveys.')
    max_score: str | None = Field(None, description=DECIMAL_NOTE + '"5.000".')
    percent: str | None = Field(None, description=DECIMAL_NOTE + '"90.00".')
    passed: bool | None = None
    already_submitted: bool
    removed_questions: list[str] = Field(
        default_factory=list,
        description="Question ids sent with the submission that are no longer in the quiz.",
    )
    feedback_shown: bool = Field(..., description="False when the quiz never shows feedback.")
    questions: list[ResultQuestion]


# --- Helpers ----------------------------------------------------------------------------------


def _decimal(value, places=SCORE_PLACES):
    if value is None:
        return None
    return str(Decimal(value).quantize(places))


def _quiz_or_404(slug):
    quiz = quiz_with_questions(slug=slug)
    if quiz is None:
        raise QuizError(_("This quiz does not exist."), code="quiz_not_found", status=404)
    return quiz


def _answer_value(answer, kind):
    if answer is None:
        return None
    if kind == QuestionKind.MULTIPLE:
        return list(answer.choice_codes)
    if kind == QuestionKind.ROLE_ASSIGNMENT:
        return dict(answer.assignments)
    if kind == QuestionKind.RATING:
        return answer.rating
    if kind == QuestionKind.FREE_TEXT:
        return answer.text
    return answer.choice_code


def _picked(answer, kind, code):
    if answer is None:
        return False
    if kind == QuestionKind.MULTIPLE:
        return code in answer.choice_codes
    if kind == QuestionKind.ROLE_ASSIGNMENT:
        return bool(answer.assignments.get(code))
    return answer.choice_code == code


def _verdict(answer):
    if answer.score == answer.max_score:
        return gettext("Correct.")
    if answer.score:
        return gettext("Partly correct: %(score)s of %(max)s points.") % {
            "score": floatformat(answer.score, "-2"),
            "max": floatformat(answer.max_score, "-2"),
        }
    return gettext("Not quite.")


def _attempt_out(attempt, quiz):
    kinds = {question.pk: question.kind for question in quiz.questions.all()}
    return {
        "id": attempt.pk,
        "quiz": quiz.slug,
        "number": attempt.number,
        "started_at": attempt.started_at,
        "submitted": attempt.is_submitted,
        "submitted_at": attempt.submitted_at,
        "answers": {
            answer.question_id: _answer_value(answer, kinds[answer.question_id])
            for answer in attempt.answers.all()
            if answer.question_id in kinds
        },
    }


def _result_out(result):
    attempt = result.attempt
    quiz = quiz_with_questions(quiz_id=attempt.quiz_id)
    answers = {answer.question_id: answer for answer in attempt.answers.all()}
    show = quiz.feedback_timing != FeedbackTiming.NEVER
    questions = []
    for question in quiz.questions.all():
        answer = answers.get(question.pk)
        # As on the result page: surveys show no right or wrong answers.
        scored = show and quiz.is_scored and question.is_scored
        choices = [
            {
                "code": choice.code,
                "label": choice.label,
                "selected": _picked(answer, question.kind, choice.code),
                "is_correct": choice.is_correct
                if scored and question.kind != QuestionKind.ROLE_ASSIGNMENT
                else None,
                "correct_role": choice.correct_role.code
                if scored and choice.correct_role_id
                else None,
                "feedback": choice.feedback if show else None,
            }
            for choice in ordered_choices(question, attempt=attempt, shuffle=quiz.shuffle_choices)
        ]
        row = {
            "id": question.pk,
            "code": question.code,
            "kind": question.kind,
            "text": question.text,
            "value": _answer_value(answer, question.kind),
            "choices": choices,
        }
        if scored:
            points = Decimal(question.points)
            score = answer.score if answer is not None and answer.score is not None else None
            row |= {
                "score": _decimal(score if score is not None else 0),
                "max_score": _decimal(points),
                "is_correct": score is not None and score == points,
                "verdict": _verdict(answer) if score is not None else gettext("Not answered."),
            }
        if show:
            row["explanation"] = question.explanation
        questions.append(row)
    return {
        "id": attempt.pk,
        "quiz": quiz.slug,
        "submitted_at": attempt.submitted_at,
        "score": _decimal(attempt.score),
        "max_score": _decimal(attempt.max_score),
        "percent": _decimal(attempt.percent, PERCENT_PLACES),
        "passed": attempt.passed,
        "already_submitted": result.already_submitted,
        "removed_questions": [str(raw) for raw in result.removed_questions],
        "feedback_shown": show,
        "questions": questions,
    }


def _feedback(*, attempt, answer, question_id):
    if answer is None or attempt.quiz.feedback_timing != FeedbackTiming.IMMEDIATE:
        return None
    question = Question.objects.prefetch_related("choices").get(pk=question_id)
    if question.kind not in SCORED_KINDS or answer.score is None:
        return None
    return {
        "is_correct": answer.score == answer.max_score,
        "verdict": _verdict(answer),
        "score": _decimal(answer.score),
        "max_score": _decimal(answer.max_score),
        "explanation": question.explanation,
        "choices": [
            {"code": choice.code, "feedback": choice.feedback}
            for choice in ordered_choices(
                question, attempt=attempt, shuffle=attempt.quiz.shuffle_choices
            )
            if _picked(answer, question.kind, choice.code) and choice.feedback
        ],
    }


# --- Endpoints --------------------------------------------------------------------------------


@api.get("/quizzes/{slug}", response={200: QuizOut, **ERRORS}, tags=["quizzes"])
def get_quiz(request, slug: str, query: Query[LanguageQuery]):
    """A quiz and its questions, for display. Correct answers and feedback are never here."""
    quiz = _quiz_or_404(slug)
    questions = list(quiz.questions.all())
    needs_roles = any(q.kind == QuestionKind.ROLE_ASSIGNMENT for q in questions)
    return {
        "slug": quiz.slug,
        "kind": quiz.kind,
        "title": quiz.title,
        "intro": quiz.intro,
        "pass_mark": quiz.pass_mark,
        "attempts_allowed": quiz.attempts_allowed,
        "feedback_timing": quiz.feedback_timing,
        "anonymous": quiz.anonymous,
        "questions": [
            {
                "id": question.pk,
                "code": question.code,
                "kind": question.kind,
                "text": question.text,
                "required": question.required,
                "points": question.points if question.is_scored else 0,
                "max_length": question.max_length
                if question.kind == QuestionKind.FREE_TEXT
                else None,
                "choices": [
                    {"code": choice.code, "label": choice.label}
                    for choice in question.choices.all()
                ],
            }
            for question in questions
        ],
        "roles": [{"code": role.code, "label": role.label} for role in AssignmentRole.objects.all()]
        if needs_roles
        else [],
    }


@api.post(
    "/quizzes/{slug}/attempts",
    response={200: AttemptOut, 201: AttemptOut, **ERRORS},
    tags=["attempts"],
)
def start_attempt(request, slug: str, query: Query[LanguageQuery]):
    """Start an attempt (201), or resume the learner's unfinished one (200)."""
    quiz = _quiz_or_404(slug)
    already_open = quiz_grade(quiz=quiz, user=request.user).open_attempt
    attempt = attempt_start(quiz=quiz, user=request.user, language=translation.get_language())
    resumed = already_open is not None and already_open.pk == attempt.pk
    return Status(200 if resumed else 201, _attempt_out(attempt, quiz))


@api.get("/attempts/{attempt_id}", response={200: AttemptOut, **ERRORS}, tags=["attempts"])
def get_attempt(request, attempt_id: int, query: Query[LanguageQuery]):
    """One of the learner's attempts and its saved answers."""
    attempt = attempt_for_user(attempt_id=attempt_id, user=request.user)
    return _attempt_out(attempt, quiz_with_questions(quiz_id=attempt.quiz_id))


@api.put(
    "/attempts/{attempt_id}/answers/{question_id}",
    response={200: AnswerSaved, **ERRORS},
    tags=["attempts"],
)
def save_answer(
    request, attempt_id: int, question_id: int, payload: AnswerIn, query: Query[LanguageQuery]
):
    """Save (autosave) one answer; an empty value clears it. 409 once submitted."""
    attempt = attempt_for_user(attempt_id=attempt_id, user=request.user)
    answer = answer_save(attempt=attempt, question_id=question_id, value=payload.value)
    return {
        "question_id": question_id,
        "saved": True,
        "cleared": answer is None,
        "feedback": _feedback(attempt=attempt, answer=answer, question_id=question_id),
    }


@api.post("/attempts/{attempt_id}/submit", response={200: ResultOut, **ERRORS}, tags=["attempts"])
def submit_attempt(
    request, attempt_id: int, query: Query[LanguageQuery], payload: SubmitIn | None = None
):
    """Score and close the attempt. Submitting again returns the same result."""
    attempt = attempt_for_user(attempt_id=attempt_id, user=request.user)
    answers = payload.answers if payload is not None else None
    result = attempt_submit(attempt=attempt, answers=answers, user=request.user)
    return _result_out(result)


@api.get("/attempts/{attempt_id}/result", response={200: ResultOut, **ERRORS}, tags=["attempts"])
def get_result(request, attempt_id: int, query: Query[LanguageQuery]):
    """The result of a submitted attempt; 409 while it is still open."""
    attempt = attempt_for_user(attempt_id=attempt_id, user=request.user)
    if not attempt.is_submitted:
        raise QuizError(
            _("This attempt has not been submitted yet."),
            code="attempt_not_submitted",
            status=409,
        )
    return _result_out(SubmitResult(attempt=attempt, already_submitted=True))
