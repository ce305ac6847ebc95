"""Writes for the Collaborative Action Plan (issue 18): plans, their tasks, members, one-time
invitations, sharing with the trainer and leaving.

Only members read or change a plan (PermissionDenied otherwise). A task is saved as it is
changed (autosave): each write names the version it saw and succeeds only if that is still
the saved one, in one conditional UPDATE, so a second writer is told (PlanConflict, with the
task as now saved) and nothing is overwritten silently. Every change is kept (PlanChange).
"""

import datetime
import hashlib
import re
import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learning.people.models import Profile

from .models import (
    ActionPlan,
    MemberRole,
    PlanChange,
    PlanInvite,
    PlanItem,
    PlanMember,
    PlanOwner,
    PlanPhase,
    PlanTask,
)
from .selectors import member_role_for

EDITABLE_FIELDS = ("owner", "contact", "phase", "target_date", "note")
CONTACT_MAX = 60
NOTE_MAX = 300
# Six digits or more, with spaces, dashes, dots or brackets between them: a phone, file,
# client or account number (data minimisation: the plan needs none).
LONG_NUMBER = re.compile(r"\d(?:[\s\-\u2010-\u2015.()]*\d){5,}")

# PlanChange.field for what happens to the plan itself (item is None).
CREATED = "created"
JOINED = "joined"
LEFT = "left"
SHARED = "shared"


class PlanError(Exception):
    """A refusal the member should read: its message is translated."""

    def __init__(self, message, *, code):
        super().__init__(message)
        self.message = message
        self.code = code


class PlanConflict(PlanError):
    """Someone saved the task since the writer read it; `item` is the task as now saved."""

    def __init__(self, item):
        super().__init__(
            _(
                "Someone else changed this task while you were editing it. Their version is "
                "shown: check it, then make your change again."
            ),
            code="conflict",
        )
        self.item = item


INVITE_MESSAGES = {
    "unknown": _("This invitation link is not valid. Ask the plan's members for a new one."),
    "used": _("This invitation link has already been used. Ask the plan's members for a new one."),
    "expired": _("This invitation link has expired. Ask the plan's members for a new one."),
}


class PlanInviteInvalid(PlanError):
    """An invitation that cannot be used: `code` is "unknown", "used" or "expired"."""

    def __init__(self, code):
        super().__init__(INVITE_MESSAGES[code], code=code)


def token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def _membership(*, plan_id, user):
    if user is None or not user.is_authenticated:
        return None
    return PlanMember.objects.filter(plan_id=plan_id, user=user).first()


def _require_member(*, plan_id, user):
    member = _membership(plan_id=plan_id, user=user)
    if member is None:
        raise PermissionDenied("Only the plan's members may do this.")
    return member


def _locked_plan(plan_id):
    """The plan's row, locked until the transaction ends: writes to one plan take turns, so
    `all_owned_at` is worked out from every item as committed."""
    plan = ActionPlan.objects.select_for_update().filter(pk=plan_id).first()
    if plan is None:
        raise PermissionDenied("The plan no longer exists.")
    return plan


def _history(*, plan, user, field, old="", new="", item=None, version=0):
    return PlanChange(
        plan=plan,
        item=item,
        user=user,
        field=field,
        old_value=str(old)[:300],
        new_value=str(new)[:300],
        version=version,
    )


@transaction.atomic
def plan_create(*, user, title, course=None, cohort=None, expected_arrival=None, language="en"):
    """A new plan with every task in the list, its creator as its first member."""
    if user is None or not user.is_authenticated:
        raise PermissionDenied("Sign in to start a plan.")
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("Give the plan a name.")})
    if len(title) > ActionPlan._meta.get_field("title").max_length:
        raise ValidationError({"title": _("Keep the plan's name to 120 characters or fewer.")})
    profile = Profile.objects.filter(user=user).first()
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE[:2]
    plan = ActionPlan.objects.create(
        title=title,
        course=course,
        cohort=cohort,
        expected_arrival=expected_arrival,
        language=language,
        region=profile.region if profile else "",
        created_by=user,
    )
    PlanMember.objects.create(plan=plan, user=user, role=member_role_for(user=user))
    PlanItem.objects.bulk_create(
        PlanItem(plan=plan, task=task, phase=task.default_phase)
        for task in PlanTask.objects.filter(active=True).order_by("sort_order", "pk")
    )
    _history(plan=plan, user=user, field=CREATED, new=title).save()
    return plan


