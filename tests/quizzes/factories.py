"""Build quizzes in both languages. `make_quiz(questions=[...])` takes compact specs."""

import factory

from quizzes.models import AssignmentRole, Choice, Question, QuestionKind, Quiz, QuizKind

ROLES = {
    "sponsor": ("Sponsor", "Répondant"),
    "settlement_worker": ("Settlement worker", "Intervenant en établissement"),
    "shared": ("Shared", "Responsabilité partagée"),
    "newcomer": ("Newcomer", "Nouvel arrivant"),
}


def roles():
    for order, (code, (label_en, label_fr)) in enumerate(ROLES.items(), start=1):
        AssignmentRole.objects.get_or_create(
            code=code,
            defaults={
                "label": label_en,
                "label_en": label_en,
                "label_fr": label_fr,
                "sort_order": order,
            },
        )
    return {role.code: role for role in AssignmentRole.objects.all()}


class QuizFactory(factory.django.DjangoModelFactory):
    title_en = factory.Sequence(lambda n: f"Roles check {n}")
    title_fr = factory.Sequence(lambda n: f"Vérification des rôles {n}")
    title = factory.SelfAttribute("title_en")
    slug = factory.Sequence(lambda n: f"roles-check-{n}")
    kind = QuizKind.POST_TEST
    pass_mark = 70

    class Meta:
        model = Quiz


def single(code="who-pays", correct="sponsor", others=("agency", "ircc"), points=1):
    return {
        "code": code,
        "kind": QuestionKind.SINGLE,
        "points": points,
        "choices": [(correct, True)] + [(o, False) for o in others],
    }


def multiple(
    code="services", correct=("language", "employment"), wrong=("rent",), partial=False, points=2
):
    return {
        "code": code,
        "kind": QuestionKind.MULTIPLE,
        "points": points,
        "partial_credit": partial,
        "choices": [(c, True) for c in correct] + [(w, False) for w in wrong],
    }


def true_false(code="meet-early", answer=True):
    return {
        "code": code,
        "kind": QuestionKind.TRUE_FALSE,
        "choices": [("true", answer), ("false", not answer)],
    }


def role_assignment(code="who-does-what", tasks=None, points=4):
    tasks = tasks or {
        "financial-support": "sponsor",
        "needs-assessment": "settlement_worker",
        "language-assessment": "settlement_worker",
        "housing": "shared",
    }
    return {"code": code, "kind": QuestionKind.ROLE_ASSIGNMENT, "points": points, "tasks": tasks}


def likert(code="helpful-refugee-needs"):
    return {
        "code": code,
        "kind": QuestionKind.LIKERT,
        "likert": [
            ("very-helpful", True, False),
            ("helpful", True, False),
            ("somewhat-helpful", False, False),
            ("not-helpful", False, False),
            ("not-applicable", False, True),
        ],
    }


def rating(code="communication-rating"):
    return {"code": code, "kind": QuestionKind.RATING}


def free_text(code="comments", max_length=500, required=False):
    return {
        "code": code,
        "kind": QuestionKind.FREE_TEXT,
        "max_length": max_length,
        "required": required,
    }


def make_quiz(questions, **quiz_fields):
    """Quiz, questions and choices; written in bulk so a 100-question quiz stays quick to build
    (row-by-row saves would re-index the whole quiz each time)."""
    quiz = QuizFactory(**quiz_fields)
    role_objects = roles()
    question_rows = Question.objects.bulk_create(
        Question(
            quiz=quiz,
            sort_order=order,
            code=spec["code"],
            kind=spec["kind"],
            text=f"Question {spec['code']}",
            text_en=f"Question {spec['code']}",
            text_fr=f"Question {spec['code']} (fr)",
            explanation=f"Because of {spec['code']}.",
            explanation_en=f"Because of {spec['code']}.",
            explanation_fr=f"À cause de {spec['code']}.",
            points=spec.get("points", 1),
            partial_credit=spec.get("partial_credit", False),
            required=spec.get("required", True),
            max_length=spec.get("max_length", 2000),
        )
        for order, spec in enumerate(questions)
    )
    choices = []
    for question, spec in zip(question_rows, questions, strict=True):
        for index, (code, correct) in enumerate(spec.get("choices", [])):
            choices.append(
                Choice(
                    question=question,
                    sort_order=index,
                    code=code,
                    label=code,
                    label_en=code.title(),
                    label_fr=f"{code} (fr)",
                    is_correct=correct,
                )
            )
        for index, (code, role) in enumerate(spec.get("tasks", {}).items()):
            choices.append(
                Choice(
                    question=question,
                    sort_order=index,
                    code=code,
                    label=code,
                    label_en=code,
                    label_fr=f"{code} (fr)",
                    correct_role=role_objects[role],
                )
            )
        for index, (code, favourable, na) in enumerate(spec.get("likert", [])):
            choices.append(
                Choice(
                    question=question,
                    sort_order=index,
                    code=code,
                    label=code,
                    label_en=code,
                    label_fr=f"{code} (fr)",
                    is_favourable=favourable,
                    is_not_applicable=na,
                )
            )
    Choice.objects.bulk_create(choices)
    return quiz


def questions_by_code(quiz):
    return {question.code: question for question in quiz.questions.all()}
