"""Reads for the Collaborative Action Plan (issue 18).

A plan's content is for its members. The trainer of the plan's training session sees that the
plan exists (its name, members and how many tasks have an owner) and its content only when
the members share it with them (`plan_for_trainer`, read-only).
"""

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from learning.inputs import database_id
from learning.people.models import Profile, Role

from .models import ActionPlan, MemberRole, PlanChange, PlanItem, PlanMember


def _count(queryset):
    """A subquery counting `queryset`'s rows for each plan (OuterRef "pk")."""
    counted = (
        queryset.filter(plan=OuterRef("pk"))
        .order_by()
        .values("plan")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def with_counts(plans):
    """`plans` annotated with `owned_count`, `item_count` and `member_count`."""
    return plans.annotate(
        owned_count=_count(PlanItem.objects.exclude(owner="")),
        item_count=_count(PlanItem.objects.all()),
        member_count=_count(PlanMember.objects.all()),
    )


def _signed_in(user):
    return user is not None and user.is_authenticated


def member_role_for(*, user):
    """The role `user` takes in a plan they start: settlement worker when their profile says
    so, otherwise sponsor group."""
    role = Profile.objects.filter(user=user).values_list("role", flat=True).first()
    if role == Role.SETTLEMENT_WORKER:
        return MemberRole.SETTLEMENT_WORKER
    return MemberRole.SPONSOR_GROUP


def plans_for_user(*, user):
    """The plans `user` is a member of, latest change first, with their counts."""
    if not _signed_in(user):
        return ActionPlan.objects.none()
    plans = ActionPlan.objects.filter(
        pk__in=PlanMember.objects.filter(user=user).values("plan_id")
    ).select_related("cohort", "course")
    return with_counts(plans).order_by("-updated_at", "-pk")


def plan_for_member(*, user, plan_id):
    """The plan if `user` is one of its members, else None."""
    plan_id = database_id(plan_id)
    if plan_id is None or not _signed_in(user):
        return None
    return (
        ActionPlan.objects.filter(pk=plan_id, members__user=user)
        .select_related("cohort", "course")
        .first()
    )


def plan_membership(*, user, plan):
    """`user`'s PlanMember row in `plan`, or None."""
    if not _signed_in(user):
        return None
    return PlanMember.objects.filter(plan=plan, user=user).first()


def plan_members(*, plan):
    """The plan's members with their user, in the order they joined."""
    return PlanMember.objects.filter(plan=plan).select_related("user").order_by("joined_at", "pk")


def plan_items(*, plan):
    """The plan's tasks in the task list's order, with the task and who last changed it."""
    return (
        PlanItem.objects.filter(plan=plan)
        .select_related("task", "updated_by")
        .order_by("task__sort_order", "task_id")
    )


def plan_progress(*, plan):
    """(tasks with an owner, tasks) of the plan."""
    counts = PlanItem.objects.filter(plan=plan).aggregate(
        owned=Count("pk", filter=~Q(owner="")), total=Count("pk")
    )
    return counts["owned"], counts["total"]


def plan_history(*, plan, limit=200):
    """The plan's latest changes first, with who made them and the task they were made to."""
    return (
        PlanChange.objects.filter(plan=plan)
        .select_related("user", "item__task")
        .order_by("-changed_at", "-pk")[:limit]
    )


def plans_for_trainer(*, user):
    """Plans started in the training sessions `user` runs: that they exist, their session,
    members and owned/total counts, and whether they are shared. Never their content."""
    if not _signed_in(user):
        return ActionPlan.objects.none()
    plans = ActionPlan.objects.filter(cohort__trainer=user).select_related("cohort")
    return with_counts(plans).order_by("cohort__name", "title", "pk")


def plan_for_trainer(*, user, plan_id):
    """The plan, to read only, if `user` runs its training session and the members shared it
    with them; else None."""
    plan_id = database_id(plan_id)
    if plan_id is None or not _signed_in(user):
        return None
    return (
        ActionPlan.objects.filter(pk=plan_id, cohort__trainer=user, shared_with_trainer=True)
        .select_related("cohort", "course")
        .first()
    )
