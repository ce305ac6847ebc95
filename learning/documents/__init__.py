"""What every document the site produces shares: certificates, funder reports, CSV and XLSX.

The bottom layer (README, Architecture): it imports no other project module, so the
certificate (learning.progress) and the indicator reports (quizzes.reports) both use it.
"""

from .brand import BRAND, BRAND_DARK, INK, LINE, MUTED, PROGRAM, SITE_NAME
from .dates import MONTHS_EN, MONTHS_FR, format_date
from .fonts import latin1_safe
from .spreadsheets import FORMULA_PREFIXES, csv_cell

__all__ = [
    "BRAND",
    "BRAND_DARK",
    "FORMULA_PREFIXES",
    "INK",
    "LINE",
    "MONTHS_EN",
    "MONTHS_FR",
    "MUTED",
    "PROGRAM",
    "SITE_NAME",
    "csv_cell",
    "format_date",
    "latin1_safe",
]
