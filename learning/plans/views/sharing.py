"""Around the worksheet: inviting with a one-time link and joining with it, sharing with the
session's trainer, leaving, the history, the PDF, and the trainer's list of their sessions' plans.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from learning.roles import TRAINERS

from ..forms import PlanInviteForm
from ..models import MemberRole, PlanInvite, PlanItem, PlanOwner, PlanPhase
from ..pdf import render_plan_pdf
from ..selectors import plan_history, plan_items, plan_progress, plans_for_trainer
from ..services import (
    INVITE_MESSAGES,
    PlanError,
    PlanInviteInvalid,
    plan_invite_accept,
    plan_invite_create,
    plan_leave,
    plan_share_set,
    token_hash,
)
from .common import member_plan, person_name, readable_plan

# An invitation that cannot be used: gone for good (410), or never was (404).
INVITE_STATUS = {"unknown": 404, "used": 410, "expired": 410}


@never_cache
@login_required
@require_POST
def plan_invite(request, pk):
    plan = member_plan(request, pk)
    form = PlanInviteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose who you are inviting."))
        return redirect(reverse("plans:detail", args=[plan.pk]) + "#invite")
    try:
        invite, token = plan_invite_create(
            plan=plan, user=request.user, role=form.cleaned_data["role"]
        )
    except ValidationError:
        messages.error(request, _("Choose who you are inviting."))
        return redirect(reverse("plans:detail", args=[plan.pk]) + "#invite")
    link = request.build_absolute_uri(reverse("plans:join", args=[token]))
    return render(
        request,
        "plans/invite.html",
        {"plan": plan, "invite": invite, "link": link},
    )


def _invite_state(token):
    """(invite, None) when the link can be used, else (None, "unknown" | "used" | "expired")."""
    if not token or len(token) > 200:
        return None, "unknown"
    invite = PlanInvite.objects.select_related("plan").filter(token_hash=token_hash(token))
    invite = invite.first()
    if invite is None:
        return None, "unknown"
    if invite.used_at is not None:
        return None, "used"
    if invite.expires_at <= timezone.now():
        return None, "expired"
    return invite, None


def _invalid_invite(request, code):
    return render(
        request,
        "plans/join_invalid.html",
        {"message": INVITE_MESSAGES[code], "code": code},
        status=INVITE_STATUS[code],
    )


@never_cache
@require_http_methods(["GET", "POST"])
def plan_join(request, token):
    if not request.user.is_authenticated:
        # Sign in (or sign up) first, then back to this page.
        return redirect_to_login(request.get_full_path())
    if request.method == "GET":
        invite, code = _invite_state(token)
        if invite is None:
            return _invalid_invite(request, code)
        return render(request, "plans/join.html", {"invite": invite, "plan": invite.plan})
    try:
        member = plan_invite_accept(token=token, user=request.user)
    except PlanInviteInvalid as error:
        return _invalid_invite(request, error.code)
    messages.success(
        request, _("You joined the plan. Changes you make are saved for everyone in it.")
    )
    return redirect("plans:detail", pk=member.plan_id)


@never_cache
@login_required
@require_POST
def plan_share(request, pk):
    plan = member_plan(request, pk)
    shared = request.POST.get("shared") == "1"
    plan_share_set(plan=plan, user=request.user, shared=shared)
    if shared:
        messages.success(request, _("The plan is shared with your training session's trainer."))
    else:
        messages.success(request, _("The plan is no longer shared with the trainer."))
    return redirect("plans:detail", pk=plan.pk)


@never_cache
@login_required
@require_POST
def plan_leave_view(request, pk):
    plan = member_plan(request, pk)
    try:
        plan_leave(plan=plan, user=request.user)
    except PlanError as error:
        messages.error(request, error.message)
        return redirect("plans:detail", pk=plan.pk)
    messages.success(request, _("You left the plan."))
    return redirect("plans:list")


FIELD_LABELS = {
    "owner": PlanItem._meta.get_field("owner").verbose_name,
    "contact": PlanItem._meta.get_field("contact").verbose_name,
    "phase": PlanItem._meta.get_field("phase").verbose_name,
    "target_date": PlanItem._meta.get_field("target_date").verbose_name,
    "note": PlanItem._meta.get_field("note").verbose_name,
}


def _value_text(field, value):
    choices = {"owner": PlanOwner, "phase": PlanPhase}.get(field)
    if field in {"joined", "left"}:
        choices = MemberRole
    if choices and value in choices.values:
        return choices(value).label
    if field == "shared":
        return {"yes": _("shared"), "no": _("not shared")}.get(value, value)
    return value


def _change_row(change):
    events = {
        "created": _("started the plan"),
        "joined": _("joined the plan"),
        "left": _("left the plan"),
        "shared": _("changed sharing with the trainer"),
    }
    return {
        "change": change,
        "who": person_name(change.user),
        "task": change.item.task.title if change.item_id else "",
        "what": FIELD_LABELS.get(change.field) or events.get(change.field, change.field),
        "old": _value_text(change.field, change.old_value),
        "new": _value_text(change.field, change.new_value),
    }


@never_cache
@login_required
@require_GET
def plan_history_view(request, pk):
    plan, is_member = readable_plan(request, pk)
    changes = [_change_row(change) for change in plan_history(plan=plan)]
    return render(
        request,
        "plans/history.html",
        {"plan": plan, "is_member": is_member, "changes": changes},
    )


@never_cache
@login_required
@require_GET
def plan_pdf(request, pk):
    plan, _is_member = readable_plan(request, pk)
    language = request.GET.get("lang") or get_language()
    if language not in {"en", "fr"}:
        raise Http404
    content = render_plan_pdf(plan=plan, items=list(plan_items(plan=plan)), language=language)
    response = HttpResponse(content, content_type="application/pdf")
    name = "plan-action-concerte" if language == "fr" else "collaborative-action-plan"
    response["Content-Disposition"] = f'inline; filename="{name}-{plan.pk}.pdf"'
    return response


@never_cache
@login_required
@require_GET
def plan_trainer(request):
    user = request.user
    if not (user.is_superuser or user.groups.filter(name=TRAINERS).exists()):
        raise Http404
    plans = []
    for plan in plans_for_trainer(user=user):
        owned, total = plan_progress(plan=plan)
        plans.append({"plan": plan, "owned": owned, "total": total})
    return render(request, "plans/trainer.html", {"plans": plans})
