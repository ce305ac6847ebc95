"""The lesson page's speed work (issue 11) changes nothing a reader can see, and stays flat.

Routing by translated path finds the same pages (and 404s the same), the cached lesson text never
outlives a publish and never reaches a preview, progress shows at once, and the number of queries
does not grow with the course. bench/lesson_page.py measures the speed itself.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.translation import get_language
from wagtail.models import Page, PageViewRestriction, Site
from wagtail_modeltranslation import patch_wagtailadmin

from content import routing
from content.models import CoursePage, LessonPage
from content.services import move_site_root
from learning.people.services import enrolment_create
from learning.progress.services import lesson_complete
from tests.content.factories import HomePageFactory, LessonPageFactory, paragraph
from tests.learning.factories import ProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner(home):
    return ProfileFactory(role="sponsor").user


def published(page):
    """Published through a revision, as the admin does: the cached text is keyed by it."""
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.live_revision_id is not None
    return page


def queries(client, url):
    client.get(url)  # warm, as a deployment is
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_pages_are_found_by_their_address_in_each_language(client, lessons):
    lesson = lessons[1]
    english = client.get("/en/" + "/".join(lesson.url_path_en.strip("/").split("/")[1:]) + "/")
    french = client.get("/fr/" + "/".join(lesson.url_path_fr.strip("/").split("/")[1:]) + "/")

    assert english.status_code == 200 and english.context["page"].pk == lesson.pk
    assert french.status_code == 200 and french.context["page"].pk == lesson.pk
    assert "Lesson 2 of" in english.content.decode() or "2" in english.content.decode()
    # The French address under /en/ is not the lesson; nor is an unpublished one.
    wrong = "/en/" + "/".join(lesson.url_path_fr.strip("/").split("/")[1:]) + "/"
    assert client.get(wrong).status_code == 404
    lesson.unpublish()
    assert client.get(lesson.url).status_code == 404


def test_a_published_change_shows_at_once(client, lessons):
    lesson = published(lessons[0])
    assert "Sponsors support newcomers." in client.get(lesson.url).content.decode()

    lesson.body_en = [paragraph("Settlement workers meet the family in the first week.")]
    lesson.save_revision().publish()

    text = client.get(lesson.url).content.decode()
    assert "Settlement workers meet the family in the first week." in text
    assert "Sponsors support newcomers." not in text


def test_a_preview_shows_the_draft_not_the_cached_text(admin_client, lessons):
    lesson = published(lessons[0])
    live = admin_client.get(lesson.url).content.decode()  # the live text is now cached
    assert "Sponsors support newcomers." in live
    lesson.body_en = [paragraph("A draft nobody has published.")]
    lesson.save_revision()

    preview = admin_client.post(
        f"/admin/pages/{lesson.pk}/edit/preview/",
        {"title_en": lesson.title_en, "slug_en": lesson.slug_en, **_stream_post(lesson)},
    )
    assert preview.status_code == 200
    shown = admin_client.get(f"/admin/pages/{lesson.pk}/edit/preview/")
    assert "A draft nobody has published." in shown.content.decode()
    # The live page still says what was published.
    assert "A draft nobody has published." not in admin_client.get(lesson.url).content.decode()


def _stream_post(lesson):
    """The edit form's fields for the lesson, its English body one paragraph."""
    return {
        "title_fr": lesson.title_fr,
        "slug_fr": lesson.slug_fr,
        "summary_en": lesson.summary_en,
        "summary_fr": lesson.summary_fr,
        "estimated_minutes": lesson.estimated_minutes,
        "body_en-count": "1",
        "body_en-0-type": "paragraph",
        "body_en-0-value": '{"blocks": [{"key": "a", "type": "unstyled", "depth": 0, '
        '"text": "A draft nobody has published.", "inlineStyleRanges": [], '
        '"entityRanges": []}], "entityMap": {}}',
        "body_en-0-deleted": "",
        "body_en-0-order": "0",
        "body_en-0-id": "",
        "body_fr-count": "0",
    }


