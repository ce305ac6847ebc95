"""Results from the H5P player (xAPI): what is recorded, and every refusal."""

import json
from decimal import Decimal

import pytest

from content.h5p.models import H5PResult
from content.h5p.player import content_base_path
from learning.people.services import LearningError
from learning.progress.models import LessonProgress
from learning.progress.services import lesson_complete
from quizzes.models import Answer, Attempt
from tests.content.factories import LessonPageFactory
from tests.content.h5p.test_player import csrf_client, h5p_block, post_json
from tests.learning.factories import EnrolmentFactory, ProfileFactory
from tests.quizzes.factories import make_quiz, single

pytestmark = pytest.mark.django_db

ADL = "http://adlnet.gov/expapi/verbs/"


def statement(package, *, verb="answered", raw=1, max=1, parent=False, object_id=None):
    data = {
        "actor": {"name": "User", "mbox": "mailto:someone@example.org"},
        "verb": {"id": ADL + verb, "display": {"en-US": verb}},
        "object": {
            "id": object_id or f"http://testserver{content_base_path(package)}",
            "objectType": "Activity",
        },
        "result": {"score": {"min": 0, "raw": raw, "max": max, "scaled": raw / max}},
    }
    if parent:
        data["context"] = {"contextActivities": {"parent": [{"id": data["object"]["id"]}]}}
        data["object"]["id"] += "?subContentId=1234"
    return data


def xapi_url(package, language="en"):
    return f"/{language}/learning/h5p/{package.pk}/xapi/"


@pytest.fixture
def learner():
    return ProfileFactory().user


@pytest.fixture
def quiz():
    return make_quiz([single(code="first", points=4), single(code="second")], pass_mark=75)


def lesson_with(course, package, **block):
    return LessonPageFactory(
        parent=course,
        body_en=[h5p_block(package, **block)],
        body_fr=[h5p_block(package, **block)],
    )


def send(user, package, lesson, payload_statement, language="en"):
    client, token = csrf_client(user)
    payload = {"statement": payload_statement, "lesson": lesson.pk if lesson else None}
    return post_json(client, xapi_url(package, language), payload, token)


def test_required_activity_without_quiz_completes_the_lesson_at_full_score(
    course, h5p_package, learner
):
    lesson = lesson_with(course, h5p_package, required=True)
    enrolment = EnrolmentFactory(user=learner, course=course)
    with pytest.raises(LearningError):
        lesson_complete(user=learner, lesson=lesson)  # not before the activity is done

    response = send(learner, h5p_package, lesson, statement(h5p_package, raw=1, max=2))
    assert response.status_code == 201
    assert response.json()["lesson_completed"] is False
    assert not LessonProgress.objects.filter(enrolment=enrolment).exists()

    response = send(learner, h5p_package, lesson, statement(h5p_package, raw=2, max=2))
    assert response.status_code == 201, response.content
    assert response.json()["lesson_completed"] is True
    assert LessonProgress.objects.filter(enrolment=enrolment, lesson=lesson).exists()
    results = H5PResult.objects.filter(user=learner).order_by("pk")
    assert [(r.raw, r.max) for r in results] == [(1, 2), (2, 2)]
    assert results[1].lesson == lesson
    assert "actor" not in results[1].statement
    assert not Attempt.objects.exists()


def test_activity_recorded_as_a_quiz_makes_a_browser_reported_attempt(
    course, h5p_package, learner, quiz
):
    lesson = lesson_with(course, h5p_package, quiz=quiz, required=True)
    enrolment = EnrolmentFactory(user=learner, course=course)
    response = send(learner, h5p_package, lesson, statement(h5p_package, raw=3, max=4))
    assert response.status_code == 201
    assert response.json()["passed"] is True
    attempt = Attempt.objects.get()
    assert (attempt.source, attempt.browser_reported) == ("h5p", True)
    assert attempt.user == learner and attempt.course.pk == course.pk
    assert attempt.submitted_at is not None
    assert (attempt.score, attempt.max_score, attempt.percent) == (
        Decimal("3.000"),
        Decimal("4.000"),
        Decimal("75.00"),
    )
    answer = Answer.objects.get()
    assert answer.question_code == "first"
    assert answer.score == Decimal("3.000")  # 3/4 of the question's 4 points
    assert LessonProgress.objects.filter(enrolment=enrolment, lesson=lesson).exists()


def test_failing_the_quiz_leaves_the_lesson_open(course, h5p_package, learner, quiz):
    lesson = lesson_with(course, h5p_package, quiz=quiz, required=True)
    EnrolmentFactory(user=learner, course=course)
    response = send(learner, h5p_package, lesson, statement(h5p_package, raw=1, max=4))
    assert response.status_code == 201
    assert response.json()["passed"] is False
    assert not LessonProgress.objects.exists()
    with pytest.raises(LearningError):
        lesson_complete(user=learner, lesson=lesson)


def test_optional_activity_is_recorded_without_completing(course, h5p_package, learner):
    lesson = lesson_with(course, h5p_package)
    EnrolmentFactory(user=learner, course=course)
    response = send(learner, h5p_package, lesson, statement(h5p_package, verb="completed"))
    assert response.status_code == 201
    assert response.json()["lesson_completed"] is False
    assert H5PResult.objects.count() == 1


