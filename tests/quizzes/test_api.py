"""The quiz JSON API (/api/v1/): session auth with CSRF, language, the attempt flow, refusals."""

import json

import pytest
from django.test import Client

from quizzes.models import (
    AssignmentRole,
    Attempt,
    Choice,
    FeedbackTiming,
    Question,
    QuestionKind,
    Quiz,
    QuizKind,
)
from tests.learning.factories import UserFactory

API = "/api/v1"

# --- Building quizzes -------------------------------------------------------------------------


def make_quiz(slug="sponsor-basics", **fields):
    values = {
        "title_en": "Sponsor basics",
        "title_fr": "Les bases du parrainage",
        "intro_en": "Check what you know.",
        "intro_fr": "Vérifiez vos connaissances.",
        "kind": QuizKind.KNOWLEDGE_CHECK,
        "feedback_timing": FeedbackTiming.AFTER_SUBMIT,
        "pass_mark": 70,
    }
    values.update(fields)
    return Quiz.objects.create(slug=slug, **values)


def add_question(quiz, code, kind, *, text_en, text_fr="", choices=(), **fields):
    order = quiz.questions.count()
    question = Question.objects.create(
        quiz=quiz,
        code=code,
        kind=kind,
        text_en=text_en,
        text_fr=text_fr or f"{text_en} (fr)",
        sort_order=order,
        **fields,
    )
    for index, choice in enumerate(choices):
        add_choice(question, sort_order=index, **choice)
    return question


def add_choice(question, *, code, label_en, label_fr="", **fields):
    return Choice.objects.create(
        question=question,
        code=code,
        label_en=label_en,
        label_fr=label_fr or f"{label_en} (fr)",
        **fields,
    )


def role(code, label_en, label_fr):
    found, _created = AssignmentRole.objects.get_or_create(
        code=code, defaults={"label_en": label_en, "label_fr": label_fr}
    )
    return found


@pytest.fixture
def roles(db):
    return {
        "sponsor": role("sponsor", "Sponsor", "Répondant"),
        "newcomer": role("newcomer", "Newcomer", "Nouvel arrivant"),
    }


def build_full_quiz(roles, slug="sponsor-basics", **fields):
    """One question of each kind. Scored: 1 + 1 + 1 + 2 points."""
    quiz = make_quiz(slug=slug, **fields)
    questions = {
        "single": add_question(
            quiz,
            "first-step",
            QuestionKind.SINGLE,
            text_en="What comes first?",
            text_fr="Qu'est-ce qui vient en premier ?",
            explanation_en="Housing comes first.",
            explanation_fr="Le logement vient en premier.",
            choices=[
                {
                    "code": "housing",
                    "label_en": "Housing",
                    "label_fr": "Logement",
                    "is_correct": True,
                    "feedback_en": "Yes: a place to live first.",
                },
                {"code": "jobs", "label_en": "Jobs", "label_fr": "Emploi"},
            ],
        ),
        "multiple": add_question(
            quiz,
            "duties",
            QuestionKind.MULTIPLE,
            text_en="Which are sponsor duties?",
            choices=[
                {"code": "income", "label_en": "Income support", "is_correct": True},
                {"code": "orientation", "label_en": "Orientation", "is_correct": True},
                {"code": "citizenship", "label_en": "Granting citizenship"},
            ],
        ),
        "true_false": add_question(
            quiz,
            "settlement-plan",
            QuestionKind.TRUE_FALSE,
            text_en="A settlement plan is required.",
            choices=[
                {"code": "true", "label_en": "True", "is_correct": True},
                {"code": "false", "label_en": "False"},
            ],
        ),
        "role_assignment": add_question(
            quiz,
            "who-does-what",
            QuestionKind.ROLE_ASSIGNMENT,
            text_en="Who does what?",
            points=2,
            choices=[
                {
                    "code": "find-housing",
                    "label_en": "Find housing",
                    "correct_role": roles["sponsor"],
                },
                {
                    "code": "choose-school",
                    "label_en": "Choose a school",
                    "correct_role": roles["newcomer"],
                },
            ],
        ),
        "likert": add_question(
            quiz,
            "confidence",
            QuestionKind.LIKERT,
            text_en="I feel ready.",
            choices=[
                {"code": "agree", "label_en": "Agree", "is_favourable": True},
                {"code": "disagree", "label_en": "Disagree"},
            ],
        ),
        "rating": add_question(
            quiz, "usefulness", QuestionKind.RATING, text_en="How useful was this?"
        ),
        "free_text": add_question(
            quiz,
            "comments",
            QuestionKind.FREE_TEXT,
            text_en="Any comments?",
            required=False,
            max_length=50,
        ),
    }
    return quiz, questions


