"""Chart geometry from plain data: the charts the dashboard, the HTML report and the PDF draw.

Pure Python, no Django (issue 17). Three kinds:

- `line_chart`: a trend by month or quarter: points joined by a line that breaks where a value
  is missing, the 95% interval as a band (a whisker where a point stands alone), and the target
  as a dashed line.
- `bar_chart`: one bar per group with its interval's whisker; horizontal when there are more
  than six groups or a label would not fit under its bar, so labels never overlap.
- `bullet_chart`: the overview: one row per indicator measured as a share, its value as a bar
  over 0–100%, its interval, a tick at its target, the value in words at the right.

Every layout takes its words ready-made (labels, notes, legend, `tick_text` for the axis) in the
reader's language, so this module formats no number. A value of None is a gap: nothing is drawn
for it, and only its note (e.g. "fewer than 5") says why. Everything lies inside the chart's box
(shapes.outside(chart) is empty): tests/quizzes/reports/test_charts.py checks it for random data.
"""

import math

from .shapes import (
    BAR_OPACITY,
    FONT,
    GRID,
    HEIGHT,
    INTERVAL,
    INTERVAL_OPACITY,
    LINE_GAP,
    MAX_VERTICAL_GROUPS,
    MUTED,
    PAD,
    SMALL,
    TARGET,
    TEXT,
    TRACK,
    VALUE,
    WIDTH,
    Band,
    Chart,
    Circle,
    Line,
    Polyline,
    Rect,
    Scale,
    Text,
    count_scale,
    ellipsis,
    legend_height,
    legend_shapes,
    position,
    rating_scale,
    runs,
    share_scale,
    text_width,
    value_axis_width,
    whisker,
    wrap,
)
from .shapes import change_scale as change_scale
from .shapes import outside as outside

BAR_MIN = 1.5  # a value at the bar's base still shows as a sliver


def _present(values, low, high):
    low = low or [None] * len(values)
    high = high or [None] * len(values)
    return list(low), list(high)


def _value_grid(shapes, scale, tick_text, left, right, top, bottom):
    """Horizontal grid lines and their labels at the left: the value axis of a column chart."""
    for tick in scale.ticks:
        y = position(scale, tick, bottom, top)
        colour = MUTED if tick == 0 and scale.low < 0 < scale.high else GRID
        shapes.append(Line(left, y, right, y, colour, 1, (), "grid"))
        shapes.append(
            Text(left - 6, y + 0.35 * SMALL, tick_text(tick), SMALL, "end", False, MUTED, "tick")
        )


def _category_labels(shapes, labels, xs, step, width, baseline):
    """Labels under the points of a trend, every k-th when they would overlap."""
    if not labels:
        return
    widest = max(text_width(str(label), SMALL) for label in labels)
    every = max(1, math.ceil((widest + 8) / step))
    for index in range(0, len(labels), every):
        x = xs[index]
        room = min(step * every - 6, 2 * (x - PAD), 2 * (width - PAD - x))
        words = ellipsis(labels[index], room, SMALL)
        if words:
            shapes.append(Text(x, baseline, words, SMALL, "middle", False, MUTED, "axis-label"))


