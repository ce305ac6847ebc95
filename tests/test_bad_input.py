"""Bad input gets a clear 4xx, never a server error (issue 10).

First the inputs found by hand, each with what it gets; then a property-based test sends random
JSON and random query strings to every JSON endpoint, export and report, as a learner and as a
program lead, and asserts that none of them answers 500.
"""

import json

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from learning.people.models import Role
from quizzes.models import IndicatorKind, QuizKind
from tests.content.factories import LessonPageFactory
from tests.content.h5p.conftest import h5p_package, media_root, package_file  # noqa: F401
from tests.content.h5p.test_player import h5p_block
from tests.learning.factories import EnrolmentFactory, ProfileFactory
from tests.quizzes.factories import likert, make_quiz, single
from tests.quizzes.test_dashboard import make_indicator

pytestmark = pytest.mark.django_db

HUGE_ID = 99999999999999999999999
DEEP_JSON = "[" * 20_000 + "]" * 20_000  # 40 KB: under every size limit
EXAMPLES = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def site(course, lessons, h5p_package):  # noqa: F811 - the H5P fixtures above
    """A course with an H5P lesson, a scored quiz, a survey and an indicator."""
    quiz = make_quiz([single()], course=course, slug="roles-check")
    survey = make_quiz(
        [likert("helpful")], course=course, kind=QuizKind.EVALUATION_SURVEY, slug="survey"
    )
    lesson = LessonPageFactory(parent=course, body=[h5p_block(h5p_package, quiz=quiz)])
    indicator = make_indicator("helpful", IndicatorKind.SHARE_FAVOURABLE, survey.questions.all())
    learner = ProfileFactory(role=Role.SPONSOR, evaluation_consent=True).user
    EnrolmentFactory(user=learner, course=course)
    return {
        "quiz": quiz,
        "lesson": lesson,
        "package": h5p_package,
        "indicator": indicator,
        "learner": learner,
    }


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def post_json(client, url, body, method="post"):
    data = body if isinstance(body, str) else json.dumps(body)
    return getattr(client, method)(url, data, content_type="application/json")


# Found by hand: each bad input and what it gets.


def test_deeply_nested_json_is_refused(site):
    client = signed_in(site["learner"])
    package = site["package"]
    for url in (f"/en/learning/h5p/{package.pk}/state/", f"/en/learning/h5p/{package.pk}/xapi/"):
        response = post_json(client, url, DEEP_JSON)
        assert response.status_code == 400, url
        assert response.json()["code"] in {"invalid_state", "invalid_statement"}
    attempt = post_json(client, "/api/v1/quizzes/roles-check/attempts", {}).json()
    question = site["quiz"].questions.get()
    response = post_json(
        client, f"/api/v1/attempts/{attempt['id']}/answers/{question.pk}", DEEP_JSON, "put"
    )
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_json"


def test_a_lesson_id_out_of_range_is_an_unknown_lesson(site):
    client = signed_in(site["learner"])
    url = f"/en/learning/h5p/{site['package'].pk}/xapi/"
    for lesson in (10**30, -1, 0):
        response = post_json(client, url, {"statement": {}, "lesson": lesson})
        assert response.status_code == 400
        assert response.json()["code"] == "unknown_lesson"


def test_ids_out_of_range_in_addresses_are_not_found(site):
    client = signed_in(site["learner"])
    assert client.get(f"/en/quizzes/attempts/{HUGE_ID}/").status_code == 404
    assert client.get(f"/api/v1/attempts/{HUGE_ID}").status_code == 404
    assert client.post(f"/en/learning/enrol/{HUGE_ID}/").status_code == 404
    assert client.post(f"/en/learning/lessons/{HUGE_ID}/complete/").status_code == 404
    assert post_json(client, f"/en/learning/h5p/{HUGE_ID}/xapi/", {}).status_code == 404


def test_an_answer_id_out_of_range_is_a_question_of_another_quiz(site):
    client = signed_in(site["learner"])
    attempt = post_json(client, "/api/v1/quizzes/roles-check/attempts", {}).json()
    response = post_json(
        client, f"/api/v1/attempts/{attempt['id']}/submit", {"answers": {str(HUGE_ID): "x"}}
    )
    assert response.status_code == 400
    assert response.json()["code"] == "unknown_question"


def test_a_posted_question_id_out_of_range_is_a_removed_question(site, client):
    client.force_login(site["learner"])
    started = client.post(reverse("quiz_start", args=["roles-check"]))
    response = client.post(started["Location"], {"present": [str(HUGE_ID)]}, follow=True)
    assert response.status_code == 200
    assert "no longer exist" in response.content.decode()


def test_a_nul_character_in_a_search_is_refused_in_words(client, home):
    response = client.get("/en/search/", {"q": "sponsor\x00"})
    assert response.status_code == 400
    assert "not allowed" in response.content.decode()
    response = client.get("/fr/search/", {"q": "\x00"})
    assert response.status_code == 400
    assert "interdit" in response.content.decode()


