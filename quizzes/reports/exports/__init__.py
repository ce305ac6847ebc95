"""Indicator reports as a table, CSV, Excel, sentences for funders and the funder report (HTML/PDF).

One table underlies every export: `report_table(report)` gives, for the total and then each
group, exactly the machine columns in COLUMNS. Values are decimals with four places (0.8693 for
87%), never percentages; suppressed rows show no n, value, interval or "met", only
suppressed=true. The CSV (command line and admin download) has exactly these columns; the
Excel workbook adds a "label" column for people and writes the suppression in words.

`funder_sentence` and `funder_report` are for people: rounded figures in the reader's
language, "87% (n = 153; 95% CI 81–91%) found the training very helpful or helpful." (or
"— <indicator name>." when the definition is not written to follow the figures).
"""

from .funder import (
    FunderReport,
    FunderRow,
    FunderSection,
    breakdown_name,
    filters_in_words,
    funder_report,
)
from .pdf import render_funder_pdf
from .tables import COLUMNS, json_records, period_key, report_table, write_csv
from .text import (
    LANGUAGE_TAGS,
    RATING_MAX,
    RATING_MIN,
    funder_sentence,
    interval_text,
    sentence_phrase,
    suppressed_text,
    target_text,
    value_text,
)
from .xlsx import DECIMAL_COLUMNS, XLSX_COLUMNS, write_xlsx

__all__ = [
    "COLUMNS",
    "DECIMAL_COLUMNS",
    "LANGUAGE_TAGS",
    "RATING_MAX",
    "RATING_MIN",
    "XLSX_COLUMNS",
    "FunderReport",
    "FunderRow",
    "FunderSection",
    "breakdown_name",
    "filters_in_words",
    "funder_report",
    "funder_sentence",
    "interval_text",
    "json_records",
    "period_key",
    "render_funder_pdf",
    "report_table",
    "sentence_phrase",
    "suppressed_text",
    "target_text",
    "value_text",
    "write_csv",
    "write_xlsx",
]
