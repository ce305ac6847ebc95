"""A learner's consent, applied backwards: every earlier answer of theirs counts, or stops
counting, in every report from then on (README, Privacy).

Reports only read `Attempt.counts_for_evaluation`; this sets it on all the learner's attempts,
identified (their account) and anonymous (their keyed hash). Answers the `consent_changed`
extension point of learner records (quizzes/apps.py).
"""

from django.db import transaction
from django.db.models import Q

from ..models import Attempt
from .snapshot import respondent_keys_for


def anonymous_condition(*, user):
    """Matches the learner's anonymous responses, survey by survey (Q(pk__in=[]) if none).

    Each survey has its own key for the learner: computed by the server (it holds the secret)
    only when asked for this learner, never stored with the account.
    """
    condition = Q(pk__in=[])
    for quiz_id, key in respondent_keys_for(user=user).items():
        condition |= Q(quiz_id=quiz_id, respondent_key=key)
    return condition


def learner_attempts(*, user):
    """Every attempt that is the learner's: identified ones and their anonymous responses."""
    return Attempt.objects.filter(Q(user=user) | anonymous_condition(user=user))


@transaction.atomic
def attempts_consent_set(*, user, counts):
    """Make all the learner's earlier attempts count for evaluation (`counts`) or not.

    Returns how many changed; the caller does not record it (README, Privacy).
    """
    return (
        learner_attempts(user=user)
        .exclude(counts_for_evaluation=counts)
        .update(counts_for_evaluation=counts)
    )
