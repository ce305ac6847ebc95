"""Taking a quiz with plain form posts; the page's JavaScript only adds background autosave."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from content.models import CoursePage

from . import extensions
from .definitions import quiz_with_questions
from .forms import answers_from_post
from .models import AssignmentRole, FeedbackTiming, QuestionKind
from .selectors import (
    answer_key_shown,
    feedback_due,
    lesson_embedding,
    ordered_choices,
    quiz_grade,
)
from .services import (
    QuizError,
    answers_save,
    attempt_for_user,
    attempt_start,
    attempt_submit,
    quiz_is_answerable,
)


def _quiz_or_404(slug):
    quiz = quiz_with_questions(slug=slug)
    if quiz is None:
        raise Http404
    return quiz


def _error_page(request, error, *, quiz=None):
    return render(
        request,
        "quizzes/quiz_error.html",
        {"error": error, "quiz": quiz},
        status=error.status,
    )


@require_GET
def quiz_detail(request, slug):
    quiz = _quiz_or_404(slug)
    grade = quiz_grade(quiz=quiz, user=request.user) if request.user.is_authenticated else None
    return render(
        request,
        "quizzes/quiz.html",
        {"quiz": quiz, "grade": grade, "unanswerable": not quiz_is_answerable(quiz)},
    )


@require_POST
@login_required
def quiz_start(request, slug):
    quiz = _quiz_or_404(slug)
    try:
        attempt = attempt_start(quiz=quiz, user=request.user, language=get_language())
    except QuizError as error:
        return _error_page(request, error, quiz=quiz)
    return redirect("quiz_attempt", attempt_id=attempt.pk)


def _attempt_context(attempt, quiz, *, errors=None, values=None, removed=None):
    stored = {answer.question_id: answer for answer in attempt.answers.all()}
    show_feedback = quiz.feedback_timing == FeedbackTiming.IMMEDIATE
    questions = []
    for number, question in enumerate(quiz.questions.all(), start=1):
        answer = stored.get(question.pk)
        questions.append(
            {
                "number": number,
                "question": question,
                "choices": ordered_choices(question, attempt=attempt, shuffle=quiz.shuffle_choices),
                "answer": answer,
                "posted": (values or {}).get(question.pk),
                "error": (errors or {}).get(question.pk),
                "feedback": (
                    show_feedback
                    and question.is_scored
                    and feedback_due(question=question, answer=answer)
                ),
            }
        )
    return {
        "quiz": quiz,
        "attempt": attempt,
        "questions": questions,
        "roles": _roles(),
        "kinds": QuestionKind,
        "removed": removed or [],
        "api_config": {
            "answerUrl": f"/api/v1/attempts/{attempt.pk}/answers/",
            "saved": _("Saved"),
            "retrying": _("Not saved yet — retrying…"),
            "saving": _("Saving…"),
            "failed": _("Not saved: check your connection. Your answer is kept on this page."),
        },
    }


def _roles():
    return list(AssignmentRole.objects.all())


@require_http_methods(["GET", "POST"])
@login_required
def attempt_page(request, attempt_id):
    try:
        attempt = attempt_for_user(attempt_id=attempt_id, user=request.user)
    except QuizError as error:
        return _error_page(request, error)
    quiz = quiz_with_questions(quiz_id=attempt.quiz_id)
    if attempt.is_submitted:
        return redirect("quiz_result", attempt_id=attempt.pk)
    if request.method == "GET":
        return render(request, "quizzes/attempt.html", _attempt_context(attempt, quiz))

    values, removed = answers_from_post(request.POST, quiz=quiz)
    if removed:
        # The trainer changed the quiz while this page was open: say which answers could
        # not be kept, and show the current questions, instead of dropping them silently.
        messages.warning(
            request,
            _(
                "This quiz changed while you were answering: %(count)d of your answers were "
                "for questions that no longer exist and were not kept. Check the questions "
                "below."
            )
            % {"count": len(removed)},
        )
    try:
        answers_save(attempt=attempt, answers=values)
    except QuizError as error:
        if error.code == "attempt_submitted":
            messages.info(request, _("This attempt was already submitted; here is its result."))
            return redirect("quiz_result", attempt_id=attempt.pk)
        context = _attempt_context(attempt, quiz, errors=error.details, values=values)
        context["form_error"] = error.message
        return render(request, "quizzes/attempt.html", context, status=error.status)
    if "submit" not in request.POST:
        messages.success(request, _("Your answers are saved. You can come back to them later."))
        return redirect(reverse("quiz_attempt", args=[attempt.pk]) + "#questions")
    try:
        result = attempt_submit(attempt=attempt, user=request.user)
    except QuizError as error:
        context = _attempt_context(attempt, quiz, errors=error.details)
        context["form_error"] = error.message
        return render(request, "quizzes/attempt.html", context, status=error.status)
    if result.already_submitted:
        messages.info(request, _("This attempt was already submitted; here is its result."))
    return redirect("quiz_result", attempt_id=attempt.pk)


@require_GET
@login_required
def attempt_result(request, attempt_id):
    try:
        attempt = attempt_for_user(attempt_id=attempt_id, user=request.user)
    except QuizError as error:
        return _error_page(request, error)
    if not attempt.is_submitted:
        return redirect("quiz_attempt", attempt_id=attempt.pk)
    quiz = quiz_with_questions(quiz_id=attempt.quiz_id)
    answers = {answer.question_id: answer for answer in attempt.answers.all()}
    # The quiz's feedback setting says whether the right answers show (issue 14): "never" (the
    # pre-tests) shows the learner's own answers only, so nothing of the key is given away;
    # "after submit" says right or not, and shows the key once it can no longer be used.
    show_feedback = quiz.feedback_timing != FeedbackTiming.NEVER
    grade = quiz_grade(quiz=quiz, user=request.user)
    show_key = answer_key_shown(quiz=quiz, grade=grade)
    roles = {role.code: role for role in _roles()}
    rows = []
    for question in quiz.questions.all():
        answer = answers.get(question.pk)
        choices = list(question.choices.all())
        rows.append(
            {
                "question": question,
                "answer": answer,
                "choices": choices,
                "chosen": [
                    choice
                    for choice in choices
                    if answer is not None
                    and (choice.code == answer.choice_code or choice.code in answer.choice_codes)
                ],
                "tasks": _assigned_tasks(question, answer, choices, roles),
            }
        )
    # Where to go from here (issue 14): the lesson that shows the quiz, the course, and the next
    # step of its path. Read here, not through the quiz: the quiz is this process's shared copy
    # (definitions.py).
    lesson = lesson_embedding(quiz=quiz)
    course_id = quiz.course_id or (lesson.get_parent().pk if lesson is not None else None)
    course = CoursePage.objects.live().filter(pk=course_id).first() if course_id else None
    next_step = extensions.next_step(user=request.user, course=course) if course else None
    if next_step and (
        next_step[0] == reverse("quiz_detail", args=[quiz.slug])  # "Try again" says it already
        or (lesson is not None and next_step[0] == lesson.url)  # so does the way back
    ):
        next_step = None
    return render(
        request,
        "quizzes/result.html",
        {
            "quiz": quiz,
            "attempt": attempt,
            "rows": rows,
            "show_feedback": show_feedback,
            "show_key": show_key,
            "grade": grade,
            "course": course,
            "lesson": lesson,
            "next_step": next_step,
            "roles": roles,
        },
    )


def _assigned_tasks(question, answer, choices, roles):
    """A role assignment's tasks, each with the role the learner gave it and the right one."""
    if question.kind != QuestionKind.ROLE_ASSIGNMENT:
        return []
    assignments = (answer.assignments or {}) if answer is not None else {}
    tasks = []
    for choice in choices:
        chosen = roles.get(assignments.get(choice.code))
        tasks.append(
            {
                "label": choice.label,
                "chosen": chosen,
                "correct": choice.correct_role,
                "is_right": chosen is not None and chosen.pk == choice.correct_role_id,
            }
        )
    return tasks