def line_chart(
    labels,
    values,
    low=None,
    high=None,
    *,
    scale,
    tick_text,
    target=None,
    legend=(),
    width=WIDTH,
    height=HEIGHT,
):
    """A trend: labels (periods), values, their intervals' low and high ends (None: a gap)."""
    low, high = _present(values, low, high)
    shapes = []
    label_height = SMALL * LINE_GAP + 4
    top = PAD
    bottom = height - PAD - legend_height(legend) - label_height
    left = PAD + value_axis_width(scale, tick_text) + 6
    right = width - PAD
    _value_grid(shapes, scale, tick_text, left, right, top, bottom)
    step = (right - left) / max(len(values), 1)
    xs = [left + step * (index + 0.5) for index in range(len(values))]

    def y_of(value):
        return position(scale, value, bottom, top)

    with_interval = [
        values[i] is not None and low[i] is not None and high[i] is not None
        for i in range(len(values))
    ]
    for run in runs(with_interval):
        if len(run) > 1:
            upper = [(xs[i], y_of(high[i])) for i in run]
            lower = [(xs[i], y_of(low[i])) for i in reversed(run)]
            shapes.append(Band(tuple(upper + lower), INTERVAL, INTERVAL_OPACITY, "interval"))
        else:
            i = run[0]
            whisker(shapes, y_of(low[i]), y_of(high[i]), xs[i], vertical=True)
    if target is not None:
        y = y_of(target)
        shapes.append(Line(left, y, right, y, TARGET, 2, (6, 4), "target"))
    for run in runs([value is not None for value in values]):
        if len(run) > 1:
            points = tuple((xs[i], y_of(values[i])) for i in run)
            shapes.append(Polyline(points, VALUE, 2, "value"))
    shapes += [
        Circle(xs[i], y_of(value), 3.5, VALUE, "value")
        for i, value in enumerate(values)
        if value is not None
    ]
    _category_labels(
        shapes, [str(label) for label in labels], xs, step, width, bottom + 4 + SMALL * 1.1
    )
    shapes += legend_shapes(legend, left, width - PAD, height - PAD - 0.32 * SMALL)
    return Chart("line", width, height, shapes)


def _fits_under_bars(labels, notes, slot):
    for label, note in zip(labels, notes, strict=True):
        text = " ".join(str(label).split())
        if " ".join(wrap(text, slot, SMALL, 2)) != text or text_width(note or "", SMALL) > slot:
            return False
    return True


def bar_chart(
    labels,
    values,
    low=None,
    high=None,
    notes=None,
    *,
    scale,
    tick_text,
    target=None,
    legend=(),
    width=WIDTH,
    height=HEIGHT,
    horizontal=None,
):
    """One bar per group; `notes` are the words under (or beside) each bar: its value, or why
    it is hidden. Horizontal (and as tall as its rows need) when the groups would not fit."""
    low, high = _present(values, low, high)
    notes = list(notes or [""] * len(values))
    left = PAD + value_axis_width(scale, tick_text) + 6
    slot = (width - PAD - left) / max(len(values), 1) - 8
    if horizontal is None:
        horizontal = len(values) > MAX_VERTICAL_GROUPS or not _fits_under_bars(labels, notes, slot)
    if horizontal:
        targets = [None] * len(values)
        return _rows_chart(
            "bar",
            labels,
            values,
            low,
            high,
            notes,
            scale,
            tick_text,
            targets,
            target,
            legend,
            width,
        )
    shapes = []
    top = PAD
    bottom = height - PAD - legend_height(legend) - 3 * SMALL * LINE_GAP - 4
    right = width - PAD
    _value_grid(shapes, scale, tick_text, left, right, top, bottom)
    step = (right - left) / max(len(values), 1)

    def y_of(value):
        return position(scale, value, bottom, top)

    base = y_of(scale.base)
    bar = min(step * 0.56, 56)
    for index, value in enumerate(values):
        x = left + step * (index + 0.5)
        if value is not None:
            y = y_of(value)
            length = max(abs(base - y), BAR_MIN)
            shapes.append(Rect(x - bar / 2, min(base, y), bar, length, VALUE, BAR_OPACITY, "value"))
            if low[index] is not None and high[index] is not None:
                whisker(shapes, y_of(low[index]), y_of(high[index]), x, vertical=True)
        baseline = bottom + 4 + SMALL * 1.1
        for line in wrap(labels[index], step - 8, SMALL, 2):
            shapes.append(Text(x, baseline, line, SMALL, "middle", False, TEXT, "axis-label"))
            baseline += SMALL * LINE_GAP
        note = ellipsis(notes[index] or "", step - 8, SMALL)
        if note:
            y = bottom + 4 + SMALL * 1.1 + 2 * SMALL * LINE_GAP
            colour = TEXT if value is not None else MUTED
            shapes.append(Text(x, y, note, SMALL, "middle", value is not None, colour, "note"))
    if target is not None:
        y = y_of(target)
        shapes.append(Line(left, y, right, y, TARGET, 2, (6, 4), "target"))
    shapes += legend_shapes(legend, left, width - PAD, height - PAD - 0.32 * SMALL)
    return Chart("bar", width, height, shapes)


