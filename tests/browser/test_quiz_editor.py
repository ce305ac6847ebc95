"""A trainer writes a two-question quiz in the admin's quiz editor, in French and in English, and
the test counts what it took: clicks and fields filled (issue 16: 13 clicks and 35 fields
before; the target is at most 8 clicks and 20 fields)."""

import re

import pytest
from playwright.sync_api import expect

from quizzes.models import Quiz
from tests.browser.conftest import assert_accessible, session_cookies

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

MAX_CLICKS = 8
MAX_FIELDS = 20

# What the trainer sees, in the admin's language.
WORDS = {
    "en": {
        "add_quiz": "Add quiz or survey",
        "duplicate": "Duplicate question",
        "choices_help": "One row per choice, English then French.",
        "duplicated": "Question duplicated: the copy is at the end of the list.",
        "add_question": "Add a question",
        "add_choice": "Add a choice",
        "choose_course": "Choose a course",
        "title_fr": "Title (French)",
        "label_fr": "Label (French)",
    },
    "fr": {
        "add_quiz": "Ajouter un questionnaire ou un sondage",
        "duplicate": "Dupliquer la question",
        "choices_help": "Une rangée par choix, en anglais puis en français.",
        "duplicated": "Question dupliquée : la copie se trouve à la fin de la liste.",
        "add_question": "Ajouter une question",
        "add_choice": "Ajouter un choix",
        "choose_course": "Choisir un cours",
        "title_fr": "Titre (français)",
        "label_fr": "Libellé (français)",
    },
}


class Trainer:
    """The trainer's hands: every click and every field filled is counted."""

    def __init__(self, page):
        self.page = page
        self.clicks = 0
        self.fields = 0

    def click(self, locator):
        locator.click()
        self.clicks += 1

    def fill(self, name, value):
        self.page.locator(f'[name="{name}"]').fill(value)
        self.fields += 1

    def choose(self, name, value):
        self.page.locator(f'select[name="{name}"]').select_option(value)
        self.fields += 1

    def tick(self, name):
        self.click(self.page.locator(f'input[name="{name}"]'))


