"""The indicators dashboard: every indicator's figure, its trend and a breakdown, in the admin.

/admin/indicators/dashboard/ (URL name "indicator_dashboard"), registered and put in the menu by
quizzes/wagtail_hooks.py. It asks for `quizzes.view_indicator`: program leads, trainers and
superusers (quizzes/migrations/0005_indicator_permissions.py). Learners, who have no admin
access, are sent to the admin login; other admin users get Wagtail's refusal.

The filters are a GET form, so a view of the figures is a link that can be shared, and the
export links carry the same query string. Parameters: course, cohort (ids), role, language,
region (codes), from, to (months, YYYY-MM), breakdown (role, course, cohort, language, region,
period or empty), period (month or quarter), browser_reported (yes, no, or empty for what each
indicator says). `dashboard_filters(request.GET)` reads them for other views (exports).

Figures come from `indicator_report` (quizzes/reports): two reports per indicator, one by period
and one for the chosen breakdown, summed from the indicator's cells, read once (one query).
Figures the privacy rule hides (quizzes/reports/release.py) read "fewer than N" or "hidden to
protect a smaller group": their n and value never reach the page, the tables or the charts
(server-drawn SVG, quizzes/reports/charts: the same the funder PDF draws, issue 17).
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.functional import cached_property
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets.button import HeaderButton

from content.models import CoursePage
from learning.inputs import database_id
from learning.people.models import Cohort, Region, Role

from .models import Indicator, IndicatorKind
from .reports import GROUP_BY, ReportFilters, indicator_cells, indicator_report
from .reports.charts.figures import breakdown_chart, outcomes_chart, outputs_chart, trend_chart
from .reports.exports import interval_text, suppressed_text, value_text
from .reports.exports.text import percent
from .reports.filters import EARLIEST_DATE, LATEST_DATE
from .reports.labels import label_rows
from .reports.overview import program_overview

DEFAULT_BREAKDOWN = "role"
DEFAULT_PERIOD = "month"
PERIOD = "period"

BREAKDOWN_CHOICES = [
    ("", _("No breakdown")),
    ("role", _("Role")),
    ("course", _("Course")),
    ("cohort", _("Training session")),
    ("language", _("Language")),
    ("region", _("Region")),
    (PERIOD, _("Month or quarter only")),
]
BREAKDOWN_HEADINGS = {
    "role": _("By role"),
    "course": _("By course"),
    "cohort": _("By training session"),
    "language": _("By language"),
    "region": _("By region"),
}
PERIOD_CHOICES = [("month", _("Month")), ("quarter", _("Quarter"))]
BROWSER_CHOICES = [
    ("", _("Per indicator")),
    ("yes", _("Include them")),
    ("no", _("Leave them out")),
]
# Form field → query-string parameter, where they differ.
PARAMETERS = {
    "date_from": "from",
    "date_to": "to",
    "include_browser_reported": "browser_reported",
}


# --- Filters ---------------------------------------------------------------------------------


# The dates reports cover (quizzes/reports/filters.py): beyond, the report's time arithmetic
# would overflow.
DATE_RANGE = [MinValueValidator(EARLIEST_DATE), MaxValueValidator(LATEST_DATE)]


class MonthField(forms.DateField):
    """A month (YYYY-MM; a full date is read as its month): reports count whole months so
    that moving a date by a day cannot single anyone out (issue 12)."""

    input_formats = ["%Y-%m", "%Y-%m-%d"]
    widget = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")


class IdChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField that refuses an id past the database's range as an unknown choice
    (Django's own lets the database overflow: a server error, issue 10)."""

    def to_python(self, value):
        if value not in self.empty_values and database_id(str(value).strip()) is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class DashboardFilterForm(forms.Form):
    course = IdChoiceField(
        label=_("Course"), queryset=None, required=False, empty_label=_("All courses")
    )
    cohort = IdChoiceField(
        label=_("Training session"),
        queryset=None,
        required=False,
        empty_label=_("All training sessions"),
    )
    role = forms.ChoiceField(label=_("Role"), required=False)
    language = forms.ChoiceField(label=_("Language of the quiz"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    date_from = MonthField(
        label=_("From the month of"),
        required=False,
        validators=DATE_RANGE,
        help_text=_("Reports count whole calendar months."),
    )
    date_to = MonthField(label=_("To the end of"), required=False, validators=DATE_RANGE)
    breakdown = forms.ChoiceField(
        label=_("Break down by"), choices=BREAKDOWN_CHOICES, required=False
    )
    period = forms.ChoiceField(label=_("Show trends by"), choices=PERIOD_CHOICES, required=False)
    include_browser_reported = forms.ChoiceField(
        label=_("Results scored in the browser (H5P)"),
        choices=BROWSER_CHOICES,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = CoursePage.objects.order_by("title")
        self.fields["cohort"].queryset = Cohort.objects.order_by("name")
        self.fields["role"].choices = [("", _("All roles")), *Role.choices]
        self.fields["language"].choices = [("", _("All languages")), *settings.LANGUAGES]
        self.fields["region"].choices = [("", _("All regions")), *Region.choices]

    def add_prefix(self, field_name):
        # Short, stable query-string names ("from", "to"): links are shared and exported.
        return PARAMETERS.get(field_name, field_name)

    def clean(self):
        cleaned_data = super().clean()
        start, end = cleaned_data.get("date_from"), cleaned_data.get("date_to")
        if start and end and (start.year, start.month) > (end.year, end.month):
            self.add_error("date_to", _("Choose a last month on or after the first month."))
            cleaned_data.pop("date_to", None)
        return cleaned_data


def dashboard_filters(query):
    """Read the dashboard's query string: (form, ReportFilters, breakdown or "").

    Fields in error are left out of the filters (and the form shows why); an absent breakdown
    or period takes the default, an empty breakdown means none.
    """
    data = query.copy()
    for name in ("from", "to"):
        # A full date (an older link) is read as its month, and shown as one: a month input
        # would show nothing for YYYY-MM-DD.
        value = data.get(name, "")
        if len(value) == 10 and value[4:5] == "-" and value[7:8] == "-":
            data[name] = value[:7]
    data.setdefault("breakdown", DEFAULT_BREAKDOWN)
    data.setdefault("period", DEFAULT_PERIOD)
    form = DashboardFilterForm(data)
    form.is_valid()
    values = getattr(form, "cleaned_data", {})
    browser = values.get("include_browser_reported") or ""
    course, cohort = values.get("course"), values.get("cohort")
    filters = ReportFilters(
        course_id=course.pk if course else None,
        cohort_id=cohort.pk if cohort else None,
        role=values.get("role") or None,
        language=values.get("language") or None,
        region=values.get("region") or None,
        date_from=values.get("date_from"),
        date_to=values.get("date_to"),
        period=values.get("period") or DEFAULT_PERIOD,
        include_browser_reported={"yes": True, "no": False}.get(browser),
    )
    breakdown = values.get("breakdown", DEFAULT_BREAKDOWN) or ""
    if breakdown not in GROUP_BY:
        breakdown = ""
    return form, filters, breakdown


# --- Figures as people read them -------------------------------------------------------------


def format_value(indicator, value, *, signed=False):
    """The figure as the funder report and its exports write it (exports/text.py): 87% for
    shares and scores, 4.4 for ratings, +15.3 points for a pre/post change (87 %, 4,4 in
    French); None stays None. `signed` is kept for callers; changes are always signed."""
    if value is None:
        return None
    return value_text(value, indicator)


def format_interval(indicator, low, high):
    """95% CI 81–91%, 95% CI 4.0–4.5, 95% CI +10.2 to +19.8; "" when there is none."""
    if low is None or high is None:
        return ""
    return gettext("95%% CI %(range)s") % {"range": interval_text(low, high, indicator)}


def _share_text(value):
    return None if value is None else percent(value)


def _gain_text(value):
    if value is None:
        return None
    return number_format(Decimal(str(value)).quantize(Decimal("0.01"), ROUND_HALF_UP), 2)


def met_label(row):
    if row.met is None:
        return ""
    return gettext("Target met") if row.met else gettext("Target not met")


@dataclass
class Figure:
    """A report row ready to print: suppressed rows carry no n and no value."""

    label: str
    suppressed: bool
    n: int | None
    value: str | None
    interval: str
    met: bool | None
    met_label: str
    # Pre/post change only.
    mean_pre: str | None = None
    mean_post: str | None = None
    gain: str | None = None
    # Why a hidden figure is hidden, as the reader sees it.
    hidden_note: str = ""


def figure(indicator, row):
    if row.suppressed:
        return Figure(
            label=row.label,
            suppressed=True,
            hidden_note=suppressed_text(row, indicator),
            n=None,
            value=None,
            interval="",
            met=None,
            met_label="",
        )
    signed = indicator.kind == IndicatorKind.PRE_POST_CHANGE
    return Figure(
        label=row.label,
        suppressed=False,
        n=row.n,
        value=format_value(indicator, row.value, signed=signed),
        interval=format_interval(indicator, row.ci_low, row.ci_high),
        met=row.met,
        met_label=met_label(row),
        mean_pre=_share_text(row.mean_pre),
        mean_post=_share_text(row.mean_post),
        gain=_gain_text(row.gain),
    )


@dataclass
class Section:
    """One breakdown of a card: a heading, a table and the chart drawn from the same rows."""

    key: str
    heading: str
    group_heading: str
    rows: list
    figures: list = field(default_factory=list)
    svg: str = ""

    def chart_figure(self, indicator, period):
        """The chart of these rows (quizzes/reports/charts): the one the PDF draws too."""
        if self.key == PERIOD:
            return trend_chart(indicator, self.rows, period=period)
        return breakdown_chart(indicator, self.rows)


@dataclass
class Card:
    indicator: object
    report: object
    total: Figure
    target: str | None
    sections: list

    @property
    def dom_id(self):
        return f"indicator-{self.indicator.pk}"

    @property
    def total_hidden_note(self):
        """Why the total is hidden: too few people, or to protect a smaller group (issue 12)."""
        return suppressed_text(self.report.total, self.indicator)

    @property
    def has_answers(self):
        return self.report.total.n > 0


def _sort_rows(rows, breakdown):
    if breakdown == PERIOD:
        return sorted(rows, key=lambda row: row.group)
    # Alphabetical, with the groups nobody recorded at the end.
    return sorted(rows, key=lambda row: (row.group in (None, ""), row.label.casefold()))


def with_questions(indicators):
    """Load every indicator's questions and pre-test questions in one query each.

    `prefetch_related` gives empty lists for modelcluster's ParentalManyToManyField, so the
    questions are set in memory (never saved from here): `indicator.questions.all()` then
    costs no query in `indicator_report`.
    """
    by_pk = {indicator.pk: indicator for indicator in indicators}
    for name in ("questions", "pre_questions"):
        through = getattr(Indicator, name).through
        chosen = {pk: [] for pk in by_pk}
        links = through.objects.filter(indicator_id__in=by_pk).select_related("question")
        for link in links.order_by("pk"):
            chosen[link.indicator_id].append(link.question)
        for pk, questions in chosen.items():
            getattr(by_pk[pk], name).set(questions)
    return indicators


# --- The view --------------------------------------------------------------------------------


class IndicatorDashboardView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    model = Indicator
    permission_required = "view"
    template_name = "quizzes/admin/dashboard.html"
    page_title = _("Indicators dashboard")
    header_icon = "table"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_header_title()}]

    @cached_property
    def header_buttons(self):
        if not self.user_has_permission("change"):
            return []
        return [
            HeaderButton(
                _("Manage indicators"),
                url=reverse("wagtailsnippets_quizzes_indicator:list"),
                icon_name="crosshairs",
            )
        ]

    @cached_property
    def indicators(self):
        return list(Indicator.objects.prefetch_related("questions", "pre_questions"))

    def build_cards(self, filters, breakdown):
        """Two reports per indicator; the labels of every row in one pass (one query each)."""
        reports = []
        for indicator in self.indicators:
            # Both reports sum the same cells: read them once.
            cells = indicator_cells(indicator)
            by_period = indicator_report(
                indicator=indicator, group_by=PERIOD, filters=filters, cells=cells
            )
            by_group = None
            if breakdown and breakdown != PERIOD:
                by_group = indicator_report(
                    indicator=indicator, group_by=breakdown, filters=filters, cells=cells
                )
            reports.append((indicator, by_period, by_group))

        all_rows = [
            row
            for _indicator, by_period, by_group in reports
            for report in (by_period, by_group)
            if report is not None
            for row in report.rows
        ]
        label_rows(all_rows, period=filters.period)
        for _indicator, by_period, _by_group in reports:
            by_period.total.label = gettext("All")

        cards = []
        quarterly = filters.period == "quarter"
        trend_heading = gettext("By quarter") if quarterly else gettext("By month")
        period_heading = gettext("Quarter") if quarterly else gettext("Month")
        for indicator, by_period, by_group in reports:
            sections = [
                Section(PERIOD, trend_heading, period_heading, _sort_rows(by_period.rows, PERIOD)),
            ]
            if by_group is not None:
                sections.append(
                    Section(
                        breakdown,
                        str(BREAKDOWN_HEADINGS[breakdown]),
                        str(dict(BREAKDOWN_CHOICES)[breakdown]),
                        _sort_rows(by_group.rows, breakdown),
                    )
                )
            for section in sections:
                section.figures = [figure(indicator, row) for row in section.rows]
                chart = section.chart_figure(indicator, filters.period)
                if chart is not None:
                    section.svg = chart.svg(f"indicator-{indicator.pk}-{section.key}-chart")
            cards.append(
                Card(
                    indicator=indicator,
                    report=by_period,
                    total=figure(indicator, by_period.total),
                    target=(
                        format_value(indicator, float(indicator.target))
                        if indicator.target is not None
                        else None
                    ),
                    sections=sections,
                )
            )
        return cards

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form, filters, breakdown = dashboard_filters(self.request.GET)
        cards = self.build_cards(filters, breakdown)
        # The overview first (issue 17): each indicator's total is its by-period report's.
        overview = program_overview(
            filters=filters,
            indicators=self.indicators,
            language=get_language(),
            reports={card.indicator.pk: card.report for card in cards},
        )
        charts = {"outcomes": outcomes_chart(overview), "outputs": outputs_chart(overview)}
        context.update(
            form=form,
            filters=filters,
            breakdown=breakdown,
            cards=cards,
            overview=overview,
            overview_charts={
                key: figure.svg(f"overview-{key}-chart")
                for key, figure in charts.items()
                if figure is not None
            },
            # The filters as shown, defaults included: an export gives what the page shows.
            query_string=form.data.urlencode(),
        )
        return context
