"""The expected maximum of an H5P activity is the trainer's, never a learner's (issue 13), and
statements refused for their score are listed for trainers, without names for program leads."""

import json
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from content.h5p.models import H5PPackage, H5PRefusedStatement, H5PResult
from content.h5p.services import h5p_package_create
from learning.people.privacy import account_export
from learning.roles import PROGRAM_LEADS
from tests.content.h5p.builder import build_package
from tests.learning.factories import EnrolmentFactory, ProfileFactory
from tests.learning.progress.test_h5p_xapi import lesson_with, send, statement

pytestmark = pytest.mark.django_db

EDIT_URL = "wagtailsnippets_content_h5ppackage:edit"
REFUSED_LIST = "wagtailsnippets_content_h5prefusedstatement:list"
REFUSED_INSPECT = "wagtailsnippets_content_h5prefusedstatement:inspect"


@pytest.fixture
def lesson(course, h5p_package):
    return lesson_with(course, h5p_package, required=True)


def learner_in(course, first_name):
    user = ProfileFactory().user
    user.first_name, user.last_name = first_name, "Learner"
    user.save()
    EnrolmentFactory(user=user, course=course)
    return user


def test_no_statement_fixes_the_maximum_for_others(course, lesson, h5p_package):
    attacker, genuine = learner_in(course, "Mallory"), learner_in(course, "Grace")
    # The attack from the issue: while no maximum is set it is accepted, and fixes nothing.
    forged = statement(h5p_package, raw=0, max=999999)
    assert send(attacker, h5p_package, lesson, forged).status_code == 201
    response = send(genuine, h5p_package, lesson, statement(h5p_package, raw=3, max=3))
    assert response.status_code == 201, response.content
    assert response.json()["lesson_completed"] is True
    h5p_package.refresh_from_db()
    assert h5p_package.max_score is None


def test_the_trainers_maximum_refuses_forged_statements_only(course, lesson, h5p_package):
    h5p_package.max_score = Decimal(3)
    h5p_package.save()
    attacker, genuine = learner_in(course, "Mallory"), learner_in(course, "Grace")
    response = send(attacker, h5p_package, lesson, statement(h5p_package, raw=0, max=999999))
    assert response.status_code == 400
    assert response.json() == {
        "code": "max_mismatch",
        "message": "The maximum score does not match this activity's.",
    }
    for user in (genuine, learner_in(course, "Ada")):
        response = send(user, h5p_package, lesson, statement(h5p_package, raw=3, max=3))
        assert response.status_code == 201, response.content
    assert not H5PResult.objects.filter(user=attacker).exists()
    refused = H5PRefusedStatement.objects.get()
    assert (refused.user, refused.package, refused.lesson) == (attacker, h5p_package, lesson)
    assert (refused.code, refused.raw, refused.max, refused.expected_max) == (
        "max_mismatch",
        0,
        999999,
        Decimal(3),
    )
    assert refused.statement["result"]["score"]["max"] == 999999
    assert "actor" not in refused.statement


def test_refusal_in_french(course, lesson, h5p_package):
    h5p_package.max_score = Decimal(3)
    h5p_package.save()
    user = learner_in(course, "Mallory")
    response = send(user, h5p_package, lesson, statement(h5p_package, raw=1, max=5), "fr")
    assert response.status_code == 400
    assert response.json()["message"] == (
        "La note maximale ne correspond pas à celle de cette activité."
    )


@pytest.mark.parametrize(
    ("raw", "max", "code"), [(4, 3, "score_out_of_range"), (-1, 3, "score_out_of_range")]
)
def test_out_of_range_statements_are_refused_and_recorded(
    course, lesson, h5p_package, raw, max, code
):
    user = learner_in(course, "Mallory")
    forged = statement(h5p_package)
    forged["result"]["score"].update(raw=raw, max=max)
    response = send(user, h5p_package, lesson, forged)
    assert (response.status_code, response.json()["code"]) == (400, code)
    assert not H5PResult.objects.exists()
    assert list(H5PRefusedStatement.objects.values_list("code", "raw", "max")) == [(code, raw, max)]


