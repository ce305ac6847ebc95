"""Every learner-side and admin view against every role: who may, who is refused and how."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from learning.people.services import enrolment_create
from learning.progress.services import lesson_complete
from learning.roles import PROGRAM_LEADS, TRAINERS
from tests.learning.factories import CohortFactory, ProfileFactory

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "learner", "other_learner", "trainer", "program_lead", "superuser")


@pytest.fixture
def people(home, django_user_model):
    learner = ProfileFactory().user
    other = ProfileFactory().user
    trainer = ProfileFactory().user
    trainer.groups.add(Group.objects.get(name=TRAINERS))
    lead = ProfileFactory().user
    lead.groups.add(Group.objects.get(name=PROGRAM_LEADS))
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "pw")
    return {
        "anonymous": None,
        "learner": learner,
        "other_learner": other,
        "trainer": trainer,
        "program_lead": lead,
        "superuser": admin,
    }


@pytest.fixture
def world(people, lessons):
    course = lessons[0].get_parent().specific
    cohort = CohortFactory(course=course)
    enrolment, _ = enrolment_create(user=people["learner"], course=course, cohort=cohort)
    for lesson in lessons:
        lesson_complete(user=people["learner"], lesson=lesson)
    enrolment.refresh_from_db()
    return {"course": course, "cohort": cohort, "certificate": enrolment.certificate}


LOGIN = "/en/accounts/login/"
ADMIN_LOGIN = "/admin/login/"


def expectations(world):
    cert = world["certificate"].code
    cohort = world["cohort"]
    every_logged_in = {role: 200 for role in ROLES if role != "anonymous"}
    owner_only = dict.fromkeys(ROLES, 404) | {"anonymous": ("login", LOGIN), "learner": 200}
    admin_only = {
        "anonymous": ("login", ADMIN_LOGIN),
        "learner": ("login", ADMIN_LOGIN),
        "other_learner": ("login", ADMIN_LOGIN),
        "trainer": 200,
        "superuser": 200,
    }
    return [
        ("/en/learning/", "get", {"anonymous": ("login", LOGIN), **every_logged_in}),
        ("/en/learning/profile/", "get", {"anonymous": ("login", LOGIN), **every_logged_in}),
        ("/en/learning/join/", "get", {"anonymous": ("login", LOGIN), **every_logged_in}),
        ("/en/learning/privacy/", "get", {"anonymous": ("login", LOGIN), **every_logged_in}),
        (
            "/en/learning/privacy/export.json",
            "get",
            {"anonymous": ("login", LOGIN), **every_logged_in},
        ),
        (f"/en/learning/certificates/{cert}.pdf", "get", owner_only),
        (f"/en/verify/{cert}/", "get", dict.fromkeys(ROLES, 200)),
        (
            f"/en/learning/enrol/{world['course'].pk}/",
            "post",
            {"anonymous": ("login", LOGIN)} | {r: 302 for r in ROLES if r != "anonymous"},
        ),
        (
            reverse("wagtailsnippets_learning_cohort:list"),
            "get",
            admin_only | {"program_lead": 200},
        ),
        (
            reverse("wagtailsnippets_learning_cohort:add"),
            "get",
            admin_only | {"program_lead": ("redirect", "/admin/")},
        ),
        (
            reverse("wagtailsnippets_learning_cohort:progress", args=[cohort.pk]),
            "get",
            admin_only | {"program_lead": 200},
        ),
        (
            reverse("wagtailsnippets_learning_cohort:progress_csv", args=[cohort.pk]),
            "get",
            admin_only | {"program_lead": 200},
        ),
        (
            reverse("missing_french_report"),
            "get",
            admin_only | {"program_lead": ("redirect", "/admin/")},
        ),
        ("/admin/", "get", admin_only | {"program_lead": 200}),
        # Program leads read results; they have no page to edit, so the explorer sends them home.
        ("/admin/pages/", "get", admin_only | {"program_lead": ("redirect", "/admin/")}),
        (
            "/django-admin/",
            "get",
            {
                "anonymous": ("redirect", "/django-admin/login/"),
                "learner": ("redirect", "/django-admin/login/"),
                "other_learner": ("redirect", "/django-admin/login/"),
                "trainer": ("redirect", "/django-admin/login/"),
                "program_lead": ("redirect", "/django-admin/login/"),
                "superuser": 200,
            },
        ),
    ]


def test_every_view_against_every_role(client, people, world):
    failures = []
    for url, method, expected_by_role in expectations(world):
        for role in ROLES:
            client.logout()
            if people[role] is not None:
                client.force_login(people[role])
            response = getattr(client, method)(url)
            expected = expected_by_role[role]
            if isinstance(expected, tuple):
                kind, target = expected
                ok = response.status_code == 302 and response["Location"].split("?")[0] == target
            else:
                ok = response.status_code == expected
            if not ok:
                location = response.get("Location", "")
                failures.append(
                    f"{method.upper()} {url} as {role}: "
                    f"{response.status_code} {location}, expected {expected}"
                )
    assert not failures, "\n".join(failures)
