"""Writes for emails: queue one for its occasion, send what is queued, queue reminders and
digests (issue 15). The queue's rules are in models.py."""

import logging
from datetime import timedelta
from functools import partial

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from learning.people.models import Cohort

from .emails import email_message
from .models import REMINDER_KINDS, EmailKind, EmailStatus, OutgoingEmail
from .selectors import reminder_still_owed, reminders_due

logger = logging.getLogger(__name__)

# Tries before a failing email is given up (the command runs hourly: about a day).
MAX_ATTEMPTS = 24
# A row claimed by a run that died is sent by a later run after this long.
CLAIM_TIMEOUT = timedelta(minutes=15)


def email_queue(*, kind, key, user, enrolment=None, cohort=None, send_on_commit=True):
    """Queue the email for occasion `key` unless it already is; returns the row, or None when
    it was queued before. Sent once the surrounding transaction commits (when asked)."""
    if not user.email or not user.is_active:
        return None
    try:
        with transaction.atomic():
            email = OutgoingEmail.objects.create(
                kind=kind, key=key, user=user, enrolment=enrolment, cohort=cohort
            )
    except IntegrityError:
        return None  # this occasion's email exists: never two
    if send_on_commit:
        transaction.on_commit(partial(_send_quietly, email.pk))
    return email


def _send_quietly(pk):
    # After the commit, in the request that caused the email: a mail server that fails must
    # not turn the learner's enrolment into an error page. The command tries again later.
    try:
        email_send(email_id=pk)
    except Exception:  # noqa: BLE001 - any failure leaves the row for the next run
        logger.exception("email %s not sent; the reminders command will retry", pk)


def _sendable(now):
    """Rows a run may send: waiting, failed with tries left, or claimed by a run that died."""
    return Q(
        Q(status__in=(EmailStatus.PENDING, EmailStatus.FAILED))
        | Q(status=EmailStatus.SENDING, claimed_at__lt=now - CLAIM_TIMEOUT),
        attempts__lt=MAX_ATTEMPTS,
    )


def _claim(pk, now):
    return OutgoingEmail.objects.filter(_sendable(now), pk=pk).update(
        status=EmailStatus.SENDING, claimed_at=now
    )


def _still_wanted(email):
    if not email.user.is_active or not email.user.email:
        return False
    if email.kind in REMINDER_KINDS.values():
        profile = getattr(email.user, "profile", None)
        if profile is None or not profile.reminders:
            return False
        enrolment = email.enrolment
        step = next(step for step, kind in REMINDER_KINDS.items() if kind == email.kind)
        return enrolment is not None and reminder_still_owed(enrolment=enrolment, step=step)
    return True


def email_send(*, email_id):
    """Send one queued email, if no other run is sending it; returns its final status.

    Claimed by a conditional update (one run wins, on SQLite as on PostgreSQL), sent outside
    any transaction (the mail server may be slow), then marked sent or failed."""
    now = timezone.now()
    if not _claim(email_id, now):
        return None
    email = OutgoingEmail.objects.select_related(
        "user",
        "user__profile",
        "enrolment",
        "enrolment__user",
        "enrolment__course",
        "enrolment__cohort",
        "enrolment__certificate",
        "cohort",
    ).get(pk=email_id)
    if not _still_wanted(email):
        email.status = EmailStatus.SKIPPED
        email.save(update_fields=["status"])
        return email.status
    try:
        message, language = email_message(email)
        message.send()
    except Exception as error:  # noqa: BLE001 - recorded on the row, retried by the command
        OutgoingEmail.objects.filter(pk=email_id).update(
            status=EmailStatus.FAILED,
            attempts=email.attempts + 1,
            last_error=f"{type(error).__name__}: {error}"[:300],
        )
        raise
    OutgoingEmail.objects.filter(pk=email_id).update(
        status=EmailStatus.SENT,
        attempts=email.attempts + 1,
        sent_at=timezone.now(),
        to=email.user.email,
        language=language,
        subject=message.subject[:300],
        last_error="",
    )
    return EmailStatus.SENT


def emails_send_queued(*, limit, now=None):
    """Send up to `limit` queued emails, oldest first; returns (sent, failed, skipped)."""
    now = now or timezone.now()
    queued = (
        OutgoingEmail.objects.filter(_sendable(now))
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    counts = {EmailStatus.SENT: 0, EmailStatus.FAILED: 0, EmailStatus.SKIPPED: 0}
    for pk in list(queued):
        try:
            status = email_send(email_id=pk)
        except Exception:  # noqa: BLE001 - counted; the row says what went wrong
            logger.exception("email %s not sent", pk)
            status = EmailStatus.FAILED
        if status in counts:
            counts[status] += 1
    return counts[EmailStatus.SENT], counts[EmailStatus.FAILED], counts[EmailStatus.SKIPPED]


@transaction.atomic
def reminders_queue(*, now=None):
    """Queue every reminder owed now (learning.notifications.selectors.reminders_due); returns
    how many were queued. Run it twice: the second run queues nothing."""
    now = now or timezone.now()
    queued = 0
    for due in reminders_due(now=now):
        email = email_queue(
            kind=REMINDER_KINDS[due.step],
            key=due.key,
            user=due.enrolment.user,
            enrolment=due.enrolment,
            cohort=due.enrolment.cohort,
            send_on_commit=False,
        )
        queued += email is not None
    return queued


def digest_key(trainer, now):
    year, week, _day = timezone.localdate(now).isocalendar()
    return f"digest:{trainer.pk}:{year}-W{week:02d}"


@transaction.atomic
def digests_queue(*, now=None):
    """Queue this week's digest for every trainer with a session on or ended in the last two
    weeks; once per ISO week, whichever day the command first runs in it."""
    now = now or timezone.now()
    since = (now - timedelta(days=14)).date()
    trainers = {
        cohort.trainer
        for cohort in Cohort.objects.filter(ends_on__gte=since, trainer__isnull=False)
        .select_related("trainer")
        .only("trainer")
    }
    queued = 0
    for trainer in sorted(trainers, key=lambda user: user.pk):
        email = email_queue(
            kind=EmailKind.TRAINER_DIGEST,
            key=digest_key(trainer, now),
            user=trainer,
            send_on_commit=False,
        )
        queued += email is not None
    return queued


def welcome_queue(*, user):
    return email_queue(kind=EmailKind.WELCOME, key=f"welcome:{user.pk}", user=user)


def enrolled_queue(*, enrolment, created, cohort):
    """Receiver of learning.people.extensions.enrolled: one email, the session's when one was
    joined (it has the course path too), else the enrolment's."""
    if cohort is not None:
        return email_queue(
            kind=EmailKind.SESSION_JOINED,
            key=f"session:{enrolment.pk}:{cohort.pk}",
            user=enrolment.user,
            enrolment=enrolment,
            cohort=cohort,
        )
    if created:
        return email_queue(
            kind=EmailKind.ENROLMENT,
            key=f"enrolment:{enrolment.pk}",
            user=enrolment.user,
            enrolment=enrolment,
        )
    return None


def completed_queue(*, enrolment, certificate):
    """Receiver of learning.progress.extensions.course_completed."""
    return email_queue(
        kind=EmailKind.COMPLETION,
        key=f"completion:{enrolment.pk}",
        user=enrolment.user,
        enrolment=enrolment,
    )