@pytest.mark.parametrize("verb", ["attempted", "interacted", "progressed"])
def test_other_h5p_verbs_are_ignored(course, h5p_package, learner, verb):
    lesson = lesson_with(course, h5p_package, required=True)
    response = send(learner, h5p_package, lesson, statement(h5p_package, verb=verb))
    assert response.status_code == 204
    assert not H5PResult.objects.exists()


def test_parts_of_the_activity_are_checked_but_not_recorded(course, h5p_package, learner):
    lesson = lesson_with(course, h5p_package, required=True)
    response = send(learner, h5p_package, lesson, statement(h5p_package, parent=True))
    assert response.status_code == 204
    assert not H5PResult.objects.exists()


# --- refusals --------------------------------------------------------------------------------


def refused(response, code, status=400):
    assert response.status_code == status, response.content
    assert response.json()["code"] == code
    assert not H5PResult.objects.exists()
    assert not Attempt.objects.exists()
    assert not LessonProgress.objects.exists()


@pytest.fixture
def setup(course, h5p_package, learner):
    lesson = lesson_with(course, h5p_package, required=True)
    EnrolmentFactory(user=learner, course=course)
    return lesson


def test_statement_about_another_package_is_refused(setup, h5p_package, learner, tmp_path):
    from content.h5p.services import h5p_package_create
    from tests.content.h5p.builder import build_package

    with open(build_package(tmp_path, name="other.h5p"), "rb") as fileobj:
        other = h5p_package_create(fileobj=fileobj, title_en="Other", title_fr="Autre")
    forged = statement(other)  # another package's object id, sent to this package
    refused(send(learner, h5p_package, setup, forged), "wrong_activity")
    # …and this package's statement sent for a package the lesson does not show
    refused(send(learner, other, setup, statement(h5p_package)), "wrong_activity")
    refused(send(learner, other, setup, statement(other)), "not_in_lesson")


@pytest.mark.parametrize(
    "object_id",
    [
        "http://testserver/h5p-content/" + "0" * 32,
        "http://testserver/en/learning/",
        "javascript:alert(1)",
        None,
    ],
)
def test_foreign_object_ids_are_refused(setup, h5p_package, learner, object_id):
    forged = statement(h5p_package)
    forged["object"]["id"] = object_id
    refused(send(learner, h5p_package, setup, forged), "wrong_activity")


@pytest.mark.parametrize(
    ("raw", "max", "code"),
    [
        (3, 2, "score_out_of_range"),
        (-1, 2, "score_out_of_range"),
        (1, 0, "invalid_score"),
        ("2", 2, "invalid_score"),
        (True, 1, "invalid_score"),
        (1, 10**9, "invalid_score"),
    ],
)
def test_impossible_scores_are_refused(setup, h5p_package, learner, raw, max, code):
    forged = statement(h5p_package)
    forged["result"]["score"].update(raw=raw, max=max)
    refused(send(learner, h5p_package, setup, forged), code)


@pytest.mark.parametrize(
    "verb_id",
    [
        ADL + "passed-with-distinction",
        "http://evil.example.org/verbs/answered",
        "answered",
        42,
    ],
)
def test_forged_verbs_are_refused(setup, h5p_package, learner, verb_id):
    forged = statement(h5p_package)
    forged["verb"]["id"] = verb_id
    code = "invalid_statement" if not isinstance(verb_id, str) else "unsupported_verb"
    refused(send(learner, h5p_package, setup, forged), code)


def test_results_go_to_the_signed_in_learner_whatever_the_actor(setup, h5p_package, learner):
    victim = ProfileFactory().user
    forged = statement(h5p_package, raw=1, max=1)
    forged["actor"] = {"mbox": f"mailto:{victim.email}", "name": victim.get_full_name()}
    assert send(learner, h5p_package, setup, forged).status_code == 201
    assert not H5PResult.objects.filter(user=victim).exists()
    assert H5PResult.objects.filter(user=learner).count() == 1
    assert not LessonProgress.objects.filter(enrolment__user=victim).exists()


def test_missing_csrf_token_is_refused(setup, h5p_package, learner):
    client, _token = csrf_client(learner)
    payload = {"statement": statement(h5p_package), "lesson": setup.pk}
    response = post_json(client, xapi_url(h5p_package), payload)
    assert response.status_code == 403
    assert not H5PResult.objects.exists()


def test_login_is_required(client, setup, h5p_package):
    payload = {"statement": statement(h5p_package), "lesson": setup.pk}
    response = post_json(client, xapi_url(h5p_package), payload)
    assert response.status_code == 403
    assert not H5PResult.objects.exists()


def test_too_large_statements_are_refused(setup, h5p_package, learner):
    forged = statement(h5p_package)
    forged["result"]["response"] = "x" * (64 * 1024)
    refused(send(learner, h5p_package, setup, forged), "statement_too_large", status=413)


@pytest.mark.parametrize(
    "body", [b"not json", b"[]", json.dumps({"statement": "answered"}).encode()]
)
def test_malformed_bodies_are_refused(setup, h5p_package, learner, body):
    client, token = csrf_client(learner)
    response = post_json(client, xapi_url(h5p_package), body, token)
    assert response.status_code == 400


def test_unknown_or_unpublished_lesson_is_refused(setup, h5p_package, learner):
    setup.unpublish()
    refused(send(learner, h5p_package, setup, statement(h5p_package)), "unknown_lesson")


def test_get_is_not_allowed(setup, h5p_package, learner):
    client, _token = csrf_client(learner)
    assert client.get(xapi_url(h5p_package)).status_code == 405