# --- A task's owner, contact, phase or date and note ---------------------------------------


def _choice(value, choices, field, errors):
    value = "" if value is None else str(value).strip()
    if value and value not in choices.values:
        errors[field] = _("Choose one of the options listed.")
    return value


def _text(value, field, limit, errors):
    value = "" if value is None else str(value).strip()
    if "\x00" in value:
        errors[field] = _("Remove the invisible characters from this text.")
    elif len(value) > limit:
        errors[field] = _("Keep this to %(limit)d characters or fewer.") % {"limit": limit}
    elif LONG_NUMBER.search(value):
        errors[field] = _(
            "Leave out numbers such as phone, file, client or account numbers: the plan needs none."
        )
    return value


def _date(value, errors):
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        errors["target_date"] = _("Enter a date such as 2026-05-31.")
        return None
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value).strip())
    except ValueError:
        errors["target_date"] = _("Enter a date such as 2026-05-31.")
        return None


def clean_item_changes(changes):
    """The changes as stored values; ValidationError (a dict by field) when one is refused."""
    if not isinstance(changes, dict):
        raise ValidationError(_("Nothing to save."))
    errors = {}
    cleaned = {}
    for field, value in changes.items():
        if field == "owner":
            cleaned[field] = _choice(value, PlanOwner, field, errors)
        elif field == "phase":
            cleaned[field] = _choice(value, PlanPhase, field, errors)
        elif field == "contact":
            cleaned[field] = _text(value, field, CONTACT_MAX, errors)
        elif field == "note":
            cleaned[field] = _text(value, field, NOTE_MAX, errors)
        elif field == "target_date":
            cleaned[field] = _date(value, errors)
        else:
            errors[str(field)[:32]] = _("This cannot be changed in a plan.")
    if errors:
        raise ValidationError(errors)
    return cleaned


def history_text(value):
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _saved_item(pk):
    return PlanItem.objects.select_related("task", "updated_by").get(pk=pk)


def _all_owned_update(plan, now):
    items = PlanItem.objects.filter(plan=plan)
    if items.filter(owner="").exists() or not items.exists():
        return None
    return plan.all_owned_at or now


@transaction.atomic
def plan_item_update(*, item, user, changes, expected_version):
    """Save `changes` to one task of a plan if nobody saved it since `expected_version`.

    Returns the task as saved. PlanConflict (with the task as now saved) when the version
    moved on; a change equal to what is saved changes nothing.
    """
    cleaned = clean_item_changes(changes)
    plan = _locked_plan(item.plan_id)
    _require_member(plan_id=plan.pk, user=user)
    try:
        expected_version = int(expected_version)
    except (TypeError, ValueError):
        raise ValidationError(
            {"version": _("Reload the plan, then make your change again.")}
        ) from None
    current = PlanItem.objects.filter(pk=item.pk, plan=plan).first()
    if current is None:
        raise PermissionDenied("This task is not in the plan.")
    if current.version != expected_version:
        raise PlanConflict(_saved_item(item.pk))
    changed = {field: value for field, value in cleaned.items() if getattr(current, field) != value}
    if not changed:
        return _saved_item(item.pk)
    now = timezone.now()
    updated = PlanItem.objects.filter(pk=item.pk, version=expected_version).update(
        **changed, updated_by=user, updated_at=now, version=F("version") + 1
    )
    if not updated:
        raise PlanConflict(_saved_item(item.pk))
    version = expected_version + 1
    PlanChange.objects.bulk_create(
        _history(
            plan=plan,
            item=current,
            user=user,
            field=field,
            old=history_text(getattr(current, field)),
            new=history_text(value),
            version=version,
        )
        for field, value in changed.items()
    )
    all_owned_at = _all_owned_update(plan, now) if "owner" in changed else plan.all_owned_at
    ActionPlan.objects.filter(pk=plan.pk).update(updated_at=now, all_owned_at=all_owned_at)
    return _saved_item(item.pk)


