import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from content.models import CourseIndexPage, CoursePage, HomePage, LessonPage
from tests.content.factories import LessonPageFactory, paragraph

pytestmark = pytest.mark.django_db


def test_edit_page_of_every_page_type_renders_for_a_trainer(client, trainer, lessons):
    client.force_login(trainer)
    for model in (HomePage, CourseIndexPage, CoursePage, LessonPage):
        page = model.objects.get() if model is not LessonPage else lessons[0]
        response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code == 200, model
        html = response.content.decode()
        # English and French side by side: both title fields are on the form.
        assert 'name="title_en"' in html and 'name="title_fr"' in html, model


def lesson_form_data(title_en, title_fr, slug_en, slug_fr, body_en, body_fr):
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
            "summary_en": "Why meeting before arrival helps.",
            "summary_fr": "Pourquoi se rencontrer avant l'arrivée aide.",
            "estimated_minutes": 20,
            "body_en": streamfield([("paragraph", rich_text(body_en))]),
            "body_fr": streamfield([("paragraph", rich_text(body_fr))]),
            "comments": inline_formset([]),
            "action-publish": "publish",
        }
    )


def test_trainer_creates_a_lesson_in_both_languages_through_the_admin(client, trainer, course):
    client.force_login(trainer)
    url = reverse("wagtailadmin_pages:add", args=["content", "lessonpage", course.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        lesson_form_data(
            "Meeting before arrival",
            "Se rencontrer avant l'arrivée",
            "meeting-before-arrival",
            "se-rencontrer-avant-arrivee",
            "Meet the sponsors before the family lands.",
            "Rencontrez les répondants avant l'arrivée de la famille.",
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    lesson = LessonPage.objects.get(slug_en="meeting-before-arrival")
    assert lesson.live
    assert lesson.title_fr == "Se rencontrer avant l'arrivée"
    assert lesson.slug_fr == "se-rencontrer-avant-arrivee"
    assert "Rencontrez les répondants" in lesson.body_fr[0].value.source
    assert "Meet the sponsors" in lesson.body_en[0].value.source
    # And visitors read each language at its own URL.
    french = client.get("/fr/cours/travailler-avec-les-repondants/se-rencontrer-avant-arrivee/")
    assert "Rencontrez les répondants" in french.content.decode()
    english = client.get("/en/courses/working-with-sponsors/meeting-before-arrival/")
    assert "Meet the sponsors" in english.content.decode()


def test_lesson_image_without_alt_text_is_refused(client, trainer, course):
    client.force_login(trainer)
    url = reverse("wagtailadmin_pages:add", args=["content", "lessonpage", course.pk])
    from wagtail_factories import ImageFactory

    image = ImageFactory()
    data = lesson_form_data("Pictures", "Images", "pictures", "images", "Text", "Texte")
    data.update(
        nested_form_data(
            {
                "body_en": streamfield(
                    [("image", {"image": image.pk, "alt_text": "", "caption": ""})]
                )
            }
        )
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert not LessonPage.objects.filter(slug_en="pictures").exists()
    assert "This field is required" in response.content.decode()


def report(client):
    response = client.get(reverse("missing_french_report"))
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    # One row per string (issue 16): "<kind>: <title>" then the field; grouped by title here.
    rows = {}
    for row in page.select("table tbody tr"):
        where = row.select_one("td .title-wrapper").get_text(" ", strip=True)
        title = where.split(": ", 1)[1]
        field = row.select("td")[1].get_text(strip=True).lower()
        rows[title] = f"{rows[title]}, {field}" if title in rows else field
    return rows


def test_missing_french_report_lists_pages_with_empty_or_copied_french(client, trainer, lessons):
    course = lessons[0].get_parent()
    LessonPageFactory(
        parent=course,
        title_en="Confidentiality",
        title_fr="Confidentialité",
        slug_en="confidentiality",
        slug_fr="confidentialite",
        body_fr=[],
    )
    LessonPageFactory(
        parent=course,
        title_en="Burnout",
        title_fr="Burnout",
        slug_en="burnout",
        slug_fr="burnout",
        summary_fr="Une leçon.",
        body_en=[paragraph("Rest.")],
        body_fr=[paragraph("Se reposer.")],
    )
    client.force_login(trainer)
    rows = report(client)
    assert "body" in rows["Confidentiality"]
    # A French title still equal to the English counts as untranslated.
    assert "title" in rows["Burnout"]
    assert "body" not in rows["Burnout"]
    # Fully translated lessons are not listed.
    assert "The PSR program" not in rows


def test_missing_french_report_links_to_the_edit_page(client, trainer, course):
    lesson = LessonPageFactory(parent=course, title_en="Gaps", slug_en="gaps", body_fr=[])
    client.force_login(trainer)
    response = client.get(reverse("missing_french_report"))
    assert reverse("wagtailadmin_pages:edit", args=[lesson.pk]) in response.content.decode()


def test_missing_french_report_exports_csv(client, trainer, course):
    LessonPageFactory(parent=course, title_en="Gaps", slug_en="gaps", body_fr=[])
    client.force_login(trainer)
    response = client.get(reverse("missing_french_report") + "?export=csv")
    assert response.status_code == 200
    assert (
        "Gaps" in b"".join(response.streaming_content).decode()
        if response.streaming
        else response.content.decode()
    )


# Wagtail answers a refused admin view with a redirect: to the login page for people without
# admin access, to the dashboard (with a "no permission" message) for admin users.
@pytest.mark.parametrize(
    ("who", "status", "location"),
    [
        ("anonymous", 302, "/admin/login/"),
        ("learner", 302, "/admin/login/"),
        ("program_lead", 302, "/admin/"),
        ("trainer", 200, None),
    ],
)
def test_missing_french_report_permissions(client, request, home, who, status, location):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    response = client.get(reverse("missing_french_report"))
    assert response.status_code == status
    if location:
        assert response["Location"].split("?")[0] == location
