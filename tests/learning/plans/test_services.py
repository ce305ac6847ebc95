"""Plans and their tasks (issue 18): creating, saving a change, refusing what the plan must not
hold, the version check, history and "every task owned"."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from learning.plans.models import MemberRole, PlanChange, PlanItem, PlanOwner, PlanPhase
from learning.plans.selectors import plan_items
from learning.plans.services import PlanConflict, plan_create, plan_item_update
from tests.learning.factories import UserFactory
from tests.learning.plans.factories import PlanTaskFactory, make_plan, settlement_worker, sponsor

pytestmark = pytest.mark.django_db

NUMBERS_REFUSED = (
    "Leave out numbers such as phone, file, client or account numbers: the plan needs none."
)


def _first_item(plan):
    return plan_items(plan=plan).first()


def test_create_lists_every_active_task_with_its_usual_phase_and_the_creator_as_member():
    PlanTaskFactory(default_phase=PlanPhase.FIRST_WEEK, sort_order=20)
    PlanTaskFactory(sort_order=10)
    PlanTaskFactory(active=False)
    user = sponsor(region="kingston")
    plan = plan_create(user=user, title="  Spring arrival  ", language="fr")
    assert plan.title == "Spring arrival"
    assert plan.region == "kingston"
    assert plan.language == "fr"
    assert plan.created_by == user
    items = list(plan_items(plan=plan))
    assert [item.task.sort_order for item in items] == [10, 20]
    assert [item.phase for item in items] == ["", PlanPhase.FIRST_WEEK]
    assert all(item.owner == "" and item.version == 0 for item in items)
    member = plan.members.get()
    assert (member.user, member.role) == (user, MemberRole.SPONSOR_GROUP)
    assert list(plan.changes.values_list("field", "new_value")) == [("created", "Spring arrival")]
    assert plan.all_owned_at is None


def test_a_settlement_worker_starts_a_plan_as_settlement_worker():
    plan = make_plan(user=settlement_worker())
    assert plan.members.get().role == MemberRole.SETTLEMENT_WORKER


def test_a_plan_needs_a_name():
    with pytest.raises(ValidationError) as refused:
        plan_create(user=sponsor(), title=" ")
    assert "title" in refused.value.message_dict


def test_update_saves_each_field_with_one_history_row_per_change():
    plan = make_plan()
    user = plan.members.get().user
    item = _first_item(plan)
    saved = plan_item_update(
        item=item,
        user=user,
        changes={
            "owner": PlanOwner.SHARED,
            "contact": " Maria ",
            "phase": PlanPhase.FIRST_MONTH,
            "target_date": "2027-03-15",
            "note": "Bring the school forms.",
        },
        expected_version=0,
    )
    assert saved.version == 1
    assert saved.updated_by == user
    assert (saved.owner, saved.contact, saved.phase) == ("shared", "Maria", "first_month")
    assert saved.target_date == datetime.date(2027, 3, 15)
    changes = {
        change.field: (change.old_value, change.new_value, change.version)
        for change in PlanChange.objects.filter(item=item)
    }
    assert changes == {
        "owner": ("", "shared", 1),
        "contact": ("", "Maria", 1),
        "phase": ("", "first_month", 1),
        "target_date": ("", "2027-03-15", 1),
        "note": ("", "Bring the school forms.", 1),
    }
    # Clearing the date: None or "" both do.
    cleared = plan_item_update(
        item=saved, user=user, changes={"target_date": ""}, expected_version=1
    )
    assert cleared.target_date is None
    assert PlanChange.objects.get(item=item, field="target_date", version=2).old_value == (
        "2027-03-15"
    )


def test_a_change_equal_to_what_is_saved_changes_nothing():
    plan = make_plan()
    user = plan.members.get().user
    item = plan_item_update(
        item=_first_item(plan), user=user, changes={"owner": "newcomers"}, expected_version=0
    )
    before = PlanChange.objects.count()
    again = plan_item_update(
        item=item,
        user=user,
        changes={"owner": "newcomers", "contact": "", "target_date": None},
        expected_version=1,
    )
    assert again.version == 1
    assert PlanChange.objects.count() == before


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"owner": "the neighbours"}, "owner", "Choose one of the options listed."),
        ({"phase": "someday"}, "phase", "Choose one of the options listed."),
        ({"contact": "x" * 61}, "contact", "Keep this to 60 characters or fewer."),
        ({"note": "x" * 301}, "note", "Keep this to 300 characters or fewer."),
        ({"contact": "Maria 613-555-0199"}, "contact", NUMBERS_REFUSED),
        ({"note": "Client 12 34 56"}, "note", NUMBERS_REFUSED),
        ({"note": "UCI 1234567890"}, "note", NUMBERS_REFUSED),
        ({"target_date": "31/05/2027"}, "target_date", "Enter a date such as 2026-05-31."),
        ({"address": "12 Elm Street"}, "address", "This cannot be changed in a plan."),
    ],
)
def test_refused_changes_say_why_and_save_nothing(changes, field, message):
    plan = make_plan()
    item = _first_item(plan)
    with pytest.raises(ValidationError) as refused:
        plan_item_update(
            item=item, user=plan.members.get().user, changes=changes, expected_version=0
        )
    assert refused.value.message_dict == {field: [message]}
    item.refresh_from_db()
    assert item.version == 0
    assert not PlanChange.objects.filter(item=item).exists()


def test_short_numbers_are_fine():
    plan = make_plan()
    saved = plan_item_update(
        item=_first_item(plan),
        user=plan.members.get().user,
        changes={"note": "2 adults, 3 children; call after 5 pm, room 12345"},
        expected_version=0,
    )
    assert saved.note.endswith("room 12345")


def test_only_members_change_a_plan():
    plan = make_plan()
    for outsider in (UserFactory(), None):
        with pytest.raises(PermissionDenied):
            plan_item_update(
                item=_first_item(plan),
                user=outsider,
                changes={"owner": "shared"},
                expected_version=0,
            )


def test_a_second_writer_with_the_old_version_is_told_and_the_first_value_stays():
    plan = make_plan()
    first = plan.members.get().user
    second = sponsor(user__first_name="Samir")
    plan.members.create(user=second, role=MemberRole.SPONSOR_GROUP)
    item = _first_item(plan)
    plan_item_update(item=item, user=first, changes={"contact": "Maria"}, expected_version=0)
    with pytest.raises(PlanConflict) as conflict:
        plan_item_update(item=item, user=second, changes={"contact": "Samir"}, expected_version=0)
    assert conflict.value.code == "conflict"
    assert conflict.value.item.contact == "Maria"
    assert conflict.value.item.version == 1
    assert conflict.value.item.updated_by == first
    assert str(conflict.value.message)
    assert PlanItem.objects.get(pk=item.pk).contact == "Maria"
    assert list(PlanChange.objects.filter(item=item).values_list("new_value", flat=True)) == [
        "Maria"
    ]


def test_all_owned_at_is_set_when_every_task_has_an_owner_and_cleared_when_one_has_none():
    plan = make_plan(tasks=2)
    user = plan.members.get().user
    first, second = plan_items(plan=plan)
    plan_item_update(item=first, user=user, changes={"owner": "shared"}, expected_version=0)
    plan.refresh_from_db()
    assert plan.all_owned_at is None
    plan_item_update(item=second, user=user, changes={"owner": "newcomers"}, expected_version=0)
    plan.refresh_from_db()
    owned_at = plan.all_owned_at
    assert owned_at is not None
    # Another owner for a task keeps the time every task first came to have one.
    plan_item_update(item=second, user=user, changes={"owner": "shared"}, expected_version=1)
    plan.refresh_from_db()
    assert plan.all_owned_at == owned_at
    plan_item_update(item=first, user=user, changes={"owner": ""}, expected_version=1)
    plan.refresh_from_db()
    assert plan.all_owned_at is None
    assert plan.updated_at >= owned_at
