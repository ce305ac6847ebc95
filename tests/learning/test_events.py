"""Knowledge-exchange events (issue 17): a kind of training session with a date, a partner
organisation and an attendance count, managed by trainers in their own admin listing, and
whose evaluation survey feeds the "events helpful" indicator."""

import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.admin_url_finder import AdminURLFinder

from content.models import CompletionRule
from learning.demo.events import HELPFUL_QUESTION, PARTNER
from learning.notifications.selectors import reminders_due
from learning.people.models import Cohort, CohortKind
from learning.people.services import cohort_join
from learning.progress.services import lesson_complete
from learning.roles import PROGRAM_LEADS, TRAINERS
from quizzes.models import Attempt, Indicator, Question
from quizzes.reports import indicator_report
from tests.learning.factories import CohortFactory, ProfileFactory, UserFactory
from tests.learning.progress.test_cohort_admin import form_data
from tests.quizzes.factories import likert, make_quiz

pytestmark = pytest.mark.django_db

EVENTS = "knowledge_exchange_events"
SESSIONS = "wagtailsnippets_learning_cohort"


def url(namespace, name, *args):
    return reverse(f"{namespace}:{name}", args=args)


def in_group(user, name):
    user.groups.add(Group.objects.get(name=name))
    return user


@pytest.fixture
def trainer():
    return in_group(UserFactory(first_name="Terry", last_name="Trainer"), TRAINERS)


@pytest.fixture
def event(course, trainer):
    return CohortFactory(
        course=course,
        trainer=trainer,
        kind=CohortKind.EVENT,
        name="Mental health resources evening",
        partner_organisation="Immigrant Services Kingston & Area",
        attendance=14,
        region="kingston",
    )


@pytest.fixture
def session(course, trainer):
    return CohortFactory(course=course, trainer=trainer, name="Ottawa, spring")


def listing_titles(html):
    soup = BeautifulSoup(html, "html.parser")
    return [
        row.find("td", class_="title").get_text(" ", strip=True)
        for row in soup.select("table.listing tbody tr")
    ]


def test_trainer_creates_an_event_with_its_partner_and_attendance(client, trainer, course):
    client.force_login(trainer)
    response = client.get(url(EVENTS, "add"))
    assert response.status_code == 200
    html = response.content.decode()
    # The event's own words, not a course session's.
    for label in ("Title", "Date of the event", "Join until", "Partner organisation", "Attendance"):
        assert label in html
    assert "Post-test due" not in html
    data = form_data(html)
    assert data["trainer"] == str(trainer.pk)
    day = timezone.localdate()
    data.update(
        course=str(course.pk),
        name="Community knowledge exchange: mental health",
        starts_on=day.isoformat(),
        ends_on=(day + datetime.timedelta(days=7)).isoformat(),
        partner_organisation="Immigrant Services Kingston & Area",
        region="kingston",
        attendance="16",
    )

    response = client.post(url(EVENTS, "add"), data, follow=True)

    assert response.status_code == 200
    event = Cohort.objects.get(name="Community knowledge exchange: mental health")
    assert event.kind == CohortKind.EVENT
    assert event.partner_organisation == "Immigrant Services Kingston & Area"
    assert event.attendance == 16
    assert event.trainer == trainer
    # Lands on the event's edit page, with the code attendees use to answer the survey.
    assert response.redirect_chain[-1][0] == url(EVENTS, "edit", event.pk)
    html = response.content.decode()
    assert event.code in html
    assert "answer the survey" in html
    messages = [str(message) for message in response.wsgi_request._messages]
    assert any("Knowledge-exchange event" in message for message in messages)


def test_trainer_edits_the_attendance_counted_at_the_event(client, trainer, event):
    client.force_login(trainer)
    data = form_data(client.get(url(EVENTS, "edit", event.pk)).content.decode())
    data["attendance"] = "18"

    response = client.post(url(EVENTS, "edit", event.pk), data)

    assert response.status_code == 302
    event.refresh_from_db()
    assert event.attendance == 18
    assert event.kind == CohortKind.EVENT


def test_attendance_cannot_be_negative(client, trainer, event):
    client.force_login(trainer)
    data = form_data(client.get(url(EVENTS, "edit", event.pk)).content.decode())
    data["attendance"] = "-3"

    response = client.post(url(EVENTS, "edit", event.pk), data)

    assert response.status_code == 200
    event.refresh_from_db()
    assert event.attendance == 14


