"""Playing H5P in a lesson: the block, the package files, the learner's saved state."""

import json

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from django.utils import translation

from content.h5p.models import H5PUserState
from content.h5p.player import content_base_path, object_belongs_to
from tests.content.factories import LessonPageFactory
from tests.learning.factories import EnrolmentFactory, ProfileFactory

pytestmark = pytest.mark.django_db


def h5p_block(package, quiz=None, required=False):
    return {
        "type": "h5p",
        "value": {"package": package.pk, "quiz": quiz.pk if quiz else None, "required": required},
    }


@pytest.fixture
def learner():
    return ProfileFactory().user


@pytest.fixture
def h5p_lesson(course, h5p_package):
    return LessonPageFactory(
        parent=course,
        title_en="The undertaking",
        title_fr="L'engagement",
        body_en=[h5p_block(h5p_package)],
        body_fr=[h5p_block(h5p_package)],
    )


def config_of(response):
    soup = BeautifulSoup(response.content, "html.parser")
    element = soup.select_one("[data-h5p-player]")
    assert element is not None
    return json.loads(soup.find(id=element["data-h5p-player"]).string), soup


def test_lesson_shows_a_lazy_player_with_local_scripts(client, learner, h5p_lesson, h5p_package):
    EnrolmentFactory(user=learner, course=h5p_lesson.get_parent().specific)
    client.force_login(learner)
    response = client.get(h5p_lesson.url)
    assert response.status_code == 200
    config, soup = config_of(response)
    # Nothing starts until the learner asks: a button, the player hidden.
    assert soup.select_one("[data-h5p-start]") is not None
    assert soup.select_one("[data-h5p-player]").has_attr("hidden")
    assert config["frameJs"] == "/static/vendor/h5p-standalone/frame.bundle.js"
    assert config["frameCss"] == "/static/vendor/h5p-standalone/styles/h5p.css"
    assert config["mainJs"] == "/static/vendor/h5p-standalone/main.bundle.js"
    assert config["fullScreen"] is True
    assert config["h5pJsonPath"] == f"http://testserver/h5p-content/{h5p_package.storage_key}"
    assert config["xAPIObjectIRI"] == config["h5pJsonPath"]
    assert config["stateUrl"] == f"/en/learning/h5p/{h5p_package.pk}/state/"
    assert config["xapiUrl"] == f"/en/learning/h5p/{h5p_package.pk}/xapi/"
    assert config["lesson"] == h5p_lesson.pk
    assert config["csrfToken"]
    assert "contentUserData" not in config
    assert "cdn" not in response.content.decode().lower()


def test_saved_state_is_given_back_to_the_player(client, learner, h5p_lesson, h5p_package):
    H5PUserState.objects.create(user=learner, package=h5p_package, data='{"selected": 1}')
    client.force_login(learner)
    config, _soup = config_of(client.get(h5p_lesson.url))
    assert config["contentUserData"] == [{"state": '{"selected": 1}'}]


def test_visitors_can_play_but_nothing_is_saved(client, h5p_lesson):
    config, _soup = config_of(client.get(h5p_lesson.url))
    assert config["signedIn"] is False
    assert "stateUrl" not in config and "csrfToken" not in config


def test_content_origin_setting(client, settings, learner, h5p_lesson, h5p_package):
    settings.H5P_CONTENT_ORIGIN = "https://h5p.example.org"
    client.force_login(learner)
    config, _soup = config_of(client.get(h5p_lesson.url))
    base = f"https://h5p.example.org/h5p-content/{h5p_package.storage_key}"
    assert config["h5pJsonPath"] == config["xAPIObjectIRI"] == base


def test_french_lesson_uses_french_urls(client, learner, h5p_lesson, h5p_package):
    client.force_login(learner)
    with translation.override("fr"):
        url = h5p_lesson.get_url()
    assert url.startswith("/fr/")
    config, _soup = config_of(client.get(url))
    assert config["stateUrl"] == f"/fr/learning/h5p/{h5p_package.pk}/state/"


# --- package files ---------------------------------------------------------------------------


def content_url(package, path):
    return f"{content_base_path(package)}/{path}"


