"""What the action plan adds to the privacy export and to an account's deletion (issue 18).

Registered on learner records' extension points in learning/apps.py.
"""

from learning.people.privacy import date_text, datetime_text

from .models import PlanChange, PlanMember
from .services import plans_leave_all


def action_plans_section(user):
    """The plans the person is a member of, and the changes they made to any plan."""
    memberships = (
        PlanMember.objects.filter(user=user).select_related("plan").order_by("joined_at", "pk")
    )
    changes = (
        PlanChange.objects.filter(user=user)
        .select_related("plan", "item__task")
        .order_by("changed_at", "pk")
    )
    return "action_plans", {
        "memberships": [
            {
                "plan": member.plan.title,
                "role": member.role,
                "joined_at": datetime_text(member.joined_at),
                "expected_arrival": date_text(member.plan.expected_arrival),
                "shared_with_trainer": member.plan.shared_with_trainer,
            }
            for member in memberships
        ],
        "changes": [
            {
                "plan": change.plan.title,
                "task_en": change.item.task.title_en if change.item else None,
                "task_fr": change.item.task.title_fr if change.item else None,
                "field": change.field,
                "before": change.old_value,
                "after": change.new_value,
                "changed_at": datetime_text(change.changed_at),
            }
            for change in changes
        ],
    }


def action_plans_leaving(user):
    """The person leaves every plan, as leaving one does: a plan nobody is left in is deleted.
    The changes they made stay in the others' history, no longer linked to them."""
    plans_leave_all(user=user)
    return {}
