"""The certificate of completion as a PDF: one landscape Letter page, in English and French.

Pure rendering: reads a Certificate, writes nothing. The certificate's wording is fixed in both
official languages (it is not translated through gettext: both versions are always printed, in
the reader's language first).

Laid out by WeasyPrint (HTML and CSS through Pango and HarfBuzz), not reportlab: names are
printed as written, Arabic and Dari shaped and right to left, Tigrinya in Ge'ez script,
Vietnamese with its stacked accents, with the Noto fonts of learning.documents.unicode_fonts.
"""

import unicodedata

from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import CSS, HTML, URLFetcher
from weasyprint.text.fonts import FontConfiguration

from learning.documents import (
    BRAND,
    BRAND_DARK,
    INK,
    LINE,
    MUTED,
    PROGRAM,
    SITE_NAME,
    format_date,
)
from learning.documents.unicode_fonts import (
    check_fonts,
    font_face_css,
    font_family_css,
    font_files,
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
TEMPLATE = "learning/certificate_pdf.html"
PX = 0.75  # WeasyPrint measures in CSS pixels; the page is laid out in points.
# The name: at most two lines, from 30 pt down to 14 pt (line-height 1.3, in the template).
NAME_SIZE, NAME_MIN_SIZE, NAME_MAX_LINES, NAME_LINE_HEIGHT = 30, 14, 2, 1.3
# The course titles: both at the same size, from 17 pt down to 9 pt, above the code.
COURSE_SIZE, COURSE_MIN_SIZE = 17, 9
AREA_BOTTOM = 612 - 140  # points from the top: where the code's room begins
# Enough for any name and title: each try shrinks by an estimate, then by one point.
MAX_LAYOUTS = 12


def issued_on(certificate):
    """The date the certificate was issued, in the site's time zone (Toronto)."""
    return timezone.localtime(certificate.issued_at or timezone.now()).date()


def display_code(code):
    """ABCDEFGHJKMNPQRS → ABCD-EFGH-JKMN-PQRS: easier to read aloud; verification ignores dashes."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def text_direction(text):
    """ "rtl" when the first letter with a direction is Arabic or Hebrew, else "ltr".

    What `dir="auto"` does in a browser; WeasyPrint wants the direction said.
    """
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"


def _hex(colour):
    return "#" + colour.hexval()[2:]


COLOURS = {
    "ink": _hex(INK),
    "muted": _hex(MUTED),
    "brand": _hex(BRAND),
    "brand_dark": _hex(BRAND_DARK),
    "line": _hex(LINE),
}


class _FontFilesOnly(URLFetcher):
    """Fetches the font files and nothing else: the page names no other resource, and a name
    or title that somehow did could not make the renderer read a file or the network."""

    def __init__(self, paths):
        super().__init__(allowed_protocols=("file",))
        self._allowed = {path.as_uri() for path in paths}

    def fetch(self, url, headers=None):
        if url not in self._allowed:
            raise ValueError(f"The certificate loads only its font files, not {url!r}.")
        return super().fetch(url, headers)


def _context(certificate, *, verify_url, first, second, invariant):
    name = unicodedata.normalize("NFC", certificate.learner_name.strip())
    course_titles = {"en": certificate.course_title_en, "fr": certificate.course_title_fr}
    date = issued_on(certificate)
    code = display_code(certificate.code)

    def column(lang):
        wording = WORDING[lang]
        return {
            "lang": wording["lang"],
            "title": wording["title"],
            "certifies": wording["certifies"],
            "completed": wording["completed"],
            "course": course_titles[lang],
            "issued": wording["issued"].format(date=format_date(date, lang)),
            "code": wording["code"].format(code=code),
        }

    return {
        "lang": WORDING[first]["lang"],
        "document_title": (
            f"{WORDING[first]['title']} / {WORDING[second]['title']} – {course_titles[first]}"
        ),
        "subject": f"{name} – {course_titles['en']} / {course_titles['fr']}",
        "keywords": ", ".join([SITE_NAME, "certificate", "attestation", certificate.code]),
        # Reproducible output for tests: no creation date, as reportlab's `invariant` did.
        "created": None if invariant else timezone.now().replace(microsecond=0).isoformat(),
        "site_name": SITE_NAME,
        "program": f"{PROGRAM[first]} · {PROGRAM[second]}",
        "first": column(first),
        "second": column(second),
        "name": name,
        "name_direction": text_direction(name),
        "verify_url": verify_url,
        "font_family": font_family_css(),
        "colours": COLOURS,
    }


class _Fonts:
    """The font files, loaded once for the few layouts of one certificate. (Not shared between
    requests: WeasyPrint's font configuration is not made for several threads at once.)"""

    def __init__(self):
        self.fetcher = _FontFilesOnly(font_files())
        self.config = FontConfiguration()
        self.stylesheet = CSS(
            string=font_face_css(), font_config=self.config, url_fetcher=self.fetcher
        )


def _layout(context, name_size, course_size, fonts):
    html = render_to_string(
        TEMPLATE, {**context, "name_size": name_size, "course_size": course_size}
    )
    return HTML(string=html, url_fetcher=fonts.fetcher).render(
        stylesheets=[fonts.stylesheet], font_config=fonts.config
    )


def _measure(document, name_size):
    """(lines the name takes, points the columns run past their room) in a laid-out page."""
    anchors = document.pages[0].anchors
    _x0, name_top, _x1, name_bottom = anchors["name"]
    lines = round((name_bottom - name_top) * PX / (name_size * NAME_LINE_HEIGHT))
    _x0, _top, _x1, columns_bottom = anchors["columns"]
    overflow = max(0.0, columns_bottom * PX - AREA_BOTTOM)
    if len(document.pages) > 1:
        overflow = max(overflow, 1.0)
    return lines, overflow


def _fitted_layout(context, fonts):
    """The page with the name and both course titles as large as fits: the name in two lines
    at most, both titles at the same size, everything on one page above the code."""
    name_size, course_size = NAME_SIZE, COURSE_SIZE
    for _attempt in range(MAX_LAYOUTS):
        document = _layout(context, name_size, course_size, fonts)
        lines, overflow = _measure(document, name_size)
        name_fits = lines <= NAME_MAX_LINES or name_size <= NAME_MIN_SIZE
        course_fits = not overflow or course_size <= COURSE_MIN_SIZE
        if name_fits and course_fits:
            return document
        if not name_fits:
            # The width the name needs grows with its size: aim straight for two lines.
            estimate = int(name_size * NAME_MAX_LINES / lines)
            name_size = max(NAME_MIN_SIZE, min(name_size - 1, estimate))
        elif not course_fits:
            # Shrunk in proportion to the overflow: lines wrap in steps, so a finer estimate
            # (the area grows with the square of the size) takes more tries to get there.
            _x0, top, _x1, bottom = document.pages[0].anchors["columns"]
            height = (bottom - top) * PX
            estimate = int(course_size * (height - overflow) / height)
            course_size = max(COURSE_MIN_SIZE, min(course_size - 1, estimate))
    return document


def render_certificate_pdf(
    certificate, *, verify_url, language="en", compress=True, invariant=False
):
    """The certificate as PDF bytes.

    `verify_url` is the absolute address of its public verification page. `language` only
    decides which of the two languages comes first and the document's declared language.
    `compress=False` and `invariant=True` are for tests: readable, reproducible output.
    Raises FontsMissing (learning.documents.unicode_fonts) when the fonts are not installed,
    rather than print names in another font, or as boxes.
    """
    check_fonts()
    first = "fr" if (language or "").startswith("fr") else "en"
    second = "en" if first == "fr" else "fr"
    context = _context(
        certificate, verify_url=verify_url, first=first, second=second, invariant=invariant
    )
    document = _fitted_layout(context, _Fonts())
    return document.write_pdf(uncompressed_pdf=not compress)
