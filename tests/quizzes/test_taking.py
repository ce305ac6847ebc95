"""Taking quizzes through the pages a learner uses, and what the services guarantee."""

from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from learning.people.services import enrolment_create
from quizzes.models import Answer, Attempt, GradingPolicy, QuizKind
from quizzes.selectors import quiz_grade
from quizzes.services import (
    QuizError,
    answer_save,
    attempt_start,
    attempt_submit,
    respondent_key_for,
)
from tests.learning.factories import ProfileFactory
from tests.quizzes.factories import (
    free_text,
    likert,
    make_quiz,
    multiple,
    questions_by_code,
    rating,
    role_assignment,
    single,
    true_false,
)

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def learner(home):
    return ProfileFactory(role="settlement_worker", region="ottawa").user


@pytest.fixture
def quiz(db):
    return make_quiz(
        [single(), multiple(partial=True), true_false(), role_assignment(), free_text()],
        attempts_allowed=2,
    )


def right_answers(quiz):
    q = questions_by_code(quiz)
    return {
        q["who-pays"].pk: "sponsor",
        q["services"].pk: ["language", "employment"],
        q["meet-early"].pk: "true",
        q["who-does-what"].pk: {
            "financial-support": "sponsor",
            "needs-assessment": "settlement_worker",
            "language-assessment": "settlement_worker",
            "housing": "shared",
        },
        q["comments"].pk: "Useful.",
    }


def form_post(quiz, answers, *, action):
    data = {"present": [str(pk) for pk in answers], action: "1"}
    questions = {question.pk: question for question in quiz.questions.all()}
    for pk, value in answers.items():
        question = questions.get(pk)
        if isinstance(value, dict):
            for task, role in value.items():
                data[f"q{pk}-{task}"] = role
        elif question is not None or value is not None:
            data[f"q{pk}"] = value
    return data


def test_learner_takes_a_quiz_with_plain_form_posts(client, learner, quiz):
    client.force_login(learner)
    response = client.post(f"/en/quizzes/{quiz.slug}/start/")
    attempt = Attempt.objects.get()
    assert response["Location"] == f"/en/quizzes/attempts/{attempt.pk}/"
    page = soup(client.get(response["Location"]))
    assert len(page.select("fieldset.question")) == 5
    # Save half, come back, the saved answers are there.
    answers = right_answers(quiz)
    first_two = dict(list(answers.items())[:2])
    saved = client.post(
        f"/en/quizzes/attempts/{attempt.pk}/", form_post(quiz, first_two, action="save")
    )
    assert saved.status_code == 302
    assert Answer.objects.filter(attempt=attempt).count() == 2
    page = soup(client.get(f"/en/quizzes/attempts/{attempt.pk}/"))
    assert page.select_one('input[value="sponsor"]').has_attr("checked")
    # Submit everything: scored on the server.
    done = client.post(
        f"/en/quizzes/attempts/{attempt.pk}/", form_post(quiz, answers, action="submit")
    )
    assert done["Location"] == f"/en/quizzes/attempts/{attempt.pk}/result/"
    attempt.refresh_from_db()
    assert (attempt.score, attempt.max_score, attempt.percent, attempt.passed) == (
        Decimal("8.000"),
        Decimal("8.000"),
        Decimal("100.00"),
        True,
    )
    result = soup(client.get(done["Location"]))
    assert "8 out of 8 (100%)" in result.select_one(".result-summary").get_text(" ", strip=True)


def test_result_shows_feedback_in_french(client, learner, quiz):
    client.force_login(learner)
    attempt = attempt_start(quiz=quiz, user=learner, language="fr")
    answers = right_answers(quiz)
    answers[questions_by_code(quiz)["who-pays"].pk] = "agency"
    attempt_submit(attempt=attempt, answers=answers, user=learner)
    page = soup(client.get(f"/fr/quizzes/attempts/{attempt.pk}/result/"))
    text = page.get_text(" ", strip=True)
    assert "7 sur 8 (87,5 %)" in text or "7 sur 8 (88 %)" in text
    assert "Pas tout à fait." in text
    assert "À cause de who-pays." in text


def test_an_unfinished_attempt_resumes_on_another_device(learner, quiz):
    first = attempt_start(quiz=quiz, user=learner, language="en")
    answer_save(
        user=learner,
        attempt_id=first.pk,
        question_id=questions_by_code(quiz)["who-pays"].pk,
        value="sponsor",
    )
    other_device = Client()
    other_device.force_login(learner)
    response = other_device.post(f"/en/quizzes/{quiz.slug}/start/")
    assert response["Location"] == f"/en/quizzes/attempts/{first.pk}/"
    assert Attempt.objects.count() == 1


