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

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from xml.sax.saxutils import escape

from django.conf import settings
from django.utils import timezone, translation
from django.utils.formats import number_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..models import IndicatorKind
from .indicators import TOTAL, as_decimal

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
# The workbook's columns: the machine columns with the group's name next to its key.
XLSX_COLUMNS = (*COLUMNS[:4], "label", *COLUMNS[4:])
DECIMAL_COLUMNS = ("value", "ci_low", "ci_high", "target")
# Ratings are asked from 1 to 5 (quizzes.services.attempts.RATING_RANGE).
RATING_MIN, RATING_MAX = 1, 5
LANGUAGE_TAGS = {"en": "en-CA", "fr": "fr-CA"}


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


def _cohort_codes(reports):
    """{cohort id: join code} for every cohort group of these reports, in one query."""
    from learning.people.models import Cohort

    ids = {
        row.group
        for report in reports
        if report.group_by == "cohort"
        for row in report.rows
        if row.group is not None
    }
    if not ids:
        return {}
    return dict(Cohort.objects.filter(pk__in=ids).values_list("pk", "code"))


def _group_key(report, row, cohort_codes):
    if row.is_total:
        return TOTAL
    if row.group is None:
        return ""
    if row.group_by == "period":
        return period_key(row.group, report.filters.period)
    if row.group_by == "cohort":
        # A session deleted since keeps its id: better than nothing to match other exports.
        return cohort_codes.get(row.group, str(row.group))
    return str(row.group)


def _labels(report):
    """{group key as the report has it: label} in the active language (one query at most)."""
    from .labels import group_labels

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


def _entries(reports, *, with_label=False):
    """(report, row, record) for the total then each group of every report, in order."""
    reports = list(reports)
    codes = _cohort_codes(reports)
    for report in reports:
        labels = _labels(report) if with_label else {}
        for row in [report.total, *report.rows]:
            record = _record(report, row, _group_key(report, row, codes))
            if with_label:
                record["label"] = labels.get(row.group, str(row.group))
            yield report, row, record


def report_table(report, *, with_label=False):
    """The report as rows of the machine columns (COLUMNS); the total row first.

    Numbers are Decimals with four places, n an int, met and suppressed booleans, and None
    where there is nothing to show. `with_label=True` adds the group's name ("label") in the
    active language.
    """
    return [record for _report, _row, record in _entries([report], with_label=with_label)]


def _csv_value(value):
    from learning.documents import csv_cell

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
    for _report, _row, record in _entries(reports):
        writer.writerow([_csv_value(record[column]) for column in COLUMNS])
    return stream


def json_records(reports):
    """The rows as JSON-ready dicts: the machine columns plus "label", numbers as numbers."""
    records = []
    for _report, _row, record in _entries(reports, with_label=True):
        records.append(
            {
                key: float(value) if isinstance(value, Decimal) else value
                for key, value in record.items()
            }
        )
    return records


def suppressed_text(row, indicator):
    """What a hidden figure's cell says: too few answers, or hidden to protect another group."""
    if row.n < indicator.min_group_size:
        return _("fewer than %(count)s") % {"count": indicator.min_group_size}
    return _("hidden to protect a smaller group")


def _sheet_title(code, used):
    # Excel sheet names: at most 31 characters, unique in the workbook.
    title = code[:31]
    number = 2
    while title in used:
        suffix = f"-{number}"
        title = code[: 31 - len(suffix)] + suffix
        number += 1
    used.add(title)
    return title