def test_completing_a_lesson_and_enrolling_show_at_once(client, learner, lessons):
    client.force_login(learner)
    lesson = lessons[0]
    assert "Enrol in this course" in client.get(lesson.url).content.decode()

    enrolment_create(user=learner, course=lesson.get_parent().specific)
    text = client.get(lesson.url).content.decode()
    assert "Mark this lesson complete" in text

    lesson_complete(user=learner, lesson=lesson)
    assert "You have completed this lesson." in client.get(lesson.url).content.decode()


def test_the_lesson_page_makes_as_many_queries_for_200_lessons_as_for_10(client, learner, course):
    client.force_login(learner)
    lessons = [published(LessonPageFactory(parent=course)) for _ in range(10)]
    enrolment_create(user=learner, course=course)
    lesson_complete(user=learner, lesson=lessons[0])
    middle = lessons[5]
    few = queries(client, middle.url)

    for _ in range(190):
        LessonPageFactory(parent=course)
    many = queries(client, middle.url)

    assert many == few
    # The session with its user, the lesson, its ancestors with privacy and the outline's
    # version, the enrolment with lessons done; the site and its root page are this process's
    # (content/routing.py). bench/lesson_page.py's bare page makes 3 (issue 11).
    assert few == 4
    # The outline still lists every lesson, each with its address.
    text = client.get(middle.url).content.decode()
    assert text.count('class="lesson-outline"') == 1
    assert text.count("<li>") >= 200


def test_the_admin_userbar_shows_for_trainers_without_costing_learners_queries(
    client, trainer, learner, lessons
):
    lesson = lessons[0]
    client.force_login(trainer)
    assert "<wagtail-userbar" in client.get(lesson.url).content.decode()

    client.force_login(learner)
    client.get(lesson.url)
    with CaptureQueriesContext(connection) as captured:
        text = client.get(lesson.url).content.decode()
    assert "<wagtail-userbar" not in text
    assert not [q for q in captured.captured_queries if "auth_permission" in q["sql"]]


def test_the_site_root_paths_are_read_once_per_language(client, lessons, monkeypatch):
    """Each read is a cache query in production (the database cache)."""
    url = lessons[0].url
    reads = []
    original = patch_wagtailadmin._localized_site_get_site_root_paths

    def counted():
        reads.append(get_language())
        return original()

    monkeypatch.setattr(patch_wagtailadmin, "_localized_site_get_site_root_paths", counted)
    response = client.get(url)

    assert response.status_code == 200
    # The page links to itself in English and French (switcher, hreflang): one read each.
    assert sorted(reads) == ["en", "fr"]
    # And then none: the process keeps them until a site or its root page changes.
    client.get(url)
    assert sorted(reads) == ["en", "fr"]


def test_a_new_site_root_shows_in_every_address_at_once(client, lessons, catalogue):
    lesson = lessons[0]
    client.get(lesson.url)  # the process now keeps the site root paths
    new_home = HomePageFactory(
        parent=Page.get_first_root_node(), slug="new-home", slug_en="new-home", slug_fr="nouvel"
    )
    catalogue.move(new_home, pos="last-child")
    move_site_root(site=Site.objects.get(is_default_site=True), page=new_home)
    # A fresh instance: Wagtail memoises the root paths on each page object it was asked for.
    lesson = LessonPage.objects.get(pk=lesson.pk)

    response = client.get(lesson.url)

    assert response.status_code == 200
    text = response.content.decode()
    # Every address is built from the new root: the outline, the switcher, hreflang.
    assert lesson.url_path_en.startswith("/new-home/")
    assert f'href="{lesson.get_parent().url}"' in text or lesson.get_parent().url in text
    assert 'hreflang="fr"' in text