def visible(page, name):
    return page.locator(f'[name="{name}"]')


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_trainer_writes_a_two_question_quiz_in_few_clicks(
    page, live_server, trainer_in, language
):
    words = WORDS[language]
    script_errors = []
    page.on("pageerror", lambda error: script_errors.append(str(error)))
    page.context.add_cookies(session_cookies(trainer_in(language), live_server.url))
    page.goto(f"{live_server.url}/admin/snippets/quizzes/quiz/")
    trainer = Trainer(page)

    trainer.click(page.get_by_role("link", name=words["add_quiz"]).first)
    expect(page.locator("#id_questions-FORMS > [data-inline-panel-child]")).to_have_count(1)
    # Every label in words, in the admin's language: no "Title [fr]", no "Choose a page
    # (Course)" left in English.
    expect(page.locator('label[for="id_title_fr"]')).to_have_text(words["title_fr"])
    expect(page.locator('label[for="id_questions-0-choices-0-label_fr"]')).to_have_text(
        words["label_fr"]
    )
    labels = page.locator("form label").all_inner_texts()
    assert not [text for text in labels if "[en]" in text or "[fr]" in text], labels
    expect(page.get_by_role("button", name=words["choose_course"])).to_be_visible()

    trainer.fill("title_en", "Who does what?")
    trainer.fill("title_fr", "Qui fait quoi?")
    # The slug follows the English title as it is typed.
    expect(page.locator("#id_slug")).to_have_value("who-does-what")

    # The first question is open, single choice, with three empty choice rows.
    trainer.fill("questions-0-text_en", "Who signs the sponsorship undertaking?")
    trainer.fill("questions-0-text_fr", "Qui signe l'engagement de parrainage?")
    for name in ("questions-0-max_length", "questions-0-partial_credit"):
        expect(visible(page, name)).to_be_hidden()
    expect(visible(page, "questions-0-points")).to_be_visible()
    expect(visible(page, "questions-0-choices-0-correct_role")).to_be_hidden()
    expect(visible(page, "questions-0-choices-0-is_favourable")).to_be_hidden()
    expect(page.get_by_text(words["choices_help"])).to_be_visible()
    for index, (english, french) in enumerate(
        [
            ("The sponsoring group", "Le groupe de répondants"),
            ("The newcomer", "Le nouvel arrivant"),
            ("The visa office", "Le bureau des visas"),
        ]
    ):
        trainer.fill(f"questions-0-choices-{index}-label_en", english)
        trainer.fill(f"questions-0-choices-{index}-label_fr", french)
    # The code the server will make shows in the empty code field.
    expect(visible(page, "questions-0-choices-2-code")).to_have_attribute(
        "placeholder", "the-visa-office"
    )
    trainer.tick("questions-0-choices-0-is_correct")
    # A choice is one row: its labels, code and "correct" side by side.
    first_choice = page.locator("#inline_child_questions-0-choices-0 .quiz-choice__row").first
    assert first_choice.bounding_box()["height"] < 120

    expect(page.get_by_role("button", name=words["add_choice"])).to_have_count(1)
    trainer.click(page.get_by_role("button", name=words["add_question"]))
    trainer.choose("questions-1-kind", "true_false")
    # True and False are there, in both languages; the answer key fields only.
    expect(visible(page, "questions-1-choices-0-label_en")).to_have_value("True")
    expect(visible(page, "questions-1-choices-1-label_fr")).to_have_value("Faux")
    expect(visible(page, "questions-1-choices-0-is_correct")).to_be_visible()
    expect(visible(page, "questions-1-choices-0-correct_role")).to_be_hidden()
    trainer.fill("questions-1-text_en", "Sponsors support newcomers for twelve months.")
    trainer.fill("questions-1-text_fr", "Les répondants soutiennent les nouveaux arrivants un an.")
    trainer.tick("questions-1-choices-0-is_correct")
    assert_accessible(page)

    trainer.click(page.locator("button.action-save").first)
    expect(page).to_have_url(re.compile(r"/admin/snippets/quizzes/quiz/$"))

    print(f"[{language}] clicks: {trainer.clicks}, fields filled: {trainer.fields}")
    assert trainer.clicks <= MAX_CLICKS
    assert trainer.fields <= MAX_FIELDS

    quiz = Quiz.objects.get()
    assert (quiz.slug, quiz.title_fr) == ("who-does-what", "Qui fait quoi?")
    first, second = quiz.questions.order_by("sort_order")
    assert (first.code, first.kind) == ("who-signs-the-sponsorship-undertaking", "single")
    assert list(first.choices.order_by("sort_order").values_list("code", "is_correct")) == [
        ("the-sponsoring-group", True),
        ("the-newcomer", False),
        ("the-visa-office", False),
    ]
    assert second.kind == "true_false"
    assert list(
        second.choices.order_by("sort_order").values_list("code", "label_fr", "is_correct")
    ) == [("true", "Vrai", True), ("false", "Faux", False)]

    # Duplicating a question: the copy comes with its choices and gets a code of its own.
    page.goto(f"{live_server.url}/admin/snippets/quizzes/quiz/edit/{quiz.pk}/")
    page.locator("#inline_child_questions-0").get_by_role("button", name=words["duplicate"]).click()
    expect(page.locator("#id_questions-FORMS > [data-inline-panel-child]")).to_have_count(3)
    expect(visible(page, "questions-2-text_fr")).to_have_value(
        "Qui signe l'engagement de parrainage?"
    )
    expect(visible(page, "questions-2-choices-1-label_en")).to_have_value("The newcomer")
    expect(visible(page, "questions-2-choices-0-is_correct")).to_be_checked()
    expect(page.locator("[data-quiz-editor-status]")).to_have_text(words["duplicated"])
    page.locator("button.action-save").first.click()
    expect(page).to_have_url(re.compile(r"/admin/snippets/quizzes/quiz/$"))
    codes = list(quiz.questions.order_by("sort_order").values_list("code", flat=True))
    assert codes == [
        "who-signs-the-sponsorship-undertaking",
        "sponsors-support-newcomers-for-twelve",
        "who-signs-the-sponsorship-undertaking-2",
    ]
    assert not script_errors
    copy = quiz.questions.get(code="who-signs-the-sponsorship-undertaking-2")
    assert list(copy.choices.order_by("sort_order").values_list("code", "is_correct")) == [
        ("the-sponsoring-group", True),
        ("the-newcomer", False),
        ("the-visa-office", False),
    ]
