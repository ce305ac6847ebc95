import re

import pytest
from bs4 import BeautifulSoup

from content.models import Audience
from tests.content.factories import CoursePageFactory, LessonPageFactory, paragraph

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def switcher_link(response, language):
    return soup(response).select_one(f'.language-switcher a[hreflang="{language}"]')["href"]


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "Working with sponsors"), ("fr", "Travailler avec les répondants")],
)
def test_course_page_renders_in_each_language(client, lessons, language, expected):
    course_url = {
        "en": "/en/courses/working-with-sponsors/",
        "fr": "/fr/cours/travailler-avec-les-repondants/",
    }
    response = client.get(course_url[language])
    assert response.status_code == 200
    page = soup(response)
    assert page.html["lang"] == language
    assert page.h1.get_text(strip=True) == expected
    # Lessons are listed in order, in the reader's language.
    titles = [a.get_text(strip=True) for a in page.select(".lesson-list a")]
    if language == "fr":
        assert titles == [
            "Le programme PPPR",
            "Responsabilités des répondants",
            "La connexion intentionnelle",
        ]
    else:
        assert titles == ["The PSR program", "Sponsor responsibilities", "Intentional Connection"]


@pytest.mark.parametrize(
    ("url", "language", "heading"),
    [
        ("/en/", "en", "PSR Learn"),
        ("/fr/", "fr", "PSR Learn"),
        ("/en/courses/", "en", "Courses"),
        ("/fr/cours/", "fr", "Cours"),
        ("/en/courses/working-with-sponsors/the-psr-program/", "en", "The PSR program"),
        ("/fr/cours/travailler-avec-les-repondants/le-programme-pppr/", "fr", "Le programme PPPR"),
    ],
)
def test_every_page_type_renders_in_both_languages(client, lessons, url, language, heading):
    response = client.get(url)
    assert response.status_code == 200
    page = soup(response)
    assert page.html["lang"] == language
    assert page.h1.get_text(strip=True) == heading


def test_interface_strings_are_french_under_fr(client, lessons):
    response = client.get("/fr/cours/travailler-avec-les-repondants/le-programme-pppr/")
    text = soup(response).get_text(" ", strip=True)
    assert "Leçon 1 sur 3" in text
    assert "Leçon suivante" in text
    assert "Passer au contenu principal" in text
    assert "Next lesson" not in text


def test_language_switcher_lands_on_the_translated_url(client, lessons):
    response = client.get("/en/courses/working-with-sponsors/sponsor-responsibilities/")
    french_url = switcher_link(response, "fr")
    assert french_url == "/fr/cours/travailler-avec-les-repondants/responsabilites-des-repondants/"
    french = client.get(french_url)
    assert french.status_code == 200
    assert soup(french).h1.get_text(strip=True) == "Responsabilités des répondants"
    assert switcher_link(french, "en") == (
        "/en/courses/working-with-sponsors/sponsor-responsibilities/"
    )


def test_hreflang_alternates_point_at_both_languages(client, lessons):
    response = client.get("/en/courses/working-with-sponsors/")
    alternates = {
        link["hreflang"]: link["href"] for link in soup(response).select('link[rel="alternate"]')
    }
    assert alternates["en"] == "http://testserver/en/courses/working-with-sponsors/"
    assert alternates["fr"] == "http://testserver/fr/cours/travailler-avec-les-repondants/"
    assert alternates["x-default"] == alternates["en"]


def test_the_switcher_off_wagtail_pages_goes_to_the_other_language(client, home):
    """Sign-in, search, My learning… are Django views: the switcher translates their path."""
    assert switcher_link(client.get("/fr/accounts/login/"), "en") == "/en/accounts/login/"
    search = client.get("/en/search/?q=sponsor")
    assert switcher_link(search, "fr") == "/fr/search/?q=sponsor"


@pytest.mark.parametrize(("accept", "target"), [("fr-CA,fr;q=0.9", "/fr/"), ("en-CA", "/en/")])
def test_root_redirects_by_browser_language(client, home, accept, target):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302
    assert response["Location"] == target


def test_catalogue_filters_by_audience(client, catalogue):
    CoursePageFactory(
        parent=catalogue, title_en="For workers", audience=Audience.SETTLEMENT_WORKERS
    )
    CoursePageFactory(parent=catalogue, title_en="For sponsors", audience=Audience.SPONSORS)
    CoursePageFactory(parent=catalogue, title_en="For all", audience=Audience.EVERYONE)

    def titles(query=""):
        response = client.get(f"/en/courses/{query}")
        assert response.status_code == 200
        return [a.get_text(strip=True) for a in soup(response).select(".course-card__title a")]

    assert titles() == ["For workers", "For sponsors", "For all"]
    assert titles("?audience=sponsors") == ["For sponsors", "For all"]
    assert titles("?audience=settlement_workers") == ["For workers", "For all"]
    # An unknown audience shows everything rather than an error.
    assert titles("?audience=<script>") == ["For workers", "For sponsors", "For all"]


