"""Writes for quizzes and surveys: start, save an answer, submit, anonymise.

Everything a learner sends is checked here, on the server; views and the API only translate
QuizError into a response. Scoring rules are in quizzes/scoring.py.
"""

import hmac
import logging
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from learning.inputs import database_id

from ..definitions import QuizVersion, quiz_with_questions
from ..extensions import attempt_submitted
from ..models import Answer, Attempt, Question
from ..models.quizzes import CHOICE_KINDS
from ..scoring import percent
from .anonymity import anonymous_answer_id, anonymous_attempt_id, attempt_pk, coarse_time
from .answers import CleanAnswer, assignment_role_codes, clean_answer, score_clean_answer
from .errors import QuizError
from .snapshot import course_and_cohort, profile_snapshot, respondent_key_for

logger = logging.getLogger(__name__)

# A random id already taken (about one chance in 2**53 per response): draw another.
ANONYMOUS_ID_DRAWS = 3


def owns_attempt(*, attempt, user):
    if not user.is_authenticated:
        return False
    if attempt.user_id is not None:
        return attempt.user_id == user.pk
    return bool(attempt.respondent_key) and hmac.compare_digest(
        attempt.respondent_key, respondent_key_for(user=user, quiz=attempt.quiz)
    )


def attempt_for_user(*, attempt_id, user, for_update=False):
    """The attempt if it is this learner's; the same 404 whether it exists or not."""
    attempt_id = attempt_pk(attempt_id)
    if attempt_id is None:
        raise QuizError(_("This attempt does not exist."), code="attempt_not_found", status=404)
    queryset = Attempt.objects.select_related("quiz")
    if for_update:
        queryset = queryset.select_for_update(of=("self",))
    attempt = queryset.filter(pk=attempt_id).first()
    if attempt is None or not owns_attempt(attempt=attempt, user=user):
        raise QuizError(_("This attempt does not exist."), code="attempt_not_found", status=404)
    return attempt


NOT_ANSWERABLE = _(
    "This quiz has a question with no answer to choose, so it cannot be taken here. If it "
    "records an activity's score, do the activity in its lesson."
)


def quiz_is_answerable(quiz):
    """False when a question offers choices and has none, as the quiz made to record an H5P
    activity's score (issue 16): nothing a learner sends could answer it."""
    return not (
        Question.objects.filter(quiz=quiz, kind__in=CHOICE_KINDS, choices__isnull=True).exists()
    )


@transaction.atomic
def attempt_start(*, quiz, user, language, course=None):
    """Resume the learner's unfinished attempt, or start one within the attempt limit."""
    if not quiz_is_answerable(quiz):
        raise QuizError(NOT_ANSWERABLE, code="not_answerable", status=409)
    now = timezone.now()
    snapshot = profile_snapshot(user)
    attempt_course, cohort_id = course_and_cohort(user=user, quiz=quiz, course=course)
    if quiz.anonymous:
        return _anonymous_start(
            quiz=quiz,
            values={
                "course": attempt_course,
                "cohort_id": cohort_id,
                "language": language,
                "quiz_revision": quiz.revision,
                "started_at": coarse_time(now),
                **snapshot,
            },
            key=respondent_key_for(user=user, quiz=quiz),
        )

    open_attempt = Attempt.objects.filter(quiz=quiz, user=user, submitted_at__isnull=True).first()
    if open_attempt is not None:
        open_attempt.resumed = True
        return open_attempt
    submitted = Attempt.objects.filter(quiz=quiz, user=user, submitted_at__isnull=False).count()
    if quiz.attempts_allowed and submitted >= quiz.attempts_allowed:
        raise QuizError(
            ngettext(
                "You have used your %(count)d attempt at this quiz.",
                "You have used all %(count)d attempts at this quiz.",
                quiz.attempts_allowed,
            )
            % {"count": quiz.attempts_allowed},
            code="attempt_limit",
            status=409,
        )
    try:
        with transaction.atomic():
            return Attempt.objects.create(
                quiz=quiz,
                user=user,
                course=attempt_course,
                cohort_id=cohort_id,
                language=language,
                number=submitted + 1,
                quiz_revision=quiz.revision,
                started_at=now,
                **snapshot,
            )
    except IntegrityError:
        # A double click started the same attempt twice: the first one wins.
        existing = Attempt.objects.get(quiz=quiz, user=user, submitted_at__isnull=True)
        existing.resumed = True
        return existing


