import base64
import datetime
import re
import zlib
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.contrib import messages
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation

from learning.documents import format_date, latin1_safe
from learning.people.services import enrolment_create
from learning.progress.certificates import render_certificate_pdf
from learning.progress.models import Certificate
from learning.progress.services import lesson_complete
from tests.learning.factories import CohortFactory, UserFactory

pytestmark = pytest.mark.django_db

ISSUED_AT = datetime.datetime(2026, 11, 23, 15, 30, tzinfo=ZoneInfo("America/Toronto"))


# --- helpers ------------------------------------------------------------------------------


def complete_course(user, lessons, *, cohort=None):
    """Enrol and finish every lesson through the real services, as a learner would."""
    course = lessons[0].get_parent().specific
    enrolment_create(user=user, course=course, cohort=cohort)
    for lesson in lessons:
        lesson_complete(user=user, lesson=lesson)
    certificate = Certificate.objects.get(enrolment__user=user, enrolment__course=course)
    # A fixed date, so the written-out dates can be checked.
    Certificate.objects.filter(pk=certificate.pk).update(issued_at=ISSUED_AT)
    certificate.refresh_from_db()
    return certificate


def _unescape_pdf_string(raw):
    escapes = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}

    def replace(match):
        token = match.group(1)
        if token[:1].isdigit():
            return bytes([int(token, 8)])
        return escapes.get(token, token)

    return re.sub(rb"\\([0-7]{1,3}|.)", replace, raw, flags=re.DOTALL)


def pdf_text(data):
    """The text drawn on the pages: string operands of the content streams, decoded.

    Only content streams are read, never the document's metadata, so a name found here is one
    printed on the page. (pypdf is not installed; reportlab writes simple streams.)
    """
    strings = []
    for body in re.findall(rb"\d+ 0 obj\s*(.*?)endobj", data, flags=re.DOTALL):
        match = re.match(rb"(<<.*?>>)\s*stream\r?\n(.*?)(?:\r?\n)?endstream", body, flags=re.DOTALL)
        if not match:
            continue
        header, stream = match.groups()
        if b"/Subtype /Image" in header or b"/FontFile" in header:
            continue
        if b"ASCII85Decode" in header:
            stream = base64.a85decode(stream.strip().removesuffix(b"~>"))
        if b"FlateDecode" in header:
            stream = zlib.decompress(stream)
        for raw in re.findall(rb"\(((?:\\.|[^\\)])*)\)", stream, flags=re.DOTALL):
            strings.append(_unescape_pdf_string(raw).decode("cp1252"))
    return re.sub(r"\s+", " ", " ".join(strings).replace("\xa0", " "))


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def pdf_url(certificate, language="en"):
    with translation.override(language):
        return reverse("certificate_pdf", kwargs={"code": certificate.code})


def verify_url(code, language="en"):
    with translation.override(language):
        return reverse("verify_certificate", kwargs={"code": code})


@pytest.fixture
def learner():
    return UserFactory(first_name="Amina", last_name="Côté-Haddad")


# --- issuing ------------------------------------------------------------------------------


def test_completing_every_lesson_issues_exactly_one_certificate(learner, lessons):
    course = lessons[0].get_parent().specific
    enrolment, _created = enrolment_create(user=learner, course=course)
    for lesson in lessons[:-1]:
        lesson_complete(user=learner, lesson=lesson)
    assert not Certificate.objects.filter(enrolment=enrolment).exists()

    lesson_complete(user=learner, lesson=lessons[-1])
    certificate = Certificate.objects.get(enrolment=enrolment)
    assert certificate.learner_name == "Amina Côté-Haddad"
    assert certificate.course_title_en == "Working with sponsors"
    assert certificate.course_title_fr == "Travailler avec les répondants"
    assert len(certificate.code) == 16

    # Completing lessons again changes nothing: same single certificate, same code.
    for lesson in lessons:
        lesson_complete(user=learner, lesson=lesson)
    assert Certificate.objects.filter(enrolment__user=learner).count() == 1
    assert Certificate.objects.get(enrolment=enrolment).code == certificate.code


# --- rendering ----------------------------------------------------------------------------