def test_catalogue_says_who_each_course_is_for_and_counts_live_lessons(client, lessons):
    lessons[2].unpublish()
    response = client.get("/fr/cours/")
    card = soup(response).select_one(".course-card")
    assert "Pour : Intervenants en établissement" in card.get_text(" ", strip=True)
    assert "2 leçons" in card.get_text(" ", strip=True)


def test_lesson_has_previous_and_next_in_course_order(client, lessons):
    response = client.get("/en/courses/working-with-sponsors/sponsor-responsibilities/")
    page = soup(response)
    assert page.select_one('a[rel="prev"]')["href"].endswith("/the-psr-program/")
    assert page.select_one('a[rel="next"]')["href"].endswith("/intentional-connection/")
    first = soup(client.get("/en/courses/working-with-sponsors/the-psr-program/"))
    assert first.select_one('a[rel="prev"]') is None
    last = soup(client.get("/en/courses/working-with-sponsors/intentional-connection/"))
    assert last.select_one('a[rel="next"]') is None
    assert "Back to the course" in last.select_one(".pager").get_text()


def test_untranslated_lesson_says_so_in_french_instead_of_silently_serving_english(client, course):
    LessonPageFactory(
        parent=course,
        title_en="Confidentiality",
        title_fr="Confidentialité",
        slug_en="confidentiality",
        slug_fr="confidentialite",
        body_en=[paragraph("Ask before sharing a newcomer's information.")],
        body_fr=[],
    )
    response = client.get("/fr/cours/travailler-avec-les-repondants/confidentialite/")
    assert response.status_code == 200
    page = soup(response)
    notice = page.select_one(".notice--untranslated")
    assert notice is not None
    assert "Cette leçon n'est pas encore traduite" in notice.get_text()
    # The English text is there, but marked as English for screen readers and translators.
    stream = page.select_one(".stream")
    assert stream["lang"] == "en"
    assert "Ask before sharing" in stream.get_text()
    # In English there is no notice.
    english = soup(client.get("/en/courses/working-with-sponsors/confidentiality/"))
    assert english.select_one(".notice--untranslated") is None


def test_lesson_blocks_render(client, course):
    lesson = LessonPageFactory(
        parent=course,
        title_en="Who does what",
        slug_en="who-does-what",
        slug_fr="qui-fait-quoi",
        body_en=[
            {"type": "heading", "value": {"text": "Dividing the work", "level": "h2"}},
            {
                "type": "callout",
                "value": {"kind": "important", "title": "Ask first", "body": "<p>Check.</p>"},
            },
            {
                "type": "quote",
                "value": {"text": "We met before they landed.", "attribution": "A sponsor"},
            },
            {
                "type": "role_table",
                "value": {
                    "caption": "First year",
                    "rows": [
                        {
                            "task": "Monthly financial support",
                            "responsibility": "sponsor",
                            "note": "",
                        },
                        {
                            "task": "Needs assessment",
                            "responsibility": "settlement_worker",
                            "note": "At the agency",
                        },
                        {"task": "Finding housing", "responsibility": "shared", "note": ""},
                    ],
                },
            },
        ],
    )
    response = client.get(lesson.url)
    page = soup(response)
    assert page.select_one(".stream h2").get_text() == "Dividing the work"
    assert "Important" in page.select_one(".callout--important").get_text()
    assert page.select_one(".block-quote figcaption").get_text(strip=True) == "— A sponsor"
    rows = page.select(".role-table tbody tr")
    assert [row.th.get_text(" ", strip=True) for row in rows] == [
        "Monthly financial support",
        "Needs assessment At the agency",
        "Finding housing",
    ]
    cells = [[td.get_text(strip=True) for td in row.select("td")] for row in rows]
    assert cells == [["✓Yes", "No"], ["No", "✓Yes"], ["✓Yes, shared", "✓Yes, shared"]]
    assert page.select_one(".role-table caption").get_text() == "First year"


def test_video_block_falls_back_to_a_link_with_its_transcript(client, course):
    lesson = LessonPageFactory(
        parent=course,
        slug_en="video-lesson",
        body_en=[
            {
                "type": "video",
                "value": {
                    "title": "Meeting before arrival",
                    "video": "https://unknown-provider.invalid/watch/1",
                    "transcript": "<p>The settlement worker introduces herself.</p>",
                },
            }
        ],
    )
    page = soup(client.get(lesson.url))
    video = page.select_one(".block-video")
    assert video.select_one("a")["href"] == "https://unknown-provider.invalid/watch/1"
    assert "introduces herself" in video.select_one(".block-video__transcript").get_text()


def test_search_finds_lessons_in_the_active_language(client, lessons):
    response = client.get("/fr/search/", {"q": "connexion"})
    assert response.status_code == 200
    results = [a.get_text(strip=True) for a in soup(response).select(".search-results a")]
    assert "La connexion intentionnelle" in results


def test_unknown_page_is_a_404_in_the_readers_language(client, home):
    response = client.get("/fr/nexiste-pas/")
    assert response.status_code == 404
    assert re.search(r'lang="fr"', response.content.decode())