# --- Invitations, sharing, leaving ----------------------------------------------------------


@transaction.atomic
def plan_invite_create(*, plan, user, role):
    """A one-time link for someone to join `plan` as `role`: returns (invite, token). Only the
    token's hash is stored, so the link is shown once."""
    _require_member(plan_id=plan.pk, user=user)
    if role not in MemberRole.values:
        raise ValidationError({"role": _("Choose one of the options listed.")})
    token = secrets.token_urlsafe(32)
    invite = PlanInvite.objects.create(
        plan=plan,
        token_hash=token_hash(token),
        role=role,
        created_by=user,
        expires_at=timezone.now() + datetime.timedelta(days=settings.PLAN_INVITE_DAYS),
    )
    return invite, token


@transaction.atomic
def plan_invite_accept(*, token, user):
    """Join the invitation's plan; the link then no longer works. Returns the membership (the
    one the person already had if they were a member: the link is still used up)."""
    if user is None or not user.is_authenticated:
        raise PermissionDenied("Sign in to accept an invitation.")
    if not isinstance(token, str) or not token or len(token) > 200 or "\x00" in token:
        raise PlanInviteInvalid("unknown")
    invite = PlanInvite.objects.filter(token_hash=token_hash(token)).first()
    if invite is None:
        raise PlanInviteInvalid("unknown")
    if invite.used_at is not None:
        raise PlanInviteInvalid("used")
    now = timezone.now()
    if invite.expires_at <= now:
        raise PlanInviteInvalid("expired")
    # Two people (or two clicks) accepting at once: the first update wins, the other finds
    # the link used.
    taken = PlanInvite.objects.filter(pk=invite.pk, used_at__isnull=True).update(
        used_at=now, used_by=user
    )
    if not taken:
        raise PlanInviteInvalid("used")
    plan = _locked_plan(invite.plan_id)
    member = PlanMember.objects.filter(plan=plan, user=user).first()
    if member is not None:
        return member
    try:
        with transaction.atomic():
            member = PlanMember.objects.create(plan=plan, user=user, role=invite.role)
    except IntegrityError:
        return PlanMember.objects.get(plan=plan, user=user)
    _history(plan=plan, user=user, field=JOINED, new=invite.role).save()
    ActionPlan.objects.filter(pk=plan.pk).update(updated_at=now)
    return member


@transaction.atomic
def plan_share_set(*, plan, user, shared):
    """Share the plan's content with its training session's trainer, or stop sharing it."""
    plan = _locked_plan(plan.pk)
    _require_member(plan_id=plan.pk, user=user)
    shared = bool(shared)
    if plan.shared_with_trainer == shared:
        return plan
    old = plan.shared_with_trainer
    plan.shared_with_trainer = shared
    plan.save(update_fields=["shared_with_trainer", "updated_at"])
    _history(plan=plan, user=user, field=SHARED, old=_yes_no(old), new=_yes_no(shared)).save()
    return plan


def _yes_no(value):
    return "yes" if value else "no"


@transaction.atomic
def plan_leave(*, plan, user):
    """`user` leaves the plan; the last member leaving deletes it (nobody could see it again).
    Returns True when the plan was deleted."""
    plan = _locked_plan(plan.pk)
    member = _require_member(plan_id=plan.pk, user=user)
    member.delete()
    if not PlanMember.objects.filter(plan=plan).exists():
        plan.delete()
        return True
    _history(plan=plan, user=user, field=LEFT, old=member.role).save()
    ActionPlan.objects.filter(pk=plan.pk).update(updated_at=timezone.now())
    return False


@transaction.atomic
def plans_leave_all(*, user):
    """Every plan `user` is a member of, left (account deletion); returns the count of plans
    deleted because nobody was left in them."""
    deleted = 0
    plan_ids = list(
        PlanMember.objects.filter(user=user).order_by("plan_id").values_list("plan_id", flat=True)
    )
    for plan in ActionPlan.objects.filter(pk__in=plan_ids).order_by("pk"):
        deleted += plan_leave(plan=plan, user=user)
    return deleted