def write_xlsx(reports):
    """An Excel workbook (bytes): one sheet per report, named by the indicator's code.

    The header row is bold; numbers are numbers (four decimals shown); a suppressed row says
    why in the value column, in the active language. Text is stored as text, never as a
    formula, whatever a course or session name begins with.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.remove(workbook.active)
    workbook.properties.creator = "PSR Learn"
    workbook.properties.title = _("Indicator results")
    workbook.properties.language = LANGUAGE_TAGS.get(translation.get_language() or "en", "en-CA")
    bold = Font(bold=True)
    used = set()
    sheets = {}
    for report, row, record in _entries(reports, with_label=True):
        key = id(report)
        if key not in sheets:
            sheet = workbook.create_sheet(_sheet_title(report.indicator.code, used))
            sheet.append(list(XLSX_COLUMNS))
            for cell in sheet[1]:
                cell.font = bold
            sheet.freeze_panes = "A2"
            sheets[key] = sheet
        sheet = sheets[key]
        values = dict(record)
        if row.suppressed:
            values["value"] = suppressed_text(row, report.indicator)
        sheet.append([_xlsx_value(values[column]) for column in XLSX_COLUMNS])
        for cell, column in zip(sheet[sheet.max_row], XLSX_COLUMNS, strict=True):
            if isinstance(cell.value, str):
                cell.data_type = "s"
            elif column in DECIMAL_COLUMNS:
                cell.number_format = "0.0000"
    for sheet in workbook.worksheets:
        for index, column in enumerate(XLSX_COLUMNS, start=1):
            width = 24 if column == "label" else max(10, len(column) + 2)
            sheet.column_dimensions[get_column_letter(index)].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_value(value):
    if isinstance(value, Decimal):
        return float(value)
    return value


# --- Figures in words ------------------------------------------------------------------------


def _round(value, places):
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _number(value, places):
    """A number in the active language: 4.9 in English, 4,9 in French."""
    return number_format(_round(value, places), decimal_pos=places, use_l10n=True)


def _signed(value, places):
    text = _number(value, places)
    return text if text.startswith("-") or _round(value, places) == 0 else f"+{text}"


def _clamp(value, low, high):
    return None if value is None else min(high, max(low, value))


def _percent(value):
    return _("%(value)s%%") % {"value": _number(value * 100, 0)}


def value_text(value, indicator):
    """A figure as people read it: "87%", "4.9", "+15.3 points"."""
    if value is None:
        return ""
    kind = indicator.kind
    if kind == IndicatorKind.MEAN_RATING:
        return _number(value, 1)
    if kind == IndicatorKind.PRE_POST_CHANGE:
        return _("%(change)s points") % {"change": _signed(value * 100, 1)}
    return _percent(value)


def interval_text(low, high, indicator):
    """The interval's range: "81–91%", "4.7–5.0", "+10.2 to +19.8"."""
    if low is None or high is None:
        return ""
    kind = indicator.kind
    if kind == IndicatorKind.MEAN_RATING:
        # The t interval may pass the ends of the scale; no rating can.
        low, high = _clamp(low, RATING_MIN, RATING_MAX), _clamp(high, RATING_MIN, RATING_MAX)
        return f"{_number(low, 1)}–{_number(high, 1)}"
    if kind == IndicatorKind.PRE_POST_CHANGE:
        # A score moves by 100 points at most, whatever the t interval says.
        low, high = _clamp(low, -1.0, 1.0), _clamp(high, -1.0, 1.0)
        return _("%(low)s to %(high)s") % {
            "low": _signed(low * 100, 1),
            "high": _signed(high * 100, 1),
        }
    if kind == IndicatorKind.MEAN_SCORE:
        low, high = _clamp(low, 0.0, 1.0), _clamp(high, 0.0, 1.0)
    return f"{_number(low * 100, 0)}–{_percent(high)}"


def _figures(row, indicator):
    kind = indicator.kind
    interval = interval_text(row.ci_low, row.ci_high, indicator)
    if kind == IndicatorKind.PRE_POST_CHANGE:
        main = _("%(change)s percentage points on average") % {
            "change": _signed(row.value * 100, 1)
        }
        pairs = row.pairs if row.pairs is not None else row.n
        parts = [ngettext("n = %(n)s pair", "n = %(n)s pairs", pairs) % {"n": pairs}]
    else:
        if kind == IndicatorKind.MEAN_RATING:
            main = _("%(value)s out of %(max)s") % {
                "value": _number(row.value, 1),
                "max": RATING_MAX,
            }
        elif kind == IndicatorKind.MEAN_SCORE:
            main = _("Average score %(value)s") % {"value": _percent(row.value)}
        else:
            main = _percent(row.value)
        parts = [f"n = {row.n}"]
    if interval:
        parts.append(_("95%% CI %(range)s") % {"range": interval})
    if kind == IndicatorKind.PRE_POST_CHANGE and row.gain is not None:
        parts.append(_("normalised gain %(gain)s") % {"gain": _number(row.gain, 2)})
    return f"{main} ({'; '.join(parts)})"


