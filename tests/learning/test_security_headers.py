"""Content-Security-Policy, Permissions-Policy and Referrer-Policy over HTTP (issue 13).

The browser tests (tests/browser/conftest.py) fail on any violation the policy reports, so
they prove the H5P player, the quiz autosave and the dashboard's Chart.js live with it.
"""

import base64
import hashlib
import re

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.auth.models import Group

from content.h5p.services import h5p_package_create
from learning.roles import PROGRAM_LEADS
from quizzes.models import Attempt
from tests.content.factories import LessonPageFactory
from tests.content.h5p.builder import build_package
from tests.learning.factories import EnrolmentFactory, ProfileFactory
from tests.quizzes.factories import make_quiz, single

pytestmark = pytest.mark.django_db

FRAME_BUNDLE = settings.NODE_MODULES / "h5p-standalone" / "dist" / "frame.bundle.js"


def directives(response):
    """The Content-Security-Policy header as {directive: [sources]}."""
    policy = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        policy[name] = sources
    return policy


def script_nonces(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [script.get("nonce") for script in soup.find_all("script") if script.get("src")]


def assert_strict(policy):
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'self'"]
    # The H5P player's frame, and lesson videos from YouTube or Vimeo.
    assert policy["frame-src"] == ["'self'", *settings.VIDEO_FRAME_ORIGINS]
    assert "https://www.youtube-nocookie.com" in policy["frame-src"]
    assert "https://player.vimeo.com" in policy["frame-src"]
    assert policy["connect-src"] == ["'self'"]
    assert policy["img-src"][:2] == ["'self'", "data:"]


def nonce_of(policy):
    nonces = [source for source in policy["script-src"] if source.startswith("'nonce-")]
    assert len(nonces) == 1, policy["script-src"]
    return nonces[0][len("'nonce-") : -1]


def test_the_quiz_page_runs_autosave_with_this_responses_nonce(client, home):
    learner = ProfileFactory().user
    quiz = make_quiz([single()])
    client.force_login(learner)
    client.post(f"/en/quizzes/{quiz.slug}/start/")
    attempt = Attempt.objects.get()

    first = client.get(f"/en/quizzes/attempts/{attempt.pk}/")
    second = client.get(f"/en/quizzes/attempts/{attempt.pk}/")

    policy = directives(first)
    assert_strict(policy)
    nonce = nonce_of(policy)
    # The site menu's script (every page), the background saver and the quiz's autosave on it,
    # each with this response's nonce.
    assert script_nonces(first) == [nonce, nonce, nonce]
    assert b"js/site_menu.js" in first.content
    assert b"quizzes/background_save.js" in first.content
    assert b"quizzes/autosave.js" in first.content
    # A new nonce for every response.
    assert nonce_of(directives(second)) != nonce


def test_the_lesson_with_an_h5p_activity_has_the_strict_policy(client, course, tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.H5P_ROOT = tmp_path / "h5p-files"
    with open(build_package(tmp_path), "rb") as fileobj:
        package = h5p_package_create(fileobj=fileobj, title_en="Who signs?", title_fr="Qui ?")
    block = {"type": "h5p", "value": {"package": package.pk, "quiz": None, "required": False}}
    lesson = LessonPageFactory(parent=course, body_en=[block], body_fr=[block])
    learner = ProfileFactory().user
    EnrolmentFactory(user=learner, course=course)
    client.force_login(learner)

    response = client.get(lesson.url)

    assert response.status_code == 200
    policy = directives(response)
    assert_strict(policy)
    # The H5P player's script and the site menu's.
    assert script_nonces(response) == [nonce_of(policy)] * 2
    # No other inline script: only the H5P frame's own, allowed by its hash.
    hashes = [source for source in policy["script-src"] if source.startswith("'sha256-")]
    assert hashes == [settings.H5P_FRAME_SCRIPT_HASH]
    assert response["Permissions-Policy"].startswith("camera=(), microphone=(), geolocation=()")
    assert "fullscreen=(self)" in response["Permissions-Policy"]
    assert response["Referrer-Policy"] == "same-origin"

    # The package's files keep their own sandboxed policy, not the site's.
    file_response = client.get(f"/h5p-content/{package.storage_key}/h5p.json")
    assert file_response.status_code == 200
    assert file_response["Content-Security-Policy"].startswith("sandbox; default-src 'none'")


def test_the_allowed_h5p_frame_script_is_the_installed_players():
    """H5P core writes its frame with this one inline script: an upgrade of h5p-standalone
    that changes it fails here, before the browser refuses to run the activity."""
    bundle = FRAME_BUNDLE.read_text(encoding="utf-8")
    # The whole inline script as one string literal in the bundle: "<script>…<\/script>".
    scripts = re.findall(r'"<script>([^"<]*)<\\/script>"', bundle)
    assert scripts, "the frame's inline script is no longer in frame.bundle.js"
    digests = {
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
        for s in scripts
    }
    assert digests == {settings.H5P_FRAME_SCRIPT_HASH}


def test_pages_without_scripts_and_error_pages_have_the_policy_too(client, home):
    for url in ("/en/", "/en/accounts/login/", "/en/no-such-page/"):
        response = client.get(url)
        policy = directives(response)
        assert_strict(policy)
        assert "Permissions-Policy" in response


def test_the_admin_has_its_own_policy_with_inline_scripts_but_no_nonce(client, django_user_model):
    lead = django_user_model.objects.create_user("lead", "lead@example.org", "pw")
    lead.groups.add(Group.objects.get(name=PROGRAM_LEADS))
    client.force_login(lead)

    for url in ("/admin/login/", "/admin/"):
        response = client.get(url)
        policy = directives(response)
        # Wagtail's admin writes inline scripts; a nonce would make browsers ignore
        # 'unsafe-inline', so there is none.
        assert "'unsafe-inline'" in policy["script-src"]
        assert not [source for source in policy["script-src"] if source.startswith("'nonce-")]
        # The rest holds as on the learner site.
        assert policy["object-src"] == ["'none'"]
        assert policy["frame-ancestors"] == ["'self'"]
        assert policy["form-action"] == ["'self'"]
        assert "Permissions-Policy" in response
