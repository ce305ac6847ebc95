"""Autosave: one answer at a time, the request a learner's browser sends most often.

It runs on every change of every answer, so it is kept to one statement per step: the attempt
found, checked and locked in one query, the question from this process's copy of the quiz
version, the answer written with one upsert (bench/burst.py, issue 10).
"""

from contextlib import nullcontext
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learning.inputs import database_id

from ..models import Answer, Attempt, Question
from .answers import clean_answer
from .attempts import (
    ANSWER_FIELDS,
    answer_values,
    attempt_for_user,
    current_questions,
    new_answer,
    refuse_if_submitted,
)
from .errors import QuizError


@dataclass
class SavedAnswer:
    attempt: Attempt
    question: Question
    answer: Answer | None  # None when the answer was cleared


def answer_save(*, user, attempt_id, question_id, value):
    """Autosave one of the learner's answers; an empty value clears it.

    The same 404 whether the attempt is someone else's or does not exist; 409 once submitted.
    """
    # Inside a request that writes there is already a transaction
    # (learning.middleware.AtomicWritesMiddleware): a savepoint would add two round trips, and
    # nothing here needs one, since every check is made before the single write.
    in_transaction = transaction.get_connection().in_atomic_block
    with nullcontext() if in_transaction else transaction.atomic():
        attempt = attempt_for_user(attempt_id=attempt_id, user=user, for_update=True)
        refuse_if_submitted(attempt)
        question = _question(quiz=attempt.quiz, question_id=question_id)
        clean = clean_answer(question=question, value=value)
        if clean.is_empty:
            Answer.objects.filter(attempt=attempt, question=question).delete()
            return SavedAnswer(attempt=attempt, question=question, answer=None)
        answer = new_answer(
            attempt=attempt,
            question=question,
            values=answer_values(attempt=attempt, clean=clean, now=timezone.now()),
        )
        # One statement whether or not the answer was saved before (INSERT … ON CONFLICT
        # DO UPDATE on PostgreSQL and SQLite).
        Answer.objects.bulk_create(
            [answer],
            update_conflicts=True,
            unique_fields=["attempt", "question"],
            update_fields=ANSWER_FIELDS,
        )
        return SavedAnswer(attempt=attempt, question=question, answer=answer)


def _question(*, quiz, question_id):
    # From this process's copy of the quiz version (its questions, choices and answer key), the
    # one every other step reads too: an edit in the admin is a new version, so never stale.
    question = current_questions(quiz).get(database_id(question_id))
    if question is None:
        raise _unknown_question(question_id)
    return question


def _unknown_question(question_id):
    return QuizError(
        _("That question is not part of this quiz. The page may be out of date: reload it."),
        code="unknown_question",
        details={"question": question_id},
    )
