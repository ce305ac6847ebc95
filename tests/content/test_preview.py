"""A French preview of any page (issue 16): the admin's own preview view, in each mode."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.users.models import UserProfile

from tests.content.test_admin import lesson_form_data
from tests.content.test_page_slugs import course_form_data

pytestmark = pytest.mark.django_db


def preview(client, page, data, mode):
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    answer = client.post(url, data)
    assert answer.json() == {"is_valid": True, "is_available": True}
    response = client.get(url, {"mode": mode})
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def test_the_edit_page_offers_an_english_and_a_french_preview(client, trainer, lessons):
    client.force_login(trainer)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[lessons[0].pk])).content.decode()
    modes = BeautifulSoup(html, "html.parser").find("select", {"name": "preview_mode"})
    assert [(o["value"], o.text.strip()) for o in modes.find_all("option")] == [
        ("en", "English"),
        ("fr", "French"),
    ]


def test_a_lesson_previews_in_french_with_its_unsaved_french_text_and_french_urls(
    client, trainer, course, lessons
):
    client.force_login(trainer)
    lesson = lessons[1]
    data = lesson_form_data(
        "Sponsor responsibilities",
        "Responsabilités des répondants",
        "sponsor-responsibilities",
        "responsabilites-des-repondants",
        "Sponsors plan the first year.",
        "Les répondants planifient la première année, pas encore publié.",
    )

    french = preview(client, lesson, data, "fr")

    assert french.html["lang"] == "fr"
    assert "pas encore publié" in french.get_text()
    assert "Sponsors plan the first year." not in french.get_text()
    assert french.find("h1").get_text(strip=True) == "Responsabilités des répondants"
    links = [a["href"] for a in french.find_all("a", href=True)]
    # The course outline and the course's breadcrumb at their French addresses.
    assert "/fr/cours/travailler-avec-les-repondants/" in links
    # Only the language switcher leads to English.
    english_links = [a for a in french.find_all("a", href=True) if a["href"].startswith("/en/")]
    assert [a.get("hreflang") for a in english_links] == ["en"]

    english = preview(client, lesson, data, "en")

    assert english.html["lang"] == "en"
    assert "Sponsors plan the first year." in english.get_text()
    assert "/en/courses/working-with-sponsors/" in [
        a["href"] for a in english.find_all("a", href=True)
    ]


def test_a_course_previews_in_french(client, trainer, course, lessons):
    client.force_login(trainer)
    data = course_form_data(
        title_en="Working with sponsors",
        title_fr="Travailler avec les répondants, version 2",
        slug_en="working-with-sponsors",
        slug_fr="travailler-avec-les-repondants",
    )

    french = preview(client, course, data, "fr")

    assert french.html["lang"] == "fr"
    assert french.find("h1").get_text(strip=True) == "Travailler avec les répondants, version 2"
    # Its lessons, listed with their French titles and addresses.
    text = french.get_text()
    assert "Le programme PPPR" in text
    assert "/fr/cours/travailler-avec-les-repondants/le-programme-pppr/" in [
        a["href"] for a in french.find_all("a", href=True)
    ]

    english = preview(client, course, data, "en")
    assert english.find("h1").get_text(strip=True) == "Working with sponsors"


def test_the_french_admin_previews_in_french_first(client, trainer, lessons):
    profile = UserProfile.get_for_user(trainer)
    profile.preferred_language = "fr"
    profile.save()
    client.force_login(trainer)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[lessons[0].pk])).content.decode()
    modes = BeautifulSoup(html, "html.parser").find("select", {"name": "preview_mode"})
    assert modes.find("option", selected=True)["value"] == "fr"
