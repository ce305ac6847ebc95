"""Quizzes in the Wagtail admin: one screen per quiz, nested questions and choices, both languages.

Everything goes through the real admin views (snippet add, edit, list, inspect) as a trainer,
a program lead or a learner would reach them.
"""

import html
import importlib

import pytest
from bs4 import BeautifulSoup
from django.apps import apps as django_apps
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from learning.roles import PROGRAM_LEADS, TRAINERS
from quizzes.models import Answer, AssignmentRole, Choice, Question, Quiz

pytestmark = pytest.mark.django_db

NAMESPACE = "wagtailsnippets_quizzes_quiz"
ROLES_NAMESPACE = "wagtailsnippets_quizzes_assignmentrole"

SUMMARY = (
    "The quiz was not saved: some questions or choices need correcting. Each one is marked below."
)


def url(name, *args):
    return reverse(f"{NAMESPACE}:{name}", args=args)


# --- Form data as the editor posts it ---------------------------------------------------------


def checkboxes(flags):
    """Ticked boxes post "on"; unticked ones post nothing."""
    return {name: "on" for name, ticked in flags.items() if ticked}


def choice(code, label_en, label_fr, *, role=None, **flags):
    return {
        "id": "",
        "code": code,
        "label_en": label_en,
        "label_fr": label_fr,
        "correct_role": str(role.pk) if role else "",
        "feedback_en": "",
        "feedback_fr": "",
        **checkboxes(flags),
    }


def question(code, kind, text_en, text_fr, choices=(), **extra):
    return {
        "id": "",
        "code": code,
        "kind": kind,
        "text_en": text_en,
        "text_fr": text_fr,
        "explanation_en": "",
        "explanation_fr": "",
        "points": "1",
        "max_length": "2000",
        "required": "on",
        "choices": inline_formset(list(choices)),
        **extra,
    }


def quiz_data(questions, **fields):
    data = {
        "title_en": "Roles in sponsorship",
        "title_fr": "Les rôles dans le parrainage",
        "slug": "roles-in-sponsorship",
        "kind": "knowledge_check",
        "course": "",
        "intro_en": "Who does what before and after arrival.",
        "intro_fr": "Qui fait quoi avant et après l'arrivée.",
        "pass_mark": "70",
        "attempts_allowed": "0",
        "grading_policy": "highest",
        "feedback_timing": "after_submit",
        "questions": inline_formset(list(questions)),
    }
    data.update(fields)
    return nested_form_data(data)


def single_choice_question(code="q1", **correct):
    """A valid single-choice question; `correct` overrides which choices are ticked correct."""
    flags = {"a": True, "b": False} | correct
    return question(
        code,
        "single",
        "Who signs the sponsorship undertaking?",
        "Qui signe l'engagement de parrainage?",
        [
            choice("a", "The sponsoring group", "Le groupe de répondants", is_correct=flags["a"]),
            choice("b", "The newcomer", "Le nouvel arrivant", is_correct=flags["b"]),
        ],
    )


def text_of(response):
    return html.unescape(response.content.decode())


def assert_nothing_stored():
    assert not Quiz.objects.exists()
    assert not Question.objects.exists()
    assert not Choice.objects.exists()


def rendered_form_data(page):
    """What the browser would submit from the rendered edit form, unchanged."""
    form = BeautifulSoup(page, "html.parser").find("form", id="w-editor-form")
    data = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        # Skip buttons and the blank forms the "Add" buttons copy (inside <template>).
        if not name or "__prefix__" in name or field.get("type") in {"submit", "button"}:
            continue
        if field.get("type") == "checkbox":
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        elif field.name == "select":
            selected = field.find("option", selected=True)
            data[name] = selected.get("value", "") if selected else ""
        elif field.name == "textarea":
            data[name] = field.text.removeprefix("\n")
        else:
            data[name] = field.get("value", "")
    return data


# --- Create ------------------------------------------------------------------------------------


