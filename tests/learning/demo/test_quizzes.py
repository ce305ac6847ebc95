"""The demo quizzes and surveys: their JSON is valid for the models, and seeding is idempotent."""

import io
import re
from collections import Counter

import pytest
from django.core.management import call_command
from wagtail.models import Revision

from content.models import CoursePage, LessonPage
from learning.demo.courses import load_courses
from learning.demo.quizzes import load_quizzes, seed_demo_quizzes
from quizzes.models import AssignmentRole, Choice, Question, Quiz
from quizzes.models.quizzes import QuestionKind, QuizKind

SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
ROLE_CODES = {"sponsor", "settlement_worker", "shared", "newcomer"}
CHOICE_KINDS = {"single", "multiple", "true_false", "role_assignment", "likert"}
NO_CHOICE_KINDS = {"rating", "free_text"}
# Labels that read the same in both languages because they are names.
PROPER_NOUNS = {"IRCC", "OCASI", "ARI"}

QUIZZES = load_quizzes()
QUESTIONS = [(quiz, question) for quiz in QUIZZES for question in quiz["questions"]]
CHOICES = [
    (quiz, question, choice) for quiz, question in QUESTIONS for choice in question["choices"]
]


def qid(item):
    if isinstance(item, dict):
        return item.get("slug") or item.get("code")
    return None


def by_course_and_kind(course, kind):
    return [quiz for quiz in QUIZZES if quiz["course"] == course and quiz["kind"] == kind]


def bilingual(en, fr):
    return bool(en.strip()) and bool(fr.strip()) and (en != fr or en in PROPER_NOUNS)


# --- The JSON is valid for the models -------------------------------------------------------


def test_quiz_slugs_are_unique_slugs():
    slugs = [quiz["slug"] for quiz in QUIZZES]
    assert all(SLUG.match(slug) for slug in slugs)
    assert len(slugs) == len(set(slugs))


@pytest.mark.parametrize("quiz", QUIZZES, ids=qid)
def test_quiz_fields_are_valid(quiz):
    # "everyone": the knowledge-exchange events' course (learning/demo/events.py).
    assert quiz["course"] in {"settlement_workers", "sponsors", "everyone"}
    assert quiz["kind"] in QuizKind.values
    assert 0 <= quiz["pass_mark"] <= 100
    assert quiz["attempts_allowed"] >= 0
    assert quiz["grading_policy"] in {"highest", "latest", "first"}
    assert quiz["feedback_timing"] in {"immediate", "after_submit", "never"}
    assert bilingual(quiz["title_en"], quiz["title_fr"])
    assert bilingual(quiz["intro_en"], quiz["intro_fr"])
    assert len(quiz["title_en"]) <= 255 and len(quiz["title_fr"]) <= 255
    codes = [question["code"] for question in quiz["questions"]]
    assert codes and len(codes) == len(set(codes)), "question codes are unique in the quiz"


@pytest.mark.parametrize(("quiz", "question"), QUESTIONS, ids=lambda item: qid(item))
def test_question_is_valid(quiz, question):
    kind = question["kind"]
    assert SLUG.match(question["code"]) and len(question["code"]) <= 50
    assert kind in QuestionKind.values
    assert bilingual(question["text_en"], question["text_fr"])
    choices = question["choices"]
    codes = [choice["code"] for choice in choices]
    assert len(codes) == len(set(codes)), "choice codes are unique in the question"
    assert all(SLUG.match(code) and len(code) <= 50 for code in codes)
    correct = [choice for choice in choices if choice["is_correct"]]

    if kind in NO_CHOICE_KINDS:
        assert choices == []
    else:
        assert kind in CHOICE_KINDS
    if kind in {"single", "true_false"}:
        assert len(correct) == 1
    if kind == "true_false":
        assert sorted(codes) == ["false", "true"]
    if kind == "multiple":
        assert correct and len(correct) < len(choices)
    if kind == "role_assignment":
        assert 4 <= len(choices) <= 6
        assert not correct, "tasks are scored by role, not is_correct"
        assert all(choice["correct_role"] in ROLE_CODES for choice in choices)
    else:
        assert all(choice["correct_role"] is None for choice in choices)
    if kind == "likert":
        assert any(choice["is_favourable"] for choice in choices)
        assert sum(choice["is_not_applicable"] for choice in choices) == 1
        assert not any(c["is_favourable"] and c["is_not_applicable"] for c in choices)
    else:
        assert not any(c["is_favourable"] or c["is_not_applicable"] for c in choices)
    if question["partial_credit"]:
        assert kind == "multiple"

    if kind in {"single", "multiple", "true_false", "role_assignment"}:
        # Scored questions explain their answer in both languages.
        assert question["points"] >= 1
        assert bilingual(question["explanation_en"], question["explanation_fr"])
    else:
        assert quiz["kind"] == QuizKind.EVALUATION_SURVEY
    assert bool(question["explanation_en"]) == bool(question["explanation_fr"])


