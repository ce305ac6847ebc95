"""The funder report: everything it says, in the reader's language, for its HTML and its PDF."""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Min
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from content.models import CoursePage
from learning.documents import PROGRAM, SITE_NAME, format_date
from learning.people.models import Cohort, Region, Role

from ...models import Attempt, Indicator
from ..cells import indicator_cells
from ..indicators import indicator_report
from ..labels import group_labels, label_rows
from ..overview import program_overview
from .text import (
    LANGUAGE_TAGS,
    funder_sentence,
    interval_text,
    percent,
    suppressed_text,
    target_text,
    value_text,
)


def breakdown_name(group_by, period="month"):
    names = {
        "role": _("role"),
        "course": _("course"),
        "cohort": _("training session"),
        "language": _("language"),
        "region": _("region"),
        "period": _("quarter") if period == "quarter" else _("month"),
    }
    return names.get(group_by, "")


@dataclass
class FunderRow:
    label: str
    n: str
    value: str
    interval: str
    met: str
    suppressed: bool


@dataclass
class FunderSection:
    indicator: object
    report: object
    name: str
    sentence: str
    target: str
    definition: str
    version: str
    rows: list = field(default_factory=list)
    # The trend by month or quarter, as the dashboard shows it: ReportRows (labelled) for the
    # charts and FunderRows for the tables.
    trend_report: object = None
    trend_rows: list = field(default_factory=list)
    # The breakdown's ReportRows, labelled, for its chart.
    breakdown_report_rows: list = field(default_factory=list)


@dataclass
class FunderReport:
    language: str
    language_tag: str
    title: str
    subtitle: str
    period: str
    filters: list
    breakdown: str
    produced_on: str
    sections: list
    notes: list
    headings: dict
    group_by: str | None = None
    group_heading: str = ""
    overview: object = None
    trend_heading: str = ""
    trend_caption: str = ""
    # The period's ends in words, for the title page ("January 1, 2026", "March 31, 2026").
    period_from: str = ""
    period_to: str = ""


def _first_answer_day():
    """The day the first counted answer was given: where a report with no start date starts."""
    first = Attempt.objects.filter(
        submitted_at__isnull=False, counts_for_evaluation=True
    ).aggregate(first=Min("submitted_at"))["first"]
    return timezone.localtime(first).date().replace(day=1) if first else None


def _period(filters, today, language):
    """(from, to, sentence): a report always says where its period starts and ends."""
    start = filters.date_from or _first_answer_day()
    end = filters.date_to or today
    if start is None:
        return (
            "",
            format_date(end, language),
            _("No answers up to %(end)s") % {"end": format_date(end, language)},
        )
    first, last = format_date(start, language), format_date(end, language)
    return first, last, _("Answers from %(start)s to %(end)s") % {"start": first, "end": last}


def filters_in_words(filters):
    """The filters as short phrases in the active language ("Role: Settlement worker")."""
    words = []
    if filters.course_id:
        course = CoursePage.objects.filter(pk=filters.course_id).first()
        title = course.title if course else str(filters.course_id)
        words.append(_("Course: %(title)s") % {"title": title})
    if filters.cohort_id:
        cohort = Cohort.objects.filter(pk=filters.cohort_id).first()
        if cohort:
            # Its name, not its join code, which lets anyone join (issue 12).
            words.append(_("Training session: %(name)s") % {"name": cohort.name})
    if filters.role:
        words.append(_("Role: %(role)s") % {"role": dict(Role.choices).get(filters.role)})
    if filters.language:
        language = dict(settings.LANGUAGES).get(filters.language, filters.language)
        words.append(_("Language of the quiz: %(language)s") % {"language": language})
    if filters.region:
        region = dict(Region.choices).get(filters.region, filters.region)
        words.append(_("Region: %(region)s") % {"region": region})
    if filters.include_browser_reported is True:
        words.append(_("Results scored by the learner's browser (H5P): counted"))
    elif filters.include_browser_reported is False:
        words.append(_("Results scored by the learner's browser (H5P): not counted"))
    if not words:
        words.append(_("All courses, training sessions, roles, languages and regions"))
    return [str(word) for word in words]


def _funder_rows(report):
    labels = group_labels(
        report.group_by, [row.group for row in report.rows], period=report.filters.period
    )
    rows = []
    for row in report.rows:
        met = ""
        if row.met is True:
            met = _("Yes")
        elif row.met is False:
            met = _("No")
        rows.append(
            FunderRow(
                label=str(labels.get(row.group, row.group)),
                n="" if row.suppressed else str(row.n),
                value=(
                    suppressed_text(row, report.indicator)
                    if row.suppressed
                    else value_text(row.value, report.indicator)
                ),
                interval=""
                if row.suppressed
                else interval_text(row.ci_low, row.ci_high, report.indicator),
                met="" if row.suppressed else str(met),
                suppressed=row.suppressed,
            )
        )
    return rows