def test_trainer_creates_a_quiz_with_questions_and_choices_in_both_languages(
    client, trainer, course
):
    sponsor = AssignmentRole.objects.get(code="sponsor")
    newcomer = AssignmentRole.objects.get(code="newcomer")
    client.force_login(trainer)
    assert client.get(url("add")).status_code == 200

    response = client.post(
        url("add"),
        quiz_data(
            [
                # Codes are slugs: typed with capitals and spaces, stored lower-case.
                single_choice_question(code=" Q1 "),
                question(
                    "who-does-what",
                    "role_assignment",
                    "Who does each task?",
                    "Qui accomplit chaque tâche?",
                    [
                        choice(
                            "housing",
                            "Find first housing",
                            "Trouver un premier logement",
                            role=sponsor,
                        ),
                        choice(
                            "job-search",
                            "Look for work",
                            "Chercher un emploi",
                            role=newcomer,
                        ),
                    ],
                ),
            ],
            course=str(course.pk),
        ),
    )

    assert response.status_code == 302, text_of(response)[:3000]
    quiz = Quiz.objects.get(slug="roles-in-sponsorship")
    assert quiz.title_en == "Roles in sponsorship"
    assert quiz.title_fr == "Les rôles dans le parrainage"
    assert quiz.intro_fr == "Qui fait quoi avant et après l'arrivée."
    assert quiz.course_id == course.pk
    assert quiz.revision == 1
    questions = list(quiz.questions.order_by("sort_order"))
    assert [q.code for q in questions] == ["q1", "who-does-what"]
    assert [q.kind for q in questions] == ["single", "role_assignment"]
    assert questions[0].text_en == "Who signs the sponsorship undertaking?"
    assert questions[0].text_fr == "Qui signe l'engagement de parrainage?"
    assert questions[1].text_fr == "Qui accomplit chaque tâche?"
    first = list(questions[0].choices.order_by("sort_order"))
    assert [(c.code, c.label_en, c.label_fr, c.is_correct) for c in first] == [
        ("a", "The sponsoring group", "Le groupe de répondants", True),
        ("b", "The newcomer", "Le nouvel arrivant", False),
    ]
    tasks = list(questions[1].choices.order_by("sort_order"))
    assert [(c.code, c.label_fr, c.correct_role) for c in tasks] == [
        ("housing", "Trouver un premier logement", sponsor),
        ("job-search", "Chercher un emploi", newcomer),
    ]


def test_an_anonymous_survey_without_choice_questions_is_accepted(client, trainer):
    client.force_login(trainer)
    response = client.post(
        url("add"),
        quiz_data(
            [
                question("confidence", "rating", "How confident are you?", "Votre confiance?"),
                question("comments", "free_text", "Anything else?", "Autre chose?"),
            ],
            kind="evaluation_survey",
            slug="end-of-course-survey",
            anonymous="on",
        ),
    )
    assert response.status_code == 302, text_of(response)[:3000]
    survey = Quiz.objects.get(slug="end-of-course-survey")
    assert survey.anonymous
    assert survey.questions.count() == 2


def test_choices_and_questions_marked_for_deletion_are_not_checked_or_stored(client, trainer):
    client.force_login(trainer)
    valid = single_choice_question()
    # A second "correct" choice, deleted before saving: the question still has one correct.
    valid["choices"] = inline_formset(
        [
            choice("a", "Yes", "Oui", is_correct=True),
            choice("b", "No", "Non"),
            {**choice("c", "Also yes", "Aussi oui", is_correct=True), "DELETE": "on"},
        ]
    )
    # A deleted question, with a duplicate code and no choices.
    deleted = {**question("q1", "single", "Gone", "Disparue"), "DELETE": "on"}

    response = client.post(url("add"), quiz_data([valid, deleted]))

    assert response.status_code == 302, text_of(response)[:3000]
    quiz = Quiz.objects.get()
    assert quiz.questions.count() == 1
    assert list(quiz.questions.get().choices.values_list("code", flat=True)) == ["a", "b"]


def test_english_is_required_french_is_not(client, trainer):
    client.force_login(trainer)
    missing_english = single_choice_question()
    missing_english["text_en"] = ""
    missing_english["text_fr"] = ""
    response = client.post(url("add"), quiz_data([missing_english]))
    assert response.status_code == 200
    assert "This field is required." in text_of(response)
    assert_nothing_stored()


# --- Refused quizzes ---------------------------------------------------------------------------


def role_task(code, role=None):
    return choice(code, f"Task {code}", f"Tâche {code}", role=role)


