"""The action plan in the privacy export and account deletion, the task import command and the
demo plan (issue 18)."""

import io

import pytest
from django.core.management import CommandError, call_command

from learning.demo.plans import DEMO_PLAN_TITLE
from learning.people.privacy import account_export
from learning.people.services import account_erase
from learning.plans.models import ActionPlan, MemberRole, PlanChange, PlanTask
from learning.plans.selectors import plan_items
from learning.plans.services import plan_invite_accept, plan_invite_create, plan_item_update
from tests.content.factories import LessonPageFactory
from tests.learning.plans.factories import make_plan, settlement_worker, sponsor

pytestmark = pytest.mark.django_db


def _shared_plan(title="St Mark's sponsor group"):
    plan = make_plan(tasks=2, title=title)
    creator = plan.members.get().user
    _invite, token = plan_invite_create(plan=plan, user=creator, role=MemberRole.SETTLEMENT_WORKER)
    worker = settlement_worker()
    plan_invite_accept(token=token, user=worker)
    return plan, creator, worker


def test_the_export_lists_the_persons_plans_and_the_changes_they_made():
    plan, creator, worker = _shared_plan()
    first, second = plan_items(plan=plan)
    plan_item_update(item=first, user=worker, changes={"contact": "Samir"}, expected_version=0)
    plan_item_update(item=second, user=creator, changes={"note": "Mine only"}, expected_version=0)
    other = make_plan(tasks=0, title="Someone else's plan")
    data = account_export(user=worker)["action_plans"]
    [membership] = data["memberships"]
    assert (membership["plan"], membership["role"]) == (plan.title, "settlement_worker")
    assert [(c["field"], c["after"], c["task_en"]) for c in data["changes"]] == [
        ("joined", "settlement_worker", None),
        ("contact", "Samir", first.task.title_en),
    ]
    text = str(data)
    assert "Mine only" not in text and other.title not in text


def test_deleting_an_account_leaves_its_plans_and_deletes_those_nobody_is_left_in():
    plan, creator, worker = _shared_plan()
    item = plan_items(plan=plan).first()
    plan_item_update(item=item, user=worker, changes={"owner": "shared"}, expected_version=0)
    alone = make_plan(tasks=1, user=worker, title="Worker's own plan")
    assert account_erase(user=worker) is not None
    assert not ActionPlan.objects.filter(pk=alone.pk).exists()
    assert list(plan.members.values_list("user", flat=True)) == [creator.pk]
    # The change stays in the others' history, no longer linked to the person.
    change = PlanChange.objects.get(item=item, field="owner")
    assert change.user is None
    item.refresh_from_db()
    assert (item.owner, item.updated_by) == ("shared", None)
    assert plan.changes.filter(field="left", user=None).exists()


def _role_table(rows):
    return {"type": "role_table", "value": {"title": "Who does what", "rows": rows}}


def _row(task, responsibility, note=""):
    return {"task": task, "responsibility": responsibility, "note": note}


def test_the_import_command_adds_a_courses_tasks_once(course):
    LessonPageFactory(
        parent=course,
        body_en=[_role_table([_row("Find housing", "sponsor"), _row("Needs", "shared")])],
        body_fr=[_role_table([_row("Trouver un logement", "sponsor"), _row("Besoins", "shared")])],
    )
    out = io.StringIO()
    call_command("plan_tasks_import", "--course", course.slug_en, stdout=out)
    assert "Added: Find housing / Trouver un logement (Sponsor group)" in out.getvalue()
    assert "Tasks added: 2" in out.getvalue()
    assert list(PlanTask.objects.values_list("title_en", "title_fr", "expected_owner")) == [
        ("Find housing", "Trouver un logement", "sponsor_group"),
        ("Needs", "Besoins", "shared"),
    ]
    out = io.StringIO()
    call_command("plan_tasks_import", stdout=out)
    assert "Tasks added: 0" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("plan_tasks_import", "--course", "no-such-course", stdout=out)


def test_seed_demo_makes_one_demo_plan_whatever_the_runs(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert f"demo plan: {DEMO_PLAN_TITLE}" in out.getvalue()
    plan = ActionPlan.objects.get(title=DEMO_PLAN_TITLE)
    [member] = plan.members.select_related("user")
    assert (member.user.username, member.role) == ("learner", MemberRole.SPONSOR_GROUP)
    assert plan.cohort is not None and plan.cohort.course_id == plan.course_id
    assert PlanTask.objects.filter(title_en="Find and prepare housing").exists()
    items = list(plan_items(plan=plan))
    filled = [item for item in items if item.owner]
    assert 3 <= len(filled) < len(items)
    assert all(item.version == 1 for item in filled)


def test_seed_demo_without_the_demo_learner_makes_no_plan(settings):
    settings.DEBUG = False
    sponsor()
    call_command("seed_demo", stdout=io.StringIO())
    assert PlanTask.objects.exists()
    assert not ActionPlan.objects.exists()
