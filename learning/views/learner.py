from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from content.models import CoursePage, LessonPage

from ..forms import JoinCohortForm, ProfileForm
from ..selectors import my_learning as my_learning_selector
from ..services import (
    LearningError,
    cohort_for_code,
    cohort_join,
    enrolment_create,
    lesson_complete,
)


def _safe_next(request, fallback):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


@require_GET
@login_required
def my_learning(request):
    return render(
        request,
        "learning/my_learning.html",
        {"progress_list": my_learning_selector(user=request.user)},
    )


@require_POST
@login_required
def enrol(request, course_id):
    course = get_object_or_404(CoursePage.objects.live().public(), pk=course_id)
    try:
        _enrolment, created = enrolment_create(
            user=request.user, course=course, language=get_language()
        )
    except LearningError as error:
        messages.error(request, error.message)
        return redirect(course.get_url(request))
    if created:
        messages.success(request, _("You are enrolled. Welcome to the course!"))
    else:
        messages.info(request, _("You were already enrolled in this course."))
    return redirect(_safe_next(request, course.get_url(request)))


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
    return redirect(_safe_next(request, fallback))


@require_http_methods(["GET", "POST"])
@login_required
def profile(request):
    form = ProfileForm.for_user(
        request.user, data=request.POST if request.method == "POST" else None
    )
    if request.method == "POST" and form.is_valid():
        saved = form.save(request.user)
        messages.success(request, _("Your profile is saved."))
        # The interface follows the preferred language from now on.
        with translation.override(saved.preferred_language):
            return redirect(reverse("profile"))
    return render(request, "learning/profile.html", {"form": form})


@require_http_methods(["GET", "POST"])
@login_required
def join_cohort(request):
    form = JoinCohortForm(request.POST or None, initial={"code": request.GET.get("code", "")})
    if request.method == "POST" and form.is_valid():
        try:
            enrolment = cohort_join(
                user=request.user, code=form.cleaned_data["code"], language=get_language()
            )
        except LearningError as error:
            form.add_error("code", error.message)
        else:
            messages.success(
                request,
                _("You joined “%(cohort)s”. Your progress is now shared with your trainer.")
                % {"cohort": enrolment.cohort.name},
            )
            return redirect(enrolment.course.get_url(request))
    status = 400 if form.errors else 200
    return render(request, "learning/join_cohort.html", {"form": form}, status=status)


@require_GET
def join_link(request, code):
    """The link a trainer shares: shows the session and a button to join (joining is a POST)."""
    try:
        cohort = cohort_for_code(code=code)
    except LearningError as error:
        return render(
            request, "learning/join_link.html", {"error": error.message, "code": code}, status=404
        )
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), login_url=reverse("account_login"))
    return render(
        request,
        "learning/join_link.html",
        {"cohort": cohort, "form": JoinCohortForm(initial={"code": cohort.code})},
    )
