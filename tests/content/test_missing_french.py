"""The Missing French report names each string's place, links to it, and takes "same in both
languages on purpose" marks (issue 16)."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from content.french_exemptions import FrenchExemption, english_key, is_exempt
from content.h5p.models import H5PPackage
from content.models import LessonPage
from learning.people.models import CohortMeeting
from tests.content.factories import LessonPageFactory, paragraph
from tests.learning.factories import CohortFactory
from tests.quizzes.factories import make_quiz, single

pytestmark = pytest.mark.django_db


def report_rows(client):
    response = client.get(reverse("missing_french_report"))
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    rows = []
    for tr in page.select("table tbody tr"):
        cells = tr.select("td")
        link = cells[0].select_one("a")
        rows.append(
            {
                "where": cells[0].get_text(" ", strip=True),
                "field": cells[1].get_text(strip=True),
                "english": cells[2].get_text(strip=True),
                "href": link["href"] if link else None,
                "form": tr.select_one("form"),
            }
        )
    return rows, page


def find(rows, where, field):
    matches = [row for row in rows if row["where"].startswith(where) and row["field"] == field]
    return matches[0] if matches else None


def mark(client, form):
    data = {field["name"]: field.get("value", "") for field in form.select("input")}
    return client.post(form["action"], data)


@pytest.fixture
def pre_test():
    """A quiz whose third question's second choice reads "Agree" in both languages."""
    quiz = make_quiz(
        [single(code="one"), single(code="two"), single(code="three")],
        title_en="Pre-test",
        title_fr="Test préalable",
    )
    choice = quiz.questions.order_by("sort_order")[2].choices.order_by("sort_order")[1]
    choice.label_en = choice.label_fr = "Agree"
    choice.save()
    return quiz


def test_a_choice_is_named_by_its_quiz_and_place_and_links_to_its_field(client, trainer, pre_test):
    client.force_login(trainer)
    rows, _page = report_rows(client)
    row = find(rows, "Quiz or survey: Pre-test", "Label")
    assert row is not None, rows
    assert "question 3, choice 2" in row["where"]
    assert row["english"] == "Agree"
    edit_url = reverse("wagtailsnippets_quizzes_quiz:edit", args=[pre_test.pk])
    assert row["href"] == f"{edit_url}#id_questions-2-choices-1-label_fr"
    assert 'id="id_questions-2-choices-1-label_fr"' in client.get(edit_url).content.decode()
    # No bare rows: every row says what it belongs to.
    assert all(": " in row["where"] for row in rows)


def test_a_lesson_body_links_to_the_french_body_on_the_edit_page(client, trainer, course):
    lesson = LessonPageFactory(
        parent=course,
        title_en="The PSR program",
        title_fr="Le programme PSR",
        slug_en="psr-program",
        slug_fr="programme-psr",
        body_en=[paragraph("Private sponsorship.")],
        body_fr=[],
    )
    client.force_login(trainer)
    rows, _page = report_rows(client)
    row = find(rows, "Lesson: The PSR program", "Body")
    assert row is not None, rows
    url, anchor = row["href"].split("#")
    assert url == reverse("wagtailadmin_pages:edit", args=[lesson.pk])
    edit_page = client.get(url).content.decode()
    assert f'id="{anchor}"' in edit_page


def test_the_brand_name_is_never_missing_french(client, trainer, course):
    LessonPageFactory(parent=course, title_en="PSR Learn", title_fr="PSR Learn", slug_en="brand")
    client.force_login(trainer)
    rows, _page = report_rows(client)
    assert not [row for row in rows if row["english"] == "PSR Learn"], rows


