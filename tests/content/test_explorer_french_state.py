"""The page explorer shows each page's French state (issue 16; content/admin_explorer.py)."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile

from tests.content.factories import LessonPageFactory, paragraph

pytestmark = pytest.mark.django_db


def french_cells(client, parent):
    response = client.get(reverse("wagtailadmin_explore", args=[parent.pk]))
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return {
        row.select_one("td.title a").get_text(" ", strip=True): row.select_one(
            "[data-french-state]"
        )
        for row in soup.select("tbody tr")
    }


def untranslated_lesson(course, number):
    return LessonPageFactory(
        parent=course,
        title_en=f"Untranslated {number}",
        title_fr=f"Untranslated {number}",
        slug_en=f"untranslated-{number}",
        slug_fr=f"non-traduit-{number}",
        body_en=[paragraph("Only English.")],
        body_fr=[],
    )


def test_the_explorer_shows_complete_french_and_names_the_missing_fields(
    client, trainer, course, lessons
):
    untranslated_lesson(course, 1)
    client.force_login(trainer)
    cells = french_cells(client, course)
    complete = cells[lessons[0].title_en]
    assert complete["data-french-state"] == "complete"
    assert "French complete" in complete.get_text()
    missing = next(cell for title, cell in cells.items() if title.startswith("Untranslated 1"))
    assert missing["data-french-state"] == "missing"
    text = " ".join(missing.get_text(" ", strip=True).split())
    assert "French missing: 2 fields" in text
    assert "Title, Body" in text


def test_the_french_state_follows_the_trainers_admin_language(client, trainer, course, lessons):
    untranslated_lesson(course, 1)
    profile = UserProfile.get_for_user(trainer)
    profile.preferred_language = "fr"
    profile.save()
    client.force_login(trainer)
    cells = french_cells(client, course)
    with translation.override("fr"):
        complete = translation.gettext("French complete")
        missing = translation.ngettext(
            "French missing: %(count)s field", "French missing: %(count)s fields", 2
        ) % {"count": 2}
    texts = [" ".join(cell.get_text(" ", strip=True).split()) for cell in cells.values()]
    assert any(complete in text for text in texts)
    assert any(missing in text for text in texts)


def test_the_explorer_reads_french_states_without_a_query_per_page(client, trainer, course):
    client.force_login(trainer)
    url = reverse("wagtailadmin_explore", args=[course.pk])
    untranslated_lesson(course, 0)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for number in range(1, 8):
        untranslated_lesson(course, number)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many.captured_queries) == len(few.captured_queries)


def bulk_publish(client, pages, next_url):
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    ids = "&".join(f"id={page.pk}" for page in pages)
    return client.post(f"{url}?{ids}&next={next_url}", {"include_descendants": ""}, follow=True)


def test_bulk_publishing_refuses_pages_with_french_missing_and_names_them(
    client, trainer, course, lessons
):
    draft = untranslated_lesson(course, 1)
    draft.live = False
    draft.save()
    translated = lessons[0]
    translated.live = False
    translated.save()
    client.force_login(trainer)
    next_url = reverse("wagtailadmin_explore", args=[course.pk])
    response = bulk_publish(client, [draft, translated], next_url)
    text = " ".join(BeautifulSoup(response.content, "html.parser").get_text(" ").split())
    assert "Nothing was published: French is missing in Untranslated 1 (Title, Body)" in text
    draft.refresh_from_db()
    translated.refresh_from_db()
    assert not draft.live and not translated.live

    bulk_publish(client, [translated], next_url)
    translated.refresh_from_db()
    assert translated.live
