"""French H5P players: core's strings in the player config, the content types' strings from
their libraries' language/fr.json, served through the package view."""

import importlib
import json
import re

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

from content.h5p import localised
from content.h5p.core_strings import H5P_CORE_STRINGS, core_translations
from content.h5p.player import content_base_path
from content.h5p.services import h5p_package_create
from tests.content.factories import LessonPageFactory
from tests.content.h5p.builder import LIBRARY, build_package

pytestmark = pytest.mark.django_db

MAIN_BUNDLE = settings.NODE_MODULES / "h5p-standalone" / "dist" / "main.bundle.js"
FRENCH_L10N = {
    "check": "Vérifier",
    "correct": "Bonne réponse !",
    "wrong": "Pas tout à fait.",
    "chooseFirst": "Choisissez d'abord une réponse.",
}


def french_catalogue_has_it():
    with translation.override("fr"):
        return str(H5P_CORE_STRINGS["fullscreen"]) != "Fullscreen"


needs_french = pytest.mark.skipif(
    not french_catalogue_has_it(),
    reason="locale/fr lacks the H5P player's strings yet (/tmp/fr/h5p_french.json)",
)


def bundle_strings():
    """h5p-standalone's English l10n.H5P, as the installed main.bundle.js has it."""
    if not MAIN_BUNDLE.exists():
        pytest.skip("node_modules is not installed")
    found = re.search(r"l10n:\{H5P:\{([^}]*)\}", MAIN_BUNDLE.read_text(encoding="utf-8"))
    assert found, "h5p-standalone's l10n.H5P is no longer in main.bundle.js"
    pairs = re.findall(r'(\w+):"((?:[^"\\]|\\.)*)"', found[1])
    return {key: json.loads(f'"{value}"') for key, value in pairs}


def upload(tmp_path, mutate=None, name="package.h5p"):
    with open(build_package(tmp_path, mutate=mutate, name=name), "rb") as fileobj:
        return h5p_package_create(fileobj=fileobj, title_en="Who signs?", title_fr="Qui signe ?")


def stored_french(h5p_root, package):
    path = h5p_root / "h5p" / package.storage_key / "_l10n" / "fr" / "content.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def served(client, package, path):
    response = client.get(f"{content_base_path(package)}/{path}")
    body = b"".join(response.streaming_content) if response.status_code == 200 else b""
    return response, body


# --- H5P core's strings ----------------------------------------------------------------------


def test_core_strings_are_h5p_standalones_keys_with_its_english():
    with translation.override("en"):
        ours = {key: str(text) for key, text in H5P_CORE_STRINGS.items()}
    assert ours == bundle_strings()


def test_french_core_strings_keep_every_placeholder():
    placeholder = re.compile(r":\w+|%\w")
    with translation.override("en"):
        english = core_translations()["H5P"]
    with translation.override("fr"):
        french = core_translations()["H5P"]
    assert french.keys() == english.keys()
    for key, text in english.items():
        assert placeholder.findall(french[key]) == placeholder.findall(text), key


@needs_french
def test_core_strings_in_french():
    with translation.override("fr"):
        french = core_translations()["H5P"]
    assert french["fullscreen"] == "Plein écran"
    assert french["offlineDialogRetryMessage"] == "Nouvel essai dans :num...."
    assert french["licenseCCBY"] == "Attribution"


# --- the content's strings, written at upload --------------------------------------------------


def test_upload_writes_the_french_content_beside_the_package(h5p_root, h5p_package):
    french = stored_french(h5p_root, h5p_package)

    assert french["l10n"] == FRENCH_L10N
    # Only the defaults change: the author's question and options stay as written.
    assert french["question"] == "Who signs the sponsorship undertaking?"
    assert french["options"][1] == "Every member of the sponsorship group"
    assert french["correctIndex"] == 1
    authored = h5p_root / "h5p" / h5p_package.storage_key / "content" / "content.json"
    assert json.loads(authored.read_text())["l10n"]["check"] == "Check"


def test_strings_the_author_changed_stay(h5p_root, tmp_path):
    def own_feedback(spec):
        spec.content["l10n"]["wrong"] = "Not yet: read the undertaking's section 2 again."

    french = stored_french(h5p_root, upload(tmp_path, own_feedback))

    assert french["l10n"] == {
        **FRENCH_L10N,
        "wrong": "Not yet: read the undertaking's section 2 again.",
    }


def test_a_package_without_language_files_plays_as_authored(client, h5p_root, tmp_path):
    def no_french(spec):
        spec.files[f"{LIBRARY}/language/fr.json"] = None

    package = upload(tmp_path, no_french)

    assert stored_french(h5p_root, package) is None
    response, body = served(client, package, "_l10n/fr/content.json")
    assert response.status_code == 200
    assert json.loads(body)["l10n"]["check"] == "Check"


