"""The project's charts, in the reader's language: one object per chart, drawn as SVG for the
dashboard and the HTML report, and as a vector drawing for the PDF (issue 17).

Each function reads report rows or the overview and returns a `ChartFigure` (or None when there
is nothing to draw): `.svg(dom_id)` for a template, `.drawing(width)` for reportlab, `.title`
and `.description`, a sentence that says what the chart shows for those who cannot see it.
Numbers are formatted as the tables format them (exports/text.py), under the active language;
build the figure under `translation.override` for another one. A hidden figure (privacy rule)
is drawn as a gap with its reason ("fewer than 5"), never with its value.
"""

from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from ...models import IndicatorKind
from ..exports.funder import breakdown_name
from ..exports.text import percent, suppressed_text, value_text
from ..overview import count_text
from . import layout
from .drawing import chart_drawing
from .fonts import pdf_fonts
from .svg import chart_svg


@dataclass
class ChartFigure:
    chart: layout.Chart
    title: str
    description: str

    def svg(self, dom_id) -> SafeString:
        """The chart as an inline <svg>; every text in it is escaped (svg.py)."""
        svg = chart_svg(self.chart, dom_id=dom_id, title=self.title, description=self.description)
        return mark_safe(svg)  # noqa: S308 - built by svg.py, every text escaped

    def drawing(self, width, fonts=None):
        """The chart as a reportlab Drawing `width` points wide, in the PDF's fonts."""
        fonts = fonts or pdf_fonts()
        return chart_drawing(
            self.chart, width, font=fonts.regular, bold_font=fonts.bold, text=fonts.text
        )


def _as_percent(indicator):
    return indicator.is_share or indicator.kind == IndicatorKind.MEAN_SCORE


def _scale(indicator, rows):
    if _as_percent(indicator):
        return layout.share_scale()
    if indicator.kind == IndicatorKind.MEAN_RATING:
        return layout.rating_scale()
    numbers = [
        number
        for row in rows
        if not row.suppressed
        for number in (row.value, row.ci_low, row.ci_high)
        if number is not None
    ]
    return layout.change_scale(numbers)


def _tick_text(indicator):
    if _as_percent(indicator):
        return percent
    if indicator.kind == IndicatorKind.MEAN_RATING:
        return lambda tick: number_format(round(tick), decimal_pos=0, use_l10n=True)

    def points(tick):
        text = number_format(round(tick * 100), decimal_pos=0, use_l10n=True)
        return f"+{text}" if tick > 0 else text

    return points


def _shown(row):
    return not row.suppressed and row.value is not None


def _column(rows, name):
    return [getattr(row, name) if _shown(row) else None for row in rows]


def _legend(indicator, *, bars):
    items = [("bar" if bars else "value", _("Result"))]
    items.append(("whisker" if bars else "interval", _("Confidence interval (95%)")))
    if indicator.target is not None:
        items.append(("target", _("Target")))
    return items


def _target(indicator):
    return None if indicator.target is None else float(indicator.target)


def _note(row, indicator):
    if row.suppressed:
        return suppressed_text(row, indicator)
    return value_text(row.value, indicator)


def _target_words(indicator):
    if indicator.target is None:
        return ""
    target = value_text(float(indicator.target), indicator)
    return _("target %(target)s") % {"target": target}


def _sentence(head, *parts):
    parts = [str(part) for part in parts if part]
    return f"{head}, {'; '.join(parts)}." if parts else f"{head}."


def trend_chart(indicator, rows, *, period="month"):
    """The indicator by month or quarter (rows: ReportRows by period, labelled, in order)."""
    if not rows:
        return None
    name = str(indicator.name)
    if period == "quarter":
        title = _("%(name)s by quarter") % {"name": name}
    else:
        title = _("%(name)s by month") % {"name": name}
    chart = layout.line_chart(
        [row.label for row in rows],
        _column(rows, "value"),
        _column(rows, "ci_low"),
        _column(rows, "ci_high"),
        scale=_scale(indicator, rows),
        tick_text=_tick_text(indicator),
        target=_target(indicator),
        legend=_legend(indicator, bars=False),
    )
    shown = [row for row in rows if _shown(row)]
    if len(shown) > 1:
        change = _("from %(first)s to %(last)s") % {
            "first": value_text(shown[0].value, indicator),
            "last": value_text(shown[-1].value, indicator),
        }
    elif shown:
        change = value_text(shown[0].value, indicator)
    else:
        change = _("no figure can be shown")
    description = _sentence(title, change, _target_words(indicator))
    return ChartFigure(chart, str(title), description)


def breakdown_chart(indicator, rows):
    """The indicator by group, one bar per group (rows: ReportRows, labelled)."""
    if not rows:
        return None
    name = str(indicator.name)
    group_by = rows[0].group_by
    words = breakdown_name(group_by) or group_by
    title = _("%(name)s by %(breakdown)s") % {"name": name, "breakdown": words}
    chart = layout.bar_chart(
        [row.label for row in rows],
        _column(rows, "value"),
        _column(rows, "ci_low"),
        _column(rows, "ci_high"),
        [_note(row, indicator) for row in rows],
        scale=_scale(indicator, rows),
        tick_text=_tick_text(indicator),
        target=_target(indicator),
        legend=_legend(indicator, bars=True),
    )
    parts = [f"{row.label}: {_note(row, indicator)}" for row in rows]
    parts.append(_target_words(indicator))
    description = f"{title}: {'; '.join(str(part) for part in parts if part)}."
    return ChartFigure(chart, str(title), description)


def outcomes_chart(overview):
    """The overview's outcomes measured as a share: one row each, value, interval, target; a
    hidden one is a labelled gap. None when none has a value to draw."""
    outcomes = overview.share_outcomes
    rows = [outcome.row for outcome in outcomes]
    if not any(_shown(row) for row in rows):
        return None  # nothing but gaps: the table says why
    chart = layout.bullet_chart(
        [outcome.name for outcome in outcomes],
        _column(rows, "value"),
        _column(rows, "ci_low"),
        _column(rows, "ci_high"),
        [_target(outcome.indicator) for outcome in outcomes],
        [outcome.value for outcome in outcomes],
        tick_text=percent,
        legend=[
            ("bar", _("Result")),
            ("whisker", _("Confidence interval (95%)")),
            ("tick", _("Target")),
        ],
    )
    title = _("Outcomes and their targets")
    items = []
    for outcome in outcomes:
        item = f"{outcome.name}: {outcome.value}"
        if outcome.target:
            item = _("%(item)s (target %(target)s)") % {"item": item, "target": outcome.target}
        items.append(item)
    description = f"{title}: {'; '.join(items)}."
    return ChartFigure(chart, str(title), description)


def outputs_chart(overview):
    """Learners trained by role, as horizontal bars; None when there is nothing to draw."""
    line = next((line for line in overview.outputs if line.key == "learners_trained"), None)
    if line is None:
        return None
    groups = next((groups for key, _heading, groups in line.breakdowns if key == "role"), None)
    if not groups or all(group.number is None for group in groups):
        return None
    numbers = [group.number for group in groups]
    chart = layout.bar_chart(
        [group.label for group in groups],
        numbers,
        notes=[group.count for group in groups],
        scale=layout.count_scale(numbers),
        tick_text=lambda tick: count_text(round(tick)),
        horizontal=True,
    )
    title = _("Learners trained by role")
    items = "; ".join(f"{group.label}: {group.count}" for group in groups)
    return ChartFigure(chart, str(title), f"{title}: {items}.")


__all__ = ["ChartFigure", "breakdown_chart", "outcomes_chart", "outputs_chart", "trend_chart"]