@pytest.mark.parametrize(("quiz", "question", "choice"), CHOICES, ids=qid)
def test_choice_is_bilingual(quiz, question, choice):
    assert bilingual(choice["label_en"], choice["label_fr"])
    assert len(choice["label_en"]) <= 500 and len(choice["label_fr"]) <= 500
    assert bool(choice["feedback_en"]) == bool(choice["feedback_fr"])
    if choice["feedback_en"]:
        assert choice["feedback_en"] != choice["feedback_fr"]


# --- What each course needs ----------------------------------------------------------------


@pytest.mark.parametrize("course", ["settlement_workers", "sponsors"])
@pytest.mark.parametrize("kind", ["pre_test", "post_test"])
def test_each_course_has_a_pre_and_post_test_on_roles(course, kind):
    (quiz,) = by_course_and_kind(course, kind)
    questions = quiz["questions"]
    kinds = Counter(question["kind"] for question in questions)
    assert len(questions) >= 8
    assert kinds["role_assignment"] >= 2
    assert kinds["single"] and kinds["multiple"] and kinds["true_false"]
    assert any(q["kind"] == "multiple" and q["partial_credit"] for q in questions)
    assert set(kinds) <= {"single", "multiple", "true_false", "role_assignment"}
    tasks = {
        choice["code"]: choice["correct_role"]
        for question in questions
        if question["kind"] == "role_assignment"
        for choice in question["choices"]
    }
    # The tasks at the heart of role confusion are always asked.
    assert tasks["first-year-financial-support"] == "sponsor"
    assert tasks["needs-assets-assessment"] == "settlement_worker"
    assert tasks["language-assessment-booking"] == "settlement_worker"
    assert tasks["finding-housing"] == "sponsor"
    if kind == "pre_test":
        assert quiz["attempts_allowed"] == 1
        assert quiz["feedback_timing"] == "never"
    else:
        assert quiz["attempts_allowed"] == 3
        assert quiz["grading_policy"] == "highest"
        assert quiz["feedback_timing"] == "after_submit"
    assert quiz["lesson"] is None


@pytest.mark.parametrize("course", ["settlement_workers", "sponsors"])
def test_pre_and_post_tests_are_comparable_but_not_identical(course):
    (pre,) = by_course_and_kind(course, "pre_test")
    (post,) = by_course_and_kind(course, "post_test")
    assert [q["kind"] for q in pre["questions"]] == [q["kind"] for q in post["questions"]]
    assert sum(q["points"] for q in pre["questions"]) == sum(q["points"] for q in post["questions"])
    pre_texts = {q["text_en"] for q in pre["questions"]}
    assert not pre_texts & {q["text_en"] for q in post["questions"]}


@pytest.mark.parametrize("course", ["settlement_workers", "sponsors"])
def test_knowledge_checks_sit_in_at_least_two_lessons(course):
    checks = by_course_and_kind(course, "knowledge_check")
    lessons = {quiz["lesson"] for quiz in checks}
    (course_data,) = [data for data in load_courses() if data["audience"] == course]
    assert len(lessons) >= 2
    assert lessons <= {lesson["slug_en"] for lesson in course_data["lessons"]}
    for quiz in checks:
        assert 3 <= len(quiz["questions"]) <= 4
        assert quiz["feedback_timing"] == "immediate"
        assert quiz["attempts_allowed"] == 0


def _table_roles(course):
    """{English task text: responsibility} from every role table in the course."""
    (data,) = [data for data in load_courses() if data["audience"] == course]
    return {
        row["task"]: row["responsibility"]
        for lesson in data["lessons"]
        for block in lesson["body_en"]
        if block["type"] == "role_table"
        for row in block["value"]["rows"]
    }


# Task codes and the words of the course's role-table rows they stand for.
TASKS_IN_TABLES = {
    "finding-housing": "housing",
    "needs-assets-assessment": "needs and assets assessment",
    "school-registration": "school registration",
    "job-search": "job search",
    "airport-welcome": "airport welcome",
}


