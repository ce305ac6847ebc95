from .attempts import Answer, Attempt, AttemptSource
from .indicators import COMPUTED_KINDS, SHARE_KINDS, Indicator, IndicatorKind, IndicatorVersion
from .quizzes import (
    AssignmentRole,
    Choice,
    FeedbackTiming,
    GradingPolicy,
    Question,
    QuestionKind,
    Quiz,
    QuizKind,
)

__all__ = [
    "Answer",
    "AssignmentRole",
    "Attempt",
    "AttemptSource",
    "COMPUTED_KINDS",
    "Choice",
    "FeedbackTiming",
    "GradingPolicy",
    "Indicator",
    "IndicatorKind",
    "IndicatorVersion",
    "SHARE_KINDS",
    "Question",
    "QuestionKind",
    "Quiz",
    "QuizKind",
]
