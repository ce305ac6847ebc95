"""The Collaborative Action Plan as a PDF for the pre-arrival meeting (issue 18), in either
official language.

Letter, the funder PDF's look and fonts (quizzes/reports/exports/pdf: Noto Sans, so French
copies out as written): the plan's name, expected arrival, its members by first name and role
(never an email), the date printed, a few words on what the plan is for, then the tasks grouped
by phase, a legend, and the reminder that no health, immigration or financial details are kept.
Every page's footer says "Page 1 of 2" ("Page 1 sur 2").
"""

import io
from datetime import timedelta

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from reportlab.platypus import KeepTogether, SimpleDocTemplate, Spacer

from learning.documents import format_date
from quizzes.reports.charts.fonts import pdf_fonts
from quizzes.reports.exports.pdf.pages import numbered_canvas
from quizzes.reports.exports.pdf.styles import FRAME_WIDTH, MARGIN, PAGE, Styles, data_table

from .models import MemberRole, PlanOwner, PlanPhase

NO_DATE = ""  # the group of tasks with neither a phase nor a date
# Task, who does it, contact, when, note: shares of the frame's width.
COLUMNS = (0.30, 0.16, 0.14, 0.15, 0.25)


def _no_date_label():
    return _("No date yet")


def phase_of(item, arrival):
    """The phase an item is printed under: its own, else the one its target date falls in
    (counted from the expected arrival), else "No date yet"."""
    if item.phase:
        return item.phase
    if item.target_date is None:
        return NO_DATE
    if arrival is None:
        return PlanPhase.FIRST_YEAR
    days = (item.target_date - arrival).days
    if days < 0:
        return PlanPhase.BEFORE_ARRIVAL
    if days < 7:
        return PlanPhase.FIRST_WEEK
    if item.target_date < arrival + timedelta(days=31):
        return PlanPhase.FIRST_MONTH
    return PlanPhase.FIRST_YEAR


def when_text(item, language):
    if item.target_date:
        return format_date(item.target_date, language)
    return item.get_phase_display() if item.phase else ""


def grouped(items, arrival):
    """[(heading, items)] in phase order, "No date yet" last; empty phases left out."""
    order = [*PlanPhase.values, NO_DATE]
    groups = {phase: [] for phase in order}
    for item in items:
        groups[phase_of(item, arrival)].append(item)
    labels = dict(PlanPhase.choices)
    return [
        (str(labels[phase]) if phase else _no_date_label(), groups[phase])
        for phase in order
        if groups[phase]
    ]


def member_lines(plan):
    """ "Maria (Sponsor group member)": first name and role only, never the email."""
    roles = dict(MemberRole.choices)
    lines = []
    for member in plan.members.select_related("user").order_by("role", "joined_at", "pk"):
        name = (member.user.first_name or "").strip() or _("A member")
        lines.append(f"{name} ({roles.get(member.role, member.role)})")
    return lines


def _header(plan, language, styles):
    arrival = (
        format_date(plan.expected_arrival, language) if plan.expected_arrival else _("Not set")
    )
    members = member_lines(plan)
    return [
        styles.para(_("Collaborative Action Plan"), styles.title),
        styles.para(plan.title, styles.subtitle),
        styles.para(_("Expected arrival: %(date)s") % {"date": arrival}, styles.body, bold=True),
        styles.para(
            _("Members: %(members)s") % {"members": ", ".join(members) or _("none yet")},
            styles.body,
        ),
        styles.para(
            _("Printed on %(date)s") % {"date": format_date(timezone.localdate(), language)},
            styles.small,
        ),
        Spacer(1, 8),
        styles.para(
            _(
                "This plan is for the pre-arrival meeting: the sponsor group and the settlement "
                "worker agree who does each task in the newcomers' first year, who to contact "
                "about it, and when it should be done. Every task should have an owner before "
                "the family arrives."
            ),
            styles.body,
        ),
    ]


def _table(heading, items, language, styles):
    widths = [share * FRAME_WIDTH for share in COLUMNS]
    header = [
        styles.cell_para(words, bold=True)
        for words in (_("Task"), _("Who does it"), _("Contact"), _("When"), _("Note"))
    ]
    rows = [header]
    for item in items:
        rows.append(
            [
                styles.cell_para(item.task.title),
                styles.cell_para(item.get_owner_display() if item.owner else _("No owner yet")),
                styles.cell_para(item.contact),
                styles.cell_para(when_text(item, language)),
                styles.cell_para(item.note),
            ]
        )
    # The heading keeps with the table's first rows.
    return [KeepTogether([styles.para(heading, styles.h2), data_table(rows, widths)])]


def _legend(styles):
    owners = {
        PlanOwner.SPONSOR_GROUP: _("the sponsor group's members do it."),
        PlanOwner.SETTLEMENT_WORKER: _("the settlement worker does it."),
        PlanOwner.SHARED: _("the sponsor group and the settlement worker do it together."),
        PlanOwner.NEWCOMERS: _("the newcomers do it themselves, with support if they ask."),
    }
    labels = dict(PlanOwner.choices)
    story = [styles.para(_("Legend"), styles.h2)]
    story += [
        styles.para(f"{labels[owner]}: {words}", styles.bullet) for owner, words in owners.items()
    ]
    story.append(
        styles.para(
            _("When: a phase counted from the arrival, or a target date agreed at the meeting."),
            styles.bullet,
        )
    )
    return story


def render_plan_pdf(*, plan, items, language):
    """The plan (an ActionPlan) and its items (PlanItems with their task) as PDF bytes."""
    with translation.override(language):
        fonts = pdf_fonts()
        styles = Styles(fonts)
        story = _header(plan, language, styles)
        groups = grouped(items, plan.expected_arrival)
        if not groups:
            story.append(styles.para(_("The plan has no tasks yet."), styles.body))
        for heading, group in groups:
            story += _table(heading, group, language, styles)
        story += _legend(styles)
        story.append(Spacer(1, 10))
        story.append(
            styles.para(
                _("No health, immigration or financial details are recorded in this plan."),
                styles.body,
                bold=True,
            )
        )
        buffer = io.BytesIO()
        document = SimpleDocTemplate(
            buffer,
            pagesize=PAGE,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN,
            title=str(_("Collaborative Action Plan")),
            author="PSR Learn",
            creator="PSR Learn",
            subject=plan.title,
            lang="fr-CA" if language == "fr" else "en-CA",
        )
        footer = f"{_('Collaborative Action Plan')} · {plan.title}"
        document.build(story, canvasmaker=numbered_canvas(footer, fonts))
        return buffer.getvalue()


__all__ = ["render_plan_pdf"]
