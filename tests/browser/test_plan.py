"""The Collaborative Action Plan in a browser (issue 18): a sponsor starts a plan and assigns
tasks (autosaved), invites a settlement worker with a one-time link, both edit the same task and
the second writer is told rather than overwriting; phones, French, axe and print."""

import re

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from learning.plans.models import ActionPlan, PlanMember
from learning.plans.selectors import plan_items
from learning.plans.services import plan_create, plan_item_update
from tests.browser.conftest import assert_accessible, session_cookies
from tests.browser.layout_checks import overflow, small_tap_targets
from tests.learning.plans.factories import PlanTaskFactory, settlement_worker, sponsor

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _first_item(plan):
    return plan_items(plan=plan).first()


def test_a_sponsor_and_a_settlement_worker_plan_together(page, live_server, home, browser):
    for number, (english, french) in enumerate(
        [
            ("Find housing", "Trouver un logement"),
            ("Open a bank account", "Ouvrir un compte bancaire"),
            ("Register for health insurance", "S'inscrire à l'assurance maladie"),
        ]
    ):
        PlanTaskFactory(
            title_en=english,
            title_fr=french,
            guidance_en=f"What {english.lower()} involves.",
            guidance_fr=f"Ce que comprend : {french.lower()}.",
            sort_order=number,
        )
    owner = sponsor(user__first_name="Maria")
    worker = settlement_worker(user__first_name="Yusuf")
    page.context.add_cookies(session_cookies(owner, live_server.url))

    # Start a plan.
    page.goto(f"{live_server.url}/en/plans/")
    assert_accessible(page)
    page.get_by_label("Plan name").fill("Maple Street group")
    page.get_by_role("button", name="Start the plan").click()
    expect(page).to_have_url(re.compile(r"/en/plans/\d+/$"))
    plan = ActionPlan.objects.get()
    expect(page.locator("form[data-autosave-ready]")).to_be_attached()
    expect(
        page.get_by_text("Write no health, immigration or financial details").first
    ).to_be_visible()

    # Assign a task: saved as it changes, and there after a reload.
    row = page.locator("li.plan-task").nth(0)
    expect(row.locator(".plan-task__guidance")).to_have_text("What find housing involves.")
    row.get_by_label("Who does it").select_option("sponsor_group")
    expect(row.locator("[data-save-status]")).to_have_text("Saved")
    expect(page.locator("[data-plan-progress]")).to_have_text("1 of 3 tasks have an owner")
    # The status already says "Saved": wait for this save's answer (after the typing pause).
    with page.expect_response(lambda response: response.request.method == "PUT"):
        row.get_by_label("Contact").fill("Maria")
    expect(row.locator("[data-save-status]")).to_have_text("Saved")
    assert_accessible(page)
    page.reload()
    row = page.locator("li.plan-task").nth(0)
    expect(row.get_by_label("Who does it")).to_have_value("sponsor_group")
    expect(row.get_by_label("Contact")).to_have_value("Maria")
    item = _first_item(plan)
    assert (item.owner, item.contact, item.version) == ("sponsor_group", "Maria", 2)

    # Invite the settlement worker: the link is shown once.
    page.get_by_label("The settlement worker").check()
    page.get_by_role("button", name="Make a one-time link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Invitation link")
    link = page.get_by_label("The link").input_value()
    assert "/en/plans/join/" in link
    expect(page.get_by_role("button", name="Copy the link")).to_be_visible()
    assert_accessible(page)

    # The settlement worker joins in a second browser.
    other_context = browser.new_context()
    other_context.add_cookies(session_cookies(worker, live_server.url))
    other = other_context.new_page()
    other.set_default_timeout(15_000)
    other.goto(link)
    expect(other.get_by_role("heading", level=1)).to_have_text("Join a Collaborative Action Plan")
    assert_accessible(other)
    other.get_by_role("button", name="Join the plan").click()
    expect(other).to_have_url(re.compile(rf"/en/plans/{plan.pk}/$"))
    expect(other.locator("form[data-autosave-ready]")).to_be_attached()

    # Both have the task open at version 2. The worker saves first…
    page.goto(f"{live_server.url}/en/plans/{plan.pk}/")
    expect(page.locator("form[data-autosave-ready]")).to_be_attached()
    theirs = other.locator("li.plan-task").nth(0)
    theirs.get_by_label("Who does it").select_option("settlement_worker")
    expect(theirs.locator("[data-save-status]")).to_have_text("Saved")

    # …so the sponsor's change is refused, named, and nothing is overwritten.
    mine = page.locator("li.plan-task").nth(0)
    mine.get_by_label("Note").fill("We meet them at the airport")
    status = mine.locator("[data-save-status]")
    expect(status).to_contain_text("Yusuf saved this task")
    expect(mine.locator("[data-conflict]")).to_contain_text("Settlement worker")
    item.refresh_from_db()
    assert (item.owner, item.note, item.version) == ("settlement_worker", "", 3)
    expect(mine.get_by_label("Note")).to_have_value("We meet them at the airport")
    assert_accessible(page)

    # Keeping mine is a choice, sent over their version.
    mine.get_by_role("button", name="Keep mine").click()
    expect(status).to_have_text("Saved")
    item.refresh_from_db()
    assert (item.owner, item.note, item.version) == (
        "sponsor_group",
        "We meet them at the airport",
        4,
    )

    # The worker, still at version 3, is told in turn and takes the sponsor's version.
    theirs.get_by_label("Contact").fill("Yusuf")
    expect(theirs.locator("[data-save-status]")).to_contain_text("Maria saved this task")
    theirs.get_by_role("button", name="Use their version").click()
    expect(theirs.get_by_label("Note")).to_have_value("We meet them at the airport")
    expect(theirs.get_by_label("Contact")).to_have_value("Maria")
    item.refresh_from_db()
    assert item.contact == "Maria"
    other_context.close()

    # History: who changed what.
    page.goto(f"{live_server.url}/en/plans/{plan.pk}/history/")
    expect(page.locator("table")).to_contain_text("Yusuf")
    expect(page.locator("table")).to_contain_text("We meet them at the airport")
    assert_accessible(page)

    # On a phone: no sideways scrolling, every target big enough.
    for width in (320, 390):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(f"{live_server.url}/en/plans/{plan.pk}/")
        assert overflow(page) == [], width
        assert small_tap_targets(page) == [], width
        page.goto(f"{live_server.url}/en/plans/{plan.pk}/history/")
        assert overflow(page) == [], width
    page.set_viewport_size({"width": 1280, "height": 900})

    # In French.
    page.goto(f"{live_server.url}/fr/plans/{plan.pk}/")
    with translation.override("fr"):
        heading = gettext("Collaborative Action Plan")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    expect(page.locator("li.plan-task").nth(1)).to_contain_text("Ouvrir un compte bancaire")
    assert_accessible(page)
    page.set_viewport_size({"width": 390, "height": 800})
    assert overflow(page) == []
    assert small_tap_targets(page) == []
    page.set_viewport_size({"width": 1280, "height": 900})

    # Printed: the plan's table, no navigation, no buttons, no form.
    page.goto(f"{live_server.url}/en/plans/{plan.pk}/")
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator("nav").first).to_be_hidden()
    expect(page.locator("form[data-plan-autosave]")).to_be_hidden()
    for button in page.get_by_role("button").all():
        expect(button).to_be_hidden()
    expect(page.locator("table.plan-print")).to_be_visible()
    expect(page.locator("table.plan-print")).to_contain_text("We meet them at the airport")
    expect(page.get_by_text(re.compile(r"^Printed on "))).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.emulate_media(media="screen")


