"""A learner plays an H5P activity in a lesson: local player, no request leaves the machine,
the score is recorded and the lesson completes; the page shows both without a reload, the
result stays after one, and My learning lists it (issue 14)."""

import re

import pytest
from django.test import Client
from playwright.sync_api import expect

from content.h5p.models import H5PResult, H5PUserState
from content.h5p.services import h5p_package_create
from content.models import CoursePage
from learning.progress.models import LessonProgress
from tests.browser.conftest import assert_accessible
from tests.content.factories import LessonPageFactory, paragraph
from tests.content.h5p.builder import build_package
from tests.learning.factories import EnrolmentFactory, ProfileFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def log_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def test_learner_plays_an_h5p_activity_and_completes_the_lesson(
    page, live_server, settings, tmp_path, demo_site
):
    course = CoursePage.objects.filter(audience="sponsors").first()
    settings.MEDIA_ROOT = str(tmp_path / "media")
    with open(build_package(tmp_path), "rb") as fileobj:
        package = h5p_package_create(fileobj=fileobj, title_en="Who signs?", title_fr="Qui signe ?")
    h5p = {"type": "h5p", "value": {"package": package.pk, "quiz": None, "required": True}}
    lesson = LessonPageFactory(
        parent=course,
        title_en="The undertaking",
        title_fr="L'engagement",
        body_en=[paragraph("Read the question, then answer it."), h5p],
        body_fr=[paragraph("Lisez la question, puis répondez."), h5p],
    )
    learner = ProfileFactory().user
    EnrolmentFactory(user=learner, course=course)
    H5PUserState.objects.create(user=learner, package=package, data='{"selected": 2}')
    log_in(page, live_server, learner)

    page.goto(f"{live_server.url}{lesson.url}")
    expect(page.get_by_role("heading", name="Who signs?")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Start the activity").click()

    frame = page.frame_locator("iframe.h5p-iframe")
    question = frame.get_by_text("Who signs the sponsorship undertaking?")
    expect(question).to_be_visible()
    # The state saved last time is given back: the learner's choice is still there.
    expect(frame.get_by_label("The visa officer")).to_be_checked()
    expect(page.locator("[data-h5p-result]")).to_be_hidden()  # never tried
    frame.get_by_label("Every member of the sponsorship group").check()
    frame.get_by_role("button", name="Check").click()
    expect(frame.get_by_text("Correct!")).to_be_visible()
    # A full score completes the lesson: the page says so at once, and announces it.
    status = page.locator("[data-h5p-status]")
    expect(status).to_have_text("Your result is saved. Lesson complete.")
    expect(status).to_have_attribute("role", "status")
    best = re.compile(r"^Your best result: 1 of 1 \([\w.]+ \d+, \d{4}\)$")
    expect(page.locator("[data-h5p-result]")).to_have_text(best)
    actions = page.locator("[data-lesson-actions]")
    expect(actions.get_by_role("button", name="Mark this lesson complete")).to_have_count(0)
    expect(actions.get_by_text("You have completed this lesson.")).to_be_visible()
    # The next step of the course's path: the first lesson not done yet.
    first_lesson = course.get_children().live().first()
    next_step = actions.get_by_role("link", name=re.compile(r"^Continue: "))
    expect(next_step).to_be_visible()
    expect(next_step).to_have_attribute("href", first_lesson.url)
    expect(actions.locator(".progress__text")).to_have_text(re.compile(r"^1 of \d+ lessons done"))
    assert_accessible(page)
    # Fullscreen is offered when the browser supports it.
    expect(frame.locator(".h5p-enable-fullscreen")).to_have_count(1)

    # The state is saved every few seconds and when the page is hidden; save it now.
    page.evaluate("() => window.psrH5P.players.forEach((p) => window.psrH5P.saveState(p))")
    for _ in range(50):
        if H5PUserState.objects.get(user=learner).data == '{"selected":1}':
            break
        page.wait_for_timeout(100)
    assert H5PUserState.objects.get(user=learner).data == '{"selected":1}'

    result = H5PResult.objects.get(user=learner)
    assert (result.raw, result.max) == (1, 1)
    assert LessonProgress.objects.filter(enrolment__user=learner, lesson=lesson).exists()

    # After a reload: the result and the completed lesson are still there.
    page.reload()
    expect(page.locator("[data-h5p-result]")).to_have_text(best)
    expect(page.get_by_text("You have completed this lesson.")).to_be_visible()
    expect(page.get_by_role("button", name="Mark this lesson complete")).to_have_count(0)

    page.goto(f"{live_server.url}/en/learning/")
    card = page.locator(f"#course-{course.pk}")
    expect(card.locator(".progress__text")).to_have_text(re.compile(r"1 of \d+ lessons? done"))
    expect(card.locator(".course-path__activity")).to_have_text(
        ["Who signs? (The undertaking): 1 of 1"]
    )
    assert_accessible(page)
