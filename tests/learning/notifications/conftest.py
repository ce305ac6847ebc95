import datetime

import pytest
from django.utils import timezone

from content.models import CompletionRule
from learning.people.models import CohortMeeting
from tests.learning.factories import CohortFactory, ProfileFactory
from tests.quizzes.factories import likert, make_quiz, single


@pytest.fixture
def course_with_tests(lessons):
    course = lessons[0].get_parent().specific
    course.completion_rule = CompletionRule.POST_TEST_AND_SURVEY
    course.save()
    quizzes = {
        "pre": make_quiz(
            [single(code=f"p{n}") for n in range(4)],
            kind="pre_test",
            course=course,
            title_en="Pre-test",
            pass_mark=0,
        ),
        "post": make_quiz([single()], kind="post_test", course=course, title_en="Post-test"),
        "survey": make_quiz(
            [likert()],
            kind="evaluation_survey",
            course=course,
            anonymous=True,
            title_en="Evaluation survey",
            pass_mark=0,
        ),
    }
    return course, lessons, quizzes


@pytest.fixture
def french_learner(db):
    profile = ProfileFactory(
        preferred_language="fr", region="qc", user__first_name="Élodie", user__username="elodie"
    )
    return profile.user


@pytest.fixture
def english_learner(db):
    profile = ProfileFactory(preferred_language="en", region="bc", user__first_name="Sam")
    return profile.user


@pytest.fixture
def session(course_with_tests, trainer):
    course = course_with_tests[0]
    cohort = CohortFactory(course=course, trainer=trainer, name="Ottawa December")
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=5)
    CohortMeeting.objects.create(
        cohort=cohort,
        title_en="Pre-arrival Intentional Connection meeting",
        title_fr="Rencontre de connexion intentionnelle avant l'arrivée",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        place="Welcome Centre, 123 Bank St, Ottawa",
        online_url="https://meet.example.org/psr",
    )
    return cohort