@pytest.fixture
def full_quiz(roles):
    return build_full_quiz(roles)


@pytest.fixture
def learner(db):
    return UserFactory()


@pytest.fixture
def api_client(learner):
    client = Client()
    client.force_login(learner)
    return client


def put_json(client, url, data, **extra):
    return client.put(url, json.dumps(data), content_type="application/json", **extra)


def post_json(client, url, data=None, **extra):
    body = "" if data is None else json.dumps(data)
    return client.post(url, body, content_type="application/json", **extra)


def start(client, quiz):
    response = client.post(f"{API}/quizzes/{quiz.slug}/attempts")
    assert response.status_code in (200, 201), response.content
    return response.json()


# --- The quiz ---------------------------------------------------------------------------------


def test_quiz_in_english(api_client, full_quiz):
    quiz, questions = full_quiz
    response = api_client.get(f"{API}/quizzes/{quiz.slug}")
    assert response.status_code == 200
    assert response["Content-Language"] == "en"
    data = response.json()
    assert data["slug"] == "sponsor-basics"
    assert data["title"] == "Sponsor basics"
    assert data["intro"] == "Check what you know."
    assert data["kind"] == "knowledge_check"
    assert data["feedback_timing"] == "after_submit"
    assert data["pass_mark"] == 70
    assert data["attempts_allowed"] == 0
    assert data["anonymous"] is False
    assert [q["code"] for q in data["questions"]] == [
        "first-step",
        "duties",
        "settlement-plan",
        "who-does-what",
        "confidence",
        "usefulness",
        "comments",
    ]
    single = data["questions"][0]
    assert single == {
        "id": questions["single"].pk,
        "code": "first-step",
        "kind": "single",
        "text": "What comes first?",
        "required": True,
        "points": 1,
        "max_length": None,
        "choices": [
            {"code": "housing", "label": "Housing"},
            {"code": "jobs", "label": "Jobs"},
        ],
    }
    assert data["questions"][6]["max_length"] == 50
    assert data["questions"][6]["required"] is False
    assert {"code": "sponsor", "label": "Sponsor"} in data["roles"]


def test_quiz_in_french_by_parameter_and_by_browser(api_client, full_quiz):
    quiz, _questions = full_quiz
    by_parameter = api_client.get(f"{API}/quizzes/{quiz.slug}?lang=fr")
    by_browser = api_client.get(f"{API}/quizzes/{quiz.slug}", HTTP_ACCEPT_LANGUAGE="fr")
    for response in (by_parameter, by_browser):
        assert response.status_code == 200
        assert response["Content-Language"] == "fr"
        data = response.json()
        assert data["title"] == "Les bases du parrainage"
        assert data["intro"] == "Vérifiez vos connaissances."
        assert data["questions"][0]["text"] == "Qu'est-ce qui vient en premier ?"
        assert data["questions"][0]["choices"][0]["label"] == "Logement"
        assert {"code": "sponsor", "label": "Répondant"} in data["roles"]
    # The parameter wins over the browser.
    english = api_client.get(f"{API}/quizzes/{quiz.slug}?lang=en", HTTP_ACCEPT_LANGUAGE="fr")
    assert english.json()["title"] == "Sponsor basics"


def test_quiz_leaks_no_answers(api_client, full_quiz):
    quiz, _questions = full_quiz
    for language in ("en", "fr"):
        response = api_client.get(f"{API}/quizzes/{quiz.slug}?lang={language}")
        body = response.content.decode()
        keys = set(all_keys(response.json()))
        assert not keys & {"is_correct", "correct_role", "is_favourable", "feedback", "explanation"}
        for secret in ("is_correct", "correct_role", "is_favourable", '"feedback"'):
            assert secret not in body
        assert "Housing comes first" not in body
        assert "a place to live first" not in body


def all_keys(data):
    if isinstance(data, dict):
        for key, value in data.items():
            yield key
            yield from all_keys(value)
    elif isinstance(data, list):
        for item in data:
            yield from all_keys(item)


def test_roles_only_when_a_question_needs_them(api_client, roles):
    quiz = make_quiz(slug="no-roles")
    add_question(
        quiz,
        "q",
        QuestionKind.SINGLE,
        text_en="?",
        choices=[{"code": "a", "label_en": "A", "is_correct": True}],
    )
    assert api_client.get(f"{API}/quizzes/no-roles").json()["roles"] == []