def test_a_date_past_the_calendar_is_a_clear_error(site, program_lead):
    client = signed_in(program_lead)
    url = reverse("indicator_export", args=["helpful", "csv"])
    response = client.get(url, {"to": "9999-12-31"})
    assert response.status_code == 400
    assert "9999-12-31" in response.content.decode()
    assert client.get(url, {"from": "0001-01-01"}).status_code == 400


# Random input: never a server error.

JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=2**63 - 2, max_value=10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=40)
    | st.sampled_from(
        ["\x00", "\u0000abc", "9999-12-31", "http://adlnet.gov/expapi/verbs/answered"]
    ),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "id",
                    "verb",
                    "object",
                    "result",
                    "score",
                    "raw",
                    "max",
                    "context",
                    "value",
                    "data",
                    "statement",
                    "lesson",
                    "answers",
                    "choice",
                    "text",
                    "x",
                ]
            )
            | st.text(max_size=8),
            children,
            max_size=5,
        )
    ),
    max_leaves=12,
)
BODIES = (
    JSON_VALUES.map(json.dumps)
    | st.sampled_from(
        [DEEP_JSON, "{", "", "null", "\ufeff{}", '{"data": "\\u0000"}', '"' + "a" * 70_000 + '"']
    )
    | st.binary(max_size=64).map(lambda b: b.decode("latin-1"))
)

QUERY_KEYS = st.sampled_from(
    [
        "from",
        "to",
        "role",
        "cohort",
        "course",
        "region",
        "language",
        "by",
        "breakdown",
        "period",
        "browser",
        "browser_reported",
        "format",
        "lang",
        "q",
        "page",
        "audience",
        "p",
    ]
) | st.text(max_size=6)
QUERY_VALUES = st.sampled_from(
    [
        "9999-12-31",
        "0001-01-01",
        "2026-02-30",
        "2026-13-01",
        str(HUGE_ID),
        "-1",
        "\x00",
        "",
        "settlement_worker",
        "month",
        "quarter",
        "pdf",
        "csv",
        "xlsx",
        "html",
        "fr",
        "yes",
        "1",
    ]
) | st.text(max_size=12)
QUERIES = st.dictionaries(QUERY_KEYS, QUERY_VALUES, max_size=6)


def _assert_no_server_error(response, what):
    assert response.status_code < 500, f"{what}: {response.status_code}"


@EXAMPLES
@given(body=BODIES)
@example(body=DEEP_JSON)
@example(body=json.dumps({"statement": {}, "lesson": 10**30, "data": "\x00", "value": 10**30}))
def test_random_json_to_the_json_endpoints_never_fails(site, body):
    client = signed_in(site["learner"])
    package, quiz = site["package"], site["quiz"]
    question = quiz.questions.get()
    attempt = client.post("/api/v1/quizzes/roles-check/attempts").json()
    for method, url in (
        ("post", f"/en/learning/h5p/{package.pk}/state/"),
        ("post", f"/en/learning/h5p/{package.pk}/xapi/"),
        ("post", "/api/v1/quizzes/roles-check/attempts"),
        ("put", f"/api/v1/attempts/{attempt.get('id', 1)}/answers/{question.pk}"),
        ("put", f"/api/v1/attempts/{HUGE_ID}/answers/{HUGE_ID}"),
        ("post", f"/api/v1/attempts/{attempt.get('id', 1)}/submit"),
    ):
        _assert_no_server_error(post_json(client, url, body, method), f"{method} {url} {body!r}")


@EXAMPLES
@given(query=QUERIES)
@example(query={"course": str(HUGE_ID), "cohort": str(HUGE_ID)})
@example(query={"to": "9999-12-31", "from": "0001-01-01"})
@example(query={"q": "\x00", "lang": "\x00"})
def test_random_queries_to_pages_exports_and_reports_never_fail(site, program_lead, query):
    learner, lead = signed_in(site["learner"]), signed_in(program_lead)
    attempt = learner.post("/api/v1/quizzes/roles-check/attempts").json()
    for client, url in (
        (learner, "/api/v1/quizzes/roles-check"),
        (learner, f"/api/v1/attempts/{attempt.get('id', 1)}"),
        (learner, f"/api/v1/attempts/{attempt.get('id', 1)}/result"),
        (learner, "/en/search/"),
        (learner, "/en/learning/"),
        (learner, "/en/learning/privacy/export.json"),
        (learner, f"/en/learning/h5p/{site['package'].pk}/state/"),
        (lead, reverse("indicator_export", args=["helpful", "csv"])),
        (lead, reverse("indicator_export", args=["helpful", "xlsx"])),
        (lead, reverse("indicator_funder_report")),
        (lead, reverse("indicator_dashboard")),
    ):
        _assert_no_server_error(client.get(url, query), f"GET {url} {query!r}")


@pytest.mark.parametrize("query", ['"', 'sponsor "group', '""', "(", "*", "AND", "NOT", "-"])
def test_search_words_that_mean_syntax_to_the_search_engine_are_searched_as_words(
    client, lessons, query
):
    response = client.get("/en/search/", {"q": query})
    assert response.status_code == 200
