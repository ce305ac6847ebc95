"""The charts (quizzes/reports/charts, issue 17): one geometry, drawn as SVG and as PDF vectors.

The geometry is checked for random data (labels of 1–60 characters, values 0, 1 or missing,
1–24 groups): every shape and every text's estimated box lies inside the chart's box, so
nothing is clipped, a point at 100% included. The figures are checked as the reader gets them:
French numbers, hidden groups drawn as a gap whose value is nowhere in the SVG, valid XML, a
drawing reportlab renders to PDF.
"""

import ast
import io
import random
import string
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.utils import translation
from django.utils.safestring import SafeString
from pypdf import PdfReader
from reportlab.graphics import renderPDF

from quizzes.models import Indicator, IndicatorKind
from quizzes.reports import ReportRow
from quizzes.reports.charts import layout
from quizzes.reports.charts.figures import (
    breakdown_chart,
    outcomes_chart,
    outputs_chart,
    trend_chart,
)
from quizzes.reports.charts.shapes import Band, Circle, Line, Polyline, Text, shape_box
from quizzes.reports.overview import OutcomeLine, OutputGroup, OutputLine, Overview

SVG = "{http://www.w3.org/2000/svg}"
CHARTS = Path(__file__).resolve().parents[3] / "quizzes" / "reports" / "charts"


def percent_tick(value):
    return f"{round(value * 100)}%"


def random_label(rng):
    alphabet = string.ascii_letters + string.digits + "     éÉÀçœWM%—-"
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 60)))


def random_series(rng, count):
    values = [rng.choice([0.0, 1.0, None, rng.random()]) for _ in range(count)]
    low = [None if v is None else max(0.0, v - rng.random() / 3) for v in values]
    high = [None if v is None else min(1.0, v + rng.random() / 3) for v in values]
    return values, low, high


def assert_inside(chart):
    assert chart.shapes
    outside = [(shape, shape_box(shape)) for shape in layout.outside(chart)]
    assert not outside, f"{chart.kind} {chart.width}×{chart.height}: {outside[:3]}"


@pytest.mark.parametrize("seed", range(60))
def test_every_shape_and_text_lies_inside_the_chart(seed):
    rng = random.Random(seed)
    count = rng.randint(1, 24)
    labels = [random_label(rng) for _ in range(count)]
    values, low, high = random_series(rng, count)
    notes = [random_label(rng)[:24] for _ in range(count)]
    legend = [("value", random_label(rng)), ("interval", random_label(rng)), ("target", "T")]
    target = rng.choice([None, 0.0, 0.85, 1.0])
    scale = layout.share_scale()
    charts = [
        layout.line_chart(
            labels,
            values,
            low,
            high,
            scale=scale,
            tick_text=percent_tick,
            target=target,
            legend=legend,
        ),
        layout.bar_chart(
            labels,
            values,
            low,
            high,
            notes,
            scale=scale,
            tick_text=percent_tick,
            target=target,
            legend=legend,
        ),
        layout.bar_chart(
            labels[:3],
            values[:3],
            low[:3],
            high[:3],
            notes[:3],
            scale=scale,
            tick_text=percent_tick,
            horizontal=False,
        ),
        layout.bullet_chart(
            labels,
            values,
            low,
            high,
            [rng.choice([None, 0.0, 0.8, 1.0]) for _ in labels],
            notes,
            tick_text=percent_tick,
            legend=legend,
        ),
        layout.bar_chart(
            labels,
            [None if v is None else round(v * 500) for v in values],
            notes=notes,
            scale=layout.count_scale([round((v or 0) * 500) for v in values]),
            tick_text=str,
            horizontal=True,
        ),
    ]
    changes = [None if v is None else v * 2 - 1 for v in values]
    charts.append(
        layout.line_chart(
            labels, changes, scale=layout.change_scale(changes), tick_text=lambda t: f"{t:+.0%}"
        )
    )
    charts.append(
        layout.bar_chart(
            labels,
            [None if v is None else 1 + 4 * v for v in values],
            notes=notes,
            scale=layout.rating_scale(),
            tick_text=str,
            target=4.5,
        )
    )
    for chart in charts:
        assert_inside(chart)


def test_a_point_at_100_percent_is_drawn_whole_inside_the_plot():
    chart = layout.line_chart(
        ["Jan", "Feb", "Mar"],
        [1.0, 1.0, 0.0],
        [0.9, 0.95, 0.0],
        [1.0, 1.0, 0.1],
        scale=layout.share_scale(),
        tick_text=percent_tick,
        target=1.0,
    )
    assert_inside(chart)
    grid = [shape for shape in chart.shapes if isinstance(shape, Line) and shape.role == "grid"]
    top_grid = min(line.y1 for line in grid)
    points = [shape for shape in chart.shapes if isinstance(shape, Circle)]
    assert len(points) == 3
    # The 100% gridline is inset from the top: the point's whole disc is below the chart's top.
    assert all(point.cy - point.r > 0 for point in points)
    assert min(point.cy for point in points) == pytest.approx(top_grid)


