"""A chart's shapes (layout.py) as a reportlab Drawing: vector graphics for the PDF (issue 17).

Pure Python (reportlab, no Django). The shapes are in user units with y pointing down; the
drawing is scaled to the width asked, in points, with y pointing up as PDF has it. The fonts are
those the PDF writes its text in (fonts.py registers them), so the chart's words read as its
paragraphs do, French included.
"""

from reportlab.graphics.shapes import Circle as CircleShape
from reportlab.graphics.shapes import Drawing, Polygon, PolyLine, String
from reportlab.graphics.shapes import Line as LineShape
from reportlab.graphics.shapes import Rect as RectShape
from reportlab.lib import colors

from .shapes import Band, Circle, Line, Polyline, Rect, Text


def _colour(hex_colour, opacity=1.0):
    colour = colors.HexColor(hex_colour)
    if opacity >= 1:
        return colour
    return colors.Color(colour.red, colour.green, colour.blue, alpha=opacity)


def chart_drawing(chart, width, *, font="Helvetica", bold_font="Helvetica-Bold", text=str):
    """The chart as a Drawing `width` points wide. `text` prepares each string for the font
    (latin1_safe for the standard fonts; unchanged for a Unicode TrueType font)."""
    scale = width / chart.width
    height = chart.height * scale
    drawing = Drawing(width, height)

    def x_of(x):
        return x * scale

    def y_of(y):
        return height - y * scale

    def flat(points):
        return [value for x, y in points for value in (x_of(x), y_of(y))]

    for shape in chart.shapes:
        if isinstance(shape, Rect):
            drawing.add(
                RectShape(
                    x_of(shape.x),
                    y_of(shape.y + shape.h),
                    shape.w * scale,
                    shape.h * scale,
                    fillColor=_colour(shape.fill, shape.opacity),
                    strokeColor=None,
                )
            )
        elif isinstance(shape, Line):
            drawing.add(
                LineShape(
                    x_of(shape.x1),
                    y_of(shape.y1),
                    x_of(shape.x2),
                    y_of(shape.y2),
                    strokeColor=_colour(shape.stroke),
                    strokeWidth=shape.width * scale,
                    strokeDashArray=[d * scale for d in shape.dash] or None,
                )
            )
        elif isinstance(shape, Polyline):
            drawing.add(
                PolyLine(
                    flat(shape.points),
                    strokeColor=_colour(shape.stroke),
                    strokeWidth=shape.width * scale,
                    strokeLineJoin=1,
                )
            )
        elif isinstance(shape, Circle):
            drawing.add(
                CircleShape(
                    x_of(shape.cx),
                    y_of(shape.cy),
                    shape.r * scale,
                    fillColor=_colour(shape.fill),
                    strokeColor=None,
                )
            )
        elif isinstance(shape, Band):
            drawing.add(
                Polygon(
                    flat(shape.points),
                    fillColor=_colour(shape.fill, shape.opacity),
                    strokeColor=None,
                    strokeWidth=0,
                )
            )
        elif isinstance(shape, Text):
            drawing.add(
                String(
                    x_of(shape.x),
                    y_of(shape.y),
                    text(shape.text),
                    fontName=bold_font if shape.bold else font,
                    fontSize=shape.size * scale,
                    fillColor=_colour(shape.fill),
                    textAnchor=shape.anchor,
                )
            )
    return drawing
