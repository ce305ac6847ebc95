"""Page furniture: the footer on every page, "Page 2 of 6" ("Page 2 sur 6"), which needs the page
count before any page is written, so pages are kept until the document is saved (two passes)."""

from django.utils.translation import gettext as _
from reportlab.pdfgen.canvas import Canvas

from learning.documents import MUTED

from .styles import MARGIN, PAGE

FOOTER_Y = MARGIN * 2 / 3


def page_words(page, pages):
    return _("Page %(page)s of %(pages)s") % {"page": page, "pages": pages}


def numbered_canvas(left_text, fonts):
    """A canvas class (reportlab's `canvasmaker`) that writes `left_text` and "Page n of N" at
    the foot of every page, in the active language when the document is saved."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._saved_pages = []

        def showPage(self):  # noqa: N802 - reportlab's name
            self._saved_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._saved_pages)
            for number, state in enumerate(self._saved_pages, start=1):
                self.__dict__.update(state)
                self._footer(page_words(number, total))
                super().showPage()
            super().save()

        def _footer(self, page_text):
            self.saveState()
            self.setFont(fonts.regular, 8)
            self.setFillColor(MUTED)
            self.drawString(MARGIN, FOOTER_Y, fonts.text(left_text))
            self.drawRightString(PAGE[0] - MARGIN, FOOTER_Y, fonts.text(page_text))
            self.restoreState()

    return NumberedCanvas
