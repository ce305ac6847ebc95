"""What people read for a report group: "Ottawa", "Settlement worker", "March 2026", "Q1 2026".

`group_label(group_by, key)` names one group; `group_labels(group_by, keys)` names many with at
most one query (course titles or training-session names); `label_rows(rows)` fills the `label`
of report rows of any breakdown, one query per breakdown that needs the database. Labels are in
the active language: call them where the reader's language is active.

Keys are what `indicator_report` groups by: a role code, a course id, a cohort id, a language
code, a region code, or the first day of a month or quarter ("period").
"""

from datetime import date, datetime

from django.conf import settings
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from content.models import CoursePage
from learning.people.models import Cohort, Region, Role

from .cells import GROUP_ROLE

TOTAL = "total"


def _not_recorded():
    # Learners who gave no role or region, attempts outside a course or training session.
    return _("Not recorded")


def period_label(key, period="month"):
    """A month ("March 2026") or a quarter ("Q1 2026"), in the active language."""
    if isinstance(key, datetime):
        key = key.date()
    if not isinstance(key, date):
        return str(key)
    if period == "quarter":
        return _("Q%(quarter)s %(year)s") % {"quarter": (key.month - 1) // 3 + 1, "year": key.year}
    return date_format(key, "YEAR_MONTH_FORMAT")


def _choice_labels(group_by):
    if group_by == "role":
        return {**dict(Role.choices), GROUP_ROLE: _("Sponsor group and settlement worker together")}
    if group_by == "region":
        return dict(Region.choices)
    if group_by == "language":
        return dict(settings.LANGUAGES)
    return {}


def _object_labels(group_by, keys):
    """{id: name} for courses or training sessions, in one query."""
    ids = {key for key in keys if key not in (None, "")}
    if not ids:
        return {}
    if group_by == "course":
        # `title` follows the active language (with the English fallback).
        return {course.pk: course.title for course in CoursePage.objects.filter(pk__in=ids)}
    if group_by == "cohort":
        return dict(Cohort.objects.filter(pk__in=ids).values_list("pk", "name"))
    return {}


def group_labels(group_by, keys, *, period="month"):
    """{key: label} for the keys of one breakdown; at most one query (courses or cohorts)."""
    keys = list(keys)
    if group_by == TOTAL:
        return {key: _("All") for key in keys}
    if group_by == "period":
        return {key: period_label(key, period) for key in keys}
    if group_by in ("course", "cohort"):
        names = _object_labels(group_by, keys)
    else:
        names = _choice_labels(group_by)
    labels = {}
    for key in keys:
        if key in (None, ""):
            labels[key] = _not_recorded()
        else:
            # A course or session deleted since: its id; an unknown code: the code itself.
            labels[key] = str(names.get(key, key))
    return labels


def group_label(group_by, key, *, period="month"):
    """The label of one group (a query for a course or cohort: prefer `group_labels`)."""
    return group_labels(group_by, [key], period=period)[key]


def label_rows(rows, *, period="month"):
    """Set `row.label` on report rows, whatever their breakdown; returns the rows.

    One query for all course rows and one for all cohort rows, however many reports they
    come from.
    """
    rows = list(rows)
    keys_by_group = {}
    for row in rows:
        keys_by_group.setdefault(row.group_by, set()).add(row.group)
    labels = {
        group_by: group_labels(group_by, keys, period=period)
        for group_by, keys in keys_by_group.items()
    }
    for row in rows:
        row.label = labels[row.group_by][row.group]
    return rows