def test_unknown_quiz_is_a_translated_404(api_client, db):
    response = api_client.get(f"{API}/quizzes/nothing-here")
    assert response.status_code == 404
    assert response.json() == {
        "code": "quiz_not_found",
        "message": "This quiz does not exist.",
        "details": {},
    }
    french = api_client.get(f"{API}/quizzes/nothing-here?lang=fr")
    assert french.status_code == 404
    assert french.json()["message"] == "Ce questionnaire n'existe pas."
    assert api_client.post(f"{API}/quizzes/nothing-here/attempts").status_code == 404


# --- Start, answer, submit --------------------------------------------------------------------


def test_start_then_resume(api_client, full_quiz, learner):
    quiz, _questions = full_quiz
    first = api_client.post(f"{API}/quizzes/{quiz.slug}/attempts")
    assert first.status_code == 201
    data = first.json()
    assert data["quiz"] == quiz.slug
    assert data["submitted"] is False
    assert data["submitted_at"] is None
    assert data["answers"] == {}
    assert data["number"] == 1
    again = api_client.post(f"{API}/quizzes/{quiz.slug}/attempts")
    assert again.status_code == 200
    assert again.json()["id"] == data["id"]
    assert Attempt.objects.filter(quiz=quiz, user=learner).count() == 1
    assert Attempt.objects.get().language == "en"


def test_start_records_the_language(api_client, full_quiz):
    quiz, _questions = full_quiz
    api_client.post(f"{API}/quizzes/{quiz.slug}/attempts?lang=fr")
    assert Attempt.objects.get().language == "fr"


def test_full_flow_scores_every_question_type(api_client, full_quiz):
    quiz, q = full_quiz
    # One attempt: its result gives the right answers, there being no attempt left to use them.
    Quiz.objects.filter(pk=quiz.pk).update(attempts_allowed=1)
    attempt = start(api_client, quiz)
    answers = {
        q["single"].pk: "housing",  # right: 1
        q["multiple"].pk: ["income", "orientation"],  # right: 1
        q["true_false"].pk: "false",  # wrong: 0
        q["role_assignment"].pk: {"find-housing": "sponsor", "choose-school": "sponsor"},  # 1/2
        q["likert"].pk: "agree",
        q["rating"].pk: 4,
        q["free_text"].pk: "Very clear, thank you.",
    }
    for question_id, value in answers.items():
        url = f"{API}/attempts/{attempt['id']}/answers/{question_id}"
        response = put_json(api_client, url, {"value": value})
        assert response.status_code == 200, response.content
        assert response.json() == {
            "question_id": question_id,
            "saved": True,
            "cleared": False,
            "feedback": None,  # after_submit: nothing before the end
        }

    saved = api_client.get(f"{API}/attempts/{attempt['id']}").json()
    assert saved["submitted"] is False
    assert saved["answers"] == {str(pk): value for pk, value in answers.items()}

    response = post_json(api_client, f"{API}/attempts/{attempt['id']}/submit")
    assert response.status_code == 200, response.content
    result = response.json()
    assert result["id"] == attempt["id"]
    assert result["already_submitted"] is False
    assert result["removed_questions"] == []
    assert result["score"] == "3.000"
    assert result["max_score"] == "5.000"
    assert result["percent"] == "60.00"
    assert result["passed"] is False
    assert result["submitted_at"]
    assert result["feedback_shown"] is True
    assert result["answer_key_shown"] is True
    rows = {row["code"]: row for row in result["questions"]}
    assert rows["first-step"]["is_correct"] is True
    assert rows["first-step"]["score"] == "1.000"
    assert rows["first-step"]["verdict"] == "Correct."
    assert rows["first-step"]["explanation"] == "Housing comes first."
    housing = rows["first-step"]["choices"][0]
    assert housing == {
        "code": "housing",
        "label": "Housing",
        "selected": True,
        "is_correct": True,
        "correct_role": None,
        "feedback": "Yes: a place to live first.",
    }
    assert rows["settlement-plan"]["is_correct"] is False
    assert rows["settlement-plan"]["verdict"] == "Not quite."
    assert rows["who-does-what"]["score"] == "1.000"
    assert rows["who-does-what"]["max_score"] == "2.000"
    assert rows["who-does-what"]["verdict"] == "Partly correct: 1 of 2 points."
    assert [c["correct_role"] for c in rows["who-does-what"]["choices"]] == [
        "sponsor",
        "newcomer",
    ]
    assert rows["confidence"]["is_correct"] is None
    assert rows["confidence"]["score"] is None
    assert rows["usefulness"]["value"] == 4
    assert rows["comments"]["value"] == "Very clear, thank you."

    again = api_client.get(f"{API}/attempts/{attempt['id']}/result")
    assert again.status_code == 200
    fetched = again.json()
    assert fetched["already_submitted"] is True
    assert {key: fetched[key] for key in ("score", "max_score", "percent", "passed")} == {
        key: result[key] for key in ("score", "max_score", "percent", "passed")
    }
    assert fetched["questions"] == result["questions"]
    assert api_client.get(f"{API}/attempts/{attempt['id']}").json()["submitted"] is True


