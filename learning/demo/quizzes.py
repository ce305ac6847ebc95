"""Demo quizzes and surveys for the two demo courses, from quizzes.json in this folder.

Written from the program reports in shared/seeds and the demo courses' role tables. Every call
is idempotent: quizzes are matched by slug, questions by code within their quiz and choices by
code within their question, and a row is written only when its values differ from the JSON,
so answers already given keep their links. Knowledge checks are appended to their lesson's
body in both languages, and the lesson is republished only when a block had to be added.
"""

import json
from pathlib import Path

from django.db import transaction

from content.models import LessonPage
from content.services import page_upsert
from quizzes.models import AssignmentRole, Choice, Question, Quiz

DEMO_DIR = Path(__file__).resolve().parent
QUIZ_FILE = DEMO_DIR / "quizzes.json"

# (code, English label, French label). A migration normally creates these; the seed only
# fills in the ones that are missing and never overwrites a label a trainer has edited.
ROLES = (
    ("sponsor", "Sponsor", "Répondant"),
    ("settlement_worker", "Settlement worker", "Intervenant·e en établissement"),
    ("shared", "Shared", "Partagé"),
    ("newcomer", "Newcomer", "Nouvel arrivant"),
)

QUIZ_FIELDS = (
    "kind",
    "title_en",
    "title_fr",
    "intro_en",
    "intro_fr",
    "pass_mark",
    "attempts_allowed",
    "grading_policy",
    "feedback_timing",
    "shuffle_choices",
    "anonymous",
)
QUESTION_DEFAULTS = {
    "explanation_en": "",
    "explanation_fr": "",
    "points": 1,
    "partial_credit": False,
    "required": True,
    "max_length": 2000,
}
QUESTION_FIELDS = ("kind", "text_en", "text_fr", *QUESTION_DEFAULTS)
CHOICE_DEFAULTS = {
    "is_correct": False,
    "correct_role": None,
    "is_favourable": False,
    "is_not_applicable": False,
    "feedback_en": "",
    "feedback_fr": "",
}
CHOICE_FIELDS = ("label_en", "label_fr", *CHOICE_DEFAULTS)


def load_quizzes():
    return json.loads(QUIZ_FILE.read_text(encoding="utf-8"))


def ensure_roles():
    """The assignment roles by code, created with both labels if a migration has not."""
    roles = {}
    for order, (code, label_en, label_fr) in enumerate(ROLES, start=1):
        role, _created = AssignmentRole.objects.get_or_create(
            code=code,
            defaults={"label_en": label_en, "label_fr": label_fr, "sort_order": order},
        )
        roles[code] = role
    return roles


# Normalised forms: plain dicts of the values the JSON sets, so the database and the JSON
# can be compared directly. Choices carry their role as a code.


def _choice_spec(spec):
    values = {**CHOICE_DEFAULTS, **spec}
    return {"code": values["code"], **{name: values[name] for name in CHOICE_FIELDS}}


def _question_spec(spec):
    values = {**QUESTION_DEFAULTS, **spec}
    return {
        "code": values["code"],
        **{name: values[name] for name in QUESTION_FIELDS},
        "choices": [_choice_spec(choice) for choice in values.get("choices", [])],
    }


def _choice_state(choice):
    return {
        "code": choice.code,
        **{
            name: (choice.correct_role.code if choice.correct_role_id else None)
            if name == "correct_role"
            else getattr(choice, name)
            for name in CHOICE_FIELDS
        },
    }


def _question_state(question):
    return {
        "code": question.code,
        **{name: getattr(question, name) for name in QUESTION_FIELDS},
        "choices": [_choice_state(choice) for choice in _ordered_choices(question)],
    }


def _ordered_questions(quiz):
    return list(quiz.questions.order_by("sort_order", "pk"))


def _ordered_choices(question):
    return list(question.choices.select_related("correct_role").order_by("sort_order", "pk"))


def _assign(instance, values):
    """Set `values` on `instance`; True if any of them changed."""
    changed = False
    for name, value in values.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed = True
    return changed


