import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from content.models import Audience
from learning.people.models import Enrolment
from learning.people.services import LearningError, cohort_join, enrolment_create
from learning.progress.models import LessonProgress
from learning.progress.services import lesson_complete
from tests.content.factories import CoursePageFactory, LessonPageFactory
from tests.learning.factories import CohortFactory, ProfileFactory

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def learner(home):
    return ProfileFactory(role="settlement_worker").user


def test_enrolling_is_a_post_and_happens_once(client, learner, lessons):
    course = lessons[0].get_parent().specific
    client.force_login(learner)
    assert client.get(f"/en/learning/enrol/{course.pk}/").status_code == 405
    assert not Enrolment.objects.exists()
    first = client.post(f"/fr/learning/enrol/{course.pk}/")
    assert first.status_code == 302
    # Enrolling again, even in the other language, keeps one enrolment.
    second = client.post(f"/en/learning/enrol/{course.pk}/", follow=True)
    assert Enrolment.objects.filter(user=learner, course=course).count() == 1
    assert Enrolment.objects.get().language == "fr"
    assert "already enrolled" in second.content.decode()


def test_anonymous_enrol_goes_to_login(client, lessons):
    course = lessons[0].get_parent()
    response = client.post(f"/en/learning/enrol/{course.pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")
    assert not Enrolment.objects.exists()


def test_enrolling_in_an_unpublished_course_is_refused(client, learner, catalogue):
    draft = CoursePageFactory(parent=catalogue, live=False)
    client.force_login(learner)
    assert client.post(f"/en/learning/enrol/{draft.pk}/").status_code == 404
    assert not Enrolment.objects.exists()


def test_completing_a_lesson_without_enrolment_is_refused(client, learner, lessons):
    client.force_login(learner)
    response = client.post(f"/fr/learning/lessons/{lessons[0].pk}/complete/", follow=True)
    assert "Inscrivez-vous à ce cours avant" in response.content.decode()
    assert not LessonProgress.objects.exists()
    with pytest.raises(LearningError) as error:
        lesson_complete(user=learner, lesson=lessons[0])
    assert error.value.code == "not_enrolled"


def test_completing_lessons_moves_progress_and_completes_the_course(client, learner, lessons):
    course = lessons[0].get_parent().specific
    client.force_login(learner)
    client.post(f"/en/learning/enrol/{course.pk}/")
    response = client.post(f"/en/learning/lessons/{lessons[0].pk}/complete/")
    # On to the next lesson.
    assert response["Location"] == lessons[1].url
    client.post(f"/en/learning/lessons/{lessons[0].pk}/complete/")  # twice: no change
    assert LessonProgress.objects.count() == 1
    page = soup(client.get(course.url))
    assert "1 of 3 lessons done (33%)" in page.select_one(".course__enrolment").get_text(" ")
    for lesson in lessons[1:]:
        client.post(f"/en/learning/lessons/{lesson.pk}/complete/")
    enrolment = Enrolment.objects.get()
    assert enrolment.completed_at is not None
    assert enrolment.certificate.course_title_fr == "Travailler avec les répondants"
    my = soup(client.get("/en/learning/"))
    card = my.select_one(".my-course")
    assert "3 of 3 lessons done (100%)" in card.get_text(" ")
    assert "Completed on" in card.get_text(" ")


def test_unpublished_lessons_do_not_block_completion(learner, lessons):
    course = lessons[0].get_parent().specific
    lessons[2].unpublish()
    enrolment, _ = enrolment_create(user=learner, course=course)
    lesson_complete(user=learner, lesson=lessons[0])
    enrolment = lesson_complete(user=learner, lesson=lessons[1])
    assert enrolment.completed_at is not None


def test_my_learning_continue_goes_to_the_first_unfinished_lesson(client, learner, lessons):
    course = lessons[0].get_parent().specific
    enrolment_create(user=learner, course=course)
    lesson_complete(user=learner, lesson=lessons[0])
    client.force_login(learner)
    page = soup(client.get("/fr/learning/"))
    button = page.select_one(".course-path__next a.button")
    assert (
        button["href"] == "/fr/cours/travailler-avec-les-repondants/responsabilites-des-repondants/"
    )
    assert "Continuer" in button.get_text()
    progress = page.select_one(".progress")
    # Accessible: the numbers are in text, not only in the bar.
    assert "1 leçon terminée sur 3 (33 %)" in progress.get_text(" ", strip=True)


