"""The demo's simulated people are made up, and so are their addresses: the emails their
simulated steps queue (enrolment, session joined, completion) are marked not sent before the
seeding commits, so neither a console nor a real mail server receives hundreds of them."""

from django.db.models import Q

from learning.notifications.models import EmailStatus, OutgoingEmail

# The usernames simulate_responses and simulate_event_responses give their people.
SIMULATED_PREFIXES = ("demo-learner-", "demo-attendee-")


def withhold_simulated_emails():
    """Mark the simulated people's waiting emails not sent, in one UPDATE; returns how many."""
    simulated = Q()
    for prefix in SIMULATED_PREFIXES:
        simulated |= Q(user__username__startswith=prefix)
    return OutgoingEmail.objects.filter(simulated, status=EmailStatus.PENDING).update(
        status=EmailStatus.SKIPPED
    )
