"""Learner records' pages: profile, enrolment, joining a training session, privacy and data."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from content.models import CoursePage

from .forms import DeleteAccountForm, JoinCohortForm, ProfileForm
from .models import Cohort, Enrolment, Profile
from .privacy import account_export
from .schedule import calendar_filename
from .schedule import session_calendar as session_calendar_file
from .services import (
    LearningError,
    account_erase,
    cohort_for_code,
    cohort_join,
    enrolment_create,
)


def safe_next_url(request, fallback):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


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
    return redirect(safe_next_url(request, course.get_url(request)))


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
            if enrolment.cohort.is_event:
                joined = _(
                    "You joined “%(cohort)s”. Your path below leads to its evaluation survey."
                )
            else:
                joined = _(
                    "You joined “%(cohort)s”. Your progress is now shared with your trainer."
                )
            messages.success(request, joined % {"cohort": enrolment.cohort.name})
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


@require_GET
@login_required
def privacy(request):
    profile = Profile.objects.filter(user=request.user).first()
    return render(request, "learning/privacy.html", {"profile": profile})


@require_GET
@login_required
def export(request):
    data = account_export(user=request.user)
    filename = f"psr-learn-my-data-{timezone.localdate().isoformat()}.json"
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # Personal data: never kept by a shared cache or the browser's disk cache.
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
@login_required
@csrf_protect
@never_cache
def delete_account(request):
    form = DeleteAccountForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        account_erase(user=request.user)
        # The account no longer exists: end the session as logout() does, without the
        # user_logged_out signal, whose receivers would look up and log a deleted user.
        request.session.flush()
        request.user = AnonymousUser()
        return redirect("account_deleted")
    status = 400 if form.errors else 200
    return render(request, "learning/delete_account.html", {"form": form}, status=status)


@require_GET
def account_deleted(request):
    return render(request, "learning/account_deleted.html")


@require_GET
@login_required
def session_calendar(request, cohort_id):
    """The session's meetings and due dates as an .ics file: for its learners and its trainer
    only (anyone else gets the 404 an unknown session gets)."""
    cohort = get_object_or_404(Cohort.objects.select_related("course"), pk=cohort_id)
    user = request.user
    allowed = (
        user.is_superuser
        or cohort.trainer_id == user.pk
        or Enrolment.objects.filter(user=user, cohort=cohort).exists()
    )
    if not allowed:
        raise Http404
    course = cohort.course.specific
    body = session_calendar_file(
        cohort=cohort,
        language=get_language(),
        course_title=course.title,
        course_url=request.build_absolute_uri(course.get_url(request)),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{calendar_filename(cohort)}"'
    response["Cache-Control"] = "private, no-store"
    return response