def test_a_conflict_found_when_the_whole_form_is_saved_keeps_my_entries(page, live_server, home):
    """Autosave out of reach, the form is saved as a whole over a row someone else changed:
    the page shows their version and keeps mine, and offers the same two choices."""
    PlanTaskFactory(title_en="Find housing", title_fr="Trouver un logement")
    owner = sponsor(user__first_name="Maria")
    worker = settlement_worker(user__first_name="Yusuf")
    plan = plan_create(user=owner, title="Maple Street group")
    PlanMember.objects.create(plan=plan, user=worker, role="settlement_worker")
    page.context.add_cookies(session_cookies(owner, live_server.url))
    page.route("**/items/**", lambda route: route.abort("connectionrefused"))
    page.goto(f"{live_server.url}/en/plans/{plan.pk}/")
    expect(page.locator("form[data-autosave-ready]")).to_be_attached()
    item = _first_item(plan)
    plan_item_update(item=item, user=worker, changes={"note": "Bus pass"}, expected_version=0)

    row = page.locator("li.plan-task").nth(0)
    row.get_by_label("Contact").fill("Ana")
    page.get_by_role("button", name="Save the plan").click()
    expect(page.locator("#form-error")).to_contain_text("Someone else changed some tasks")
    row = page.locator("li.plan-task").nth(0)
    expect(row.get_by_label("Contact")).to_have_value("Ana")
    expect(row.locator("[data-conflict]")).to_contain_text("Bus pass")
    expect(row.locator("[data-save-status]")).to_contain_text("Yusuf saved this task")
    assert_accessible(page)

    page.unroute("**/items/**")
    row.get_by_role("button", name="Keep mine").click()
    expect(row.locator("[data-save-status]")).to_have_text("Saved")
    item.refresh_from_db()
    # Mine sent whole over their version: my contact, and the note as my page had it.
    assert (item.contact, item.note, item.version) == ("Ana", "", 2)