def _notes():
    level = percent(0.95)
    return [
        _(
            "Only answers from learners who agreed that their answers may be used for program "
            "evaluation are counted."
        ),
        _(
            "A result is not shown when fewer people answered than the indicator's minimum "
            "group size. When only one group of a breakdown would be hidden, the next smallest "
            "group is hidden too, so that the hidden result cannot be worked out from the total."
        ),
        _(
            "Percentages come with a %(level)s Wilson score interval. Averages (ratings, "
            "scores and pre/post changes) come with a %(level)s interval from Student's t "
            "distribution."
        )
        % {"level": level},
        _(
            "A pre/post change is the average difference between each learner's post-test "
            "and pre-test scores, in percentage points, for learners who took both. The "
            "normalised gain is the share of the possible improvement that was made."
        ),
    ]


def _headings():
    return {
        "n": "n",
        "value": _("Result"),
        "interval": _("%(level)s CI") % {"level": percent(0.95)},
        "met": _("Target met"),
        "definition": _("Definition"),
        "period": _("Period covered"),
        "filters": _("Who is counted"),
        "notes": _("How to read these figures"),
        "no_indicators": _("No indicators are defined yet."),
        "overview": _("Overview"),
        "outputs": _("Outputs"),
        "outcomes": _("Outcomes"),
        "indicator": _("Indicator"),
        "target": _("Target"),
        "count": _("Number"),
        "details": _("Each indicator in detail"),
        "highlights": _("In brief"),
    }


def _trend_rows(report):
    label_rows(report.rows, period=report.filters.period)
    return sorted(report.rows, key=lambda row: row.group)


def funder_report(*, filters, group_by=None, language="en", indicators=None, today=None):
    """Everything the funder report says, in `language`: shared by its HTML, its PDF and the
    report export. Each indicator's trend by month (or quarter) comes with the breakdown asked
    for, as the dashboard shows them; the overview comes first (issue 17)."""
    language = "fr" if (language or "").startswith("fr") else "en"
    today = today or timezone.localdate()
    if indicators is None:
        indicators = Indicator.objects.prefetch_related("questions", "pre_questions")
    indicators = list(indicators)
    if group_by == "period":
        # The trend is always there; a breakdown by period would repeat it.
        group_by = None
    with translation.override(language):
        sections, totals = [], {}
        for indicator in indicators:
            cells = indicator_cells(indicator)
            trend = indicator_report(
                indicator=indicator, group_by="period", filters=filters, cells=cells
            )
            report = trend
            if group_by:
                report = indicator_report(
                    indicator=indicator, group_by=group_by, filters=filters, cells=cells
                )
                label_rows(report.rows, period=filters.period)
                # The table and the chart list the groups in the same order.
                report.rows.sort(key=lambda row: row.label.casefold())
            trend.rows = _trend_rows(trend)
            totals[indicator.pk] = trend
            sections.append(
                FunderSection(
                    indicator=indicator,
                    report=report,
                    name=indicator.name,
                    sentence=funder_sentence(report.total, indicator, language),
                    target=target_text(report.total, indicator),
                    definition=indicator.definition,
                    version=_("Definition version %(version)s; minimum group size %(count)s.")
                    % {"version": report.version, "count": indicator.min_group_size},
                    rows=_funder_rows(report) if group_by else [],
                    trend_report=trend,
                    trend_rows=_funder_rows(trend),
                    breakdown_report_rows=report.rows if group_by else [],
                )
            )
        breakdown = group_heading = ""
        if group_by:
            name = breakdown_name(group_by, filters.period)
            breakdown = _("Breakdown by %(breakdown)s") % {"breakdown": name}
            group_heading = capfirst(name)
        quarterly = filters.period == "quarter"
        period_from, period_to, period = _period(filters, today, language)
        return FunderReport(
            language=language,
            language_tag=LANGUAGE_TAGS[language],
            title=_("Training evaluation report"),
            subtitle=f"{SITE_NAME} · {PROGRAM[language]}",
            period=period,
            filters=filters_in_words(filters),
            breakdown=breakdown,
            produced_on=_("Produced on %(date)s") % {"date": format_date(today, language)},
            sections=sections,
            notes=[str(note) for note in _notes()],
            headings={key: str(value) for key, value in _headings().items()},
            group_by=group_by,
            group_heading=str(group_heading),
            overview=program_overview(
                filters=filters, indicators=indicators, language=language, reports=totals
            ),
            trend_heading=str(_("Quarter") if quarterly else _("Month")),
            trend_caption=str(_("By quarter") if quarterly else _("By month")),
            period_from=period_from,
            period_to=period_to,
        )
