import datetime
import functools
import io
import re
import unicodedata
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.contrib import messages
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from learning.documents import format_date, latin1_safe
from learning.documents.unicode_fonts import FontsMissing, font_files, missing_fonts
from learning.people.services import enrolment_create
from learning.progress.certificates import display_code, render_certificate_pdf, text_direction
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


def pdf_text(data):
    """The text drawn on the page, as a reader's copy and paste gets it (pypdf reads the fonts'
    ToUnicode maps), whitespace collapsed. Only the page is read, never the metadata, so a name
    found here is one printed on the page."""
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return re.sub(r"\s+", " ", text.replace("\xa0", " "))


def pdf_lines(data):
    return [
        line.strip() for line in PdfReader(io.BytesIO(data)).pages[0].extract_text().split("\n")
    ]


def _to_unicode(font):
    """{glyph id: text} from a PDF font's ToUnicode CMap (bfchar entries and plain ranges)."""
    cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1")
    mapping = {}

    def text(hex_string):
        return bytes.fromhex(hex_string).decode("utf-16-be")

    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, flags=re.DOTALL):
        for gid, target in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>", block):
            mapping[int(gid, 16)] = text(target)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, flags=re.DOTALL):
        for low, high, target in re.findall(
            r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block
        ):
            first = int(target, 16)
            for offset in range(int(high, 16) - int(low, 16) + 1):
                mapping[int(low, 16) + offset] = chr(first + offset)
    return mapping


def _compact(name):
    return re.sub(r"[^0-9A-Za-z]", "", name).lower().removesuffix("regular")


@functools.cache
def _source_cmaps():
    """{compacted font name: characters the installed font file has a glyph for}."""
    return {_compact(path.stem): set(TTFont(path).getBestCmap()) for path in font_files()}


def pdf_fonts(data):
    """{font name without subset prefix: {glyph id: text}} for every font on the page."""
    page = PdfReader(io.BytesIO(data)).pages[0]
    fonts = {}
    for font in page["/Resources"]["/Font"].values():
        font = font.get_object()
        name = str(font["/BaseFont"]).lstrip("/").split("+", 1)[-1]
        fonts[name] = _to_unicode(font)
    return fonts


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
        metadata = PdfReader(io.BytesIO(data)).metadata
        assert metadata.author == "PSR Learn"
        first, second = (
            ("Attestation de réussite", "Certificate of completion")
            if language == "fr"
            else ("Certificate of completion", "Attestation de réussite")
        )
        assert metadata.title.startswith(f"{first} / {second} – ")
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
    # Every letter prints as written, Vietnamese and Polish ones too.
    assert "Élodie François-Gagné à Nguyễn Łukasz" in text
    # Wrapped over several lines, every word still printed, in order.
    assert re.sub(r"\s+", " ", certificate.course_title_en) in text
    assert certificate.course_title_fr in text


def test_dates_and_names_helpers():
    assert format_date(datetime.date(2026, 11, 23), "en") == "November 23, 2026"
    assert format_date(datetime.date(2026, 11, 23), "fr") == "23 novembre 2026"
    assert format_date(datetime.date(2026, 8, 1), "fr") == "1er août 2026"
    assert latin1_safe("Zoë Bélanger-Ça") == "Zoë Bélanger-Ça"
    assert latin1_safe("Nguyễn Łukasz Şahin") == "Nguyên Lukasz Sahin"


# --- names in every script --------------------------------------------------------------

NAMES = {
    "arabic": "فاطمة الزهراء",
    # Dari: Persian letters (پ, ی, ک) the Arabic alphabet has not.
    "dari": "پروین کریمی",
    # A zero-width non-joiner keeps ذبیح and الله apart without a space.
    "dari-zwnj": "ذبیح\u200cالله کریمی",
    "tigrinya": "ሚካኤል ተስፋይ",
    "somali": "Cabdi Xasan Maxamed",
    "vietnamese": "Nguyễn Thị Hương",
    "ukrainian": "Олександра Коваленко",
}