def _sync_choices(question, specs, roles):
    existing = {choice.code: choice for choice in _ordered_choices(question)}
    for order, spec in enumerate(specs):
        values = {name: spec[name] for name in CHOICE_FIELDS if name != "correct_role"}
        values["correct_role"] = roles[spec["correct_role"]] if spec["correct_role"] else None
        values["sort_order"] = order
        choice = existing.pop(spec["code"], None)
        if choice is None:
            Choice.objects.create(question=question, code=spec["code"], **values)
        elif _assign(choice, values):
            choice.save()
    for leftover in existing.values():
        leftover.delete()


def _sync_questions(quiz, specs, roles):
    """Bring the quiz's questions in line with `specs`; True if anything was written."""
    wanted = [_question_spec(spec) for spec in specs]
    if [_question_state(question) for question in _ordered_questions(quiz)] == wanted:
        return False
    existing = {question.code: question for question in _ordered_questions(quiz)}
    for order, spec in enumerate(wanted):
        values = {name: spec[name] for name in QUESTION_FIELDS}
        values["sort_order"] = order
        question = existing.pop(spec["code"], None)
        if question is None:
            question = Question.objects.create(quiz=quiz, code=spec["code"], **values)
        elif _assign(question, values):
            question.save()
        if _question_state(question)["choices"] != spec["choices"]:
            _sync_choices(question, spec["choices"], roles)
    # Answers to a removed question keep its code (Answer.question is SET_NULL).
    for leftover in existing.values():
        leftover.delete()
    return True


def _upsert_quiz(spec, *, course, roles):
    values = {name: spec[name] for name in QUIZ_FIELDS}
    values["course"] = course
    quiz = Quiz.objects.filter(slug=spec["slug"]).first()
    if quiz is None:
        quiz = Quiz(slug=spec["slug"], **values)
        quiz.save()
        _sync_questions(quiz, spec["questions"], roles)
        return quiz
    fields_changed = _assign(quiz, values)
    questions_changed = _sync_questions(quiz, spec["questions"], roles)
    if fields_changed or questions_changed:
        # Attempts record the revision they started on, so an edited quiz is recognised.
        quiz.revision += 1
        quiz.save()
    return quiz


def _has_quiz_block(stream, quiz):
    return any(
        block.get("type") == "quiz" and (block.get("value") or {}).get("quiz") == quiz.pk
        for block in stream.raw_data
    )


def embed_in_lesson(*, quiz, course, lesson_slug):
    """Append a quiz block to the lesson's English and French bodies unless already there."""
    lesson = LessonPage.objects.child_of(course).filter(slug_en=lesson_slug).first()
    if lesson is None:
        raise LookupError(f"No lesson {lesson_slug!r} in course {course.slug_en!r}.")
    fields = {}
    for name in ("body_en", "body_fr"):
        stream = getattr(lesson, name)
        if not _has_quiz_block(stream, quiz):
            block = {"type": "quiz", "value": {"quiz": quiz.pk, "required": False}}
            fields[name] = [*stream.raw_data, block]
    if fields:
        page_upsert(parent=course, model=LessonPage, slug_en=lesson_slug, fields=fields)
    return lesson


@transaction.atomic
def seed_demo_quizzes(*, courses_by_audience):
    """Create or update the demo quizzes; returns them in the JSON's order.

    `courses_by_audience` maps "settlement_workers" and "sponsors" to their CoursePage.
    """
    roles = ensure_roles()
    specs = load_quizzes()
    quizzes = []
    for spec in specs:
        course = courses_by_audience.get(spec["course"])
        if course is None:
            raise LookupError(f"No course given for audience {spec['course']!r}.")
        quizzes.append(_upsert_quiz(spec, course=course, roles=roles))
    for spec, quiz in zip(specs, quizzes, strict=True):
        if spec.get("lesson"):
            embed_in_lesson(
                quiz=quiz,
                course=courses_by_audience[spec["course"]],
                lesson_slug=spec["lesson"],
            )
    return quizzes
