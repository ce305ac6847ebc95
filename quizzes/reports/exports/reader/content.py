"""What the report export says, sheet by sheet and block by block, in the active language.

`report_sheets(...)` gives the sheets the workbook (workbook.py) and the CSV (csv_file.py) both
write: the overview, one sheet per indicator (its total, by month or quarter, and by the chosen
breakdown, as the dashboard shows them), then the filters and the definitions. A figure is a
`Figure`: a number with its spreadsheet format for the workbook and its text in the reader's
language for the CSV; a hidden figure is only the words that say why, never a number.
"""

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from learning.documents import format_date

from ....models import IndicatorKind
from ...indicators import TOTAL, as_decimal
from ...labels import group_labels
from ..funder import funder_report
from ..text import RATING_MAX, RATING_MIN, percent, suppressed_text, value_text

PERIOD = "period"
# The dashboard's breakdown headings and column names (quizzes/views_dashboard.py): the same
# words, so the export reads like the page.
BREAKDOWNS = {
    "role": (lambda: _("By role"), lambda: _("Role")),
    "course": (lambda: _("By course"), lambda: _("Course")),
    "cohort": (lambda: _("By training session"), lambda: _("Training session")),
    "language": (lambda: _("By language"), lambda: _("Language")),
    "region": (lambda: _("By region"), lambda: _("Region")),
}
PERCENT_FORMAT = "0%"
RATING_FORMAT = "0.0"
# Percentage points, signed; "points" reads the same in English and French.
POINTS_FORMAT = '+0.0" points";-0.0" points";0.0" points"'


@dataclass(frozen=True)
class Figure:
    """A figure: `number` and `number_format` for a spreadsheet cell, `text` for the CSV."""

    number: float
    number_format: str
    text: str


@dataclass
class Block:
    heading: str
    header: list = field(default_factory=list)
    rows: list = field(default_factory=list)  # cells: str, int, Figure or None


@dataclass
class Sheet:
    title: str
    blocks: list = field(default_factory=list)


@dataclass
class ReaderReport:
    title: str
    language: str
    sheets: list


# --- Figures -----------------------------------------------------------------------------


def _clamped(value, indicator):
    # As interval_text: an interval never passes what the measure can be.
    kind = indicator.kind
    if kind == IndicatorKind.MEAN_RATING:
        return min(RATING_MAX, max(RATING_MIN, value))
    if kind == IndicatorKind.PRE_POST_CHANGE:
        return min(1.0, max(-1.0, value))
    if kind == IndicatorKind.MEAN_SCORE:
        return min(1.0, max(0.0, value))
    return value


def figure(value, indicator, *, clamp=False):
    """The value as the indicator reads it: a share as a percentage (0.87 shown as 87%), a
    rating with one decimal, a pre/post change in signed percentage points."""
    if value is None:
        return None
    if clamp:
        value = _clamped(value, indicator)
    text = value_text(value, indicator)
    if indicator.kind == IndicatorKind.MEAN_RATING:
        return Figure(float(as_decimal(value, 2)), RATING_FORMAT, text)
    if indicator.kind == IndicatorKind.PRE_POST_CHANGE:
        return Figure(float(as_decimal(value * 100, 2)), POINTS_FORMAT, text)
    return Figure(float(as_decimal(value)), PERCENT_FORMAT, text)


def _yes_no(met):
    if met is True:
        return str(_("Yes"))
    if met is False:
        return str(_("No"))
    return ""


def figures_header(first):
    level = percent(0.95)
    return [
        str(first),
        str(_("Result")),
        "n",
        str(_("%(level)s CI low") % {"level": level}),
        str(_("%(level)s CI high") % {"level": level}),
        str(_("Target")),
        str(_("Target met")),
    ]


def figures_row(label, row, indicator):
    """One group's figures; a hidden group says why in words and shows no number at all."""
    if row.suppressed:
        return [label, suppressed_text(row, indicator), None, None, None, None, None]
    target = float(indicator.target) if indicator.target is not None else None
    result = figure(row.value, indicator)
    return [
        label,
        result if result is not None else str(_("no answers yet")),
        row.n,
        figure(row.ci_low, indicator, clamp=True),
        figure(row.ci_high, indicator, clamp=True),
        figure(target, indicator),
        _yes_no(row.met),
    ]


# --- The sheets --------------------------------------------------------------------------


def _sorted(rows, group_by, labels):
    if group_by == PERIOD:
        return sorted(rows, key=lambda row: row.group)
    # As the dashboard: alphabetical, the groups nobody recorded at the end.
    return sorted(
        rows, key=lambda row: (row.group in (None, ""), labels.get(row.group, "").casefold())
    )


def _breakdown_block(name, report, heading, column, period):
    indicator = report.indicator
    keys = [row.group for row in report.rows]
    labels = {
        key: str(label) for key, label in group_labels(report.group_by, keys, period=period).items()
    }
    if report.group_by == PERIOD:
        # A cell begins with a capital: "Mars 2026" (French writes its months in lower case).
        labels = {key: capfirst(label) for key, label in labels.items()}
    return Block(
        heading=f"{name} — {heading}",
        header=figures_header(column),
        rows=[
            figures_row(labels.get(row.group, str(row.group)), row, indicator)
            for row in _sorted(report.rows, report.group_by, labels)
        ],
    )