def invalid_cases():
    """(case id, questions to post, extra quiz fields, the message the trainer sees)."""
    return [
        (
            "single-choice-without-a-correct-choice",
            lambda: [single_choice_question(a=False)],
            {},
            "A single-choice or true-or-false question needs exactly one correct choice",
        ),
        (
            "single-choice-with-two-correct-choices",
            lambda: [single_choice_question(b=True)],
            {},
            "A single-choice or true-or-false question needs exactly one correct choice",
        ),
        (
            "true-false-without-a-correct-choice",
            lambda: [
                question(
                    "tf",
                    "true_false",
                    "Sponsors pay for the first year.",
                    "Les répondants paient la première année.",
                    [choice("true", "True", "Vrai"), choice("false", "False", "Faux")],
                )
            ],
            {},
            "A single-choice or true-or-false question needs exactly one correct choice",
        ),
        (
            "multiple-choice-without-a-correct-choice",
            lambda: [
                question(
                    "mc",
                    "multiple",
                    "Which documents?",
                    "Quels documents?",
                    [choice("a", "Passport", "Passeport"), choice("b", "Lease", "Bail")],
                )
            ],
            {},
            "A multiple-choice question needs at least one correct choice.",
        ),
        (
            "role-assignment-task-without-a-role",
            lambda: [
                question(
                    "roles",
                    "role_assignment",
                    "Who does each task?",
                    "Qui accomplit chaque tâche?",
                    [
                        role_task("housing", AssignmentRole.objects.get(code="sponsor")),
                        role_task("school"),
                    ],
                )
            ],
            {},
            "Choose the role that does this task.",
        ),
        (
            "likert-without-a-favourable-option",
            lambda: [
                question(
                    "useful",
                    "likert",
                    "The session was useful.",
                    "La séance était utile.",
                    [
                        choice("agree", "Agree", "D'accord"),
                        choice("disagree", "Disagree", "Pas d'accord"),
                    ],
                )
            ],
            {"kind": "evaluation_survey"},
            "A Likert question needs at least one favourable option",
        ),
        (
            "duplicate-question-codes",
            # The same code once lower-cased.
            lambda: [single_choice_question(code="q1"), single_choice_question(code="Q1")],
            {},
            "Another question in this quiz has the code “q1”. Give each question its own code.",
        ),
        (
            "duplicate-choice-codes",
            lambda: [
                question(
                    "q1",
                    "single",
                    "Pick one",
                    "Choisissez",
                    [
                        choice("a", "Yes", "Oui", is_correct=True),
                        choice("a", "No", "Non"),
                    ],
                )
            ],
            {},
            "Another choice in this question has the code “a”. Give each choice its own code.",
        ),
        *[
            (
                f"{kind}-question-without-choices",
                lambda kind=kind: [question("empty", kind, "A question", "Une question")],
                {"kind": "evaluation_survey"} if kind == "likert" else {},
                "Add at least one choice: this type of question is answered from its choices.",
            )
            for kind in ("single", "multiple", "true_false", "role_assignment", "likert")
        ],
    ]


@pytest.mark.parametrize(
    ("questions", "fields", "message"),
    [pytest.param(*case[1:], id=case[0]) for case in invalid_cases()],
)
def test_a_quiz_that_cannot_be_answered_or_scored_is_refused(
    client, trainer, questions, fields, message
):
    client.force_login(trainer)
    response = client.post(url("add"), quiz_data(questions(), **fields))
    assert response.status_code == 200
    text = text_of(response)
    assert message in text
    assert SUMMARY in text
    assert_nothing_stored()


def test_the_error_is_shown_on_the_question_at_fault(client, trainer):
    client.force_login(trainer)
    response = client.post(
        url("add"), quiz_data([single_choice_question("fine"), single_choice_question(a=False)])
    )
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    faulty = soup.find(id="inline_child_questions-1")
    fine = soup.find(id="inline_child_questions-0")
    assert "exactly one correct choice" in faulty.get_text(" ")
    assert "exactly one correct choice" not in fine.get_text(" ")


def test_both_questions_sharing_a_code_are_marked(client, trainer):
    client.force_login(trainer)
    response = client.post(
        url("add"),
        quiz_data(
            [
                single_choice_question(code="q1"),
                single_choice_question(code="q2"),
                single_choice_question(code="Q1"),
            ]
        ),
    )
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    message = "Another question in this quiz has the code “q1”."
    assert message in soup.find(id="inline_child_questions-0").get_text(" ")
    assert message not in soup.find(id="inline_child_questions-1").get_text(" ")
    assert message in soup.find(id="inline_child_questions-2").get_text(" ")


