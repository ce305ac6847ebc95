"""Dates written out in either official language, whatever the active locale."""

MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
MONTHS_FR = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def format_date(value, language):
    """A date written out: "November 23, 2026" or "23 novembre 2026" ("1er" for the first)."""
    if language == "fr":
        day = "1er" if value.day == 1 else str(value.day)
        return f"{day} {MONTHS_FR[value.month - 1]} {value.year}"
    return f"{MONTHS_EN[value.month - 1]} {value.day}, {value.year}"
