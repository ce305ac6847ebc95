"""What the plan's pages share: finding the plan the reader may see, and naming people."""

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ..models import PlanItem
from ..selectors import plan_for_member, plan_for_trainer

# The fields a member writes in a row of the worksheet, in the order of the form.
ITEM_FIELDS = ("owner", "contact", "phase", "target_date", "note")


def _found(lookup, **kwargs):
    try:
        return lookup(**kwargs)
    except (ObjectDoesNotExist, PermissionDenied, Http404):
        return None


def member_plan(request, pk):
    """The plan if the reader is one of its members; otherwise 404, never a hint it exists."""
    plan = None
    if request.user.is_authenticated:
        plan = _found(plan_for_member, user=request.user, plan_id=pk)
    if plan is None:
        raise Http404
    return plan


def readable_plan(request, pk):
    """(plan, is_member): members read and write; the session's trainer reads a shared plan."""
    if not request.user.is_authenticated:
        raise Http404
    plan = _found(plan_for_member, user=request.user, plan_id=pk)
    if plan is not None:
        return plan, True
    plan = _found(plan_for_trainer, user=request.user, plan_id=pk)
    if plan is None:
        raise Http404
    return plan, False


def member_item(plan, item_pk):
    item = PlanItem.objects.select_related("task", "updated_by").filter(plan=plan, pk=item_pk)
    item = item.first()
    if item is None:
        raise Http404
    return item


def person_name(user):
    """How a member is named to the other members: a first name, else the account's name."""
    if user is None:
        return _("Someone")
    return user.first_name or user.get_username().split("@")[0]


def when_text(moment):
    """A date and time in the reader's zone and language."""
    if moment is None:
        return ""
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def item_values(item):
    """A row's fields as the form and the JSON answers carry them (strings)."""
    return {
        "owner": item.owner,
        "contact": item.contact,
        "phase": item.phase,
        "target_date": item.target_date.isoformat() if item.target_date else "",
        "note": item.note,
        "version": item.version,
    }


def conflict_message(item):
    return _(
        "%(name)s saved this task at %(time)s, after you opened the plan. Their version is "
        "below; choose which to keep."
    ) % {"name": person_name(item.updated_by), "time": when_text(item.updated_at)}