def _anonymous_start(*, quiz, values, key):
    """The learner's one response to an anonymous survey, under a random id (anonymity.py)."""
    for _draw in range(ANONYMOUS_ID_DRAWS):
        existing = Attempt.objects.filter(quiz=quiz, respondent_key=key).first()
        if existing is not None:
            if existing.is_submitted:
                raise QuizError(
                    _("You have already answered this survey. Thank you!"),
                    code="already_responded",
                    status=409,
                )
            existing.resumed = True
            return existing
        try:
            with transaction.atomic():
                return Attempt.objects.create(
                    id=anonymous_attempt_id(), quiz=quiz, respondent_key=key, **values
                )
        except IntegrityError:
            # A double click started it first (found above on the next turn), or the id drawn
            # was taken (drawn again).
            continue
    raise IntegrityError("no free id for an anonymous response")


ANSWER_FIELDS = [
    "question_code",
    "choice_code",
    "choice_codes",
    "assignments",
    "rating",
    "text",
    "score",
    "max_score",
    "is_favourable",
    "is_not_applicable",
    "answered_at",
]


def answer_values(*, attempt, clean, now):
    result = score_clean_answer(clean)
    return {
        "question_code": clean.question.code,
        "choice_code": clean.choice_code,
        "choice_codes": clean.choice_codes,
        "assignments": clean.assignments,
        "rating": clean.rating,
        "text": clean.text,
        "score": result.score if result else None,
        "max_score": result.max_score if result else None,
        "is_favourable": result.is_favourable if result else None,
        "is_not_applicable": result.is_not_applicable if result else None,
        "answered_at": coarse_time(now) if attempt.quiz.anonymous else now,
    }


def new_answer(*, attempt, question, values):
    """An unsaved answer; an anonymous attempt's answers get random ids too (anonymity.py)."""
    extra = {"id": anonymous_answer_id()} if attempt.quiz.anonymous else {}
    return Answer(attempt=attempt, question=question, **extra, **values)


def _store_many(*, attempt, cleaned, now):
    """Insert, update or clear answers in a constant number of queries."""
    existing = {
        answer.question_id: answer
        for answer in Answer.objects.filter(
            attempt=attempt, question__in=[clean.question for clean in cleaned]
        )
    }
    to_create, to_update, to_clear = [], [], []
    for clean in cleaned:
        current = existing.get(clean.question.pk)
        if clean.is_empty:
            if current is not None:
                to_clear.append(current.pk)
            continue
        values = answer_values(attempt=attempt, clean=clean, now=now)
        if current is None:
            to_create.append(new_answer(attempt=attempt, question=clean.question, values=values))
        else:
            for name, value in values.items():
                setattr(current, name, value)
            to_update.append(current)
    if to_clear:
        Answer.objects.filter(pk__in=to_clear).delete()
    if to_create:
        Answer.objects.bulk_create(to_create)
    if len(to_update) == 1:
        # Autosave changes one answer at a time: a plain UPDATE is a fraction of the cost of
        # bulk_update's CASE WHEN for every field (bench/burst.py).
        to_update[0].save(update_fields=ANSWER_FIELDS)
    elif to_update:
        Answer.objects.bulk_update(to_update, ANSWER_FIELDS)
    return to_create + to_update


def refuse_if_submitted(attempt):
    if attempt.is_submitted:
        raise QuizError(
            _("This attempt has already been submitted; answers can no longer change."),
            code="attempt_submitted",
            status=409,
        )


def _locked(attempt):
    # Only the attempt's row: without `of`, PostgreSQL also locks the joined quiz row, which
    # every learner's autosave then waits for in turn (bench/burst.py found it).
    return Attempt.objects.select_for_update(of=("self",)).select_related("quiz").get(pk=attempt.pk)


def current_questions(quiz):
    # The quiz was loaded with the attempt just now: its version needs no query of its own.
    definition = quiz_with_questions(version=QuizVersion.of(quiz))
    return {question.pk: question for question in definition.questions.all()}


@dataclass
class SaveResult:
    answers: list = field(default_factory=list)
    # Answers sent for questions the trainer has removed since the page was opened.
    removed_questions: list = field(default_factory=list)


