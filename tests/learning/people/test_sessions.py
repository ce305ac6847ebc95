"""A signed-in page reads the session and its user in one query, and signs out whoever Django would.

learning/people/sessions.py takes the user from the session row's join; these check that each
way Django ends a session still ends it (issue 11).
"""

import pytest
from django.contrib.auth import HASH_SESSION_KEY
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from learning.people.models import SignedInSession

pytestmark = pytest.mark.django_db

MY_LEARNING = "/en/learning/"


def signed_in(client, user):
    client.force_login(user)
    response = client.get(MY_LEARNING)
    assert response.status_code == 200
    assert response.context["user"] == user
    return response


def reads_as_signed_out(client):
    response = client.get(MY_LEARNING)
    return response.status_code == 302 and reverse("account_login") in response["Location"]


def test_the_session_and_its_user_come_in_one_query(client, learner):
    signed_in(client, learner)
    with CaptureQueriesContext(connection) as captured:
        client.get(MY_LEARNING)
    sql = [query["sql"] for query in captured.captured_queries]
    session_reads = [query for query in sql if "learning_signedinsession" in query]
    user_reads = [query for query in sql if 'FROM "auth_user"' in query]
    assert len(session_reads) == 1
    assert '"auth_user"' in session_reads[0]  # joined
    assert user_reads == []


def test_the_session_row_names_its_user_and_goes_with_the_account(client, learner):
    signed_in(client, learner)
    row = SignedInSession.objects.get()
    assert row.user_id == learner.pk

    learner.delete()

    assert not SignedInSession.objects.exists()
    assert reads_as_signed_out(client)


def test_a_password_change_elsewhere_signs_this_session_out(client, learner):
    signed_in(client, learner)
    learner.set_password("a-new-long-passphrase-42")
    learner.save()

    assert reads_as_signed_out(client)


def test_a_deactivated_account_is_signed_out(client, learner):
    signed_in(client, learner)
    learner.is_active = False
    learner.save()

    assert reads_as_signed_out(client)


def test_a_forged_password_hash_in_the_session_signs_out_and_empties_it(client, learner):
    signed_in(client, learner)
    session = client.session
    session[HASH_SESSION_KEY] = "0" * 64
    session.save()

    assert reads_as_signed_out(client)
    assert HASH_SESSION_KEY not in client.session.load()


def test_a_session_naming_an_account_that_no_longer_exists_reads_as_signed_out(client, learner):
    signed_in(client, learner)
    session = client.session
    session["_auth_user_id"] = str(learner.pk + 1000)
    session.save()

    assert SignedInSession.objects.get().user_id == learner.pk + 1000
    assert reads_as_signed_out(client)


def test_signing_out_ends_the_session_row(client, learner):
    signed_in(client, learner)
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert not SignedInSession.objects.filter(user=learner).exists()
    assert reads_as_signed_out(client)


def test_an_anonymous_visit_reads_no_session(client, home):
    with CaptureQueriesContext(connection) as captured:
        client.get("/en/")
    assert not [q for q in captured.captured_queries if "learning_signedinsession" in q["sql"]]