def bullet_chart(labels, values, low, high, targets, notes, *, tick_text, legend=(), width=WIDTH):
    """The overview: one row per share (0–100%), its target as a tick on its own row."""
    low, high = _present(values, low, high)
    return _rows_chart(
        "bullet",
        labels,
        values,
        low,
        high,
        list(notes),
        share_scale(),
        tick_text,
        list(targets or [None] * len(values)),
        None,
        legend,
        width,
        label_share=0.46,
    )


ROW_GAP = 1.2  # line height of a row's label, in font sizes


def _rows_chart(
    kind,
    labels,
    values,
    low,
    high,
    notes,
    scale,
    tick_text,
    targets,
    target,
    legend,
    width,
    label_share=0.38,
):
    """Horizontal bars: labels at the left (at most `label_share` of the width, two lines),
    notes at the right, the value axis underneath."""
    wrapped = [wrap(label, width * label_share, FONT, 2) for label in labels]
    label_width = max([text_width(line, FONT) for lines in wrapped for line in lines] or [0])
    notes = [ellipsis(note or "", width * 0.24, SMALL, bold=True) for note in notes]
    note_width = max([text_width(note, SMALL, bold=True) for note in notes] or [0])
    half_tick = value_axis_width(scale, tick_text) / 2
    left = max(PAD + label_width + 10, PAD + half_tick)
    right = min(width - PAD - (note_width + 10 if note_width else 0), width - PAD - half_tick)
    most_lines = max([len(lines) for lines in wrapped] or [1])
    row = max(22, most_lines * FONT * ROW_GAP + 6)
    top = PAD
    bottom = top + row * len(values)
    height = bottom + 4 + SMALL * LINE_GAP + 4 + legend_height(legend) + PAD

    def x_of(value):
        return position(scale, value, left, right)

    shapes = []
    for tick in scale.ticks:
        x = x_of(tick)
        colour = MUTED if tick == 0 and scale.low < 0 < scale.high else GRID
        shapes.append(Line(x, top, x, bottom, colour, 1, (), "grid"))
        baseline = bottom + 4 + SMALL * 1.1
        shapes.append(Text(x, baseline, tick_text(tick), SMALL, "middle", False, MUTED, "tick"))
    bar = min(row * 0.5, 16)
    base = x_of(scale.base)
    for index, value in enumerate(values):
        middle = top + row * (index + 0.5)
        if value is not None:
            if kind == "bullet":
                start, end = x_of(scale.low), x_of(scale.high)
                shapes.append(Rect(start, middle - bar / 2, end - start, bar, TRACK, 1, "track"))
            x = x_of(value)
            length = max(abs(x - base), BAR_MIN)
            shapes.append(
                Rect(min(base, x), middle - bar / 2, length, bar, VALUE, BAR_OPACITY, "value")
            )
            if low[index] is not None and high[index] is not None:
                whisker(shapes, x_of(low[index]), x_of(high[index]), middle, vertical=False)
            if targets[index] is not None:
                x = x_of(targets[index])
                reach = bar / 2 + 4
                shapes.append(Line(x, middle - reach, x, middle + reach, TARGET, 2.5, (), "target"))
        lines = wrapped[index]
        for number, line in enumerate(lines):
            shift = (number - (len(lines) - 1) / 2) * FONT * ROW_GAP
            baseline = middle + shift + 0.35 * FONT
            shapes.append(Text(left - 10, baseline, line, FONT, "end", False, TEXT, "label"))
        if notes[index]:
            colour = TEXT if value is not None else MUTED
            shapes.append(
                Text(
                    right + 10,
                    middle + 0.35 * SMALL,
                    notes[index],
                    SMALL,
                    "start",
                    True,
                    colour,
                    "note",
                )
            )
    if target is not None:
        x = x_of(target)
        shapes.append(Line(x, top, x, bottom, TARGET, 2, (6, 4), "target"))
    shapes += legend_shapes(legend, PAD, width - PAD, height - PAD - 0.32 * SMALL)
    return Chart(kind, width, height, shapes)


__all__ = [
    "Chart",
    "Scale",
    "bar_chart",
    "bullet_chart",
    "change_scale",
    "count_scale",
    "line_chart",
    "outside",
    "rating_scale",
    "share_scale",
]