def test_a_passing_submission_with_answers_in_the_body(api_client, full_quiz):
    quiz, q = full_quiz
    attempt = start(api_client, quiz)
    body = {
        "answers": {
            str(q["single"].pk): "housing",
            str(q["multiple"].pk): ["orientation", "income"],
            str(q["true_false"].pk): "true",
            str(q["role_assignment"].pk): {"find-housing": "sponsor", "choose-school": "sponsor"},
            str(q["likert"].pk): "disagree",
            str(q["rating"].pk): 5,
            "999999": "gone",
        }
    }
    response = post_json(api_client, f"{API}/attempts/{attempt['id']}/submit", body)
    assert response.status_code == 200, response.content
    result = response.json()
    assert result["score"] == "4.000"
    assert result["percent"] == "80.00"
    assert result["passed"] is True
    assert result["removed_questions"] == ["999999"]


def test_submit_twice_returns_the_same_result(api_client, full_quiz):
    quiz, q = full_quiz
    attempt = start(api_client, quiz)
    body = {
        "answers": {
            str(q["single"].pk): "housing",
            str(q["multiple"].pk): ["income"],
            str(q["true_false"].pk): "true",
            str(q["role_assignment"].pk): {"find-housing": "sponsor"},
            str(q["likert"].pk): "agree",
            str(q["rating"].pk): 3,
        }
    }
    first = post_json(api_client, f"{API}/attempts/{attempt['id']}/submit", body)
    second = post_json(api_client, f"{API}/attempts/{attempt['id']}/submit")
    assert first.status_code == second.status_code == 200
    assert first.json()["already_submitted"] is False
    assert second.json()["already_submitted"] is True
    for key in ("id", "submitted_at", "score", "max_score", "percent", "passed", "questions"):
        assert first.json()[key] == second.json()[key]
    assert Attempt.objects.get().score is not None


def test_submitting_with_required_answers_missing(api_client, full_quiz):
    quiz, q = full_quiz
    attempt = start(api_client, quiz)
    put_json(
        api_client,
        f"{API}/attempts/{attempt['id']}/answers/{q['single'].pk}",
        {"value": "housing"},
    )
    response = post_json(api_client, f"{API}/attempts/{attempt['id']}/submit")
    assert response.status_code == 400
    error = response.json()
    assert error["code"] == "incomplete"
    assert str(q["multiple"].pk) in error["details"]
    assert str(q["free_text"].pk) not in error["details"]  # optional
    assert str(q["single"].pk) not in error["details"]


def test_submitting_a_bad_answer_stores_nothing(api_client, full_quiz):
    quiz, q = full_quiz
    attempt = start(api_client, quiz)
    body = {"answers": {str(q["single"].pk): "housing", str(q["rating"].pk): 9}}
    response = post_json(api_client, f"{API}/attempts/{attempt['id']}/submit", body)
    assert response.status_code == 400
    error = response.json()
    assert error["code"] == "invalid_answers"
    assert error["details"] == {str(q["rating"].pk): "Choose a rating from 1 to 5."}
    stored = Attempt.objects.get(pk=attempt["id"])
    assert stored.submitted_at is None
    assert not stored.answers.exists()


def test_result_before_submitting_is_a_conflict(api_client, full_quiz):
    quiz, _questions = full_quiz
    attempt = start(api_client, quiz)
    response = api_client.get(f"{API}/attempts/{attempt['id']}/result")
    assert response.status_code == 409
    assert response.json()["code"] == "attempt_not_submitted"


def test_clearing_an_answer(api_client, full_quiz):
    quiz, q = full_quiz
    attempt = start(api_client, quiz)
    url = f"{API}/attempts/{attempt['id']}/answers/{q['multiple'].pk}"
    put_json(api_client, url, {"value": ["income"]})
    response = put_json(api_client, url, {"value": []})
    assert response.status_code == 200
    assert response.json()["cleared"] is True
    assert api_client.get(f"{API}/attempts/{attempt['id']}").json()["answers"] == {}


