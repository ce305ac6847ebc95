"""Writes for learner records: profiles, enrolment, training sessions, account deletion."""

import logging

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.users.models import UserProfile

from .extensions import account_deleting, consent_changed, enrolled
from .models import AccountDeletion, Cohort, ConsentChange, ConsentSource, Enrolment, Profile
from .privacy import login_identifier_filter

logger = logging.getLogger(__name__)


class LearningError(Exception):
    """A refusal the learner should read: its message is translated."""

    def __init__(self, message, *, code):
        super().__init__(message)
        self.message = message
        self.code = code


@transaction.atomic
def profile_update(*, user, consent_source=ConsentSource.OTHER, **fields):
    """Save the profile; a change of consent is recorded and applied to earlier answers."""
    profile, _created = Profile.objects.select_for_update().get_or_create(user=user)
    consent = fields.pop("evaluation_consent", profile.evaluation_consent)
    if consent != profile.evaluation_consent:
        now = timezone.now()
        profile.evaluation_consent = consent
        profile.consent_updated_at = now
        ConsentChange.objects.create(
            user=user, given=consent is True, changed_at=now, source=consent_source
        )
        # Reports read a flag on each attempt: the quiz engine sets it on all the learner's
        # earlier ones (identified and anonymous), in this transaction, so both change together.
        consent_changed(user=user, counts=consent is True)
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.save()
    # Wagtail's admin shows and reads times in the zone of its own user profile: keep it the
    # person's, so a trainer types a meeting's time where they are (issue 15).
    UserProfile.objects.update_or_create(
        user=user, defaults={"current_time_zone": profile.time_zone_name}
    )
    return profile


@transaction.atomic
def enrolment_create(*, user, course, language="en", cohort=None):
    """Enrol `user` once per course; enrolling again returns the existing enrolment."""
    if not course.live:
        raise LearningError(_("This course is not open for enrolment."), code="course_closed")
    try:
        with transaction.atomic():
            enrolment, created = Enrolment.objects.get_or_create(
                user=user, course=course, defaults={"language": language, "cohort": cohort}
            )
    except IntegrityError:
        # Two requests raced (double click): the other one enrolled.
        enrolment, created = Enrolment.objects.get(user=user, course=course), False
    joined = cohort is not None and (created or enrolment.cohort_id != cohort.pk)
    if not created and joined:
        # Joining a live session later still counts from now on.
        enrolment.cohort = cohort
        enrolment.save(update_fields=["cohort"])
    if created or joined:
        enrolled(enrolment=enrolment, created=created, cohort=cohort if joined else None)
    return enrolment, created


def cohort_for_code(*, code, today=None):
    today = today or timezone.localdate()
    cohort = Cohort.objects.select_related("course").filter(code=code.strip().upper()).first()
    if cohort is None:
        raise LearningError(
            _("There is no training session with that code. Check it with your trainer."),
            code="unknown_code",
        )
    if cohort.ends_on < today:
        if cohort.is_event:
            ended = _("This event's survey closed on %(date)s; its code can no longer be used.")
        else:
            ended = _("This training session ended on %(date)s; its code can no longer be used.")
        raise LearningError(
            ended % {"date": date_format(cohort.ends_on, "DATE_FORMAT")}, code="expired_code"
        )
    if not cohort.course.live:
        raise LearningError(_("This course is not open for enrolment."), code="course_closed")
    return cohort


@transaction.atomic
def cohort_join(*, user, code, language="en"):
    cohort = cohort_for_code(code=code)
    enrolment, _created = enrolment_create(
        user=user, course=cohort.course.specific, language=language, cohort=cohort
    )
    return enrolment


@transaction.atomic
def account_delete(*, user):
    """Delete the person; keep what indicators need without any link back to them."""
    counts = {"enrolments_deleted": Enrolment.objects.filter(user=user).count()}
    # The layers above say what they keep or let go (certificates, quiz attempts).
    for answer in account_deleting(user=user):
        for name, count in (answer or {}).items():
            counts[name] = counts.get(name, 0) + count
    log = AccountDeletion.objects.create(**counts)
    user.delete()
    logger.info("account deleted: deletion log %s", log.pk)
    return log


@transaction.atomic
def account_erase(*, user):
    """Delete the person and their login records; returns the AccountDeletion log row.

    django-axes keeps the names and addresses of logins and failed attempts under the
    username or email typed, with no link to the account, so they would outlive it.
    Returns None, and writes no log, when the account is already gone (a double submit).
    """
    # Lock the person's row so two submissions cannot both delete (and log) the account.
    if not get_user_model().objects.select_for_update().filter(pk=user.pk).exists():
        return None
    condition = login_identifier_filter(user=user)
    removed = sum(
        model.objects.filter(condition).delete()[0]
        for model in (AccessAttempt, AccessFailureLog, AccessLog)
    )
    log = account_delete(user=user)
    # Counts and the log's id only: nothing that names the person.
    logger.info("account erased: deletion log %s, %d login records removed", log.pk, removed)
    return log
