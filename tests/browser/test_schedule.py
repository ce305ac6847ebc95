"""A learner joins the demo training session and reads its schedule on My learning, in their own
time zone and language, then downloads the calendar file (issue 15)."""

import re
import zoneinfo
from pathlib import Path

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from learning.people.models import Cohort
from learning.people.services import profile_update
from tests.browser.conftest import assert_accessible, session_cookies
from tests.learning.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_learner_in_vancouver_reads_the_kingston_schedule_in_pacific_time(
    page, live_server, demo_site, language
):
    cohort = Cohort.objects.get(code="DEMO2026")
    meeting = cohort.meetings.order_by("starts_at").first()
    user = UserFactory(first_name="Ana")
    profile_update(user=user, region="bc", preferred_language=language, role="sponsor")
    page.context.add_cookies(session_cookies(user, live_server.url))

    page.goto(f"{live_server.url}/{language}/learning/join/")
    page.get_by_label({"en": "Join code", "fr": "Code d'accès"}[language]).fill(cohort.code)
    page.get_by_role("button", name={"en": "Join", "fr": "Rejoindre"}[language]).click()
    page.goto(f"{live_server.url}/{language}/learning/")

    schedule = page.locator(".my-course .session-schedule")
    expect(schedule).to_be_visible()
    title = {"en": meeting.title_en, "fr": meeting.title_fr}[language]
    expect(schedule).to_contain_text(title)
    pacific = meeting.starts_at.astimezone(zoneinfo.ZoneInfo("America/Vancouver"))
    expect(schedule).to_contain_text(f"{pacific:%H:%M}")  # 18:30 in Kingston is 15:30 there
    expect(schedule).to_contain_text(
        {"en": "Pacific Time (Vancouver)", "fr": "Heure du Pacifique (Vancouver)"}[language]
    )
    expect(schedule).to_contain_text(
        {"en": "Post-test due", "fr": "Échéance du post-test"}[language]
    )
    assert_accessible(page)

    link = schedule.get_by_role(
        "link",
        name=re.compile({"en": "Add to my calendar", "fr": "Ajouter à mon calendrier"}[language]),
    )
    with page.expect_download() as download:
        link.click()
    calendar = Calendar.from_ical(Path(download.value.path()).read_bytes())
    starts = sorted(event.decoded("dtstart") for event in calendar.walk("VEVENT"))
    assert meeting.starts_at in starts

    # A phone: the schedule fits the screen.
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    assert page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
