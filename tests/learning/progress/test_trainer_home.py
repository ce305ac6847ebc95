"""A trainer's admin home (issue 16): their sessions with completion, pages missing French and
the latest results in their sessions, through Wagtail's own dashboard view."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.users.models import UserProfile

from learning.people.models import Enrolment
from learning.roles import TRAINERS
from quizzes.models import QuizKind
from quizzes.services import attempt_start, attempt_submit
from tests.content.factories import LessonPageFactory
from tests.learning.factories import CohortFactory
from tests.learning.progress.test_cohort_admin import in_group, join, url
from tests.learning.progress.test_cohort_progress_fits import embed
from tests.quizzes.factories import make_quiz, single

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(course, trainer):
    return CohortFactory(course=course, trainer=trainer, name="Ottawa, spring")


@pytest.fixture
def other_trainer(django_user_model):
    return in_group(
        django_user_model.objects.create_user("other", "other@example.org", "pw"), TRAINERS
    )


def home_for(client, user):
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def panel(soup, panel_id):
    return soup.find(id=f"{panel_id}-content") or soup.find(id=panel_id)


def take(quiz, user, value="sponsor"):
    attempt = attempt_start(quiz=quiz, user=user, language="en")
    answers = {question.pk: value for question in quiz.questions.all()}
    return attempt_submit(attempt=attempt, answers=answers, user=user).attempt


def test_a_trainer_sees_their_sessions_with_how_many_joined_and_completed(
    client, trainer, cohort, lessons, other_trainer, course
):
    join(cohort, lessons, done=3, first_name="Ana", last_name="Alpha")
    join(cohort, lessons, done=0, first_name="Ben", last_name="Bravo")
    Enrolment.objects.filter(user__first_name="Ana").update(completed_at=timezone.now())
    CohortFactory(course=course, trainer=other_trainer, name="Windsor, summer")

    soup = home_for(client, trainer)

    sessions = panel(soup, "trainer-sessions")
    (row,) = sessions.select("tbody tr")
    cells = [td.get_text(" ", strip=True) for td in row.find_all("td")]
    assert cells[0] == "Ottawa, spring Working with sponsors"
    assert cells[2:] == ["2", "1 (50%)"]
    assert row.find("a")["href"] == url("progress", cohort.pk)
    assert "Windsor, summer" not in soup.get_text()


def test_a_trainer_without_sessions_is_told_how_to_start_one(client, trainer, lessons):
    soup = home_for(client, trainer)
    sessions = panel(soup, "trainer-sessions")
    assert "You have no current training session." in sessions.get_text()
    assert sessions.find("a", href=url("add"))
    results = panel(soup, "trainer-recent-results")
    assert "Results show here once learners" in results.get_text()


def test_latest_results_name_learners_of_the_trainers_own_sessions_only(
    client, trainer, cohort, lessons, other_trainer, course
):
    check = make_quiz([single()], kind=QuizKind.KNOWLEDGE_CHECK, title_en="Who pays?")
    embed(lessons[0], check)
    ana = join(cohort, lessons, done=1, first_name="Ana", last_name="Alpha")
    take(check, ana)
    other_session = CohortFactory(course=course, trainer=other_trainer, name="Windsor, summer")
    zoe = join(other_session, lessons, done=1, first_name="Zoe", last_name="Zulu")
    take(check, zoe, value="agency")

    soup = home_for(client, trainer)

    results = panel(soup, "trainer-recent-results")
    (row,) = results.select("tbody tr")
    cells = [td.get_text(" ", strip=True) for td in row.find_all("td")]
    assert cells[:3] == ["Ana Alpha Ottawa, spring", "Who pays?", "100%"]
    assert "Zoe" not in soup.get_text()

    # And the other trainer sees Zoe's, not Ana's.
    other = home_for(client, other_trainer)
    text = panel(other, "trainer-recent-results").get_text()
    assert "Zoe Zulu" in text and "0%" in text and "Ana" not in other.get_text()


def test_a_session_without_results_says_what_comes_next(client, trainer, cohort, lessons):
    join(cohort, lessons, done=0)
    soup = home_for(client, trainer)
    results = panel(soup, "trainer-recent-results")
    assert "No quiz results in your sessions yet." in results.get_text()


def test_program_leads_see_no_session_or_learner_at_all(
    client, program_lead, trainer, cohort, lessons
):
    check = make_quiz([single()], kind=QuizKind.KNOWLEDGE_CHECK, title_en="Who pays?")
    embed(lessons[0], check)
    take(check, join(cohort, lessons, done=1, first_name="Ana", last_name="Alpha"))

    soup = home_for(client, program_lead)

    assert panel(soup, "trainer-sessions") is None
    assert panel(soup, "trainer-recent-results") is None
    text = soup.get_text()
    assert "Ana" not in text and "Ottawa, spring" not in text


def test_pages_missing_french_are_listed_with_a_link_to_edit_them(client, trainer, course, lessons):
    untranslated = LessonPageFactory(
        parent=course, title_en="Arrival day", title_fr="", slug_fr="", body_fr=[]
    )

    soup = home_for(client, trainer)

    french = panel(soup, "trainer-missing-french")
    (item,) = french.select("li")
    assert item.a["href"] == reverse("wagtailadmin_pages:edit", args=[untranslated.pk])
    assert item.a.get_text(strip=True) == "Arrival day"
    assert "Body" in item.get_text() and "Title" in item.get_text()
    assert "1 course or lesson still lacks French text." in french.get_text()
    assert french.find("a", href=reverse("missing_french_report"))


def test_when_every_page_has_its_french_the_panel_says_so(client, trainer, lessons):
    soup = home_for(client, trainer)
    french = panel(soup, "trainer-missing-french")
    assert "Every course and lesson has its French text." in french.get_text()


def test_the_panels_speak_french_in_the_french_admin(client, trainer, cohort, lessons):
    profile = UserProfile.get_for_user(trainer)
    profile.preferred_language = "fr"
    profile.save()

    soup = home_for(client, trainer)

    assert soup.html["lang"] == "fr"
    assert panel(soup, "trainer-sessions")
    # The course's title in French too.
    assert "Travailler avec les répondants" in panel(soup, "trainer-sessions").get_text()


def test_the_home_queries_do_not_grow_with_learners_or_results(client, trainer, cohort, lessons):
    check = make_quiz([single()], kind=QuizKind.KNOWLEDGE_CHECK, title_en="Who pays?")
    embed(lessons[0], check)
    for index in range(2):
        take(check, join(cohort, lessons, done=1, first_name=f"First{index}"))
    client.force_login(trainer)
    client.get(reverse("wagtailadmin_home"))  # warm caches shared across requests

    with CaptureQueriesContext(connection) as with_two:
        client.get(reverse("wagtailadmin_home"))
    for index in range(10):
        take(check, join(cohort, lessons, done=index % 3, first_name=f"More{index}"))
    with CaptureQueriesContext(connection) as with_twelve:
        response = client.get(reverse("wagtailadmin_home"))
    soup = BeautifulSoup(response.content, "html.parser")

    assert len(panel(soup, "trainer-recent-results").select("tbody tr")) == 8
    assert len(with_twelve) == len(with_two)