def test_events_and_training_sessions_are_listed_apart(client, trainer, event, session):
    client.force_login(trainer)

    events_page = client.get(url(EVENTS, "list")).content.decode()
    sessions_page = client.get(url(SESSIONS, "list")).content.decode()

    event_titles = listing_titles(events_page)
    session_titles = listing_titles(sessions_page)
    assert any(title.startswith(event.name) for title in event_titles)
    assert not any(title.startswith(session.name) for title in event_titles)
    assert any(title.startswith(session.name) for title in session_titles)
    assert not any(title.startswith(event.name) for title in session_titles)
    # The event's row shows its partner and how many came.
    assert "Immigrant Services Kingston &amp; Area" in events_page
    assert "Knowledge-exchange events" in events_page


def test_a_training_session_is_not_opened_as_an_event(client, trainer, session):
    client.force_login(trainer)
    # A 404 outside the language prefix is tried again under /en/, where it is a 404 too.
    for view in ("edit", "progress", "delete"):
        assert client.get(url(EVENTS, view, session.pk), follow=True).status_code == 404


def test_edit_links_from_elsewhere_open_each_record_in_its_own_pages(trainer, event, session):
    finder = AdminURLFinder(trainer)
    assert finder.get_edit_url(event) == url(EVENTS, "edit", event.pk)
    assert finder.get_edit_url(session) == url(SESSIONS, "edit", session.pk)


def test_another_trainer_sees_the_event_but_cannot_edit_it(client, event):
    other = in_group(UserFactory(first_name="Olive", last_name="Other"), TRAINERS)
    client.force_login(other)

    assert client.get(url(EVENTS, "list")).status_code == 200
    assert client.get(url(EVENTS, "edit", event.pk)).status_code == 403
    assert client.get(url(EVENTS, "progress", event.pk)).status_code == 403
    assert client.get(url(EVENTS, "inspect", event.pk)).status_code == 200


def test_learners_anonymous_and_program_leads_cannot_create_events(client, course, event):
    day = timezone.localdate().isoformat()
    data = {"course": course.pk, "name": "Sneaky", "starts_on": day, "ends_on": day}
    # Anonymous: sent to sign in.
    response = client.post(url(EVENTS, "add"), data)
    assert response.status_code == 302 and "login" in response.url
    # A learner has no admin at all.
    client.force_login(ProfileFactory().user)
    response = client.get(url(EVENTS, "list"))
    assert response.status_code == 302 and "login" in response.url
    assert client.post(url(EVENTS, "add"), data).status_code == 302
    # A program lead sees events read-only.
    client.force_login(in_group(UserFactory(), PROGRAM_LEADS))
    response = client.post(url(EVENTS, "add"), data)
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    assert client.get(url(EVENTS, "edit", event.pk)).url == reverse("wagtailadmin_home")
    assert not Cohort.objects.filter(name="Sneaky").exists()


def test_menu_shows_events_to_trainers(client, trainer):
    client.force_login(trainer)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Knowledge-exchange events" in html
    assert url(EVENTS, "list") in html


# --- Demo ------------------------------------------------------------------------------------


def test_demo_has_the_pilots_five_events_and_their_helpful_indicator(db):
    out = io.StringIO()
    call_command("seed_demo", "--responses", "1", stdout=out)

    events = Cohort.objects.filter(kind=CohortKind.EVENT)
    assert events.count() == 5
    assert sum(event.attendance for event in events) == 70
    assert {event.partner_organisation for event in events} == {PARTNER}
    # Spread over the demo's six months, each open two weeks for the survey.
    dates = sorted(event.starts_on for event in events)
    assert (dates[-1] - dates[0]).days > 120 and dates[-1] < timezone.localdate()
    assert all(event.ends_on > event.starts_on for event in events)
    assert "Knowledge-exchange events: 5, 70 people attended" in out.getvalue()
    # The events' survey asks the report's question; 90% of those surveyed found them helpful.
    question = Question.objects.get(quiz__slug="event-evaluation-survey", code=HELPFUL_QUESTION)
    assert question.text_en.startswith("How helpful was this event in increasing your")
    report = indicator_report(indicator=Indicator.objects.get(code="events-helpful"))
    assert report.total.n == 50
    assert report.total.value == pytest.approx(0.9)
    assert not report.total.suppressed
    # Answers carry their event, so a report can tell the events apart.
    answered = Attempt.objects.filter(quiz=question.quiz, submitted_at__isnull=False)
    assert set(answered.values_list("cohort_id", flat=True)) == set(
        events.values_list("pk", flat=True)
    )
    # Seeding again adds no event and nobody.
    call_command("seed_demo", "--responses", "1", stdout=io.StringIO())
    assert Cohort.objects.filter(kind=CohortKind.EVENT).count() == 5
    assert indicator_report(indicator=Indicator.objects.get(code="events-helpful")).total.n == 50


