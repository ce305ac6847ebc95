"""The table under every export, and the machine files made from it (CSV, JSON records).

`report_table(report)` gives, for the total and then each group, exactly the machine columns
in COLUMNS; `write_csv` and `json_records` write those rows for machines, and the Excel
workbook (xlsx.py) for people.
"""

import csv
from datetime import date, datetime
from decimal import Decimal

from learning.documents import csv_cell

from ..indicators import TOTAL, as_decimal
from ..labels import group_labels

COLUMNS = (
    "indicator",
    "version",
    "group_by",
    "group",
    "n",
    "value",
    "ci_low",
    "ci_high",
    "target",
    "met",
    "suppressed",
)


# --- The table -------------------------------------------------------------------------------


def period_key(value, period):
    """A period group's machine key: "2026-03" for a month, "2026-Q1" for a quarter."""
    if isinstance(value, datetime):
        value = value.date()
    if not isinstance(value, date):
        return "" if value is None else str(value)
    if period == "quarter":
        return f"{value.year}-Q{(value.month - 1) // 3 + 1}"
    return f"{value.year}-{value.month:02d}"


def _group_key(report, row):
    if row.is_total:
        return TOTAL
    if row.group is None:
        return ""
    if row.group_by == "period":
        return period_key(row.group, report.filters.period)
    # A session is its id, not its join code: the code lets anyone join, and program leads
    # who read exports do not run sessions (issue 12).
    return str(row.group)


def _labels(report):
    """{group key as the report has it: label} in the active language (one query at most)."""
    labels = group_labels(TOTAL, [TOTAL])
    if report.rows:
        labels.update(
            group_labels(
                report.group_by,
                [row.group for row in report.rows],
                period=report.filters.period,
            )
        )
    return labels


def _record(report, row, group):
    hidden = row.suppressed
    return {
        "indicator": report.indicator.code,
        "version": report.version,
        "group_by": row.group_by,
        "group": group,
        "n": None if hidden else row.n,
        "value": None if hidden else as_decimal(row.value),
        "ci_low": None if hidden else as_decimal(row.ci_low),
        "ci_high": None if hidden else as_decimal(row.ci_high),
        "target": as_decimal(row.target),
        "met": None if hidden else row.met,
        "suppressed": hidden,
    }


def entries(reports, *, with_label=False):
    """(report, row, record) for the total then each group of every report, in order."""
    reports = list(reports)
    for report in reports:
        labels = _labels(report) if with_label else {}
        for row in [report.total, *report.rows]:
            record = _record(report, row, _group_key(report, row))
            if with_label:
                record["label"] = labels.get(row.group, str(row.group))
            yield report, row, record


def report_table(report, *, with_label=False):
    """The report as rows of the machine columns (COLUMNS); the total row first.

    Numbers are Decimals with four places, n an int, met and suppressed booleans, and None
    where there is nothing to show. `with_label=True` adds the group's name ("label") in the
    active language.
    """
    return [record for _report, _row, record in entries([report], with_label=with_label)]


def _csv_value(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return csv_cell(value)
    return str(value)


def write_csv(reports, stream):
    """The reports as machine CSV (COLUMNS, one header row) written to a text stream."""
    writer = csv.writer(stream)
    writer.writerow(COLUMNS)
    for _report, _row, record in entries(reports):
        writer.writerow([_csv_value(record[column]) for column in COLUMNS])
    return stream


def json_records(reports):
    """The rows as JSON-ready dicts: the machine columns plus "label", numbers as numbers."""
    records = []
    for _report, _row, record in entries(reports, with_label=True):
        records.append(
            {
                key: float(value) if isinstance(value, Decimal) else value
                for key, value in record.items()
            }
        )
    return records