def indicator_sheet(name, by_period, by_group, period):
    """The total, by month (or quarter), and by the breakdown chosen, each with its heading."""
    indicator = by_period.indicator
    quarterly = period == "quarter"
    blocks = [
        Block(
            heading=name,
            header=figures_header(_("Group")),
            rows=[figures_row(str(_("All")), by_period.total, indicator)],
        ),
        _breakdown_block(
            name,
            by_period,
            str(_("By quarter") if quarterly else _("By month")),
            _("Quarter") if quarterly else _("Month"),
            period,
        ),
    ]
    if by_group is not None:
        heading, column = BREAKDOWNS[by_group.group_by]
        blocks.append(_breakdown_block(name, by_group, str(heading()), column(), period))
    return Sheet(title=name, blocks=blocks)


def _count(count, suppressed, number):
    return count if suppressed or number is None else number


def overview_sheet(funder, overview, name_of):
    outputs = Block(
        heading=str(_("Program outputs")),
        header=[str(_("Output")), str(_("Breakdown")), str(_("Group")), str(_("Count"))],
    )
    for line in overview.outputs:
        outputs.rows.append(
            [line.label, "", str(_("All")), _count(line.count, line.suppressed, line.number)]
        )
        for _key, heading, groups in line.breakdowns:
            for group in groups:
                outputs.rows.append(
                    [
                        line.label,
                        heading,
                        group.label,
                        _count(group.count, group.suppressed, group.number),
                    ]
                )
    outcomes = Block(heading=str(_("Program outcomes")), header=figures_header(_("Indicator")))
    for outcome in overview.outcomes:
        outcomes.rows.append(
            figures_row(name_of[outcome.indicator.pk], outcome.row, outcome.indicator)
        )
    about = Block(
        heading=funder.title,
        rows=[[funder.period], *([word] for word in funder.filters)],
    )
    if funder.breakdown:
        about.rows.append([funder.breakdown])
    about.rows.append([funder.produced_on])
    blocks = [about]
    if overview.highlights:
        # What the pilot's own results said: "153 settlement workers trained; 87% found …".
        blocks.append(Block(heading=str(_("In brief")), rows=[[h] for h in overview.highlights]))
    if outputs.rows:
        blocks.append(outputs)
    blocks.append(outcomes)
    return Sheet(title=str(_("Overview")), blocks=blocks)


def filters_sheet(funder, indicators, filters, today, language):
    breakdown = funder.breakdown or str(_("No breakdown"))
    trends = _("By quarter") if filters.period == "quarter" else _("By month")
    who = Block(
        heading=str(_("Filters")),
        rows=[
            [str(_("Period covered")), funder.period],
            [str(_("Period from")), funder.period_from],
            [str(_("Period to")), funder.period_to],
            *([str(_("Who is counted")), word] for word in funder.filters),
            [str(_("Breakdown")), str(breakdown)],
            [str(_("Trends")), str(trends)],
            [str(_("Produced on")), format_date(today, language)],
        ],
    )
    definitions = Block(
        heading=str(_("Definitions")),
        header=[
            str(_("Indicator")),
            str(_("Definition")),
            str(_("Kind")),
            str(_("Target")),
            str(capfirst(_("minimum group size"))),
            str(_("Definition version")),
        ],
    )
    for indicator in indicators:
        target = (
            figure(float(indicator.target), indicator) if indicator.target is not None else None
        )
        definitions.rows.append(
            [
                str(indicator.name),
                " ".join(str(indicator.definition or "").split()),
                str(indicator.get_kind_display()),
                target,
                indicator.min_group_size,
                indicator.version,
            ]
        )
    notes = Block(heading=funder.headings["notes"], rows=[[note] for note in funder.notes])
    return Sheet(title=str(_("Filters and definitions")), blocks=[who, definitions, notes])


def report_sheets(*, filters, group_by, language, indicators=None, today=None):
    """The export's sheets, in the active language (call it under translation.override).

    Read from the funder report (exports/funder.py), which reads each indicator's answers once
    for its total, its trend and its breakdown, and the overview once: the export says what
    the report and the dashboard say.
    """
    today = today or timezone.localdate()
    group_by = None if group_by in (None, "", TOTAL) else group_by
    funder = funder_report(
        filters=filters, group_by=group_by, language=language, indicators=indicators, today=today
    )
    indicators = [section.indicator for section in funder.sections]
    name_of = {indicator.pk: str(indicator.name) for indicator in indicators}
    sheets = [overview_sheet(funder, funder.overview, name_of)]
    for section in funder.sections:
        # No breakdown, or one by period: the trend is the only breakdown, shown once.
        by_group = section.report if funder.group_by else None
        name = name_of[section.indicator.pk]
        sheets.append(indicator_sheet(name, section.trend_report, by_group, filters.period))
    sheets.append(filters_sheet(funder, indicators, filters, today, language))
    return ReaderReport(title=funder.title, language=funder.language, sheets=sheets)
