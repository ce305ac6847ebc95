"""What each person reads of a plan (issue 18): members everything; the trainer of the plan's
training session that it exists, and its content only when shared; anyone else nothing."""

import pytest

from learning.plans.selectors import (
    plan_for_member,
    plan_for_trainer,
    plan_history,
    plan_items,
    plan_progress,
    plans_for_trainer,
    plans_for_user,
)
from learning.plans.services import plan_item_update, plan_share_set
from tests.learning.factories import CohortFactory, UserFactory
from tests.learning.plans.factories import make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(course, trainer):
    return CohortFactory(course=course, trainer=trainer)


@pytest.fixture
def plan(session):
    plan = make_plan(tasks=3, cohort=session)
    item = plan_items(plan=plan).first()
    plan_item_update(
        item=item, user=plan.members.get().user, changes={"owner": "shared"}, expected_version=0
    )
    return plan


def test_a_member_lists_their_plans_with_counts(plan, django_assert_num_queries):
    user = plan.members.get().user
    make_plan(tasks=0, title="Someone else's plan")
    with django_assert_num_queries(1):
        plans = list(plans_for_user(user=user))
    assert [(p.title, p.owned_count, p.item_count, p.member_count) for p in plans] == [
        (plan.title, 1, 3, 1)
    ]
    assert plan_for_member(user=user, plan_id=plan.pk) == plan
    assert plan_for_member(user=user, plan_id=str(plan.pk)) == plan
    assert plan_for_member(user=UserFactory(), plan_id=plan.pk) is None
    assert plan_for_member(user=user, plan_id="2**70") is None
    assert plan_progress(plan=plan) == (1, 3)


def test_items_and_history_come_in_few_queries(plan, django_assert_num_queries):
    with django_assert_num_queries(1):
        items = [(item.task.title, item.updated_by) for item in plan_items(plan=plan)]
    assert len(items) == 3
    with django_assert_num_queries(1):
        history = [
            (change.field, change.user, change.item and change.item.task.title)
            for change in plan_history(plan=plan)
        ]
    assert [field for field, _user, _task in history] == ["owner", "created"]
    assert len(list(plan_history(plan=plan, limit=1))) == 1


def test_the_sessions_trainer_sees_the_plan_exists_but_not_its_content_until_shared(
    plan, trainer, django_user_model
):
    listed = list(plans_for_trainer(user=trainer))
    assert [(p.title, p.member_count, p.owned_count, p.item_count) for p in listed] == [
        (plan.title, 1, 1, 3)
    ]
    assert listed[0].shared_with_trainer is False
    assert plan_for_trainer(user=trainer, plan_id=plan.pk) is None
    plan_share_set(plan=plan, user=plan.members.get().user, shared=True)
    assert plan_for_trainer(user=trainer, plan_id=plan.pk) == plan
    # Another trainer, and a trainer of another session, see nothing.
    other = django_user_model.objects.create_user("other-trainer", "o@example.org", "pw")
    CohortFactory(course=plan.cohort.course, trainer=other)
    assert list(plans_for_trainer(user=other)) == []
    assert plan_for_trainer(user=other, plan_id=plan.pk) is None
    # The trainer is no member: the member's reads give them nothing.
    assert plan_for_member(user=trainer, plan_id=plan.pk) is None
    assert list(plans_for_user(user=trainer)) == []