@pytest.mark.parametrize("course", ["settlement_workers", "sponsors"])
def test_task_roles_agree_with_the_course_tables(course):
    table = _table_roles(course)
    for quiz in QUIZZES:
        if quiz["course"] != course:
            continue
        for question in quiz["questions"]:
            if question["kind"] != "role_assignment":
                continue
            for choice in question["choices"]:
                words = TASKS_IN_TABLES.get(choice["code"])
                if words is None:
                    continue
                rows = {role for task, role in table.items() if words in task.lower()}
                assert rows, f"{course} has no table row about {words!r}"
                assert rows == {choice["correct_role"]}, (quiz["slug"], choice["code"])


def test_surveys_ask_exactly_the_evaluation_questions():
    (workers,) = by_course_and_kind("settlement_workers", "evaluation_survey")
    (sponsors,) = by_course_and_kind("sponsors", "evaluation_survey")
    assert {q["code"]: q["kind"] for q in workers["questions"]} == {
        "helpful-refugee-needs": "likert",
        "helpful-sponsor-responsibilities": "likert",
        "comments": "free_text",
    }
    assert {q["code"]: q["kind"] for q in sponsors["questions"]} == {
        "prepared-to-work-with-settlement": "likert",
        "communication-rating": "rating",
        "prior-experience-rating": "rating",
        "comments": "free_text",
    }
    for survey in (workers, sponsors):
        assert survey["anonymous"] is True
        assert survey["attempts_allowed"] == 1
        assert survey["feedback_timing"] == "never"
        assert survey["pass_mark"] == 0
        comments = next(q for q in survey["questions"] if q["code"] == "comments")
        assert comments["required"] is False

    questions = {q["code"]: q for q in workers["questions"]}
    assert questions["helpful-refugee-needs"]["text_en"] == (
        "How helpful was this training in understanding the needs of refugees?"
    )
    assert questions["helpful-sponsor-responsibilities"]["text_en"] == (
        "How helpful was this training in understanding sponsor responsibilities?"
    )
    for code in ("helpful-refugee-needs", "helpful-sponsor-responsibilities"):
        flags = {
            c["code"]: (c["is_favourable"], c["is_not_applicable"])
            for c in questions[code]["choices"]
        }
        assert flags == {
            "very-helpful": (True, False),
            "helpful": (True, False),
            "somewhat-helpful": (False, False),
            "not-helpful": (False, False),
            "not-applicable": (False, True),
        }

    questions = {q["code"]: q for q in sponsors["questions"]}
    assert questions["prepared-to-work-with-settlement"]["text_en"] == (
        "How well did this orientation prepare you to work with settlement services?"
    )
    assert questions["communication-rating"]["text_en"] == (
        "Rate how this orientation encouraged communication between sponsors and settlement workers"
    )
    assert questions["prior-experience-rating"]["text_en"] == (
        "Before this orientation, how would you rate your experience of working with "
        "settlement agencies?"
    )
    flags = {
        c["code"]: (c["is_favourable"], c["is_not_applicable"])
        for c in questions["prepared-to-work-with-settlement"]["choices"]
    }
    assert flags == {
        "very-well": (True, False),
        "well": (True, False),
        "somewhat": (False, False),
        "not-well": (False, False),
        "not-applicable": (False, True),
    }


# --- Seeding --------------------------------------------------------------------------------


@pytest.fixture
def courses_by_audience(db):
    call_command("seed_demo", stdout=io.StringIO())
    return {
        audience: CoursePage.objects.get(audience=audience)
        for audience in ("settlement_workers", "sponsors", "everyone")
    }


def snapshot():
    quizzes = [
        (
            quiz.pk,
            quiz.slug,
            quiz.kind,
            quiz.course_id,
            quiz.title_en,
            quiz.title_fr,
            quiz.intro_en,
            quiz.intro_fr,
            quiz.pass_mark,
            quiz.attempts_allowed,
            quiz.grading_policy,
            quiz.feedback_timing,
            quiz.shuffle_choices,
            quiz.anonymous,
            quiz.revision,
            quiz.updated_at,
        )
        for quiz in Quiz.objects.order_by("pk")
    ]
    questions = list(
        Question.objects.order_by("pk").values_list(
            "pk",
            "quiz_id",
            "sort_order",
            "code",
            "kind",
            "text_en",
            "text_fr",
            "explanation_en",
            "explanation_fr",
            "points",
            "partial_credit",
            "required",
            "max_length",
        )
    )
    choices = list(
        Choice.objects.order_by("pk").values_list(
            "pk",
            "question_id",
            "sort_order",
            "code",
            "label_en",
            "label_fr",
            "is_correct",
            "correct_role__code",
            "is_favourable",
            "is_not_applicable",
            "feedback_en",
            "feedback_fr",
        )
    )
    roles = list(AssignmentRole.objects.order_by("pk").values_list("pk", "code", "label_en"))
    return quizzes, questions, choices, roles