def test_the_error_is_shown_on_the_task_without_a_role(client, trainer):
    client.force_login(trainer)
    sponsor = AssignmentRole.objects.get(code="sponsor")
    response = client.post(
        url("add"),
        quiz_data(
            [
                question(
                    "roles",
                    "role_assignment",
                    "Who does each task?",
                    "Qui accomplit chaque tâche?",
                    [role_task("housing", sponsor), role_task("school")],
                )
            ]
        ),
    )
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    message = "Choose the role that does this task."
    assert message in soup.find(id="inline_child_questions-0-choices-1").get_text(" ")
    assert message not in soup.find(id="inline_child_questions-0-choices-0").get_text(" ")


def test_only_an_evaluation_survey_can_be_anonymous(client, trainer):
    client.force_login(trainer)
    response = client.post(
        url("add"), quiz_data([single_choice_question()], kind="post_test", anonymous="on")
    )
    assert response.status_code == 200
    assert "Only an evaluation survey can be anonymous" in text_of(response)
    assert_nothing_stored()


# --- Edit --------------------------------------------------------------------------------------


@pytest.fixture
def quiz(course):
    quiz = Quiz.objects.create(
        title_en="Sponsor duties",
        title_fr="Les obligations des répondants",
        slug="sponsor-duties",
        course=course,
    )
    first = Question.objects.create(
        quiz=quiz,
        sort_order=0,
        code="q1",
        kind="single",
        text_en="How long does sponsorship last?",
        text_fr="Combien de temps dure le parrainage?",
    )
    Choice.objects.create(
        question=first, sort_order=0, code="a", label_en="12 months", label_fr="12 mois"
    )
    Choice.objects.create(
        question=first,
        sort_order=1,
        code="b",
        label_en="Until citizenship",
        label_fr="Jusqu'à la citoyenneté",
        is_correct=True,
    )
    second = Question.objects.create(
        quiz=quiz,
        sort_order=1,
        code="q2",
        kind="multiple",
        text_en="What do sponsors provide?",
        text_fr="Que fournissent les répondants?",
    )
    Choice.objects.create(
        question=second,
        sort_order=0,
        code="a",
        label_en="Income support",
        label_fr="Soutien du revenu",
        is_correct=True,
    )
    return quiz


def test_edit_page_shows_both_languages_and_nested_choices(client, trainer, quiz):
    client.force_login(trainer)
    response = client.get(url("edit", quiz.pk))
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    form = soup.find("form", id="w-editor-form")

    def value(name):
        field = form.find(attrs={"name": name})
        assert field is not None, name
        return field.text.strip() if field.name == "textarea" else field.get("value")

    assert value("title_en") == "Sponsor duties"
    assert value("title_fr") == "Les obligations des répondants"
    assert value("questions-0-text_en") == "How long does sponsorship last?"
    assert value("questions-0-text_fr") == "Combien de temps dure le parrainage?"
    assert value("questions-0-choices-1-label_fr") == "Jusqu'à la citoyenneté"
    assert value("questions-1-choices-0-label_en") == "Income support"
    roles = form.find("select", attrs={"name": "questions-0-choices-0-correct_role"})
    assert [option.get_text(strip=True) for option in roles.find_all("option")][1:] == [
        "Sponsor",
        "Settlement worker",
        "Shared",
        "Newcomer",
    ]
    for name in ("pass_mark", "grading_policy", "feedback_timing", "anonymous"):
        assert form.find(attrs={"name": name}), name
    # Settings are grouped under their own heading.
    assert "Settings" in form.get_text(" ")


def test_an_edit_through_the_admin_bumps_the_revision(client, trainer, quiz):
    client.force_login(trainer)
    data = rendered_form_data(client.get(url("edit", quiz.pk)).content.decode())
    data["title_fr"] = "Obligations des répondants"
    data["questions-1-choices-0-label_fr"] = "Aide au revenu"

    response = client.post(url("edit", quiz.pk), data)

    assert response.status_code == 302, text_of(response)[:3000]
    quiz.refresh_from_db()
    assert quiz.revision == 2
    assert quiz.title_fr == "Obligations des répondants"
    assert quiz.title_en == "Sponsor duties"
    assert Choice.objects.get(question__code="q2", code="a").label_fr == "Aide au revenu"
    # Nothing was duplicated or lost.
    assert quiz.questions.count() == 2
    assert Choice.objects.filter(question__quiz=quiz).count() == 3

    data = rendered_form_data(client.get(url("edit", quiz.pk)).content.decode())
    assert client.post(url("edit", quiz.pk), data).status_code == 302
    quiz.refresh_from_db()
    assert quiz.revision == 3


