from .attempts import Answer, Attempt, AttemptSource
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
    "Choice",
    "FeedbackTiming",
    "GradingPolicy",
    "Question",
    "QuestionKind",
    "Quiz",
    "QuizKind",
]
