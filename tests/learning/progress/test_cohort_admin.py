import csv
import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from learning.people.models import Cohort, Role
from learning.people.services import cohort_join, enrolment_create
from learning.progress.cohort_selectors import cohort_progress
from learning.progress.services import lesson_complete
from learning.roles import PROGRAM_LEADS, TRAINERS
from tests.learning.factories import CohortFactory, ProfileFactory, UserFactory

pytestmark = pytest.mark.django_db

NAMESPACE = "wagtailsnippets_learning_cohort"


def url(name, *args):
    return reverse(f"{NAMESPACE}:{name}", args=args)


def in_group(user, name):
    user.groups.add(Group.objects.get(name=name))
    return user


@pytest.fixture
def trainer():
    return in_group(UserFactory(first_name="Terry", last_name="Trainer"), TRAINERS)


@pytest.fixture
def program_lead():
    return in_group(UserFactory(first_name="Pat", last_name="Lead"), PROGRAM_LEADS)


@pytest.fixture
def learner():
    return ProfileFactory().user


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("admin", "admin@example.org", "pw")


@pytest.fixture
def cohort(course, trainer):
    return CohortFactory(course=course, trainer=trainer, name="Ottawa, spring")


def join(cohort, lessons, *, done, first_name="Amina", last_name=None, **profile):
    """A learner who joins by code and completes the first `done` lessons through the services."""
    profile.setdefault("organisation", "Welcome Centre")
    profile.setdefault("role", Role.SETTLEMENT_WORKER)
    user = ProfileFactory(
        user=UserFactory(first_name=first_name, **({"last_name": last_name} if last_name else {})),
        **profile,
    ).user
    cohort_join(user=user, code=cohort.code)
    for lesson in lessons[:done]:
        lesson_complete(user=user, lesson=lesson)
    return user


def form_data(html):
    """What the browser would submit: every field of the rendered create form, as it is."""
    form = BeautifulSoup(html, "html.parser").find("form", id="w-editor-form")
    data = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or field.get("type") in {"submit", "button"}:
            continue
        if field.name == "select":
            selected = field.find("option", selected=True)
            data[name] = selected.get("value", "") if selected else ""
        elif field.name == "textarea":
            data[name] = field.text
        else:
            data[name] = field.get("value", "")
    return data


# --- Create ----------------------------------------------------------------------------------


def test_trainer_creates_a_session_through_the_admin_and_is_its_trainer(client, trainer, course):
    client.force_login(trainer)
    response = client.get(url("add"))
    assert response.status_code == 200
    data = form_data(response.content.decode())
    # The trainer field comes filled in with the person creating the session.
    assert data["trainer"] == str(trainer.pk)
    today = timezone.localdate()
    data.update(
        course=str(course.pk),
        name="Ottawa, spring intake",
        starts_on=today.isoformat(),
        ends_on=(today + datetime.timedelta(days=14)).isoformat(),
        organisation="Refugee 613",
        region="ottawa",
    )

    response = client.post(url("add"), data, follow=True)

    assert response.status_code == 200
    cohort = Cohort.objects.get(name="Ottawa, spring intake")
    assert cohort.trainer == trainer
    assert cohort.course.pk == course.pk
    assert len(cohort.code) == 8
    # Lands on the edit page, which shows the code and the link to hand out.
    assert response.redirect_chain[-1][0] == url("edit", cohort.pk)
    html = response.content.decode()
    assert cohort.code in html
    assert f"http://testserver/en/learning/join/{cohort.code}/" in html
    assert url("progress", cohort.pk) in html


def test_trainer_choices_are_people_who_run_sessions_not_learners(client, trainer, learner):
    client.force_login(trainer)
    html = client.get(url("add")).content.decode()
    select = BeautifulSoup(html, "html.parser").find("select", attrs={"name": "trainer"})
    values = {option.get("value") for option in select.find_all("option")}
    assert str(trainer.pk) in values
    assert str(learner.pk) not in values


# --- Listing ---------------------------------------------------------------------------------


def test_listing_shows_each_session_with_its_code_and_learner_count(
    client, trainer, course, lessons, cohort
):
    other = CohortFactory(course=course, trainer=trainer, name="Kingston, fall")
    for _ in range(3):
        join(cohort, lessons, done=0)
    join(other, lessons, done=0)
    client.force_login(trainer)

    response = client.get(url("list"))

    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    rows = {
        row.find("td", class_="title").get_text(" ", strip=True): row
        for row in soup.select("table.listing tbody tr")
    }
    ottawa = next(row for title, row in rows.items() if title.startswith("Ottawa, spring"))
    kingston = next(row for title, row in rows.items() if title.startswith("Kingston, fall"))
    ottawa_cells = [cell.get_text(" ", strip=True) for cell in ottawa.find_all("td")]
    assert cohort.code in ottawa_cells
    assert "3" in ottawa_cells
    assert "Terry Trainer" in ottawa_cells
    assert "1" in [cell.get_text(strip=True) for cell in kingston.find_all("td")]
    assert ottawa.find("a", href=url("progress", cohort.pk)).get_text(strip=True) == "Progress"


