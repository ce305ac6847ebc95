"""Reading a plain (no JavaScript) quiz form post into {question id: raw value}."""

from .models import QuestionKind

PREFIX = "q"


def field_name(question_id, task_code=None):
    if task_code is None:
        return f"{PREFIX}{question_id}"
    return f"{PREFIX}{question_id}-{task_code}"


def answers_from_post(data, *, quiz):
    """Values for the quiz's current questions, and the ids posted for questions now gone.

    Each question's inputs are named q<id> (and q<id>-<task code> for role assignment); a
    hidden `present` list names every question the page showed, so a cleared answer is told
    apart from a question that was not on the page.
    """
    questions = {question.pk: question for question in quiz.questions.all()}
    shown = set()
    for raw in data.getlist("present"):
        try:
            shown.add(int(raw))
        except ValueError:
            continue
    values = {}
    for question_id in shown & set(questions):
        question = questions[question_id]
        name = field_name(question_id)
        if question.kind == QuestionKind.MULTIPLE:
            values[question_id] = data.getlist(name)
        elif question.kind == QuestionKind.ROLE_ASSIGNMENT:
            values[question_id] = {
                choice.code: data.get(field_name(question_id, choice.code), "")
                for choice in question.choices.all()
            }
        else:
            values[question_id] = data.get(name, "")
    removed = sorted(shown - set(questions))
    return values, removed
