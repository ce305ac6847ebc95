import io

import pytest
from django.core.management import call_command
from wagtail.models import Page, Revision, Site

from content.models import CoursePage, HomePage, LessonPage
from learning.demo.courses import load_courses

pytestmark = pytest.mark.django_db


def tree():
    return [
        (
            page.depth,
            page.path,
            type(page.specific).__name__,
            page.title_en,
            page.title_fr,
            page.slug_en,
            page.slug_fr,
            page.live,
        )
        for page in Page.objects.order_by("path")
    ]


def test_seed_demo_twice_gives_the_same_tree(settings):
    settings.DEBUG = False
    call_command("seed_demo", stdout=io.StringIO())
    first = tree()
    revisions = Revision.objects.count()
    call_command("seed_demo", stdout=io.StringIO())
    assert tree() == first
    # Nothing changed, so nothing was republished.
    assert Revision.objects.count() == revisions


def test_seed_demo_builds_two_bilingual_courses_with_their_lessons(client):
    call_command("seed_demo", stdout=io.StringIO())
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    courses = {course.audience: course for course in CoursePage.objects.all()}
    assert set(courses) == {"settlement_workers", "sponsors", "everyone"}
    assert LessonPage.objects.child_of(courses["settlement_workers"]).count() >= 5
    assert LessonPage.objects.child_of(courses["sponsors"]).count() >= 4
    for lesson in LessonPage.objects.all():
        # Every lesson is complete in both languages, with its own French slug.
        assert lesson.title_fr and lesson.title_fr != lesson.title_en
        assert lesson.slug_fr
        assert len(lesson.body_fr) == len(lesson.body_en) > 3
        for language in ("en", "fr"):
            response = client.get(lesson.get_url() if language == "en" else _french_url(lesson))
            assert response.status_code == 200


def _french_url(page):
    from django.utils import translation

    with translation.override("fr"):
        return page.get_url()


def test_demo_courses_cover_what_the_issue_asks_for():
    courses = {course["audience"]: course for course in load_courses()}
    workers = " ".join(lesson["title_en"] for lesson in courses["settlement_workers"]["lessons"])
    assert "Intentional Connection" in workers
    tables = [
        block
        for lesson in courses["settlement_workers"]["lessons"]
        for block in lesson["body_en"]
        if block["type"] == "role_table"
    ]
    assert tables, "the settlement-worker course shows who does what"


def test_seed_demo_prints_demo_accounts_only_in_development(settings, capsys):
    settings.DEBUG = False
    call_command("seed_demo")
    out = capsys.readouterr().out
    assert "trainer-demo-2026" not in out and "Demo learner" not in out
    assert "join code DEMO2026" in out
    settings.DEBUG = True
    call_command("seed_demo")
    out = capsys.readouterr().out
    assert (
        "Demo trainer (admin: /admin/): trainer@example.org or trainer / trainer-demo-2026" in out
    )
    assert "Demo learner: learner@example.org or learner / learner-demo-2026" in out
    assert (
        "Demo program lead (dashboard: /admin/indicators/dashboard/): lead@example.org or "
        "lead / lead-demo-2026" in out
    )


def test_the_demo_program_lead_reads_the_dashboard_and_edits_nothing(settings, client):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    client.post("/en/accounts/login/", {"login": "lead@example.org", "password": "lead-demo-2026"})

    assert client.get("/admin/indicators/dashboard/").status_code == 200
    assert client.get("/admin/pages/").status_code in (302, 403)


def test_the_demo_learner_signs_in_at_once_where_addresses_must_be_confirmed(
    settings, client, capsys
):
    """The README's demo accounts work as printed: with confirmation mandatory (the site's
    default), the demo learner signs in and is not sent to confirm an email first."""
    settings.DEBUG = True
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"
    call_command("seed_demo")

    response = client.post(
        "/en/accounts/login/",
        {"login": "learner@example.org", "password": "learner-demo-2026"},
    )

    assert response.status_code == 302
    assert "confirm-email" not in response["Location"]
    assert "_auth_user_id" in client.session
