"""A quiz as its trainer defined it: questions, choices, the answer key, read once per version.

Every learner's page and API call needs the whole quiz, and it changes only when a trainer edits
it, so each process keeps a copy per version (bench/burst.py, issue 10).
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Prefetch

from learning.in_process import InProcessCache

from .models import Choice, Question, Quiz

# Long enough to matter under a burst, short enough that a question changed outside the admin
# (saving a quiz in the admin, with its questions and choices, always changes the key) is
# picked up soon.
QUIZ_CACHE_SECONDS = 300

# This process's copies of quizzes, their questions and their rendered JSON, keyed by version;
# shared by every request, so read-only.
quiz_copies = InProcessCache(max_entries=2000, seconds=QUIZ_CACHE_SECONDS)


@dataclass(frozen=True)
class QuizVersion:
    pk: int
    revision: int
    updated_at: datetime

    @classmethod
    def of(cls, quiz):
        """The version of a quiz already loaded (with its attempt, say): no query."""
        return cls(pk=quiz.pk, revision=quiz.revision, updated_at=quiz.updated_at)

    @property
    def key(self):
        """Changes whenever the quiz does: part of every per-process copy's key."""
        return f"{self.pk}:{self.revision}:{self.updated_at.timestamp()}"


def quiz_version(*, quiz_id=None, slug=None):
    """The quiz's current version in one small query; None if there is no such quiz."""
    found = Quiz.objects.filter(**({"slug": slug} if slug is not None else {"pk": quiz_id}))
    row = found.values_list("pk", "revision", "updated_at").first()
    return QuizVersion(*row) if row is not None else None


def quiz_with_questions(*, quiz_id=None, slug=None, version=None):
    """The quiz, its questions and their choices.

    One small query for the quiz's version (none when given), then a per-process copy of that
    version (three queries when there is none): every learner's page and API call needs it.
    """
    version = version or quiz_version(quiz_id=quiz_id, slug=slug)
    if version is None:
        return None
    key = f"quiz-with-questions:{version.key}"
    quiz = quiz_copies.get(key)
    if quiz is None:
        quiz = _quiz_with_questions(version.pk)
        if quiz is None:
            return None
        quiz_copies.set(key, quiz)
    return quiz


def _quiz_with_questions(quiz_id):
    """The quiz, its questions and their choices in three queries, whatever their number."""
    queryset = Quiz.objects.prefetch_related(
        Prefetch(
            "questions",
            queryset=Question.objects.order_by("sort_order").prefetch_related(
                Prefetch(
                    "choices",
                    queryset=Choice.objects.order_by("sort_order").select_related("correct_role"),
                )
            ),
        )
    )
    return queryset.filter(pk=quiz_id).first()
