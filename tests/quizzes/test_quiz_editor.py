"""The quiz editor fitted to each question: codes and slugs made up, only each type's fields kept,
a compact screen (issue 16). The browser side is tests/browser/test_quiz_editor.py."""

import pytest
from bs4 import BeautifulSoup
from wagtail.users.models import UserProfile

from quizzes.authoring import slug_from_text, unique_code
from quizzes.models import AssignmentRole, Choice, Question, Quiz
from tests.quizzes.test_admin import (
    choice,
    question,
    quiz_data,
    rendered_form_data,
    text_of,
    url,
)

pytestmark = pytest.mark.django_db


def blank_codes(data):
    """The same post with every code left blank, as a trainer who does not type them sends."""
    return {name: ("" if name.endswith("-code") else value) for name, value in data.items()}


def two_questions():
    return [
        question(
            "",
            "single",
            "Who signs the sponsorship undertaking?",
            "Qui signe l'engagement de parrainage?",
            [
                choice("", "The sponsoring group", "Le groupe de répondants", is_correct=True),
                choice("", "The newcomer", "Le nouvel arrivant"),
                choice("", "The visa office", "Le bureau des visas"),
            ],
        ),
        question(
            "",
            "true_false",
            "Sponsors support newcomers for twelve months.",
            "Les répondants soutiennent les nouveaux arrivants pendant douze mois.",
            [choice("", "True", "Vrai", is_correct=True), choice("", "False", "Faux")],
        ),
    ]


# --- Codes and slugs ---------------------------------------------------------------------------


def test_slugs_are_cut_at_a_word_and_made_unique():
    assert slug_from_text("Who signs the sponsorship undertaking? And then?", 40, "q") == (
        "who-signs-the-sponsorship-undertaking"
    )
    assert slug_from_text("Élément fiscal", 30, "q") == "element-fiscal"
    assert slug_from_text("???", 30, "choice") == "choice"
    taken = {"true"}
    assert unique_code("true", taken, 30) == "true-2"
    assert unique_code("true", taken, 30) == "true-3"
    # The number fits in the length, whatever the base's.
    assert unique_code("a" * 30, {"a" * 30}, 30) == "a" * 28 + "-2"


def test_blank_slug_and_codes_are_made_from_the_english_text(client, trainer):
    client.force_login(trainer)
    response = client.post(url("add"), blank_codes(quiz_data(two_questions(), slug="")))

    assert response.status_code == 302, text_of(response)[:3000]
    quiz = Quiz.objects.get()
    assert quiz.slug == "roles-in-sponsorship"
    first, second = quiz.questions.order_by("sort_order")
    assert first.code == "who-signs-the-sponsorship-undertaking"
    assert second.code == "sponsors-support-newcomers-for-twelve"
    assert list(first.choices.order_by("sort_order").values_list("code", flat=True)) == [
        "the-sponsoring-group",
        "the-newcomer",
        "the-visa-office",
    ]
    assert list(second.choices.order_by("sort_order").values_list("code", flat=True)) == [
        "true",
        "false",
    ]


def test_made_up_codes_stay_unique_and_typed_ones_are_kept(client, trainer):
    Quiz.objects.create(title_en="Roles in sponsorship", slug="roles-in-sponsorship")
    client.force_login(trainer)
    same_text = [
        question("", "free_text", "Anything else?", "Autre chose?"),
        question("anything-else", "free_text", "Something typed", "Saisi"),
        question("", "free_text", "Anything else?", "Autre chose?"),
        question(
            "",
            "single",
            "Pick",
            "Choisir",
            [
                choice("", "Yes", "Oui", is_correct=True),
                choice("", "Yes", "Oui aussi"),
                choice("Mine", "No", "Non"),
            ],
        ),
    ]
    response = client.post(url("add"), quiz_data(same_text, slug=""))

    assert response.status_code == 302, text_of(response)[:3000]
    quiz = Quiz.objects.exclude(pk=Quiz.objects.order_by("pk").first().pk).get()
    assert quiz.slug == "roles-in-sponsorship-2"
    assert list(quiz.questions.order_by("sort_order").values_list("code", flat=True)) == [
        "anything-else-2",
        "anything-else",
        "anything-else-3",
        "pick",
    ]
    choices = Choice.objects.filter(question__code="pick").order_by("sort_order")
    assert list(choices.values_list("code", flat=True)) == ["yes", "yes-2", "mine"]


