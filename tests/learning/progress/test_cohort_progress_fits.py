"""A session's progress follows every quiz of the course's lessons, and the join links come in
each language (issue 16)."""

import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.users.models import UserProfile

from learning.people.models import Cohort
from learning.progress.cohort_selectors import cohort_quizzes
from quizzes.models import QuizKind
from quizzes.services import attempt_start, attempt_submit
from tests.learning.factories import CohortFactory
from tests.learning.progress.test_cohort_admin import join, progress_rows, url
from tests.quizzes.factories import make_quiz, single

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(course, trainer):
    return CohortFactory(course=course, trainer=trainer, name="Ottawa, spring")


def embed(lesson, quiz, *, language="both"):
    block = {"type": "quiz", "value": {"quiz": quiz.pk, "required": False}}
    if language in ("both", "en"):
        lesson.body_en = [*lesson.body_en.raw_data, block]
    if language in ("both", "fr"):
        lesson.body_fr = [*lesson.body_fr.raw_data, block]
    lesson.save_revision().publish()


@pytest.fixture
def quizzes(course, lessons):
    """A post-test linked to the course; a knowledge check in the first lesson (both bodies)
    and one only the French body of the third shows; neither linked to the course; a survey
    embedded too, which is never a column."""
    post_test = make_quiz([single()], kind=QuizKind.POST_TEST, course=course, title_en="Final")
    check = make_quiz([single()], kind=QuizKind.KNOWLEDGE_CHECK, title_en="Who pays?")
    french_only = make_quiz([single()], kind=QuizKind.KNOWLEDGE_CHECK, title_en="Qui signe?")
    survey = make_quiz([single()], kind=QuizKind.EVALUATION_SURVEY, title_en="How was it?")
    embed(lessons[0], check)
    embed(lessons[0], survey)
    embed(lessons[2], french_only, language="fr")
    return post_test, check, french_only


def test_quizzes_embedded_in_the_lessons_have_columns_after_the_courses_own(
    cohort, quizzes, lessons
):
    post_test, check, french_only = quizzes
    cohort = Cohort.objects.select_related("course").get(pk=cohort.pk)

    assert cohort_quizzes(cohort=cohort) == [post_test, check, french_only]


def test_an_unpublished_lessons_quiz_is_not_a_column(cohort, quizzes, lessons):
    post_test, check, _french_only = quizzes
    lessons[2].unpublish()
    cohort = Cohort.objects.select_related("course").get(pk=cohort.pk)

    assert cohort_quizzes(cohort=cohort) == [post_test, check]


def test_progress_and_csv_show_a_lessons_quiz_score(client, trainer, cohort, quizzes, lessons):
    _post_test, check, _french_only = quizzes
    ana = join(cohort, lessons, done=1, first_name="Ana", last_name="Alpha")
    attempt = attempt_start(quiz=check, user=ana, language="en")
    answers = {question.pk: "sponsor" for question in check.questions.all()}
    attempt_submit(attempt=attempt, answers=answers, user=ana)
    client.force_login(trainer)

    (row,) = progress_rows(client.get(url("progress", cohort.pk)).content.decode())

    assert list(row)[-3:] == ["Final", "Who pays?", "Qui signe?"]
    assert (row["Final"], row["Who pays?"], row["Qui signe?"]) == ("Not taken", "100%", "Not taken")
    response = client.get(url("progress_csv", cohort.pk))
    header, line = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert header[-3:] == ["Final (%)", "Who pays? (%)", "Qui signe? (%)"]
    assert line[-3:] == ["", "100.00", ""]


def test_the_table_sits_in_a_region_of_its_own_that_can_scroll(
    client, trainer, cohort, quizzes, lessons
):
    join(cohort, lessons, done=1)
    client.force_login(trainer)

    soup = BeautifulSoup(client.get(url("progress", cohort.pk)).content, "html.parser")

    region = soup.select_one(".cohort-progress")
    assert region["role"] == "region" and region["tabindex"] == "0"
    assert region["aria-label"] == "Progress of Ottawa, spring"
    assert region.select_one("table.listing")


# --- Join links ------------------------------------------------------------------------------


def links(html, selector):
    soup = BeautifulSoup(html, "html.parser")
    return {
        dt.get_text(strip=True): dt.find_next_sibling("dd").a["href"]
        for dt in soup.select(f"{selector} dt")
        if dt.find_next_sibling("dd").a
    }


def test_the_session_shows_its_join_link_in_english_and_in_french(client, trainer, cohort):
    client.force_login(trainer)
    english = f"http://testserver/en/learning/join/{cohort.code}/"
    french = f"http://testserver/fr/learning/join/{cohort.code}/"

    edit = client.get(url("edit", cohort.pk)).content.decode()
    progress = client.get(url("progress", cohort.pk)).content.decode()

    expected = {"Join link (English)": english, "Join link (French)": french}
    assert links(edit, ".help-block") == expected
    assert links(progress, ".cohort-progress__links") == expected


def test_the_french_admin_names_the_join_links_in_french(client, trainer, cohort):
    # Needs issue 16's French (/tmp/fr/h16.json): "(français)", as French writes it in a
    # sentence, not the language's name "(Français)".
    profile = UserProfile.get_for_user(trainer)
    profile.preferred_language = "fr"
    profile.save()
    client.force_login(trainer)
    progress = client.get(url("progress", cohort.pk)).content.decode()
    assert set(links(progress, ".cohort-progress__links")) == {
        "Lien d'accès (anglais)",
        "Lien d'accès (français)",
    }


def test_the_french_link_leads_a_signed_out_person_to_the_french_sign_in_and_back(
    client, cohort, django_user_model
):
    join_path = f"/fr/learning/join/{cohort.code}/"

    response = client.get(join_path)

    assert response.status_code == 302
    login = response["Location"]
    assert login.startswith("/fr/")
    page = client.get(login)
    assert page.status_code == 200
    assert BeautifulSoup(page.content, "html.parser").html["lang"] == "fr"
    django_user_model.objects.create_user("amina", "amina@example.org", "a-long-password-42")
    signed_in = client.post(
        login, {"login": "amina@example.org", "password": "a-long-password-42"}, follow=True
    )
    assert signed_in.redirect_chain[-1][0] == join_path
    assert BeautifulSoup(signed_in.content, "html.parser").html["lang"] == "fr"
    assert cohort.name in signed_in.content.decode()


def test_the_english_link_stays_in_english(client, cohort):
    response = client.get(f"/en/learning/join/{cohort.code}/")
    assert response["Location"].startswith("/en/")
    assert reverse("account_login") in response["Location"]
