"""What keeps an anonymous response from being matched to the learner's other records
(README, Anonymous responses): its ids say nothing of when it was made, its times only the
month.

Attempts and answers of identified quizzes take the next id of the table's sequence, so an
anonymous response given the next id would sit right after the same learner's pre-test. Its
rows get a random negative id instead: PostgreSQL's sequences never reach them, and SQLite's
AUTOINCREMENT counts from the largest id ever used, which a negative id never is, so the next
identified attempt still follows the last identified one, not the anonymous response.
"""

import secrets

from django.utils import timezone

from learning.inputs import MAX_DATABASE_ID, database_id

# Attempt ids reach the learner's browser (addresses, the API): kept within the integers that
# JavaScript holds exactly. Answer ids never leave the server and use the whole column.
MAX_ANONYMOUS_ATTEMPT_ID = 2**53 - 1


def anonymous_attempt_id():
    """A random id for an anonymous attempt, between -(2**53 - 1) and -1."""
    return -(secrets.randbelow(MAX_ANONYMOUS_ATTEMPT_ID) + 1)


def anonymous_answer_id():
    """A random id for an answer of an anonymous attempt, between -(2**63 - 1) and -1."""
    return -(secrets.randbelow(MAX_DATABASE_ID) + 1)


def attempt_pk(value):
    """`value` as an attempt id if it can be one (identified ones are positive, anonymous ones
    negative), else None."""
    if isinstance(value, str) and value.startswith("-"):
        positive = database_id(value[1:])
    elif isinstance(value, int) and not isinstance(value, bool) and value < 0:
        positive = database_id(-value)
    else:
        return database_id(value)
    return -positive if positive is not None and positive <= MAX_ANONYMOUS_ATTEMPT_ID else None


def coarse_time(moment):
    """Anonymous responses keep only the month: its first moment, local time.

    Reports read anonymous surveys by whole months, so nothing they show needs more. Never later
    than `moment`: a response is not dated in the future.
    """
    local = timezone.localtime(moment)
    return local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
