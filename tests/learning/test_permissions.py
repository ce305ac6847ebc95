"""Every learner-side and admin view against every role: who may, who is refused and how, and
that no learner's name, email or username reaches anyone who should not see them.

Roles: anonymous, a learner (in the session, with lessons done, a certificate, a scored quiz
and a survey answer), another learner, the trainer who runs the session, another trainer, a
program lead and a superuser. Program leads see aggregates only: not a single name, the
trainer's included. Other trainers may see who runs a session, never who joined it.
"""

import io

import openpyxl
import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from pypdf import PdfReader

from content.h5p.services import h5p_package_create
from learning.people.models import Cohort
from learning.people.services import enrolment_create
from learning.progress.services import lesson_complete
from learning.roles import PROGRAM_LEADS, TRAINERS
from quizzes.models import Indicator, IndicatorKind, QuizKind
from quizzes.services import attempt_start, attempt_submit
from tests.content.h5p.builder import build_package
from tests.learning.factories import CohortFactory, ProfileFactory, UserFactory
from tests.quizzes.factories import likert, make_quiz, single

pytestmark = pytest.mark.django_db

ROLES = (
    "anonymous",
    "learner",
    "other_learner",
    "trainer",
    "other_trainer",
    "program_lead",
    "superuser",
)
STAFF = ("trainer", "other_trainer", "program_lead", "superuser")

LOGIN = ("login", "/en/accounts/login/")
ADMIN_LOGIN = ("login", "/admin/login/")
# Wagtail's refusal for an admin user without the model permission: back to the dashboard.
REFUSED = ("redirect", "/admin/")
# A 404 under /admin/ comes back as LocaleMiddleware's redirect to /en/admin/…, which is one.
MISSING = ("missing", None)
COHORT = "wagtailsnippets_learning_cohort"


def user(first_name, last_name, username, group=None):
    person = ProfileFactory(
        user=UserFactory(
            first_name=first_name,
            last_name=last_name,
            username=username,
            email=f"{username}@example.org",
        )
    ).user
    if group:
        person.groups.add(Group.objects.get(name=group))
    return person


@pytest.fixture
def people(home, django_user_model):
    return {
        "anonymous": None,
        "learner": user("Zainab", "Quillfeather", "zquillfeather"),
        "other_learner": user("Bashir", "Ostrowski", "bostrowski"),
        "trainer": user("Terry", "Runsit", "trunsit", TRAINERS),
        "other_trainer": user("Olga", "Elsewhere", "oelsewhere", TRAINERS),
        "program_lead": user("Pat", "Leadley", "pleadley", PROGRAM_LEADS),
        "superuser": django_user_model.objects.create_superuser("root", "root@example.org", "pw"),
    }