def _visible(text):
    """What a reader sees: NFKC (an extractor may give Arabic presentation forms, the same
    letters) and no format characters (zero-width joiners, direction marks: drawn as nothing,
    so no extractor can give them back)."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(char for char in text if unicodedata.category(char) != "Cf")


def test_the_fonts_for_every_script_are_installed():
    # Said plainly here rather than as boxes in the tests below.
    assert not missing_fonts(), (
        f"missing {missing_fonts()}: apt-get install fonts-noto-core (README, set-up)"
    )


@pytest.mark.parametrize("script", NAMES)
@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_name_prints_as_written(learner, lessons, script, language):
    assert not missing_fonts(), "apt-get install fonts-noto-core (README, set-up)"
    name = NAMES[script]
    certificate = complete_course(learner, lessons)
    certificate.learner_name = name

    data = render_certificate_pdf(
        certificate, verify_url="https://x.test/", language=language, invariant=True
    )

    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    # The name is a line of its own, right after "This certifies that · Nous attestons que".
    lines = pdf_lines(data)
    certifies = ["This certifies that", "Nous attestons que"][:: -1 if language == "fr" else 1]
    printed = lines[lines.index(" · ".join(certifies)) + 1]
    assert "?" not in printed
    expected = _visible(name)
    # Extractors give right-to-left text in logical order (pypdf does) or in drawn order.
    accepted = {expected, expected[::-1]} if script.startswith(("arabic", "dari")) else {expected}
    assert _visible(printed) in accepted, (printed, name)
    # The wording around it is untouched.
    text = pdf_text(data)
    assert "Certificate of completion" in text
    assert "Attestation de réussite" in text

    # No box and no stand-in: every glyph on the page comes from the certificate's own fonts,
    # is not .notdef (glyph 0), and stands for characters that font really has.
    fonts = pdf_fonts(data)
    sources = _source_cmaps()
    drawn = set()
    for font_name, glyphs in fonts.items():
        assert _compact(font_name) in sources, f"{font_name}: not one of the certificate's fonts"
        assert 0 not in glyphs, f"{font_name}: .notdef drawn for {glyphs[0]!r}"
        for text in glyphs.values():
            missing = {char for char in text if ord(char) not in sources[_compact(font_name)]}
            assert not missing, f"{font_name} drew a box for {missing}"
            drawn.update(text)
    assert set(_visible(name)) <= drawn
    # The scripts that need them come from their own fonts.
    if script.startswith(("arabic", "dari")):
        assert "Noto-Sans-Arabic-Bold" in fonts
    if script == "tigrinya":
        assert "Noto-Sans-Ethiopic-Bold" in fonts


def test_right_to_left_names_are_laid_out_right_to_left(learner, lessons):
    certificate = complete_course(learner, lessons)
    certificate.learner_name = "Fatima فاطمة"
    data = render_certificate_pdf(certificate, verify_url="https://x.test/", invariant=True)
    assert "Fatima فاطمة" in pdf_text(data)
    assert text_direction("فاطمة الزهراء") == "rtl"
    assert text_direction("Fatima فاطمة") == "ltr"
    assert text_direction("«ሚካኤል»") == "ltr"


def test_a_long_name_and_long_titles_stay_on_one_page(learner, lessons):
    certificate = complete_course(learner, lessons)
    certificate.learner_name = " ".join([NAMES["arabic"], NAMES["dari"]] * 4)
    certificate.course_title_en = "Working with sponsors: a complete guide " * 6
    certificate.course_title_fr = "Travailler avec les répondants : guide complet " * 6
    data = render_certificate_pdf(certificate, verify_url="https://x.test/", invariant=True)
    assert len(PdfReader(io.BytesIO(data)).pages) == 1
    assert "?" not in pdf_text(data)


def test_missing_fonts_are_an_error_not_boxes(learner, lessons, settings, tmp_path):
    certificate = complete_course(learner, lessons)
    settings.CERTIFICATE_FONT_DIR = str(tmp_path)
    with pytest.raises(FontsMissing, match="apt-get install fonts-noto-core"):
        render_certificate_pdf(certificate, verify_url="https://x.test/")


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
    # The code as the certificate prints it, in groups of four (issue 14).
    assert display_code(certificate.code) in details and "-" in display_code(certificate.code)
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