def test_a_missing_value_breaks_the_line_and_leaves_a_gap():
    chart = layout.line_chart(
        ["1", "2", "3", "4", "5"],
        [0.5, 0.6, None, 0.7, 0.8],
        [0.4, 0.5, None, 0.6, 0.7],
        [0.6, 0.7, None, 0.8, 0.9],
        scale=layout.share_scale(),
        tick_text=percent_tick,
    )
    lines = [shape for shape in chart.shapes if isinstance(shape, Polyline)]
    bands = [shape for shape in chart.shapes if isinstance(shape, Band)]
    assert [len(line.points) for line in lines] == [2, 2]
    assert len(bands) == 2
    assert len([shape for shape in chart.shapes if isinstance(shape, Circle)]) == 4


def test_many_groups_or_long_labels_make_the_bars_horizontal():
    few = layout.bar_chart(
        ["A", "B", "C"],
        [0.2, 0.5, 0.9],
        notes=["20%", "50%", "90%"],
        scale=layout.share_scale(),
        tick_text=percent_tick,
    )
    many = layout.bar_chart(
        [f"Group {i}" for i in range(8)],
        [0.5] * 8,
        scale=layout.share_scale(),
        tick_text=percent_tick,
    )
    long = layout.bar_chart(
        ["Sponsorship Agreement Holder staff and constituent group members", "B", "C", "D"],
        [0.5, 0.6, 0.7, 0.8],
        scale=layout.share_scale(),
        tick_text=percent_tick,
    )
    labels = [s for s in few.shapes if isinstance(s, Text) and s.role == "axis-label"]
    assert {label.anchor for label in labels} == {"middle"}
    for chart in (many, long):
        labels = [s for s in chart.shapes if isinstance(s, Text) and s.role == "label"]
        assert {label.anchor for label in labels} == {"end"}
        assert_inside(chart)
    assert many.height >= 8 * 24  # one row per group


# --- Figures in the reader's language --------------------------------------------------------


def indicator(
    kind=IndicatorKind.SHARE_FAVOURABLE, target="0.85", name="Found the training helpful"
):
    return Indicator(
        code="helpful",
        name=name,
        kind=kind,
        min_group_size=5,
        target=None if target is None else Decimal(target),
    )


def row(label, value, *, n=20, group_by="role", suppressed=False, hidden_because=""):
    low = None if value is None else max(0.0, value - 0.1)
    high = None if value is None else min(1.0, value + 0.1)
    return ReportRow(
        group_by=group_by,
        group=label,
        n=n,
        value=value,
        ci_low=low,
        ci_high=high,
        target=0.85,
        suppressed=suppressed,
        label=label,
        hidden_because=hidden_because,
    )


def hidden(label, *, group_by="role", because="small"):
    # A hidden row keeps its n and value in memory: the chart must never show them.
    return row(label, 0.4321, n=3, group_by=group_by, suppressed=True, hidden_because=because)


def svg_texts(svg):
    root = ET.fromstring(str(svg))  # noqa: S314 - our own SVG
    return [element.text or "" for element in root.iter(f"{SVG}text")], root


def test_trend_chart_in_french_says_its_figures_the_french_way():
    rows = [
        row("janv. 2026", 0.62, group_by="period"),
        hidden("févr. 2026", group_by="period"),
        row("mars 2026", 1.0, group_by="period"),
    ]
    with translation.override("fr"):
        figure = trend_chart(indicator(), rows, period="month")
        svg = figure.svg("indicator-1-trend")
    assert isinstance(svg, SafeString)
    texts, root = svg_texts(svg)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "indicator-1-trend-title indicator-1-trend-desc"
    assert root.get("viewBox").startswith("0 0 640 ")
    assert "100 %" in texts and "50 %" in texts
    assert "Cible" in texts
    assert figure.description.startswith("Found the training helpful")
    assert "62 %" in figure.description and "100 %" in figure.description
    assert "85 %" in figure.description
    # The hidden month's value (43%) is nowhere: not in a text, not in the description.
    assert not [text for text in texts if "43" in text]
    assert "43" not in figure.description
    assert "onload" not in svg and "<script" not in svg and "href" not in svg
    assert len(root.findall(f"{SVG}circle")) == 2


def test_breakdown_chart_draws_no_bar_for_a_hidden_group():
    rows = [
        row("Settlement worker", 0.8),
        hidden("Sponsor", because="complement"),
        hidden("Sponsorship Agreement Holder staff"),
    ]
    with translation.override("en"):
        figure = breakdown_chart(indicator(), rows)
        svg = figure.svg("chart-role")
    texts, root = svg_texts(svg)
    bars = [r for r in root.iter(f"{SVG}rect") if r.get("class") == "chart-value"]
    assert len(bars) == 1
    assert "80%" in texts
    assert "fewer than 5" in texts
    assert "hidden to protect a smaller group" in " ".join(texts)
    assert not [text for text in texts if "43" in text] and "43" not in figure.description
    assert figure.title == "Found the training helpful by role"
    assert "Sponsor: hidden to protect a smaller group" in figure.description


