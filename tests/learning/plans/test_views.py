"""The plan's pages (issue 18): who sees what, the worksheet's plain post and its autosave with
the version check, CSRF, and joining with a one-time link."""

import datetime
import json

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from learning.plans.models import PlanInvite, PlanMember, PlanOwner, PlanPhase
from learning.plans.selectors import plan_items
from learning.plans.services import plan_invite_create, plan_item_update, plan_share_set
from tests.learning.factories import CohortFactory, ProfileFactory
from tests.learning.plans.factories import make_plan, settlement_worker, sponsor

pytestmark = pytest.mark.django_db

NUMBERS_REFUSED = (
    "Leave out numbers such as phone, file, client or account numbers: the plan needs none."
)


def _client(user=None, **kwargs):
    client = Client(**kwargs)
    if user is not None:
        client.force_login(user)
    return client


def _url(name, plan, *args, language="en"):
    with translation.override(language):
        return reverse(f"plans:{name}", args=[plan.pk, *args])


def _put(client, plan, item, body, *, language="en", **extra):
    return client.put(
        _url("item", plan, item.pk, language=language),
        data=json.dumps(body),
        content_type="application/json",
        **extra,
    )


def _row(item, **changes):
    values = {
        "owner": item.owner,
        "contact": item.contact,
        "phase": item.phase,
        "target_date": item.target_date.isoformat() if item.target_date else "",
        "note": item.note,
        "version": item.version,
    }
    values.update(changes)
    return values


def _post_rows(plan, rows):
    data = {}
    for item, values in rows:
        for name, value in values.items():
            data[f"item-{item.pk}-{name}"] = value
    return data


@pytest.fixture
def owner():
    return sponsor()


@pytest.fixture
def session(course, trainer):
    return CohortFactory(course=course, trainer=trainer)


@pytest.fixture
def plan(owner, session):
    return make_plan(user=owner, cohort=session, course=session.course, title="Maple Street group")


@pytest.fixture
def item(plan):
    return plan_items(plan=plan).first()


# --- Who sees what ------------------------------------------------------------------------


def test_anonymous_is_sent_to_sign_in_and_cannot_save(plan, item):
    client = Client()
    for name in ("detail", "history", "pdf"):
        response = client.get(_url(name, plan))
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]
    assert client.get(reverse("plans:list")).status_code == 302
    response = _put(client, plan, item, _row(item, owner=PlanOwner.SHARED))
    assert response.status_code == 403
    assert "error" in response.json()


def test_someone_else_finds_nothing_there(plan, item):
    client = _client(sponsor())
    for name in ("detail", "history", "pdf"):
        assert client.get(_url(name, plan)).status_code == 404
    for name in ("invite", "share", "leave"):
        assert client.post(_url(name, plan), {"role": "settlement_worker"}).status_code == 404
    assert _put(client, plan, item, _row(item, owner="shared")).status_code == 404
    # The same answer as a plan that does not exist: nothing says this one does.
    assert client.get(reverse("plans:detail", args=[plan.pk + 1000])).status_code == 404
    assert plan.title not in client.get(reverse("plans:list")).content.decode()


def test_a_member_reads_and_writes_the_worksheet(owner, plan, item):
    client = _client(owner)
    response = client.get(_url("detail", plan))
    assert response.status_code == 200
    page = response.content.decode()
    assert item.task.title in page
    assert "Write no health, immigration or financial details of the family." in page
    assert "0 of 3 tasks have an owner" in page
    assert 'id="plan-autosave-config"' in page
    assert client.get(_url("history", plan)).status_code == 200
    pdf = client.get(_url("pdf", plan) + "?lang=fr")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert client.get(_url("pdf", plan) + "?lang=de").status_code == 404
    assert plan.title in client.get(reverse("plans:list")).content.decode()


def test_the_worksheet_is_in_the_pages_language(owner, plan, item):
    page = _client(owner).get(_url("detail", plan, language="fr")).content.decode()
    assert item.task.title_fr in page
    assert item.task.title_en not in page


