"""One answer as the learner gives it: checked against its question, then scored."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from ..models import AssignmentRole, Question, QuestionKind
from ..models.quizzes import CHOICE_KINDS
from ..scoring import QuestionKey, score_answer
from .errors import QuizError

RATING_RANGE = range(1, 6)


@dataclass
class CleanAnswer:
    question: Question
    choice_code: str = ""
    choice_codes: list = field(default_factory=list)
    assignments: dict = field(default_factory=dict)
    rating: int | None = None
    text: str = ""

    @property
    def is_empty(self):
        return not (
            self.choice_code
            or self.choice_codes
            or self.assignments
            or self.rating is not None
            or self.text.strip()
        )


def invalid_answer(message, question, code="invalid_answer"):
    return QuizError(message, code=code, details={"question": question.pk})


def clean_answer(*, question, value, role_codes=None):
    """Check a raw answer against its question; raise QuizError with a translated message.

    `value` is what a form or the API sent: a code (single, true/false, Likert), a list of
    codes (multiple), {task code: role code} (role assignment), an integer (rating), a string
    (free text). Labels are never accepted: only codes.
    """
    kind = question.kind
    codes = {choice.code for choice in question.choices.all()}
    answer = CleanAnswer(question=question)
    if value in (None, "", [], {}):
        return answer
    if kind in (QuestionKind.SINGLE, QuestionKind.TRUE_FALSE, QuestionKind.LIKERT):
        if not isinstance(value, str) or value not in codes:
            raise invalid_answer(_("That choice does not belong to this question."), question)
        answer.choice_code = value
    elif kind == QuestionKind.MULTIPLE:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            raise invalid_answer(_("That choice does not belong to this question."), question)
        if not set(value) <= codes:
            raise invalid_answer(_("That choice does not belong to this question."), question)
        answer.choice_codes = sorted(set(value))
    elif kind == QuestionKind.ROLE_ASSIGNMENT:
        if not isinstance(value, dict):
            raise invalid_answer(_("Assign each task to a role."), question)
        if role_codes is None:
            role_codes = assignment_role_codes()
        cleaned = {}
        for task, role in value.items():
            if role in ("", None):
                continue
            if not isinstance(role, str):
                raise invalid_answer(_("That role does not exist."), question)
            if task not in codes:
                raise invalid_answer(_("That task does not belong to this question."), question)
            if role not in role_codes:
                raise invalid_answer(_("That role does not exist."), question)
            cleaned[task] = role
        answer.assignments = cleaned
    elif kind == QuestionKind.RATING:
        # Whole numbers only, as a number or digits: 3.7 or "3.7" is refused, not truncated.
        rating = None
        if isinstance(value, int) and not isinstance(value, bool):
            rating = value
        elif isinstance(value, str) and value.strip().isdigit():
            rating = int(value.strip())
        if rating not in RATING_RANGE:
            raise invalid_answer(_("Choose a rating from 1 to 5."), question)
        answer.rating = rating
    elif kind == QuestionKind.FREE_TEXT:
        if not isinstance(value, str):
            raise invalid_answer(_("Write your answer as text."), question)
        if len(value) > question.max_length:
            raise invalid_answer(
                _("Your answer is too long: %(length)d characters, %(limit)d at most.")
                % {"length": len(value), "limit": question.max_length},
                question,
                code="answer_too_long",
            )
        answer.text = value
    return answer


def assignment_role_codes():
    return set(AssignmentRole.objects.values_list("code", flat=True))


def score_clean_answer(clean):
    question = clean.question
    if question.kind not in CHOICE_KINDS:
        return None
    key = QuestionKey.from_question(question, question.choices.all())
    return score_answer(
        key,
        choice_code=clean.choice_code,
        choice_codes=clean.choice_codes,
        assignments=clean.assignments,
    )
