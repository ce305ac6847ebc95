"""Playwright against Debian's Chromium (never a downloaded browser), with axe checks."""

import io
import os
import shutil
from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext
from wagtail.users.models import UserProfile

from learning.roles import TRAINERS

# Playwright's sync API runs an event loop in this thread; the ORM calls in fixtures are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not os.path.exists(CHROMIUM):
        pytest.fail("The browser tests need Debian's Chromium: apt-get install chromium")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


# Every frame reports the Content-Security-Policy violations it sees to the test (the H5P
# player's about:blank frame included, which inherits the page's policy).
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__reportCSPViolation(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} on ${event.documentURI}`
    + (event.sample ? `: ${event.sample}` : "")
  );
});
"""


@pytest.fixture
def csp_violations():
    """What the page's Content-Security-Policy refused, as the browser reported it."""
    return []


@pytest.fixture
def page(page, live_server, csp_violations):
    """A page that may only talk to the test server, and whose policy refuses nothing: any
    other request, or any CSP violation (a script, style or frame the policy blocked), fails
    the test."""
    allowed = urlparse(live_server.url).netloc
    leaked = []
    page.expose_function("__reportCSPViolation", lambda report: csp_violations.append(report))
    page.add_init_script(CSP_LISTENER)

    def on_console(message):
        # The browser's own report, also for what happens before a listener exists.
        if "Content Security Policy" in message.text or "Refused to" in message.text:
            csp_violations.append(message.text)

    page.on("console", on_console)

    def guard(route):
        if urlparse(route.request.url).netloc == allowed or route.request.url.startswith("data:"):
            route.continue_()
        else:
            leaked.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    page.set_default_timeout(15_000)
    yield page
    assert not leaked, f"requests left the machine: {leaked}"
    assert not csp_violations, "Content-Security-Policy violations:\n" + "\n".join(csp_violations)


def words(language, text, **values):
    """The catalogue's words for `text` in `language` (the admin's language)."""
    with translation.override(language):
        return gettext(text) % values if values else gettext(text)


@pytest.fixture
def trainer_in(django_user_model):
    """A trainer whose admin speaks `language`: trainer_in("fr")."""

    def make(language):
        user = django_user_model.objects.create_user(
            f"trainer-{language}", f"trainer-{language}@example.org", "a-long-passphrase-2026"
        )
        user.groups.add(Group.objects.get(name=TRAINERS))
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
        return user

    return make


def session_cookies(user, url):
    """Cookies of a signed-in session for `user`, for a page to start from."""
    client = Client()
    client.force_login(user)
    value = client.cookies[settings.SESSION_COOKIE_NAME].value
    return [{"name": settings.SESSION_COOKIE_NAME, "value": value, "url": url}]


_axe = Axe()


def assert_accessible(page):
    """axe-core finds no serious or critical violation on the current page."""
    results = _axe.run(page)
    problems = [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + "; ".join(node["target"][0] for node in violation["nodes"][:3])
        for violation in results.response["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]
    assert not problems, f"{page.url}:\n" + "\n".join(problems)


@pytest.fixture
def demo_site(transactional_db):
    from django.core.management import call_command

    call_command("update_translation_fields", verbosity=0)
    call_command("seed_demo", stdout=io.StringIO())
