import json
import logging

import pytest
from allauth.account.models import EmailAddress
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from learning.people import extensions as people_extensions
from learning.people.models import AccountDeletion, Enrolment, Profile
from learning.people.privacy import account_export
from learning.people.services import account_erase
from learning.progress.models import Certificate, LessonProgress
from learning.progress.services import certificate_issue
from tests.content.factories import CoursePageFactory, LessonPageFactory
from tests.learning.factories import (
    CohortFactory,
    EnrolmentFactory,
    ProfileFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-staple"
User = get_user_model()


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def learner_with_history(course, lessons, cohort, *, organisation="Welcome Centre"):
    """A learner with a profile, an enrolment in `cohort`, one lesson done and a certificate."""
    profile = ProfileFactory(
        organisation=organisation, evaluation_consent=True, consent_updated_at=timezone.now()
    )
    user = profile.user
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    enrolment = EnrolmentFactory(user=user, course=course, cohort=cohort, language="fr")
    LessonProgress.objects.create(enrolment=enrolment, lesson=lessons[0])
    enrolment.completed_at = timezone.now()
    enrolment.save(update_fields=["completed_at"])
    certificate = certificate_issue(enrolment=enrolment)
    return user, enrolment, certificate


@pytest.fixture
def cohort(course):
    return CohortFactory(course=course, name="Ottawa, spring session")


@pytest.fixture
def learner(course, lessons, cohort):
    return learner_with_history(course, lessons, cohort)


@pytest.fixture
def other_learner(course, lessons, cohort):
    """Someone else in the same training session: nothing of theirs may leak into an export."""
    return learner_with_history(course, lessons, cohort, organisation="Other Settlement Agency")


def personal_values(user, certificate):
    return [
        user.username,
        user.email,
        user.last_name,
        user.profile.organisation,
        certificate.code,
    ]


# Export contents


def test_export_holds_the_learners_data_and_no_one_elses(learner, other_learner, cohort):
    user, enrolment, certificate = learner
    other, _other_enrolment, other_certificate = other_learner

    data = account_export(user=user)

    assert data["format_version"] == 1
    assert data["exported_at"]
    assert data["account"]["username"] == user.username
    assert data["account"]["email"] == user.email
    assert data["account"]["last_name"] == user.last_name
    assert data["email_addresses"] == [{"email": user.email, "verified": True, "primary": True}]

    profile = data["profile"]
    assert profile["role"] == "settlement_worker"
    assert profile["organisation"] == "Welcome Centre"
    assert profile["region"] == "ottawa"
    assert profile["preferred_language"] == "en"
    assert profile["evaluation_consent"] is True
    assert profile["consent_updated_at"]

    [exported_enrolment] = data["enrolments"]
    assert exported_enrolment["course_title_en"] == "Working with sponsors"
    assert exported_enrolment["course_title_fr"] == "Travailler avec les répondants"
    assert exported_enrolment["course_url_path"] == "/fr/cours/travailler-avec-les-repondants/"
    assert exported_enrolment["language"] == "fr"
    assert (
        exported_enrolment["enrolled_at"] == timezone.localtime(enrolment.enrolled_at).isoformat()
    )
    assert exported_enrolment["completed_at"]
    assert exported_enrolment["cohort"] == {"name": cohort.name, "code": cohort.code}

    [progress] = data["lesson_progress"]
    assert progress["lesson_title_en"] == "The PSR program"
    assert progress["lesson_title_fr"] == "Le programme PPPR"
    assert progress["completed_at"]

    [exported_certificate] = data["certificates"]
    assert exported_certificate["code"] == certificate.code
    assert exported_certificate["learner_name"] == user.get_full_name()
    assert exported_certificate["course_title_en"] == "Working with sponsors"
    assert exported_certificate["course_title_fr"] == "Travailler avec les répondants"
    assert exported_certificate["issued_at"]

    # Nothing of the other learner in the same session, anywhere in the document.
    text = json.dumps(data, ensure_ascii=False)
    for value in personal_values(other, other_certificate):
        assert value not in text


def test_export_includes_login_records_under_the_persons_names_only(learner, other_learner):
    user, _enrolment, _certificate = learner
    other = other_learner[0]
    AccessLog.objects.create(
        username=user.username, ip_address="203.0.113.7", user_agent="Firefox", path_info="/"
    )
    AccessFailureLog.objects.create(
        username=user.email.upper(), ip_address="198.51.100.9", user_agent="Bot", path_info="/"
    )
    AccessLog.objects.create(
        username=other.username, ip_address="192.0.2.44", user_agent="Safari", path_info="/"
    )

    logins = account_export(user=user)["logins"]

    [success] = logins["successful"]
    assert success["ip_address"] == "203.0.113.7"
    assert success["user_agent"] == "Firefox"
    # A failed attempt may be someone else's: its time only, not their address.
    [failure] = logins["failed"]
    assert set(failure) == {"attempted_at", "locked_out"}
    assert "192.0.2.44" not in json.dumps(logins)


def test_export_of_a_new_account_without_profile_or_history(db):
    user = UserFactory()
    data = account_export(user=user)
    assert data["profile"] is None
    assert data["enrolments"] == []
    assert data["lesson_progress"] == []
    assert data["certificates"] == []


def _export_queries(user):
    cache.clear()  # Wagtail caches site root paths: measure from the same, cold start.
    with CaptureQueriesContext(connection) as queries:
        account_export(user=user)
    return len(queries)


def test_export_makes_a_constant_number_of_queries(catalogue):
    user = ProfileFactory().user
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    cohort_trained = None

    def add_enrolment():
        nonlocal cohort_trained
        course = CoursePageFactory(parent=catalogue)
        lesson = LessonPageFactory(parent=course)
        cohort = CohortFactory(course=course, trainer=user)
        cohort_trained = cohort
        enrolment = EnrolmentFactory(user=user, course=course, cohort=cohort)
        LessonProgress.objects.create(enrolment=enrolment, lesson=lesson)
        certificate_issue(enrolment=enrolment)
        AccessLog.objects.create(username=user.username, ip_address="203.0.113.7")

    add_enrolment()
    one = _export_queries(user)
    for _ in range(9):
        add_enrolment()
    ten = _export_queries(user)

    data = account_export(user=user)
    assert len(data["enrolments"]) == 10
    assert len(data["lesson_progress"]) == 10
    assert len(data["certificates"]) == 10
    assert len(data["cohorts_trained"]) == 10
    assert cohort_trained.code in json.dumps(data)
    assert ten == one


def test_a_higher_layer_can_add_an_export_section(learner):
    user = learner[0]
    sections = people_extensions.privacy_export_sections

    def quiz_attempts(user):
        return "h5p_notes", [{"user": user.pk}]

    sections.register(quiz_attempts)
    try:
        assert account_export(user=user)["h5p_notes"] == [{"user": user.pk}]
    finally:
        sections.unregister(quiz_attempts)

    def clash(user):
        return "profile", {}

    sections.register(clash)
    try:
        with pytest.raises(ValueError, match="profile"):
            account_export(user=user)
    finally:
        sections.unregister(clash)


def test_the_export_holds_every_layers_sections(learner):
    """Learner records, progress (learning/apps.py) and the quiz engine (quizzes/apps.py)."""
    data = account_export(user=learner[0])

    for key in (
        "account",
        "email_addresses",
        "profile",
        "enrolments",
        "cohorts_trained",
        "logins",
        "lesson_progress",
        "certificates",
        "quiz_attempts",
    ):
        assert key in data


# Views


@pytest.mark.parametrize("name", ["privacy", "privacy_export", "delete_account"])
def test_anonymous_visitors_are_sent_to_log_in(client, db, name):
    url = reverse(name)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert f"next={url}" in response["Location"]


def test_anonymous_post_to_delete_is_sent_to_log_in(client, db):
    response = client.post(reverse("delete_account"), {"password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_privacy_page_explains_and_links(client, learner):
    user = learner[0]
    client.force_login(user)
    response = client.get(reverse("privacy"))
    assert response.status_code == 200
    page = soup(response)
    assert page.h1.get_text(strip=True) == "Your data and privacy"
    hrefs = {a["href"] for a in page.select("main a")}
    assert {reverse("profile"), reverse("privacy_export"), reverse("delete_account")} <= hrefs
    text = page.main.get_text(" ", strip=True)
    assert "You agreed that your quiz and survey answers may be used" in text
    assert "Download my data (JSON)" in text
    assert "Delete my account" in text


def test_privacy_page_says_when_consent_is_not_given_yet(client, db):
    user = ProfileFactory(evaluation_consent=None).user
    client.force_login(user)
    response = client.get(reverse("privacy"))
    assert "You have not yet said whether" in soup(response).main.get_text(" ", strip=True)


def test_privacy_page_in_french(client, learner):
    client.force_login(learner[0])
    response = client.get("/fr/learning/privacy/")
    assert response.status_code == 200
    page = soup(response)
    assert page.html["lang"] == "fr"
    text = page.get_text(" ", strip=True)
    # The layout and the learner's role, from the French catalogue.
    assert "Passer au contenu principal" in text
    assert "Intervenant en établissement" in text
    # The page's own text goes through the French catalogue too.
    with translation.override("fr"):
        heading = gettext("Your data and privacy")
    assert page.h1.get_text(strip=True) == heading
    # Links stay in French.
    hrefs = {a["href"] for a in page.select("main a")}
    assert "/fr/learning/privacy/export.json" in hrefs


def test_export_downloads_json(client, learner):
    user = learner[0]
    client.force_login(user)
    response = client.get(reverse("privacy_export"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="psr-learn-my-data-{today}.json"'
    )
    assert response["Cache-Control"] == "private, no-store"
    body = response.content.decode("utf-8")
    # Indented, and French kept as written rather than \u escapes.
    assert '\n  "format_version": 1' in body
    assert "Travailler avec les répondants" in body
    assert json.loads(body)["account"]["email"] == user.email


def test_delete_page_explains_what_goes_and_what_stays(client, learner):
    client.force_login(learner[0])
    response = client.get(reverse("delete_account"))
    assert response.status_code == 200
    page = soup(response)
    text = page.main.get_text(" ", strip=True)
    assert "What is deleted" in text
    assert "What is kept, without your name" in text
    form = page.select_one("main form[method=post]")
    assert form.select_one("input[name=csrfmiddlewaretoken]")
    assert form.select_one("input[type=password][name=password]")


def test_delete_with_wrong_password_changes_nothing(client, learner):
    user = learner[0]
    client.force_login(user)
    response = client.post(reverse("delete_account"), {"password": "not-my-password"})
    assert response.status_code == 400
    assert "That is not your password." in response.content.decode()
    assert User.objects.filter(pk=user.pk).exists()
    assert Enrolment.objects.filter(user=user).count() == 1
    assert not AccountDeletion.objects.exists()
    assert client.get(reverse("privacy")).status_code == 200  # still logged in


def test_delete_with_right_password_erases_the_person(client, learner, other_learner, caplog):
    user, enrolment, certificate = learner
    other, other_enrolment, other_certificate = other_learner
    personal = personal_values(user, certificate) + [user.first_name + " " + user.last_name]
    profile_pk = user.profile.pk
    # Login records under the username (successful) and the email typed (failures).
    AccessLog.objects.create(username=user.username, ip_address="203.0.113.7")
    AccessFailureLog.objects.create(username=user.email, ip_address="203.0.113.7")
    AccessAttempt.objects.create(
        username=user.email, ip_address="203.0.113.7", user_agent="Firefox", failures_since_start=2
    )
    AccessLog.objects.create(username=other.username, ip_address="192.0.2.44")
    AccessFailureLog.objects.create(username=other.email, ip_address="192.0.2.44")
    client.force_login(user)

    caplog.set_level(logging.DEBUG)
    response = client.post(reverse("delete_account"), {"password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == reverse("account_deleted")
    assert not User.objects.filter(pk=user.pk).exists()
    assert not Profile.objects.filter(pk=profile_pk).exists()
    assert not Enrolment.objects.filter(pk=enrolment.pk).exists()
    assert not LessonProgress.objects.filter(enrolment_id=enrolment.pk).exists()
    assert not Certificate.objects.filter(pk=certificate.pk).exists()
    assert not EmailAddress.objects.filter(email=user.email).exists()

    # One anonymous log row, with counts only.
    [log] = AccountDeletion.objects.all()
    assert log.enrolments_deleted == 1
    assert log.certificates_deleted == 1
    assert log.attempts_anonymised == 0
    for field in AccountDeletion._meta.concrete_fields:
        value = str(field.value_from_object(log))
        for item in personal:
            assert item not in value

    # Their login records are gone; the other learner's stay.
    identifiers = [user.username, user.email]
    assert not AccessLog.objects.filter(username__in=identifiers).exists()
    assert not AccessFailureLog.objects.filter(username__in=identifiers).exists()
    assert not AccessAttempt.objects.filter(username__in=identifiers).exists()
    assert AccessLog.objects.filter(username=other.username).exists()
    assert AccessFailureLog.objects.filter(username=other.email).exists()

    # The other learner in the same session is untouched.
    assert Enrolment.objects.filter(pk=other_enrolment.pk).exists()
    assert Certificate.objects.filter(pk=other_certificate.pk).exists()

    # Logged out: the session no longer carries anyone.
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("privacy")).status_code == 302
    follow = client.get(response["Location"])
    assert follow.status_code == 200
    assert "Your account is deleted" in follow.content.decode()

    # What was logged names no one.
    messages = [record.getMessage() for record in caplog.records]
    assert any("account erased" in message for message in messages)
    for message in messages:
        for item in (user.email, user.username):
            assert item not in message


def test_delete_page_get_without_csrf_token_changes_nothing(learner):
    user = learner[0]
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    response = client.get(reverse("delete_account"), {"password": PASSWORD})
    assert response.status_code == 200
    assert User.objects.filter(pk=user.pk).exists()
    assert not AccountDeletion.objects.exists()


def test_delete_post_without_csrf_token_is_refused(learner):
    user = learner[0]
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    response = client.post(reverse("delete_account"), {"password": PASSWORD})
    assert response.status_code == 403
    assert User.objects.filter(pk=user.pk).exists()
    assert Enrolment.objects.filter(user=user).exists()
    assert not AccountDeletion.objects.exists()


def test_erasing_twice_logs_one_deletion(learner):
    user = learner[0]
    second_copy = User.objects.get(pk=user.pk)  # what a double-submitted request holds
    assert account_erase(user=user) is not None
    assert account_erase(user=second_copy) is None
    assert AccountDeletion.objects.count() == 1


def test_account_deleted_page_is_public(client, db):
    response = client.get(reverse("account_deleted"))
    assert response.status_code == 200
    assert "Your account is deleted" in response.content.decode()