# --- What an attendee sees ----------------------------------------------------------------------


def test_an_events_join_page_reads_as_an_event(client, event, lessons):
    attendee = ProfileFactory().user
    client.force_login(attendee)

    html = client.get(reverse("join_link", args=[event.code])).content.decode()

    text = BeautifulSoup(html, "html.parser").get_text(" ", strip=True)
    assert "Join a knowledge-exchange event" in text
    assert "Join a training session" not in text
    assert "With Immigrant Services Kingston & Area" in text
    assert "Join this event" in text
    assert "Survey open until" in text


def test_joining_an_event_points_to_its_survey_and_my_learning_shows_the_event(
    client, event, lessons, django_capture_on_commit_callbacks
):
    attendee = ProfileFactory().user
    client.force_login(attendee)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("join_cohort"), {"code": event.code}, follow=True)

    messages = [str(message) for message in response.context["messages"]]
    assert messages == [
        "You joined “Mental health resources evening”. Your path below leads to its evaluation "
        "survey."
    ]
    [email] = mail.outbox
    assert (
        email.subject == "You joined the knowledge-exchange event Mental health resources evening"
    )
    assert "training session" not in email.body
    html = client.get(reverse("my_learning")).content.decode()
    text = BeautifulSoup(html, "html.parser").get_text(" ", strip=True)
    assert "Knowledge-exchange event: Mental health resources evening" in text
    assert "with Immigrant Services Kingston & Area" in text
    assert "Training session:" not in text


def test_a_training_session_still_reads_as_one(client, session, lessons):
    learner = ProfileFactory().user
    client.force_login(learner)
    html = client.get(reverse("join_link", args=[session.code])).content.decode()
    assert "Join a training session" in html and "Join this session" in html
    client.post(reverse("join_cohort"), {"code": session.code})
    html = client.get(reverse("my_learning")).content.decode()
    assert "Training session: Ottawa, spring" in html


def test_attendees_are_reminded_of_the_events_survey_not_of_a_post_test(course, lessons, event):
    # The events' course: a survey after its lesson, no tests (as in the demo).
    course.completion_rule = CompletionRule.SURVEY_SUBMITTED
    course.save()
    make_quiz([likert()], kind="evaluation_survey", course=course, anonymous=True, pass_mark=0)
    now = timezone.now()
    event.survey_due = now + datetime.timedelta(days=1)
    event.save()
    attendee = ProfileFactory().user
    cohort_join(user=attendee, code=event.code)
    for lesson in lessons:
        lesson_complete(user=attendee, lesson=lesson)

    assert [due.step for due in reminders_due(now=now)] == ["survey"]


def test_the_trainers_home_links_an_event_to_its_own_progress_page(client, trainer, event, session):
    client.force_login(trainer)

    html = client.get(reverse("wagtailadmin_home")).content.decode()

    assert url(EVENTS, "progress", event.pk) in html
    assert url(SESSIONS, "progress", session.pk) in html
    assert client.get(url(EVENTS, "progress", event.pk)).status_code == 200


def test_a_past_events_code_says_its_survey_closed(client, event):
    event.starts_on = timezone.localdate() - datetime.timedelta(days=30)
    event.ends_on = timezone.localdate() - datetime.timedelta(days=16)
    event.save()
    client.force_login(ProfileFactory().user)

    response = client.post(reverse("join_cohort"), {"code": event.code})

    assert response.status_code == 400
    text = BeautifulSoup(response.content.decode(), "html.parser").get_text(" ", strip=True)
    assert "This event's survey closed on" in text