def test_catalogue_shows_the_learners_courses_first(client, catalogue):
    CoursePageFactory(
        parent=catalogue, title_en="For workers", audience=Audience.SETTLEMENT_WORKERS
    )
    CoursePageFactory(parent=catalogue, title_en="For everyone", audience=Audience.EVERYONE)
    CoursePageFactory(parent=catalogue, title_en="For sponsors", audience=Audience.SPONSORS)
    sponsor = ProfileFactory(role="sponsor").user
    client.force_login(sponsor)
    page = soup(client.get("/en/courses/"))
    titles = [a.get_text(strip=True) for a in page.select(".course-card__title a")]
    assert titles == ["For sponsors", "For everyone", "For workers"]
    first_card = page.select_one(".course-card").get_text(" ", strip=True)
    assert "Recommended for your role" in first_card


def test_lesson_page_offers_to_mark_complete_only_when_enrolled(client, learner, lessons):
    client.force_login(learner)
    page = soup(client.get(lessons[0].url))
    assert page.select_one(f'form[action="/en/learning/lessons/{lessons[0].pk}/complete/"]') is None
    assert "Enrol in this course" in page.select_one(".lesson-actions").get_text()
    enrolment_create(user=learner, course=lessons[0].get_parent().specific)
    page = soup(client.get(lessons[0].url))
    assert page.select_one(f'form[action="/en/learning/lessons/{lessons[0].pk}/complete/"]')


def _count_queries(client, url):
    # Warm up first: the first request after logging in also touches the session and caches.
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_my_learning_query_count_is_constant_as_enrolments_grow(client, learner, catalogue):
    client.force_login(learner)

    def add_courses(n):
        for _ in range(n):
            course = CoursePageFactory(parent=catalogue)
            lessons = [LessonPageFactory(parent=course) for _ in range(3)]
            enrolment_create(user=learner, course=course)
            lesson_complete(user=learner, lesson=lessons[0])

    add_courses(1)
    few = _count_queries(client, "/en/learning/")
    add_courses(6)
    many = _count_queries(client, "/en/learning/")
    assert many == few


def test_course_page_query_count_is_constant_as_lessons_grow(client, learner, course):
    client.force_login(learner)
    LessonPageFactory(parent=course)
    enrolment_create(user=learner, course=course)
    few = _count_queries(client, course.url)
    for _ in range(8):
        LessonPageFactory(parent=course)
    many = _count_queries(client, course.url)
    assert many == few


def test_joining_a_cohort_by_code_enrols_and_records_the_cohort(client, learner, course):
    cohort = CohortFactory(course=course, code="K7PM4QXA")
    client.force_login(learner)
    response = client.post("/en/learning/join/", {"code": " k7pm-4qxa "})
    assert response.status_code == 302
    enrolment = Enrolment.objects.get(user=learner)
    assert enrolment.cohort == cohort and enrolment.course.pk == course.pk


def test_joining_later_attaches_an_existing_enrolment_to_the_cohort(learner, course):
    enrolment_create(user=learner, course=course)
    cohort = CohortFactory(course=course)
    enrolment = cohort_join(user=learner, code=cohort.code)
    assert Enrolment.objects.count() == 1
    assert enrolment.cohort == cohort


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("NOPE1234", "Aucune séance de formation ne correspond à ce code"),
        ("EXPIRED1", "Cette séance de formation a pris fin le"),
    ],
)
def test_bad_join_codes_get_a_clear_error_and_enrol_nobody(client, learner, course, code, message):
    today = timezone.localdate()
    CohortFactory(
        course=course,
        code="EXPIRED1",
        starts_on=today - datetime.timedelta(days=30),
        ends_on=today - datetime.timedelta(days=1),
    )
    client.force_login(learner)
    response = client.post("/fr/learning/join/", {"code": code})
    assert response.status_code == 400
    assert message in soup(response).select_one(".errorlist").get_text()
    assert not Enrolment.objects.exists()


def test_join_link_shows_the_session_and_joining_needs_a_post(client, learner, course):
    cohort = CohortFactory(course=course, name="Kingston, spring")
    client.force_login(learner)
    response = client.get(f"/en/learning/join/{cohort.code}/")
    assert response.status_code == 200
    assert "Kingston, spring" in response.content.decode()
    assert not Enrolment.objects.exists()
    form = soup(response).select_one("main form")
    assert form["method"] == "post"


def test_join_link_for_anonymous_goes_to_login_and_comes_back(client, course):
    cohort = CohortFactory(course=course)
    response = client.get(f"/en/learning/join/{cohort.code}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/?next=")
    assert cohort.code in response["Location"]


def test_the_french_enrolment_messages_address_everyone(client, learner, lessons):
    """ "Vous êtes inscrit" is masculine only (issue 14): the messages say it of the enrolment."""
    course = lessons[0].get_parent()
    client.force_login(learner)

    first = client.post(f"/fr/learning/enrol/{course.pk}/", follow=True).content.decode()
    again = client.post(f"/fr/learning/enrol/{course.pk}/", follow=True).content.decode()

    assert "Votre inscription est confirmée. Bienvenue dans le cours!" in first
    assert "Votre inscription à ce cours était déjà faite." in again
    assert "inscrit." not in first + again