def test_the_sessions_trainer_sees_the_plan_exists_and_its_content_only_when_shared(
    owner, plan, item, trainer
):
    client = _client(trainer)
    listing = client.get(reverse("plans:trainer")).content.decode()
    assert plan.title in listing
    assert _url("detail", plan) not in listing
    assert client.get(_url("detail", plan)).status_code == 404
    assert client.get(_url("history", plan)).status_code == 404

    plan_share_set(plan=plan, user=owner, shared=True)
    listing = client.get(reverse("plans:trainer")).content.decode()
    assert _url("detail", plan) in listing
    response = client.get(_url("detail", plan))
    assert response.status_code == 200
    page = response.content.decode()
    assert item.task.title in page
    assert "data-plan-autosave" not in page  # read only
    assert client.get(_url("history", plan)).status_code == 200
    assert _put(client, plan, item, _row(item, owner="shared")).status_code == 403
    assert client.post(_url("detail", plan), {}).status_code == 403
    assert client.post(_url("invite", plan), {"role": "sponsor_group"}).status_code == 404
    item.refresh_from_db()
    assert item.owner == ""


def test_another_trainer_sees_nothing_even_when_shared(owner, plan, django_user_model):
    other = django_user_model.objects.create_user("other-trainer", "o@example.org", "pw")
    other.groups.add(Group.objects.get(name="Trainers"))
    plan_share_set(plan=plan, user=owner, shared=True)
    client = _client(other)
    assert plan.title not in client.get(reverse("plans:trainer")).content.decode()
    assert client.get(_url("detail", plan)).status_code == 404


def test_the_trainers_list_is_for_trainers():
    assert _client(sponsor()).get(reverse("plans:trainer")).status_code == 404


# --- Starting, sharing, leaving ------------------------------------------------------------


def test_starting_a_plan_from_my_plans(session):
    user = sponsor()
    session.enrolments.create(user=user, course=session.course)
    make_plan(user=sponsor(), tasks=2)
    response = _client(user).post(
        reverse("plans:list"), {"title": "Spring arrival", "cohort": session.pk}
    )
    plan = PlanMember.objects.get(user=user).plan
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:detail", args=[plan.pk])
    assert plan.cohort == session
    assert plan.items.count() == 2


def test_sharing_and_leaving(owner, plan):
    client = _client(owner)
    assert client.post(_url("share", plan), {"shared": "1"}).status_code == 302
    plan.refresh_from_db()
    assert plan.shared_with_trainer
    client.post(_url("share", plan), {"shared": "0"})
    plan.refresh_from_db()
    assert not plan.shared_with_trainer
    response = client.post(_url("leave", plan))
    assert response["Location"] == reverse("plans:list")
    assert not PlanMember.objects.filter(user=owner).exists()


# --- CSRF ----------------------------------------------------------------------------------


def test_csrf_is_required_for_the_autosave_and_the_form(owner, plan, item):
    client = _client(owner, enforce_csrf_checks=True)
    body = _row(item, owner=PlanOwner.SHARED)
    assert _put(client, plan, item, body).status_code == 403
    assert client.post(_url("detail", plan), _post_rows(plan, [(item, body)])).status_code == 403
    item.refresh_from_db()
    assert item.owner == ""
    client.get(_url("detail", plan))
    token = client.cookies["csrftoken"].value
    assert _put(client, plan, item, body, HTTP_X_CSRFTOKEN=token).status_code == 200


# --- Autosave ------------------------------------------------------------------------------


def test_autosave_saves_a_row_and_answers_the_new_version_and_progress(owner, plan, item):
    response = _put(
        _client(owner),
        plan,
        item,
        _row(item, owner=PlanOwner.SPONSOR_GROUP, contact="Maria", phase=PlanPhase.FIRST_WEEK),
    )
    assert response.status_code == 200
    data = response.json()
    assert data["version"] == 1
    assert (data["owned"], data["total"]) == (1, 3)
    assert data["saved_at"]
    item.refresh_from_db()
    assert (item.owner, item.contact, item.version) == ("sponsor_group", "Maria", 1)


