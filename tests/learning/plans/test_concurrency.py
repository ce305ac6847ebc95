"""Members writing at once (issue 18): real threads, each with its own database connection as a
server's requests have, on SQLite and on PostgreSQL (DATABASE_URL).

Two writers who saw the same version of a task: exactly one is saved, the other is told
(PlanConflict) and nothing is lost. Writers on different tasks all succeed, and the plan's
"every task owned" time sees them all. Two people accepting one invitation: one joins.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connections

from learning.plans.models import MemberRole, PlanChange, PlanItem, PlanMember
from learning.plans.selectors import plan_items
from learning.plans.services import (
    PlanConflict,
    PlanInviteInvalid,
    plan_invite_accept,
    plan_invite_create,
    plan_item_update,
)
from tests.learning.plans.factories import make_plan, settlement_worker, sponsor

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _at_once(work, arguments):
    """Run work(argument) for each argument in its own thread and connection, all released
    together; returns each result, or the exception it raised."""
    barrier = threading.Barrier(len(arguments))

    def run(argument):
        try:
            barrier.wait()
            return work(argument)
        except Exception as error:  # noqa: BLE001 - the test looks at what each raised
            return error
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=len(arguments)) as pool:
        return list(pool.map(run, arguments))


def _plan_with_members(count, tasks=1):
    plan = make_plan(tasks=tasks)
    members = [plan.members.get().user]
    for _ in range(count - 1):
        user = sponsor()
        PlanMember.objects.create(plan=plan, user=user, role=MemberRole.SPONSOR_GROUP)
        members.append(user)
    return plan, members


def test_of_two_writers_on_the_same_version_exactly_one_wins_and_nothing_is_lost():
    plan, members = _plan_with_members(2)
    item = plan_items(plan=plan).get()
    results = _at_once(
        lambda user: plan_item_update(
            item=item, user=user, changes={"contact": user.username}, expected_version=0
        ),
        members,
    )
    saved = [result for result in results if isinstance(result, PlanItem)]
    conflicts = [result for result in results if isinstance(result, PlanConflict)]
    assert (len(saved), len(conflicts)) == (1, 1), results
    winner = saved[0]
    stored = PlanItem.objects.get(pk=item.pk)
    assert (stored.version, stored.contact) == (1, winner.contact)
    assert conflicts[0].item.contact == winner.contact
    assert conflicts[0].item.version == 1
    assert list(PlanChange.objects.filter(item=item).values_list("new_value", flat=True)) == [
        winner.contact
    ]
    # The writer told of the conflict saves against the version it was given.
    loser = next(user for user in members if user.username != winner.contact)
    again = plan_item_update(
        item=item, user=loser, changes={"contact": loser.username}, expected_version=1
    )
    assert (again.version, again.contact) == (2, loser.username)


def test_writers_on_different_tasks_all_succeed_and_every_task_is_owned():
    plan, members = _plan_with_members(4, tasks=4)
    items = list(plan_items(plan=plan))
    results = _at_once(
        lambda pair: plan_item_update(
            item=pair[0], user=pair[1], changes={"owner": "shared"}, expected_version=0
        ),
        list(zip(items, members, strict=True)),
    )
    assert all(isinstance(result, PlanItem) for result in results), results
    assert set(PlanItem.objects.filter(plan=plan).values_list("owner", "version")) == {
        ("shared", 1)
    }
    plan.refresh_from_db()
    assert plan.all_owned_at is not None


def test_two_people_accepting_one_invitation_at_once_one_joins():
    plan = make_plan(tasks=1)
    _invite, token = plan_invite_create(
        plan=plan, user=plan.members.get().user, role=MemberRole.SETTLEMENT_WORKER
    )
    people = [settlement_worker(), settlement_worker()]
    results = _at_once(lambda user: plan_invite_accept(token=token, user=user), people)
    joined = [result for result in results if isinstance(result, PlanMember)]
    refused = [result for result in results if isinstance(result, PlanInviteInvalid)]
    assert (len(joined), len(refused)) == (1, 1), results
    assert refused[0].code == "used"
    assert plan.members.count() == 2