def test_submitting_twice_returns_the_same_result_and_stores_one_attempt(client, learner, quiz):
    client.force_login(learner)
    attempt = attempt_start(quiz=quiz, user=learner, language="en")
    data = form_post(quiz, right_answers(quiz), action="submit")
    first = client.post(f"/en/quizzes/attempts/{attempt.pk}/", data)
    second = client.post(f"/en/quizzes/attempts/{attempt.pk}/", data)
    assert first["Location"] == second["Location"]
    assert Attempt.objects.count() == 1
    result = attempt_submit(attempt=attempt, answers=right_answers(quiz), user=learner)
    assert result.already_submitted and result.attempt.percent == Decimal("100.00")


def test_the_attempt_limit_is_enforced_on_the_server(client, learner, quiz):
    for _ in range(2):
        attempt = attempt_start(quiz=quiz, user=learner, language="en")
        attempt_submit(attempt=attempt, answers=right_answers(quiz), user=learner)
    with pytest.raises(QuizError) as error:
        attempt_start(quiz=quiz, user=learner, language="en")
    assert error.value.code == "attempt_limit"
    client.force_login(learner)
    response = client.post(f"/fr/quizzes/{quiz.slug}/start/")
    assert response.status_code == 409
    assert "Vous avez utilisé vos 2 tentatives" in response.content.decode()
    assert Attempt.objects.count() == 2


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        (GradingPolicy.HIGHEST, Decimal("100.00")),
        (GradingPolicy.LATEST, Decimal("0.00")),
        (GradingPolicy.FIRST, Decimal("50.00")),
    ],
)
def test_grading_policies(learner, policy, expected):
    quiz = make_quiz(
        [single(code="a"), single(code="b")], grading_policy=policy, attempts_allowed=0
    )
    q = questions_by_code(quiz)
    for picks in (("sponsor", "agency"), ("sponsor", "sponsor"), ("agency", "agency")):
        attempt = attempt_start(quiz=quiz, user=learner, language="en")
        attempt_submit(
            attempt=attempt, answers={q["a"].pk: picks[0], q["b"].pk: picks[1]}, user=learner
        )
    grade = quiz_grade(quiz=quiz, user=learner)
    assert grade.counted.percent == expected
    assert grade.attempts_used == 3


def test_anonymous_survey_keeps_no_link_to_the_learner(client, learner, caplog):
    survey = make_quiz(
        [likert(), rating(), free_text()],
        kind=QuizKind.EVALUATION_SURVEY,
        anonymous=True,
        attempts_allowed=1,
        pass_mark=0,
    )
    q = questions_by_code(survey)
    client.force_login(learner)
    start = client.post(f"/fr/quizzes/{survey.slug}/start/")
    attempt = Attempt.objects.get()
    answers = {
        q["helpful-refugee-needs"].pk: "helpful",
        q["communication-rating"].pk: "4",
        q["comments"].pk: "Merci",
    }
    client.post(start["Location"], form_post(survey, answers, action="submit"))
    attempt.refresh_from_db()
    assert attempt.is_submitted and attempt.user_id is None
    # The snapshot for breakdowns is there…
    assert (attempt.role, attempt.region, attempt.language) == ("settlement_worker", "ottawa", "fr")
    # …and no column holds the user's id, username or email, nor an exact time.
    row = Attempt.objects.filter(pk=attempt.pk).values().get()
    identifying = {str(learner.pk), learner.username, learner.email}
    for name, value in row.items():
        if name in ("id", "quiz_id", "number", "quiz_revision"):
            continue
        assert str(value) not in identifying, name
    assert attempt.submitted_at.minute == 0 and attempt.submitted_at.second == 0
    for answer in Answer.objects.filter(attempt=attempt):
        assert answer.answered_at.minute == 0
    assert attempt.respondent_key == respondent_key_for(user=learner, quiz=survey)
    assert not any(
        learner.username in r.getMessage() or learner.email in r.getMessage()
        for r in caplog.records
    )
    # One response per learner per survey.
    again = client.post(f"/en/quizzes/{survey.slug}/start/")
    assert again.status_code == 409
    assert "already answered this survey" in again.content.decode()
    assert Attempt.objects.count() == 1
    # Its answers are still the learner's to see? No: nothing links them, so no result page.
    Likert = Answer.objects.get(attempt=attempt, question=q["helpful-refugee-needs"])
    assert Likert.is_favourable is True and Likert.is_not_applicable is False


