"""Indicator reports: totals and breakdowns summed from the indicator's cells (cells.py), one
query per report whatever the data, and released only as the privacy rule allows (release.py).

Values are decimals (0.8693, not 87%). Every figure comes with n and a 95% interval (Wilson
for shares, t for means). A hidden figure says why (`hidden_because`): too few people, another
request would differ from it by too few, the rows hidden with it would be too few together, or
its total is hidden.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from ..models import COMPUTED_KINDS, IndicatorKind
from .cells import indicator_cells, month_of
from .release import Box, decide
from .stats import mean_interval, wilson_interval

GROUP_BY = ("role", "course", "cohort", "language", "region", "period")
PERIODS = ("month", "quarter")
TOTAL = "total"


@dataclass(frozen=True)
class ReportFilters:
    course_id: int | None = None
    cohort_id: int | None = None
    role: str | None = None
    language: str | None = None
    region: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    period: str = "month"
    include_browser_reported: bool | None = None  # None: as the indicator says

    def __post_init__(self):
        # Whole calendar months only: a date moved by a day must not give a second figure
        # that differs from the first by one person's answers (issue 12). Every channel builds
        # its filters here, so every one reports the period it really covers.
        if self.date_from:
            object.__setattr__(self, "date_from", self.date_from.replace(day=1))
        if self.date_to:
            object.__setattr__(self, "date_to", _month_end(self.date_to))


@dataclass
class ReportRow:
    group_by: str
    group: object
    n: int
    value: float | None
    ci_low: float | None
    ci_high: float | None
    target: float | None
    suppressed: bool = False
    # Pre/post change only.
    pairs: int | None = None
    mean_pre: float | None = None
    mean_post: float | None = None
    gain: float | None = None
    label: str = ""
    # Why a hidden figure is hidden: "small", "complement", "sibling" or "total".
    hidden_because: str = ""

    @property
    def met(self):
        if self.suppressed or self.value is None or self.target is None:
            return None
        return self.value >= self.target

    @property
    def is_total(self):
        return self.group_by == TOTAL


@dataclass
class Report:
    indicator: object
    version: int
    group_by: str
    filters: ReportFilters
    total: ReportRow
    rows: list = field(default_factory=list)

    @property
    def min_group_size(self):
        return self.indicator.min_group_size


def filters_box(indicator, filters):
    """The population the filters describe, as a box over the indicator's cells."""
    values = []
    for name, value in (
        ("course", filters.course_id),
        ("cohort", filters.cohort_id),
        ("role", filters.role),
        ("language", filters.language),
        ("region", filters.region),
    ):
        if value:
            values.append((name, value))
    include_browser = (
        indicator.include_browser_reported
        if filters.include_browser_reported is None
        else filters.include_browser_reported
    )
    if not include_browser:
        values.append(("browser", False))
    return Box(
        values=tuple(values),
        first_month=month_of(filters.date_from) if filters.date_from else None,
        last_month=month_of(filters.date_to) if filters.date_to else None,
    )


def _month_end(day):
    return _months_later(day.replace(day=1), 1) - timedelta(days=1)


