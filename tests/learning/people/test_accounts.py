import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core import mail

from learning.people.models import Profile
from tests.learning.factories import ProfileFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-and-unusual-passphrase-2026"


def signup_data(**overrides):
    data = {
        "email": "nadia@example.org",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "first_name": "Nadia",
        "last_name": "Haddad",
        "role": "sponsor",
        "organisation": "St. Mark's sponsor group",
        "region": "kingston",
        "preferred_language": "fr",
        "evaluation_consent": "yes",
    }
    data.update(overrides)
    return data


def errors(response):
    page = BeautifulSoup(response.content, "html.parser")
    return " ".join(e.get_text(" ", strip=True) for e in page.select(".errorlist"))


def test_signup_creates_the_account_and_profile_and_switches_to_french(client, home):
    response = client.post("/en/accounts/signup/", signup_data())
    assert response.status_code == 302
    # The interface follows the preferred language chosen at sign-up.
    assert response["Location"].startswith("/fr/")
    user = get_user_model().objects.get(email="nadia@example.org")
    assert user.get_full_name() == "Nadia Haddad"
    profile = Profile.objects.get(user=user)
    assert profile.role == "sponsor"
    assert profile.region == "kingston"
    assert profile.preferred_language == "fr"
    assert profile.evaluation_consent is True
    assert profile.consent_updated_at is not None


def test_signup_form_is_french_under_fr(client, home):
    response = client.get("/fr/accounts/signup/")
    assert response.status_code == 200
    text = response.content.decode()
    assert 'lang="fr"' in text
    assert "Votre rôle" in text
    assert "Pouvons-nous utiliser vos réponses" in text


def test_duplicate_email_is_refused_in_the_readers_language(client, home):
    ProfileFactory(user__email="nadia@example.org")
    response = client.post("/fr/accounts/signup/", signup_data(email="Nadia@Example.org"))
    assert response.status_code == 200
    assert "Un autre utilisateur utilise déjà cette adresse" in errors(response)
    assert get_user_model().objects.filter(email__iexact="nadia@example.org").count() == 1


def test_weak_password_is_refused(client, home):
    response = client.post(
        "/en/accounts/signup/", signup_data(password1="password", password2="password")
    )
    assert response.status_code == 200
    assert "too common" in errors(response)
    assert not get_user_model().objects.filter(email="nadia@example.org").exists()


def test_signup_requires_role_region_and_a_consent_answer(client, home):
    data = signup_data()
    for field in ("role", "region", "evaluation_consent"):
        data.pop(field)
    response = client.post("/en/accounts/signup/", data)
    assert response.status_code == 200
    assert errors(response).count("This field is required") == 3


def test_login_switches_to_the_preferred_language(client, home):
    profile = ProfileFactory(preferred_language="fr")
    response = client.post(
        "/en/accounts/login/",
        {"login": profile.user.email, "password": "correct-horse-battery-staple"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/fr/learning/"


def test_login_is_locked_after_repeated_failures(client, home, settings):
    profile = ProfileFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/en/accounts/login/", {"login": profile.user.email, "password": "wrong"})
    response = client.post(
        "/fr/accounts/login/",
        {"login": profile.user.email, "password": "correct-horse-battery-staple"},
    )
    # Even the right password is refused while the account is locked, with a French page.
    assert response.status_code == 429
    assert "Trop de tentatives" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_an_email_in_the_readers_language(client, home):
    profile = ProfileFactory()
    response = client.post("/fr/accounts/password/reset/", {"email": profile.user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [profile.user.email]
    assert "mot de passe" in message.body.lower()
    link = re.search(r"https?://\S+/fr/accounts/password/reset/key/\S+", message.body)
    assert link, message.body


def test_logout_is_a_post(client, home):
    profile = ProfileFactory()
    client.force_login(profile.user)
    response = client.post("/en/accounts/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_profile_edit_changes_consent_and_language(client, home):
    profile = ProfileFactory(evaluation_consent=True, preferred_language="en")
    client.force_login(profile.user)
    response = client.post(
        "/en/learning/profile/",
        {
            "first_name": "Amina",
            "last_name": "Yusuf",
            "role": "settlement_worker",
            "organisation": "COSTI",
            "region": "gta",
            "preferred_language": "fr",
            "evaluation_consent": "no",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/fr/learning/profile/"
    profile.refresh_from_db()
    assert profile.evaluation_consent is False
    assert profile.region == "gta"
    assert profile.user.last_name == "Yusuf"


def test_profile_rejects_an_unknown_region(client, home):
    profile = ProfileFactory()
    client.force_login(profile.user)
    response = client.post(
        "/fr/learning/profile/",
        {
            "role": "sponsor",
            "region": "atlantis",
            "preferred_language": "fr",
            "evaluation_consent": "yes",
        },
    )
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in errors(response)
    profile.refresh_from_db()
    assert profile.region == "ottawa"


@pytest.mark.parametrize(
    ("language", "greeting"),
    [("en", "Hello from PSR Learn!"), ("fr", "Bonjour de la part de PSR Learn!")],
)
def test_account_emails_name_the_site_not_its_address(client, home, language, greeting):
    """allauth greeted "Hello from testserver!" (in use, the server's host and port)."""
    client.post(f"/{language}/accounts/signup/", signup_data(preferred_language=language))

    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert body.startswith(greeting)
    assert "testserver!" not in body and "Hello from testserver" not in body


def test_the_signed_in_message_names_the_person_not_the_generated_username(client, home):
    profile = ProfileFactory(user__first_name="Amélie", user__last_name="Tremblay")
    profile.user.set_password(PASSWORD)
    profile.user.save()

    response = client.post(
        "/fr/accounts/login/",
        {"login": profile.user.email, "password": PASSWORD},
        follow=True,
    )

    text = response.content.decode()
    assert "Amélie Tremblay" in text
    assert profile.user.username not in text