def quiz_blocks(lesson, language):
    return [
        block.value["quiz"].pk
        for block in getattr(lesson, f"body_{language}")
        if block.block_type == "quiz"
    ]


def test_seed_matches_the_json(courses_by_audience):
    quizzes = seed_demo_quizzes(courses_by_audience=courses_by_audience)
    assert [quiz.slug for quiz in quizzes] == [spec["slug"] for spec in QUIZZES]
    assert Quiz.objects.count() == len(QUIZZES)
    assert Question.objects.count() == len(QUESTIONS)
    assert Choice.objects.count() == len(CHOICES)
    for spec, quiz in zip(QUIZZES, quizzes, strict=True):
        assert quiz.course == courses_by_audience[spec["course"]]
        assert (quiz.title_en, quiz.title_fr) == (spec["title_en"], spec["title_fr"])
        questions = list(quiz.questions.order_by("sort_order"))
        assert [q.code for q in questions] == [q["code"] for q in spec["questions"]]
        for question, question_spec in zip(questions, spec["questions"], strict=True):
            assert question.text_fr == question_spec["text_fr"]
            roles = [
                (choice.code, choice.correct_role.code if choice.correct_role else None)
                for choice in question.choices.order_by("sort_order")
            ]
            assert roles == [(c["code"], c["correct_role"]) for c in question_spec["choices"]]


def test_seeding_twice_changes_nothing(courses_by_audience):
    seed_demo_quizzes(courses_by_audience=courses_by_audience)
    first = snapshot()
    revisions = Revision.objects.count()
    seed_demo_quizzes(courses_by_audience=courses_by_audience)
    assert snapshot() == first
    assert Revision.objects.count() == revisions


def test_knowledge_checks_are_embedded_in_lessons_in_both_languages(courses_by_audience):
    seed_demo_quizzes(courses_by_audience=courses_by_audience)
    for audience, course in courses_by_audience.items():
        if audience == "everyone":
            continue  # The events' course has a survey, no knowledge checks.
        checks = set(
            Quiz.objects.filter(course=course, kind=QuizKind.KNOWLEDGE_CHECK).values_list(
                "pk", flat=True
            )
        )
        with_checks = 0
        for lesson in LessonPage.objects.child_of(course):
            lesson.refresh_from_db()
            english, french = quiz_blocks(lesson, "en"), quiz_blocks(lesson, "fr")
            assert english == french
            assert len(english) == len(set(english)), "no quiz is embedded twice"
            if set(english) & checks:
                with_checks += 1
                assert lesson.live and not lesson.has_unpublished_changes
        assert with_checks >= 2, audience
    # The blocks are not required: the lessons complete as before.
    lesson = LessonPage.objects.get(slug_en="intentional-connection")
    (block,) = [block for block in lesson.body_en if block.block_type == "quiz"]
    assert block.value["required"] is False


def test_seed_creates_missing_roles_and_keeps_existing_labels(courses_by_audience):
    # seed_demo already seeded the quizzes; start from a database without them or the roles.
    Quiz.objects.all().delete()
    AssignmentRole.objects.all().delete()
    AssignmentRole.objects.create(
        code="sponsor", label_en="Sponsor group", label_fr="Groupe de répondants", sort_order=1
    )
    seed_demo_quizzes(courses_by_audience=courses_by_audience)
    roles = {role.code: role for role in AssignmentRole.objects.all()}
    assert set(roles) == ROLE_CODES
    assert roles["sponsor"].label_en == "Sponsor group"
    assert roles["settlement_worker"].label_fr == "Intervenant·e en établissement"


def test_seed_repairs_edits_and_keeps_untouched_rows(courses_by_audience):
    seed_demo_quizzes(courses_by_audience=courses_by_audience)
    quiz = Quiz.objects.get(slug="sw-post-test")
    question = quiz.questions.get(code="roles-first-year")
    task = question.choices.get(code="first-year-financial-support")
    task.correct_role = AssignmentRole.objects.get(code="settlement_worker")
    task.save()
    extra = Question.objects.create(quiz=quiz, code="extra", text_en="Extra?", text_fr="En plus?")
    other = quiz.questions.get(code="greatest-barrier")
    revision = quiz.revision

    seed_demo_quizzes(courses_by_audience=courses_by_audience)

    task.refresh_from_db()
    assert task.correct_role.code == "sponsor"
    assert not Question.objects.filter(pk=extra.pk).exists()
    # Rows that already matched keep their primary keys, so answers stay linked.
    assert quiz.questions.get(code="greatest-barrier").pk == other.pk
    quiz.refresh_from_db()
    assert quiz.revision == revision + 1
