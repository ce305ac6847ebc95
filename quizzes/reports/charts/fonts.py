"""The fonts the funder PDF and its charts are written in (issue 17).

Noto Sans, the certificates' font (learning.documents.unicode_fonts), embedded as TrueType: it
draws every French character, the no-break spaces of French numbers ("1 250", "87 %") among
them, and a reader's copy and paste gets the real text. When the font files are not installed,
the PDF falls back on Helvetica with the text made Latin-1 safe, as it was before.
"""

from dataclasses import dataclass

from learning.documents import latin1_safe
from learning.documents.unicode_fonts import font_dir

REGULAR, BOLD = "PSRNotoSans", "PSRNotoSans-Bold"
FILES = {
    REGULAR: "NotoSans-Regular.ttf",
    BOLD: "NotoSans-Bold.ttf",
    "PSRNotoSans-Italic": "NotoSans-Italic.ttf",
    "PSRNotoSans-BoldItalic": "NotoSans-BoldItalic.ttf",
}


@dataclass(frozen=True)
class PdfFonts:
    regular: str
    bold: str
    unicode: bool

    def text(self, value):
        """The text as the font can draw it."""
        value = str(value)
        # The standard fonts have no narrow no-break space (French "87 %"): a no-break space.
        return value if self.unicode else latin1_safe(value.replace("\u202f", "\xa0"))


def _unicode_fonts():
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if REGULAR in pdfmetrics.getRegisteredFontNames():
        return True
    folder = font_dir()
    if not all((folder / name).is_file() for name in FILES.values()):
        return False
    for name, file in FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    # So that <b> and <i> in a Paragraph find the faces.
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, "PSRNotoSans-Italic")
    addMapping(REGULAR, 1, 1, "PSRNotoSans-BoldItalic")
    return True


def pdf_fonts():
    """The PDF's fonts: Noto Sans when installed, else Helvetica (text made Latin-1 safe)."""
    if _unicode_fonts():
        return PdfFonts(REGULAR, BOLD, True)
    return PdfFonts("Helvetica", "Helvetica-Bold", False)
