"""JSON API for taking quizzes and surveys: `api`, mounted at /api/v1/ by learning/urls.py.

- base: the NinjaAPI object (its description, served in the OpenAPI schema, is base's
  docstring), session authentication and the language every operation runs in;
- errors: the one shape of every refusal, and the exception handlers;
- schemas: the request and response bodies;
- serialise: attempts, results and answer feedback as those bodies;
- endpoints: the operations.

Importing endpoints here registers the operations on `api`, and errors (which it imports) the
exception handlers.
"""

from .base import LANGUAGE_CODES, Language, LanguageQuery, api, requested_language
from .endpoints import (
    get_attempt,
    get_quiz,
    get_result,
    save_answer,
    start_attempt,
    submit_attempt,
)
from .errors import (
    ERRORS,
    ErrorOut,
    error_response,
    on_http_error,
    on_not_authenticated,
    on_not_found,
    on_quiz_error,
    on_validation_error,
)
from .schemas import (
    ANSWER_VALUE_SCHEMA,
    DECIMAL_NOTE,
    AnswerFeedback,
    AnswerIn,
    AnswerSaved,
    AttemptOut,
    ChoiceFeedback,
    ChoiceOut,
    QuestionOut,
    QuizOut,
    ResultChoice,
    ResultOut,
    ResultQuestion,
    RoleOut,
    SubmitIn,
)
from .serialise import PERCENT_PLACES, SCORE_PLACES

__all__ = [
    "ANSWER_VALUE_SCHEMA",
    "DECIMAL_NOTE",
    "ERRORS",
    "LANGUAGE_CODES",
    "PERCENT_PLACES",
    "SCORE_PLACES",
    "AnswerFeedback",
    "AnswerIn",
    "AnswerSaved",
    "AttemptOut",
    "ChoiceFeedback",
    "ChoiceOut",
    "ErrorOut",
    "Language",
    "LanguageQuery",
    "QuestionOut",
    "QuizOut",
    "ResultChoice",
    "ResultOut",
    "ResultQuestion",
    "RoleOut",
    "SubmitIn",
    "api",
    "error_response",
    "get_attempt",
    "get_quiz",
    "get_result",
    "on_http_error",
    "on_not_authenticated",
    "on_not_found",
    "on_quiz_error",
    "on_validation_error",
    "requested_language",
    "save_answer",
    "start_attempt",
    "submit_attempt",
]
