"""The funder PDF's first pages: the title page with its "How to read these figures" box, then
the overview (outcomes and outputs, each a table and a chart), within two pages (issue 17)."""

from django.utils.translation import gettext as _
from reportlab.lib.units import inch
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, Spacer

from ....models import COMPUTED_KINDS
from ...charts import figures as charts
from .styles import FRAME_WIDTH, boxed, data_table


def _min_group_size(report):
    return min([section.indicator.min_group_size for section in report.sections] or [5])


def how_to_read(report):
    """(term, explanation) pairs: what n, the interval, a hidden figure and "met" mean."""
    headings = report.headings
    count = _min_group_size(report)
    hidden = _("fewer than %(count)s") % {"count": count}  # as text.suppressed_text words it
    counted = _("how many people's answers are counted (pairs of answers for a pre/post change).")
    if any(section.indicator.kind in COMPUTED_KINDS for section in report.sections):
        # The action plan's indicators count plans or their assignments, not people (issue 18).
        counted = _(
            "how many people's answers are counted (pairs of answers for a pre/post change); "
            "for the action plan's indicators, how many plans or task assignments."
        )
    return [
        ("n", counted),
        (
            headings["interval"],
            _(
                "the range in which the result would most likely fall with other, similar "
                "learners: the fewer the answers, the wider the range."
            ),
        ),
        (
            hidden,
            _(
                "too few people answered for the result to be shown without pointing to them. "
                "Such a result, or one hidden to protect a smaller group, is never printed; "
                "the charts leave a gap in its place."
            ),
        ),
        (
            headings["met"],
            _(
                "“Yes” when the result reaches the indicator's target. The charts draw the "
                "target in red."
            ),
        ),
    ]


def title_page(report, styles):
    headings = report.headings
    story = [
        Spacer(1, 1.1 * inch),
        styles.para(report.title, styles.title),
        styles.para(report.subtitle, styles.subtitle),
        styles.para(headings["period"], styles.h3),
        styles.para(report.period, styles.body),
        styles.para(headings["filters"], styles.h3),
    ]
    story += [styles.para(words, styles.body) for words in report.filters]
    if report.breakdown:
        story.append(styles.para(report.breakdown, styles.body))
    story += [Spacer(1, 4), styles.para(report.produced_on, styles.small), Spacer(1, 28)]
    box = [styles.para(headings["notes"], styles.h3)]
    for term, explanation in how_to_read(report):
        words = f"<b>{styles.text(term)}</b>: {styles.text(explanation)}"
        box.append(Paragraph(words, styles.box, bulletText="•"))
    story += [boxed(box), PageBreak()]
    return story


def _outcomes(report, overview, styles):
    headings = report.headings

    def cell(value, **options):
        return styles.cell_para(value, compact=True, **options)

    header = [
        cell(headings.get("indicator", ""), bold=True),
        cell(headings["value"], right=True, bold=True),
        cell(headings["n"], right=True, bold=True),
        cell(headings["interval"], right=True, bold=True),
        cell(headings.get("target", ""), right=True, bold=True),
        cell(headings["met"], bold=True),
    ]
    rows = [header]
    for outcome in overview.outcomes:
        rows.append(
            [
                cell(outcome.name),
                cell(outcome.value, right=not outcome.suppressed),
                cell(outcome.n, right=True),
                cell(outcome.interval, right=True),
                cell(outcome.target, right=True),
                cell(outcome.met_text),
            ]
        )
    widths = [FRAME_WIDTH * share for share in (0.47, 0.12, 0.07, 0.12, 0.09, 0.13)]
    # The chart before the table: a drawing cannot split across pages, a table can, so the
    # overview packs into two pages.
    story = [styles.para(headings.get("outcomes", ""), styles.h2)]
    chart = charts.outcomes_chart(overview)
    if chart is not None:
        story += [chart.drawing(FRAME_WIDTH, styles.fonts), Spacer(1, 6)]
    story.append(data_table(rows, widths, right=(1, 2, 3, 4), padding=2))
    return story


def _outputs(report, overview, styles):
    headings = report.headings

    def cell(value, **options):
        return styles.cell_para(value, compact=True, **options)

    rows = [
        [
            cell(headings.get("outputs", ""), bold=True),
            cell(headings.get("count", ""), right=True, bold=True),
        ]
    ]
    for line in overview.outputs:
        first = [cell(line.label)]
        # Every breakdown in one small paragraph: "By role: A 120 · B 30; By region: …".
        breakdowns = [
            _("%(heading)s: %(groups)s")
            % {
                "heading": heading,
                "groups": " · ".join(f"{group.label} {group.count}" for group in groups),
            }
            for _key, heading, groups in line.breakdowns
            if groups
        ]
        if breakdowns:
            first.append(styles.para("; ".join(breakdowns), styles.cell_small))
        rows.append([first, cell(line.count, right=not line.suppressed)])
    heading = [styles.para(headings.get("outputs", ""), styles.h2)]
    chart = charts.outputs_chart(overview)
    if chart is not None:
        # The heading never stays alone at the foot of a page.
        heading += [styles.para(chart.title, styles.h3), chart.drawing(FRAME_WIDTH, styles.fonts)]
    story = [KeepTogether(heading), Spacer(1, 6)]
    story.append(data_table(rows, [FRAME_WIDTH * 0.85, FRAME_WIDTH * 0.15], right=(1,), padding=2))
    return story


def overview_pages(report, styles):
    """The overview: in brief, outcomes (chart and table), outputs (chart and table)."""
    overview = getattr(report, "overview", None)
    if overview is None:
        return []
    headings = report.headings
    story = [styles.para(headings.get("overview", ""), styles.h1)]
    if overview.highlights:
        story.append(styles.para(headings.get("highlights", ""), styles.h3))
        story += [
            Paragraph(styles.text(sentence), styles.bullet, bulletText="•")
            for sentence in overview.highlights
        ]
    if overview.outcomes:
        story += _outcomes(report, overview, styles)
    if overview.outputs:
        story += _outputs(report, overview, styles)
    story.append(PageBreak())
    return story
