"""On a French lesson the H5P player speaks French: H5P core's strings from our catalogue,
the content type's from its library's language/fr.json; the English lesson keeps English."""

import pytest
from django.utils import translation
from playwright.sync_api import expect

from content.h5p.core_strings import core_translations
from content.h5p.services import h5p_package_create
from content.models import CoursePage
from tests.browser.conftest import assert_accessible
from tests.content.factories import LessonPageFactory, paragraph
from tests.content.h5p.builder import build_package

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def start_activity(page, url):
    page.goto(url)
    assert_accessible(page)
    page.locator("[data-h5p-start]").click()
    return page.frame_locator("iframe.h5p-iframe")


def test_french_lesson_plays_the_activity_in_french(
    page, live_server, settings, tmp_path, demo_site
):
    course = CoursePage.objects.filter(audience="sponsors").first()
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.H5P_ROOT = tmp_path / "h5p-files"
    with open(build_package(tmp_path), "rb") as fileobj:  # authored in English
        package = h5p_package_create(fileobj=fileobj, title_en="Who signs?", title_fr="Qui signe ?")
    h5p = {"type": "h5p", "value": {"package": package.pk, "quiz": None, "required": False}}
    lesson = LessonPageFactory(
        parent=course,
        title_en="The undertaking",
        title_fr="L'engagement",
        body_en=[paragraph("Read the question, then answer it."), h5p],
        body_fr=[paragraph("Lisez la question, puis répondez."), h5p],
    )
    with translation.override("fr"):
        french_url = lesson.get_url()
        fullscreen = core_translations()["H5P"]["fullscreen"]  # "Plein écran" (core_strings.py)

    frame = start_activity(page, f"{live_server.url}{french_url}")

    # The content type's strings, from PSRLearn.SimpleQuestion's language/fr.json.
    check = frame.get_by_role("button", name="Vérifier")
    expect(check).to_be_visible()
    check.click()
    expect(frame.get_by_text("Choisissez d'abord une réponse.")).to_be_visible()
    frame.get_by_label("Every member of the sponsorship group").check()  # as authored
    check.click()
    expect(frame.get_by_text("Bonne réponse !")).to_be_visible()
    # H5P core's strings, from our catalogue.
    expect(frame.locator(".h5p-enable-fullscreen")).to_have_attribute("aria-label", fullscreen)
    l10n = page.evaluate("() => window.H5PIntegration.l10n.H5P")
    assert l10n["fullscreen"] == fullscreen
    assert l10n["offlineDialogRetryMessage"].count(":num") == 1

    with translation.override("en"):
        english_url = lesson.get_url()
    frame = start_activity(page, f"{live_server.url}{english_url}")
    expect(frame.get_by_role("button", name="Check")).to_be_visible()
    expect(frame.locator(".h5p-enable-fullscreen")).to_have_attribute("aria-label", "Fullscreen")