@pytest.fixture
def world(people, lessons, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    learner = people["learner"]
    course = lessons[0].get_parent().specific
    cohort = CohortFactory(course=course, trainer=people["trainer"], name="Ottawa, spring")
    enrolment, _ = enrolment_create(user=learner, course=course, cohort=cohort)
    for lesson in lessons:
        lesson_complete(user=learner, lesson=lesson)
    enrolment.refresh_from_db()

    quiz = make_quiz([single()], kind=QuizKind.KNOWLEDGE_CHECK, course=course)
    attempt = attempt_start(quiz=quiz, user=learner, language="en", course=course)
    question = quiz.questions.get()
    attempt_submit(attempt=attempt, answers={question.pk: "sponsor"}, user=learner)

    survey = make_quiz([likert()], kind=QuizKind.EVALUATION_SURVEY, course=course)
    response = attempt_start(quiz=survey, user=learner, language="en", course=course)
    likert_question = survey.questions.get()
    attempt_submit(attempt=response, answers={likert_question.pk: "helpful"}, user=learner)
    indicator = Indicator(
        code="helpful",
        name="Found the training helpful",
        name_en="Found the training helpful",
        name_fr="Ont trouvé la formation utile",
        definition="Share favourable.",
        definition_en="Share favourable.",
        definition_fr="Part favorable.",
        kind=IndicatorKind.SHARE_FAVOURABLE,
    )
    indicator.save()
    indicator.questions.set([likert_question])

    package = _h5p_package(tmp_path, people["trainer"])
    return {
        "course": course,
        "cohort": cohort,
        "certificate": enrolment.certificate,
        "quiz": quiz,
        "attempt": attempt,
        "indicator": indicator,
        "package": package,
    }


def _h5p_package(tmp_path, uploader):
    with open(build_package(tmp_path, name="simple-question.h5p"), "rb") as fileobj:
        return h5p_package_create(
            fileobj=fileobj, title_en="Undertaking", title_fr="Engagement", user=uploader
        )


def site(expected_for_logged_in):
    """A learner-side URL: anonymous visitors go to the site's login."""
    return {"anonymous": LOGIN} | dict.fromkeys(ROLES[1:], expected_for_logged_in)


def admin(trainer, other_trainer, program_lead, superuser=200):
    """An admin URL: people without admin access go to the admin's login."""
    return dict.fromkeys(("anonymous", "learner", "other_learner"), ADMIN_LOGIN) | {
        "trainer": trainer,
        "other_trainer": other_trainer,
        "program_lead": program_lead,
        "superuser": superuser,
    }


def expectations(world):
    cert = world["certificate"].code
    cohort = world["cohort"].pk
    missing_cohort = cohort + 1000
    attempt = world["attempt"].pk
    quiz = world["quiz"]
    indicator = world["indicator"]
    package = world["package"].pk
    owner_only = dict.fromkeys(ROLES, 404) | {"anonymous": LOGIN, "learner": 200}
    # The API answers for the learner's own attempts only, to superusers too.
    api_owner_only = dict.fromkeys(ROLES, 404) | {"anonymous": 401, "learner": 200}
    everyone_in_admin = admin(200, 200, 200)
    runners_only = admin(200, 403, REFUSED)
    progress = admin(200, 403, 403)
    trainers_only = admin(200, 200, REFUSED)
    superuser_only = admin(REFUSED, REFUSED, REFUSED)

    def session(name, *args):
        return reverse(f"{COHORT}:{name}", args=args)

    return [
        # --- The learner's side --------------------------------------------------------------
        ("/en/learning/", site(200)),
        ("/en/learning/profile/", site(200)),
        ("/en/learning/join/", site(200)),
        ("/en/learning/privacy/", site(200)),
        ("/en/learning/privacy/export.json", site(200)),
        (f"/en/learning/certificates/{cert}.pdf", owner_only),
        # Public by design to whoever holds the 16-character code (see NAMES_BY_CODE).
        (f"/en/verify/{cert}/", dict.fromkeys(ROLES, 200)),
        (reverse("quiz_result", args=[attempt]), owner_only),
        # Submitted: the learner is sent on to the result.
        (
            reverse("quiz_attempt", args=[attempt]),
            owner_only | {"learner": ("redirect", reverse("quiz_result", args=[attempt]))},
        ),
        # Each signed-in person's own saved state; a JSON endpoint, so no login redirect.
        (reverse("h5p_state", args=[package]), site(200) | {"anonymous": 403}),
        # --- The API ---------------------------------------------------------------------------
        (f"/api/v1/quizzes/{quiz.slug}", {"anonymous": 401} | dict.fromkeys(ROLES[1:], 200)),
        (f"/api/v1/attempts/{attempt}", api_owner_only),
        (f"/api/v1/attempts/{attempt}/result", api_owner_only),
        # --- Training sessions -----------------------------------------------------------------
        (session("list"), everyone_in_admin),
        (session("list") + "?q=Ottawa", everyone_in_admin),
        (session("add"), trainers_only),
        (session("inspect", cohort), everyone_in_admin),
        (session("edit", cohort), runners_only),
        (session("delete", cohort), runners_only),
        (session("history", cohort), runners_only),
        (session("usage", cohort), runners_only),
        (session("progress", cohort), progress),
        (session("progress_csv", cohort), progress),
        # Program leads are refused before the lookup: no telling which ids exist.
        (session("progress", missing_cohort), admin(MISSING, MISSING, 403, MISSING)),
        (
            session("progress_csv", missing_cohort),
            admin(MISSING, MISSING, 403, MISSING),
        ),
        (reverse("wagtailsnippetchoosers_learning_cohort:choose"), everyone_in_admin),
        # --- Indicators: aggregates ----------------------------------------------------------
        (reverse("indicator_dashboard"), everyone_in_admin),
        (reverse("indicator_dashboard") + f"?breakdown=cohort&cohort={cohort}", everyone_in_admin),
        (reverse("indicator_export", args=[indicator.code, "csv"]), everyone_in_admin),
        (reverse("indicator_export", args=[indicator.code, "xlsx"]), everyone_in_admin),
        (
            reverse("indicator_export", args=[indicator.code, "csv"]) + "?group_by=cohort",
            everyone_in_admin,
        ),
        (reverse("indicator_funder_report"), everyone_in_admin),
        (reverse("indicator_funder_report") + "?format=pdf", everyone_in_admin),
        (reverse("wagtailsnippets_quizzes_indicator:list"), everyone_in_admin),
        (
            reverse("wagtailsnippets_quizzes_indicator:inspect", args=[indicator.pk]),
            everyone_in_admin,
        ),
        # --- Quizzes and H5P -------------------------------------------------------------------
        (reverse("wagtailsnippets_quizzes_quiz:list"), everyone_in_admin),
        (reverse("wagtailsnippets_quizzes_quiz:inspect", args=[quiz.pk]), everyone_in_admin),
        (reverse("wagtailsnippets_quizzes_quiz:edit", args=[quiz.pk]), trainers_only),
        (reverse("wagtailsnippets_content_h5ppackage:list"), everyone_in_admin),
        (reverse("wagtailsnippets_content_h5ppackage:inspect", args=[package]), everyone_in_admin),
        # --- Wagtail's own screens -------------------------------------------------------------
        ("/admin/", everyone_in_admin),
        ("/admin/snippets/", everyone_in_admin),
        (reverse("wagtailadmin_pages:search") + "?q=Quillfeather", trainers_only),
        # Program leads have no page to edit, so the explorer sends them home.
        ("/admin/pages/", trainers_only),
        ("/admin/users/", superuser_only),
        ("/admin/users/?q=Quillfeather", superuser_only),
        ("/admin/groups/", superuser_only),
        (reverse("wagtailadmin_reports:site_history"), trainers_only),
        (reverse("wagtailadmin_reports:site_history_results"), trainers_only),
        (reverse("wagtailadmin_reports:aging_pages"), trainers_only),
        (reverse("wagtailadmin_reports:locked_pages"), superuser_only),
        (reverse("wagtailadmin_reports:workflow"), trainers_only),
        (reverse("wagtailadmin_reports:workflow_tasks"), trainers_only),
        (reverse("wagtailadmin_reports:page_types_usage"), trainers_only),
        (reverse("missing_french_report"), trainers_only),
        (
            "/django-admin/",
            dict.fromkeys(ROLES, ("redirect", "/django-admin/login/")) | {"superuser": 200},
        ),
        (
            "/django-admin/auth/user/",
            dict.fromkeys(ROLES, ("redirect", "/django-admin/login/")) | {"superuser": 200},
        ),
    ]


def identifiers(person):
    return [person.first_name, person.last_name, person.email, person.get_username()]


# Who must never find whose name, email or username in anything they receive. The learner's
# own pages and the superuser's are not checked; the verification page is public to whoever
# holds the certificate's code, which nobody else is ever shown.
NAMES_BY_CODE = "/en/verify/"


def hidden_from(role, people):
    hidden = identifiers(people["learner"])
    if role == "program_lead":
        hidden += identifiers(people["trainer"])
    return hidden


def readable(response):
    """What the reader gets, as text: xlsx cells and PDF page text included."""
    content_type = response.get("Content-Type", "")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if "spreadsheetml" in content_type:
        workbook = openpyxl.load_workbook(io.BytesIO(body))
        return "\n".join(
            str(cell)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(values_only=True)
            for cell in row
            if cell is not None
        )
    if content_type.startswith("application/pdf"):
        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)
    return body.decode("utf-8", errors="replace")


