"""The indicator reports as an Excel workbook, for people: one sheet per indicator."""

import io
from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext as _

from .tables import COLUMNS, entries
from .text import LANGUAGE_TAGS, suppressed_text

# The workbook's columns: the machine columns with the group's name next to its key.
XLSX_COLUMNS = (*COLUMNS[:4], "label", *COLUMNS[4:])
DECIMAL_COLUMNS = ("value", "ci_low", "ci_high", "target")


def _sheet_title(code, used):
    # Excel sheet names: at most 31 characters, unique in the workbook.
    title = code[:31]
    number = 2
    while title in used:
        suffix = f"-{number}"
        title = code[: 31 - len(suffix)] + suffix
        number += 1
    used.add(title)
    return title


def write_xlsx(reports):
    """An Excel workbook (bytes): one sheet per report, named by the indicator's code.

    The header row is bold; numbers are numbers (four decimals shown); a suppressed row says
    why in the value column, in the active language. Text is stored as text, never as a
    formula, whatever a course or session name begins with.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.remove(workbook.active)
    workbook.properties.creator = "PSR Learn"
    workbook.properties.title = _("Indicator results")
    workbook.properties.language = LANGUAGE_TAGS.get(translation.get_language() or "en", "en-CA")
    bold = Font(bold=True)
    used = set()
    sheets = {}
    for report, row, record in entries(reports, with_label=True):
        key = id(report)
        if key not in sheets:
            sheet = workbook.create_sheet(_sheet_title(report.indicator.code, used))
            sheet.append(list(XLSX_COLUMNS))
            for cell in sheet[1]:
                cell.font = bold
            sheet.freeze_panes = "A2"
            sheets[key] = sheet
        sheet = sheets[key]
        values = dict(record)
        if row.suppressed:
            values["value"] = suppressed_text(row, report.indicator)
        sheet.append([_xlsx_value(values[column]) for column in XLSX_COLUMNS])
        for cell, column in zip(sheet[sheet.max_row], XLSX_COLUMNS, strict=True):
            if isinstance(cell.value, str):
                cell.data_type = "s"
            elif column in DECIMAL_COLUMNS:
                cell.number_format = "0.0000"
    for sheet in workbook.worksheets:
        for index, column in enumerate(XLSX_COLUMNS, start=1):
            width = 24 if column == "label" else max(10, len(column) + 2)
            sheet.column_dimensions[get_column_letter(index)].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_value(value):
    if isinstance(value, Decimal):
        return float(value)
    return value
