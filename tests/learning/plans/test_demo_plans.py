"""The demo's simulated action plans (issue 18): realistic figures for the two plan
indicators, and seeding again changes nothing."""

import io

import pytest

from learning.demo.plans_simulated import PLANS, simulate_plans
from learning.plans.indicators import all_owned_cells, roles_match_cells
from learning.plans.models import ActionPlan, PlanItem, PlanOwner, PlanTask

pytestmark = pytest.mark.django_db


def share(cells):
    n = sum(cell.sums[0] for cell in cells)
    return n, sum(cell.sums[1] for cell in cells) / n


def test_simulated_plans_give_realistic_shares():
    owners = [PlanOwner.SPONSOR_GROUP, PlanOwner.SETTLEMENT_WORKER, PlanOwner.SHARED, ""]
    for number in range(12):
        PlanTask.objects.create(
            title_en=f"Task {number}", expected_owner=owners[number % 4], sort_order=number
        )

    assert simulate_plans(stdout=io.StringIO()) == PLANS
    assert simulate_plans(stdout=io.StringIO()) == 0

    assert ActionPlan.objects.count() == PLANS
    assert PlanItem.objects.count() == PLANS * 12
    plans, owned = share(all_owned_cells())
    assert plans == PLANS and 0.5 <= owned <= 0.9
    assignments, match = share(roles_match_cells())
    assert assignments > 200 and 0.65 <= match <= 0.95
    # Plans never fully owned left some tasks without an owner; the others none.
    for plan in ActionPlan.objects.all():
        blank = plan.items.filter(owner="").exists()
        assert blank == (plan.all_owned_at is None)


def test_nothing_without_tasks():
    out = io.StringIO()
    assert simulate_plans(stdout=out) == 0
    assert "the task list is empty" in out.getvalue()
