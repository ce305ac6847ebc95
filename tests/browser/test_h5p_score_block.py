"""A trainer in the English and in the French admin ticks "Score this activity" on a lesson's H5P
block and saves: the quiz that records the activity's score is made and chosen in the block,
with no quiz made by hand first (issue 16; content/blocks.py H5PBlock)."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from content.h5p.models import H5PPackage
from content.models import LessonPage
from quizzes.models import Quiz
from tests.browser.conftest import session_cookies, words
from tests.content.factories import LessonPageFactory, paragraph

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def authoring(course, trainer_in):
    def make(language):
        trainer = trainer_in(language)
        package = H5PPackage.objects.create(
            title_en="Who does what",
            title_fr="Qui fait quoi",
            language="en",
            main_library="H5P.Blanks 1.14",
        )
        h5p = {"type": "h5p", "value": {"package": package.pk, "quiz": None, "required": False}}
        lesson = LessonPageFactory(
            parent=course,
            title_en="Roles",
            title_fr="Les rôles",
            slug_en="roles",
            slug_fr="les-roles",
            body_en=[paragraph("Roles."), h5p],
            body_fr=[paragraph("Les rôles."), h5p],
        )
        return trainer, package, lesson

    return make


@pytest.mark.parametrize("language", ["en", "fr"])
def test_ticking_score_this_activity_makes_and_links_its_quiz(
    page, live_server, authoring, language
):
    trainer, package, lesson = authoring(language)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.context.add_cookies(session_cookies(trainer, live_server.url))
    page.goto(f"{live_server.url}{reverse('wagtailadmin_pages:edit', args=[lesson.pk])}")
    expect(page.locator("html")).to_have_attribute("lang", language)
    assert not Quiz.objects.exists()

    # The option is on the block, in the admin's language, in the English body's column.
    english = page.locator(".psr-bilingual--stream .psr-bilingual__column--en")
    option = english.get_by_label(words(language, "Score this activity"))
    expect(option).to_have_count(1)
    option.check()
    page.locator("footer button.action-save").first.click()
    expect(page.locator(".messages .success")).to_be_visible()

    # Saved: the quiz is made once, chosen in the block, and shown there by its title.
    quiz = Quiz.objects.get(slug=f"h5p-activity-{package.pk}")
    draft = LessonPage.objects.get(pk=lesson.pk).get_latest_revision_as_object()
    h5p = next(block for block in draft.body_en if block.block_type == "h5p")
    assert h5p.value["quiz"] == quiz
    expect(english.get_by_label(words(language, "Score this activity"))).to_be_checked()
    expect(english).to_contain_text(quiz.title_fr if language == "fr" else quiz.title_en)
