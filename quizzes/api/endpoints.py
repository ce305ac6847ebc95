"""The API's operations: a quiz, starting or resuming an attempt, saving answers, submitting,
the result.

Each operation keeps the operationId it had when the API was one module (quizzes/api.py): ninja
would otherwise derive it from this module's name and change the OpenAPI schema.
"""

from django.http import HttpResponse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from ninja import Query
from ninja.responses import Status

from ..definitions import quiz_copies, quiz_version, quiz_with_questions
from ..models import AssignmentRole, QuestionKind
from ..services import (
    QuizError,
    SubmitResult,
    answer_save,
    attempt_for_user,
    attempt_start,
    attempt_submit,
)
from .base import LanguageQuery, api
from .errors import ERRORS
from .schemas import AnswerIn, AnswerSaved, AttemptOut, QuizOut, ResultOut, SubmitIn
from .serialise import attempt_out, feedback, result_out


def _quiz_or_404(slug):
    quiz = quiz_with_questions(slug=slug)
    if quiz is None:
        raise QuizError(_("This quiz does not exist."), code="quiz_not_found", status=404)
    return quiz


@api.get(
    "/quizzes/{slug}",
    response={200: QuizOut, **ERRORS},
    tags=["quizzes"],
    operation_id="quizzes_api_get_quiz",
)
def get_quiz(request, slug: str, query: Query[LanguageQuery]):
    """A quiz and its questions, for display. Correct answers and feedback are never here."""
    version = quiz_version(slug=slug)
    if version is None:
        raise QuizError(_("This quiz does not exist."), code="quiz_not_found", status=404)
    # The same for every learner: checked against QuizOut and rendered once per version and
    # language in each process, since every learner of a cohort asks for it at once.
    language = translation.get_language()
    key = f"quiz-out:{version.key}:{language}"
    body = quiz_copies.get(key)
    if body is None:
        quiz = quiz_with_questions(version=version)
        out = QuizOut.model_validate(_quiz_out(quiz)).model_dump(by_alias=True)
        body = api.renderer.render(request, out, response_status=200)
        quiz_copies.set(key, body)
    return HttpResponse(body, content_type=api.renderer.media_type)


def _quiz_out(quiz):
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
    operation_id="quizzes_api_start_attempt",
)
def start_attempt(request, slug: str, query: Query[LanguageQuery]):
    """Start an attempt (201), or resume the learner's unfinished one (200)."""
    quiz = _quiz_or_404(slug)
    attempt = attempt_start(quiz=quiz, user=request.user, language=translation.get_language())
    if attempt.resumed:
        return Status(200, attempt_out(attempt, quiz))
    return Status(201, attempt_out(attempt, quiz, answers=[]))


@api.get(
    "/attempts/{attempt_id}",
    response={200: AttemptOut, **ERRORS},
    tags=["attempts"],
    operation_id="quizzes_api_get_attempt",
)
def get_attempt(request, attempt_id: int, query: Query[LanguageQuery]):
    """One of the learner's attempts and its saved answers."""
    attempt = attempt_for_user(attempt_id=attempt_id, user=request.user)
    return attempt_out(attempt, quiz_with_questions(quiz_id=attempt.quiz_id))


@api.put(
    "/attempts/{attempt_id}/answers/{question_id}",
    response={200: AnswerSaved, **ERRORS},
    tags=["attempts"],
    operation_id="quizzes_api_save_answer",
)
def save_answer(
    request, attempt_id: int, question_id: int, payload: AnswerIn, query: Query[LanguageQuery]
):
    """Save (autosave) one answer; an empty value clears it. 409 once submitted."""
    saved = answer_save(
        user=request.user, attempt_id=attempt_id, question_id=question_id, value=payload.value
    )
    return {
        "question_id": question_id,
        "saved": True,
        "cleared": saved.answer is None,
        "feedback": feedback(attempt=saved.attempt, answer=saved.answer, question=saved.question),
    }


@api.post(
    "/attempts/{attempt_id}/submit",
    response={200: ResultOut, **ERRORS},
    tags=["attempts"],
    operation_id="quizzes_api_submit_attempt",
)
def submit_attempt(
    request, attempt_id: int, query: Query[LanguageQuery], payload: SubmitIn | None = None
):
    """Score and close the attempt. Submitting again returns the same result."""
    attempt = attempt_for_user(attempt_id=attempt_id, user=request.user)
    answers = payload.answers if payload is not None else None
    result = attempt_submit(attempt=attempt, answers=answers, user=request.user)
    return result_out(result)


@api.get(
    "/attempts/{attempt_id}/result",
    response={200: ResultOut, **ERRORS},
    tags=["attempts"],
    operation_id="quizzes_api_get_result",
)
def get_result(request, attempt_id: int, query: Query[LanguageQuery]):
    """The result of a submitted attempt; 409 while it is still open."""
    attempt = attempt_for_user(attempt_id=attempt_id, user=request.user)
    if not attempt.is_submitted:
        raise QuizError(
            _("This attempt has not been submitted yet."),
            code="attempt_not_submitted",
            status=409,
        )
    return result_out(SubmitResult(attempt=attempt, already_submitted=True))
