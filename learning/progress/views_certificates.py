"""Certificates: the learner's PDF download, and the public page that confirms one is genuine."""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from learning.documents import format_date

from .certificates import display_code, issued_on, render_certificate_pdf
from .models import Certificate
from .services import certificate_name_fill

# Longer than any code we issue (16) or store (32), with room for the dashes people type.
MAX_CODE_INPUT = 64
# Spaces, hyphens and the dashes word processors substitute for them.
CODE_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212]+")


def normalise_code(raw):
    """What a person typed or pasted (" abcd-efgh … ") as a stored code ("ABCDEFGH…")."""
    return CODE_SEPARATORS.sub("", (raw or "")[:MAX_CODE_INPUT]).upper()


def _noindex(response):
    # The verification pages name a person: keep them out of search engines.
    response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
@login_required
def certificate_pdf(request, code):
    # Only the owner's own certificates are looked at: anyone else gets the same 404 as for a
    # code that does not exist, so the download does not reveal which codes are real.
    certificate = (
        Certificate.objects.filter(code=normalise_code(code), enrolment__user=request.user)
        .select_related("enrolment")
        .first()
    )
    if certificate is None:
        raise Http404
    if not certificate.learner_name.strip():
        certificate = certificate_name_fill(certificate=certificate, user=request.user)
    if not certificate.learner_name.strip():
        messages.warning(
            request,
            _(
                "Add your name to your profile as it should appear on your certificate, "
                "then download the certificate again."
            ),
        )
        return redirect(reverse("profile"))
    verify_url = request.build_absolute_uri(
        reverse("verify_certificate", kwargs={"code": certificate.code})
    )
    pdf = render_certificate_pdf(certificate, verify_url=verify_url, language=get_language())
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="psr-learn-certificate-{certificate.code}.pdf"'
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def verify_index(request):
    """The form to type a code in; submitting it (GET ?code=…) goes to that code's page."""
    raw = request.GET.get("code", "")
    code = normalise_code(raw)
    if code:
        return redirect(reverse("verify_certificate", kwargs={"code": code}))
    return _noindex(render(request, "learning/verify_index.html", {"code": raw}))


@require_GET
def verify(request, code):
    """Public: confirms a certificate, showing only what is printed on it."""
    normalised = normalise_code(code)
    certificate = None
    if normalised:  # "-" or spaces alone normalise to nothing, which cannot match.
        certificate = (
            Certificate.objects.filter(code=normalised)
            .only("code", "learner_name", "course_title_en", "course_title_fr", "issued_at")
            .first()
        )
    if certificate is None:
        response = render(
            request,
            "learning/verify_certificate.html",
            {"certificate": None, "code": code[:MAX_CODE_INPUT]},
            status=404,
        )
        return _noindex(response)
    language = get_language() or "en"
    french = language.startswith("fr")
    issued = issued_on(certificate)
    context = {
        "certificate": certificate,
        # As printed on the certificate, in groups of four (issue 14: the page showed it
        # without the dashes, so a reader comparing the two saw different codes).
        "code": display_code(certificate.code),
        # Only what the certificate itself says: name, course, date. Nothing else about the
        # learner (email, other courses, cohort, scores) is read or shown.
        "learner_name": certificate.learner_name,
        "course_title": (
            (certificate.course_title_fr if french else "") or certificate.course_title_en
        ),
        "issued_on": issued,
        "issued_on_text": format_date(issued, "fr" if french else "en"),
    }
    return _noindex(render(request, "learning/verify_certificate.html", context))
