"""The funder report: everything it says, in the reader's language, for its HTML and its PDF."""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from content.models import CoursePage
from learning.documents import PROGRAM, SITE_NAME, format_date
from learning.people.models import Cohort, Region, Role

from ...models import Indicator
from ..indicators import indicator_report
from ..labels import group_labels
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


def _dates_text(filters, today, language):
    start = format_date(filters.date_from, language) if filters.date_from else None
    end = format_date(filters.date_to, language) if filters.date_to else None
    if start and end:
        return _("Answers from %(start)s to %(end)s") % {"start": start, "end": end}
    if start:
        return _("Answers from %(start)s to %(end)s") % {
            "start": start,
            "end": format_date(today, language),
        }
    if end:
        return _("Answers up to %(end)s") % {"end": end}
    return _("All answers up to %(end)s") % {"end": format_date(today, language)}


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
    }


def funder_report(*, filters, group_by=None, language="en", indicators=None, today=None):
    """Everything the funder report says, in `language`: shared by its HTML and its PDF."""
    language = "fr" if (language or "").startswith("fr") else "en"
    today = today or timezone.localdate()
    if indicators is None:
        indicators = Indicator.objects.prefetch_related("questions", "pre_questions")
    with translation.override(language):
        sections = []
        for indicator in indicators:
            report = indicator_report(indicator=indicator, group_by=group_by, filters=filters)
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
                )
            )
        breakdown = group_heading = ""
        if group_by:
            name = breakdown_name(group_by, filters.period)
            breakdown = _("Breakdown by %(breakdown)s") % {"breakdown": name}
            group_heading = capfirst(name)
        return FunderReport(
            language=language,
            language_tag=LANGUAGE_TAGS[language],
            title=_("Training evaluation report"),
            subtitle=f"{SITE_NAME} · {PROGRAM[language]}",
            period=_dates_text(filters, today, language),
            filters=filters_in_words(filters),
            breakdown=breakdown,
            produced_on=_("Produced on %(date)s") % {"date": format_date(today, language)},
            sections=sections,
            notes=[str(note) for note in _notes()],
            headings={key: str(value) for key, value in _headings().items()},
            group_by=group_by,
            group_heading=str(group_heading),
        )
