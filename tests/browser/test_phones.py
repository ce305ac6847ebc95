"""Phones first (issue 14): every learner page fits a 320 px and a 390 px screen in English
and French, its tap targets are at least 24 × 24 px, and the header folds into a Menu button."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.urls import reverse
from django.utils import translation
from PIL import Image as PillowImage
from playwright.sync_api import expect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Site

from content.h5p.services import h5p_package_create
from content.models import CoursePage
from learning.people.services import enrolment_create
from learning.progress.services import certificate_issue, lesson_complete
from quizzes.models import AssignmentRole, Quiz
from quizzes.models import QuestionKind as Kind
from quizzes.services import answers_save, attempt_start, attempt_submit
from tests.browser.conftest import assert_accessible, session_cookies
from tests.browser.layout_checks import overflow, small_tap_targets
from tests.content.factories import LessonPageFactory, paragraph
from tests.content.h5p.builder import build_package
from tests.learning.factories import CohortFactory, ProfileFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

LANGUAGES = ("en", "fr")
PHONE_HEIGHT = 844
# The compact header: the site's name and the Menu button on one line.
MAX_HEADER_HEIGHT = 80


def url_of(name, language, *args, query=""):
    with translation.override(language):
        return reverse(name, args=args) + query


def demo_page_urls(language):
    root = Site.objects.get(is_default_site=True).root_page
    with translation.override(language):
        return [page.get_url() for page in root.get_descendants(inclusive=True).live().specific()]


def answers_for(quiz):
    """An answer to every question; the free text one has a long French word in it."""
    role = AssignmentRole.objects.values_list("code", flat=True).first()
    answers = {}
    for question in quiz.questions.all():
        codes = [choice.code for choice in question.choices.all()]
        answers[question.pk] = {
            Kind.MULTIPLE: codes[:1],
            Kind.ROLE_ASSIGNMENT: dict.fromkeys(codes, role),
            Kind.RATING: 4,
            Kind.FREE_TEXT: "Anticonstitutionnellement, l'intercompréhension interculturelle.",
        }.get(question.kind, codes[0] if codes else "")
    return answers


LONG_FRENCH = (
    "Voir https://www.canada.ca/fr/immigration-refugies-citoyennete/services/refugies/"
    "parrainage-prive-refugies/guide-parrainage-prive-refugies.html : l'intercompréhension "
    "anticonstitutionnellement interorganisationnelle."
)


def wide_image():
    buffer = io.BytesIO()
    PillowImage.new("RGB", (1600, 500), "#0b5c7a").save(buffer, format="PNG")
    image = get_image_model()(title="Wide")
    image.file = ImageFile(buffer, name="wide.png")
    image.save()
    return image


@pytest.fixture
def every_block_lesson(demo_site, settings, tmp_path):
    """A lesson with each kind of block the demo lessons lack: an image wider than any screen,
    a video, a document, a quiz and an H5P activity, and a long address in running text."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.H5P_ROOT = tmp_path / "h5p-files"
    with open(build_package(tmp_path), "rb") as fileobj:
        package = h5p_package_create(fileobj=fileobj, title_en="Who signs?", title_fr="Qui signe ?")
    document = get_document_model()(title="Guide du parrainage privé de réfugiés (version 2026)")
    document.file.save("guide.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    url = "https://unknown-provider.invalid/watch/parrainage-prive-de-refugies-rencontre"
    body = [
        paragraph(LONG_FRENCH),
        {"type": "image", "value": {"image": wide_image().pk, "alt_text": "Un bandeau bleu"}},
        {"type": "video", "value": {"title": "La rencontre", "video": url, "transcript": ""}},
        {"type": "document", "value": {"document": document.pk, "title": "", "description": ""}},
        {"type": "quiz", "value": {"quiz": Quiz.objects.first().pk, "required": False}},
        {"type": "h5p", "value": {"package": package.pk, "quiz": None, "required": False}},
    ]
    return LessonPageFactory(
        parent=CoursePage.objects.live().order_by("pk").first(),
        title_en="Every block",
        title_fr="Chaque bloc",
        body_en=body,
        body_fr=body,
    )


@pytest.fixture
def learner(demo_site):
    """Enrolled in both demo courses, one through a training session, with a lesson done and
    a certificate, so My learning shows every kind of row."""
    user = ProfileFactory(
        preferred_language="en",
        user__first_name="Marie-Geneviève",
        user__last_name="Tremblay-Bouchard",
    ).user
    courses = list(CoursePage.objects.live().order_by("pk"))
    cohort = CohortFactory(course=courses[0], name="Ottawa — séance d'orientation des répondants")
    for course in courses:
        enrolment, _created = enrolment_create(
            user=user, course=course, cohort=cohort if course == courses[0] else None
        )
        lesson_complete(user=user, lesson=course.get_children().live().first().specific)
    certificate_issue(enrolment=enrolment)
    return user


def measure(page, where, problems):
    for problem in overflow(page):
        problems.append(f"{where} overflows: {problem}")
    for problem in small_tap_targets(page):
        problems.append(f"{where} small tap target: {problem}")


def check(page, url, problems):
    response = page.goto(url)
    assert response.ok, f"{url}: {response.status}"
    page.wait_for_load_state("load")
    measure(page, url, problems)
    # An H5P activity is measured once its player is on the page too.
    for start in page.locator("[data-h5p-start]").all():
        start.click()
        expect(page.locator("iframe.h5p-iframe")).to_be_visible()
        measure(page, f"{url} (H5P activity started)", problems)


@pytest.mark.parametrize("width", [320, 390])
def test_every_learner_page_fits_a_phone(page, live_server, learner, every_block_lesson, width):
    page.set_viewport_size({"width": width, "height": PHONE_HEIGHT})
    certificate = learner.enrolments.get(certificate__isnull=False).certificate
    join = CohortFactory(course=CoursePage.objects.live().last(), name="Kingston — séance")
    problems = []

    for language in LANGUAGES:
        for name in ("account_login", "account_signup", "account_reset_password"):
            check(page, live_server.url + url_of(name, language), problems)
    page.context.add_cookies(session_cookies(learner, live_server.url))

    for language in LANGUAGES:
        for url in demo_page_urls(language):
            check(page, live_server.url + url, problems)
        named = [
            url_of("my_learning", language),
            url_of("profile", language),
            url_of("join_cohort", language),
            url_of("join_link", language, join.code),
            url_of("privacy", language),
            url_of("delete_account", language),
            url_of("search", language, query="?q=sponsor"),
            url_of("verify_index", language),
            url_of("verify_certificate", language, certificate.code),
        ]
        for url in named:
            check(page, live_server.url + url, problems)

    # Every quiz and survey: its page, an attempt with answers in it, and the result.
    for quiz in Quiz.objects.order_by("pk"):
        attempt = attempt_start(quiz=quiz, user=learner, language="en")
        answers_save(attempt=attempt, answers=answers_for(quiz))
        for language in LANGUAGES:
            check(page, live_server.url + url_of("quiz_attempt", language, attempt.pk), problems)
        attempt_submit(attempt=attempt, user=learner)
        for language in LANGUAGES:
            check(page, live_server.url + url_of("quiz_result", language, attempt.pk), problems)
            check(page, live_server.url + url_of("quiz_detail", language, quiz.slug), problems)

    # The header's menu, opened.
    for language in LANGUAGES:
        check(page, live_server.url + url_of("my_learning", language), problems)
        page.locator(".site-header__toggle").click()
        measure(page, f"{language} menu opened", problems)

    assert not problems, f"{len(problems)} problems at {width} px:\n" + "\n".join(problems)


def test_the_header_folds_into_a_menu_button_on_a_phone(page, live_server, learner):
    page.set_viewport_size({"width": 390, "height": PHONE_HEIGHT})
    page.context.add_cookies(session_cookies(learner, live_server.url))
    page.goto(live_server.url + url_of("my_learning", "fr"))
    header = page.locator(".site-header")
    assert header.bounding_box()["height"] <= MAX_HEADER_HEIGHT

    button = page.get_by_role("button", name="Menu")
    expect(button).to_have_attribute("aria-expanded", "false")
    menu = page.locator("#" + button.get_attribute("aria-controls"))
    expect(menu).to_be_hidden()
    main_nav = page.get_by_role("navigation", name="Principal")
    expect(main_nav.get_by_role("link", name="Mon apprentissage")).to_be_hidden()

    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(menu).to_be_visible()
    for link in ("Recherche", "Mon apprentissage", "Profil"):
        expect(main_nav.get_by_role("link", name=link)).to_be_visible()
    expect(main_nav.get_by_role("button", name="Se déconnecter")).to_be_visible()
    assert_accessible(page)

    # Escape closes the menu and gives the focus back to its button.
    main_nav.get_by_role("link", name="Profil").focus()
    page.keyboard.press("Escape")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(button).to_be_focused()
    expect(menu).to_be_hidden()

    # Opened again, its links lead where they say, and the language switcher is in it.
    button.click()
    page.get_by_role("navigation", name="Langue").get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("button", name="Menu").click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Profile").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your profile")


def test_a_wide_screen_keeps_the_whole_navigation(page, live_server, learner):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.context.add_cookies(session_cookies(learner, live_server.url))
    page.goto(live_server.url + url_of("my_learning", "en"))
    expect(page.locator(".site-header__toggle")).to_be_hidden()
    expect(page.get_by_role("navigation", name="Main").get_by_role("link")).to_have_count(3)
    expect(page.get_by_role("navigation", name="Language").get_by_role("link")).to_be_visible()
    assert page.locator(".site-header").bounding_box()["height"] <= MAX_HEADER_HEIGHT
    assert small_tap_targets(page) == []


def test_without_scripts_a_phone_shows_the_navigation(browser, live_server, learner):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 390, "height": PHONE_HEIGHT}
    )
    context.add_cookies(session_cookies(learner, live_server.url))
    page = context.new_page()
    page.goto(live_server.url + url_of("my_learning", "en"))
    expect(page.locator(".site-header__toggle")).to_be_hidden()
    expect(page.get_by_role("link", name="Profile")).to_be_visible()
    expect(page.get_by_role("link", name="Français")).to_be_visible()
    context.close()
