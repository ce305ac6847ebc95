"""A chart's shapes (layout.py) as SVG: pure Python, a plain string (issue 17).

The SVG scales with its container (width 100%, height from its viewBox), names itself for
screen readers (role="img", <title> and <desc>), and carries no script, event handler, style
element or external reference: the admin's Content Security Policy allows it inline. Colours
are presentation attributes, those of the dashboard's charts.
"""

from xml.sax.saxutils import escape, quoteattr

from .shapes import Band, Circle, Line, Polyline, Rect, Text

FONT_FAMILY = "'Noto Sans', 'DejaVu Sans', Arial, sans-serif"


def _number(value):
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _points(points):
    return " ".join(f"{_number(x)},{_number(y)}" for x, y in points)


def _attributes(**attributes):
    parts = []
    for name, value in attributes.items():
        if value is None or value == "":
            continue
        if isinstance(value, float | int) and not isinstance(value, bool):
            value = _number(value)
        parts.append(f"{name.rstrip('_').replace('_', '-')}={quoteattr(str(value))}")
    return " ".join(parts)


def _opacity(value):
    return None if value >= 1 else value


def _element(shape):
    role = f"chart-{shape.role}" if shape.role else None
    if isinstance(shape, Text):
        attributes = _attributes(
            x=shape.x,
            y=shape.y,
            font_size=shape.size,
            text_anchor=shape.anchor if shape.anchor != "start" else None,
            font_weight="bold" if shape.bold else None,
            fill=shape.fill,
            class_=role,
        )
        return f"<text {attributes}>{escape(shape.text)}</text>"
    if isinstance(shape, Rect):
        tag, attributes = "rect", {"x": shape.x, "y": shape.y, "width": shape.w}
        attributes.update(height=shape.h, fill=shape.fill, fill_opacity=_opacity(shape.opacity))
    elif isinstance(shape, Line):
        tag = "line"
        attributes = {"x1": shape.x1, "y1": shape.y1, "x2": shape.x2, "y2": shape.y2}
        attributes.update(
            stroke=shape.stroke,
            stroke_width=shape.width,
            stroke_dasharray=" ".join(_number(d) for d in shape.dash) or None,
        )
    elif isinstance(shape, Polyline):
        tag, attributes = "polyline", {"points": _points(shape.points), "fill": "none"}
        attributes.update(stroke=shape.stroke, stroke_width=shape.width, stroke_linejoin="round")
    elif isinstance(shape, Circle):
        tag, attributes = "circle", {"cx": shape.cx, "cy": shape.cy, "r": shape.r}
        attributes["fill"] = shape.fill
    elif isinstance(shape, Band):
        tag, attributes = "polygon", {"points": _points(shape.points), "fill": shape.fill}
        attributes["fill_opacity"] = _opacity(shape.opacity)
    else:
        raise TypeError(f"not a chart shape: {shape!r}")
    return f"<{tag} {_attributes(**attributes, class_=role)} />"


def chart_svg(chart, *, dom_id, title, description):
    """The chart as an <svg> element (a str): `dom_id` names its <title> and <desc>."""
    title_id, desc_id = f"{dom_id}-title", f"{dom_id}-desc"
    head = _attributes(
        xmlns="http://www.w3.org/2000/svg",
        id=dom_id,
        class_=f"chart chart-{chart.kind}",
        viewBox=f"0 0 {_number(chart.width)} {_number(chart.height)}",
        width="100%",
        preserveAspectRatio="xMidYMid meet",
        role="img",
        aria_labelledby=f"{title_id} {desc_id}",
        font_family=FONT_FAMILY,
    )
    body = "\n".join(_element(shape) for shape in chart.shapes)
    return (
        f"<svg {head}>\n"
        f"<title id={quoteattr(title_id)}>{escape(str(title))}</title>\n"
        f"<desc id={quoteattr(desc_id)}>{escape(str(description))}</desc>\n"
        f"{body}\n</svg>"
    )
