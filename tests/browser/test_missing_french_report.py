"""A trainer in the English and in the French admin (issue 16): the Missing French report names
where each string is and links to its field, "same in both languages" takes a row away (and
undo brings it back), English H5P activities in the French body are flagged, and H5P packages
have their own sidebar item with their language in words."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from content.h5p.models import H5PPackage
from tests.browser.conftest import assert_accessible, session_cookies, words
from tests.content.factories import LessonPageFactory, paragraph
from tests.quizzes.factories import make_quiz, single

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def authoring(course, trainer_in):
    """A quiz whose third question's second choice reads "Agree" in both languages, and a
    lesson showing an English H5P activity in its French body."""

    def make(language):
        trainer = trainer_in(language)
        quiz = make_quiz(
            [single(code="one"), single(code="two"), single(code="three")],
            title_en="Pre-test",
            title_fr="Test préalable",
        )
        choice = quiz.questions.order_by("sort_order")[2].choices.order_by("sort_order")[1]
        choice.label_en = choice.label_fr = "Agree"
        choice.save()
        english = H5PPackage.objects.create(
            title_en="Who does what",
            title_fr="Who does what",
            language="en",
            main_library="H5P.Blanks 1.14",
        )
        H5PPackage.objects.create(
            title_en="Sorting", title_fr="Le tri", language="und", main_library="H5P.Blanks 1.14"
        )
        h5p = {"type": "h5p", "value": {"package": english.pk, "quiz": None, "required": False}}
        LessonPageFactory(
            parent=course,
            title_en="Roles",
            title_fr="Les rôles",
            slug_en="roles",
            slug_fr="les-roles",
            body_en=[paragraph("Roles."), h5p],
            body_fr=[paragraph("Les rôles."), h5p],
        )
        return trainer, quiz

    return make


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_trainer_finds_fixes_and_marks_missing_french(page, live_server, authoring, language):
    trainer, quiz = authoring(language)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.context.add_cookies(session_cookies(trainer, live_server.url))
    report_url = f"{live_server.url}{reverse('missing_french_report')}"
    page.goto(report_url)
    expect(page.locator("html")).to_have_attribute("lang", language)

    # The choice is named by its quiz and its place, and links to its field.
    quiz_kind = words(language, "quiz or survey").capitalize()
    choice_place = f"question 3, {words(language, 'choice')} 2"
    row = page.locator("table tbody tr").filter(has_text=choice_place)
    expect(row).to_have_count(1)
    # The quiz's title in the admin's language.
    title = quiz.title_fr if language == "fr" else quiz.title_en
    # "Questionnaire ou sondage : Test préalable", with French's space before the colon.
    name = words(language, "%(kind)s: %(title)s") % {"kind": quiz_kind, "title": title}
    expect(row).to_contain_text(name)
    expect(row).to_contain_text("Agree")
    link = row.get_by_role("link", name=name)
    edit_url = reverse("wagtailsnippets_quizzes_quiz:edit", args=[quiz.pk])
    expect(link).to_have_attribute("href", f"{edit_url}#id_questions-2-choices-1-label_fr")
    # No row without its object.
    for text in page.locator("table tbody tr td:first-child").all_inner_texts():
        assert ": " in text, text

    # The English activity in the French body, with a link to its lesson.
    misplaced = page.locator(".missing-french-h5p li")
    expect(misplaced).to_have_count(1)
    expect(misplaced).to_contain_text("Who does what")
    expect(misplaced).to_contain_text("Les rôles" if language == "fr" else "Roles")
    assert_accessible(page)

    # The link opens the quiz at the choice's French label.
    link.click()
    expect(page.locator("#id_questions-2-choices-1-label_fr")).to_have_count(1)
    assert page.url.endswith("#id_questions-2-choices-1-label_fr")

    # "Same in both languages": the row goes; undo brings it back.
    page.goto(report_url)
    row.locator("form button[type=submit]").click()
    expect(page.locator("table tbody tr").filter(has_text=choice_place)).to_have_count(0)
    page.goto(f"{live_server.url}{reverse('missing_french_exemptions')}")
    marked = page.locator("table tbody tr").filter(has_text="Agree")
    expect(marked).to_have_count(1)
    marked.locator("form button[type=submit]").click()
    page.goto(report_url)
    expect(page.locator("table tbody tr").filter(has_text=choice_place)).to_have_count(1)

    # H5P packages: an item of the sidebar, their languages in words.
    packages = words(language, "H5P packages")
    page.locator("#wagtail-sidebar").get_by_role("link", name=packages).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(packages)
    table = page.locator("#listing-results table tbody")
    expect(table).to_contain_text(words(language, "English"))
    expect(table).to_contain_text(words(language, "Not stated"))
    expect(table).not_to_contain_text("und")
    assert_accessible(page)
