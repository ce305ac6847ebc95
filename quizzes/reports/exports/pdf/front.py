"""The funder PDF's first pages: the title page with its "How to read these figures" box, then
the overview (outcomes and outputs, each a table and a chart), within two pages (issue 17)."""

from django.utils.translation import gettext as _
from reportlab.lib.units import inch
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, Spacer

from ...charts import figures as charts
from .styles import FRAME_WIDTH, boxed, data_table


def _min_group_size(report):
    return min([section.indicator.min_group_size for section in report.sections] or [5])


def how_to_read(report):
    """(term, explanation) pairs: what n, the interval, a hidden figure and "met" mean."""
    headings = report.headings
    count = _min_group_size(report)
    hidden = _("fewer than %(count)s") % {"count": count}  # as text.suppressed_text words it
    return [
        (
            "n",
            _("how many people's answers are counted (pairs of answers for a pre/post change)."),
        ),
        (
            headings["interval"],
            _(
                "the range in which the result would most likely fall with other, similar "
                "learners: the fewer the answers, the wider the range."
            ),
        ),
        (
            hidden,
            _(
                "too few people answered for the result to be shown without pointing to them. "
                "Such a result, or one hidden to protect a smaller group, is never printed; "
                "the charts leave a gap in its place."
            ),
        ),
        (
            headings["met"],
            _(
                "“Yes” when the result reaches the indicator's target. The charts draw the "
                "target in red."
            ),
        ),
    ]


def title_page(report, styles):
    headings = report.headings
    story = [
        Spacer(1, 1.1 * inch),
        styles.para(report.title, styles.title),
        styles.para(report.subtitle, styles.subtitle),
        styles.para(headings["period"], styles.h3),
        styles.para(report.period, styles.body),
        styles.para(headings["filters"], styles.h3),
    ]
    story += [styles.para(words, styles.body) for words in report.filters]
    if report.breakdown:
        story.append(styles.para(report.breakdown, styles.body))
    story += [Spacer(1, 4), styles.para(report.produced_on, styles.small), Spacer(1, 28)]
    box = [styles.para(headings["notes"], styles.h3)]
    for term, explanation in how_to_read(report):
        words = f"<b>{styles.text(term)}</b>: {styles.text(explanation)}"
        box.append(Paragraph(words, styles.box, bulletText="•"))
    story += [boxed(box), PageBreak()]
    return story


def _outcomes(report, overview, styles):
    headings = report.headings
    header = [
        styles.cell_para(headings.get("indicator", ""), bold=True),
        styles.cell_para(headings["value"], right=True, bold=True),
        styles.cell_para(headings["n"], right=True, bold=True),
        styles.cell_para(headings["interval"], right=True, bold=True),
        styles.cell_para(headings.get("target", ""), right=True, bold=True),
        styles.cell_para(headings["met"], bold=True),
    ]
    rows = [header]
    for outcome in overview.outcomes:
        rows.append(
            [
                styles.cell_para(outcome.name),
                styles.cell_para(outcome.value, right=not outcome.suppressed),
                styles.cell_para(outcome.n, right=True),
                styles.cell_para(outcome.interval, right=True),
                styles.cell_para(outcome.target, right=True),
                styles.cell_para(outcome.met_text),
            ]
        )
    widths = [FRAME_WIDTH * share for share in (0.37, 0.15, 0.08, 0.15, 0.11, 0.14)]
    story = [
        styles.para(headings.get("outcomes", ""), styles.h2),
        data_table(rows, widths, right=(1, 2, 3, 4)),
    ]
    chart = charts.outcomes_chart(overview)
    if chart is not None:
        story += [Spacer(1, 8), chart.drawing(FRAME_WIDTH, styles.fonts)]
    return story


def _outputs(report, overview, styles):
    headings = report.headings
    rows = [
        [
            styles.cell_para(headings.get("outputs", ""), bold=True),
            styles.cell_para(headings.get("count", ""), right=True, bold=True),
        ]
    ]
    for line in overview.outputs:
        cell = [styles.cell_para(line.label)]
        for _key, heading, groups in line.breakdowns:
            if not groups:
                continue
            parts = " · ".join(f"{group.label} {group.count}" for group in groups)
            cell.append(styles.para(f"{heading}: {parts}", styles.cell_small))
        rows.append([cell, styles.cell_para(line.count, right=not line.suppressed)])
    story = [
        styles.para(headings.get("outputs", ""), styles.h2),
        data_table(rows, [FRAME_WIDTH * 0.78, FRAME_WIDTH * 0.22], right=(1,)),
    ]
    chart = charts.outputs_chart(overview)
    if chart is not None:
        story += [Spacer(1, 8), KeepTogether([chart.drawing(FRAME_WIDTH, styles.fonts)])]
    return story


def overview_pages(report, styles):
    """The overview: in brief, outcomes (table and chart), outputs (table and chart)."""
    overview = getattr(report, "overview", None)
    if overview is None:
        return []
    headings = report.headings
    story = [styles.para(headings.get("overview", ""), styles.h1)]
    if overview.highlights:
        story.append(styles.para(headings.get("highlights", ""), styles.h3))
        story += [
            Paragraph(styles.text(sentence), styles.bullet, bulletText="•")
            for sentence in overview.highlights
        ]
    if overview.outcomes:
        story += _outcomes(report, overview, styles)
    if overview.outputs:
        story += _outputs(report, overview, styles)
    story.append(PageBreak())
    return story
