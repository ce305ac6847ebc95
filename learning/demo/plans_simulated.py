"""Simulated Collaborative Action Plans for the demo's two plan indicators (issue 18).

About thirty sponsor groups' plans, with families that arrived over the past year: about 70%
had every task owned before the arrival date, and about 80% of the assignments follow the
courses' role tables. Made directly, not through the plan services: the dates are invented
(a plan created months ago, every task owned some days before an arrival in the past), which
the services, writing the time of each change, cannot do. No members: nobody's account is
invented for them, and they show only in the indicators.

Deterministic: plan n of seed s always draws from the same random generator, and a plan that
exists ("Simulated sponsor group <seed>-<n>") is skipped, so running again changes nothing.
"""

import random
import sys
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from learning.people.models import Region
from learning.plans.indicators import arrival_start
from learning.plans.models import ActionPlan, PlanItem, PlanOwner, PlanPhase, PlanTask

PLANS = 30
ALL_OWNED_SHARE = 0.7  # every task owned before arrival
LATE_SHARE = 0.5  # of the others: every task owned, but only after the family arrived
MATCH_SHARE = 0.8  # an assignment follows the role tables
FRENCH_SHARE = 0.3
REGIONS = (Region.OTTAWA, Region.GTA, Region.KITCHENER_WATERLOO, Region.HAMILTON, Region.LONDON)
PHASES = tuple(PlanPhase.values)


def plan_title(seed, number):
    return f"Simulated sponsor group {seed}-{number}"


def _owner(rng, task, *, owned):
    if not owned:
        return ""
    expected = task.expected_owner
    if expected and rng.random() < MATCH_SHARE:
        return expected
    others = [owner for owner in PlanOwner.values if owner != expected]
    return rng.choice(others)


def _simulate_plan(*, rng, title, tasks, course, cohort):
    today = timezone.localdate()
    arrival = today - timedelta(days=rng.randint(20, 360))
    created = arrival_start(arrival) - timedelta(days=rng.randint(30, 120), hours=rng.randint(0, 9))
    draw = rng.random()
    if draw < ALL_OWNED_SHARE:
        owned_at = arrival_start(arrival) - timedelta(days=rng.randint(1, 25))
    elif draw < ALL_OWNED_SHARE + (1 - ALL_OWNED_SHARE) * LATE_SHARE:
        owned_at = arrival_start(arrival) + timedelta(days=rng.randint(1, 30))
    else:
        owned_at = None
    french = rng.random() < FRENCH_SHARE
    plan = ActionPlan.objects.create(
        title=title,
        course=course,
        cohort=cohort if rng.random() < 0.3 else None,
        expected_arrival=arrival,
        language="fr" if french else "en",
        region=rng.choice(REGIONS),
        all_owned_at=owned_at,
    )
    ActionPlan.objects.filter(pk=plan.pk).update(created_at=created)
    # A plan never fully owned leaves one to three tasks without an owner.
    unowned = set() if owned_at else set(rng.sample(range(len(tasks)), min(len(tasks), 3)))
    PlanItem.objects.bulk_create(
        PlanItem(
            plan=plan,
            task=task,
            owner=_owner(rng, task, owned=index not in unowned),
            phase=task.default_phase or rng.choice(PHASES),
            version=1,
        )
        for index, task in enumerate(tasks)
    )
    return plan


@transaction.atomic
def simulate_plans(*, course=None, cohort=None, count=PLANS, seed=2026, stdout=None):
    """Add the simulated plans missing for `seed`; returns how many were added."""
    stdout = stdout or sys.stdout
    tasks = list(PlanTask.objects.filter(active=True))
    if not tasks:
        stdout.write("Simulated action plans: none (the task list is empty).")
        return 0
    titles = [plan_title(seed, number) for number in range(1, count + 1)]
    existing = set(ActionPlan.objects.filter(title__in=titles).values_list("title", flat=True))
    added = 0
    for number, title in enumerate(titles, start=1):
        rng = random.Random(f"psr-learn-plan:{seed}:{number}")  # noqa: S311 - demo data
        if title in existing:
            continue
        _simulate_plan(rng=rng, title=title, tasks=tasks, course=course, cohort=cohort)
        added += 1
    stdout.write(f"Simulated action plans: {added} added ({count} for seed {seed}).")
    return added
