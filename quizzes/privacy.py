"""What the quiz engine adds to a learner's privacy export and to their account's deletion.

Registered on learner records' extension points in quizzes/apps.py. Each answer comes with its
question and the labels of the choices picked, in the language the learner answered in (and
both languages of the question), so the export reads without the quiz at hand.
"""

from django.db.models import Prefetch

from learning.people.privacy import datetime_text

from .models import Answer, AssignmentRole, Attempt
from .services import anonymous_condition, attempts_anonymise


def _decimal(value):
    return str(value) if value is not None else None


def _translated(instance, field, language):
    """The field in `language`, else in English (a translation may be missing)."""
    for code in (language, "en"):
        value = getattr(instance, f"{field}_{code}", None) if code else None
        if value:
            return value
    return getattr(instance, field, "")


def _answer(answer, *, language, roles):
    question = answer.question
    # None when a trainer has since deleted the question: its codes stay, without labels.
    choices = {choice.code: choice for choice in question.choices.all()} if question else {}

    def label(code):
        choice = choices.get(code)
        return _translated(choice, "label", language) if choice else None

    def role_label(code):
        role = roles.get(code)
        return _translated(role, "label", language) if role else None

    assignments = answer.assignments or {}
    return {
        "question_code": answer.question_code,
        "question_text": _translated(question, "text", language) if question else None,
        "question_text_en": question.text_en if question else None,
        "question_text_fr": question.text_fr if question else None,
        "choice": answer.choice_code or None,
        "choice_label": label(answer.choice_code) if answer.choice_code else None,
        "choices": answer.choice_codes or [],
        "choice_labels": [label(code) for code in answer.choice_codes or []],
        "assignments": assignments,
        "assignment_labels": [
            {"task": label(task), "role": role_label(role)} for task, role in assignments.items()
        ],
        "rating": answer.rating,
        "text": answer.text,
        "score": _decimal(answer.score),
        "max_score": _decimal(answer.max_score),
        "answered_at": datetime_text(answer.answered_at),
    }


def _attempts(attempts):
    """Attempts with their answers, labelled, in a constant number of queries."""
    answers = (
        Answer.objects.select_related("question")
        .prefetch_related("question__choices")
        .order_by("answered_at", "pk")
    )
    attempts = (
        attempts.select_related("quiz", "cohort")
        .prefetch_related(Prefetch("answers", queryset=answers))
        .order_by("started_at", "pk")
    )
    roles = {role.code: role for role in AssignmentRole.objects.all()}
    return [
        {
            "quiz_title_en": attempt.quiz.title_en,
            "quiz_title_fr": attempt.quiz.title_fr,
            "kind": attempt.quiz.kind,
            "number": attempt.number,
            "language": attempt.language,
            "source": attempt.source,
            "training_session": attempt.cohort.name if attempt.cohort else None,
            "started_at": datetime_text(attempt.started_at),
            "submitted_at": datetime_text(attempt.submitted_at),
            "score": _decimal(attempt.score),
            "max_score": _decimal(attempt.max_score),
            "percent": _decimal(attempt.percent),
            "passed": attempt.passed,
            "counts_for_evaluation": attempt.counts_for_evaluation,
            "answers": [
                _answer(answer, language=attempt.language, roles=roles)
                for answer in attempt.answers.all()
            ],
        }
        for attempt in attempts
    ]


def quiz_attempts_section(user):
    return "quiz_attempts", _attempts(Attempt.objects.filter(user=user))


def anonymous_responses_section(user):
    """The person's anonymous survey responses, found by recomputing their keyed hash.

    Included: the site can link them to the person (it holds the secret), so they are the
    person's data and theirs to see. They are looked up only for the signed-in person, at
    their request, and the lookup leaves no trace; what is stored is unchanged (coarse
    times, no account), and nobody else can reach them this way.
    """
    return "anonymous_survey_responses", _attempts(
        Attempt.objects.filter(anonymous_condition(user=user))
    )


def attempts_deleting(user):
    """Attempts stay for indicators, cut from the person (README, Privacy)."""
    return {"attempts_anonymised": attempts_anonymise(user=user)}
