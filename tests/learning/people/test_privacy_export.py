"""The privacy export is complete: attempts and answers with their questions and labels,
anonymous survey responses, H5P state and results, certificates, sessions joined and the
consent history, through the real download, and nothing of anyone else."""

import json

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from content.h5p.models import H5PPackage, H5PResult, H5PUserState
from learning.people.privacy import account_export
from learning.people.services import profile_update
from quizzes.models import QuizKind
from quizzes.services import attempt_start, attempt_submit
from tests.learning.factories import CohortFactory
from tests.learning.people.test_privacy import learner_with_history
from tests.quizzes.factories import (
    free_text,
    likert,
    make_quiz,
    multiple,
    questions_by_code,
    role_assignment,
    single,
)

pytestmark = pytest.mark.django_db


def respond(quiz, user, answers, *, language):
    questions = questions_by_code(quiz)
    attempt = attempt_start(quiz=quiz, user=user, language=language)
    answers = {questions[code].pk: value for code, value in answers.items()}
    return attempt_submit(attempt=attempt, answers=answers, user=user).attempt


@pytest.fixture
def quizzes(course):
    post_test = make_quiz(
        [single(), multiple(), role_assignment(tasks={"housing": "shared"}, points=1)],
        kind=QuizKind.POST_TEST,
        course=course,
    )
    survey = make_quiz(
        [likert("helpful"), free_text("comments")],
        kind=QuizKind.EVALUATION_SURVEY,
        anonymous=True,
        pass_mark=0,
    )
    return post_test, survey


@pytest.fixture
def package():
    return H5PPackage.objects.create(
        title="Who does what?", language="fr", main_library="H5P.DragQuestion"
    )


def full_history(course, lessons, quizzes, package, *, organisation, comment, state):
    cohort = CohortFactory(course=course, name=f"Session of {organisation}")
    user, _enrolment, certificate = learner_with_history(
        course, lessons, cohort, organisation=organisation
    )
    post_test, survey = quizzes
    respond(
        post_test,
        user,
        {
            "who-pays": "sponsor",
            "services": ["language", "rent"],
            "who-does-what": {"housing": "shared"},
        },
        language="fr",
    )
    respond(survey, user, {"helpful": "very-helpful", "comments": comment}, language="fr")
    H5PUserState.objects.create(user=user, package=package, data=state)
    H5PResult.objects.create(
        user=user,
        package=package,
        lesson=lessons[0],
        raw="3",
        max="4",
        statement={"verb": {"id": "http://adlnet.gov/expapi/verbs/answered"}},
    )
    profile_update(user=user, evaluation_consent=False, consent_source="profile")
    return user, cohort, certificate


def download(client, user):
    client.force_login(user)
    response = client.get("/en/learning/privacy/export.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return json.loads(response.content)


def test_the_download_holds_every_section_of_the_learners_history(
    client, course, lessons, quizzes, package
):
    user, cohort, certificate = full_history(
        course,
        lessons,
        quizzes,
        package,
        organisation="Welcome Centre",
        comment="Mine: the housing part was clear.",
        state='{"selected": 2}',
    )
    other, other_cohort, other_certificate = full_history(
        course,
        lessons,
        quizzes,
        package,
        organisation="Other Agency",
        comment="Theirs: too long.",
        state='{"selected": 7}',
    )

    data = download(client, user)

    [attempt] = data["quiz_attempts"]
    assert attempt["kind"] == "post_test"
    assert attempt["language"] == "fr"
    assert attempt["training_session"] == cohort.name
    assert attempt["counts_for_evaluation"] is False  # consent withdrawn since
    answers = {answer["question_code"]: answer for answer in attempt["answers"]}
    who_pays = answers["who-pays"]
    # The question and the choice picked, in the language the learner answered in.
    assert who_pays["question_text"] == "Question who-pays (fr)"
    assert who_pays["question_text_en"] == "Question who-pays"
    assert (who_pays["choice"], who_pays["choice_label"]) == ("sponsor", "sponsor (fr)")
    assert answers["services"]["choice_labels"] == ["language (fr)", "rent (fr)"]
    assert answers["who-does-what"]["assignment_labels"] == [
        {"task": "housing (fr)", "role": "Responsabilité partagée"}
    ]

    [response] = data["anonymous_survey_responses"]
    survey_answers = {answer["question_code"]: answer for answer in response["answers"]}
    assert survey_answers["helpful"]["choice_label"] == "very-helpful (fr)"
    assert survey_answers["comments"]["text"] == "Mine: the housing part was clear."
    assert response["counts_for_evaluation"] is False

    [state] = data["h5p_saved_state"]
    assert (state["activity"], state["data"]) == ("Who does what?", '{"selected": 2}')
    [result] = data["h5p_results"]
    assert (result["score"], result["max_score"]) == ("3.000", "4.000")
    assert result["lesson_title_en"] == "The PSR program"
    assert result["statement"]["verb"]["id"].endswith("answered")

    [exported_certificate] = data["certificates"]
    assert exported_certificate["code"] == certificate.code
    [session] = data["sessions_joined"]
    assert (session["name"], session["code"]) == (cohort.name, cohort.code)
    assert session["course_title_en"] == "Working with sponsors"

    # learner_with_history set consent directly (no history); the profile page withdrew it.
    [change] = data["consent_history"]
    assert (change["consent"], change["changed_through"]) == ("withdrawn", "profile")
    assert change["changed_at"]

    text = json.dumps(data, ensure_ascii=False)
    for value in (
        other.username,
        other.email,
        "Other Agency",
        other_cohort.code,
        other_certificate.code,
        "Theirs: too long.",
        '{\\"selected\\": 7}',
    ):
        assert value not in text


def test_the_export_stays_constant_in_queries_with_more_answers(
    client, course, lessons, quizzes, package
):
    user, _cohort, _certificate = full_history(
        course, lessons, quizzes, package, organisation="W", comment="a", state="{}"
    )

    def queries():
        cache.clear()  # Wagtail caches site root paths: measure from the same, cold start.
        with CaptureQueriesContext(connection) as captured:
            account_export(user=user)
        return len(captured)

    one = queries()
    post_test, _survey = quizzes
    for _ in range(3):
        respond(
            post_test,
            user,
            {
                "who-pays": "agency",
                "services": ["rent"],
                "who-does-what": {"housing": "sponsor"},
            },
            language="en",
        )
    for index in range(3):
        anonymous = make_quiz(
            [free_text("comments")],
            kind=QuizKind.EVALUATION_SURVEY,
            anonymous=True,
            pass_mark=0,
        )
        respond(anonymous, user, {"comments": f"comment {index}"}, language="en")
    assert queries() == one
    data = download(client, user)
    assert (len(data["quiz_attempts"]), len(data["anonymous_survey_responses"])) == (4, 4)
