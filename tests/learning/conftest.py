"""Fixtures shared by the learner layers' tests."""

import pytest

from content.models import CompletionRule
from tests.quizzes.factories import likert, make_quiz, single


@pytest.fixture
def course_with_tests(lessons):
    course = lessons[0].get_parent().specific
    course.completion_rule = CompletionRule.POST_TEST_AND_SURVEY
    course.save()
    quizzes = {
        "pre": make_quiz(
            [single(code=f"p{n}") for n in range(10)],
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