def test_a_stale_version_is_a_409_naming_who_saved_and_what(owner, plan, item):
    worker = settlement_worker(user__first_name="Yusuf")
    PlanMember.objects.create(plan=plan, user=worker, role="settlement_worker")
    stale = _row(item, owner=PlanOwner.SHARED)
    plan_item_update(
        item=item,
        user=worker,
        changes={"owner": PlanOwner.SETTLEMENT_WORKER, "contact": "Yusuf"},
        expected_version=0,
    )
    response = _put(_client(owner), plan, item, stale)
    assert response.status_code == 409
    data = response.json()
    assert "Yusuf" in data["error"]
    assert data["current"] == {
        "owner": "settlement_worker",
        "contact": "Yusuf",
        "phase": item.phase,
        "target_date": "",
        "note": "",
        "version": 1,
    }
    item.refresh_from_db()
    assert item.owner == PlanOwner.SETTLEMENT_WORKER


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_long_number_in_the_note_is_refused_in_the_readers_language(owner, plan, item, language):
    response = _put(
        _client(owner), plan, item, _row(item, note="File 123-456-789"), language=language
    )
    assert response.status_code == 400
    with translation.override(language):
        expected = gettext(NUMBERS_REFUSED)
    assert response.json()["errors"]["note"] == [expected]
    item.refresh_from_db()
    assert item.note == ""


def test_bad_bodies_are_400s(owner, plan, item):
    client = _client(owner)
    for body in (b"not json", b"[]", b'{"owner": "shared"}', b'{"version": true}'):
        response = client.put(_url("item", plan, item.pk), data=body, content_type="text/plain")
        assert response.status_code == 400
        assert "errors" in response.json()
    response = _put(client, plan, item, _row(item, owner="boss", target_date="soon"))
    assert response.status_code == 400
    assert set(response.json()["errors"]) >= {"owner", "target_date"}


def test_an_item_of_another_plan_is_404(owner, plan):
    other = make_plan(user=sponsor(), tasks=0)
    foreign = plan_items(plan=other).first()
    assert _put(_client(owner), plan, foreign, _row(foreign, owner="shared")).status_code == 404


# --- The plain post ------------------------------------------------------------------------


def test_the_plain_post_saves_every_changed_row(owner, plan):
    first, second, third = plan_items(plan=plan)
    rows = [
        (first, _row(first, owner="shared", contact="Ana")),
        (second, _row(second, target_date="2026-05-31")),
        (third, _row(third)),
    ]
    response = _client(owner).post(_url("detail", plan), _post_rows(plan, rows))
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    third.refresh_from_db()
    assert (first.owner, first.contact, first.version) == ("shared", "Ana", 1)
    assert second.target_date == datetime.date(2026, 5, 31)
    assert third.version == 0


def test_the_plain_post_with_a_stale_row_keeps_my_input_and_shows_theirs(owner, plan):
    first, second, _third = plan_items(plan=plan)
    worker = settlement_worker(user__first_name="Yusuf")
    PlanMember.objects.create(plan=plan, user=worker, role="settlement_worker")
    mine = _row(first, owner="sponsor_group", note="We drive them to the bank")
    plan_item_update(
        item=first, user=worker, changes={"owner": "settlement_worker"}, expected_version=0
    )
    rows = [(first, mine), (second, _row(second, contact="Li"))]
    response = _client(owner).post(_url("detail", plan), _post_rows(plan, rows))
    assert response.status_code == 409
    page = response.content.decode()
    assert "Yusuf saved this task" in page
    assert "Their version:" in page
    # Mine kept in the form, with their version so that saving again keeps mine knowingly.
    assert "We drive them to the bank" in page
    assert f'name="item-{first.pk}-version" value="1"' in page
    assert '<option value="sponsor_group" selected>' in page
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.owner, first.note) == ("settlement_worker", "")
    assert second.contact == "Li"  # the other row was saved


