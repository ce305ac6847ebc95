"""My learning reads each course's lessons from the process's outline (issue 11): as many queries
for 200-lesson courses as for 10-lesson ones, and a change to a course shows at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from learning.people.services import enrolment_create
from learning.progress.services import lesson_complete
from tests.content.factories import CoursePageFactory, LessonPageFactory

pytestmark = pytest.mark.django_db

MY_LEARNING = "/en/learning/"


def queries(client):
    client.get(MY_LEARNING)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(MY_LEARNING)
    assert response.status_code == 200
    return len(captured.captured_queries), response.content.decode()


def test_my_learning_makes_as_many_queries_for_large_courses(client, learner, catalogue):
    client.force_login(learner)
    courses = [CoursePageFactory(parent=catalogue) for _ in range(3)]
    for course in courses:
        lessons = [LessonPageFactory(parent=course) for _ in range(10)]
        enrolment_create(user=learner, course=course)
        lesson_complete(user=learner, lesson=lessons[0])
    few, text = queries(client)
    assert text.count("1 of 10 lessons done") == 3

    for course in courses:
        for _ in range(190):
            LessonPageFactory(parent=course)
    many, text = queries(client)

    assert many == few
    assert text.count("1 of 200 lessons done") == 3


def test_my_learning_shows_a_new_lesson_at_once_and_leads_to_the_next_one(
    client, learner, catalogue
):
    client.force_login(learner)
    course = CoursePageFactory(parent=catalogue)
    first = LessonPageFactory(parent=course, title_en="Arrival day")
    second = LessonPageFactory(parent=course, title_en="The first week", slug_en="first-week")
    enrolment_create(user=learner, course=course)
    lesson_complete(user=learner, lesson=first)
    _, text = queries(client)
    assert "1 of 2 lessons done" in text
    assert f'href="{second.url}"' in text  # Continue: the lesson not yet done

    LessonPageFactory(parent=course, title_en="The first month")
    _, text = queries(client)

    assert "1 of 3 lessons done" in text