@pytest.fixture
def saved_quiz():
    quiz = Quiz.objects.create(title_en="Sponsor duties", slug="sponsor-duties")
    question = Question.objects.create(
        quiz=quiz, sort_order=0, code="q1", kind="single", text_en="How long?", text_fr="Durée?"
    )
    Choice.objects.create(
        question=question, sort_order=0, code="a", label_en="A year", is_correct=True
    )
    Choice.objects.create(question=question, sort_order=1, code="b", label_en="Forever")
    return quiz


def test_a_saved_quiz_keeps_its_slug_and_codes_when_they_are_blanked(client, trainer, saved_quiz):
    client.force_login(trainer)
    data = rendered_form_data(client.get(url("edit", saved_quiz.pk)).content.decode())
    data["title_en"] = "Renamed duties"
    data["questions-0-text_en"] = "How long does it last?"
    response = client.post(url("edit", saved_quiz.pk), blank_codes(data | {"slug": ""}))

    assert response.status_code == 302, text_of(response)[:3000]
    saved_quiz.refresh_from_db()
    assert saved_quiz.slug == "sponsor-duties"
    question = saved_quiz.questions.get()
    assert question.code == "q1"
    assert list(question.choices.order_by("sort_order").values_list("code", flat=True)) == [
        "a",
        "b",
    ]


def test_a_new_question_next_to_saved_ones_gets_a_code_of_its_own(client, trainer, saved_quiz):
    client.force_login(trainer)
    data = rendered_form_data(client.get(url("edit", saved_quiz.pk)).content.decode())
    # The saved question's code, changed on purpose, is what the new one's text would give.
    data["questions-0-code"] = "how-long"
    added = quiz_data([question("", "free_text", "How long?", "Durée?")])
    data.update(
        {
            name.replace("questions-0-", "questions-1-", 1): value
            for name, value in added.items()
            if name.startswith("questions-0-")
        }
    )
    data["questions-TOTAL_FORMS"] = "2"
    data["questions-1-ORDER"] = "2"
    response = client.post(url("edit", saved_quiz.pk), data)

    assert response.status_code == 302, text_of(response)[:3000]
    codes = saved_quiz.questions.order_by("sort_order").values_list("code", flat=True)
    assert list(codes) == ["how-long", "how-long-2"]


# --- Each type keeps its own fields ------------------------------------------------------------


def test_a_forged_post_keeps_only_the_fields_of_each_type(client, trainer):
    """Fields another type uses, posted all the same (a changed type, a forged form), are not
    stored: a free-text question with choices, a single choice with a role and partial credit."""
    sponsor = AssignmentRole.objects.get(code="sponsor")
    client.force_login(trainer)
    forged = [
        question(
            "pick",
            "single",
            "Pick one",
            "Choisissez",
            [
                choice("a", "Yes", "Oui", is_correct=True, is_favourable=True, role=sponsor),
                choice("b", "No", "Non", is_not_applicable=True),
            ],
            partial_credit="on",
            max_length="10",
            points="3",
        ),
        question(
            "comment",
            "free_text",
            "Comments?",
            "Commentaires?",
            [choice("x", "Ignored", "Ignoré", is_correct=True)],
            points="5",
            explanation_en="Not shown",
            max_length="300",
        ),
    ]
    response = client.post(url("add"), quiz_data(forged))

    assert response.status_code == 302, text_of(response)[:3000]
    pick = Question.objects.get(code="pick")
    assert (pick.points, pick.partial_credit, pick.max_length) == (3, False, 2000)
    assert list(
        pick.choices.order_by("sort_order").values_list(
            "code", "is_correct", "correct_role", "is_favourable", "is_not_applicable"
        )
    ) == [("a", True, None, False, False), ("b", False, None, False, False)]
    comment = Question.objects.get(code="comment")
    assert (comment.points, comment.explanation_en or "", comment.max_length) == (1, "", 300)
    assert not comment.choices.exists()