def _quarter_start(month):
    return month.replace(month=(month.month - 1) // 3 * 3 + 1)


def _months_later(month, count):
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def row_boxes(box, cells, group_by, filters):
    """{group key: box} for each group the population's cells fall in."""
    keys = set()
    for cell in cells:
        if group_by == "period":
            keys.add(_quarter_start(cell.month) if filters.period == "quarter" else cell.month)
        else:
            # Breakdowns are named after the cell attribute they read.
            keys.add(getattr(cell, group_by))
    boxes = {}
    for key in sorted(keys, key=lambda key: (key is None, key)):
        if group_by == "period":
            last = _months_later(key, 2) if filters.period == "quarter" else key
            boxes[key] = box.narrowed(first_month=key, last_month=last)
        else:
            boxes[key] = box.narrowed(name=group_by, value=key)
    return boxes


def _values(indicator, cells):
    """(n, value, low, high, extra) from the sums of `cells`, as the indicator's kind reads."""
    sums = [sum(values) for values in zip(*(cell.sums for cell in cells), strict=True)]
    if not sums or not sums[0]:
        return 0, None, None, None, {}
    n = int(sums[0])
    kind = indicator.kind
    if kind == IndicatorKind.SHARE_FAVOURABLE or kind in COMPUTED_KINDS:
        low, high = wilson_interval(int(sums[1]), n)
        return n, sums[1] / n, low, high, {}
    if kind in (IndicatorKind.MEAN_RATING, IndicatorKind.MEAN_SCORE):
        return (n, *mean_interval(n, sums[1], sums[2]), {})
    if kind == IndicatorKind.PASS_RATE:
        low, high = wilson_interval(int(sums[3]), n)
        return n, sums[3] / n, low, high, {}
    mean, low, high = mean_interval(n, sums[1], sums[2])
    mean_pre, mean_post = sums[3] / n, sums[4] / n
    # Hake's normalised gain on the group means: how much of the possible gain was made.
    gain = (mean_post - mean_pre) / (1 - mean_pre) if mean_pre < 1 else None
    extra = {"pairs": n, "mean_pre": mean_pre, "mean_post": mean_post, "gain": gain}
    return n, mean, low, high, extra


def _row(indicator, group_by, key, values):
    n, value, low, high, extra = values
    target = float(indicator.target) if indicator.target is not None else None
    return ReportRow(
        group_by=group_by,
        group=key,
        n=n,
        value=value,
        ci_low=low,
        ci_high=high,
        target=target,
        **extra,
    )


def hide_row(row, reason):
    row.suppressed = True
    row.hidden_because = row.hidden_because or reason
    row.value = row.ci_low = row.ci_high = None
    row.mean_pre = row.mean_post = row.gain = None


def protect_siblings(rows, total, people, min_size):
    """Inside one report: the total minus the shown rows gives the hidden rows together, so
    together they must hold nobody or at least the minimum; hide the smallest shown rows until
    they do."""
    if total.suppressed:
        return
    hidden = sum(people[id(row)] for row in rows if row.suppressed)
    shown = sorted((row for row in rows if not row.suppressed), key=lambda row: people[id(row)])
    while 0 < hidden < min_size and shown:
        row = shown.pop(0)
        hide_row(row, "sibling")
        hidden += people[id(row)]


def indicator_report(*, indicator, group_by=None, filters=None, cells=None):
    """The indicator's total and, if asked, its breakdown, with only the figures the privacy
    rule releases (release.py). Queries: one (pre/post: one with a join), whatever the data;
    none when the caller passes the indicator's `cells` already read."""
    filters = filters or ReportFilters()
    group_by = group_by or TOTAL
    if group_by != TOTAL and group_by not in GROUP_BY:
        raise ValueError(f"group_by must be one of {GROUP_BY}")
    cells = indicator_cells(indicator) if cells is None else cells
    min_size = indicator.min_group_size
    box = filters_box(indicator, filters)
    decision = decide(box, cells, min_size)
    total = _row(indicator, TOTAL, TOTAL, _values(indicator, decision.cells))
    people = {id(total): decision.people}
    if not decision.released:
        hide_row(total, decision.reason)
    rows = []
    if group_by != TOTAL:
        for key, row_box in row_boxes(box, decision.cells, group_by, filters).items():
            row_decision = decide(row_box, cells, min_size)
            row = _row(indicator, group_by, key, _values(indicator, row_decision.cells))
            people[id(row)] = row_decision.people
            if total.suppressed:
                hide_row(row, "total")
            elif not row_decision.released:
                hide_row(row, row_decision.reason)
            rows.append(row)
        protect_siblings(rows, total, people, min_size)
    return Report(
        indicator=indicator,
        version=indicator.version,
        group_by=group_by,
        filters=filters,
        total=total,
        rows=rows,
    )


def as_decimal(value, places=4):
    if value is None:
        return None
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-places))
