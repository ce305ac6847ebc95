"""The funder report as PDF (reportlab), in the report's language (issue 17).

A title page (period from–to, who is counted, a "How to read these figures" box), the overview
within two pages (outcomes and outputs, tables and charts), then each indicator in detail with
its trend and breakdown charts: the dashboard's charts (quizzes/reports/charts), drawn as
vectors. Every page's footer says "Page 2 of 6". Text is in Noto Sans, the certificates' font,
so French reads (and copies) as written; without the font files it falls back on Helvetica.
"""

import io

from django.utils import translation
from django.utils.translation import gettext as _
from reportlab.platypus import SimpleDocTemplate

from ...charts.fonts import pdf_fonts
from .details import indicator_pages
from .front import overview_pages, title_page
from .pages import numbered_canvas
from .styles import MARGIN, PAGE, Styles


def render_funder_pdf(report, *, compress=True, invariant=False):
    """The funder report (a FunderReport) as PDF bytes: Letter, in its language."""
    with translation.override(report.language):
        fonts = pdf_fonts()
        styles = Styles(fonts)
        story = title_page(report, styles) + overview_pages(report, styles)
        headings = report.headings
        if not report.sections:
            story.append(styles.para(headings["no_indicators"], styles.body))
        elif headings.get("details"):
            story.append(styles.para(headings["details"], styles.h1))
        for section in report.sections:
            story += indicator_pages(report, section, styles)
        story.append(styles.para(_("About these figures"), styles.h2))
        story += [styles.para(note, styles.body) for note in report.notes]

        buffer = io.BytesIO()
        document = SimpleDocTemplate(
            buffer,
            pagesize=PAGE,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN,
            title=str(report.title),
            author="PSR Learn",
            creator="PSR Learn",
            subject=str(report.period),
            lang=report.language_tag,
            pageCompression=1 if compress else 0,
            invariant=1 if invariant else 0,
        )
        document.build(story, canvasmaker=numbered_canvas(report.subtitle, fonts))
        return buffer.getvalue()


__all__ = ["render_funder_pdf"]
