"""Action plan factories (issue 18): tasks, and plans made through the real service."""

import factory

from learning.plans.models import PlanTask
from learning.plans.services import plan_create
from tests.learning.factories import ProfileFactory


class PlanTaskFactory(factory.django.DjangoModelFactory):
    title_en = factory.Sequence(lambda n: f"Task {n}")
    title_fr = factory.Sequence(lambda n: f"Tâche {n}")
    expected_owner = "sponsor_group"
    sort_order = factory.Sequence(lambda n: (n + 1) * 10)

    class Meta:
        model = PlanTask


def sponsor(**kwargs):
    return ProfileFactory(role="sponsor", **kwargs).user


def settlement_worker(**kwargs):
    return ProfileFactory(role="settlement_worker", **kwargs).user


def make_plan(*, user=None, tasks=3, title="St Mark's sponsor group", **kwargs):
    """A plan of `tasks` new tasks, started by `user` (a new sponsor by default)."""
    for _ in range(tasks):
        PlanTaskFactory()
    return plan_create(user=user or sponsor(), title=title, **kwargs)
