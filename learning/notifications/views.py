"""The page a reminder's "turn reminders off" link opens: no sign-in needed (issue 15).

Opening the link changes nothing (mail scanners open links); the button on the page does, with
Django's CSRF check like every other form."""

from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from learning.people.services import profile_update

from .tokens import user_for_token


@never_cache
@require_http_methods(["GET", "POST"])
def reminders_off(request, token):
    user = user_for_token(token)
    if user is None:
        response = render(request, "learning/reminders_off.html", {"invalid": True})
        response.status_code = 404
        return response
    profile = getattr(user, "profile", None)
    done = False
    if request.method == "POST":
        profile_update(user=user, reminders=False)
        done = True
    response = render(
        request,
        "learning/reminders_off.html",
        {"done": done, "already_off": profile is not None and not profile.reminders},
    )
    response["Referrer-Policy"] = "no-referrer"  # the token stays out of other sites' logs
    return response
