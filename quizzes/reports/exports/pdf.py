"""The funder report as PDF (reportlab): Letter, Helvetica, in the report's language."""

import io
from xml.sax.saxutils import escape

from learning.documents import BRAND_DARK, INK, LINE, MUTED, latin1_safe


def render_funder_pdf(report, *, compress=True, invariant=False):
    """The funder report (a FunderReport) as PDF bytes: Letter, Helvetica, its language."""
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import inch
    from reportlab.platypus import (
        KeepTogether,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    def text(value):
        return escape(latin1_safe(str(value)))

    base = ParagraphStyle("base", fontName="Helvetica", fontSize=10, leading=13.5, textColor=INK)
    styles = {
        "title": ParagraphStyle(
            "title",
            parent=base,
            fontName="Helvetica-Bold",
            fontSize=20,
            leading=24,
            textColor=BRAND_DARK,
            spaceAfter=4,
        ),
        "subtitle": ParagraphStyle("subtitle", parent=base, textColor=MUTED, spaceAfter=12),
        "h2": ParagraphStyle(
            "h2",
            parent=base,
            fontName="Helvetica-Bold",
            fontSize=13,
            leading=16,
            textColor=BRAND_DARK,
            spaceBefore=12,
            spaceAfter=6,
        ),
        "h3": ParagraphStyle(
            "h3",
            parent=base,
            fontName="Helvetica-Bold",
            fontSize=10.5,
            spaceBefore=6,
            spaceAfter=2,
        ),
        "sentence": ParagraphStyle(
            "sentence",
            parent=base,
            fontName="Helvetica-Bold",
            fontSize=11,
            leading=15,
            spaceAfter=4,
        ),
        "body": ParagraphStyle("body", parent=base, spaceAfter=4),
        "small": ParagraphStyle("small", parent=base, fontSize=8.5, leading=11, textColor=MUTED),
        "cell": ParagraphStyle("cell", parent=base, fontSize=9, leading=11.5),
    }

    story = [
        Paragraph(text(report.title), styles["title"]),
        Paragraph(text(report.subtitle), styles["subtitle"]),
        Paragraph(text(report.headings["period"]), styles["h3"]),
        Paragraph(text(report.period), styles["body"]),
        Paragraph(text(report.headings["filters"]), styles["h3"]),
    ]
    story += [Paragraph(text(words), styles["body"]) for words in report.filters]
    if report.breakdown:
        story.append(Paragraph(text(report.breakdown), styles["body"]))
    story.append(Paragraph(text(report.produced_on), styles["small"]))
    if not report.sections:
        story.append(Paragraph(text(report.headings["no_indicators"]), styles["body"]))
    width = letter[0] - 1.5 * inch
    for section in report.sections:
        block = [
            Paragraph(text(section.name), styles["h2"]),
            Paragraph(text(section.sentence), styles["sentence"]),
        ]
        if section.target:
            block.append(Paragraph(text(section.target), styles["body"]))
        story.append(KeepTogether(block))
        if section.rows:
            headings = report.headings
            data = [
                [
                    Paragraph(f"<b>{text(report.group_heading)}</b>", styles["cell"]),
                    Paragraph(f"<b>{text(headings['n'])}</b>", styles["cell"]),
                    Paragraph(f"<b>{text(headings['value'])}</b>", styles["cell"]),
                    Paragraph(f"<b>{text(headings['interval'])}</b>", styles["cell"]),
                    Paragraph(f"<b>{text(headings['met'])}</b>", styles["cell"]),
                ]
            ]
            for row in section.rows:
                data.append(
                    [
                        Paragraph(text(cell), styles["cell"])
                        for cell in (row.label, row.n, row.value, row.interval, row.met)
                    ]
                )
            table = Table(
                data,
                colWidths=[width * share for share in (0.36, 0.1, 0.2, 0.2, 0.14)],
                repeatRows=1,
            )
            table.setStyle(
                TableStyle(
                    [
                        ("LINEBELOW", (0, 0), (-1, 0), 0.75, BRAND_DARK),
                        ("LINEBELOW", (0, 1), (-1, -1), 0.25, LINE),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("TOPPADDING", (0, 0), (-1, -1), 3),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                    ]
                )
            )
            story += [Spacer(1, 4), table, Spacer(1, 6)]
        story.append(Paragraph(text(report.headings["definition"]), styles["h3"]))
        story.append(Paragraph(text(section.definition), styles["body"]))
        story.append(Paragraph(text(section.version), styles["small"]))
    story.append(Paragraph(text(report.headings["notes"]), styles["h2"]))
    story += [Paragraph(text(note), styles["body"]) for note in report.notes]

    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=letter,
        leftMargin=0.75 * inch,
        rightMargin=0.75 * inch,
        topMargin=0.75 * inch,
        bottomMargin=0.75 * inch,
        title=latin1_safe(report.title),
        author="PSR Learn",
        creator="PSR Learn",
        subject=latin1_safe(report.period),
        lang=report.language_tag,
        pageCompression=1 if compress else 0,
        invariant=1 if invariant else 0,
    )

    def footer(canvas, doc):
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.setFillColor(MUTED)
        canvas.drawString(0.75 * inch, 0.5 * inch, latin1_safe(report.subtitle))
        canvas.drawRightString(letter[0] - 0.75 * inch, 0.5 * inch, str(doc.page))
        canvas.restoreState()

    document.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()