def test_a_page_of_another_type_at_a_known_address_is_still_found(client, lessons):
    lesson = lessons[0]
    assert client.get(lesson.url).status_code == 200
    # As if this process had last seen a course at the lesson's address.
    routing.page_types.set(("url_path_en", lesson.url_path_en), CoursePage)

    response = client.get(lesson.url)

    assert response.status_code == 200
    assert response.context["page"].pk == lesson.pk
    assert routing.page_types.get(("url_path_en", lesson.url_path_en)) is LessonPage


def test_finding_a_known_page_takes_one_query(client, lessons):
    lesson = lessons[0]
    client.get(lesson.url)
    with CaptureQueriesContext(connection) as captured:
        client.get(lesson.url)
    by_path = [q for q in captured.captured_queries if '"url_path_en" =' in q["sql"]]
    assert len(by_path) == 1
    assert "content_lessonpage" in by_path[0]["sql"]


def test_a_private_course_keeps_its_lessons_private(client, learner, lessons):
    lesson = lessons[0]
    course = lesson.get_parent()
    PageViewRestriction.objects.create(page=course, restriction_type=PageViewRestriction.LOGIN)

    response = client.get(lesson.url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]

    client.force_login(learner)
    assert client.get(lesson.url).status_code == 200


def test_a_password_on_the_lesson_itself_is_asked_for(client, lessons):
    lesson = lessons[0]
    PageViewRestriction.objects.create(
        page=lesson, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    text = client.get(lesson.url).content.decode()
    assert 'type="password"' in text
    assert "Sponsors support newcomers." not in text


def test_breadcrumbs_and_privacy_come_from_one_query(client, lessons):
    lesson = lessons[0]
    client.get(lesson.url)
    with CaptureQueriesContext(connection) as captured:
        text = client.get(lesson.url).content.decode()
    restrictions = [
        q for q in captured.captured_queries if "wagtailcore_pageviewrestriction" in q["sql"]
    ]
    assert len(restrictions) == 1  # inside the ancestors' query, as EXISTS
    course = lesson.get_parent()
    assert f'<a href="{course.url}">{course.title}</a>' in text
    assert f'<a href="{course.get_parent().url}">' in text


def _outline(client, url):
    text = client.get(url).content.decode()
    start = text.index('<aside class="lesson-outline"')
    return text[start : text.index("</aside>", start)]


def test_the_outline_shows_every_change_to_the_course_at_once(client, lessons, course):
    first, second = lessons[0], lessons[1]
    assert "Sponsor responsibilities" in _outline(client, first.url)

    # A title published.
    second.title_en = "What sponsors do"
    published(second)
    assert "What sponsors do" in _outline(client, first.url)

    # A lesson added.
    added = published(LessonPageFactory(parent=course, title_en="Arrival day", slug_en="arrival"))
    outline = _outline(client, first.url)
    assert "Arrival day" in outline and f'href="{added.url}"' in outline

    # Moved first, in the admin's reordering.
    added.move(first, pos="left")
    outline = _outline(client, first.url)
    assert outline.index("Arrival day") < outline.index("The PSR program")

    # Unpublished, then deleted (read again: the move renumbered the siblings' tree paths).
    LessonPage.objects.get(pk=second.pk).unpublish()
    assert "What sponsors do" not in _outline(client, first.url)
    LessonPage.objects.get(pk=added.pk).delete()
    assert "Arrival day" not in _outline(client, first.url)


def _address(lesson, language):
    path = getattr(lesson, f"url_path_{language}")
    return f"/{language}/" + "/".join(path.strip("/").split("/")[1:]) + "/"


def test_the_outline_is_in_the_readers_language(client, lessons):
    french = _outline(client, _address(lessons[0], "fr"))
    english = _outline(client, _address(lessons[0], "en"))

    assert "Responsabilités des répondants" in french
    assert f'href="{_address(lessons[1], "fr")}"' in french
    assert "Responsabilités des répondants" not in english
    assert f'href="{_address(lessons[1], "en")}"' in english


def test_what_a_learner_has_done_shows_in_the_outline(client, learner, lessons):
    client.force_login(learner)
    enrolment_create(user=learner, course=lessons[0].get_parent().specific)
    lesson_complete(user=learner, lesson=lessons[1])

    outline = _outline(client, lessons[0].url)

    assert outline.count('class="done-mark"') == 1
    assert '<span aria-current="page">The PSR program</span>' in outline
    done_item = outline[outline.index('class="done-mark"') :]
    assert done_item.index("Sponsor responsibilities") < done_item.index("</li>")


def test_a_page_below_the_root_asks_neither_for_the_site_nor_its_root(client, lessons):
    lesson = lessons[0]
    client.get(lesson.url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(lesson.url)
    assert response.status_code == 200
    sql = [q["sql"] for q in captured.captured_queries]
    assert not [q for q in sql if 'FROM "wagtailcore_site"' in q]
    assert not [q for q in sql if 'FROM "content_homepage"' in q]
    # The home page itself is still read fresh: its text changes with each publish.
    home = client.get("/en/")
    assert home.status_code == 200


def test_a_changed_site_is_seen_at_once(client, lessons):
    lesson = lessons[0]
    assert client.get(lesson.url).status_code == 200  # this process now keeps the site
    site = Site.objects.get(is_default_site=True)
    site.is_default_site = False
    site.hostname = "elsewhere.example.org"
    site.save()

    # No site answers for this host any more.
    assert client.get(lesson.url).status_code == 404
    assert client.get(lesson.url, HTTP_HOST="elsewhere.example.org").status_code == 200


def test_the_course_page_makes_as_many_queries_for_200_lessons_as_for_10(client, learner, course):
    client.force_login(learner)
    lessons = [published(LessonPageFactory(parent=course)) for _ in range(10)]
    enrolment_create(user=learner, course=course)
    lesson_complete(user=learner, lesson=lessons[0])
    few = queries(client, course.url)

    for _ in range(190):
        LessonPageFactory(parent=course)
    many = queries(client, course.url)

    assert many == few
    # The session with its user, the course, its ancestors (with the outline's version), the
    # enrolment with lessons done, the course's tests and survey for the learner's path (a
    # sixth query, the learner's attempts, when there are any); the lessons are the process's
    # outline.
    assert few == 5
    text = client.get(course.url).content.decode()
    assert text.count('class="lesson-list__meta"') == 200
    assert "1 of 200 lessons done" in text


def test_the_course_page_shows_a_new_lesson_and_a_completed_one_at_once(client, learner, course):
    client.force_login(learner)
    first = published(
        LessonPageFactory(parent=course, title_en="First steps", summary_en="Begin here")
    )
    enrolment_create(user=learner, course=course)
    assert "First steps" in client.get(course.url).content.decode()

    published(LessonPageFactory(parent=course, title_en="Second steps", estimated_minutes=25))
    text = client.get(course.url).content.decode()
    assert "Second steps" in text and "about 25 minutes" in text and "Begin here" in text
    assert "0 of 2 lessons done" in text

    lesson_complete(user=learner, lesson=first)
    text = client.get(course.url).content.decode()
    assert "1 of 2 lessons done" in text
    # "Continue" leads to the lesson not yet done, by its address.
    assert "Second steps" in text.split("Continue")[1][:400]


def test_the_course_page_lists_lessons_in_the_readers_language(client, course):
    LessonPageFactory(
        parent=course,
        title_en="Housing",
        title_fr="Logement",
        summary_en="Find a home",
        summary_fr="Trouver un logement",
        slug_en="housing",
        slug_fr="logement",
    )
    french = client.get(_address(course, "fr")).content.decode()
    english = client.get(_address(course, "en")).content.decode()

    assert "Logement" in french and "Trouver un logement" in french
    assert f'href="{_address(course, "fr")}logement/"' in french
    assert "Housing" in english and "Logement" not in english
