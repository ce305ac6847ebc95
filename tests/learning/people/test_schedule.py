"""A training session's schedule (issue 15): a trainer types meeting times where they are, they
are stored in UTC, each learner reads them in their own time zone, and the calendar file is for
the session's people only."""

import datetime
import zoneinfo

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from learning.people.models import Cohort, CohortMeeting, Profile
from learning.people.services import enrolment_create, profile_update
from learning.roles import TRAINERS
from tests.content.factories import CoursePageFactory, LessonPageFactory
from tests.learning.factories import CohortFactory, ProfileFactory, UserFactory
from tests.learning.people.test_consent import profile_post
from tests.learning.progress.test_cohort_admin import form_data

pytestmark = pytest.mark.django_db

VANCOUVER = zoneinfo.ZoneInfo("America/Vancouver")
HALIFAX = zoneinfo.ZoneInfo("America/Halifax")


@pytest.fixture
def vancouver_trainer():
    user = UserFactory(first_name="Terry", last_name="Trainer")
    user.groups.add(Group.objects.get(name=TRAINERS))
    profile_update(user=user, region="bc")  # British Columbia: Pacific time
    return user


def test_a_trainer_adds_a_meeting_in_their_time_zone_and_it_is_stored_in_utc(
    client, vancouver_trainer, course
):
    client.force_login(vancouver_trainer)
    add = reverse("wagtailsnippets_learning_cohort:add")
    data = form_data(client.get(add).content.decode())
    today = timezone.localdate()
    data.update(
        {
            "course": str(course.pk),
            "name": "Vancouver, winter intake",
            "starts_on": today.isoformat(),
            "ends_on": (today + datetime.timedelta(days=30)).isoformat(),
            "meetings-TOTAL_FORMS": "1",
            "meetings-INITIAL_FORMS": "0",
            "meetings-MIN_NUM_FORMS": "0",
            "meetings-MAX_NUM_FORMS": "1000",
            "meetings-0-title_en": "Pre-arrival meeting",
            "meetings-0-title_fr": "Rencontre avant l'arrivée",
            "meetings-0-starts_at": "2027-01-14 18:00",
            "meetings-0-ends_at": "2027-01-14 20:00",
            "meetings-0-place": "Settlement office, 2610 Victoria Dr",
            "meetings-0-online_url": "",
            "meetings-0-ORDER": "1",
            "meetings-0-id": "",
            "meetings-0-DELETE": "",
            "post_test_due": "2027-01-31 17:00",
            "survey_due": "",
        }
    )
    response = client.post(add, data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    cohort = Cohort.objects.get(name="Vancouver, winter intake")
    meeting = cohort.meetings.get()
    assert meeting.starts_at == datetime.datetime(2027, 1, 15, 2, 0, tzinfo=datetime.UTC)
    assert cohort.post_test_due == datetime.datetime(2027, 2, 1, 1, 0, tzinfo=datetime.UTC)


def test_a_meeting_that_ends_before_it_starts_is_refused_with_a_clear_error(
    client, vancouver_trainer, course
):
    client.force_login(vancouver_trainer)
    add = reverse("wagtailsnippets_learning_cohort:add")
    data = form_data(client.get(add).content.decode())
    data.update(
        {
            "course": str(course.pk),
            "name": "Backwards",
            "starts_on": "2027-01-01",
            "ends_on": "2027-02-01",
            "meetings-TOTAL_FORMS": "1",
            "meetings-INITIAL_FORMS": "0",
            "meetings-0-title_en": "Meeting",
            "meetings-0-starts_at": "2027-01-14 18:00",
            "meetings-0-ends_at": "2027-01-14 17:00",
            "meetings-0-ORDER": "1",
        }
    )
    response = client.post(add, data)
    assert response.status_code == 200
    assert "A meeting must end after it starts." in response.content.decode()
    assert not Cohort.objects.filter(name="Backwards").exists()


@pytest.fixture
def scheduled_session(course, vancouver_trainer):
    cohort = CohortFactory(course=course, trainer=vancouver_trainer, name="Winter intake")
    start = datetime.datetime(2027, 1, 15, 2, 0, tzinfo=datetime.UTC)
    CohortMeeting.objects.create(
        cohort=cohort,
        title_en="Pre-arrival meeting",
        title_fr="Rencontre avant l'arrivée",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        place="Settlement office",
        online_url="https://meet.example.org/winter",
    )
    return cohort


def test_only_the_sessions_people_download_its_calendar(client, scheduled_session, lessons):
    url = reverse("session_calendar", args=[scheduled_session.pk])
    assert client.get(url).status_code == 302  # to the sign-in page

    stranger = ProfileFactory().user
    client.force_login(stranger)
    assert client.get(url).status_code == 404
    # Enrolled in the course, but not in this session: still not theirs.
    enrolment_create(user=stranger, course=scheduled_session.course.specific)
    assert client.get(url).status_code == 404

    member = ProfileFactory(region="ns").user
    enrolment_create(
        user=member, course=scheduled_session.course.specific, cohort=scheduled_session
    )
    client.force_login(member)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="winter-intake.ics"'
    [event] = Calendar.from_ical(response.content).walk("VEVENT")
    assert event.decoded("dtstart") == datetime.datetime(2027, 1, 15, 2, 0, tzinfo=datetime.UTC)
    french = client.get(url.replace("/en/", "/fr/"))
    [event] = Calendar.from_ical(french.content).walk("VEVENT")
    assert str(event["summary"]) == "Rencontre avant l'arrivée"

    client.force_login(scheduled_session.trainer)
    assert client.get(url).status_code == 200


def test_a_learner_reads_times_in_their_own_time_zone(client, scheduled_session, lessons):
    member = ProfileFactory(region="ns").user  # Nova Scotia: Atlantic time
    enrolment_create(
        user=member, course=scheduled_session.course.specific, cohort=scheduled_session
    )
    client.force_login(member)
    page = client.get(reverse("my_learning")).content.decode()
    start = scheduled_session.meetings.get().starts_at.astimezone(HALIFAX)
    assert start.strftime("%H:%M") == "22:00"
    assert "22:00" in page
    assert "Pre-arrival meeting" in page

    # The learner picks another zone in their profile: the same meeting, Pacific time.
    Profile.objects.filter(user=member).update(time_zone="America/Vancouver")
    client.force_login(member)
    assert "18:00" in client.get(reverse("my_learning")).content.decode()


def test_the_profile_offers_canadas_time_zones_and_reminders(client):
    member = ProfileFactory(region="mb").user
    client.force_login(member)
    page = client.get(reverse("profile")).content.decode()
    assert "Time zone" in page
    assert "Newfoundland Time" in page
    assert "Email me reminders" in page
    assert Profile.objects.get(user=member).time_zone_name == "America/Winnipeg"


def test_my_learning_reads_every_sessions_schedule_in_one_query(
    client, catalogue, vancouver_trainer
):
    member = ProfileFactory(region="ns").user
    client.force_login(member)
    counts = []
    for number in range(3):
        course = CoursePageFactory(parent=catalogue, title_en=f"Course {number}")
        LessonPageFactory(parent=course)
        cohort = CohortFactory(course=course, trainer=vancouver_trainer)
        start = timezone.now() + datetime.timedelta(days=3 + number)
        for hours in (0, 48):
            CohortMeeting.objects.create(
                cohort=cohort,
                title_en=f"Meeting {number}",
                starts_at=start + datetime.timedelta(hours=hours),
                ends_at=start + datetime.timedelta(hours=hours + 1),
            )
        enrolment_create(user=member, course=course, cohort=cohort)
        client.get(reverse("my_learning"))  # warm, as a deployment is
        with CaptureQueriesContext(connection) as queries:
            page = client.get(reverse("my_learning")).content.decode()
        counts.append(len(queries))
        assert page.count("Meeting ") >= 2 * (number + 1)
    assert counts[0] == counts[1] == counts[2], counts


def test_the_course_page_shows_the_schedule_in_the_zone_the_learner_picks(
    client, scheduled_session, lessons
):
    course = scheduled_session.course.specific
    member = ProfileFactory(region="ns").user  # Nova Scotia: Atlantic time
    enrolment_create(user=member, course=course, cohort=scheduled_session)
    client.force_login(member)
    page = client.get(course.url).content.decode()
    assert "Pre-arrival meeting" in page
    assert "22:00" in page  # 02:00 UTC in Halifax, in January
    assert "Times are in your time zone: Atlantic Time (Halifax)." in page
    assert reverse("session_calendar", args=[scheduled_session.pk]) in page

    # The learner picks Pacific time and turns reminders off in their profile.
    response = client.post(
        reverse("profile"),
        profile_post(region="ns", time_zone="America/Vancouver", reminders=""),
    )
    assert response.status_code == 302
    page = client.get(course.url).content.decode()
    assert "18:00" in page and "22:00" not in page
    assert "Times are in your time zone: Pacific Time (Vancouver)." in page
    profile = Profile.objects.get(user=member)
    assert (profile.time_zone_name, profile.reminders) == ("America/Vancouver", False)

    # Someone enrolled without a session has no schedule on the page.
    other = ProfileFactory().user
    enrolment_create(user=other, course=course)
    client.force_login(other)
    assert "session-schedule" not in client.get(course.url).content.decode()
