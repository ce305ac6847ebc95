"""Health checks the proxy and the benchmarks use (deploy/nginx.conf, bench/burst.py)."""

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import OperationalError, connection


@pytest.mark.django_db
def test_healthz_answers_without_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_says_whether_the_database_answers(client, monkeypatch):
    assert client.get("/readyz").json() == {"status": "ok"}

    def broken(*args, **kwargs):
        raise OSError("connection refused")

    monkeypatch.setattr(connection, "cursor", broken)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable"}


def _database_gone(*args, **kwargs):
    raise OperationalError("server closed the connection unexpectedly")


@pytest.fixture
def database_down_for_sessions(monkeypatch):
    # The first thing a signed-in request reads is its session: as when PostgreSQL restarts.
    monkeypatch.setattr(SessionStore, "load", _database_gone)


@pytest.mark.django_db
def test_a_database_outage_is_a_503_to_retry_not_a_500(client, database_down_for_sessions):
    client.raise_request_exception = False
    client.cookies["sessionid"] = "a-session"
    response = client.get("/en/learning/")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    page = response.content.decode()
    assert "briefly unavailable" in page
    assert "momentanément indisponible" in page


@pytest.mark.django_db
def test_the_api_says_it_in_json_in_the_learners_language(client, database_down_for_sessions):
    client.raise_request_exception = False
    client.cookies["sessionid"] = "a-session"
    response = client.get("/api/v1/quizzes/pre-test?lang=fr", HTTP_ACCEPT="application/json")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    body = response.json()
    assert body["code"] == "unavailable"
    assert "Rien de ce que vous avez enregistré n’est perdu" in body["message"]


@pytest.mark.django_db
def test_any_other_fault_is_still_a_500(client, monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("a bug")

    monkeypatch.setattr(SessionStore, "load", broken)
    client.raise_request_exception = False
    client.cookies["sessionid"] = "a-session"
    response = client.get("/en/learning/")
    assert response.status_code == 500
    assert "Retry-After" not in response
