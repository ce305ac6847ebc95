"""The worksheet: my plans, starting one, the plan's rows saved all at once (no JavaScript) or
one at a time as they change (autosave, JSON), each checked against the version it was read at.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from learning.inputs import InputError, parse_json

from ..forms import PlanInviteForm, PlanStartForm
from ..models import PlanOwner, PlanPhase
from ..selectors import plan_items, plan_progress, plans_for_user
from ..services import PlanConflict, PlanError, plan_create, plan_item_update
from .common import (
    ITEM_FIELDS,
    conflict_message,
    item_values,
    member_item,
    readable_plan,
    when_text,
)

ITEM_BODY_MAX_BYTES = 8 * 1024


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def plan_list(request):
    form = PlanStartForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        cohort = form.cleaned_data.get("cohort")
        plan = plan_create(
            user=request.user,
            title=form.cleaned_data["title"],
            cohort=cohort,
            course=cohort.course if cohort else None,
            expected_arrival=form.cleaned_data["expected_arrival"],
            language=get_language(),
        )
        messages.success(request, _("Your plan is started. Choose who does each task."))
        return redirect("plans:detail", pk=plan.pk)
    return render(
        request,
        "plans/list.html",
        {"plans": plans_for_user(user=request.user), "form": form},
        status=400 if form.is_bound else 200,
    )


def progress_text(owned, total):
    return ngettext(
        "%(owned)s of %(total)s task has an owner",
        "%(owned)s of %(total)s tasks have an owner",
        total,
    ) % {"owned": owned, "total": total}


def _progress_template(total):
    return ngettext(
        "%(owned)s of %(total)s task has an owner",
        "%(owned)s of %(total)s tasks have an owner",
        total,
    ) % {"owned": "{owned}", "total": "{total}"}


def _labelled(values):
    """A row's values as a reader sees them (their version in a conflict)."""
    target = values.get("target_date") or ""
    return {
        **values,
        "owner_label": PlanOwner(values["owner"]).label if values.get("owner") else "",
        "phase_label": PlanPhase(values["phase"]).label if values.get("phase") else "",
        "target_label": target,
    }


def _rows(items, *, posted=None, errors=None, conflicts=None):
    rows = []
    for item in items:
        conflict = (conflicts or {}).get(item.pk)
        rows.append(
            {
                "item": item,
                "values": (posted or {}).get(item.pk) or item_values(item),
                "errors": (errors or {}).get(item.pk) or {},
                "conflict": conflict,
            }
        )
    return rows


def _config(plan, conflicts):
    return {
        # Rows the plain post found in conflict: the script offers the same two choices.
        "conflicts": {
            str(pk): {"message": conflict["message"], "current": conflict["current"]}
            for pk, conflict in (conflicts or {}).items()
        },
        "itemUrl": reverse("plans:item", args=[plan.pk, 0]).rsplit("0/", 1)[0],
        "saving": _("Saving…"),
        "saved": _("Saved"),
        "retrying": _("Not saved yet — retrying…"),
        "failed": _("Not saved: check your connection. Your entry is kept on this page."),
        "useTheirs": _("Use their version"),
        "keepMine": _("Keep mine"),
        "theirVersion": _("Their version:"),
        # "{owned}" and "{total}" are filled in by the script; the plural follows the total.
        "progressOne": _progress_template(1),
        "progress": _progress_template(2),
        "labels": {
            "owner": _("Who does it"),
            "contact": _("Contact"),
            "phase": _("When"),
            "target_date": _("Target date"),
            "note": _("Note"),
        },
    }


def _worksheet(request, plan, is_member, *, rows, status=200, form_error="", conflicts=None):
    owned, total = plan_progress(plan=plan)
    return render(
        request,
        "plans/detail.html",
        {
            "plan": plan,
            "is_member": is_member,
            "rows": rows,
            "owners": PlanOwner.choices,
            "phases": PlanPhase.choices,
            "progress": progress_text(owned, total),
            "owned": owned,
            "total": total,
            "form_error": form_error,
            "invite_form": PlanInviteForm() if is_member else None,
            "config": _config(plan, conflicts),
            "printed_on": timezone.localdate(),
        },
        status=status,
    )


def _posted_row(post, item):
    prefix = f"item-{item.pk}-"
    if f"{prefix}version" not in post:
        return None
    values = {name: post.get(prefix + name, "").strip() for name in ITEM_FIELDS}
    try:
        values["version"] = int(post.get(prefix + "version", ""))
    except ValueError:
        values["version"] = -1
    return values