def outcome_matches(response, expected):
    if expected == MISSING:
        target = "/en" + response.request["PATH_INFO"]
        redirected = response.status_code == 302 and response["Location"] == target
        return response.status_code == 404 or redirected
    if isinstance(expected, tuple):
        _kind, target = expected
        return response.status_code == 302 and response["Location"].split("?")[0] == target
    return response.status_code == expected


def test_every_view_against_every_role(client, people, world):
    failures = []
    for url, expected_by_role in expectations(world):
        for role in ROLES:
            client.logout()
            if people[role] is not None:
                client.force_login(people[role])
            response = client.get(url)
            expected = expected_by_role[role]
            if not outcome_matches(response, expected):
                location = response.get("Location", "")
                failures.append(
                    f"GET {url} as {role}: {response.status_code} {location}, expected {expected}"
                )
            if role in ("other_learner", "other_trainer", "program_lead") and not url.startswith(
                NAMES_BY_CODE
            ):
                text = readable(response)
                # A search box shows back what was typed in it: that is not a leak.
                found = [
                    word for word in hidden_from(role, people) if word in text and word not in url
                ]
                if found:
                    failures.append(f"GET {url} as {role} shows {found}")
    assert not failures, "\n".join(failures)


def test_enrolling_is_a_post_for_every_signed_in_role(client, people, world):
    url = f"/en/learning/enrol/{world['course'].pk}/"
    for role in ROLES:
        client.logout()
        if people[role] is not None:
            client.force_login(people[role])
        expected = LOGIN if role == "anonymous" else 302
        assert outcome_matches(client.post(url), expected), role


