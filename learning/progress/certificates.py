"""The certificate of completion as a PDF: one landscape Letter page, in English and French.

Pure rendering: reads a Certificate, writes nothing. The certificate's wording is fixed in both
official languages (it is not translated through gettext: both versions are always printed, in
the reader's language first).
"""

import io
from xml.sax.saxutils import escape

from django.utils import timezone
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import landscape, letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from learning.documents import (
    BRAND,
    BRAND_DARK,
    INK,
    LINE,
    MUTED,
    PROGRAM,
    SITE_NAME,
    format_date,
    latin1_safe,
)

# Everything printed on the certificate, in each language.
WORDING = {
    "en": {
        "title": "Certificate of completion",
        "certifies": "This certifies that",
        "completed": "has completed the course",
        "issued": "Issued on {date}",
        "code": "Verification code: {code}",
        "lang": "en-CA",
    },
    "fr": {
        "title": "Attestation de réussite",
        "certifies": "Nous attestons que",
        "completed": "a terminé le cours",
        "issued": "Délivrée le {date}",
        # Canadian French puts a non-breaking space before the colon.
        "code": "Code de vérification\u00a0: {code}",
        "lang": "fr-CA",
    },
}
PAGE_WIDTH, PAGE_HEIGHT = landscape(letter)
MARGIN = 72
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN
COLUMN_GAP = 36
COLUMN_WIDTH = (CONTENT_WIDTH - COLUMN_GAP) / 2
COLUMN_SPACING = 10


def issued_on(certificate):
    """The date the certificate was issued, in the site's time zone (Toronto)."""
    return timezone.localtime(certificate.issued_at or timezone.now()).date()


