"""Program outputs as a funder reads them: people trained, completions, certificates, sessions
held and knowledge-exchange events, with the same privacy rule as the indicators (issue 17).

The layers that know learners' progress count them (`quizzes.extensions.program_outputs`,
answered by learning/progress/outputs.py) as `OutputMeasure`s: people as cells (cells.py), so
that a count, its breakdowns and every other request obey `release.py` exactly as an indicator's
n does ("fewer than 5" rather than 3, and no count that another differs from by one person);
things that are not people (sessions held, events, the attendance counted at an event) as a
plain number.
"""

from dataclasses import dataclass, field

from .cells import month_of
from .indicators import TOTAL, ReportRow, hide_row, protect_siblings, row_boxes
from .release import Box, decide

# The breakdowns a people count may have on the overview, in the order shown.
OUTPUT_BREAKDOWNS = ("role", "region", "language")


@dataclass
class OutputMeasure:
    key: str
    label: str
    definition: str
    # People, as cells over (course, cohort, role, language, region, month): the privacy rule
    # applies. None for counts of things (sessions, events), given in `count`.
    cells: list | None = None
    count: int | None = None
    breakdowns: tuple = ()
    min_group_size: int = 5


@dataclass
class OutputBreakdown:
    key: str
    rows: list  # ReportRow: n is the count; suppressed rows carry none


@dataclass
class OutputFigure:
    measure: OutputMeasure
    total: ReportRow
    breakdowns: list = field(default_factory=list)

    @property
    def key(self):
        return self.measure.key

    @property
    def label(self):
        return self.measure.label

    @property
    def definition(self):
        return self.measure.definition

    @property
    def is_people(self):
        return self.measure.cells is not None


def filters_population(filters):
    """The population the report's filters describe, as a box over people's cells."""
    values = tuple(
        (name, value)
        for name, value in (
            ("course", filters.course_id),
            ("cohort", filters.cohort_id),
            ("role", filters.role),
            ("language", filters.language),
            ("region", filters.region),
        )
        if value
    )
    return Box(
        values=values,
        first_month=month_of(filters.date_from) if filters.date_from else None,
        last_month=month_of(filters.date_to) if filters.date_to else None,
    )


def _count_row(group_by, key, decision):
    return ReportRow(
        group_by=group_by,
        group=key,
        n=decision.people,
        value=None,
        ci_low=None,
        ci_high=None,
        target=None,
    )


def output_figure(measure, filters):
    """The measure's total and breakdowns for the filters, released as the privacy rule says."""
    if measure.cells is None:
        total = ReportRow(
            group_by=TOTAL,
            group=TOTAL,
            n=measure.count or 0,
            value=None,
            ci_low=None,
            ci_high=None,
            target=None,
        )
        return OutputFigure(measure=measure, total=total)
    cells, min_size = measure.cells, measure.min_group_size
    box = filters_population(filters)
    decision = decide(box, cells, min_size)
    total = _count_row(TOTAL, TOTAL, decision)
    if decision.people and not decision.released:
        hide_row(total, decision.reason)
    breakdowns = []
    for group_by in measure.breakdowns:
        rows, people = [], {id(total): decision.people}
        for key, row_box in row_boxes(box, decision.cells, group_by, filters).items():
            row_decision = decide(row_box, cells, min_size)
            row = _count_row(group_by, key, row_decision)
            people[id(row)] = row_decision.people
            if total.suppressed:
                hide_row(row, "total")
            elif not row_decision.released:
                hide_row(row, row_decision.reason)
            rows.append(row)
        protect_siblings(rows, total, people, min_size)
        breakdowns.append(OutputBreakdown(key=group_by, rows=rows))
    return OutputFigure(measure=measure, total=total, breakdowns=breakdowns)