def test_malformed_requests_are_not_recorded(course, lesson, h5p_package):
    user = learner_in(course, "Mallory")
    forged = statement(h5p_package)
    forged["verb"]["id"] = "http://evil.example.org/verbs/answered"
    assert send(user, h5p_package, lesson, forged).status_code == 400
    assert not H5PRefusedStatement.objects.exists()


def test_trainer_confirms_the_prefilled_maximum_in_the_admin(client, trainer, h5p_package):
    h5p_package.suggested_max_score = 3
    h5p_package.save()
    client.force_login(trainer)
    form = client.get(reverse(EDIT_URL, args=[h5p_package.pk])).content.decode()
    assert 'name="max_score"' in form and 'value="3"' in form
    data = {"title_en": "Sponsorship", "title_fr": "Parrainage", "max_score": "3"}
    response = client.post(reverse(EDIT_URL, args=[h5p_package.pk]), data)
    assert response.status_code == 302
    h5p_package.refresh_from_db()
    assert h5p_package.max_score == Decimal(3)
    response = client.post(reverse(EDIT_URL, args=[h5p_package.pk]), {**data, "max_score": "0"})
    assert response.status_code == 200
    h5p_package.refresh_from_db()
    assert h5p_package.max_score == Decimal(3)


def test_upload_suggests_the_number_of_questions(h5p_root, tmp_path):
    def three_questions(spec):
        spec.content["questions"] = [{}, {}, {}]

    with open(build_package(tmp_path, mutate=three_questions), "rb") as fileobj:
        package = h5p_package_create(fileobj=fileobj, title_en="Quiz", title_fr="Quiz")
    assert (package.suggested_max_score, package.max_score) == (3, None)


@pytest.fixture
def refused(course, lesson, h5p_package):
    h5p_package.max_score = Decimal(3)
    h5p_package.save()
    attacker = learner_in(course, "Mallory")
    assert (
        send(attacker, h5p_package, lesson, statement(h5p_package, raw=0, max=999999)).status_code
        == 400
    )
    return H5PRefusedStatement.objects.get()


def test_trainers_see_who_sent_refused_statements(client, trainer, refused):
    client.force_login(trainer)
    page = client.get(reverse(REFUSED_LIST))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Mallory Learner" in text
    assert "The maximum score does not match this activity&#x27;s." in text
    assert "999999" in text
    inspect = client.get(reverse(REFUSED_INSPECT, args=[refused.pk])).content.decode()
    assert str(refused.user) in inspect


def test_program_leads_see_no_learner_names(client, django_user_model, refused):
    lead = django_user_model.objects.create_user("lead", "lead@example.org", "pw")
    lead.groups.add(Group.objects.get(name=PROGRAM_LEADS))
    client.force_login(lead)
    page = client.get(reverse(REFUSED_LIST))
    assert page.status_code == 200
    assert "999999" in page.content.decode()
    assert "Mallory" not in page.content.decode()
    inspect = client.get(reverse(REFUSED_INSPECT, args=[refused.pk]))
    assert inspect.status_code == 200
    for name in ("Mallory", str(refused.user), refused.user.email):
        assert name not in inspect.content.decode()
        assert name not in page.content.decode()


def test_learners_cannot_see_the_list(client, course, refused):
    client.force_login(learner_in(course, "Grace"))
    assert client.get(reverse(REFUSED_LIST)).status_code in (302, 403)


def test_nobody_adds_or_edits_refused_statements(admin_client, refused):
    listing = admin_client.get(reverse(REFUSED_LIST)).content.decode()
    assert "wagtailsnippets_content_h5prefusedstatement:add" not in listing
    url = reverse("wagtailsnippets_content_h5prefusedstatement:edit", args=[refused.pk])
    assert admin_client.get(url).status_code in (302, 403)
    assert json.loads(json.dumps(refused.statement))  # kept as sent, minus the actor
    assert H5PPackage.objects.count() == 1


def test_the_learners_privacy_export_includes_their_refused_statements(refused):
    [item] = account_export(user=refused.user)["h5p_refused_results"]
    assert item["reason"] == "max_mismatch"
    assert item["statement"]["result"]["score"]["max"] == 999999
