"""The learner's privacy pages: what we hold, a download of it, and deleting the account."""

import json

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from ..forms import DeleteAccountForm
from ..models import Profile
from ..privacy import account_export
from ..privacy_services import account_erase


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