def test_attempt_limit(api_client, roles):
    quiz = make_quiz(slug="once", attempts_allowed=1)
    question = add_question(
        quiz,
        "q",
        QuestionKind.SINGLE,
        text_en="?",
        choices=[{"code": "a", "label_en": "A", "is_correct": True}],
    )
    attempt = start(api_client, quiz)
    post_json(api_client, f"{API}/attempts/{attempt['id']}/submit", {"answers": {question.pk: "a"}})
    response = api_client.post(f"{API}/quizzes/once/attempts")
    assert response.status_code == 409
    assert response.json()["code"] == "attempt_limit"
    assert response.json()["message"] == "You have used your 1 attempt at this quiz."


# --- Feedback timing --------------------------------------------------------------------------


def test_immediate_feedback_after_each_scored_answer(api_client, roles):
    quiz, q = build_full_quiz(roles, slug="immediate", feedback_timing=FeedbackTiming.IMMEDIATE)
    attempt = start(api_client, quiz)
    base = f"{API}/attempts/{attempt['id']}/answers"

    right = put_json(api_client, f"{base}/{q['single'].pk}", {"value": "housing"}).json()
    assert right["feedback"] == {
        "is_correct": True,
        "verdict": "Correct.",
        "score": "1.000",
        "max_score": "1.000",
        "explanation": "Housing comes first.",
        "choices": [{"code": "housing", "feedback": "Yes: a place to live first."}],
    }
    wrong = put_json(api_client, f"{base}/{q['single'].pk}", {"value": "jobs"}).json()
    assert wrong["feedback"]["is_correct"] is False
    assert wrong["feedback"]["verdict"] == "Not quite."
    assert wrong["feedback"]["choices"] == []

    # A role assignment waits until every task is assigned: its verdict and explanation after
    # the first dropdown gave the rest of the key away (issue 14).
    first_task = put_json(
        api_client,
        f"{base}/{q['role_assignment'].pk}",
        {"value": {"find-housing": "sponsor"}},
    ).json()
    assert first_task["feedback"] is None
    partly = put_json(
        api_client,
        f"{base}/{q['role_assignment'].pk}",
        {"value": {"find-housing": "sponsor", "choose-school": "sponsor"}},
    ).json()
    assert partly["feedback"]["is_correct"] is False
    assert partly["feedback"]["score"] == "1.000"
    assert partly["feedback"]["verdict"] == "Partly correct: 1 of 2 points."

    # Unscored questions get no feedback, even in immediate mode.
    likert = put_json(api_client, f"{base}/{q['likert'].pk}", {"value": "agree"}).json()
    assert likert["feedback"] is None
    rating = put_json(api_client, f"{base}/{q['rating'].pk}", {"value": 2}).json()
    assert rating["feedback"] is None


def test_immediate_feedback_in_french(api_client, roles):
    quiz, q = build_full_quiz(roles, slug="immediate", feedback_timing=FeedbackTiming.IMMEDIATE)
    attempt = start(api_client, quiz)
    url = f"{API}/attempts/{attempt['id']}/answers/{q['single'].pk}?lang=fr"
    response = put_json(api_client, url, {"value": "housing"})
    assert response["Content-Language"] == "fr"
    feedback = response.json()["feedback"]
    assert feedback["verdict"] == "Bonne réponse."
    assert feedback["explanation"] == "Le logement vient en premier."
    url = f"{API}/attempts/{attempt['id']}/answers/{q['role_assignment'].pk}?lang=fr"
    both = {"find-housing": "sponsor", "choose-school": "sponsor"}
    partly = put_json(api_client, url, {"value": both}).json()
    assert partly["feedback"]["verdict"] == "Réponse en partie juste : 1 point(s) sur 2."


def test_an_unknown_language_is_refused(api_client, full_quiz):
    quiz, _questions = full_quiz
    response = api_client.get(f"{API}/quizzes/{quiz.slug}?lang=de")
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_request"
    assert response.json()["message"] == "The request is not valid."


def test_no_feedback_when_the_quiz_never_gives_any(api_client, roles):
    quiz, q = build_full_quiz(roles, slug="never", feedback_timing=FeedbackTiming.NEVER)
    attempt = start(api_client, quiz)
    body = {
        "answers": {
            str(q["single"].pk): "jobs",
            str(q["multiple"].pk): ["income"],
            str(q["true_false"].pk): "true",
            str(q["role_assignment"].pk): {"find-housing": "sponsor"},
            str(q["likert"].pk): "agree",
            str(q["rating"].pk): 3,
        }
    }
    response = post_json(api_client, f"{API}/attempts/{attempt['id']}/submit", body)
    assert response.status_code == 200
    result = response.json()
    assert result["feedback_shown"] is False
    assert result["score"] == "2.000"  # the score itself is the learner's to see
    for row in result["questions"]:
        assert row["is_correct"] is None
        assert row["score"] is None
        assert row["explanation"] is None
        assert row["verdict"] is None
        for choice in row["choices"]:
            assert choice["is_correct"] is None
            assert choice["correct_role"] is None
            assert choice["feedback"] is None
    body_text = response.content.decode()
    assert "Housing comes first" not in body_text
    assert "a place to live first" not in body_text


