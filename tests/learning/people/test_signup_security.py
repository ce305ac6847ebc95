"""Sign-up (issue 13): passwords of 12 characters at least, and no word on who is registered."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core import mail

from tests.learning.factories import ProfileFactory
from tests.learning.people.test_accounts import signup_data

pytestmark = pytest.mark.django_db


def errors(response):
    page = BeautifulSoup(response.content, "html.parser")
    return " ".join(e.get_text(" ", strip=True) for e in page.select(".errorlist"))


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "at least 12 characters"),
        ("fr", "au minimum 12 caractères"),
    ],
)
def test_an_eight_character_password_is_refused(client, home, language, message):
    response = client.post(
        f"/{language}/accounts/signup/", signup_data(password1="Xq7#pL2v", password2="Xq7#pL2v")
    )
    assert response.status_code == 200
    assert message in errors(response)
    assert not get_user_model().objects.filter(email="nadia@example.org").exists()


def test_a_long_common_password_is_refused(client, home):
    response = client.post(
        "/fr/accounts/signup/",
        signup_data(password1="password1234", password2="password1234"),
    )
    assert response.status_code == 200
    assert "trop courant" in errors(response)


def test_a_twelve_character_password_is_accepted(client, home):
    response = client.post(
        "/en/accounts/signup/", signup_data(password1="Vt8#kq2Lm9zR", password2="Vt8#kq2Lm9zR")
    )
    assert response.status_code == 302
    assert get_user_model().objects.filter(email="nadia@example.org").exists()


@pytest.mark.parametrize("language", ["en", "fr"])
def test_signup_does_not_say_whether_an_email_is_registered(client, home, settings, language):
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"  # the default outside tests
    ProfileFactory(user__email="nadia@example.org")
    taken = client.post(f"/{language}/accounts/signup/", signup_data(email="Nadia@Example.org"))
    fresh = client.post(f"/{language}/accounts/signup/", signup_data(email="omar@example.org"))
    # The same answer either way: on to "check your email".
    assert taken.status_code == fresh.status_code == 302
    assert taken["Location"] == fresh["Location"]
    assert get_user_model().objects.filter(email__iexact="nadia@example.org").count() == 1
    # The owner of the registered address is told by email instead.
    assert sorted(message.to[0] for message in mail.outbox) == [
        "nadia@example.org",
        "omar@example.org",
    ]
