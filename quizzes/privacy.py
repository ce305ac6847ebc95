"""What the quiz engine adds to a learner's privacy export and to their account's deletion.

Registered on learner records' extension points in quizzes/apps.py. Anonymous survey responses
keep no link to the account, so they cannot be found for the export (README, Quizzes).
"""

from django.db.models import Prefetch

from learning.people.privacy import datetime_text

from .models import Answer, Attempt
from .services import attempts_anonymise


def _decimal(value):
    return str(value) if value is not None else None


def _answer(answer):
    question = answer.question
    return {
        "question_code": answer.question_code,
        # None when a trainer has since deleted the question; its code stays.
        "question_text_en": question.text_en if question else None,
        "question_text_fr": question.text_fr if question else None,
        "choice": answer.choice_code or None,
        "choices": answer.choice_codes or [],
        "assignments": answer.assignments or {},
        "rating": answer.rating,
        "text": answer.text,
        "score": _decimal(answer.score),
        "max_score": _decimal(answer.max_score),
        "answered_at": datetime_text(answer.answered_at),
    }


def quiz_attempts_section(user):
    answers = Answer.objects.select_related("question").order_by("answered_at", "pk")
    attempts = (
        Attempt.objects.filter(user=user)
        .select_related("quiz")
        .prefetch_related(Prefetch("answers", queryset=answers))
        .order_by("started_at", "pk")
    )
    return "quiz_attempts", [
        {
            "quiz_title_en": attempt.quiz.title_en,
            "quiz_title_fr": attempt.quiz.title_fr,
            "kind": attempt.quiz.kind,
            "number": attempt.number,
            "language": attempt.language,
            "source": attempt.source,
            "started_at": datetime_text(attempt.started_at),
            "submitted_at": datetime_text(attempt.submitted_at),
            "score": _decimal(attempt.score),
            "max_score": _decimal(attempt.max_score),
            "percent": _decimal(attempt.percent),
            "passed": attempt.passed,
            "counts_for_evaluation": attempt.counts_for_evaluation,
            "answers": [_answer(answer) for answer in attempt.answers.all()],
        }
        for attempt in attempts
    ]


def attempts_deleting(user):
    """Attempts stay for indicators, cut from the person (README, Privacy)."""
    return {"attempts_anonymised": attempts_anonymise(user=user)}