# --- Refusals ---------------------------------------------------------------------------------


def test_another_learners_attempt_is_not_found(api_client, full_quiz):
    quiz, q = full_quiz
    other = Client()
    other.force_login(UserFactory())
    attempt = start(other, quiz)
    urls = [
        ("get", f"{API}/attempts/{attempt['id']}"),
        ("get", f"{API}/attempts/{attempt['id']}/result"),
        ("put", f"{API}/attempts/{attempt['id']}/answers/{q['single'].pk}"),
        ("post", f"{API}/attempts/{attempt['id']}/submit"),
    ]
    for method, url in urls:
        if method == "put":
            response = put_json(api_client, url, {"value": "housing"})
        elif method == "post":
            response = post_json(api_client, url)
        else:
            response = getattr(api_client, method)(url)
        assert response.status_code == 404, url
        assert response.json() == {
            "code": "attempt_not_found",
            "message": "This attempt does not exist.",
            "details": {},
        }
    french = api_client.get(f"{API}/attempts/{attempt['id']}?lang=fr").json()
    assert french["message"] == "Cette tentative n'existe pas."
    # Same answer as for an attempt that does not exist at all.
    missing = api_client.get(f"{API}/attempts/{attempt['id'] + 1000}")
    assert missing.status_code == 404
    assert missing.json()["code"] == "attempt_not_found"
    assert not Attempt.objects.get(pk=attempt["id"]).answers.exists()


def test_answer_to_a_submitted_attempt_is_a_conflict(api_client, roles):
    quiz = make_quiz(slug="short")
    question = add_question(
        quiz,
        "q",
        QuestionKind.SINGLE,
        text_en="?",
        choices=[
            {"code": "a", "label_en": "A", "is_correct": True},
            {"code": "b", "label_en": "B"},
        ],
    )
    attempt = start(api_client, quiz)
    post_json(api_client, f"{API}/attempts/{attempt['id']}/submit", {"answers": {question.pk: "a"}})
    url = f"{API}/attempts/{attempt['id']}/answers/{question.pk}"
    response = put_json(api_client, url, {"value": "b"})
    assert response.status_code == 409
    assert response.json()["code"] == "attempt_submitted"
    assert response.json()["message"] == (
        "This attempt has already been submitted; answers can no longer change."
    )


def test_choice_from_another_question_is_refused_in_both_languages(api_client, full_quiz):
    quiz, q = full_quiz
    attempt = start(api_client, quiz)
    url = f"{API}/attempts/{attempt['id']}/answers/{q['single'].pk}"
    response = put_json(api_client, url, {"value": "income"})  # a code of "duties"
    assert response.status_code == 400
    assert response.json() == {
        "code": "invalid_answer",
        "message": "That choice does not belong to this question.",
        "details": {"question": q["single"].pk},
    }
    french = put_json(api_client, f"{url}?lang=fr", {"value": "income"})
    assert french.status_code == 400
    assert french.json()["message"] == "Ce choix ne fait pas partie de cette question."
    multiple = f"{API}/attempts/{attempt['id']}/answers/{q['multiple'].pk}"
    assert put_json(api_client, multiple, {"value": ["income", "housing"]}).status_code == 400
    assert not Attempt.objects.get(pk=attempt["id"]).answers.exists()


def test_question_from_another_quiz_is_refused(api_client, full_quiz, roles):
    quiz, _questions = full_quiz
    _other_quiz, other_questions = build_full_quiz(roles, slug="other-quiz")
    attempt = start(api_client, quiz)
    url = f"{API}/attempts/{attempt['id']}/answers/{other_questions['single'].pk}"
    response = put_json(api_client, url, {"value": "housing"})
    assert response.status_code == 400
    assert response.json()["code"] == "unknown_question"
    assert response.json()["details"] == {"question": other_questions["single"].pk}
    assert not Attempt.objects.get(pk=attempt["id"]).answers.exists()