@pytest.mark.parametrize(
    "language", [{"language": "fr"}, {"language": "und", "defaultLanguage": "fr-CA"}]
)
def test_a_package_written_in_french_is_left_alone(h5p_root, tmp_path, language):
    def french(spec):
        spec.h5p.update(language)

    assert stored_french(h5p_root, upload(tmp_path, french)) is None


def test_a_failed_translation_never_refuses_the_package(h5p_root, tmp_path, monkeypatch, caplog):
    def broken(*args):
        raise KeyError("a bug")

    monkeypatch.setattr(localised, "translate_content", broken)

    package = upload(tmp_path)

    assert package.pk and stored_french(h5p_root, package) is None
    assert "could not translate package" in caplog.text


# --- served through the package view -----------------------------------------------------------


def test_french_content_folder_is_served_by_the_package_view(client, h5p_package, h5p_root):
    images = h5p_root / "h5p" / h5p_package.storage_key / "content" / "images"
    images.mkdir()
    (images / "photo.png").write_bytes(b"\x89PNG...")

    response, body = served(client, h5p_package, "_l10n/fr/content.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert json.loads(body)["l10n"] == FRENCH_L10N
    # H5P finds the content's media in the same folder as content.json: content/'s files.
    response, body = served(client, h5p_package, "_l10n/fr/images/photo.png")
    assert (response.status_code, body) == (200, b"\x89PNG...")
    # The authored content is still there for English pages.
    _response, body = served(client, h5p_package, "content/content.json")
    assert json.loads(body)["l10n"]["check"] == "Check"


@pytest.mark.parametrize(
    "path", ["_l10n/de/content.json", "_l10n/en/content.json", "_l10n/fr", "_l10n/fr/missing.png"]
)
def test_other_localised_paths_are_not_found(client, h5p_package, path):
    response, _body = served(client, h5p_package, path)
    assert response.status_code in (302, 404)  # 302: LocaleMiddleware, then 404


# --- the player's configuration ----------------------------------------------------------------


def player_config(client, lesson, language):
    with translation.override(language):
        url = lesson.get_url()
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    element = soup.select_one("[data-h5p-player]")
    return json.loads(soup.find(id=element["data-h5p-player"]).string)


def h5p_lesson(course, package):
    block = {"type": "h5p", "value": {"package": package.pk, "quiz": None, "required": False}}
    return LessonPageFactory(
        parent=course,
        title_en="The undertaking",
        title_fr="L'engagement",
        body_en=[block],
        body_fr=[block],
    )


def test_english_pages_keep_the_players_own_english(client, course, h5p_package):
    config = player_config(client, h5p_lesson(course, h5p_package), "en")

    assert "translations" not in config
    assert "contentJsonPath" not in config


def test_french_pages_give_the_player_french_strings(client, course, h5p_package):
    config = player_config(client, h5p_lesson(course, h5p_package), "fr")

    assert config["translations"]["H5P"].keys() == bundle_strings().keys()
    with translation.override("fr"):
        assert config["translations"] == core_translations()
    assert config["contentJsonPath"] == f"{config['h5pJsonPath']}/_l10n/fr"
    assert config["xAPIObjectIRI"] == config["h5pJsonPath"]  # results still name the package


def test_a_french_package_on_a_french_page_plays_its_own_content(client, course, tmp_path):
    package = upload(tmp_path, lambda spec: spec.h5p.update(language="fr"))

    config = player_config(client, h5p_lesson(course, package), "fr")

    assert "translations" in config
    assert "contentJsonPath" not in config


# --- packages uploaded before --------------------------------------------------------------------


def remove_french(h5p_root, package):
    (h5p_root / "h5p" / package.storage_key / "_l10n" / "fr" / "content.json").unlink()


def test_command_translates_packages_uploaded_before(h5p_root, h5p_package, capsys):
    remove_french(h5p_root, h5p_package)

    call_command("h5p_translate")
    assert stored_french(h5p_root, h5p_package)["l10n"] == FRENCH_L10N
    call_command("h5p_translate", str(h5p_package.pk))  # again: the same file, not a copy

    assert stored_french(h5p_root, h5p_package)["l10n"] == FRENCH_L10N
    assert sorted(
        p.name for p in (h5p_root / "h5p" / h5p_package.storage_key / "_l10n" / "fr").iterdir()
    ) == ["content.json"]
    assert "1 translated content file(s) written" in capsys.readouterr().out


def test_migration_translates_packages_uploaded_before(h5p_root, h5p_package):
    remove_french(h5p_root, h5p_package)
    migration = importlib.import_module("content.migrations.0008_h5p_translated_content")

    migration.translate_packages(apps, None)

    assert stored_french(h5p_root, h5p_package)["l10n"] == FRENCH_L10N
