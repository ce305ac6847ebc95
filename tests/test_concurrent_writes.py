"""A cohort writing at once loses nothing and sees no server error (issue 10).

Real threads, each with its own database connection as a server's are, through the whole stack
(middleware, views, services), on the embedded SQLite default (on disk, WAL, IMMEDIATE
transactions) and on PostgreSQL. Before the fix, two learners writing at once on SQLite got
"database is locked".

And a request that fails part-way writes nothing: a sign-up whose profile cannot be saved
leaves no account behind.
"""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.contrib.auth import get_user_model
from django.db import OperationalError, connections
from django.test import Client

from learning.people import views
from learning.people.models import Enrolment, Profile
from quizzes.models import Answer, Attempt, QuizKind
from tests.learning.factories import EnrolmentFactory, ProfileFactory
from tests.learning.people.test_accounts import signup_data
from tests.quizzes.factories import likert, make_quiz, rating

LEARNERS = 12
QUESTIONS = 8


def _in_thread(work):
    """Run `work` in a thread's own connection, closed after (as a server's request ends)."""

    def run(*args):
        try:
            return work(*args)
        finally:
            connections.close_all()

    return run


def _take_survey(user):
    client = Client()
    client.force_login(user)
    quiz = client.get("/api/v1/quizzes/cohort-survey")
    statuses = [quiz.status_code]
    started = client.post(
        "/api/v1/quizzes/cohort-survey/attempts", {}, content_type="application/json"
    )
    statuses.append(started.status_code)
    attempt = started.json()
    for number, question in enumerate(quiz.json()["questions"]):
        value = "helpful" if question["kind"] == "likert" else 1 + number % 5
        response = client.put(
            f"/api/v1/attempts/{attempt['id']}/answers/{question['id']}",
            {"value": value},
            content_type="application/json",
        )
        statuses.append(response.status_code)
    submitted = client.post(
        f"/api/v1/attempts/{attempt['id']}/submit", {}, content_type="application/json"
    )
    statuses.append(submitted.status_code)
    return statuses


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_cohort_answering_a_survey_at_once_loses_nothing(course, lessons):
    questions = [
        likert(f"helpful-{n}") if n % 2 else rating(f"rating-{n}") for n in range(QUESTIONS)
    ]
    survey = make_quiz(
        questions,
        course=course,
        slug="cohort-survey",
        kind=QuizKind.EVALUATION_SURVEY,
        anonymous=True,
    )
    learners = []
    for _ in range(LEARNERS):
        user = ProfileFactory(evaluation_consent=True).user
        EnrolmentFactory(user=user, course=course)
        learners.append(user)

    with ThreadPoolExecutor(max_workers=LEARNERS) as pool:
        results = list(pool.map(_in_thread(_take_survey), learners))

    for statuses in results:
        assert statuses == [200, 201] + [200] * QUESTIONS + [200], statuses
    attempts = Attempt.objects.filter(quiz=survey)
    assert attempts.count() == LEARNERS
    assert attempts.filter(submitted_at__isnull=False).count() == LEARNERS
    assert Answer.objects.filter(attempt__quiz=survey).count() == LEARNERS * QUESTIONS
    # One response per learner, never two (the respondent key is unique per survey).
    assert attempts.values("respondent_key").distinct().count() == LEARNERS


def _sign_up(number):
    client = Client()
    data = signup_data(email=f"learner{number}@example.org", first_name=f"Learner{number}")
    return client.post("/en/accounts/signup/", data).status_code


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_learners_signing_up_at_once_each_get_an_account_and_a_profile(home):
    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(_in_thread(_sign_up), range(8)))

    assert statuses == [302] * 8
    users = get_user_model().objects.filter(email__startswith="learner")
    assert users.count() == 8
    assert Profile.objects.filter(user__in=users, role="sponsor").count() == 8


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_sign_up_that_fails_part_way_leaves_no_account(home, monkeypatch):
    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr("learning.people.forms.profile_update", locked)
    client = Client(raise_request_exception=False)

    response = client.post("/en/accounts/signup/", signup_data())

    # The database could not do it now: 503, try again (learning/health.py), and nothing kept.
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert not get_user_model().objects.filter(email="nadia@example.org").exists()
    # With the profile saved again, the same person can sign up: the email is not taken.
    monkeypatch.undo()
    assert client.post("/en/accounts/signup/", signup_data()).status_code == 302
    assert Profile.objects.get(user__email="nadia@example.org").role == "sponsor"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_enrolment_that_fails_part_way_is_not_kept(course, learner, monkeypatch):
    created = views.enrolment_create

    def enrol_then_fail(**kwargs):
        created(**kwargs)
        raise OperationalError("disk I/O error")

    monkeypatch.setattr(views, "enrolment_create", enrol_then_fail)
    client = Client(raise_request_exception=False)
    client.force_login(learner)

    assert client.post(f"/en/learning/enrol/{course.pk}/").status_code == 503
    assert not Enrolment.objects.filter(user=learner).exists()