def test_marking_a_string_the_same_on_purpose_removes_it_until_its_english_changes(
    client, trainer, pre_test
):
    client.force_login(trainer)
    rows, _page = report_rows(client)
    response = mark(client, find(rows, "Quiz or survey: Pre-test", "Label")["form"])
    assert response.status_code == 302
    rows, _page = report_rows(client)
    assert find(rows, "Quiz or survey: Pre-test", "Label") is None
    exemption = FrenchExemption.objects.get()
    assert exemption.english_excerpt == "Agree"
    assert exemption.created_by == trainer

    choice = pre_test.questions.order_by("sort_order")[2].choices.order_by("sort_order")[1]
    choice.label_en = choice.label_fr = "Strongly agree"
    choice.save()
    rows, _page = report_rows(client)
    assert find(rows, "Quiz or survey: Pre-test", "Label")["english"] == "Strongly agree"


def test_a_mark_can_be_undone(client, trainer, pre_test):
    client.force_login(trainer)
    rows, _page = report_rows(client)
    mark(client, find(rows, "Quiz or survey: Pre-test", "Label")["form"])
    listing = client.get(reverse("missing_french_exemptions"))
    page = BeautifulSoup(listing.content, "html.parser")
    assert "Agree" in page.select_one("table tbody").get_text()
    undo = page.select_one("table tbody form")
    response = client.post(undo["action"])
    assert response.status_code == 302
    assert not FrenchExemption.objects.exists()
    rows, _page = report_rows(client)
    assert find(rows, "Quiz or survey: Pre-test", "Label") is not None


def test_a_mark_made_on_an_english_text_since_changed_is_refused(client, trainer, pre_test):
    client.force_login(trainer)
    rows, _page = report_rows(client)
    form = find(rows, "Quiz or survey: Pre-test", "Label")["form"]
    choice = pre_test.questions.order_by("sort_order")[2].choices.order_by("sort_order")[1]
    choice.label_en = choice.label_fr = "Disagree"
    choice.save()
    mark(client, form)
    assert not FrenchExemption.objects.exists()


def test_an_empty_french_cannot_be_marked(client, trainer, course):
    LessonPageFactory(parent=course, title_en="Gaps", slug_en="gaps", body_fr=[])
    client.force_login(trainer)
    rows, _page = report_rows(client)
    assert find(rows, "Lesson: Gaps", "Body")["form"] is None


def test_marking_needs_csrf_and_post(trainer, pre_test):
    client = Client(enforce_csrf_checks=True)
    client.force_login(trainer)
    choice = pre_test.questions.order_by("sort_order")[2].choices.order_by("sort_order")[1]
    data = {
        "content_type": ContentType.objects.get_for_model(choice).pk,
        "object_id": choice.pk,
        "field": "label",
        "english_hash": english_key("Agree"),
    }
    assert client.post(reverse("missing_french_exempt"), data).status_code == 403
    assert client.get(reverse("missing_french_exempt")).status_code == 405
    assert not FrenchExemption.objects.exists()


@pytest.mark.parametrize("who", ["learner", "program_lead"])
def test_only_editors_mark_strings(client, request, who, pre_test):
    client.force_login(request.getfixturevalue(who))
    choice = pre_test.questions.order_by("sort_order")[2].choices.order_by("sort_order")[1]
    client.post(
        reverse("missing_french_exempt"),
        {
            "content_type": ContentType.objects.get_for_model(choice).pk,
            "object_id": choice.pk,
            "field": "label",
            "english_hash": english_key("Agree"),
        },
    )
    assert not FrenchExemption.objects.exists()


def test_is_exempt_follows_the_english_text(trainer, pre_test):
    choice = pre_test.questions.order_by("sort_order")[2].choices.order_by("sort_order")[1]
    assert not is_exempt(choice, "label", "Agree")
    FrenchExemption.objects.create(
        content_type=ContentType.objects.get_for_model(choice),
        object_id=str(choice.pk),
        field="label",
        english_hash=english_key("Agree"),
    )
    assert is_exempt(choice, "label", "Agree")
    assert not is_exempt(choice, "label", "Agree!")
    assert is_exempt(choice, "label", "PSR Learn")


def package(title, language):
    return H5PPackage.objects.create(
        title_en=title, title_fr=title, language=language, main_library="H5P.Blanks 1.14"
    )


