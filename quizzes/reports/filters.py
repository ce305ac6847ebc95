"""The report filters people choose in the admin, read from a query string in one place.

`filters_from_query(request.GET)` gives the ReportFilters and the breakdown of the indicator
dashboard, the exports and the funder report, or refuses with a translated ValidationError.

Query parameters (all optional; empty ones are ignored):

    course   a course page id           cohort  a training session id
    role     a role code                language  en or fr
    region   a region code              from, to  months as YYYY-MM (YYYY-MM-DD also works: the
                                                  whole month is counted; both included)
    by       role, course, cohort, language, region or period ("breakdown" also works, as
             the dashboard's form names it)
    period   month or quarter (for by=period)
    browser  1 (or yes) to count results scored by the browser, 0 (or no) to leave them out;
             empty: as each indicator says ("browser_reported" also works)
"""

import re
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from content.models import CoursePage
from learning.inputs import database_id
from learning.people.models import Cohort, Region, Role

from .indicators import GROUP_BY, PERIODS, ReportFilters

TRUE_VALUES = ("1", "true", "yes", "on")
FALSE_VALUES = ("0", "false", "no", "off")
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}(-[0-9]{2})?")
EARLIEST_DATE = date(2000, 1, 1)
LATEST_DATE = date(2099, 12, 31)


def _choices(values):
    return ", ".join(values)


# The dashboard's form (quizzes/views_dashboard.py) names two parameters differently: its
# links to the exports carry its own query string, so both names are read.
ALIASES = {"by": ("by", "breakdown"), "browser": ("browser", "browser_reported")}


def _value(query, name):
    for key in ALIASES.get(name, (name,)):
        value = query.get(key)
        if value is not None and str(value).strip():
            return str(value).strip()
    return ""


def _choice(query, name, allowed, message, errors):
    value = _value(query, name)
    if not value:
        return None
    if value not in allowed:
        errors.append(message % {"value": value, "choices": _choices(allowed)})
        return None
    return value


def _date(query, name, errors):
    value = _value(query, name)
    if not value:
        return None
    if ISO_DATE.fullmatch(value):
        try:
            day = date.fromisoformat(value if len(value) == 10 else f"{value}-01")
        except ValueError:
            pass
        else:
            if EARLIEST_DATE <= day <= LATEST_DATE:
                return day
            # Reports add a day to the end date and convert to the site's time zone: the far
            # ends of the calendar would overflow (issue 10).
            errors.append(
                _("“%(value)s” is outside the dates reports cover (%(earliest)s to %(latest)s).")
                % {
                    "value": value,
                    "earliest": EARLIEST_DATE.isoformat(),
                    "latest": LATEST_DATE.isoformat(),
                }
            )
            return None
    errors.append(_("“%(value)s” is not a month: write it as YYYY-MM.") % {"value": value})
    return None


def _object_id(query, name, model, message, errors):
    value = _value(query, name)
    if not value:
        return None
    object_id = database_id(value)
    if object_id is None or not model.objects.filter(pk=object_id).exists():
        errors.append(message % {"value": value})
        return None
    return object_id


def filters_from_query(query):
    """(ReportFilters, group_by or None) from a QueryDict or a plain dict of strings.

    Every value is checked; all the problems are reported at once, as a ValidationError
    whose messages are in the active language.
    """
    errors = []
    course_id = _object_id(query, "course", CoursePage, _("No course matches “%(value)s”."), errors)
    cohort_id = _object_id(
        query, "cohort", Cohort, _("No training session matches “%(value)s”."), errors
    )
    role = _choice(
        query,
        "role",
        Role.values,
        _("Unknown role “%(value)s”. Choose one of: %(choices)s."),
        errors,
    )
    language = _choice(
        query,
        "language",
        [code for code, _name in settings.LANGUAGES],
        _("Unknown language “%(value)s”. Choose one of: %(choices)s."),
        errors,
    )
    region = _choice(
        query,
        "region",
        Region.values,
        _("Unknown region “%(value)s”. Choose one of: %(choices)s."),
        errors,
    )
    group_by = _choice(
        query,
        "by",
        GROUP_BY,
        _("Unknown breakdown “%(value)s”. Choose one of: %(choices)s."),
        errors,
    )
    period = _choice(
        query,
        "period",
        PERIODS,
        _("Unknown period “%(value)s”. Choose one of: %(choices)s."),
        errors,
    )
    date_from = _date(query, "from", errors)
    date_to = _date(query, "to", errors)
    if (
        date_from
        and date_to
        and (date_from.year, date_from.month)
        > (
            date_to.year,
            date_to.month,
        )
    ):
        errors.append(
            _("The first month (%(start)s) is after the last month (%(end)s).")
            % {"start": f"{date_from:%Y-%m}", "end": f"{date_to:%Y-%m}"}
        )
    browser = _value(query, "browser").lower()
    include_browser_reported = None
    if browser in TRUE_VALUES:
        include_browser_reported = True
    elif browser in FALSE_VALUES:
        include_browser_reported = False
    elif browser:
        errors.append(
            _(
                "Unknown value “%(value)s” for results scored by the browser: use 1 to count "
                "them or 0 to leave them out."
            )
            % {"value": _value(query, "browser")}
        )
    if errors:
        raise ValidationError(errors)
    filters = ReportFilters(
        course_id=course_id,
        cohort_id=cohort_id,
        role=role,
        language=language,
        region=region,
        date_from=date_from,
        date_to=date_to,
        period=period or "month",
        include_browser_reported=include_browser_reported,
    )
    return filters, group_by


def filters_to_query(filters, group_by=None):
    """The query string parameters that give back these filters (for links between views)."""
    params = {}
    for name, value in (
        ("course", filters.course_id),
        ("cohort", filters.cohort_id),
        ("role", filters.role),
        ("language", filters.language),
        ("region", filters.region),
        ("from", filters.date_from.isoformat() if filters.date_from else None),
        ("to", filters.date_to.isoformat() if filters.date_to else None),
        ("by", group_by),
    ):
        if value:
            params[name] = str(value)
    if filters.period != "month":
        params["period"] = filters.period
    if filters.include_browser_reported is not None:
        params["browser"] = "1" if filters.include_browser_reported else "0"
    return params