def test_listing_shows_people_columns_only_to_trainers_and_codes_only_to_the_runner(
    client, people, world
):
    cohort = world["cohort"]
    listing = reverse(f"{COHORT}:list")
    progress = reverse(f"{COHORT}:progress", args=[cohort.pk])
    seen = {}
    for role in ("trainer", "other_trainer", "program_lead", "superuser"):
        client.force_login(people[role])
        seen[role] = client.get(listing).content.decode()
        # Every role sees that the session exists and how many joined.
        assert cohort.name in seen[role], role
    for role in ("trainer", "superuser"):
        assert cohort.code in seen[role] and progress in seen[role], role
    for role in ("other_trainer", "program_lead"):
        assert cohort.code not in seen[role] and progress not in seen[role], role
    assert "Runsit" in seen["other_trainer"]
    assert "Runsit" not in seen["program_lead"]


def test_only_the_runner_changes_or_deletes_a_session_even_in_bulk(client, people, world):
    cohort = world["cohort"]
    client.force_login(people["other_trainer"])

    edit = client.post(
        reverse(f"{COHORT}:edit", args=[cohort.pk]), {"name": "Taken over", "course": ""}
    )
    delete = client.post(reverse(f"{COHORT}:delete", args=[cohort.pk]))
    bulk_url = reverse("wagtail_bulk_action", args=["learning", "cohort", "delete"])
    bulk_url += f"?id={cohort.pk}"
    bulk = client.post(bulk_url)

    assert edit.status_code == 403 and delete.status_code == 403
    assert bulk.status_code in (200, 302)
    assert Cohort.objects.filter(pk=cohort.pk, name="Ottawa, spring").exists()

    # The same bulk action by the session's trainer does delete it.
    client.force_login(people["trainer"])
    client.post(bulk_url)
    assert not Cohort.objects.filter(pk=cohort.pk).exists()


def test_a_trainer_who_names_someone_else_goes_back_to_the_listing(client, people, world):
    client.force_login(people["other_trainer"])
    cohort = world["cohort"]
    response = client.post(
        reverse(f"{COHORT}:add"),
        {
            "course": world["course"].pk,
            "name": "For Terry",
            "starts_on": cohort.starts_on.isoformat(),
            "ends_on": cohort.ends_on.isoformat(),
            "trainer": people["trainer"].pk,
            # The meetings' (empty) formset, as the form sends it (issue 15).
            "meetings-TOTAL_FORMS": "0",
            "meetings-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse(f"{COHORT}:list")
    assert Cohort.objects.get(name="For Terry").trainer == people["trainer"]
