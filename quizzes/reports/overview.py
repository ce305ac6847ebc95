"""The overview a funder reads first: outputs and outcomes in one compact table (issue 17).

Outputs are the program's counts (`outputs.py`): learners trained by role, region and language,
completions, certificates, sessions held and their attendance, knowledge-exchange events. Outcomes
are every indicator's total for the filters: value, n, interval, target and whether it is met.
`highlights` says the same as the pilot's own results did ("153 settlement workers trained;
87% found the training very helpful or helpful …"). Everything is in the active language; the
dashboard, the HTML report, its PDF and the report export all read this one object.
"""

from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..extensions import program_outputs
from .exports.text import (
    funder_sentence,
    interval_text,
    suppressed_text,
    value_text,
)
from .indicators import indicator_report
from .labels import group_labels
from .outputs import OUTPUT_BREAKDOWNS, output_figure

# How many outcomes the highlights quote in full (the first in the dashboard's order).
HEADLINE_OUTCOMES = 3


def count_text(value):
    """1,250 in English, 1 250 in French."""
    return number_format(value, force_grouping=True)


def breakdown_heading(key):
    return {
        "role": _("By role"),
        "region": _("By region"),
        "language": _("By language"),
    }.get(key, key)


@dataclass
class OutputGroup:
    label: str
    count: str  # the number, or why it is hidden
    suppressed: bool
    number: int | None  # None when hidden: charts leave a gap


@dataclass
class OutputLine:
    key: str
    label: str
    definition: str
    count: str
    suppressed: bool
    number: int | None
    breakdowns: list = field(default_factory=list)  # [(key, heading, [OutputGroup])]


@dataclass
class OutcomeLine:
    indicator: object
    report: object
    name: str
    value: str  # the figure, or why it is hidden ("fewer than 5")
    n: str
    interval: str
    target: str
    met: bool | None
    met_text: str
    suppressed: bool
    sentence: str

    @property
    def row(self):
        return self.report.total

    @property
    def is_share(self):
        return self.indicator.is_share


@dataclass
class Overview:
    outputs: list
    outcomes: list
    highlights: list

    @property
    def share_outcomes(self):
        """Outcomes measured as a share (0–100%): the overview chart draws these."""
        return [outcome for outcome in self.outcomes if outcome.is_share]


def _output_line(figure):
    total, measure = figure.total, figure.measure
    line = OutputLine(
        key=figure.key,
        label=str(figure.label),
        definition=str(figure.definition),
        count=suppressed_text(total, measure) if total.suppressed else count_text(total.n),
        suppressed=total.suppressed,
        number=None if total.suppressed else total.n,
    )
    for breakdown in figure.breakdowns:
        labels = group_labels(breakdown.key, [row.group for row in breakdown.rows])
        groups = [
            OutputGroup(
                label=str(labels.get(row.group, row.group)),
                count=suppressed_text(row, measure) if row.suppressed else count_text(row.n),
                suppressed=row.suppressed,
                number=None if row.suppressed else row.n,
            )
            for row in sorted(
                breakdown.rows, key=lambda row: (row.group in (None, ""), -row.n, str(row.group))
            )
        ]
        line.breakdowns.append((breakdown.key, str(breakdown_heading(breakdown.key)), groups))
    return line


def _outcome_line(indicator, report, language):
    total = report.total
    met_text = ""
    if total.met is True:
        met_text = _("Yes")
    elif total.met is False:
        met_text = _("No")
    return OutcomeLine(
        indicator=indicator,
        report=report,
        name=str(indicator.name),
        value=(
            suppressed_text(total, indicator)
            if total.suppressed
            else (value_text(total.value, indicator) or _("no answers yet"))
        ),
        n="" if total.suppressed else count_text(total.n),
        interval="" if total.suppressed else interval_text(total.ci_low, total.ci_high, indicator),
        target=(
            value_text(float(indicator.target), indicator) if indicator.target is not None else ""
        ),
        met=total.met,
        met_text=str(met_text),
        suppressed=total.suppressed,
        sentence=funder_sentence(total, indicator, language),
    )