def test_learners_see_an_admin_edit_at_once_though_their_server_keeps_copies(
    client, trainer, learner, quiz
):
    # Each process keeps the quiz per version (quizzes/definitions.py): an edit must not wait
    # for those copies to expire, neither for what learners read nor for how answers score.
    reader = Client()
    reader.force_login(learner)
    api = f"/api/v1/quizzes/{quiz.slug}?lang=fr"
    before = reader.get(api).json()
    assert before["questions"][1]["choices"][0]["label"] == "Soutien du revenu"
    attempt = reader.post(
        f"/api/v1/quizzes/{quiz.slug}/attempts", {}, content_type="application/json"
    ).json()
    q1 = before["questions"][0]["id"]
    save = f"/api/v1/attempts/{attempt['id']}/answers/{q1}"
    assert reader.put(save, {"value": "a"}, content_type="application/json").status_code == 200
    assert Answer.objects.get(question_id=q1).score == 0

    client.force_login(trainer)
    data = rendered_form_data(client.get(url("edit", quiz.pk)).content.decode())
    data["questions-1-choices-0-label_fr"] = "Aide au revenu"
    # "12 months" becomes the right answer to the first question.
    data["questions-0-choices-0-is_correct"] = "on"
    data.pop("questions-0-choices-1-is_correct")
    assert client.post(url("edit", quiz.pk), data).status_code == 302

    after = reader.get(api).json()
    assert after["questions"][1]["choices"][0]["label"] == "Aide au revenu"
    assert reader.put(save, {"value": "a"}, content_type="application/json").status_code == 200
    assert Answer.objects.get(question_id=q1).score == 1


def test_a_refused_edit_changes_nothing(client, trainer, quiz):
    client.force_login(trainer)
    data = rendered_form_data(client.get(url("edit", quiz.pk)).content.decode())
    data["title_en"] = "Renamed"
    data.pop("questions-0-choices-1-is_correct")

    response = client.post(url("edit", quiz.pk), data)

    assert response.status_code == 200
    assert "exactly one correct choice" in text_of(response)
    quiz.refresh_from_db()
    assert quiz.title_en == "Sponsor duties"
    assert quiz.revision == 1
    assert Choice.objects.get(question__code="q1", code="b").is_correct


# --- Listing -----------------------------------------------------------------------------------


def listing_rows(response):
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return {
        row.find("td", class_="title").get_text(" ", strip=True): [
            cell.get_text(" ", strip=True) for cell in row.find_all("td")
        ]
        for row in soup.select("table.listing tbody tr")
    }


def test_listing_shows_kind_course_and_question_count(client, trainer, quiz):
    Quiz.objects.create(
        title_en="Feedback", title_fr="Rétroaction", slug="feedback", kind="evaluation_survey"
    )
    client.force_login(trainer)
    response = client.get(url("list"))
    assert response.status_code == 200
    rows = listing_rows(response)
    duties = next(cells for title, cells in rows.items() if title.startswith("Sponsor duties"))
    feedback = next(cells for title, cells in rows.items() if title.startswith("Feedback"))
    assert "Knowledge check" in duties
    assert "Working with sponsors" in duties
    assert "2" in duties
    assert "Evaluation survey" in feedback
    assert "0" in feedback


def test_listing_counts_questions_without_a_query_per_quiz(client, trainer, quiz):
    client.force_login(trainer)
    client.get(url("list"))
    with CaptureQueriesContext(connection) as one_quiz:
        client.get(url("list"))
    for number in range(4):
        extra = Quiz.objects.create(
            title_en=f"Extra {number}", slug=f"extra-{number}", course=quiz.course
        )
        Question.objects.create(quiz=extra, code="q1", text_en="?")
    with CaptureQueriesContext(connection) as five_quizzes:
        client.get(url("list"))
    assert len(five_quizzes) == len(one_quiz)