def test_over_long_free_text_is_refused(api_client, full_quiz):
    quiz, q = full_quiz
    attempt = start(api_client, quiz)
    url = f"{API}/attempts/{attempt['id']}/answers/{q['free_text'].pk}"
    response = put_json(api_client, url, {"value": "x" * 51})
    assert response.status_code == 400
    assert response.json()["code"] == "answer_too_long"
    assert response.json()["message"] == "Your answer is too long: 51 characters, 50 at most."
    assert put_json(api_client, url, {"value": "x" * 50}).status_code == 200


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        ("rating", 6),
        ("rating", True),
        ("rating", "five"),
        ("free_text", 12),
        ("role_assignment", {"find-housing": "mayor"}),
        ("role_assignment", {"not-a-task": "sponsor"}),
        ("role_assignment", ["sponsor"]),
        ("single", ["housing"]),
        ("multiple", {"income": True}),
    ],
)
def test_malformed_values_are_refused(api_client, full_quiz, kind, value):
    quiz, q = full_quiz
    attempt = start(api_client, quiz)
    url = f"{API}/attempts/{attempt['id']}/answers/{q[kind].pk}"
    response = put_json(api_client, url, {"value": value})
    assert response.status_code == 400, response.content
    assert response.json()["code"] == "invalid_answer"


def test_a_body_that_is_not_json(api_client, full_quiz):
    quiz, q = full_quiz
    attempt = start(api_client, quiz)
    url = f"{API}/attempts/{attempt['id']}/answers/{q['single'].pk}"
    response = api_client.put(url, "{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {
        "code": "invalid_json",
        "message": "The request body is not valid JSON.",
        "details": {},
    }


def test_anonymous_visitors_are_refused(client, full_quiz):
    quiz, q = full_quiz
    response = client.get(f"{API}/quizzes/{quiz.slug}")
    assert response.status_code == 401
    assert response.json() == {
        "code": "not_authenticated",
        "message": "Log in to continue.",
        "details": {},
    }
    french = client.get(f"{API}/quizzes/{quiz.slug}?lang=fr")
    assert french.status_code == 401
    assert french.json()["message"] == "Connectez-vous pour continuer."
    assert client.post(f"{API}/quizzes/{quiz.slug}/attempts").status_code == 401
    assert put_json(client, f"{API}/attempts/1/answers/{q['single'].pk}", {}).status_code == 401
    assert not Attempt.objects.exists()


# --- CSRF -------------------------------------------------------------------------------------


@pytest.fixture
def csrf_client(learner):
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    return client


def test_writes_need_the_csrf_token(csrf_client, full_quiz):
    quiz, q = full_quiz
    start_url = f"{API}/quizzes/{quiz.slug}/attempts"

    refused = csrf_client.post(start_url)
    assert refused.status_code == 403
    assert refused.json()["code"] == "csrf_failed"
    assert not Attempt.objects.exists()

    # A GET hands out the cookie; the same request with its token passes.
    assert csrf_client.get(f"{API}/quizzes/{quiz.slug}").status_code == 200
    token = csrf_client.cookies["csrftoken"].value
    started = csrf_client.post(start_url, HTTP_X_CSRFTOKEN=token)
    assert started.status_code == 201
    attempt_id = started.json()["id"]

    answer_url = f"{API}/attempts/{attempt_id}/answers/{q['single'].pk}"
    refused = put_json(csrf_client, answer_url, {"value": "housing"})
    assert refused.status_code == 403
    assert not Attempt.objects.get().answers.exists()
    wrong_token = put_json(csrf_client, answer_url, {"value": "housing"}, HTTP_X_CSRFTOKEN="x" * 32)
    assert wrong_token.status_code == 403
    saved = put_json(csrf_client, answer_url, {"value": "housing"}, HTTP_X_CSRFTOKEN=token)
    assert saved.status_code == 200
    assert Attempt.objects.get().answers.get().choice_code == "housing"

    submit_url = f"{API}/attempts/{attempt_id}/submit"
    assert csrf_client.post(submit_url).status_code == 403
    assert Attempt.objects.get().submitted_at is None


def test_anonymous_write_without_token_is_refused_by_csrf_first(full_quiz):
    quiz, _questions = full_quiz
    client = Client(enforce_csrf_checks=True)
    assert client.post(f"{API}/quizzes/{quiz.slug}/attempts").status_code == 403


def test_csrf_refusal_in_french(csrf_client, full_quiz):
    quiz, _questions = full_quiz
    response = csrf_client.post(f"{API}/quizzes/{quiz.slug}/attempts?lang=fr")
    assert response.status_code == 403
    assert response["Content-Language"] == "fr"