def test_french_and_english_answers_are_stored_by_the_same_code(learner, home):
    survey = make_quiz([likert()], kind=QuizKind.EVALUATION_SURVEY, anonymous=True, pass_mark=0)
    other = ProfileFactory().user
    q = questions_by_code(survey)["helpful-refugee-needs"]
    for user, language in ((learner, "en"), (other, "fr")):
        attempt = attempt_start(quiz=survey, user=user, language=language)
        attempt_submit(attempt=attempt, answers={q.pk: "very-helpful"}, user=user)
    assert list(Answer.objects.values_list("choice_code", flat=True)) == ["very-helpful"] * 2


# Bad input: each gets a clear, translated refusal and stores nothing.


@pytest.fixture
def started(client, learner, quiz):
    client.force_login(learner)
    return attempt_start(quiz=quiz, user=learner, language="en")


def test_a_choice_code_from_another_question_is_refused(client, quiz, started):
    q = questions_by_code(quiz)
    response = client.post(
        f"/fr/quizzes/attempts/{started.pk}/",
        form_post(quiz, {q["who-pays"].pk: "language"}, action="save"),
    )
    assert response.status_code == 400
    assert "Ce choix ne fait pas partie de cette question." in response.content.decode()
    assert not Answer.objects.exists()


def test_a_question_from_another_quiz_is_refused(learner, quiz, started):
    other = make_quiz([single(code="elsewhere")])
    with pytest.raises(QuizError) as error:
        answer_save(
            user=learner,
            attempt_id=started.pk,
            question_id=other.questions.get().pk,
            value="sponsor",
        )
    assert error.value.code == "unknown_question" and error.value.status == 400
    assert not Answer.objects.exists()


def test_an_answer_to_a_submitted_attempt_is_refused(learner, quiz, started):
    attempt_submit(attempt=started, answers=right_answers(quiz), user=learner)
    before = list(Answer.objects.values_list("choice_code", "score"))
    with pytest.raises(QuizError) as error:
        answer_save(
            user=learner,
            attempt_id=started.pk,
            question_id=questions_by_code(quiz)["who-pays"].pk,
            value="agency",
        )
    assert (error.value.code, error.value.status) == ("attempt_submitted", 409)
    assert list(Answer.objects.values_list("choice_code", "score")) == before


def test_another_learners_attempt_is_a_404(client, quiz, started):
    intruder = ProfileFactory().user
    client.force_login(intruder)
    for url in (
        f"/en/quizzes/attempts/{started.pk}/",
        f"/en/quizzes/attempts/{started.pk}/result/",
    ):
        response = client.get(url)
        assert response.status_code == 404
        assert "This attempt does not exist." in response.content.decode()
    response = client.post(
        f"/en/quizzes/attempts/{started.pk}/", form_post(quiz, right_answers(quiz), action="submit")
    )
    assert response.status_code == 404
    started.refresh_from_db()
    assert not started.is_submitted and not Answer.objects.exists()


def test_a_stale_page_reports_answers_to_removed_questions(client, learner, quiz, started):
    answers = right_answers(quiz)
    removed = questions_by_code(quiz)["meet-early"]
    removed_pk = removed.pk
    removed.delete()
    response = client.post(
        f"/en/quizzes/attempts/{started.pk}/", form_post(quiz, answers, action="save"), follow=True
    )
    text = response.content.decode()
    assert "1 of your answers were for questions that no longer exist" in text
    assert not Answer.objects.filter(question_code="meet-early").exists()
    assert Answer.objects.filter(attempt=started).count() == 4
    assert str(removed_pk) not in Answer.objects.values_list("question_id", flat=True)


def test_an_over_long_free_text_answer_is_refused(client, quiz, started):
    q = questions_by_code(quiz)["comments"]
    response = client.post(
        f"/en/quizzes/attempts/{started.pk}/", form_post(quiz, {q.pk: "x" * 501}, action="save")
    )
    assert response.status_code == 400
    assert "Your answer is too long: 501 characters, 500 at most." in response.content.decode()
    assert not Answer.objects.exists()