def test_listing_filters_by_kind_and_searches_either_language(client, trainer, quiz):
    Quiz.objects.create(
        title_en="Feedback", title_fr="Rétroaction", slug="feedback", kind="evaluation_survey"
    )
    client.force_login(trainer)

    surveys = listing_rows(client.get(url("list"), {"kind": "evaluation_survey"}))
    assert [title for title in surveys if title.startswith("Feedback")]
    assert not [title for title in surveys if title.startswith("Sponsor duties")]

    french = listing_rows(client.get(url("list"), {"q": "obligations"}))
    assert [title for title in french if title.startswith("Sponsor duties")]
    assert not [title for title in french if title.startswith("Feedback")]


# --- Who may do what ---------------------------------------------------------------------------


def test_program_lead_can_list_and_inspect_but_not_add_or_edit(client, program_lead, quiz):
    client.force_login(program_lead)
    listing = client.get(url("list"))
    assert listing.status_code == 200
    assert "Sponsor duties" in listing.content.decode()
    assert url("edit", quiz.pk) not in listing.content.decode()
    assert client.get(url("inspect", quiz.pk)).status_code == 200

    for response in (
        client.get(url("add")),
        client.get(url("edit", quiz.pk)),
        client.post(url("edit", quiz.pk), {"title_en": "Hijacked"}),
        client.get(reverse(f"{ROLES_NAMESPACE}:list")),
    ):
        assert response.status_code == 302
        assert response["Location"].split("?")[0] == "/admin/"
    quiz.refresh_from_db()
    assert quiz.title_en == "Sponsor duties"


def test_learner_has_no_admin_access(client, learner, quiz):
    client.force_login(learner)
    for target in (url("list"), url("add"), url("edit", quiz.pk), url("inspect", quiz.pk)):
        response = client.get(target)
        assert response.status_code == 302
        assert response["Location"].split("?")[0] == "/admin/login/"


def test_trainer_manages_assignment_roles(client, trainer):
    client.force_login(trainer)
    listing = client.get(reverse(f"{ROLES_NAMESPACE}:list"))
    assert listing.status_code == 200
    assert "Settlement worker" in listing.content.decode()
    response = client.post(
        reverse(f"{ROLES_NAMESPACE}:add"),
        {
            "code": " Interpreter ",
            "label_en": "Interpreter",
            "label_fr": "Interprète",
            "sort_order": "5",
        },
    )
    assert response.status_code == 302, text_of(response)[:3000]
    role = AssignmentRole.objects.get(code="interpreter")
    assert role.label_fr == "Interprète"


def test_role_groups_hold_the_quiz_permissions():
    trainers = Group.objects.get(name=TRAINERS)
    leads = Group.objects.get(name=PROGRAM_LEADS)
    quiz_codenames = {
        f"{action}_{model}"
        for model in ("quiz", "assignmentrole")
        for action in ("add", "change", "delete", "view")
    }
    assert quiz_codenames <= set(trainers.permissions.values_list("codename", flat=True))
    # Program leads read quizzes (and, from the indicators migration, indicators) but never
    # change them.
    lead_codenames = set(
        leads.permissions.filter(
            content_type__app_label="quizzes", content_type__model__in=["quiz", "assignmentrole"]
        ).values_list("codename", flat=True)
    )
    assert lead_codenames == {"view_quiz"}


# --- Default assignment roles ------------------------------------------------------------------


def test_default_assignment_roles_exist_in_both_languages():
    roles = [
        (role.code, role.label_en, role.label_fr, role.sort_order)
        for role in AssignmentRole.objects.order_by("sort_order")
    ]
    assert roles == [
        ("sponsor", "Sponsor", "Répondant", 1),
        ("settlement_worker", "Settlement worker", "Intervenant en établissement", 2),
        ("shared", "Shared", "Responsabilité partagée", 3),
        ("newcomer", "Newcomer", "Nouvel arrivant", 4),
    ]


def test_default_assignment_roles_migration_can_run_again():
    migration = importlib.import_module("quizzes.migrations.0003_default_assignment_roles")
    AssignmentRole.objects.filter(code="shared").update(label_fr="")
    migration.create_default_roles(django_apps, None)
    assert AssignmentRole.objects.count() == 4
    assert AssignmentRole.objects.get(code="shared").label_fr == "Responsabilité partagée"