# "153 settlement workers trained": each role's own words, singular and plural.
def _trained_words(role, count):
    words = {
        "settlement_worker": ngettext(
            "%(count)s settlement worker trained", "%(count)s settlement workers trained", count
        ),
        "sponsor": ngettext("%(count)s sponsor trained", "%(count)s sponsors trained", count),
        "sah_staff": ngettext(
            "%(count)s Sponsorship Agreement Holder staff member trained",
            "%(count)s Sponsorship Agreement Holder staff members trained",
            count,
        ),
    }.get(role)
    return words % {"count": count_text(count)} if words else None


def _highlights(figures, outcomes):
    by_key = {figure.key: figure for figure in figures}
    parts = []
    trained = by_key.get("learners_trained")
    if trained is not None and not trained.total.suppressed and trained.total.n:
        by_role = next((b for b in trained.breakdowns if b.key == "role"), None)
        role_words = []
        if by_role is not None:
            for row in sorted(by_role.rows, key=lambda row: -row.n):
                words = None if row.suppressed else _trained_words(row.group, row.n)
                if words:
                    role_words.append(words)
        if role_words:
            parts.extend(role_words)
        else:
            parts.append(
                ngettext("%(count)s learner trained", "%(count)s learners trained", trained.total.n)
                % {"count": count_text(trained.total.n)}
            )
    certificates = by_key.get("certificates")
    if certificates is not None and not certificates.total.suppressed and certificates.total.n:
        parts.append(
            ngettext(
                "%(count)s certificate issued",
                "%(count)s certificates issued",
                certificates.total.n,
            )
            % {"count": count_text(certificates.total.n)}
        )
    events, attendance = by_key.get("events"), by_key.get("event_attendance")
    if events is not None and events.total.n:
        text = ngettext(
            "%(count)s knowledge-exchange event held",
            "%(count)s knowledge-exchange events held",
            events.total.n,
        ) % {"count": count_text(events.total.n)}
        if attendance is not None and attendance.total.n:
            text = ngettext(
                "%(events)s, with %(count)s participant",
                "%(events)s, with %(count)s participants",
                attendance.total.n,
            ) % {"events": text, "count": count_text(attendance.total.n)}
        parts.append(text)
    highlights = []
    if parts:
        highlights.append(f"{'; '.join(parts)}.")
    judged = [outcome for outcome in outcomes if outcome.met is not None]
    if judged:
        met = sum(1 for outcome in judged if outcome.met)
        highlights.append(
            ngettext(
                "Targets met: %(met)s of %(count)s indicator.",
                "Targets met: %(met)s of %(count)s indicators.",
                len(judged),
            )
            % {"met": count_text(met), "count": count_text(len(judged))}
        )
    # The first indicators in the dashboard's order, as the pilot led with its helpfulness and
    # role-understanding results; the table gives every one.
    shown = [o for o in outcomes if not o.suppressed and o.row.value is not None]
    highlights += [outcome.sentence for outcome in shown[:HEADLINE_OUTCOMES]]
    return highlights


def program_overview(*, filters, indicators, language, reports=None):
    """The overview for the filters. `reports` ({indicator pk: a Report with the filters'
    total}) spares reading an indicator's answers again when the caller has them."""
    reports = reports or {}
    outcomes = []
    for indicator in indicators:
        report = reports.get(indicator.pk) or indicator_report(indicator=indicator, filters=filters)
        outcomes.append(_outcome_line(indicator, report, language))
    figures = [output_figure(measure, filters) for measure in program_outputs(filters=filters)]
    return Overview(
        outputs=[_output_line(figure) for figure in figures],
        outcomes=outcomes,
        highlights=_highlights(figures, outcomes),
    )


__all__ = [
    "OUTPUT_BREAKDOWNS",
    "OutcomeLine",
    "OutputGroup",
    "OutputLine",
    "Overview",
    "count_text",
    "program_overview",
]
