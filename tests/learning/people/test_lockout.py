"""Login lockouts (issue 13): per account whatever name is typed, per real client address."""

import pytest
from django.test import Client

from learning.people.auth import client_address
from tests.learning.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture
def trainer(db):
    return UserFactory(
        username="trainer", email="trainer@example.org", is_staff=True, is_superuser=True
    )


def site_login(client, login, password, **extra):
    return client.post("/en/accounts/login/", {"login": login, "password": password}, **extra)


def admin_login(client, username, password, **extra):
    return client.post("/admin/login/", {"username": username, "password": password}, **extra)


def test_admin_login_works_before_any_failure(home, trainer):
    response = admin_login(Client(), "trainer", PASSWORD)
    assert response.status_code == 302


def test_failures_by_email_lock_the_admin_login_by_username(home, trainer, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        site_login(client, "trainer@example.org", "wrong")
    response = admin_login(Client(), "trainer", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in response.client.session


def test_any_case_and_either_name_count_as_one_account(home, trainer, settings):
    names = ["Trainer@Example.org", "TRAINER", "trainer", "trainer@EXAMPLE.ORG", "Trainer"]
    for name in names[: settings.AXES_FAILURE_LIMIT]:
        if "@" in name:
            site_login(Client(), name, "wrong")
        else:
            admin_login(Client(), name, "wrong")
    response = site_login(Client(), "trainer@example.org", PASSWORD)
    assert response.status_code == 429
    assert (
        "Trop de tentatives"
        in Client()
        .post("/fr/accounts/login/", {"login": "trainer@example.org", "password": PASSWORD})
        .content.decode()
    )


def behind_proxy(client_ip, spoofed=""):
    chain = f"{spoofed}, {client_ip}" if spoofed else client_ip
    return {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": chain}


def test_behind_a_proxy_an_attacker_locks_only_their_own_address(home, trainer, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    attacker = behind_proxy("203.0.113.5")
    for _ in range(settings.AXES_FAILURE_LIMIT + 2):
        site_login(Client(), "trainer@example.org", "wrong", **attacker)
    assert site_login(Client(), "trainer@example.org", PASSWORD, **attacker).status_code == 429
    # The trainer, at another address behind the same proxy, still signs in, on both pages.
    assert (
        admin_login(Client(), "trainer", PASSWORD, **behind_proxy("198.51.100.7")).status_code
        == 302
    )
    assert (
        site_login(
            Client(), "trainer@example.org", PASSWORD, **behind_proxy("198.51.100.7")
        ).status_code
        == 302
    )


def test_a_forged_forwarded_for_does_not_escape_the_lockout(home, trainer, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for number in range(settings.AXES_FAILURE_LIMIT):
        # The attacker writes a new address each time; the proxy appends the real one.
        forged = behind_proxy("203.0.113.5", spoofed=f"192.0.2.{number}")
        admin_login(Client(), "trainer", "wrong", **forged)
    forged = behind_proxy("203.0.113.5", spoofed="192.0.2.200")
    assert admin_login(Client(), "trainer", PASSWORD, **forged).status_code == 429


def test_without_a_proxy_forwarded_for_is_ignored(home, trainer, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    for number in range(settings.AXES_FAILURE_LIMIT):
        site_login(
            Client(), "trainer@example.org", "wrong", HTTP_X_FORWARDED_FOR=f"192.0.2.{number}"
        )
    response = site_login(
        Client(), "trainer@example.org", PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.99"
    )
    assert response.status_code == 429


@pytest.mark.parametrize(
    ("count", "meta", "expected"),
    [
        (0, {"REMOTE_ADDR": "198.51.100.7", "HTTP_X_FORWARDED_FOR": "1.2.3.4"}, "198.51.100.7"),
        (1, {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "1.2.3.4, 5.6.7.8"}, "5.6.7.8"),
        (
            2,
            {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "1.2.3.4, 5.6.7.8, 10.0.0.3"},
            "5.6.7.8",
        ),
        (1, {"REMOTE_ADDR": "10.0.0.2"}, "10.0.0.2"),
        (1, {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "not-an-address"}, "10.0.0.2"),
    ],
)
def test_client_address(rf, settings, count, meta, expected):
    settings.TRUSTED_PROXY_COUNT = count
    request = rf.get("/", **meta)
    assert client_address(request) == expected