def test_blank_choice_rows_are_left_out(client, trainer):
    """The editor starts a question with empty choice rows; those left empty are not stored."""
    client.force_login(trainer)
    with_blank_rows = question(
        "",
        "single",
        "Pick one",
        "Choisissez",
        [
            choice("", "Yes", "Oui", is_correct=True),
            choice("", "No", "Non"),
            choice("", "", ""),
        ],
    )
    data = quiz_data([with_blank_rows])
    # The admin's script numbers every row, blank ones too.
    for index in range(3):
        data[f"questions-0-choices-{index}-ORDER"] = str(index + 1)
    data["questions-0-ORDER"] = "1"
    response = client.post(url("add"), data)

    assert response.status_code == 302, text_of(response)[:3000]
    assert list(Choice.objects.order_by("sort_order").values_list("code", flat=True)) == [
        "yes",
        "no",
    ]


def test_a_question_row_left_empty_is_left_out(client, trainer):
    """A new quiz opens with a question ready; a survey saved without writing one has none."""
    client.force_login(trainer)
    data = quiz_data([question("", "single", "", "", [choice("", "", "")])], slug="")
    data["questions-0-ORDER"] = "1"
    data["questions-0-choices-0-ORDER"] = "1"
    response = client.post(url("add"), data)

    assert response.status_code == 302, text_of(response)[:3000]
    assert not Question.objects.exists()


# --- The screen --------------------------------------------------------------------------------


def edit_form(client, user, target):
    return BeautifulSoup(client.get(target).content.decode(), "html.parser").find(
        "form", id="w-editor-form"
    )


def test_each_field_says_which_question_types_use_it(client, trainer, saved_quiz):
    client.force_login(trainer)
    form = edit_form(client, trainer, url("edit", saved_quiz.pk))

    def kinds_of(name):
        field = form.find(attrs={"name": name})
        assert field is not None, name
        holder = field.find_parent(attrs={"data-quiz-kinds": True})
        return set(holder["data-quiz-kinds"].split()) if holder else None

    assert kinds_of("questions-0-partial_credit") == {"multiple"}
    assert kinds_of("questions-0-max_length") == {"free_text"}
    assert kinds_of("questions-0-choices-0-correct_role") == {"role_assignment"}
    assert kinds_of("questions-0-choices-0-is_favourable") == {"likert"}
    assert "rating" not in kinds_of("questions-0-choices-0-label_en")
    assert kinds_of("questions-0-text_en") is None
    # Choice labels are single-line inputs, English and French in one row.
    label_en = form.find(attrs={"name": "questions-0-choices-0-label_en"})
    assert label_en.name == "input"
    row = label_en.find_parent(class_="quiz-choice")
    assert row.find(attrs={"name": "questions-0-choices-0-label_fr"}) is not None
    assert row.find(attrs={"name": "questions-0-choices-0-is_correct"}) is not None
    assert form.find(attrs={"name": "questions-0-choices-0-feedback_en"}).name == "input"
    # No code is required: the form makes them up.
    assert not form.find(attrs={"name": "slug"}).has_attr("required")
    assert not form.find(attrs={"name": "questions-0-code"}).has_attr("required")


def test_the_title_fills_the_slug_of_a_new_quiz_only(client, trainer, saved_quiz):
    client.force_login(trainer)
    new = edit_form(client, trainer, url("add")).find(attrs={"name": "title_en"})
    assert "w-sync#apply" in new.get("data-action", "")
    assert new["data-w-sync-target-value"] == "#id_slug"
    saved = edit_form(client, trainer, url("edit", saved_quiz.pk)).find(attrs={"name": "title_en"})
    assert "w-sync#apply" not in saved.get("data-action", "")


def test_the_editor_speaks_french_in_the_french_admin(client, trainer, saved_quiz):
    profile = UserProfile.get_for_user(trainer)
    profile.preferred_language = "fr"
    profile.save()
    client.force_login(trainer)
    page = client.get(url("edit", saved_quiz.pk)).content.decode()
    soup = BeautifulSoup(page, "html.parser")
    editor = soup.find(attrs={"data-quiz-editor": True})
    assert editor["data-duplicate-label"] == "Dupliquer la question"
    assert "/static/quizzes/quiz_editor.js" in page
