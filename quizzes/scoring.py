"""Server-side scoring, one rule per question type. Pure functions: no database.

Every rule returns a score between 0 and the question's points (its maximum), as a Decimal:

1. Single choice: full points if the chosen code is the correct choice, else 0.
2. Multiple choice, all-or-nothing: full points if the set picked is exactly the set of correct
   choices, else 0.
   Multiple choice, partial credit: each correct choice picked earns points / (number of
   correct choices); each wrong choice picked takes the same amount away; never below 0.
   So adding a correct pick never lowers the score, and adding a wrong pick never raises it.
3. True/false: as single choice (its two choices are "true" and "false").
4. Role assignment: each task is worth points / (number of tasks), earned when the task is
   assigned to its correct role; unanswered tasks earn nothing.
5. Likert, 6. rating, 7. free text: not scored (None); they feed surveys and indicators.
   Likert answers carry the chosen option's favourable / not-applicable flags.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .models.quizzes import QuestionKind

THREE_PLACES = Decimal("0.001")


@dataclass(frozen=True)
class ChoiceKey:
    code: str
    is_correct: bool = False
    correct_role: str | None = None
    is_favourable: bool = False
    is_not_applicable: bool = False


@dataclass(frozen=True)
class QuestionKey:
    """What scoring needs of a question, detached from the ORM."""

    kind: str
    points: int
    choices: tuple
    partial_credit: bool = False

    @classmethod
    def from_question(cls, question, choices):
        return cls(
            kind=question.kind,
            points=question.points,
            partial_credit=question.partial_credit,
            choices=tuple(
                ChoiceKey(
                    code=choice.code,
                    is_correct=choice.is_correct,
                    correct_role=choice.correct_role.code if choice.correct_role_id else None,
                    is_favourable=choice.is_favourable,
                    is_not_applicable=choice.is_not_applicable,
                )
                for choice in choices
            ),
        )


@dataclass(frozen=True)
class Score:
    score: Decimal | None
    max_score: Decimal | None
    is_favourable: bool | None = None
    is_not_applicable: bool | None = None

    @property
    def is_correct(self):
        if self.score is None:
            return None
        return self.score == self.max_score


def _quantize(value):
    return Decimal(value).quantize(THREE_PLACES, rounding=ROUND_HALF_UP)


def score_single(key, choice_code):
    points = Decimal(key.points)
    correct = {choice.code for choice in key.choices if choice.is_correct}
    return Score(points if choice_code in correct else Decimal(0), points)


def score_multiple(key, choice_codes):
    points = Decimal(key.points)
    picked = set(choice_codes)
    correct = {choice.code for choice in key.choices if choice.is_correct}
    if not key.partial_credit:
        return Score(points if picked == correct else Decimal(0), points)
    if not correct:
        return Score(Decimal(0), points)
    right = len(picked & correct)
    wrong = len(picked - correct)
    # Fractions of points, exact at both ends (all right and no wrong is full marks).
    earned = points * (right - wrong) / len(correct)
    return Score(min(points, _quantize(max(Decimal(0), earned))), points)


def score_role_assignment(key, assignments):
    points = Decimal(key.points)
    tasks = list(key.choices)
    if not tasks:
        return Score(Decimal(0), points)
    right = sum(1 for task in tasks if assignments.get(task.code) == task.correct_role)
    return Score(min(points, _quantize(points * right / len(tasks))), points)


def score_likert(key, choice_code):
    chosen = next((choice for choice in key.choices if choice.code == choice_code), None)
    if chosen is None:
        return Score(None, None)
    return Score(None, None, chosen.is_favourable, chosen.is_not_applicable)


def score_answer(key, *, choice_code="", choice_codes=(), assignments=None, **_unused):
    if key.kind in (QuestionKind.SINGLE, QuestionKind.TRUE_FALSE):
        return score_single(key, choice_code)
    if key.kind == QuestionKind.MULTIPLE:
        return score_multiple(key, choice_codes)
    if key.kind == QuestionKind.ROLE_ASSIGNMENT:
        return score_role_assignment(key, assignments or {})
    if key.kind == QuestionKind.LIKERT:
        return score_likert(key, choice_code)
    return Score(None, None)


def percent(score, max_score):
    if not max_score:
        return None
    return (Decimal(score) * 100 / Decimal(max_score)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )
