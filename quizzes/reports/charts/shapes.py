"""The shapes, text sizes and scales the chart layouts (layout.py) are made of (issue 17).

Pure Python, no Django: the dashboard's and the report's SVG (svg.py) and the PDF's vector
drawing (drawing.py) draw exactly these shapes, so they show literally the same chart.

Coordinates are user units in a box `width` × `height` (640 × 240 for a trend or a few bars;
horizontal bars and the bullet chart grow one row per group), y pointing down as in SVG. Every
shape, and every text's estimated box (characters × font size, on the wide side), lies inside
the box: nothing is clipped, whatever the labels or values. Values sit inside the plot with a
margin, so a point, bar or whisker at exactly 0% or 100% is drawn whole (issue 17: "trend charts
clip points at 100%"). A missing value (None: a group hidden by the privacy rule) leaves a gap:
no point, no bar, the line broken.
"""

import math
from dataclasses import dataclass, field

WIDTH, HEIGHT = 640, 240
PAD = 8  # between the box and anything drawn
INSET = 9  # between the plot's edge and the domain's ends: a marker at 100% fits
FONT, SMALL = 11, 10
LINE_GAP = 1.3  # line height, in font sizes
MAX_VERTICAL_GROUPS = 6

VALUE = "#007d7e"
INTERVAL = "#007d7e"
INTERVAL_OPACITY = 0.15
TARGET = "#b3261e"
TEXT = "#1d2430"
MUTED = "#4a5568"
GRID = "#cfd8df"
TRACK = "#e8eef1"
BAR_OPACITY = 0.85


# --- Shapes -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    fill: str
    opacity: float = 1.0
    role: str = ""


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    stroke: str
    width: float = 1.0
    dash: tuple = ()
    role: str = ""


@dataclass(frozen=True)
class Polyline:
    points: tuple  # ((x, y), ...)
    stroke: str
    width: float = 2.0
    role: str = ""


@dataclass(frozen=True)
class Circle:
    cx: float
    cy: float
    r: float
    fill: str
    role: str = ""


@dataclass(frozen=True)
class Band:
    """A closed area: the 95% interval between its upper and lower bounds."""

    points: tuple
    fill: str
    opacity: float = 1.0
    role: str = ""


@dataclass(frozen=True)
class Text:
    x: float
    y: float  # the baseline
    text: str
    size: float = FONT
    anchor: str = "start"  # start, middle or end
    bold: bool = False
    fill: str = TEXT
    role: str = ""


@dataclass
class Chart:
    kind: str
    width: float
    height: float
    shapes: list = field(default_factory=list)


# --- Text sizes, estimated on the wide side (DejaVu Sans is wider than Noto Sans) --------------

_NARROW = set("ijlrtfI!|.,:;'`()[] ")
_WIDE = set("mwMW@%—")


def char_width(char):
    if char in _NARROW:
        return 0.36
    if char in _WIDE:
        return 0.98
    if char.isdigit():
        return 0.64
    if char.isupper():
        return 0.76
    if char.islower():
        return 0.62
    return 0.72


def text_width(text, size=FONT, bold=False):
    width = sum(char_width(char) for char in text) * size
    return width * 1.08 if bold else width


def text_box(shape):
    """(left, top, right, bottom) of a text as a browser measures it: ascent and descent."""
    width = text_width(shape.text, shape.size, shape.bold)
    left = {"start": shape.x, "middle": shape.x - width / 2, "end": shape.x - width}[shape.anchor]
    return left, shape.y - 1.1 * shape.size, left + width, shape.y + 0.32 * shape.size


def ellipsis(text, max_width, size=FONT, bold=False):
    """The text, cut with "…" to fit `max_width` (empty when not even "…" fits)."""
    text = " ".join(str(text).split())
    if text_width(text, size, bold) <= max_width:
        return text
    while text and text_width(text + "…", size, bold) > max_width:
        text = text[:-1]
    text = text.rstrip()
    return f"{text}…" if text else ""


def wrap(text, max_width, size=FONT, lines=2, bold=False):
    """The text in at most `lines` lines of `max_width`, the last one cut with "…"."""
    words, out, current = " ".join(str(text).split()).split(" "), [], ""
    for index, word in enumerate(words):
        candidate = f"{current} {word}".strip()
        if text_width(candidate, size, bold) <= max_width or not current:
            current = candidate
            continue
        out.append(current)
        current = word
        if len(out) == lines - 1:
            current = " ".join([word, *words[index + 1 :]])
            break
    out.append(current)
    out = [ellipsis(line, max_width, size, bold) for line in out[:lines]]
    return [line for line in out if line]


def shape_box(shape):
    """(left, top, right, bottom) of any shape, strokes included."""
    if isinstance(shape, Text):
        return text_box(shape)
    if isinstance(shape, Rect):
        return shape.x, shape.y, shape.x + shape.w, shape.y + shape.h
    if isinstance(shape, Circle):
        return shape.cx - shape.r, shape.cy - shape.r, shape.cx + shape.r, shape.cy + shape.r
    if isinstance(shape, Line):
        points, half = ((shape.x1, shape.y1), (shape.x2, shape.y2)), shape.width / 2
    else:
        points, half = shape.points, getattr(shape, "width", 0) / 2
    xs, ys = [x for x, _y in points], [y for _x, y in points]
    return min(xs) - half, min(ys) - half, max(xs) + half, max(ys) + half


