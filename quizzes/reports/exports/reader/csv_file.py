"""The report export as one CSV file: the workbook's blocks one after another."""

import csv

from learning.documents import csv_cell

from .content import Figure

BOM = "\ufeff"
# Spreadsheet programs set to French read a semicolon between cells, since the comma is the
# decimal separator there ("4,9", "87 %").
DELIMITERS = {"fr": ";"}


def _csv_value(value):
    if value is None:
        return ""
    if isinstance(value, Figure):
        # Written here, in the reader's language ("87 %", "4,9", "+15,3 points").
        return value.text
    if isinstance(value, str):
        return csv_cell(value)
    return str(value)


def write_blocks(report, out):
    """A byte order mark (Excel then reads UTF-8), then every block of every sheet: its
    heading line, its header, its rows, and a blank line before the next block."""
    out.write(BOM)
    writer = csv.writer(out, delimiter=DELIMITERS.get(report.language, ","), lineterminator="\r\n")
    first = True
    for sheet in report.sheets:
        for block in sheet.blocks:
            if not first:
                writer.writerow([])
            first = False
            writer.writerow([_csv_value(block.heading)])
            if block.header:
                writer.writerow([_csv_value(value) for value in block.header])
            for row in block.rows:
                writer.writerow([_csv_value(value) for value in row])
    return out
