"""Attempts, results and answer feedback as the API's response bodies (plain dicts).

Scores and percentages are decimals written as strings ("1.500", "83.33"), never floats.
"""

from decimal import Decimal

from django.template.defaultfilters import floatformat
from django.utils.translation import gettext

from ..definitions import QuizVersion, quiz_with_questions
from ..models import FeedbackTiming, QuestionKind
from ..models.quizzes import SCORED_KINDS
from ..selectors import answer_key_shown, feedback_due, ordered_choices

SCORE_PLACES = Decimal("0.001")
PERCENT_PLACES = Decimal("0.01")


def _decimal(value, places=SCORE_PLACES):
    if value is None:
        return None
    return str(Decimal(value).quantize(places))


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
            "score": floatformat(answer.score, "-1"),
            "max": floatformat(answer.max_score, "-1"),
        }
    return gettext("Not quite.")


def attempt_out(attempt, quiz, answers=None):
    """`answers`: the attempt's answers when already known (none for a new attempt)."""
    if answers is None:
        answers = attempt.answers.all()
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
            for answer in answers
            if answer.question_id in kinds
        },
    }


def result_out(result):
    attempt = result.attempt
    # The attempt comes with its quiz (loaded to lock or check it): its version costs no query.
    quiz = quiz_with_questions(version=QuizVersion.of(attempt.quiz))
    stored = result.answers if result.answers is not None else attempt.answers.all()
    answers = {answer.question_id: answer for answer in stored}
    show = quiz.feedback_timing != FeedbackTiming.NEVER
    # As on the result page: the key waits until the learner can no longer use it (issue 14).
    key = show and (
        attempt.user_id is None  # an anonymous survey: nothing to score, nothing to retry
        or answer_key_shown(quiz=quiz, user=attempt.user)
    )
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
                if key and scored and question.kind != QuestionKind.ROLE_ASSIGNMENT
                else None,
                "correct_role": choice.correct_role.code
                if key and scored and choice.correct_role_id
                else None,
                "feedback": choice.feedback if key else None,
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
        if key:
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
        "answer_key_shown": key,
        "questions": questions,
    }


def feedback(*, attempt, answer, question):
    if answer is None or attempt.quiz.feedback_timing != FeedbackTiming.IMMEDIATE:
        return None
    if question.kind not in SCORED_KINDS or answer.score is None:
        return None
    if not feedback_due(question=question, answer=answer):
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
