"""Results an H5P activity reports from the learner's browser (xAPI statements).

The browser scores H5P content, so a learner could forge any statement: everything checkable
is checked here (verb, that the object is this package, 0 <= raw <= max, the maximum the
trainer set on the package, the size), and what is recorded is marked as reported by the
browser. A statement refused for its score is kept as an H5PRefusedStatement for trainers.
No statement ever changes what another is checked against.

A checked top-level "answered" or "completed" statement with a score is kept as an
H5PResult. What it then counts for is decided above this layer
(learning.progress.services.h5p_statement_record): when the lesson's H5P block records its
results as a quiz, the quiz engine records an externally scored attempt
(quizzes.services.attempt_record_external); a block that is required completes the lesson at
the quiz's pass mark, or at a full score without a quiz.
"""

import json
import math
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .models import H5PRefusedStatement, H5PResult
from .player import object_belongs_to

VERB_PREFIX = "http://adlnet.gov/expapi/verbs/"
RECORDED_VERBS = {VERB_PREFIX + "answered", VERB_PREFIX + "completed"}
# Verbs H5P content emits that carry nothing to record: accepted and ignored (204).
IGNORED_VERBS = {
    VERB_PREFIX + verb
    for verb in (
        "attempted",
        "interacted",
        "experienced",
        "progressed",
        "initialized",
        "suspended",
        "resumed",
        "terminated",
        "scored",
        "passed",
        "failed",
        "mastered",
        "responded",
        "shared",
        "voided",
        "asked",
        "commented",
        "imported",
        "launched",
        "preferred",
        "registered",
        "exited",
        "downloaded",
        "copied",
        "accessed-reuse",
        "accessed-embed",
        "accessed-copyright",
    )
}
MAX_SCORE_LIMIT = Decimal(1_000_000)
INVALID_SCORE = _("The score is not valid.")
OUT_OF_RANGE = _("The score is not between 0 and the maximum.")
MAX_MISMATCH = _("The maximum score does not match this activity's.")
# Refusals about the score are listed for trainers (a forged result, or a package whose
# expected maximum needs correcting); the others are malformed requests, not worth a row.
REVIEWED = {
    "invalid_score": INVALID_SCORE,
    "score_out_of_range": OUT_OF_RANGE,
    "max_mismatch": MAX_MISMATCH,
}
# A refused statement is kept whole up to this size, otherwise only its verb, object, result.
KEPT_STATEMENT_BYTES = 4096
KEYS = ("raw", "max")


class H5PResultError(Exception):
    """A refused statement: translated message, machine code, HTTP status."""

    def __init__(self, message, *, code, status=400):
        super().__init__(str(message))
        self.message = message
        self.code = code
        self.status = status


@dataclass
class Recorded:
    result: H5PResult | None = None
    # The lesson's block settings: the quiz its results count for, and whether it is required.
    quiz: object = None
    required: bool = False
    # Filled in by the layers above (learning.progress.services.h5p_statement_record).
    attempt: object = None
    lesson_completed: bool = False

    @property
    def ignored(self):
        return self.result is None


def _number(value):
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return Decimal(str(value))


def _refuse(message, code):
    raise H5PResultError(message, code=code)


def check_statement(*, package, statement):
    """The statement's (verb, raw, max, top_level), or H5PResultError; verb None: ignore."""
    if not isinstance(statement, dict):
        _refuse(_("The statement is not valid."), "invalid_statement")
    verb = statement.get("verb")
    verb_id = verb.get("id") if isinstance(verb, dict) else None
    if not isinstance(verb_id, str):
        _refuse(_("The statement is not valid."), "invalid_statement")
    if verb_id not in RECORDED_VERBS and verb_id not in IGNORED_VERBS:
        _refuse(_("This kind of statement is not accepted."), "unsupported_verb")
    target = statement.get("object")
    object_id = target.get("id") if isinstance(target, dict) else None
    if not object_belongs_to(package, object_id):
        _refuse(_("This statement is about another activity."), "wrong_activity")
    if verb_id in IGNORED_VERBS:
        return None, None, None, False
    context = statement.get("context")
    activities = context.get("contextActivities") if isinstance(context, dict) else None
    top_level = not (isinstance(activities, dict) and activities.get("parent"))
    result = statement.get("result")
    score = result.get("score") if isinstance(result, dict) else None
    if score is None:
        return verb_id, None, None, top_level
    if not isinstance(score, dict):
        _refuse(INVALID_SCORE, "invalid_score")
    raw, maximum = _number(score.get("raw")), _number(score.get("max"))
    if raw is None or maximum is None or maximum <= 0 or maximum > MAX_SCORE_LIMIT:
        _refuse(INVALID_SCORE, "invalid_score")
    if raw < 0 or raw > maximum:
        _refuse(OUT_OF_RANGE, "score_out_of_range")
    if package.max_score is not None and maximum != package.max_score:
        _refuse(MAX_MISMATCH, "max_mismatch")
    return verb_id, raw, maximum, top_level