# --- Invitations ---------------------------------------------------------------------------


def test_inviting_shows_the_link_once_and_joining_with_it(owner, plan):
    response = _client(owner).post(_url("invite", plan), {"role": "settlement_worker"})
    assert response.status_code == 200
    link = response.context["link"]
    assert link.startswith("http://testserver/en/plans/join/")
    assert link in response.content.decode()
    path = link.removeprefix("http://testserver")

    response = Client().get(path)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]

    worker = settlement_worker()
    client = _client(worker)
    confirm = client.get(path)
    assert confirm.status_code == 200
    assert plan.title in confirm.content.decode()
    assert not PlanMember.objects.filter(user=worker).exists()
    response = client.post(path)
    assert response["Location"] == reverse("plans:detail", args=[plan.pk])
    assert PlanMember.objects.get(user=worker).role == "settlement_worker"

    used = _client(sponsor()).get(path)
    assert used.status_code == 410
    assert "already been used" in used.content.decode()


def test_an_expired_or_unknown_link_says_so(owner, plan):
    invite, token = plan_invite_create(plan=plan, user=owner, role="sponsor_group")
    PlanInvite.objects.filter(pk=invite.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    client = _client(sponsor())
    for method in (client.get, client.post):
        response = method(reverse("plans:join", args=[token]))
        assert response.status_code == 410
        assert "expired" in response.content.decode()
        response = method(reverse("plans:join", args=["nothing-like-a-token"]))
        assert response.status_code == 404
        assert "not valid" in response.content.decode()
    with translation.override("fr"):
        url = reverse("plans:join", args=["nothing-like-a-token"])
    response = client.get(url)
    assert response.status_code == 404
    assert 'lang="fr"' in response.content.decode()


# --- Links to the worksheet ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "linked"), [("sponsor", True), ("settlement_worker", True), ("other", False)]
)
def test_my_learning_links_the_plan_for_sponsors_and_settlement_workers(role, linked):
    user = ProfileFactory(role=role).user
    page = _client(user).get(reverse("my_learning")).content.decode()
    assert (reverse("plans:list") in page) is linked


def test_the_sponsors_course_page_links_the_plan_once_enrolled(course):
    course.audience = "sponsors"
    course.save_revision().publish()
    user = sponsor()
    client = _client(user)
    assert reverse("plans:list") not in client.get(course.url).content.decode()
    course.enrolments.create(user=user)
    assert reverse("plans:list") in client.get(course.url).content.decode()


def test_the_history_says_who_changed_what_in_the_readers_time_zone():
    owner = sponsor(user__first_name="Maria", time_zone="America/Vancouver")
    plan = make_plan(user=owner, title="Maple Street group")
    item = plan_items(plan=plan).first()
    plan_item_update(item=item, user=owner, changes={"owner": "shared"}, expected_version=0)
    plan.changes.update(changed_at=datetime.datetime(2026, 5, 1, 18, 0, tzinfo=datetime.UTC))
    page = _client(owner).get(_url("history", plan)).content.decode()
    assert 'datetime="2026-05-01T11:00:00-07:00"' in page
    assert "Maria" in page
    assert item.task.title in page
    assert "Shared" in page  # the owner's label, not its code


def test_a_conflict_found_by_the_plain_post_is_offered_to_the_script(owner, plan, item):
    worker = settlement_worker()
    PlanMember.objects.create(plan=plan, user=worker, role="settlement_worker")
    plan_item_update(item=item, user=worker, changes={"note": "Bus pass"}, expected_version=0)
    response = _client(owner).post(
        _url("detail", plan), _post_rows(plan, [(item, _row(item, contact="Ana"))])
    )
    conflict = response.context["config"]["conflicts"][str(item.pk)]
    assert conflict["current"]["note"] == "Bus pass"
    assert conflict["current"]["version"] == 1


def test_the_trainers_home_links_their_sessions_plans(trainer, session):
    page = _client(trainer).get("/admin/").content.decode()
    assert reverse("plans:trainer") in page