def _suppressed_sentence(row, indicator):
    if row.n < indicator.min_group_size:
        count = indicator.min_group_size
        return ngettext(
            "Fewer than %(count)s person answered: the result is not shown.",
            "Fewer than %(count)s people answered: the result is not shown.",
            count,
        ) % {"count": count}
    return _(
        "The result is not shown, so that a smaller group's result cannot be worked out "
        "from the total."
    )


def _as_sentence(text):
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else f"{text}."


def sentence_phrase(indicator):
    """What follows the figures: the definition when it is written to continue them.

    A definition that begins in lower case continues the figures ("found the training very
    helpful or helpful" → "87% (…) found the training very helpful or helpful."). Any other
    definition is a description ("In plain words: who is counted and what counts"), so the
    indicator's name follows a dash instead: "87% (…) — Training helpful for …". Reads the
    active language.
    """
    definition = " ".join(str(indicator.definition or "").split())
    if definition[:1].islower():
        return definition
    return f"— {indicator.name}"


def funder_sentence(report_row, indicator, language):
    """One row of a report as a sentence a funder can quote, in `language` ("en" or "fr").

    "87% (n = 153; 95% CI 81–91%) found the training very helpful or helpful." when the
    definition continues the figures, else "87% (n = 153; 95% CI 81–91%) — <name>." (see
    `sentence_phrase`). Suppressed rows say why instead, with no figure.
    """
    with translation.override(language):
        if report_row.suppressed:
            return _suppressed_sentence(report_row, indicator)
        if report_row.value is None:
            return _("No one has answered yet: there is no result to show.")
        return _as_sentence(f"{_figures(report_row, indicator)} {sentence_phrase(indicator)}")


def target_text(row, indicator):
    """ "Target: 85% — Target met"; empty when the indicator has no target."""
    if indicator.target is None:
        return ""
    text = _("Target: %(target)s") % {"target": value_text(float(indicator.target), indicator)}
    if row.met is True:
        return f"{text} — {_('Target met')}"
    if row.met is False:
        return f"{text} — {_('Target not met')}"
    return text


# --- The funder report -----------------------------------------------------------------------


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
    from learning.documents import format_date

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
    from content.models import CoursePage
    from learning.people.models import Cohort, Region, Role

    words = []
    if filters.course_id:
        course = CoursePage.objects.filter(pk=filters.course_id).first()
        title = course.title if course else str(filters.course_id)
        words.append(_("Course: %(title)s") % {"title": title})
    if filters.cohort_id:
        cohort = Cohort.objects.filter(pk=filters.cohort_id).first()
        if cohort:
            words.append(
                _("Training session: %(name)s (%(code)s)")
                % {"name": cohort.name, "code": cohort.code}
            )
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
    from .labels import group_labels

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
    level = _percent(0.95)
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
        "interval": _("%(level)s CI") % {"level": _percent(0.95)},
        "met": _("Target met"),
        "definition": _("Definition"),
        "period": _("Period covered"),
        "filters": _("Who is counted"),
        "notes": _("How to read these figures"),
        "no_indicators": _("No indicators are defined yet."),
    }


def funder_report(*, filters, group_by=None, language="en", indicators=None, today=None):
    """Everything the funder report says, in `language`: shared by its HTML and its PDF."""
    from learning.documents import PROGRAM, SITE_NAME, format_date

    from ..models import Indicator
    from .indicators import indicator_report

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


# --- The funder report as PDF ----------------------------------------------------------------


