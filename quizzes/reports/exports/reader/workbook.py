"""The report export as an Excel workbook: the overview, a sheet per indicator, the filters."""

import io
import re

from ..text import LANGUAGE_TAGS
from .content import Figure

# Excel refuses these in a sheet name, and names longer than 31 characters.
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
SHEET_NAME_LENGTH = 31
FIRST_COLUMN_WIDTH = 44
COLUMN_WIDTH = 16


def sheet_name(name, used):
    """A valid sheet name from `name`, unique in the workbook (`used`: names taken, casefolded:
    Excel does not tell "Aperçu" from "APERÇU")."""
    base = " ".join(SHEET_NAME_FORBIDDEN.sub(" ", str(name)).split())
    # Nor may a name begin or end with an apostrophe.
    base = base.strip("'").strip() or "-"
    title = base[:SHEET_NAME_LENGTH].rstrip()
    number = 2
    while title.casefold() in used:
        suffix = f" ({number})"
        title = base[: SHEET_NAME_LENGTH - len(suffix)].rstrip() + suffix
        number += 1
    used.add(title.casefold())
    return title


def _append(sheet, values, *, font=None):
    sheet.append([value.number if isinstance(value, Figure) else value for value in values])
    for cell, value in zip(sheet[sheet.max_row], values, strict=False):
        if isinstance(value, Figure):
            cell.number_format = value.number_format
        elif isinstance(value, str):
            # Text stays text, never a formula, whatever a course or session name begins with.
            cell.data_type = "s"
        if font is not None:
            cell.font = font


def write_workbook(report):
    """The workbook (bytes) for a ReaderReport: one sheet per sheet, its blocks one under the
    other, each with a bold heading and a bold header row, a blank row between them."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.remove(workbook.active)
    workbook.properties.creator = "PSR Learn"
    workbook.properties.title = report.title
    workbook.properties.language = LANGUAGE_TAGS.get(report.language, "en-CA")
    heading_font, bold = Font(bold=True, size=13), Font(bold=True)
    used = set()
    for content in report.sheets:
        sheet = workbook.create_sheet(sheet_name(content.title, used))
        widest = 1
        for index, block in enumerate(content.blocks):
            if index:
                sheet.append([])
            _append(sheet, [block.heading], font=heading_font)
            if block.header:
                _append(sheet, block.header, font=bold)
            for row in block.rows:
                _append(sheet, row)
            widest = max([widest, len(block.header), *(len(row) for row in block.rows)])
        for column in range(1, widest + 1):
            width = FIRST_COLUMN_WIDTH if column == 1 else COLUMN_WIDTH
            sheet.column_dimensions[get_column_letter(column)].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