def _changes(values):
    """The service's changes from a row as posted (it reads the date and refuses what is wrong)."""
    return {name: values[name] for name in ITEM_FIELDS if name in values}


def _field_errors(error):
    if hasattr(error, "error_dict"):
        return {
            field: [str(m) for m in messages_] for field, messages_ in error.message_dict.items()
        }
    return {"__all__": [str(message) for message in error.messages]}


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def plan_detail(request, pk):
    plan, is_member = readable_plan(request, pk)
    items = list(plan_items(plan=plan))
    if request.method == "GET":
        return _worksheet(request, plan, is_member, rows=_rows(items))
    if not is_member:
        return _worksheet(request, plan, False, rows=_rows(items), status=403)
    posted, errors, conflicts = {}, {}, {}
    for item in items:
        values = _posted_row(request.POST, item)
        if values is None:
            continue
        current = item_values(item)
        if all(values[name] == current[name] for name in ITEM_FIELDS):
            continue  # unchanged, whatever version the page had
        try:
            plan_item_update(
                item=item,
                user=request.user,
                changes=_changes(values),
                expected_version=values["version"],
            )
        except PlanConflict as conflict:
            saved = conflict.item
            # Their version shown, mine kept in the form with their version: saving again keeps
            # mine, knowingly.
            posted[item.pk] = {**values, "version": saved.version}
            conflicts[item.pk] = {
                "message": conflict_message(saved),
                "theirs": _labelled(item_values(saved)),
                "current": item_values(saved),
            }
        except ValidationError as error:
            posted[item.pk] = values
            errors[item.pk] = {
                ("general" if field == "__all__" else field): texts
                for field, texts in _field_errors(error).items()
            }
        except PlanError as error:
            posted[item.pk] = values
            errors[item.pk] = {"general": [str(getattr(error, "message", error))]}
    if not posted:
        messages.success(request, _("The plan is saved."))
        return redirect("plans:detail", pk=plan.pk)
    items = list(plan_items(plan=plan))
    if conflicts:
        form_error = _(
            "Someone else changed some tasks while you were editing. Your entries are kept below, "
            "next to what they saved: check them and save again."
        )
    else:
        form_error = _("Some tasks were not saved: see the messages below.")
    return _worksheet(
        request,
        plan,
        True,
        rows=_rows(items, posted=posted, errors=errors, conflicts=conflicts),
        status=409 if conflicts else 400,
        form_error=form_error,
        conflicts=conflicts,
    )


def _json_error(message, status):
    return JsonResponse({"error": str(message)}, status=status)


@never_cache
@require_http_methods(["PUT"])
def plan_item(request, pk, item_pk):
    """One row, as it autosaves: {owner, contact, phase, target_date, note, version}."""
    if not request.user.is_authenticated:
        return _json_error(_("Log in to save the plan."), 403)
    plan, is_member = readable_plan(request, pk)
    if not is_member:
        return _json_error(_("Only the plan's members can change it."), 403)
    item = member_item(plan, item_pk)
    if len(request.body) > ITEM_BODY_MAX_BYTES:
        return _json_error(_("This entry is too long to be saved."), 413)
    try:
        body = parse_json(request.body)
    except InputError:
        body = None
    version = body.get("version") if isinstance(body, dict) else None
    if isinstance(version, bool) or not isinstance(version, int):
        return JsonResponse(
            {"errors": {"__all__": [_("The entry could not be read. Reload the page.")]}},
            status=400,
        )
    values = {name: body[name] for name in ITEM_FIELDS if name in body}
    if any(value is not None and not isinstance(value, str) for value in values.values()):
        return JsonResponse(
            {"errors": {"__all__": [_("The entry could not be read. Reload the page.")]}},
            status=400,
        )
    values = {name: (value or "").strip() for name, value in values.items()}
    try:
        item = plan_item_update(
            item=item, user=request.user, changes=_changes(values), expected_version=version
        )
    except PlanConflict as conflict:
        return JsonResponse(
            {"error": conflict_message(conflict.item), "current": item_values(conflict.item)},
            status=409,
        )
    except ValidationError as error:
        return JsonResponse({"errors": _field_errors(error)}, status=400)
    except PlanError as error:
        return JsonResponse(
            {"errors": {"__all__": [str(getattr(error, "message", error))]}}, status=400
        )
    owned, total = plan_progress(plan=plan)
    return JsonResponse(
        {
            "version": item.version,
            "owned": owned,
            "total": total,
            "saved_at": when_text(item.updated_at),
        }
    )