@transaction.atomic
def answers_save(*, attempt, answers):
    """Save a whole page of answers: all are checked first, so a bad one stores nothing.

    `answers` maps question ids to raw values. Answers to questions no longer in the quiz are
    reported back (`removed_questions`) and not stored.
    """
    attempt = _locked(attempt)
    refuse_if_submitted(attempt)
    questions = current_questions(attempt.quiz)
    role_codes = assignment_role_codes()
    cleaned, errors, removed = [], {}, []
    for raw_id, value in answers.items():
        try:
            question = questions.get(int(raw_id))
        except (TypeError, ValueError):
            question = None
        if question is None:
            removed.append(raw_id)
            continue
        try:
            cleaned.append(clean_answer(question=question, value=value, role_codes=role_codes))
        except QuizError as error:
            errors[question.pk] = error.message
    foreign = _questions_of_other_quizzes(removed, quiz_id=attempt.quiz_id)
    if foreign:
        # Not a stale page: a question that belongs to another quiz is refused outright.
        raise QuizError(
            _("That question is not part of this quiz. The page may be out of date: reload it."),
            code="unknown_question",
            details={"question": foreign[0]},
        )
    if errors:
        raise QuizError(
            _("Some answers need your attention."), code="invalid_answers", details=errors
        )
    stored = _store_many(attempt=attempt, cleaned=cleaned, now=timezone.now())
    return SaveResult(answers=stored, removed_questions=removed)


def _questions_of_other_quizzes(raw_ids, *, quiz_id):
    ids, impossible = [], []
    for raw in raw_ids:
        question_id = database_id(raw)
        if question_id is not None:
            ids.append(question_id)
        elif isinstance(raw, int) or (isinstance(raw, str) and raw.isdigit()):
            impossible.append(raw)  # no question ever has that id: forged, not out of date
    if impossible:
        return impossible
    if not ids:
        return []
    return list(
        Question.objects.filter(pk__in=ids).exclude(quiz_id=quiz_id).values_list("pk", flat=True)
    )


@dataclass
class SubmitResult:
    attempt: Attempt
    already_submitted: bool = False
    removed_questions: list = field(default_factory=list)
    # The stored answers, as scored: the response shows them without reading them again.
    answers: list | None = None


def attempt_submit(*, attempt, answers=None, user=None):
    """Score and close the attempt; submitting again returns the same result.

    Answers sent with the submit are saved first, in their own transaction: if the submit
    is then refused (a required question unanswered), nothing the learner gave is lost.
    """
    removed = []
    if answers:
        try:
            removed = answers_save(attempt=attempt, answers=answers).removed_questions
        except QuizError as error:
            if error.code != "attempt_submitted":
                raise
    return _attempt_close(attempt=attempt, user=user, removed=removed)


@transaction.atomic
def _attempt_close(*, attempt, user, removed):
    attempt = _locked(attempt)
    if attempt.is_submitted:
        # A double click: the other request closed it first.
        return SubmitResult(attempt=attempt, already_submitted=True)
    quiz = attempt.quiz
    questions = current_questions(quiz)
    stored = {answer.question_id: answer for answer in attempt.answers.all()}
    missing = [pk for pk, question in questions.items() if question.required and pk not in stored]
    if missing:
        raise QuizError(
            _("Answer every required question before you submit."),
            code="incomplete",
            details={pk: str(_("This question needs an answer.")) for pk in missing},
        )
    # Re-score from the current answer key, so the result matches the quiz as submitted.
    score_total = max_total = Decimal(0)
    rescored = []
    for pk, question in questions.items():
        if not question.is_scored:
            continue
        max_total += question.points
        answer = stored.get(pk)
        if answer is None:
            continue
        answer.question = question
        result = score_clean_answer(
            CleanAnswer(
                question=question,
                choice_code=answer.choice_code,
                choice_codes=answer.choice_codes,
                assignments=answer.assignments,
            )
        )
        answer.score, answer.max_score = result.score, result.max_score
        rescored.append(answer)
        score_total += result.score
    if rescored:
        Answer.objects.bulk_update(rescored, ["score", "max_score"])
    if quiz.is_scored and max_total:
        attempt.score = score_total.quantize(Decimal("0.001"))
        attempt.max_score = max_total.quantize(Decimal("0.001"))
        attempt.percent = percent(score_total, max_total)
        attempt.passed = attempt.percent >= quiz.pass_mark
    attempt.submitted_at = coarse_time(timezone.now()) if quiz.anonymous else timezone.now()
    attempt.save(update_fields=["score", "max_score", "percent", "passed", "submitted_at"])
    if user is not None:
        # What follows from it (required lesson quizzes, course completion) is the progress
        # layer's: it listens on this extension point (learning/apps.py).
        attempt_submitted(attempt=attempt, user=user)
    return SubmitResult(attempt=attempt, removed_questions=removed, answers=list(stored.values()))


@transaction.atomic
def attempts_anonymise(*, user):
    """On account deletion: keep attempts for indicators, cut the link to the person."""
    return Attempt.objects.filter(user=user).update(user=None)