def outside(chart):
    """The shapes that pass the chart's box: none, for a chart drawn right."""
    found = []
    for shape in chart.shapes:
        left, top, right, bottom = shape_box(shape)
        if min(left, top) < -0.01 or right > chart.width + 0.01 or bottom > chart.height + 0.01:
            found.append(shape)
    return found


# --- Scales -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scale:
    low: float
    high: float
    ticks: tuple
    base: float  # where bars start: 0 when the scale holds it, else its low end

    def clamp(self, value):
        return min(self.high, max(self.low, value))


def _nice_step(raw):
    if raw <= 0:
        return 1
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * power + 1e-12:
            return factor * power
    return 10 * power


def _ticks(low, high, step):
    count = round((high - low) / step)
    return tuple(round(low + step * index, 10) for index in range(count + 1))


def share_scale():
    """0–100%: shares, pass rates and average scores."""
    return Scale(0.0, 1.0, (0.0, 0.25, 0.5, 0.75, 1.0), 0.0)


def rating_scale(low=1, high=5):
    return Scale(float(low), float(high), tuple(float(v) for v in range(low, high + 1)), low)


def change_scale(values):
    """Pre/post change: symmetrical around 0, from −1 to +1 (points /100) at most."""
    reach = max([abs(value) for value in values if value is not None] or [0.1])
    reach = min(1.0, max(reach, 0.05))
    step = _nice_step(reach / 2)
    top = min(1.0, math.ceil(reach / step - 1e-9) * step)
    return Scale(-top, top, _ticks(-top, top, step), 0.0)


def count_scale(values):
    """Counts: from 0 to a round number above the largest."""
    top = max([value for value in values if value is not None] or [1])
    step = _nice_step(max(top, 1) / 4)
    if step < 1:
        step = 1
    high = math.ceil(top / step - 1e-9) * step or step
    return Scale(0.0, float(high), _ticks(0, high, step), 0.0)


def position(scale, value, start, end):
    """Where a value lies from start to end (the plot's edges, either way), inset at both ends."""
    span = scale.high - scale.low or 1
    share = (scale.clamp(value) - scale.low) / span
    direction = 1 if end >= start else -1
    return start + direction * INSET + share * (end - start - 2 * direction * INSET)


# --- Legend -----------------------------------------------------------------------------------


def legend_shapes(items, left, right, baseline):
    """Swatches and words in one row: items are (kind, text); kind is value (a line), bar,
    interval (a band), whisker, target (a dashed line) or tick (a target's mark)."""
    shapes, x = [], left
    for kind, words in items:
        if not words or x + 30 > right:
            continue
        middle = baseline - FONT * 0.35
        if kind == "interval":
            shapes.append(
                Rect(x, middle - 5, 18, 10, INTERVAL, INTERVAL_OPACITY, "legend-interval")
            )
        elif kind == "whisker":
            whisker(shapes, x + 2, x + 16, middle, vertical=False)
        elif kind == "target":
            shapes.append(Line(x, middle, x + 18, middle, TARGET, 2, (6, 4), "legend-target"))
        elif kind == "tick":
            shapes.append(
                Line(x + 9, middle - 6, x + 9, middle + 6, TARGET, 2.5, (), "legend-target")
            )
        elif kind == "bar":
            shapes.append(Rect(x, middle - 5, 18, 10, VALUE, BAR_OPACITY, "legend-value"))
        else:
            shapes.append(Line(x, middle, x + 18, middle, VALUE, 2, (), "legend-value"))
        words = ellipsis(words, right - x - 24, SMALL)
        if words:
            shapes.append(Text(x + 24, baseline, words, SMALL, "start", fill=TEXT, role="legend"))
        x += 24 + text_width(words, SMALL) + 16
    return shapes


def legend_height(items):
    return SMALL * LINE_GAP + 12 if any(words for _kind, words in items) else 0


def whisker(shapes, a, b, across, vertical, cap=4):
    """An interval as a line from a to b with caps, across the line at `across`."""
    if vertical:
        shapes.append(Line(across, a, across, b, TEXT, 1.25, (), "interval"))
        shapes += [
            Line(across - cap, y, across + cap, y, TEXT, 1.25, (), "interval") for y in (a, b)
        ]
    else:
        shapes.append(Line(a, across, b, across, TEXT, 1.25, (), "interval"))
        shapes += [
            Line(x, across - cap, x, across + cap, TEXT, 1.25, (), "interval") for x in (a, b)
        ]


def runs(flags):
    """Index runs where flags are true: [[0, 1, 2], [5], ...]."""
    runs, current = [], []
    for index, flag in enumerate(flags):
        if flag:
            current.append(index)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def value_axis_width(scale, tick_text):
    return max(text_width(tick_text(tick), SMALL) for tick in scale.ticks)
