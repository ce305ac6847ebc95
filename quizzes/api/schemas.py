"""The API's request and response bodies (their names are the OpenAPI schema's components)."""

from datetime import datetime
from typing import Any

from ninja import Field, Schema

from ..models import FeedbackTiming, QuestionKind, QuizKind

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


ANONYMOUS_ID_NOTE = "Negative, and random, for an anonymous survey's response."
ANONYMOUS_TIME_NOTE = " An anonymous survey's keeps only the month: its first moment, local time."


class AttemptOut(Schema):
    id: int = Field(..., description=ANONYMOUS_ID_NOTE)
    quiz: str = Field(..., description="The quiz's slug.")
    number: int
    started_at: datetime = Field(..., description="ISO 8601." + ANONYMOUS_TIME_NOTE)
    submitted: bool
    submitted_at: datetime | None = Field(
        None, description="ISO 8601, or null while open." + ANONYMOUS_TIME_NOTE
    )
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
    id: int = Field(..., description=ANONYMOUS_ID_NOTE)
    quiz: str = Field(..., description="The quiz's slug.")
    submitted_at: datetime = Field(..., description="ISO 8601." + ANONYMOUS_TIME_NOTE)
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
    answer_key_shown: bool = Field(
        ...,
        description=(
            "Whether the right answers, choices' feedback and explanations are given: after "
            "submit, only once the learner passed or has no attempt left."
        ),
    )
    questions: list[ResultQuestion]