def display_code(code):
    """ABCDEFGHJKMNPQRS → ABCD-EFGH-JKMN-PQRS: easier to read aloud; verification ignores dashes."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def _style(name, *, font="Helvetica", size=12, color=INK, leading=None):
    return ParagraphStyle(
        name,
        fontName=font,
        fontSize=size,
        leading=leading or size * 1.25,
        textColor=color,
        alignment=TA_CENTER,
    )


def _fitted(text, style, width, max_height, min_size=9):
    """A centred paragraph, its type shrunk step by step until it fits `max_height`."""
    markup = escape(latin1_safe(text))
    size = style.fontSize
    while True:
        fitted = ParagraphStyle(f"{style.name}-{size}", parent=style, fontSize=size)
        fitted.leading = size * 1.22
        paragraph = Paragraph(markup, fitted)
        _width, height = paragraph.wrap(width, max_height)
        if height <= max_height or size <= min_size:
            return paragraph, height
        size -= 1


def _draw_top_down(canvas, paragraph, x, top, height):
    paragraph.drawOn(canvas, x, top - height)
    return top - height


def _border(canvas):
    canvas.setStrokeColor(BRAND)
    canvas.setLineWidth(3)
    canvas.rect(24, 24, PAGE_WIDTH - 48, PAGE_HEIGHT - 48)
    canvas.setStrokeColor(LINE)
    canvas.setLineWidth(0.75)
    canvas.rect(32, 32, PAGE_WIDTH - 64, PAGE_HEIGHT - 64)


def render_certificate_pdf(
    certificate, *, verify_url, language="en", compress=True, invariant=False
):
    """The certificate as PDF bytes.

    `verify_url` is the absolute address of its public verification page. `language` only
    decides which of the two languages comes first and the document's declared language.
    `compress=False` and `invariant=True` are for tests: readable, reproducible output.
    """
    first = "fr" if (language or "").startswith("fr") else "en"
    second = "en" if first == "fr" else "fr"
    order = (first, second)
    name = certificate.learner_name.strip()
    course_titles = {"en": certificate.course_title_en, "fr": certificate.course_title_fr}
    date = issued_on(certificate)
    code = display_code(certificate.code)

    buffer = io.BytesIO()
    canvas = Canvas(
        buffer,
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        pageCompression=1 if compress else 0,
        invariant=1 if invariant else 0,
        lang=WORDING[first]["lang"],
    )
    canvas.setTitle(
        f"{WORDING[first]['title']} / {WORDING[second]['title']} – {course_titles[first]}"
    )
    canvas.setAuthor(SITE_NAME)
    canvas.setCreator(SITE_NAME)
    canvas.setSubject(f"{name} – {course_titles['en']} / {course_titles['fr']}")
    canvas.setKeywords([SITE_NAME, "certificate", "attestation", certificate.code])

    _border(canvas)
    centre = PAGE_WIDTH / 2

    # Masthead: the site and the program, in both languages.
    canvas.setFillColor(BRAND)
    canvas.setFont("Helvetica-Bold", 14)
    canvas.drawCentredString(centre, PAGE_HEIGHT - 78, SITE_NAME, charSpace=1.5)
    canvas.setFillColor(MUTED)
    canvas.setFont("Helvetica", 9.5)
    canvas.drawCentredString(
        centre,
        PAGE_HEIGHT - 94,
        latin1_safe(f"{PROGRAM[first]} · {PROGRAM[second]}"),
    )

    # Title: both languages at the same size, as the official languages ask.
    canvas.setFillColor(BRAND_DARK)
    canvas.setFont("Helvetica-Bold", 26)
    canvas.drawCentredString(centre, PAGE_HEIGHT - 140, WORDING[first]["title"])
    canvas.drawCentredString(centre, PAGE_HEIGHT - 172, latin1_safe(WORDING[second]["title"]))

    canvas.setFillColor(MUTED)
    canvas.setFont("Helvetica-Oblique", 12)
    canvas.drawCentredString(
        centre,
        PAGE_HEIGHT - 208,
        f"{WORDING[first]['certifies']} · {WORDING[second]['certifies']}",
    )

    # The learner's name: large, shrunk to fit two lines at most.
    top = PAGE_HEIGHT - 218
    paragraph, height = _fitted(
        name, _style("name", font="Helvetica-Bold", size=30), CONTENT_WIDTH, 76, min_size=14
    )
    top = _draw_top_down(canvas, paragraph, MARGIN, top, height)
    canvas.setStrokeColor(BRAND)
    canvas.setLineWidth(1)
    canvas.line(centre - 170, top - 8, centre + 170, top - 8)

    # Side by side: what was completed and when, in each language, centred in the room left.
    area_top, area_bottom = top - 26, 140
    intro_style = _style("intro", size=12, color=MUTED)
    issued_style = _style("issued", size=12)
    course_style = _style("course", font="Helvetica-Bold", size=17)
    intros = {
        lang: _fitted(WORDING[lang]["completed"], intro_style, COLUMN_WIDTH, 20) for lang in order
    }
    issued = {
        lang: _fitted(
            WORDING[lang]["issued"].format(date=format_date(date, lang)),
            issued_style,
            COLUMN_WIDTH,
            20,
        )
        for lang in order
    }
    intro_height = max(height for _paragraph, height in intros.values())
    issued_height = max(height for _paragraph, height in issued.values())
    room = area_top - area_bottom - intro_height - issued_height - 2 * COLUMN_SPACING
    # Both titles at the same size: the size at which the longer one fits.
    size = min(
        _fitted(course_titles[lang], course_style, COLUMN_WIDTH, room)[0].style.fontSize
        for lang in order
    )
    course_style = ParagraphStyle("course-fitted", parent=course_style, fontSize=size)
    courses = {
        lang: _fitted(course_titles[lang], course_style, COLUMN_WIDTH, room, min_size=size)
        for lang in order
    }
    course_height = max(height for _paragraph, height in courses.values())
    block_height = intro_height + course_height + issued_height + 2 * COLUMN_SPACING
    block_top = area_top - max(0, (area_top - area_bottom - block_height) / 2)

    canvas.setStrokeColor(LINE)
    canvas.setLineWidth(0.75)
    canvas.line(centre, block_top + 4, centre, block_top - block_height - 4)
    for index, lang in enumerate(order):
        x = MARGIN + index * (COLUMN_WIDTH + COLUMN_GAP)
        intros[lang][0].drawOn(canvas, x, block_top - intro_height)
        y = block_top - intro_height - COLUMN_SPACING
        paragraph, height = courses[lang]
        # Titles hang from the same line; the dates share the line below the longer title.
        paragraph.drawOn(canvas, x, y - height)
        y -= course_height + COLUMN_SPACING
        issued[lang][0].drawOn(canvas, x, y - issued_height)

    # Verification: the code and where to check it.
    canvas.setFillColor(INK)
    canvas.setFont("Helvetica", 11)
    canvas.drawCentredString(
        centre,
        104,
        latin1_safe(
            f"{WORDING[first]['code'].format(code=code)}   ·   "
            f"{WORDING[second]['code'].format(code=code)}"
        ),
    )
    canvas.setFillColor(BRAND)
    canvas.setFont("Helvetica", 10)
    url = latin1_safe(verify_url)
    canvas.drawCentredString(centre, 84, url)
    url_width = canvas.stringWidth(url, "Helvetica", 10)
    canvas.linkURL(verify_url, (centre - url_width / 2, 80, centre + url_width / 2, 96), relative=0)

    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
