"""Trainers edit English and French together, and publishing with French missing asks first
(issue 16; content/admin_bilingual.py, content/french_state.py)."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail.users.models import UserProfile

from content.admin_bilingual import PUBLISH_WITHOUT_FRENCH
from content.french_exemptions import exemption_create
from content.french_state import french_states, missing_french_fields
from content.models import CourseIndexPage, CoursePage, HomePage, LessonPage
from tests.content.factories import LessonPageFactory, paragraph

pytestmark = pytest.mark.django_db


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def lesson_data(lesson, *, body_fr, action=None):
    data = {
        "title_en": lesson.title_en,
        "title_fr": lesson.title_fr,
        "slug_en": lesson.slug_en,
        "slug_fr": lesson.slug_fr,
        "seo_title_en": "",
        "seo_title_fr": "",
        "search_description_en": "",
        "search_description_fr": "",
        "summary_en": "Why it matters.",
        "summary_fr": "Pourquoi c'est important.",
        "estimated_minutes": 15,
        "body_en": streamfield([("paragraph", rich_text("Private sponsorship."))]),
        "body_fr": streamfield([("paragraph", rich_text(text)) for text in body_fr]),
        "comments": inline_formset([]),
    }
    if action:
        data["action-publish"] = action
    return nested_form_data(data)


@pytest.fixture
def draft_lesson(course):
    lesson = LessonPageFactory(
        parent=course,
        title_en="Arrival week",
        title_fr="La semaine d'arrivée",
        slug_en="arrival-week",
        slug_fr="la-semaine-darrivee",
        body_en=[paragraph("Private sponsorship.")],
        body_fr=[],
        live=False,
    )
    return lesson


def test_every_page_type_shows_each_translated_field_in_english_and_french_side_by_side(
    client, trainer, lessons
):
    client.force_login(trainer)
    for model in (HomePage, CourseIndexPage, CoursePage, LessonPage):
        page = model.objects.first()
        html = client.get(edit_url(page)).content.decode()
        soup = BeautifulSoup(html, "html.parser")
        rows = soup.select(".psr-bilingual")
        pairs = [
            [column["data-language"] for column in row.select(".psr-bilingual__column")]
            for row in rows
        ]
        assert pairs and all(pair == ["en", "fr"] for pair in pairs), model
        names = {field["name"] for row in rows for field in row.select("[name]")}
        assert {"title_en", "title_fr", "slug_en", "slug_fr"} <= names, model
        # No "EN FR" toggle hiding one language.
        assert "language_toggles.js" not in html, model


def test_the_lesson_body_is_in_two_columns_with_the_missing_french_flagged(
    client, trainer, draft_lesson
):
    client.force_login(trainer)
    soup = BeautifulSoup(client.get(edit_url(draft_lesson)).content, "html.parser")
    body = soup.select_one(".psr-bilingual--stream")
    columns = body.select(".psr-bilingual__column")
    assert [column["data-language"] for column in columns] == ["en", "fr"]
    assert columns[0].select_one("#body_en") and columns[1].select_one("#body_fr")
    assert "psr-bilingual__column--missing" in columns[1]["class"]
    assert columns[1].select_one(".psr-bilingual__missing")
    # The title's French is there: not flagged.
    assert not soup.select_one(".psr-bilingual__column--missing #title_fr")


def test_column_labels_follow_the_trainers_admin_language(client, trainer, draft_lesson):
    profile = UserProfile.get_for_user(trainer)
    profile.preferred_language = "fr"
    profile.save()
    client.force_login(trainer)
    soup = BeautifulSoup(client.get(edit_url(draft_lesson)).content, "html.parser")
    with translation.override("fr"):
        expected = translation.gettext("%(field)s (French)") % {
            "field": capfirst(translation.gettext("body"))
        }
    column = soup.select_one(".psr-bilingual--stream .psr-bilingual__column--fr")
    assert column.select_one(".w-field__label").get_text(strip=True) == expected
    assert soup.select_one("html")["lang"] == "fr"


def test_publishing_with_french_missing_asks_first_and_names_the_fields(
    client, trainer, draft_lesson
):
    client.force_login(trainer)
    response = client.post(
        edit_url(draft_lesson), lesson_data(draft_lesson, body_fr=[], action="action-publish")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "French is missing for: Body. Publish anyway?" in html
    soup = BeautifulSoup(html, "html.parser")
    check = soup.select_one("[data-french-publish-check]")
    button = check.select_one('button[name="action-publish"]')
    assert button["value"] == PUBLISH_WITHOUT_FRENCH
    assert "Publish without French" in button.get_text()
    draft_lesson.refresh_from_db()
    assert not draft_lesson.live


def test_publishing_without_french_after_confirming_publishes(client, trainer, draft_lesson):
    client.force_login(trainer)
    response = client.post(
        edit_url(draft_lesson),
        lesson_data(draft_lesson, body_fr=[], action=PUBLISH_WITHOUT_FRENCH),
    )
    assert response.status_code == 302
    draft_lesson.refresh_from_db()
    assert draft_lesson.live


def test_saving_a_draft_with_french_missing_is_never_blocked(client, trainer, draft_lesson):
    client.force_login(trainer)
    response = client.post(edit_url(draft_lesson), lesson_data(draft_lesson, body_fr=[]))
    assert response.status_code == 302
    draft_lesson.refresh_from_db()
    assert draft_lesson.get_latest_revision().content["body_fr"] in ("[]", [])


def test_publishing_with_the_french_written_needs_no_confirmation(client, trainer, draft_lesson):
    client.force_login(trainer)
    response = client.post(
        edit_url(draft_lesson),
        lesson_data(draft_lesson, body_fr=["Parrainage privé."], action="action-publish"),
    )
    assert response.status_code == 302
    draft_lesson.refresh_from_db()
    assert draft_lesson.live


def test_a_french_title_equal_to_the_english_is_missing_unless_marked_on_purpose(
    client, trainer, draft_lesson
):
    draft_lesson.title_fr = draft_lesson.title_en
    draft_lesson.body_fr = [paragraph("Parrainage privé.")]
    assert [item.name for item in missing_french_fields(draft_lesson)] == ["title"]
    exemption_create(obj=draft_lesson, field="title", english_text="Arrival week", user=None)
    assert missing_french_fields(draft_lesson) == []


def test_french_states_of_many_pages_cost_a_query_per_page_type(
    trainer, lessons, draft_lesson, django_assert_max_num_queries
):
    pages = list(LessonPage.objects.all()) + list(CoursePage.objects.all())
    # One per page type, one for the marks "same on purpose".
    with django_assert_max_num_queries(3):
        states = french_states(pages)
    assert [item.name for item in states[draft_lesson.pk]] == ["body"]
    assert states[lessons[0].pk] == []


def test_french_written_in_a_draft_counts_in_the_french_state(
    lessons, draft_lesson, django_assert_max_num_queries
):
    lesson = LessonPage.objects.get(pk=lessons[1].pk)
    lesson.body_fr = []
    lesson.save()
    draft_lesson.body_fr = [paragraph("Accueillir la famille à l'aéroport.")]
    draft_lesson.save_revision()
    lesson.body_fr = lesson.body_en
    lesson.save_revision()  # the draft copies the English: still missing
    pages = [LessonPage.objects.get(pk=draft_lesson.pk), LessonPage.objects.get(pk=lesson.pk)]
    # The page type, the two revisions, the marks "same on purpose".
    with django_assert_max_num_queries(3):
        states = french_states(pages)
    assert states[draft_lesson.pk] == []
    assert [item.name for item in states[lesson.pk]] == ["body"]


def test_a_french_title_still_equal_to_the_english_is_flagged_in_the_editor(
    client, trainer, draft_lesson
):
    draft_lesson.title_fr = draft_lesson.title_en
    draft_lesson.save_revision()
    client.force_login(trainer)
    soup = BeautifulSoup(client.get(edit_url(draft_lesson)).content, "html.parser")
    assert soup.select_one(".psr-bilingual__column--missing #id_title_fr")
    assert not soup.select_one(".psr-bilingual__column--missing #id_summary_fr")


def test_errors_name_fields_by_their_language_in_the_admins_language(client, trainer, draft_lesson):
    client.force_login(trainer)
    data = lesson_data(draft_lesson, body_fr=[], action="action-publish")
    data["title_en"] = ""
    response = client.post(edit_url(draft_lesson), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert form["title_en"].label == "Title (English)"
    assert form["body_fr"].label == "Body (French)"
    messages = " ".join(str(message) for message in response.context["messages"])
    assert "title [en]" not in messages
