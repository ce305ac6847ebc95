"""The funder PDF's look: page, paragraph styles, table styles, and text made safe to print."""

from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.platypus import Paragraph, Table, TableStyle

from learning.documents import BRAND_DARK, INK, LINE, MUTED

PAGE = letter
MARGIN = 0.75 * inch
FRAME_WIDTH = PAGE[0] - 2 * MARGIN
TINT = colors.HexColor("#eef5f8")


class Styles:
    """Paragraph styles in the PDF's fonts (charts/fonts.py), and text helpers."""

    def __init__(self, fonts):
        self.fonts = fonts
        base = ParagraphStyle(
            "base", fontName=fonts.regular, fontSize=10, leading=13.5, textColor=INK
        )
        bold = fonts.bold

        def style(name, parent=base, **options):
            return ParagraphStyle(name, parent=parent, **options)

        self.title = style(
            "title", fontName=bold, fontSize=24, leading=29, textColor=BRAND_DARK, spaceAfter=6
        )
        self.subtitle = style("subtitle", fontSize=12, leading=16, textColor=MUTED, spaceAfter=24)
        self.h1 = style(
            "h1", fontName=bold, fontSize=16, leading=20, textColor=BRAND_DARK, spaceAfter=8
        )
        self.h2 = style(
            "h2",
            fontName=bold,
            fontSize=13,
            leading=16,
            textColor=BRAND_DARK,
            spaceBefore=10,
            spaceAfter=4,
        )
        self.h3 = style("h3", fontName=bold, fontSize=10.5, spaceBefore=8, spaceAfter=2)
        self.sentence = style("sentence", fontName=bold, fontSize=11, leading=15, spaceAfter=4)
        self.body = style("body", spaceAfter=4)
        self.bullet = style("bullet", fontSize=9, leading=11.5, leftIndent=10, bulletIndent=0)
        self.small = style("small", fontSize=8.5, leading=11, textColor=MUTED)
        self.cell = style("cell", fontSize=9, leading=11.5)
        self.cell_right = style("cell_right", parent=self.cell, alignment=TA_RIGHT)
        # The overview's tables: a size smaller, so that the overview fits in two pages.
        self.compact = style("compact", fontSize=8.5, leading=10.5)
        self.compact_right = style("compact_right", parent=self.compact, alignment=TA_RIGHT)
        self.cell_small = style("cell_small", fontSize=8, leading=10, textColor=MUTED)
        self.box = style("box", fontSize=9, leading=12, spaceAfter=3)

    def text(self, value):
        """Text as the PDF's font draws it, escaped for a Paragraph."""
        return escape(self.fonts.text("" if value is None else value))

    def para(self, value, style, *, bold=False):
        words = self.text(value)
        return Paragraph(f"<b>{words}</b>" if bold else words, style)

    def cell_para(self, value, *, right=False, bold=False, compact=False):
        if compact:
            return self.para(value, self.compact_right if right else self.compact, bold=bold)
        return self.para(value, self.cell_right if right else self.cell, bold=bold)


def data_table(rows, widths, *, right=(), header=True, padding=2.5):
    """A table of Paragraph cells: header row repeated on each page, a rule under it."""
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0, hAlign="LEFT")
    commands = [
        ("LINEBELOW", (0, 1 if header else 0), (-1, -1), 0.25, LINE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), padding),
        ("BOTTOMPADDING", (0, 0), (-1, -1), padding),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    if header:
        commands.append(("LINEBELOW", (0, 0), (-1, 0), 0.75, BRAND_DARK))
    commands += [("ALIGN", (column, 0), (column, -1), "RIGHT") for column in right]
    table.setStyle(TableStyle(commands))
    return table


def boxed(flowables, width=FRAME_WIDTH):
    """Flowables in a tinted box with a border: the "How to read these figures" box."""
    table = Table([[flowables]], colWidths=[width], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.75, BRAND_DARK),
                ("BACKGROUND", (0, 0), (-1, -1), TINT),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
                ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                ("TOPPADDING", (0, 0), (-1, -1), 8),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return table
