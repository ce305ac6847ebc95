"""Charts drawn once, shown three ways: the dashboard's and the HTML report's SVG and the PDF's
vector drawing (issue 17). layout.py (pure Python) makes the shapes, svg.py and drawing.py draw
them, figures.py builds them from reports and the overview in the reader's language.

Import `quizzes.reports.charts.figures` for the project's charts; this package's __init__
imports nothing, so that the exports (which draw the charts in the PDF) and the charts (which
format numbers as the exports do) can import each other's modules.
"""
