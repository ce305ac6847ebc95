"""The demo's Collaborative Action Plan (issue 18): the sponsor orientation's tasks in the task
list, and one plan of the demo learner's sponsor group, attached to the demo training session,
with a few tasks already assigned. Idempotent: the plan is matched by its name and member, and
a task someone already changed is left as it is.
"""

from django.contrib.auth import get_user_model
from django.db import transaction

from learning.plans.models import PlanOwner, PlanPhase
from learning.plans.selectors import plan_items, plans_for_user
from learning.plans.services import plan_create, plan_item_update
from learning.plans.tasks import plan_tasks_from_courses

DEMO_PLAN_TITLE = "Demo sponsor group — spring arrival"
DEMO_LEARNER = "learner"
# English task title → what the demo plan says of it.
DEMO_ITEMS = {
    "Find and prepare housing": {
        "owner": PlanOwner.SPONSOR_GROUP,
        "contact": "Housing lead",
        "phase": PlanPhase.BEFORE_ARRIVAL,
        "note": "Two apartments to visit near the school.",
    },
    "Contact an agency and request a pre-arrival meeting": {
        "owner": PlanOwner.SPONSOR_GROUP,
        "contact": "Maria",
        "phase": PlanPhase.BEFORE_ARRIVAL,
    },
    "Needs and assets assessment": {
        "owner": PlanOwner.SETTLEMENT_WORKER,
        "contact": "Settlement worker",
        "phase": PlanPhase.FIRST_MONTH,
    },
    "School registration": {
        "owner": PlanOwner.SHARED,
        "contact": "Maria and the settlement worker",
        "phase": PlanPhase.FIRST_MONTH,
    },
}


@transaction.atomic
def seed_demo_plan(*, course, cohort):
    """Import `course`'s tasks into the task list and make the demo plan; returns
    (tasks added, plan), the plan None when there is no demo learner account."""
    added = plan_tasks_from_courses(course=course)
    learner = get_user_model().objects.filter(username=DEMO_LEARNER).first()
    if learner is None:
        return added, None
    plan = plans_for_user(user=learner).filter(title=DEMO_PLAN_TITLE).first()
    if plan is None:
        plan = plan_create(user=learner, title=DEMO_PLAN_TITLE, course=course, cohort=cohort)
    for item in plan_items(plan=plan):
        changes = DEMO_ITEMS.get(item.task.title_en)
        if changes and item.version == 0:
            plan_item_update(item=item, user=learner, changes=changes, expected_version=0)
    return added, plan