def test_pdf_is_bilingual_whatever_the_language(learner, lessons):
    certificate = complete_course(learner, lessons)
    url = "https://learn.example.ca/en/verify/" + certificate.code + "/"
    for language in ("en", "fr"):
        data = render_certificate_pdf(
            certificate, verify_url=url, language=language, compress=False, invariant=True
        )
        assert data.startswith(b"%PDF")
        text = pdf_text(data)
        for expected in (
            "Certificate of completion",
            "Attestation de réussite",
            "PSR Learn",
            "Amina Côté-Haddad",
            "Working with sponsors",
            "Travailler avec les répondants",
            "Issued on November 23, 2026",
            "Délivrée le 23 novembre 2026",
            url,
        ):
            assert expected in text, (language, expected)
        # The code is printed in groups of four, easier to read aloud.
        code = certificate.code
        assert f"{code[:4]}-{code[4:8]}-{code[8:12]}-{code[12:]}" in text
        # Metadata: title, author and the document's language.
        assert b"/Author (PSR Learn)" in data
        assert b"/Title (" in data
        assert f"/Lang ({language}-CA)".encode() in data


def test_pdf_output_is_reproducible_for_tests(learner, lessons):
    certificate = complete_course(learner, lessons)
    first, second = (
        render_certificate_pdf(certificate, verify_url="https://x.test/", invariant=True)
        for _ in range(2)
    )
    assert first == second


def test_pdf_wraps_a_long_course_title_and_keeps_accents(learner, lessons):
    certificate = complete_course(learner, lessons)
    certificate.learner_name = "Élodie François-Gagné à Nguyễn Łukasz"
    certificate.course_title_en = (
        "Working with sponsors: a complete guide to responsibilities, the settlement plan, "
        "the first year of sponsorship, intentional connection and financial support"
    )
    certificate.course_title_fr = (
        "Travailler avec les répondants : guide complet des responsabilités, du plan "
        "d’établissement, de la première année de parrainage et du soutien financier"
    )
    text = pdf_text(
        render_certificate_pdf(
            certificate, verify_url="https://x.test/", compress=False, invariant=True
        )
    )
    # Latin-1 accents print as they are; letters Helvetica lacks fall back to their base.
    assert "Élodie François-Gagné à Nguyên Lukasz" in text
    # Wrapped over several lines, every word still printed, in order.
    assert re.sub(r"\s+", " ", certificate.course_title_en) in text
    assert certificate.course_title_fr in text


def test_dates_and_names_helpers():
    assert format_date(datetime.date(2026, 11, 23), "en") == "November 23, 2026"
    assert format_date(datetime.date(2026, 11, 23), "fr") == "23 novembre 2026"
    assert format_date(datetime.date(2026, 8, 1), "fr") == "1er août 2026"
    assert latin1_safe("Zoë Bélanger-Ça") == "Zoë Bélanger-Ça"
    assert latin1_safe("Nguyễn Łukasz Şahin") == "Nguyên Lukasz Sahin"


# --- download -----------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "fr"])
def test_owner_downloads_their_certificate(client, learner, lessons, language):
    certificate = complete_course(learner, lessons)
    client.force_login(learner)

    response = client.get(pdf_url(certificate, language))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="psr-learn-certificate-{certificate.code}.pdf"'
    )
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    assert "Amina Côté-Haddad" in text
    assert "Working with sponsors" in text
    assert "Travailler avec les répondants" in text
    # The absolute verification address, in the language of the download.
    assert f"http://testserver/{language}/verify/{certificate.code}/" in text


def test_another_learner_or_staff_gets_404(client, learner, lessons):
    certificate = complete_course(learner, lessons)
    other = UserFactory()
    complete_course(other, lessons)  # has a certificate of their own for the same course
    staff = UserFactory(is_staff=True, is_superuser=True)

    for user in (other, staff):
        client.force_login(user)
        assert client.get(pdf_url(certificate)).status_code == 404
    # Exactly what an unknown code answers: nothing tells the code exists.
    assert client.get("/en/learning/certificates/ABCDEFGHJKMNPQRS.pdf").status_code == 404


def test_anonymous_is_sent_to_log_in(client, learner, lessons):
    certificate = complete_course(learner, lessons)
    url = pdf_url(certificate)

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "next=" in response["Location"]


