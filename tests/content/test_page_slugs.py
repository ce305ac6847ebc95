"""Starting a course or lesson again with the same title (issue 16): the slug Wagtail's admin fills
in from the title is already a sibling's, and the error hid on the Promote tab."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from content.models import CoursePage, LessonPage
from tests.content.test_admin import lesson_form_data

pytestmark = pytest.mark.django_db


def course_form_data(title_en, title_fr, slug_en, slug_fr, **extra):
    return nested_form_data(
        {
            "title_en": title_en,
            "title_fr": title_fr,
            "slug_en": slug_en,
            "slug_fr": slug_fr,
            "seo_title_en": "",
            "seo_title_fr": "",
            "search_description_en": "",
            "search_description_fr": "",
            "audience": "sponsors",
            "estimated_minutes": 60,
            "completion_rule": "all_lessons",
            "summary_en": "What sponsors do.",
            "summary_fr": "Ce que font les répondants.",
            "learning_objectives_en": streamfield([]),
            "learning_objectives_fr": streamfield([]),
            "image": "",
            "image_alt_en": "",
            "image_alt_fr": "",
            "comments": inline_formset([]),
            **extra,
        }
    )


def add_course(client, catalogue, **data):
    url = reverse("wagtailadmin_pages:add", args=["content", "coursepage", catalogue.pk])
    return client.post(url, course_form_data(**data))


def test_starting_a_course_draft_again_with_the_same_title_saves_it_under_a_free_slug(
    client, trainer, catalogue
):
    client.force_login(trainer)
    data = {
        "title_en": "Arrival week",
        "title_fr": "La semaine d'arrivée",
        "slug_en": "arrival-week",
        "slug_fr": "la-semaine-darrivee",
    }
    first = add_course(client, catalogue, **data)
    assert first.status_code == 302, first.content.decode()[:3000]

    second = add_course(client, catalogue, **data)

    assert second.status_code == 302, second.content.decode()[:3000]
    slugs = sorted(CoursePage.objects.values_list("slug_en", "slug_fr"))
    assert slugs == [
        ("arrival-week", "la-semaine-darrivee"),
        ("arrival-week-2", "la-semaine-darrivee-2"),
    ]


def test_a_second_lesson_with_a_title_already_used_in_its_course_is_saved(
    client, trainer, course, lessons
):
    client.force_login(trainer)
    url = reverse("wagtailadmin_pages:add", args=["content", "lessonpage", course.pk])
    data = lesson_form_data(
        "The PSR program",
        "Le programme PPPR",
        "the-psr-program",
        "le-programme-pppr",
        "Again.",
        "Encore.",
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert LessonPage.objects.filter(slug_en="the-psr-program-2", slug_fr="le-programme-pppr-2")


def test_an_existing_page_keeps_its_address_and_the_clash_is_named_at_the_top(
    client, trainer, course, lessons
):
    """Renaming a live page's address to a sibling's is refused, with a message the trainer
    sees whatever tab they are on."""
    client.force_login(trainer)
    lesson = lessons[1]
    url = reverse("wagtailadmin_pages:edit", args=[lesson.pk])
    data = lesson_form_data(
        "Sponsor responsibilities",
        "Responsabilités des répondants",
        "the-psr-program",
        "responsabilites-des-repondants",
        "Text.",
        "Texte.",
    )
    response = client.post(url, data)
    assert response.status_code == 200
    errors = response.context["form"].non_field_errors()
    assert any("the-psr-program" in str(error) and "Promote" in str(error) for error in errors)
    html = response.content.decode()
    assert "Change the slug on the Promote tab." in html
    lesson.refresh_from_db()
    assert lesson.slug_en == "sponsor-responsibilities"
