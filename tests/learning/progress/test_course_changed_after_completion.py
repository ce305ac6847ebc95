"""A course that changes after a learner finished it (issue 14): the completion and certificate
stand, the new lesson is offered as "new since you finished", and every page counts the same."""

import pytest

from learning.progress.services import lesson_complete
from learning.roles import TRAINERS
from tests.content.factories import LessonPageFactory
from tests.learning.factories import CohortFactory, UserFactory
from tests.learning.progress.test_cohort_admin import in_group, join, progress_rows, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def trainer():
    return in_group(UserFactory(first_name="Terry", last_name="Trainer"), TRAINERS)


@pytest.fixture
def cohort(course, trainer):
    return CohortFactory(course=course, trainer=trainer, name="Ottawa, spring")


@pytest.fixture
def finished(cohort, lessons):
    learner = join(cohort, lessons, done=len(lessons), first_name="Cy", last_name="Charlie")
    enrolment = learner.enrolments.get()
    assert enrolment.completed_at is not None
    # Published after the learner finished (through a revision, as the admin does).
    new = LessonPageFactory(parent=lessons[0].get_parent(), title_en="What changed in 2027")
    new.save_revision().publish()
    new.refresh_from_db()
    assert new.first_published_at > enrolment.completed_at
    return learner, new


def test_my_learning_keeps_the_course_completed_and_offers_the_new_lesson(client, finished):
    learner, new = finished
    client.force_login(learner)

    text = client.get("/en/learning/").content.decode()

    assert "Completed on" in text
    assert "3 of 3 lessons done (100%)" in text
    assert "2 of 4" not in text and "3 of 4" not in text
    assert "1 new lesson since you finished: your completion and certificate stand." in text
    assert f'href="{new.url}"' in text and "Read what is new" in text


def test_the_course_page_says_the_same(client, finished):
    learner, new = finished
    client.force_login(learner)

    text = client.get(new.get_parent().url).content.decode()

    assert "You have completed this course." in text
    assert "3 of 3 lessons done (100%)" in text
    assert "1 new lesson since you finished" in text


def test_the_trainer_counts_the_same(client, trainer, cohort, finished):
    client.force_login(trainer)

    (row,) = progress_rows(client.get(url("progress", cohort.pk)).content.decode())

    assert row["Lessons done"] == "3 of 3 (100%) + 1 new since they finished"
    assert row["Completed"] not in ("", "Not yet")


def test_the_trainer_reads_the_rule_the_learner_reads(client, trainer, cohort, finished):
    client.force_login(trainer)

    text = client.get(url("progress", cohort.pk)).content.decode()

    assert "keeps their completion and certificate when lessons are added later" in text


def test_reading_the_new_lesson_counts_it(client, finished):
    learner, new = finished
    lesson_complete(user=learner, lesson=new)
    client.force_login(learner)

    text = client.get("/en/learning/").content.decode()

    assert "4 of 4 lessons done (100%)" in text
    assert "new lesson since you finished" not in text


def test_a_learner_still_working_owes_the_new_lesson(client, cohort, lessons):
    learner = join(cohort, lessons, done=1, first_name="Ana", last_name="Alpha")
    new = LessonPageFactory(parent=lessons[0].get_parent())
    new.save_revision().publish()
    client.force_login(learner)

    text = client.get("/en/learning/").content.decode()

    assert "1 of 4 lessons done (25%)" in text
    assert "since you finished" not in text