def test_blank_name_redirects_to_profile_with_a_warning(client, lessons):
    learner = UserFactory(first_name="", last_name="")
    certificate = complete_course(learner, lessons)
    assert certificate.learner_name == ""
    client.force_login(learner)

    response = client.get(pdf_url(certificate))

    assert response.status_code == 302
    assert response["Location"] == reverse("profile")
    warnings = [m for m in get_messages(response.wsgi_request) if m.level == messages.WARNING]
    assert len(warnings) == 1
    assert "name" in str(warnings[0])
    assert "certificate" in str(warnings[0])

    # Once the learner gives a name, the certificate takes it and downloads.
    learner.first_name, learner.last_name = "Amina", "Côté-Haddad"
    learner.save()
    response = client.get(pdf_url(certificate))
    assert response.status_code == 200
    certificate.refresh_from_db()
    assert certificate.learner_name == "Amina Côté-Haddad"
    assert "Amina Côté-Haddad" in pdf_text(response.content)


# --- public verification ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "title", "other_title", "date"),
    [
        ("en", "Working with sponsors", "Travailler avec les répondants", "November 23, 2026"),
        ("fr", "Travailler avec les répondants", "Working with sponsors", "23 novembre 2026"),
    ],
)
def test_verify_page_shows_only_what_the_certificate_says(
    client, learner, lessons, language, title, other_title, date
):
    course = lessons[0].get_parent().specific
    cohort = CohortFactory(course=course, name="Ottawa spring session")
    certificate = complete_course(learner, lessons, cohort=cohort)

    response = client.get(verify_url(certificate.code, language))

    assert response.status_code == 200
    page = soup(response)
    assert page.html["lang"] == language
    assert len(page.find_all("h1")) == 1
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    details = page.select_one("dl").get_text(" ", strip=True)
    assert "Amina Côté-Haddad" in details
    assert title in details
    assert date in details
    assert page.select_one("time")["datetime"] == "2026-11-23"
    html = response.content.decode()
    assert other_title not in html
    assert learner.email not in html
    assert learner.username not in html
    assert "Ottawa spring session" not in html


def test_unknown_code_is_a_404_with_a_form_to_try_again(client, learner, lessons):
    complete_course(learner, lessons)

    response = client.get(verify_url("NOPE2345"))

    assert response.status_code == 404
    page = soup(response)
    assert len(page.find_all("h1")) == 1
    assert page.h1.get_text(strip=True) == "Certificate not found"
    assert "No certificate matches the code “NOPE2345”" in page.get_text(" ", strip=True)
    assert "Amina" not in response.content.decode()
    form = page.select_one("main form")
    assert form["method"] == "get"
    assert form["action"] == reverse("verify_index")
    field = form.select_one("input[name=code]")
    assert page.select_one(f'label[for="{field["id"]}"]') is not None
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"


@pytest.mark.parametrize("typed", ["lower", "dashed", "spaced"])
def test_verify_accepts_codes_as_people_type_them(client, learner, lessons, typed):
    certificate = complete_course(learner, lessons)
    code = certificate.code
    variants = {
        "lower": code.lower(),
        "dashed": f"{code[:4]}-{code[4:8]}-{code[8:12]}-{code[12:]}".lower(),
        "spaced": f" {code[:8]} {code[8:]} ",
    }

    response = client.get(verify_url(variants[typed]))

    assert response.status_code == 200
    assert "Amina Côté-Haddad" in soup(response).select_one("dl").get_text()


def test_verify_index_redirects_to_the_code(client, learner, lessons):
    certificate = complete_course(learner, lessons)
    dashed = f"{certificate.code[:4]}-{certificate.code[4:]}".lower()

    response = client.get(reverse("verify_index"), {"code": dashed})

    assert response.status_code == 302
    assert response["Location"] == verify_url(certificate.code)
    assert client.get(response["Location"]).status_code == 200


def test_verify_index_without_a_code_shows_the_form(client):
    for query in ({}, {"code": " - "}):
        response = client.get("/fr/verify/", query)
        assert response.status_code == 200
        page = soup(response)
        assert len(page.find_all("h1")) == 1
        field = page.select_one("main form input[name=code]")
        assert page.select_one(f'label[for="{field["id"]}"]') is not None
        assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
