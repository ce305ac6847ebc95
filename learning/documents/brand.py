"""The name and colours printed on certificates and reports."""

from reportlab.lib import colors

SITE_NAME = "PSR Learn"
PROGRAM = {
    "en": "Private Sponsorship of Refugees Program",
    "fr": "Programme de parrainage privé de réfugiés",
}

INK = colors.HexColor("#1d2430")
MUTED = colors.HexColor("#4a5568")
BRAND = colors.HexColor("#0b5c7a")
BRAND_DARK = colors.HexColor("#083f54")
LINE = colors.HexColor("#cfd8df")