def test_package_files_are_served_with_safe_headers(client, h5p_package):
    response = client.get(content_url(h5p_package, "h5p.json"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    csp = response["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in csp and "sandbox" in csp
    assert response["Access-Control-Allow-Origin"] == "*"
    assert json.loads(b"".join(response.streaming_content))["title"] == "Sponsorship undertaking"
    assert "Set-Cookie" not in response
    script = client.get(content_url(h5p_package, "PSRLearn.SimpleQuestion-1.0/simple-question.js"))
    assert script["Content-Type"].startswith("text/javascript")


def test_html_is_never_served_as_a_page(client, h5p_package, h5p_root):
    folder = h5p_root / "h5p" / h5p_package.storage_key / "PSRLearn.SimpleQuestion-1.0"
    (folder / "page.html").write_text("<script>alert(1)</script>")
    (folder / "icon.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    response = client.get(content_url(h5p_package, "PSRLearn.SimpleQuestion-1.0/page.html"))
    assert response.status_code == 200
    assert "text/html" not in response["Content-Type"]
    assert response["Content-Disposition"].startswith("attachment")
    svg = client.get(content_url(h5p_package, "PSRLearn.SimpleQuestion-1.0/icon.svg"))
    assert svg["Content-Type"] == "image/svg+xml"
    assert "sandbox" in svg["Content-Security-Policy"]


@pytest.mark.parametrize(
    "path",
    ["missing.json", "content", "../h5p.json", "content/../h5p.json", "content//content.json"],
)
def test_missing_or_escaping_paths_are_not_found(client, h5p_package, path):
    # 404; LocaleMiddleware turns a 404 for a path without an extension into a redirect to
    # /en/…, which is not found either.
    assert client.get(content_url(h5p_package, path)).status_code in (302, 404)


def test_unknown_key_is_not_found(client, h5p_package):
    assert client.get("/h5p-content/" + "0" * 32 + "/h5p.json").status_code == 404
    assert client.get("/h5p-content/not-a-key/h5p.json").status_code == 404


def test_object_ids_of_the_package(h5p_package, package_file, tmp_path):
    base = f"https://example.org{content_base_path(h5p_package)}"
    assert object_belongs_to(h5p_package, base)
    assert object_belongs_to(h5p_package, base + "?subContentId=abc")
    assert not object_belongs_to(h5p_package, base + "/other")
    assert not object_belongs_to(h5p_package, base + "?evil=1")
    assert not object_belongs_to(h5p_package, "https://example.org/h5p-content/" + "1" * 32)
    assert not object_belongs_to(h5p_package, None)


# --- saved state -----------------------------------------------------------------------------


def state_url(package, language="en"):
    return reverse("h5p_state", args=[package.pk]).replace("/en/", f"/{language}/", 1)


def csrf_client(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    client.get("/en/learning/")  # the CSRF cookie
    return client, client.cookies["csrftoken"].value


def post_json(client, url, payload, token=None, **extra):
    headers = {"HTTP_X_CSRFTOKEN": token} if token else {}
    body = payload if isinstance(payload, bytes | str) else json.dumps(payload)
    return client.post(url, body, content_type="application/json", **headers, **extra)


def test_state_is_saved_and_restored_per_learner(learner, h5p_package):
    client, token = csrf_client(learner)
    url = state_url(h5p_package)
    assert client.get(url).json() == {"data": None}
    assert post_json(client, url, {"data": '{"selected": 2}'}, token).status_code == 204
    assert client.get(url).json() == {"data": '{"selected": 2}'}
    assert post_json(client, url, {"data": '{"selected": 0}'}, token).status_code == 204
    assert H5PUserState.objects.get(user=learner).data == '{"selected": 0}'

    other = ProfileFactory().user
    other_client, _token = csrf_client(other)
    assert other_client.get(url).json() == {"data": None}


def test_state_needs_the_csrf_token(learner, h5p_package):
    client, _token = csrf_client(learner)
    response = post_json(client, state_url(h5p_package), {"data": "{}"})
    assert response.status_code == 403
    assert not H5PUserState.objects.exists()


def test_state_needs_a_login(client, h5p_package):
    assert client.get(state_url(h5p_package)).status_code == 403
    assert post_json(client, state_url(h5p_package), {"data": "{}"}).status_code == 403


def test_state_over_64_kb_is_refused_with_a_message(learner, h5p_package):
    client, token = csrf_client(learner)
    big = json.dumps({"text": "x" * (64 * 1024)})
    response = post_json(client, state_url(h5p_package, "fr"), {"data": big}, token)
    assert response.status_code == 413
    assert "64" in response.json()["message"]
    assert not H5PUserState.objects.exists()


@pytest.mark.parametrize("payload", [{"data": 3}, {"data": "not json"}, [1], b"\xff"])
def test_invalid_state_is_refused(learner, h5p_package, payload):
    client, token = csrf_client(learner)
    assert post_json(client, state_url(h5p_package), payload, token).status_code == 400


def test_null_forgets_the_state(learner, h5p_package):
    H5PUserState.objects.create(user=learner, package=h5p_package, data="{}")
    client, token = csrf_client(learner)
    assert post_json(client, state_url(h5p_package), {"data": None}, token).status_code == 204
    assert not H5PUserState.objects.exists()


def test_unknown_package_is_not_found(learner):
    client, _token = csrf_client(learner)
    assert client.get("/en/learning/h5p/999999/state/").status_code == 404
