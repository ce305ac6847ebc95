"""A trainer in the English and in the French admin (issue 16): the admin home's panels, the
French preview of a lesson and a course, and a session's progress at 1280 px with every column
on the screen."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from content.models import CoursePage, LessonPage
from learning.demo.courses import DEMO_COHORT_CODE
from learning.people.models import Cohort
from learning.people.services import cohort_join
from learning.progress.cohort_selectors import cohort_h5p_activities, cohort_quizzes
from learning.progress.services import lesson_complete
from quizzes.models import QuizKind
from quizzes.services import attempt_start, attempt_submit
from tests.browser.conftest import assert_accessible, session_cookies
from tests.learning.factories import ProfileFactory, UserFactory
from tests.quizzes.factories import make_quiz, single

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def headings(language):
    """The panels' headings as the catalogue has them in `language` (the French ones once
    locale/fr has issue 16's strings, /tmp/fr/trainer_home.json)."""
    with translation.override(language):
        return gettext("Your training sessions"), gettext("Courses and lessons missing French")


@pytest.fixture
def demo_session_for(request, demo_site, trainer_in):
    """The demo session run by a trainer whose admin speaks `language`, three learners with
    long names and addresses, and a knowledge check in the first lesson, taken by one."""

    def make(language):
        trainer = trainer_in(language)
        cohort = Cohort.objects.select_related("course").get(code=DEMO_COHORT_CODE)
        cohort.trainer = trainer
        cohort.save()
        lessons = list(LessonPage.objects.live().child_of(cohort.course).order_by("path"))
        check = make_quiz(
            [single()],
            kind=QuizKind.KNOWLEDGE_CHECK,
            title_en="Who pays for the first year?",
            title_fr="Qui paie la première année?",
        )
        first = lessons[0]
        block = {"type": "quiz", "value": {"quiz": check.pk, "required": False}}
        first.body_en = [*first.body_en.raw_data, block]
        first.body_fr = [*first.body_fr.raw_data, block]
        first.save_revision().publish()
        for index, name in enumerate(["Maximiliana", "Bartholomew", "Chiamaka"]):
            user = ProfileFactory(
                user=UserFactory(
                    first_name=name,
                    last_name="Okonkwo-Desrosiers-Vandermeulen",
                    email=f"{name.lower()}.okonkwo-desrosiers@settlement-services.example.org",
                ),
                organisation="Immigrant Services Association of Nova Scotia",
            ).user
            cohort_join(user=user, code=cohort.code)
            for lesson in lessons[: index + 1]:
                lesson_complete(user=user, lesson=lesson)
            if index == 0:
                attempt = attempt_start(quiz=check, user=user, language="en")
                answers = {q.pk: "sponsor" for q in check.questions.all()}
                attempt_submit(attempt=attempt, answers=answers, user=user)
        return trainer, cohort, lessons

    return make


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_trainer_reads_their_home_previews_in_french_and_follows_a_session(
    page, live_server, demo_session_for, language
):
    trainer, cohort, lessons = demo_session_for(language)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.context.add_cookies(session_cookies(trainer, live_server.url))

    # The admin home.
    page.goto(f"{live_server.url}/admin/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    sessions_heading, french_heading = headings(language)
    sessions = page.locator("#trainer-sessions-content")
    expect(page.get_by_role("heading", name=sessions_heading)).to_be_visible()
    expect(page.get_by_role("heading", name=french_heading)).to_be_visible()
    expect(sessions.get_by_role("link", name=cohort.name)).to_be_visible()
    expect(sessions.locator("tbody td").nth(2)).to_have_text("3")
    results = page.locator("#trainer-recent-results-content")
    expect(results).to_contain_text("Maximiliana Okonkwo-Desrosiers-Vandermeulen")
    expect(results).to_contain_text("100")
    assert_accessible(page)

    # The session's progress, at 1280 px: every column on the screen, none cut off.
    sessions.get_by_role("link", name=cohort.name).click()
    expect(page).to_have_url(re.compile(r"/progress/\d+/$"))
    headers = page.locator(".cohort-progress table thead th")
    columns = 7 + len(cohort_quizzes(cohort=cohort)) + len(cohort_h5p_activities(cohort=cohort))
    expect(headers).to_have_count(columns)
    quiz_title = {"en": "Who pays for the first year?", "fr": "Qui paie la première année?"}
    expect(page.locator(".cohort-progress")).to_contain_text(quiz_title[language])
    region = page.locator(".cohort-progress").bounding_box()
    assert region["x"] + region["width"] <= 1280
    for index in range(columns):
        box = headers.nth(index).bounding_box()
        label = headers.nth(index).inner_text()
        assert box["x"] >= region["x"] - 0.5, label
        assert box["x"] + box["width"] <= region["x"] + region["width"] + 0.5, label
        assert box["width"] >= 40, f"{label}: {box['width']} px"
    # Nothing to scroll sideways, in the region or the page.
    assert page.evaluate(
        "() => { const r = document.querySelector('.cohort-progress');"
        " return r.scrollWidth <= r.clientWidth + 1"
        " && document.documentElement.scrollWidth <= document.documentElement.clientWidth; }"
    )
    expect(page.locator(f'a[href$="/fr/learning/join/{cohort.code}/"]')).to_be_visible()
    expect(page.locator(f'a[href$="/en/learning/join/{cohort.code}/"]')).to_be_visible()
    assert_accessible(page)

    # The French join link, opened by someone signed out, leads to the sign-in in French.
    visitor = page.context.browser.new_page()
    visitor.goto(page.locator(f'a[href$="/fr/learning/join/{cohort.code}/"]').get_attribute("href"))
    expect(visitor).to_have_url(re.compile(r"/fr/[^?]*login"))
    expect(visitor.locator("html")).to_have_attribute("lang", "fr")
    visitor.close()

    # The French preview of a lesson, then of its course, from their edit pages.
    course = CoursePage.objects.get(pk=cohort.course_id)
    for item in (lessons[0], course):
        page.goto(f"{live_server.url}{reverse('wagtailadmin_pages:edit', args=[item.pk])}")
        toggle = page.locator('button[data-side-panel-toggle="preview"]')
        # Wagtail reopens the side panel last open: click only when it is closed.
        if toggle.get_attribute("aria-expanded") != "true":
            toggle.click()
        expect(toggle).to_have_attribute("aria-expanded", "true")
        mode = page.locator("#id_preview_mode")
        expect(mode.locator("option")).to_have_count(2)
        frame = page.frame_locator("#w-preview-iframe")
        titles = {"en": item.title_en, "fr": item.title_fr}
        other = "fr" if language == "en" else "en"
        # First in the admin's language (the default mode); a mode chosen while that loads
        # would be ignored, so wait for it.
        expect(mode).to_have_value(language)
        expect(frame.locator("html")).to_have_attribute("lang", language)
        expect(frame.locator("h1")).to_have_text(titles[language])
        mode.select_option(other)
        expect(frame.locator("html")).to_have_attribute("lang", other)
        expect(frame.locator("h1")).to_have_text(titles[other])