def _blocks_for(*, lesson, package):
    """The lesson's H5P blocks showing this package, the active language's stream first."""
    language = get_language() or "en"
    names = [f"body_{language}"] + [n for n in ("body_en", "body_fr") if n != f"body_{language}"]
    found = []
    for name in names:
        for block in getattr(lesson, name, None) or []:
            if block.block_type != "h5p":
                continue
            chosen = block.value.get("package")
            if chosen is not None and chosen.pk == package.pk:
                found.append(block.value)
    return found


def h5p_block_settings(*, lesson, package):
    """(quiz or None, required) for this package in this lesson; H5PResultError when the
    lesson does not show the package."""
    blocks = _blocks_for(lesson=lesson, package=package)
    if not blocks:
        raise H5PResultError(
            _("This activity is not part of that lesson."), code="not_in_lesson", status=400
        )
    value = blocks[0]
    return value.get("quiz"), bool(value.get("required"))


def _statement_to_keep(statement):
    """The statement without who sent it: the account says that."""
    return {key: value for key, value in statement.items() if key != "actor"}


@transaction.atomic
def h5p_result_record(*, user, package, statement, lesson=None):
    """Check one statement from the learner's browser and keep its score as an H5PResult.

    What follows from the score (a quiz attempt, a completed lesson) is for the layers above:
    learning.progress.services.h5p_statement_record does it with the returned settings.
    """
    verb, raw, maximum, top_level = check_statement(package=package, statement=statement)
    quiz, required = (None, False)
    if lesson is not None:
        quiz, required = h5p_block_settings(lesson=lesson, package=package)
    if verb is None or raw is None or not top_level:
        return Recorded(quiz=quiz, required=required)
    result = H5PResult.objects.create(
        user=user,
        package=package,
        lesson=lesson,
        raw=raw,
        max=maximum,
        statement=_statement_to_keep(statement),
    )
    return Recorded(result=result, quiz=quiz, required=required)


def _refused_statement_to_keep(statement):
    kept = _statement_to_keep(statement)
    if len(json.dumps(kept, default=str)) <= KEPT_STATEMENT_BYTES:
        return kept
    return {key: kept[key] for key in ("verb", "object", "result") if key in kept}


def _sent_score(statement):
    result = statement.get("result") if isinstance(statement, dict) else None
    score = result.get("score") if isinstance(result, dict) else None
    if not isinstance(score, dict):
        return None, None
    # Only numbers are kept as sent: anything else says nothing a trainer could use.
    return tuple(score.get(key) if _number(score.get(key)) is not None else None for key in KEYS)


@transaction.atomic
def h5p_refusal_record(*, user, package, statement, error, lesson=None):
    """Keep a statement refused for its score for trainers (REVIEWED); None for the others.

    Called by the view after the refused transaction is rolled back, so the row stays.
    """
    if error.code not in REVIEWED or not isinstance(statement, dict):
        return None
    raw, maximum = _sent_score(statement)
    return H5PRefusedStatement.objects.create(
        user=user,
        package=package,
        lesson=lesson,
        code=error.code,
        raw=raw,
        max=maximum,
        expected_max=package.max_score,
        statement=_refused_statement_to_keep(statement),
    )


def h5p_requirements_met(*, lesson, user):
    """For lesson_complete: required H5P blocks without a quiz need a full score (any one of
    them, like required quizzes: each language has its own stream). Blocks recorded as a
    quiz are required through that quiz (quizzes.selectors.required_quiz_ids)."""
    packages = set()
    for name in ("body_en", "body_fr"):
        for block in getattr(lesson, name, None) or []:
            if block.block_type != "h5p" or not block.value.get("required"):
                continue
            package = block.value.get("package")
            if package is not None and block.value.get("quiz") is None:
                packages.add(package.pk)
    if not packages:
        return True
    return H5PResult.objects.filter(user=user, package_id__in=packages, raw__gte=F("max")).exists()