def test_text_in_the_svg_is_escaped():
    rows = [row('<script>alert("x")</script> & co', 0.5), row("B", 0.6)]
    figure = breakdown_chart(indicator(name="Helpful <b>"), rows)
    svg = figure.svg("x")
    assert "<script>" not in svg and "<b>" not in svg
    svg_texts(svg)  # still well-formed XML


def test_a_rating_and_a_change_use_their_own_scales():
    rating = indicator(IndicatorKind.MEAN_RATING, target="4.5", name="Rating")
    rows = [
        ReportRow("period", m, 20, v, v - 0.3, v + 0.3, 4.5, label=m)
        for m, v in (("Jan", 4.2), ("Feb", 5.0))
    ]
    texts, _root = svg_texts(trend_chart(rating, rows).svg("r"))
    assert {"1", "5"} <= set(texts)
    change = indicator(IndicatorKind.PRE_POST_CHANGE, target=None, name="Change")
    rows = [
        ReportRow("period", m, 20, v, v - 0.1, v + 0.1, None, label=m)
        for m, v in (("Jan", 0.15), ("Feb", -0.05))
    ]
    figure = trend_chart(change, rows)
    texts, _root = svg_texts(figure.svg("c"))
    assert "0" in texts and any(text.startswith("+") for text in texts)
    assert any(text.startswith("-") for text in texts)
    assert_inside(figure.chart)


def outcome(name, value, *, target="0.85", suppressed=False):
    ind = indicator(name=name, target=target)
    total = row("total", value, group_by="total", suppressed=suppressed, hidden_because="small")
    return OutcomeLine(
        indicator=ind,
        report=SimpleNamespace(total=total),
        name=name,
        value="fewer than 5" if suppressed else f"{round(value * 100)}%",
        n="20",
        interval="",
        target="85%",
        met=None,
        met_text="",
        suppressed=suppressed,
        sentence="",
    )


def overview():
    trained = OutputLine(
        key="learners_trained",
        label="Learners trained",
        definition="",
        count="153",
        suppressed=False,
        number=153,
        breakdowns=[
            (
                "role",
                "By role",
                [
                    OutputGroup("Settlement worker", "120", False, 120),
                    OutputGroup("Sponsor", "30", False, 30),
                    OutputGroup("Sponsorship Agreement Holder staff", "fewer than 5", True, None),
                ],
            )
        ],
    )
    return Overview(
        outputs=[trained],
        outcomes=[
            outcome("Found the training helpful", 0.87),
            outcome("Passed the knowledge check", 1.0),
            outcome("Would recommend it", 0.5, suppressed=True),
        ],
        highlights=[],
    )


def test_outcomes_chart_is_a_row_per_share_with_hidden_ones_as_a_labelled_gap():
    figure = outcomes_chart(overview())
    texts, root = svg_texts(figure.svg("outcomes"))
    assert "87%" in texts and "100%" in texts and "fewer than 5" in texts
    bars = [r for r in root.iter(f"{SVG}rect") if r.get("class") == "chart-value"]
    assert len(bars) == 2
    targets = [line for line in root.iter(f"{SVG}line") if line.get("class") == "chart-target"]
    assert len(targets) == 2
    assert "Would recommend it: fewer than 5" in figure.description
    assert_inside(figure.chart)
    hidden_only = Overview(
        outputs=[], outcomes=[outcome("Would recommend it", 0.5, suppressed=True)], highlights=[]
    )
    assert outcomes_chart(hidden_only) is None


def test_outputs_chart_draws_learners_trained_by_role():
    figure = outputs_chart(overview())
    texts, root = svg_texts(figure.svg("outputs"))
    assert "120" in texts and "fewer than 5" in texts
    assert len([r for r in root.iter(f"{SVG}rect") if r.get("class") == "chart-value"]) == 2
    assert outputs_chart(Overview(outputs=[], outcomes=[], highlights=[])) is None


def test_the_drawing_renders_to_a_pdf_with_the_french_text():
    rows = [row("Travailleur d'établissement", 0.87), hidden("Répondant")]
    with translation.override("fr"):
        figure = breakdown_chart(indicator(), rows)
        drawing = figure.drawing(468)
    assert drawing.width == 468
    data = renderPDF.drawToString(drawing)
    text = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert "87" in text and "établissement" in text and "moins de 5" in text


def test_layout_shapes_and_svg_import_no_django():
    for name in ("layout.py", "shapes.py", "svg.py", "drawing.py"):
        tree = ast.parse((CHARTS / name).read_text())
        imported = {
            node.module.split(".")[0]
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module and not node.level
        } | {
            alias.name.split(".")[0]
            for node in ast.walk(tree)
            if isinstance(node, ast.Import)
            for alias in node.names
        }
        assert not imported & {"django", "learning", "quizzes", "content"}, name
