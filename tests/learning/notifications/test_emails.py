"""The emails the site sends on its own (issue 15): in the learner's language, plain text and
HTML, links on the public address (never the host a request reached), each recorded."""

import datetime
import zoneinfo

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.test import override_settings
from icalendar import Calendar

from learning.notifications.models import EmailKind, EmailStatus, OutgoingEmail
from learning.people.schedule import session_calendar
from learning.people.services import cohort_join, enrolment_create
from learning.progress.services import lesson_complete
from tests.learning.progress.test_quiz_progress import take

pytestmark = pytest.mark.django_db

SITE = "https://learn.example.ca"


def html_of(message):
    return next(body for body, kind in message.alternatives if kind == "text/html")


def html_text(message):
    return BeautifulSoup(html_of(message), "html.parser").get_text(" ", strip=True)


@override_settings(SITE_URL=SITE)
def test_enrolling_sends_the_course_path_in_english(
    english_learner, course_with_tests, django_capture_on_commit_callbacks
):
    course = course_with_tests[0]
    with django_capture_on_commit_callbacks(execute=True):
        enrolment_create(user=english_learner, course=course)
    [message] = mail.outbox
    assert message.to == [english_learner.email]
    assert message.subject == "You are enrolled: Working with sponsors"
    assert message.body.startswith("Hello Sam,")
    for step in ("Before you start: the pre-test (optional)", "The lessons", "The post-test"):
        assert step in message.body
        assert step in html_text(message)
    assert f"{SITE}/en/courses/working-with-sponsors/" in message.body
    assert "127.0.0.1" not in message.body + html_of(message)
    row = OutgoingEmail.objects.get()
    assert (row.kind, row.status, row.to, row.language) == (
        EmailKind.ENROLMENT,
        EmailStatus.SENT,
        english_learner.email,
        "en",
    )
    assert row.subject == message.subject


@override_settings(SITE_URL=SITE)
def test_joining_a_session_in_french_sends_its_schedule_and_calendar(
    french_learner, session, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        cohort_join(user=french_learner, code=session.code, language="fr")
    [message] = mail.outbox  # one email: the session's, with the course path in it
    assert message.subject == "Vous avez rejoint la séance de formation Ottawa December"
    assert message.body.startswith("Bonjour Élodie,")
    assert "Rencontre de connexion intentionnelle avant l'arrivée" in message.body
    assert "Avant de commencer : le prétest" in message.body
    assert f"{SITE}/fr/cours/travailler-avec-les-repondants/" in message.body
    meeting = session.meetings.get()
    # Québec: Eastern time, in French words.
    local = meeting.starts_at.astimezone(zoneinfo.ZoneInfo("America/Toronto"))
    assert f"{local:%H:%M}" in message.body
    [(filename, content, kind)] = message.attachments
    assert (filename, kind) == ("ottawa-december.ics", "text/calendar")
    calendar = Calendar.from_ical(content)
    [event] = calendar.walk("VEVENT")
    assert event.decoded("dtstart") == meeting.starts_at
    assert event.decoded("dtend") == meeting.ends_at
    assert str(event["summary"]) == "Rencontre de connexion intentionnelle avant l'arrivée"
    assert "123 Bank St" in str(event["location"])


def test_completing_the_course_sends_the_certificate_link(
    english_learner, course_with_tests, django_capture_on_commit_callbacks
):
    course, lessons, quizzes = course_with_tests
    enrolment = enrolment_create(user=english_learner, course=course)[0]
    for lesson in lessons:
        lesson_complete(user=english_learner, lesson=lesson)
    take(quizzes["post"], english_learner)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        take(quizzes["survey"], english_learner, value="helpful")
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None
    [message] = mail.outbox
    assert message.subject == "You completed Working with sponsors: your certificate"
    assert f"/en/learning/certificates/{enrolment.certificate.code}.pdf" in message.body
    assert f"/en/verify/{enrolment.certificate.code}/" in html_of(message)


def test_signing_up_sends_a_welcome_once(client, db, django_capture_on_commit_callbacks):
    data = {
        "email": "new.sponsor@example.org",
        "password1": "a long pass phrase 2026",
        "password2": "a long pass phrase 2026",
        "first_name": "Noor",
        "last_name": "Haidari",
        "role": "sponsor",
        "organisation": "",
        "region": "ab",
        "preferred_language": "fr",
        "evaluation_consent": "yes",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/fr/accounts/signup/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    welcome = [m for m in mail.outbox if m.subject == "Bienvenue sur PSR Learn"]
    assert len(welcome) == 1
    assert welcome[0].body.startswith("Bonjour Noor,")
    assert OutgoingEmail.objects.filter(kind=EmailKind.WELCOME).count() == 1


def test_a_mail_server_failure_keeps_the_enrolment_and_the_email_for_later(
    english_learner, course_with_tests, django_capture_on_commit_callbacks, settings
):
    settings.EMAIL_BACKEND = "tests.learning.notifications.test_emails.FailingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        enrolment, created = enrolment_create(user=english_learner, course=course_with_tests[0])
    assert created and enrolment.pk
    row = OutgoingEmail.objects.get()
    assert row.status == EmailStatus.FAILED
    assert row.attempts == 1
    assert "mail server down" in row.last_error


def test_an_inactive_or_email_less_account_gets_nothing(
    english_learner, course_with_tests, django_capture_on_commit_callbacks
):
    english_learner.email = ""
    english_learner.save()
    with django_capture_on_commit_callbacks(execute=True):
        enrolment_create(user=english_learner, course=course_with_tests[0])
    assert mail.outbox == []
    assert not OutgoingEmail.objects.exists()


class FailingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


def test_the_calendar_file_gives_times_in_utc(session):
    meeting = session.meetings.get()
    session.post_test_due = meeting.ends_at + datetime.timedelta(days=7)
    session.save()
    calendar = Calendar.from_ical(
        session_calendar(cohort=session, language="en", course_title="Working with sponsors")
    )
    events = {str(event["summary"]): event for event in calendar.walk("VEVENT")}
    assert set(events) == {
        "Pre-arrival Intentional Connection meeting",
        "Post-test due: Working with sponsors",
    }
    start = events["Pre-arrival Intentional Connection meeting"]["dtstart"].to_ical()
    assert start.endswith(b"Z")
    assert events["Post-test due: Working with sponsors"].decoded("dtstart") == (
        session.post_test_due
    )
