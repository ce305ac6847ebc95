"""Which figures may be released: no one's answer can be worked out by subtracting two of them.

Hiding small groups inside one report is not enough: a session's figure (n = 7) and the same
session's sponsors' figure (n = 6) gave the one settlement worker's anonymous rating by
subtraction (issue 12). The rule, as statistical agencies apply it to tables users can cross:
a population's figure is released only if the population has at least the minimum number of
people AND, within every coarser population anyone can also request, its complement is either
empty or at least that size. Then any two released figures differ by nobody or by a group of at
least the minimum size.

Populations are boxes over cells (`cells.py`): each attribute either any value or one value,
and a range of whole months. Checking every coarser box is not needed: any coarser box that
leaves a small complement contains some cell c outside the population, and then also contains
the *smallest* box around the population and c, whose complement is no larger. So the rule
checks, for each cell outside, that smallest box: exact, and fast enough for every figure.

It is conservative in one way: it counts as requestable every combination of attribute values,
including some no form offers (two breakdowns at once). That hides a few more figures than
strictly needed, never fewer.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from .cells import ATTRIBUTES


@dataclass(frozen=True)
class Box:
    """A population: constrained attributes (name → value) and an inclusive month range."""

    values: tuple = ()  # ((attribute, value), …)
    first_month: object = None  # a date (first of a month) or None: from the start
    last_month: object = None  # None: to the end

    def contains(self, cell):
        for name, value in self.values:
            if getattr(cell, name) != value:
                return False
        if self.first_month is not None and cell.month < self.first_month:
            return False
        return self.last_month is None or cell.month <= self.last_month

    def narrowed(self, *, name=None, value=None, first_month=None, last_month=None):
        """This box with one more attribute fixed, or its months narrowed to a range."""
        values = self.values
        if name is not None:
            values = (*(pair for pair in values if pair[0] != name), (name, value))
        first = self.first_month
        last = self.last_month
        if first_month is not None:
            first = first_month if first is None else max(first, first_month)
        if last_month is not None:
            last = last_month if last is None else min(last, last_month)
        return Box(values=values, first_month=first, last_month=last)


@dataclass
class Decision:
    people: int
    released: bool
    # Why not: "small" (fewer people than the minimum) or "complement" (another request
    # would differ from this one by fewer people than the minimum).
    reason: str = ""
    cells: list = field(default_factory=list)


def decide(box, cells, min_size):
    """Whether the figure of `box` may be released, given every cell of the indicator."""
    inside = [cell for cell in cells if box.contains(cell)]
    people = sum(cell.people for cell in inside)
    if people < min_size:
        return Decision(people=people, released=False, reason="small", cells=inside)
    if complement_too_small(inside, cells, min_size):
        return Decision(people=people, released=False, reason="complement", cells=inside)
    return Decision(people=people, released=True, cells=inside)


def complement_too_small(inside, cells, min_size):
    """True if some coarser population holds 1 to min_size - 1 people more than `inside`."""
    if min_size <= 1 or not inside:
        return False
    # The tightest box around the population: each attribute all its people share is fixed.
    hull = {}
    for name in ATTRIBUTES:
        values = {getattr(cell, name) for cell in inside}
        if len(values) == 1:
            hull[name] = values.pop()
    first = min(cell.month for cell in inside)
    last = max(cell.month for cell in inside)
    inside_ids = {id(cell) for cell in inside}
    # People outside, by which of the fixed attributes they differ on and by month.
    outside = defaultdict(int)
    for cell in cells:
        if id(cell) in inside_ids or not cell.people:
            continue
        differs = frozenset(name for name, value in hull.items() if getattr(cell, name) != value)
        outside[(differs, cell.month)] += cell.people
    groups = list(outside.items())
    for (differs, month), _people in groups:
        # The smallest box holding the population and this group's cells: the attributes it
        # differs on left free, the months stretched to reach it.
        low, high = min(first, month), max(last, month)
        added = sum(
            count
            for (other_differs, other_month), count in groups
            if other_differs <= differs and low <= other_month <= high
        )
        if 0 < added < min_size:
            return True
    return False
