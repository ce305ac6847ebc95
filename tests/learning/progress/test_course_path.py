"""The learner's path through a course (issue 14): a checklist of every requirement with its
state and one next step — the pre-test before the first lesson, the lessons, the post-test and
the survey, then the certificate — the same on the course page and on My learning."""

import pytest
from bs4 import BeautifulSoup

from learning.people.services import enrolment_create
from learning.progress.services import lesson_complete
from tests.learning.progress.test_quiz_progress import take
from tests.quizzes.factories import make_quiz, single

pytestmark = pytest.mark.django_db


def path_of(client, url):
    page = BeautifulSoup(client.get(url).content, "html.parser")
    steps = [li.get_text(" ", strip=True) for li in page.select(".course-path__step")]
    button = page.select_one(".course-path__next a.button")
    return steps, button


@pytest.mark.parametrize("where", ["course", "my learning"])
def test_each_step_in_turn_leads_to_the_next(client, learner, course_with_tests, where):
    course, lessons, quizzes = course_with_tests
    enrolment_create(user=learner, course=course)
    client.force_login(learner)
    url = course.url if where == "course" else "/en/learning/"

    steps, button = path_of(client, url)
    assert steps[0].startswith("1 Before you start: the pre-test (optional)")
    assert "10 questions, about 5 minutes, no pass mark" in steps[0]
    assert button.get_text(strip=True) == "Take the pre-test"
    assert button["href"] == "/en/quizzes/" + quizzes["pre"].slug + "/"
    assert [s.split(" ", 1)[1][:14] for s in steps[1:]] == [
        "The lessons To",
        "The post-test ",
        "The evaluation",
        "Your certifica",
    ]

    take(quizzes["pre"], learner, value="agency")  # every answer wrong: still no "not passed"
    steps, button = path_of(client, url)
    assert steps[0].startswith("✓ Before you start")
    assert "Your score: 0%" in steps[0] and "passed" not in steps[0]
    assert button.get_text(" ", strip=True).startswith("Start the first lesson")
    assert button["href"] == lessons[0].url

    for lesson in lessons:
        lesson_complete(user=learner, lesson=lesson)
    steps, button = path_of(client, url)
    # The last lesson done: on to the post-test, never a dead end.
    assert steps[1].startswith("✓ The lessons")
    assert button.get_text(strip=True) == "Take the post-test"
    assert "Not yet" in steps[4]

    take(quizzes["post"], learner)
    steps, button = path_of(client, url)
    assert "Your score: 100% (passed)" in steps[2]
    assert button.get_text(strip=True) == "Answer the survey"

    take(quizzes["survey"], learner, value="helpful")
    steps, button = path_of(client, url)
    assert all(step.startswith("✓") for step in steps)
    # Nothing left: no next step, and the certificate's own button beside "completed".
    assert button is None
    page = BeautifulSoup(client.get(url).content, "html.parser")
    certificate = page.find("a", string="Download my certificate (PDF)")
    assert certificate is not None and "certificate" in certificate["href"]


def test_the_pre_test_is_only_offered_before_the_first_lesson(client, learner, course_with_tests):
    course, lessons, _quizzes = course_with_tests
    enrolment_create(user=learner, course=course)
    lesson_complete(user=learner, lesson=lessons[0])
    client.force_login(learner)

    steps, button = path_of(client, course.url)

    assert "Offered only before the first lesson" in steps[0]
    assert button.get_text(" ", strip=True).startswith("Continue")
    assert button["href"] == lessons[1].url


def test_a_test_the_course_does_not_require_is_offered_as_optional(client, learner, lessons):
    course = lessons[0].get_parent().specific  # completion: all lessons
    make_quiz([single()], kind="post_test", course=course, title_en="Post-test")
    enrolment_create(user=learner, course=course)
    for lesson in lessons:
        lesson_complete(user=learner, lesson=lesson)
    client.force_login(learner)

    steps, button = path_of(client, course.url)

    assert "The post-test (optional)" in steps[1]
    # Completed by the lessons alone: the certificate is there, the post-test still offered.
    assert "✓ Your certificate" in steps[-1]
    assert button.get_text(strip=True) == "Take the post-test"
    assert "Download my certificate (PDF)" in client.get(course.url).content.decode()


def test_the_last_lesson_leads_on_to_the_next_requirement(client, learner, course_with_tests):
    course, lessons, quizzes = course_with_tests
    enrolment_create(user=learner, course=course)
    client.force_login(learner)
    last = lessons[-1]
    assert "Back to the course" in client.get(last.url).content.decode()

    for lesson in lessons:
        lesson_complete(user=learner, lesson=lesson)
    page = BeautifulSoup(client.get(last.url).content, "html.parser")

    link = page.select_one(".pager__next")
    assert link.get_text(" ", strip=True) == "Next step Take the post-test"
    assert link["href"] == "/en/quizzes/" + quizzes["post"].slug + "/"


def test_a_learner_who_opens_the_first_lesson_first_is_offered_the_pre_test_there(
    client, learner, course_with_tests
):
    """Issue 14: the pre-test was linked only from My learning, so a learner who went straight
    to a lesson never saw it, and paired pre/post answers were rare."""
    course, lessons, quizzes = course_with_tests
    enrolment_create(user=learner, course=course)
    client.force_login(learner)

    page = BeautifulSoup(client.get(lessons[0].url).content, "html.parser")
    notice = page.select_one(".notice--pre-test")
    assert notice is not None
    assert "10 questions, about 5 minutes, no pass mark" in notice.get_text()
    link = notice.find("a", string="Take the pre-test")
    assert link["href"] == "/en/quizzes/" + quizzes["pre"].slug + "/"

    lesson_complete(user=learner, lesson=lessons[0])  # started: no longer offered
    page = BeautifulSoup(client.get(lessons[1].url).content, "html.parser")
    assert page.select_one(".notice--pre-test") is None
