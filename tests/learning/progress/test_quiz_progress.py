"""Quizzes feed progress: required lesson quizzes, course completion rules, My learning."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.urls import reverse

from content.models import CompletionRule
from learning.people.models import Enrolment
from learning.people.services import LearningError, cohort_join, enrolment_create
from learning.progress.models import LessonProgress
from learning.progress.services import lesson_complete
from learning.roles import TRAINERS
from quizzes.models import QuizKind
from quizzes.services import attempt_start, attempt_submit
from tests.learning.factories import CohortFactory, ProfileFactory
from tests.quizzes.factories import free_text, likert, make_quiz, single

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner(home):
    return ProfileFactory().user


def take(quiz, user, value="sponsor"):
    attempt = attempt_start(quiz=quiz, user=user, language="en")
    answers = {question.pk: value for question in quiz.questions.all()}
    return attempt_submit(attempt=attempt, answers=answers, user=user).attempt


def embed(lesson, quiz, *, required):
    block = {"type": "quiz", "value": {"quiz": quiz.pk, "required": required}}
    lesson.body_en = [*lesson.body_en.raw_data, block]
    lesson.body_fr = [*lesson.body_fr.raw_data, block]
    lesson.save_revision().publish()


def test_a_lesson_with_a_required_quiz_completes_when_the_quiz_is_passed(learner, lessons):
    course = lessons[0].get_parent().specific
    quiz = make_quiz([single()], kind=QuizKind.KNOWLEDGE_CHECK)
    embed(lessons[0], quiz, required=True)
    enrolment_create(user=learner, course=course)
    with pytest.raises(LearningError) as error:
        lesson_complete(user=learner, lesson=lessons[0])
    assert error.value.code == "quiz_required"
    take(quiz, learner, value="agency")  # failed
    assert not LessonProgress.objects.exists()
    take(quiz, learner, value="sponsor")  # passed
    assert LessonProgress.objects.filter(lesson=lessons[0]).exists()


def test_lesson_page_shows_the_embedded_quiz_and_its_status(client, learner, lessons):
    quiz = make_quiz([single()], kind=QuizKind.KNOWLEDGE_CHECK)
    embed(lessons[0], quiz, required=True)
    client.force_login(learner)
    page = BeautifulSoup(client.get(lessons[0].url).content, "html.parser")
    block = page.select_one(".quiz-block")
    assert quiz.title_en in block.get_text()
    assert "Pass this quiz to complete the lesson." in block.get_text()
    assert block.select_one(f'form[action="/en/quizzes/{quiz.slug}/start/"]')
    take(quiz, learner)
    page = BeautifulSoup(client.get(lessons[0].url).content, "html.parser")
    assert "Passed" in page.select_one(".quiz-block").get_text()


@pytest.mark.parametrize(
    "rule",
    [
        CompletionRule.POST_TEST_PASSED,
        CompletionRule.SURVEY_SUBMITTED,
        CompletionRule.POST_TEST_AND_SURVEY,
    ],
)
def test_course_completion_rules_with_post_test_and_survey(learner, lessons, rule):
    course = lessons[0].get_parent().specific
    course.completion_rule = rule
    course.save_revision().publish()
    post_test = make_quiz([single()], kind=QuizKind.POST_TEST, course=course)
    survey = make_quiz(
        [likert(), free_text()],
        kind=QuizKind.EVALUATION_SURVEY,
        course=course,
        anonymous=True,
        pass_mark=0,
    )
    enrolment_create(user=learner, course=course)
    for lesson in lessons:
        lesson_complete(user=learner, lesson=lesson)
    enrolment = Enrolment.objects.get()
    assert enrolment.completed_at is None  # lessons alone are not enough
    if rule != CompletionRule.SURVEY_SUBMITTED:
        take(post_test, learner)
    if rule != CompletionRule.POST_TEST_PASSED:
        attempt = attempt_start(quiz=survey, user=learner, language="en")
        attempt_submit(
            attempt=attempt, answers={survey.questions.first().pk: "helpful"}, user=learner
        )
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None
    assert enrolment.certificate


def test_a_failed_post_test_keeps_the_course_open(learner, lessons):
    course = lessons[0].get_parent().specific
    course.completion_rule = CompletionRule.POST_TEST_PASSED
    course.save_revision().publish()
    post_test = make_quiz([single()], kind=QuizKind.POST_TEST, course=course)
    enrolment_create(user=learner, course=course)
    for lesson in lessons:
        lesson_complete(user=learner, lesson=lesson)
    take(post_test, learner, value="agency")
    assert Enrolment.objects.get().completed_at is None


def test_my_learning_shows_each_test_and_the_survey(client, learner, lessons):
    course = lessons[0].get_parent().specific
    pre = make_quiz([single()], kind=QuizKind.PRE_TEST, course=course, title_en="Pre-test")
    make_quiz([single()], kind=QuizKind.POST_TEST, course=course, title_en="Post-test")
    make_quiz(
        [likert()],
        kind=QuizKind.EVALUATION_SURVEY,
        course=course,
        anonymous=True,
        title_en="Evaluation survey",
        pass_mark=0,
    )
    enrolment_create(user=learner, course=course)
    take(pre, learner, value="agency")
    client.force_login(learner)
    page = BeautifulSoup(client.get("/en/learning/").content, "html.parser")
    # The course's path (issue 14): each test and the survey with where the learner stands.
    steps = [li.get_text(" ", strip=True) for li in page.select(".course-path__step")]
    assert any(
        s.startswith("✓ Before you start: the pre-test") and "Your score: 0%" in s for s in steps
    )
    assert any("The post-test" in s and "To do" in s for s in steps)
    assert any("The evaluation survey" in s and "To do" in s for s in steps)


def test_the_cohort_view_shows_quiz_scores_and_never_survey_answers(client, learner, lessons):
    course = lessons[0].get_parent().specific
    cohort = CohortFactory(course=course)
    cohort_join(user=learner, code=cohort.code)
    post_test = make_quiz(
        [single(), single(code="second")],
        kind=QuizKind.POST_TEST,
        course=course,
        title_en="Post-test",
    )
    survey = make_quiz(
        [likert(), free_text()],
        kind=QuizKind.EVALUATION_SURVEY,
        course=course,
        anonymous=True,
        title_en="Evaluation survey",
        pass_mark=0,
    )
    attempt = attempt_start(quiz=post_test, user=learner, language="en")
    questions = list(post_test.questions.all())
    attempt_submit(
        attempt=attempt,
        user=learner,
        answers={questions[0].pk: "sponsor", questions[1].pk: "agency"},
    )
    attempt = attempt_start(quiz=survey, user=learner, language="en")
    attempt_submit(
        attempt=attempt,
        user=learner,
        answers={
            survey.questions.first().pk: "helpful",
            survey.questions.last().pk: "A private remark",
        },
    )
    trainer = ProfileFactory().user
    trainer.groups.add(Group.objects.get(name=TRAINERS))
    # A session's progress is for its own trainer.
    cohort.trainer = trainer
    cohort.save(update_fields=["trainer"])
    client.force_login(trainer)
    page = client.get(reverse("wagtailsnippets_learning_cohort:progress", args=[cohort.pk]))
    html = page.content.decode()
    assert "Post-test" in html and "50%" in html
    assert "Evaluation survey" not in html and "A private remark" not in html
    csv = client.get(reverse("wagtailsnippets_learning_cohort:progress_csv", args=[cohort.pk]))
    text = csv.content.decode("utf-8-sig")
    assert text.splitlines()[0].endswith("Post-test (%)")
    assert text.splitlines()[1].endswith("50.00")
    assert "A private remark" not in text and "helpful" not in text