def test_a_submit_with_a_missing_required_answer_is_refused_and_keeps_the_rest(
    client, quiz, started
):
    answers = right_answers(quiz)
    answers.pop(questions_by_code(quiz)["meet-early"].pk)
    response = client.post(
        f"/en/quizzes/attempts/{started.pk}/", form_post(quiz, answers, action="submit")
    )
    assert response.status_code == 400
    assert "Answer every required question before you submit." in response.content.decode()
    started.refresh_from_db()
    assert not started.is_submitted
    # What was given is kept: nothing the learner typed is lost.
    assert Answer.objects.filter(attempt=started).count() == 4


def test_a_submit_beyond_the_attempt_limit_is_refused(client, learner):
    quiz = make_quiz([single()], attempts_allowed=1)
    attempt = attempt_start(quiz=quiz, user=learner, language="en")
    attempt_submit(attempt=attempt, answers={quiz.questions.get().pk: "sponsor"}, user=learner)
    client.force_login(learner)
    response = client.post(f"/en/quizzes/{quiz.slug}/start/")
    assert response.status_code == 409
    assert Attempt.objects.count() == 1


def test_state_changes_need_a_csrf_token(learner, quiz, started):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(learner)
    assert browser.post(f"/en/quizzes/{quiz.slug}/start/").status_code == 403
    response = browser.post(
        f"/en/quizzes/attempts/{started.pk}/", form_post(quiz, right_answers(quiz), action="submit")
    )
    assert response.status_code == 403
    started.refresh_from_db()
    assert not started.is_submitted


