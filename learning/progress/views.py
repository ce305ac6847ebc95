"""Progress pages: My learning, completing a lesson, H5P results."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from content.h5p.models import H5PPackage
from content.h5p.results import H5PResultError, h5p_refusal_record
from content.h5p.views import body_too_large, json_error, signed_in
from content.models import LessonPage
from learning.inputs import InputError, database_id, parse_json
from learning.people.services import LearningError
from learning.people.views import safe_next_url

from .selectors import h5p_result_summary
from .selectors import my_learning as my_learning_selector
from .services import h5p_statement_record, lesson_complete


@require_GET
@login_required
def my_learning(request):
    return render(
        request,
        "learning/my_learning.html",
        {"progress_list": my_learning_selector(user=request.user, request=request)},
    )


@require_POST
@login_required
def complete_lesson(request, lesson_id):
    lesson = get_object_or_404(LessonPage.objects.live().public(), pk=lesson_id)
    try:
        enrolment = lesson_complete(user=request.user, lesson=lesson)
    except LearningError as error:
        messages.error(request, error.message)
        return redirect(lesson.get_url(request), permanent=False)
    if enrolment.completed_at:
        messages.success(request, _("Lesson complete. You have finished the course!"))
    else:
        messages.success(request, _("Lesson complete."))
    next_lesson = lesson.get_next_siblings().live().type(LessonPage).first()
    fallback = next_lesson.get_url(request) if next_lesson else lesson.get_url(request)
    return redirect(safe_next_url(request, fallback))


XAPI_MAX_BYTES = 64 * 1024


@require_http_methods(["POST"])
def h5p_xapi(request, package_id):
    """One xAPI statement from the player: JSON ``{"statement": {...}, "lesson": <id>}``.

    201 when a result was recorded, 204 when the statement was checked and carries nothing
    to record (another verb, no score, part of the activity), 400 when it is refused. The 201
    answer also says what the page shows without a reload (selectors.h5p_result_summary): the
    learner's best result, and whether the lesson is now complete with the next step.
    """
    if not signed_in(request):
        return json_error(_("Log in to save your progress."), status=403, code="login_required")
    package = get_object_or_404(H5PPackage, pk=package_id)
    if body_too_large(request, XAPI_MAX_BYTES):
        return json_error(
            _("This result is too large to be saved."), status=413, code="statement_too_large"
        )
    try:
        payload = parse_json(request.body)
    except InputError:
        payload = None
    if not isinstance(payload, dict):
        return json_error(_("The statement is not valid."), status=400, code="invalid_statement")
    lesson = None
    lesson_id = payload.get("lesson")
    if lesson_id is not None:
        lesson_id = database_id(lesson_id) if isinstance(lesson_id, int) else None
        if lesson_id is None:
            return json_error(_("That lesson does not exist."), status=400, code="unknown_lesson")
        lesson = LessonPage.objects.live().public().filter(pk=lesson_id).first()
        if lesson is None:
            return json_error(_("That lesson does not exist."), status=400, code="unknown_lesson")
    try:
        recorded = h5p_statement_record(
            user=request.user, package=package, statement=payload.get("statement"), lesson=lesson
        )
    except H5PResultError as error:
        # Recorded once the refused transaction is rolled back: trainers review these.
        h5p_refusal_record(
            user=request.user,
            package=package,
            statement=payload.get("statement"),
            error=error,
            lesson=lesson,
        )
        return json_error(error.message, status=error.status, code=error.code)
    if recorded.ignored:
        return HttpResponse(status=204)
    attempt = recorded.attempt
    summary = h5p_result_summary(
        user=request.user,
        package=package,
        lesson=lesson,
        lesson_completed=recorded.lesson_completed,
        request=request,
    )
    return JsonResponse(
        {
            "recorded": True,
            "score": str(recorded.result.raw),
            "max_score": str(recorded.result.max),
            "attempt": attempt.pk if attempt is not None else None,
            "passed": attempt.passed if attempt is not None else None,
            "lesson_completed": recorded.lesson_completed,
            **summary,
        },
        status=201,
    )
