"""Cells written to CSV and XLSX files that people open in a spreadsheet program."""

# Spreadsheet programs run cells that start with these as formulas; names are typed by learners.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value