# --- Anonymous surveys ------------------------------------------------------------------------


def test_anonymous_survey_flow(api_client, learner, db):
    survey = make_quiz(
        slug="course-survey",
        kind=QuizKind.EVALUATION_SURVEY,
        anonymous=True,
        feedback_timing=FeedbackTiming.NEVER,
    )
    question = add_question(quiz=survey, code="useful", kind=QuestionKind.RATING, text_en="Useful?")
    attempt = start(api_client, survey)
    stored = Attempt.objects.get(pk=attempt["id"])
    assert stored.user is None
    assert stored.respondent_key
    url = f"{API}/attempts/{attempt['id']}/answers/{question.pk}"
    assert put_json(api_client, url, {"value": 5}).status_code == 200
    result = post_json(api_client, f"{API}/attempts/{attempt['id']}/submit").json()
    assert result["score"] is None
    assert result["passed"] is None
    assert result["questions"][0]["value"] == 5
    again = api_client.post(f"{API}/quizzes/{survey.slug}/attempts")
    assert again.status_code == 409
    assert again.json()["code"] == "already_responded"
    # Another learner cannot read it.
    other = Client()
    other.force_login(UserFactory())
    assert other.get(f"{API}/attempts/{attempt['id']}").status_code == 404


# --- Schema -----------------------------------------------------------------------------------


def test_openapi_schema_lists_the_endpoints(client, db):
    response = client.get(f"{API}/openapi.json")
    assert response.status_code == 200
    schema = json.loads(response.content)
    assert schema["info"]["title"] == "PSR Learn API"
    paths = schema["paths"]
    expected = {
        f"{API}/quizzes/{{slug}}": {"get"},
        f"{API}/quizzes/{{slug}}/attempts": {"post"},
        f"{API}/attempts/{{attempt_id}}": {"get"},
        f"{API}/attempts/{{attempt_id}}/answers/{{question_id}}": {"put"},
        f"{API}/attempts/{{attempt_id}}/submit": {"post"},
        f"{API}/attempts/{{attempt_id}}/result": {"get"},
    }
    for path, methods in expected.items():
        assert path in paths, path
        assert methods <= set(paths[path]), path
    quiz_schema = json.dumps(schema["components"]["schemas"]["QuizOut"])
    assert "is_correct" not in quiz_schema
    result = schema["components"]["schemas"]["ResultOut"]["properties"]
    assert "string" in json.dumps(result["score"])


def test_docs_page(api_client, db):
    assert api_client.get(f"{API}/docs").status_code == 200


def test_the_key_waits_while_the_learner_can_still_use_it(api_client, full_quiz):
    """Issue 14: after submit, a learner with attempts left who has not passed is told which
    answers were right, not what was right; their last attempt's result gives the key."""
    quiz, q = full_quiz
    Quiz.objects.filter(pk=quiz.pk).update(attempts_allowed=2)
    wrong = {  # 3 of 5: not passed
        str(q["single"].pk): "housing",
        str(q["multiple"].pk): ["income", "orientation"],
        str(q["true_false"].pk): "false",
        str(q["role_assignment"].pk): {"find-housing": "sponsor", "choose-school": "sponsor"},
        str(q["likert"].pk): "agree",
        str(q["rating"].pk): 4,
        str(q["free_text"].pk): "Clear.",
    }

    first = start(api_client, quiz)
    result = post_json(
        api_client, f"{API}/attempts/{first['id']}/submit", {"answers": wrong}
    ).json()

    assert result["passed"] is False and result["answer_key_shown"] is False
    rows = {row["code"]: row for row in result["questions"]}
    assert rows["first-step"]["verdict"] == "Correct."
    assert rows["settlement-plan"]["verdict"] == "Not quite."
    assert rows["settlement-plan"]["is_correct"] is False
    for row in rows.values():
        assert row["explanation"] is None
        for choice in row["choices"]:
            assert choice["is_correct"] is None
            assert choice["correct_role"] is None
            assert choice["feedback"] is None
    # Read again later: still withheld.
    again = api_client.get(f"{API}/attempts/{first['id']}/result").json()
    assert again["answer_key_shown"] is False

    second = start(api_client, quiz)
    last = post_json(api_client, f"{API}/attempts/{second['id']}/submit", {"answers": wrong}).json()

    assert last["answer_key_shown"] is True
    rows = {row["code"]: row for row in last["questions"]}
    assert rows["first-step"]["explanation"] == "Housing comes first."
    assert api_client.get(f"{API}/attempts/{first['id']}/result").json()["answer_key_shown"]