def h5p(package):
    return {"type": "h5p", "value": {"package": package.pk, "quiz": None, "required": False}}


def test_h5p_packages_in_the_other_languages_stream_are_listed(client, trainer, course):
    english, french, unstated = package("Roles", "en"), package("Rôles", "fr"), package("X", "und")
    lesson = LessonPageFactory(
        parent=course,
        title_en="Roles",
        slug_en="roles",
        body_en=[h5p(english), h5p(french), h5p(unstated)],
        body_fr=[h5p(english), h5p(unstated)],
    )
    client.force_login(trainer)
    _rows, page = report_rows(client)
    items = [li.get_text(" ", strip=True) for li in page.select(".missing-french-h5p li")]
    assert len(items) == 2, items
    assert any("English H5P activity “Roles” in the French body" in item for item in items)
    assert any("French H5P activity “Rôles” in the English body" in item for item in items)
    links = {a["href"].split("#")[0] for a in page.select(".missing-french-h5p a")}
    assert links == {reverse("wagtailadmin_pages:edit", args=[lesson.pk])}
    assert LessonPage.objects.count()


def test_the_report_costs_the_same_queries_whatever_the_number_of_strings(
    client, trainer, course, django_assert_max_num_queries
):
    def add(count, start):
        for index in range(start, start + count):
            LessonPageFactory(
                parent=course, title_en=f"Lesson {index}", slug_en=f"l{index}", body_fr=[]
            )
            quiz = make_quiz([single(code="a"), single(code="b")])
            for choice in quiz.questions.order_by("sort_order")[0].choices.all():
                choice.label_fr = choice.label_en
                choice.save()

    client.force_login(trainer)
    add(2, 0)
    client.get(reverse("missing_french_report"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("missing_french_report"))
    add(10, 2)
    with django_assert_max_num_queries(len(few.captured_queries)):
        rows, _page = report_rows(client)
    assert len(rows) >= 12 * 4


def test_a_meeting_is_named_by_its_training_session(client, trainer, course):
    cohort = CohortFactory(course=course, name="Ottawa spring")
    start = timezone.now()
    for order, title in enumerate(["Welcome", "Pre-arrival meeting"]):
        CohortMeeting.objects.create(
            cohort=cohort,
            sort_order=order,
            title_en=title,
            title_fr=title,
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=1),
        )
    client.force_login(trainer)
    rows, _page = report_rows(client)
    meetings = {
        row["english"]: row["where"]
        for row in rows
        if row["where"].startswith("Training session: Ottawa spring")
    }
    assert meetings == {
        "Welcome": "Training session: Ottawa spring meeting 1",
        "Pre-arrival meeting": "Training session: Ottawa spring meeting 2",
    }


@pytest.mark.parametrize(
    ("who", "status"), [("learner", 302), ("program_lead", 302), ("trainer", 200)]
)
def test_only_editors_see_the_marked_strings(client, request, home, who, status):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("missing_french_exemptions")).status_code == status


def test_a_page_is_judged_by_its_latest_draft(client, trainer, course):
    lesson = LessonPageFactory(
        parent=course, title_en="Drafts", title_fr="Brouillons", slug_en="drafts", body_fr=[]
    )
    lesson.save_revision().publish()
    draft = LessonPage.objects.get(pk=lesson.pk)
    draft.body_fr = [paragraph("Écrit dans un brouillon.")]
    draft.title_fr = "Drafts"
    draft.save_revision()
    client.force_login(trainer)
    rows, _page = report_rows(client)
    # French written in the draft counts; a title copied in the draft is listed, and marked.
    assert find(rows, "Lesson: Drafts", "Body") is None
    title = find(rows, "Lesson: Drafts", "Title")
    assert title is not None, rows
    assert mark(client, title["form"]).status_code == 302
    assert FrenchExemption.objects.get().english_excerpt == "Drafts"
    rows, _page = report_rows(client)
    assert find(rows, "Lesson: Drafts", "Title") is None