def render_funder_pdf(report, *, compress=True, invariant=False):
    """The funder report (a FunderReport) as PDF bytes: Letter, Helvetica, its language."""
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import inch
    from reportlab.platypus import (
        KeepTogether,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    from learning.documents import BRAND_DARK, INK, LINE, MUTED, latin1_safe

    def text(value):
        return escape(latin1_safe(str(value)))

    base = ParagraphStyle("base", fontName="Helvetica", fontSize=10, leading=13.5, textColor=INK)
    styles = {
        "title": ParagraphStyle(
            "title",
            parent=base,
            fontName="Helvetica-Bold",
            fontSize=20,
            leading=24,
            textColor=BRAND_DARK,
            spaceAfter=4,
        ),
        "subtitle": ParagraphStyle("subtitle", parent=base, textColor=MUTED, spaceAfter=12),
        "h2": ParagraphStyle(
            "h2",
            parent=base,
            fontName="Helvetica-Bold",
            fontSize=13,
            leading=16,
            textColor=BRAND_DARK,
            spaceBefore=12,
            spaceAfter=6,
        ),
        "h3": ParagraphStyle(
            "h3",
            parent=base,
            fontName="Helvetica-Bold",
            fontSize=10.5,
            spaceBefore=6,
            spaceAfter=2,
        ),
        "sentence": ParagraphStyle(
            "sentence",
            parent=base,
            fontName="Helvetica-Bold",
            fontSize=11,
            leading=15,
            spaceAfter=4,
        ),
        "body": ParagraphStyle("body", parent=base, spaceAfter=4),
        "small": ParagraphStyle("small", parent=base, fontSize=8.5, leading=11, textColor=MUTED),
        "cell": ParagraphStyle("cell", parent=base, fontSize=9, leading=11.5),
    }

    story = [
        Paragraph(text(report.title), styles["title"]),
        Paragraph(text(report.subtitle), styles["subtitle"]),
        Paragraph(text(report.headings["period"]), styles["h3"]),
        Paragraph(text(report.period), styles["body"]),
        Paragraph(text(report.headings["filters"]), styles["h3"]),
    ]
    story += [Paragraph(text(words), styles["body"]) for words in report.filters]
    if report.breakdown:
        story.append(Paragraph(text(report.breakdown), styles["body"]))
    story.append(Paragraph(text(report.produced_on), styles["small"]))
    if not report.sections:
        story.append(Paragraph(text(report.headings["no_indicators"]), styles["body"]))
    width = letter[0] - 1.5 * inch
    for section in report.sections:
        block = [
            Paragraph(text(section.name), styles["h2"]),
            Paragraph(text(section.sentence), styles["sentence"]),
        ]
        if section.target:
            block.append(Paragraph(text(section.target), styles["body"]))
        story.append(KeepTogether(block))
        if section.rows:
            headings = report.headings
            data = [
                [
                    Paragraph(f"<b>{text(report.group_heading)}</b>", styles["cell"]),
                    Paragraph(f"<b>{text(headings['n'])}</b>", styles["cell"]),
                    Paragraph(f"<b>{text(headings['value'])}</b>", styles["cell"]),
                    Paragraph(f"<b>{text(headings['interval'])}</b>", styles["cell"]),
                    Paragraph(f"<b>{text(headings['met'])}</b>", styles["cell"]),
                ]
            ]
            for row in section.rows:
                data.append(
                    [
                        Paragraph(text(cell), styles["cell"])
                        for cell in (row.label, row.n, row.value, row.interval, row.met)
                    ]
                )
            table = Table(
                data,
                colWidths=[width * share for share in (0.36, 0.1, 0.2, 0.2, 0.14)],
                repeatRows=1,
            )
            table.setStyle(
                TableStyle(
                    [
                        ("LINEBELOW", (0, 0), (-1, 0), 0.75, BRAND_DARK),
                        ("LINEBELOW", (0, 1), (-1, -1), 0.25, LINE),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("TOPPADDING", (0, 0), (-1, -1), 3),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                    ]
                )
            )
            story += [Spacer(1, 4), table, Spacer(1, 6)]
        story.append(Paragraph(text(report.headings["definition"]), styles["h3"]))
        story.append(Paragraph(text(section.definition), styles["body"]))
        story.append(Paragraph(text(section.version), styles["small"]))
    story.append(Paragraph(text(report.headings["notes"]), styles["h2"]))
    story += [Paragraph(text(note), styles["body"]) for note in report.notes]

    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=letter,
        leftMargin=0.75 * inch,
        rightMargin=0.75 * inch,
        topMargin=0.75 * inch,
        bottomMargin=0.75 * inch,
        title=latin1_safe(report.title),
        author="PSR Learn",
        creator="PSR Learn",
        subject=latin1_safe(report.period),
        lang=report.language_tag,
        pageCompression=1 if compress else 0,
        invariant=1 if invariant else 0,
    )

    def footer(canvas, doc):
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.setFillColor(MUTED)
        canvas.drawString(0.75 * inch, 0.5 * inch, latin1_safe(report.subtitle))
        canvas.drawRightString(letter[0] - 0.75 * inch, 0.5 * inch, str(doc.page))
        canvas.restoreState()

    document.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()