def test_quiz_pages_need_a_login(client, quiz):
    response = client.post(f"/en/quizzes/{quiz.slug}/start/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Attempt.objects.exists()


def _queries(callable_):
    with CaptureQueriesContext(connection) as ctx:
        callable_()
    return len(ctx.captured_queries)


@pytest.mark.parametrize("kind", ["render", "submit"])
def test_query_count_is_constant_as_a_quiz_grows_from_5_to_100_questions(client, learner, kind):
    client.force_login(learner)
    counts = []
    for size in (5, 100):
        specs = [
            single(code=f"s{i}") if i % 2 else role_assignment(code=f"r{i}") for i in range(size)
        ]
        quiz = make_quiz(specs)
        attempt = attempt_start(quiz=quiz, user=learner, language="en")
        url = f"/en/quizzes/attempts/{attempt.pk}/"
        client.get(url)  # warm caches (session, site root)
        if kind == "render":
            counts.append(_queries(lambda url=url: client.get(url)))
        else:
            answers = {}
            for question in quiz.questions.all():
                answers[question.pk] = (
                    "sponsor" if question.kind == "single" else {"financial-support": "sponsor"}
                )
            data = form_post(quiz, answers, action="submit")
            counts.append(_queries(lambda url=url, data=data: client.post(url, data)))
    # Constant, except that SQLite splits one bulk insert into batches of 999 parameters
    # (PostgreSQL sends one statement); that is the only growth allowed.
    extra_batches = 0
    if kind == "submit":
        fields = [f for f in Answer._meta.concrete_fields if not f.primary_key]
        per_batch = connection.ops.bulk_batch_size(fields, [None] * 100)
        extra_batches = -(-100 // per_batch) - 1
    assert counts[1] == counts[0] + extra_batches, counts


@pytest.mark.parametrize(
    ("spec", "value", "message"),
    [
        (rating(), "3.7", "Choose a rating from 1 to 5."),
        (rating(), 6, "Choose a rating from 1 to 5."),
        (rating(), True, "Choose a rating from 1 to 5."),
        (role_assignment(), {"housing": ["sponsor"]}, "That role does not exist."),
        (role_assignment(), {"housing": "landlord"}, "That role does not exist."),
        (
            role_assignment(),
            {"not-a-task": "sponsor"},
            "That task does not belong to this question.",
        ),
        (multiple(), ["language", "Language"], "That choice does not belong to this question."),
        (single(), "Sponsor", "That choice does not belong to this question."),
    ],
)
def test_malformed_answers_are_refused_with_a_message(learner, spec, value, message):
    quiz = make_quiz([spec])
    attempt = attempt_start(quiz=quiz, user=learner, language="en")
    with pytest.raises(QuizError) as error:
        answer_save(
            user=learner, attempt_id=attempt.pk, question_id=quiz.questions.get().pk, value=value
        )
    assert str(error.value.message) == message
    assert not Answer.objects.exists()


def test_a_page_of_answers_with_a_question_from_another_quiz_stores_nothing(learner, quiz):
    from quizzes.services import answers_save

    attempt = attempt_start(quiz=quiz, user=learner, language="en")
    other = make_quiz([single(code="elsewhere")])
    answers = right_answers(quiz)
    answers[other.questions.get().pk] = "sponsor"
    with pytest.raises(QuizError) as error:
        answers_save(attempt=attempt, answers=answers)
    assert error.value.code == "unknown_question"
    assert not Answer.objects.exists()


def test_the_result_page_shows_the_answer_beside_the_right_one_and_leads_on(client, lessons):
    """Issue 14: what the learner chose, the right answer, and a way back to the course and on
    to the next step — not only "Back to my learning"."""
    course = lessons[0].get_parent().specific
    # One attempt: its result gives the right answer, there being no attempt left to use it on.
    quiz = make_quiz(
        [single()], kind="post_test", course=course, title_en="Post-test", attempts_allowed=1
    )
    learner = ProfileFactory().user
    enrolment_create(user=learner, course=course)
    client.force_login(learner)
    question = quiz.questions.get()
    wrong = question.choices.exclude(is_correct=True).first()
    right = question.choices.get(is_correct=True)
    attempt = client.post(f"/en/quizzes/{quiz.slug}/start/", follow=True)
    attempt_id = attempt.resolver_match.kwargs["attempt_id"]
    response = client.post(
        f"/en/quizzes/attempts/{attempt_id}/",
        form_post(quiz, {question.pk: wrong.code}, action="submit"),
        follow=True,
    )

    text = response.content.decode()
    assert "Your answer" in text and wrong.label in text
    assert "Correct answer" in text and right.label in text
    assert f"Back to the course: {course.title}" in text
    assert lessons[0].url in text  # the next step: the first lesson


def _submit_through_pages(client, quiz, answers, language="en"):
    started = client.post(f"/{language}/quizzes/{quiz.slug}/start/", follow=True)
    attempt_id = started.resolver_match.kwargs["attempt_id"]
    return client.post(
        f"/{language}/quizzes/attempts/{attempt_id}/",
        form_post(quiz, answers, action="submit"),
        follow=True,
    )


def _embed(lesson, quiz):
    block = {"type": "quiz", "value": {"quiz": quiz.pk, "required": False}}
    lesson.body_en = [*lesson.body_en.raw_data, block]
    lesson.body_fr = [*lesson.body_fr.raw_data, block]
    lesson.save_revision().publish()


def test_the_result_page_of_a_quiz_in_a_lesson_leads_back_to_that_lesson(client, lessons):
    """Issue 14: a knowledge check taken from a lesson leads back to the lesson, not only to
    the course or My learning."""
    course = lessons[0].get_parent().specific
    check = make_quiz([single()], kind=QuizKind.KNOWLEDGE_CHECK, title_en="Check")
    _embed(lessons[1], check)
    learner = ProfileFactory().user
    enrolment_create(user=learner, course=course)
    client.force_login(learner)
    question = check.questions.get()
    page = soup(_submit_through_pages(client, check, {question.pk: "sponsor"}))

    back = page.find("a", string=lambda text: text and "Back to the lesson" in text)
    assert back is not None
    assert back["href"] == lessons[1].url
    assert lessons[1].title in back.get_text()
    # The lesson's course, found through the lesson (a knowledge check names no course).
    assert page.find("a", string=lambda text: text and "Back to the course" in text)


def test_the_result_page_shows_each_task_with_the_role_given_and_the_right_one(client, learner):
    quiz = make_quiz([role_assignment()], kind=QuizKind.KNOWLEDGE_CHECK)
    client.force_login(learner)
    question = quiz.questions.get()
    answers = {
        "financial-support": "sponsor",
        "needs-assessment": "sponsor",  # wrong: the settlement worker's
        "language-assessment": "settlement_worker",
        "housing": "shared",
    }
    page = soup(_submit_through_pages(client, quiz, {question.pk: answers}))

    rows = {
        task.select_one(".assigned-tasks__label").get_text(strip=True): [
            (term.get_text(strip=True), term.find_next_sibling("dd").get_text(" ", strip=True))
            for term in task.find_all("dt")
        ]
        for task in page.select(".assigned-tasks__task")
    }
    assert rows["needs-assessment"] == [
        ("Your answer", "Sponsor"),
        ("Correct answer", "Settlement worker"),
    ]
    assert rows["housing"] == [("Your answer", "Shared Correct.")]
    assert "Partly correct: 3 of 4 points." in page.get_text()


def test_a_quiz_that_never_shows_feedback_shows_the_learners_answers_but_not_the_key(
    client, learner
):
    """The pre-tests' setting ('never'): the learner sees what they chose, never what was right
    (the post-test asks about the same tasks)."""
    quiz = make_quiz([single(), role_assignment()], kind=QuizKind.PRE_TEST, feedback_timing="never")
    client.force_login(learner)
    q = questions_by_code(quiz)
    answers = {
        q["who-pays"].pk: "agency",
        q["who-does-what"].pk: {
            "financial-support": "settlement_worker",
            "needs-assessment": "shared",
            "language-assessment": "shared",
            "housing": "settlement_worker",
        },
    }
    page = soup(_submit_through_pages(client, quiz, answers))
    text = page.get_text()

    assert "Your answers" in text and "Agency" in text
    assert "Correct answer" not in text
    assert "Sponsor" not in page.select_one("main").get_text()  # right for both questions
    tasks = page.select(".assigned-tasks__task")
    assert [len(task.find_all("dd")) for task in tasks] == [1, 1, 1, 1]
    assert "Because of" not in text  # no explanations either
    # A pre-test has no pass mark: the learner is never told they failed it.
    assert "Not passed" not in text and "The pre-test has no pass mark" in text
    detail = soup(client.get(f"/en/quizzes/{quiz.slug}/")).get_text()
    assert "No pass mark" in detail and "Pass mark:" not in detail and "Not passed" not in detail


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_result_page_withholds_the_key_while_the_learner_can_still_use_it(
    client, learner, language
):
    """Issue 14: feedback that teaches without giving away answers still to be given — a failed
    post-test with an attempt left says which answers were wrong, not what was right, until
    the last attempt's result."""
    quiz = make_quiz([single(), role_assignment()], kind=QuizKind.POST_TEST, attempts_allowed=2)
    client.force_login(learner)
    q = questions_by_code(quiz)
    wrong = {
        q["who-pays"].pk: "agency",
        q["who-does-what"].pk: {
            "financial-support": "sponsor",
            "needs-assessment": "sponsor",
            "language-assessment": "settlement_worker",
            "housing": "shared",
        },
    }
    first = soup(_submit_through_pages(client, quiz, wrong, language))
    main = first.select_one("main").get_text(" ", strip=True)
    withheld = {
        "en": "The right answers are shown once you pass or have used your attempts (1 left)",
        "fr": "Les bonnes réponses s’affichent une fois que vous avez réussi ou utilisé vos "
        "tentatives (il vous en reste 1)",
    }[language]
    assert withheld in main
    assert {"en": "Not quite.", "fr": "Pas tout à fait."}[language] in main
    assert {"en": "Correct answer", "fr": "Bonne réponse"}[language] not in main
    assert "Because of" not in main and "À cause de" not in main  # no explanations
    assert {"en": "Try again", "fr": "Réessayer"}[language] in main

    last = soup(_submit_through_pages(client, quiz, wrong, language))
    main = last.select_one("main").get_text(" ", strip=True)
    assert {"en": "Correct answer", "fr": "Bonne réponse"}[language] in main
    assert not last.select("[data-key-withheld]")


def test_scores_read_with_one_decimal_in_both_languages(client, learner):
    """Issue 14: "8,53 sur 16" read as a measurement; one decimal is enough for a score."""
    quiz = make_quiz(
        [multiple(correct=("a", "b", "c"), wrong=("d",), partial=True, points=2), single()],
        kind=QuizKind.KNOWLEDGE_CHECK,
    )
    client.force_login(learner)
    q = questions_by_code(quiz)
    answers = {q["services"].pk: ["a"], q["who-pays"].pk: "agency"}  # 2/3 of 2 points, then 0
    result_url = _submit_through_pages(client, quiz, answers).request["PATH_INFO"]

    english = soup(client.get(result_url)).get_text(" ", strip=True)
    french = soup(client.get(result_url.replace("/en/", "/fr/", 1))).get_text(" ", strip=True)

    assert "0.7 out of 3 (22%)" in english
    assert "Partly correct: 0.7 of 2 points." in english
    assert "0,7 sur 3" in french
    assert "0,67" not in french and "0.67" not in english
