"""The report export, for people (issue 17): XLSX or CSV in the reader's language.

Beside the *data* export (tables.py, xlsx.py: machine columns, codes, decimals, for analysts
and `indicator_report`), the report export says what the dashboard shows, as a reader reads
it: labels, not codes ("Settlement worker", "March 2026"); percentages (a percent-formatted
number in the workbook, "87 %" in a French CSV); booleans in words; hidden figures as the
words that say why ("fewer than 5"), never a number. Sheets: the overview (outputs and
outcomes), one per indicator (the total, by month or quarter, and by the breakdown chosen),
and the filters and definitions with the notes on how to read the figures. The CSV has the
same blocks one after another, each introduced by its heading line.
"""

from django.utils import translation

from .content import Block, Figure, ReaderReport, Sheet, report_sheets
from .csv_file import write_blocks
from .workbook import sheet_name, write_workbook


def _language(language):
    return "fr" if (language or "").startswith("fr") else "en"


def report_workbook(*, filters, group_by, language, indicators=None, today=None):
    """The report export as an Excel workbook (bytes), in `language` ("en" or "fr")."""
    language = _language(language)
    with translation.override(language):
        report = report_sheets(
            filters=filters,
            group_by=group_by,
            language=language,
            indicators=indicators,
            today=today,
        )
        return write_workbook(report)


def write_report_csv(*, filters, group_by, language, out, indicators=None, today=None):
    """The report export as CSV written to the text stream `out` (UTF-8 with a byte order
    mark; semicolons between cells in French), in `language`. Returns `out`."""
    language = _language(language)
    with translation.override(language):
        report = report_sheets(
            filters=filters,
            group_by=group_by,
            language=language,
            indicators=indicators,
            today=today,
        )
        return write_blocks(report, out)


__all__ = [
    "Block",
    "Figure",
    "ReaderReport",
    "Sheet",
    "report_sheets",
    "report_workbook",
    "sheet_name",
    "write_report_csv",
]