def test_listing_searches_by_organisation_and_filters_by_region(client, trainer, course, cohort):
    CohortFactory(
        course=course,
        name="Windsor, summer",
        organisation="Multicultural Council",
        region="windsor",
    )
    client.force_login(trainer)

    searched = client.get(url("list"), {"q": "Multicultural"}).content.decode()
    filtered = client.get(url("list"), {"region": "ottawa"}).content.decode()

    assert "Windsor, summer" in searched and "Ottawa, spring" not in searched
    assert "Ottawa, spring" in filtered and "Windsor, summer" not in filtered


# --- Progress --------------------------------------------------------------------------------


def progress_rows(html):
    soup = BeautifulSoup(html, "html.parser")
    headers = [th.get_text(" ", strip=True) for th in soup.select("table.listing thead th")]
    return [
        dict(zip(headers, [td.get_text(" ", strip=True) for td in tr.find_all("td")], strict=True))
        for tr in soup.select("table.listing tbody tr")
    ]


def test_progress_shows_who_joined_with_lessons_done_and_completion(
    client, trainer, course, lessons, cohort
):
    join(cohort, lessons, done=0, first_name="Ana", last_name="Alpha", organisation="COSTI")
    join(cohort, lessons, done=2, first_name="Ben", last_name="Bravo", role=Role.SPONSOR)
    finisher = join(cohort, lessons, done=3, first_name="Cy", last_name="Charlie")
    # Enrolled in the course on their own, then in another session: not in this one.
    outsider = UserFactory(first_name="Zed", last_name="Outsider")
    enrolment_create(user=outsider, course=course)
    other = CohortFactory(course=course, name="Other session")
    join(other, lessons, done=1, first_name="Dee", last_name="Other")
    client.force_login(trainer)

    response = client.get(url("progress", cohort.pk))

    assert response.status_code == 200
    rows = progress_rows(response.content.decode())
    assert [row["Name"] for row in rows] == ["Ana Alpha", "Ben Bravo", "Cy Charlie"]
    ana, ben, cy = rows
    assert ana["Lessons done"] == "0 of 3 (0%)"
    assert ana["Organisation"] == "COSTI"
    assert ana["Role"] == "Settlement worker"
    assert ana["Completed"] == "Not yet"
    assert ben["Lessons done"] == "2 of 3 (67%)"
    assert ben["Role"] == "Sponsor or sponsor-group member"
    assert ben["Completed"] == "Not yet"
    assert cy["Lessons done"] == "3 of 3 (100%)"
    assert cy["Completed"] not in ("", "Not yet")
    assert cy["Email"] == finisher.email
    html = response.content.decode()
    assert "Outsider" not in html and "Dee Other" not in html
    assert f"http://testserver/en/learning/join/{cohort.code}/" in html
    assert url("progress_csv", cohort.pk) in html


def test_progress_rows_leave_room_for_quiz_scores_without_inventing_any(course, lessons, cohort):
    join(cohort, lessons, done=1)
    (row,) = cohort_progress(cohort=Cohort.objects.select_related("course").get(pk=cohort.pk))
    assert row.scores == []
    assert (row.lessons_done, row.lessons_total, row.percent) == (1, 3, 33)


def test_progress_csv_has_bom_header_rows_and_iso_dates(client, trainer, course, lessons, cohort):
    join(cohort, lessons, done=1, first_name="Élodie", last_name="Bérubé", organisation="=cmd")
    finisher = join(cohort, lessons, done=3, first_name="Cy", last_name="Charlie")
    client.force_login(trainer)

    response = client.get(url("progress_csv", cohort.pk))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="cohort-{cohort.code}-progress.csv"'
    )
    assert response.content.startswith(b"\xef\xbb\xbf")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == [
        "Name",
        "Email",
        "Organisation",
        "Role",
        "Joined",
        "Lessons done",
        "Lessons in course",
        "Percent done",
        "Completed",
    ]
    today = timezone.localdate().isoformat()
    elodie, cy = rows[1:]
    # A cell a spreadsheet would run as a formula is neutralised.
    assert elodie[:5] == ["Élodie Bérubé", elodie[1], "'=cmd", "Settlement worker", today]
    assert elodie[5:] == ["1", "3", "33", ""]
    assert cy == [
        "Cy Charlie",
        finisher.email,
        "Welcome Centre",
        "Settlement worker",
        today,
        "3",
        "3",
        "100",
        today,
    ]


