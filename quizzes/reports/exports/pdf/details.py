"""The funder PDF's details: each indicator with its sentence, target, trend chart, breakdown
chart and a compact table; a breakdown of one row is said in a sentence (issue 17)."""

from django.utils.translation import gettext as _
from reportlab.platypus import KeepTogether, Spacer

from ...charts import figures as charts
from .styles import FRAME_WIDTH, data_table

WIDTHS = (0.36, 0.1, 0.2, 0.2, 0.14)


def row_sentence(row):
    """One row of a breakdown as a sentence, for a breakdown with a single row."""
    if row.suppressed or not row.n:
        return _("%(group)s: %(value)s.") % {"group": row.label, "value": row.value}
    figures = f"n = {row.n}"
    if row.interval:
        figures = f"{figures}; {_('95%% CI %(range)s') % {'range': row.interval}}"
    return _("%(group)s: %(value)s (%(figures)s).") % {
        "group": row.label,
        "value": row.value,
        "figures": figures,
    }


def rows_block(rows, group_heading, headings, styles):
    """FunderRows as a table, or a sentence when there is only one."""
    if not rows:
        return []
    if len(rows) == 1:
        return [styles.para(row_sentence(rows[0]), styles.body)]
    header = [
        styles.cell_para(group_heading, bold=True),
        styles.cell_para(headings["n"], right=True, bold=True),
        styles.cell_para(headings["value"], right=True, bold=True),
        styles.cell_para(headings["interval"], right=True, bold=True),
        styles.cell_para(headings["met"], bold=True),
    ]
    data = [header]
    for row in rows:
        data.append(
            [
                styles.cell_para(row.label),
                styles.cell_para(row.n, right=True),
                styles.cell_para(row.value, right=not row.suppressed),
                styles.cell_para(row.interval, right=True),
                styles.cell_para(row.met),
            ]
        )
    widths = [FRAME_WIDTH * share for share in WIDTHS]
    return [Spacer(1, 2), data_table(data, widths, right=(1, 2, 3)), Spacer(1, 4)]


def _shows_a_value(rows):
    return any(not row.suppressed and row.value is not None for row in rows)


def _drawing(figure, styles):
    return [Spacer(1, 4), figure.drawing(FRAME_WIDTH, styles.fonts), Spacer(1, 4)]


def indicator_pages(report, section, styles):
    """One indicator: what a funder quotes first, then its charts, table and definition."""
    headings = report.headings
    indicator = section.indicator
    head = [styles.para(section.name, styles.h2), styles.para(section.sentence, styles.sentence)]
    if section.target:
        head.append(styles.para(section.target, styles.body))
    story = []
    trend_report = getattr(section, "trend_report", None)
    trend = list(getattr(trend_report, "rows", None) or [])
    if len(trend) > 1 and _shows_a_value(trend):
        period = trend_report.filters.period
        figure = charts.trend_chart(indicator, trend, period=period)
        if figure is not None:
            caption = getattr(report, "trend_caption", "") or figure.title
            head += [styles.para(caption, styles.h3), *_drawing(figure, styles)]
    story.append(KeepTogether(head))
    trend_rows = getattr(section, "trend_rows", None) or []
    if trend_rows:
        trend_heading = getattr(report, "trend_heading", "") or ""
        story += rows_block(trend_rows, trend_heading, headings, styles)
    if section.rows:
        block = [styles.para(report.breakdown, styles.h3)]
        breakdown = getattr(section, "breakdown_report_rows", None) or []
        if len(breakdown) > 1 and _shows_a_value(breakdown):
            figure = charts.breakdown_chart(indicator, breakdown)
            if figure is not None:
                block += _drawing(figure, styles)
        block += rows_block(section.rows, report.group_heading, headings, styles)
        story.append(KeepTogether(block))
    definition = _("Definition: %(definition)s") % {"definition": section.definition}
    story += [
        Spacer(1, 2),
        styles.para(definition, styles.small),
        styles.para(section.version, styles.small),
        Spacer(1, 10),
    ]
    return story