def test_progress_page_queries_do_not_grow_with_learners(client, trainer, course, lessons, cohort):
    for _ in range(2):
        join(cohort, lessons, done=1)
    client.force_login(trainer)
    client.get(url("progress", cohort.pk))  # warm caches shared across requests

    with CaptureQueriesContext(connection) as with_two:
        assert client.get(url("progress", cohort.pk)).status_code == 200
    for index in range(18):
        join(cohort, lessons, done=index % 4)
    with CaptureQueriesContext(connection) as with_twenty:
        response = client.get(url("progress", cohort.pk))

    assert len(progress_rows(response.content.decode())) == 20
    assert len(with_twenty) == len(with_two)


def test_listing_queries_do_not_grow_with_sessions(client, trainer, course, lessons):
    for _ in range(2):
        join(CohortFactory(course=course, trainer=trainer), lessons, done=0)
    client.force_login(trainer)
    client.get(url("list"))

    with CaptureQueriesContext(connection) as with_two:
        client.get(url("list"))
    for _ in range(8):
        join(CohortFactory(course=course, trainer=UserFactory()), lessons, done=0)
    with CaptureQueriesContext(connection) as with_ten:
        client.get(url("list"))

    assert len(with_ten) == len(with_two)


# --- Permissions -----------------------------------------------------------------------------

ALLOWED = "allowed"
LOGIN = "login"
DASHBOARD = "dashboard"
FORBIDDEN = "forbidden"


@pytest.fixture
def other_trainer():
    return in_group(UserFactory(first_name="Olga", last_name="Othertrainer"), TRAINERS)


# Who may open what. Learners have no admin access: Wagtail sends them to its login page.
# Admin users without the model permission are sent to the dashboard with a message; a
# session's people (progress, CSV) answer 403 to anyone but its trainer and superusers.
PERMISSIONS = {
    "anonymous": {"list": LOGIN, "add": LOGIN, "progress": LOGIN, "progress_csv": LOGIN},
    "learner": {"list": LOGIN, "add": LOGIN, "progress": LOGIN, "progress_csv": LOGIN},
    "program_lead": {
        "list": ALLOWED,
        "add": DASHBOARD,
        "progress": FORBIDDEN,
        "progress_csv": FORBIDDEN,
    },
    "trainer": {"list": ALLOWED, "add": ALLOWED, "progress": ALLOWED, "progress_csv": ALLOWED},
    "other_trainer": {
        "list": ALLOWED,
        "add": ALLOWED,
        "progress": FORBIDDEN,
        "progress_csv": FORBIDDEN,
    },
    "superuser": {"list": ALLOWED, "add": ALLOWED, "progress": ALLOWED, "progress_csv": ALLOWED},
}


@pytest.mark.parametrize("who", PERMISSIONS)
@pytest.mark.parametrize("view", ["list", "add", "progress", "progress_csv"])
def test_permission_matrix(client, request, cohort, lessons, who, view):
    join(cohort, lessons, done=1)
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    address = url(view, cohort.pk) if view.startswith("progress") else url(view)

    response = client.get(address)

    expected = PERMISSIONS[who][view]
    if expected == ALLOWED:
        assert response.status_code == 200
    elif expected == FORBIDDEN:
        assert response.status_code == 403
    elif expected == LOGIN:
        assert response.status_code == 302
        assert response.url.startswith(reverse("wagtailadmin_login") + "?next=")
    else:
        assert response.status_code == 302
        assert response.url == reverse("wagtailadmin_home")
        messages = [str(m).strip() for m in response.wsgi_request._messages]
        assert "Sorry, you do not have permission to access this area." in messages


def test_admin_access_alone_does_not_show_learners_progress(client, cohort):
    # An admin user from some other group, without any permission on sessions.
    editor = UserFactory()
    editor.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    client.force_login(editor)

    for view in ("progress", "progress_csv"):
        assert client.get(url(view, cohort.pk)).status_code == 403


def test_program_lead_cannot_create_or_edit_but_sees_the_session_read_only(
    client, program_lead, course, cohort
):
    client.force_login(program_lead)
    today = timezone.localdate()
    response = client.post(
        url("add"),
        {
            "course": course.pk,
            "name": "Sneaky",
            "starts_on": today.isoformat(),
            "ends_on": today.isoformat(),
        },
    )
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    assert not Cohort.objects.filter(name="Sneaky").exists()
    assert client.get(url("edit", cohort.pk)).url == reverse("wagtailadmin_home")
    assert client.get(url("inspect", cohort.pk)).status_code == 200


def test_menu_shows_training_sessions_to_trainers_and_leads_only(client, trainer, program_lead):
    editor = UserFactory()
    editor.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    for user, shown in ((trainer, True), (program_lead, True), (editor, False)):
        client.force_login(user)
        html = client.get(reverse("wagtailadmin_home")).content.decode()
        assert ("Training sessions" in html) is shown, user
        assert (url("list") in html) is shown, user
