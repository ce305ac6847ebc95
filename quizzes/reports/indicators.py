"""Indicator reports, computed by SQL aggregation: a constant number of queries per report.

Values are decimals (0.8693, not 87%). Every figure comes with n and a 95% interval (Wilson
for shares, t for means). Groups smaller than the indicator's minimum size are suppressed, and
so is the next smallest group when only one would be: otherwise the total minus the other
groups would give it away.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal

from django.db import connection
from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    FloatField,
    Q,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Concat, TruncMonth, TruncQuarter
from django.utils import timezone

from ..models import Answer, IndicatorKind, QuestionKind
from .stats import mean_interval, wilson_interval

GROUP_BY = ("role", "course", "cohort", "language", "region", "period")
PERIODS = ("month", "quarter")
TOTAL = "total"


@dataclass(frozen=True)
class ReportFilters:
    course_id: int | None = None
    cohort_id: int | None = None
    role: str | None = None
    language: str | None = None
    region: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    period: str = "month"
    include_browser_reported: bool | None = None  # None: as the indicator says


@dataclass
class ReportRow:
    group_by: str
    group: object
    n: int
    value: float | None
    ci_low: float | None
    ci_high: float | None
    target: float | None
    suppressed: bool = False
    # Pre/post change only.
    pairs: int | None = None
    mean_pre: float | None = None
    mean_post: float | None = None
    gain: float | None = None
    label: str = ""

    @property
    def met(self):
        if self.suppressed or self.value is None or self.target is None:
            return None
        return self.value >= self.target

    @property
    def is_total(self):
        return self.group_by == TOTAL


@dataclass
class Report:
    indicator: object
    version: int
    group_by: str
    filters: ReportFilters
    total: ReportRow
    rows: list = field(default_factory=list)

    @property
    def min_group_size(self):
        return self.indicator.min_group_size


def _group_expression(group_by, filters):
    if group_by == "period":
        trunc = TruncQuarter if filters.period == "quarter" else TruncMonth
        return trunc("attempt__submitted_at")
    if group_by in ("course", "cohort"):
        return F(f"attempt__{group_by}_id")
    return F(f"attempt__{group_by}")


def _answers(indicator, question_ids, filters):
    include_browser = (
        indicator.include_browser_reported
        if filters.include_browser_reported is None
        else filters.include_browser_reported
    )
    # Question ids, not a join on the question table: PostgreSQL then plans a parallel hash
    # join over the answers (bench/indicators.py measured 1.6× slower with the join).
    answers = Answer.objects.filter(
        question_id__in=question_ids,
        attempt__submitted_at__isnull=False,
        attempt__counts_for_evaluation=True,
    )
    if not include_browser:
        answers = answers.filter(attempt__browser_reported=False)
    for name in ("role", "language", "region"):
        value = getattr(filters, name)
        if value:
            answers = answers.filter(**{f"attempt__{name}": value})
    if filters.course_id:
        answers = answers.filter(attempt__course_id=filters.course_id)
    if filters.cohort_id:
        answers = answers.filter(attempt__cohort_id=filters.cohort_id)
    tz = timezone.get_current_timezone()
    if filters.date_from:
        start = timezone.make_aware(datetime.combine(filters.date_from, time.min), tz)
        answers = answers.filter(attempt__submitted_at__gte=start)
    if filters.date_to:
        end = timezone.make_aware(datetime.combine(filters.date_to, time.max), tz)
        answers = answers.filter(attempt__submitted_at__lte=end)
    return answers.order_by()


def _grouped(queryset, group_by, filters, **aggregates):
    """One query: {group key: aggregates} with the total under TOTAL when not grouped."""
    if group_by == TOTAL:
        return {TOTAL: queryset.aggregate(**aggregates)}
    rows = queryset.annotate(grp=_group_expression(group_by, filters)).values("grp")
    return {row.pop("grp"): row for row in rows.annotate(**aggregates).order_by("grp")}


def _respondent():
    """Who answered: the learner's id, or the anonymous survey key; nothing when unknown."""
    return Case(
        When(
            attempt__user_id__isnull=False,
            then=Concat(Value("u"), Cast("attempt__user_id", CharField())),
        ),
        When(~Q(attempt__respondent_key=""), then=Concat(Value("k"), "attempt__respondent_key")),
        default=None,
        output_field=CharField(),
    )


def _per_respondent_percent(answers, group_by, filters, *, with_respondent=False):
    """Each attempt's (or respondent's) score on the questions, as a share of the maximum."""
    key = {"unit": _respondent()} if with_respondent else {"unit": F("attempt_id")}
    values = dict(key)
    if group_by != TOTAL:
        values["grp"] = _group_expression(group_by, filters)
    else:
        values["grp"] = Value(TOTAL)
    per_unit = (
        answers.filter(max_score__gt=0)
        .annotate(**values)
        .values(*values)
        .annotate(
            v=Cast(Sum("score"), FloatField()) / Cast(Sum("max_score"), FloatField()),
        )
    )
    if with_respondent:
        per_unit = per_unit.exclude(unit__isnull=True)
    return per_unit


def _run(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _normalise_key(value):
    # Raw SQL returns dates as text on SQLite; keep group keys comparable across backends.
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str) and len(value) >= 10 and value[4] == "-" and value[7] == "-":
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return value
    return value


def _share_rows(indicator, answers, group_by, filters):
    counted = answers.exclude(is_not_applicable=True)
    data = _grouped(
        counted,
        group_by,
        filters,
        n=Count("pk"),
        k=Count("pk", filter=Q(is_favourable=True)),
    )
    rows = {}
    for key, agg in data.items():
        n, k = agg["n"] or 0, agg["k"] or 0
        low, high = wilson_interval(k, n)
        rows[key] = (n, (k / n) if n else None, low, high, {})
    return rows


def _rating_rows(indicator, answers, group_by, filters):
    ratings = answers.filter(rating__isnull=False)
    data = _grouped(
        ratings,
        group_by,
        filters,
        n=Count("rating"),
        s=Sum("rating"),
        ss=Sum(F("rating") * F("rating")),
    )
    rows = {}
    for key, agg in data.items():
        n = agg["n"] or 0
        mean, low, high = mean_interval(n, float(agg["s"] or 0), float(agg["ss"] or 0))
        rows[key] = (n, mean, low, high, {})
    return rows


def _score_rows(indicator, answers, group_by, filters, *, pass_rate):
    inner = _per_respondent_percent(answers, group_by, filters)
    sql, params = inner.query.sql_with_params()
    threshold = float(indicator.threshold) / 100
    # The inner query is Django's own SQL with its parameters bound separately.
    outer = "SELECT sub.grp, COUNT(*), SUM(sub.v), SUM(sub.v * sub.v), SUM(CASE WHEN sub.v >= %s THEN 1 ELSE 0 END) FROM ({}) sub GROUP BY sub.grp"  # noqa: E501
    result = _run(outer.format(sql), [threshold - 1e-9, *params])
    rows = {}
    for key, n, total, squares, passed in result:
        key = TOTAL if group_by == TOTAL else _normalise_key(key)
        if pass_rate:
            low, high = wilson_interval(passed or 0, n)
            rows[key] = (n, (passed or 0) / n if n else None, low, high, {})
        else:
            mean, low, high = mean_interval(n, float(total or 0), float(squares or 0))
            rows[key] = (n, mean, low, high, {})
    return rows


def _pre_post_rows(indicator, pre_answers, post_answers, group_by, filters):
    post = _per_respondent_percent(post_answers, group_by, filters, with_respondent=True)
    pre = _per_respondent_percent(pre_answers, TOTAL, filters, with_respondent=True)
    post_sql, post_params = post.query.sql_with_params()
    pre_sql, pre_params = pre.query.sql_with_params()
    outer = "SELECT post.grp, COUNT(*), SUM(post.v - pre.v), SUM((post.v - pre.v) * (post.v - pre.v)), SUM(pre.v), SUM(post.v) FROM ({}) post INNER JOIN ({}) pre ON pre.unit = post.unit GROUP BY post.grp"  # noqa: E501
    result = _run(outer.format(post_sql, pre_sql), [*post_params, *pre_params])
    rows = {}
    for key, n, change, squares, pre_total, post_total in result:
        key = TOTAL if group_by == TOTAL else _normalise_key(key)
        mean, low, high = mean_interval(n, float(change or 0), float(squares or 0))
        mean_pre = float(pre_total) / n if n else None
        mean_post = float(post_total) / n if n else None
        # Hake's normalised gain on the group means: how much of the possible gain was made.
        gain = None
        if mean_pre is not None and mean_pre < 1:
            gain = (mean_post - mean_pre) / (1 - mean_pre)
        rows[key] = (
            n,
            mean,
            low,
            high,
            {"pairs": n, "mean_pre": mean_pre, "mean_post": mean_post, "gain": gain},
        )
    return rows


def _compute(indicator, group_by, filters):
    questions = list(indicator.questions.all())
    if indicator.kind == IndicatorKind.SHARE_FAVOURABLE:
        # Only Likert answers carry the favourable / not-applicable flags.
        likert = [q.pk for q in questions if q.kind == QuestionKind.LIKERT]
        return _share_rows(indicator, _answers(indicator, likert, filters), group_by, filters)
    answers = _answers(indicator, [q.pk for q in questions], filters)
    if indicator.kind == IndicatorKind.MEAN_RATING:
        return _rating_rows(indicator, answers, group_by, filters)
    if indicator.kind in (IndicatorKind.MEAN_SCORE, IndicatorKind.PASS_RATE):
        return _score_rows(
            indicator,
            answers,
            group_by,
            filters,
            pass_rate=indicator.kind == IndicatorKind.PASS_RATE,
        )
    pre = _answers(indicator, [q.pk for q in indicator.pre_questions.all()], filters)
    return _pre_post_rows(indicator, pre, answers, group_by, filters)


def _row(indicator, group_by, key, values):
    n, value, low, high, extra = values
    target = float(indicator.target) if indicator.target is not None else None
    return ReportRow(
        group_by=group_by,
        group=key,
        n=n,
        value=value,
        ci_low=low,
        ci_high=high,
        target=target,
        **extra,
    )


def _empty_total(indicator):
    return _row(indicator, TOTAL, TOTAL, (0, None, None, None, {}))


def suppress(rows, total, min_size):
    """Hide small groups, and one more when a single hidden group could be recovered."""
    if total.n < min_size:
        total.suppressed = True
    for row in rows:
        if row.n < min_size or total.suppressed:
            row.suppressed = True
    hidden = [row for row in rows if row.suppressed]
    shown = sorted((row for row in rows if not row.suppressed), key=lambda row: row.n)
    # Total minus the shown groups equals the hidden group when it is alone: hide another.
    if len(hidden) == 1 and shown and not total.suppressed:
        shown[0].suppressed = True
    for row in [*rows, total]:
        if row.suppressed:
            row.value = row.ci_low = row.ci_high = None
            row.mean_pre = row.mean_post = row.gain = None


def indicator_report(*, indicator, group_by=None, filters=None):
    """The indicator's total and, if asked, its breakdown. Queries: 2 to 4, whatever the data."""
    filters = filters or ReportFilters()
    group_by = group_by or TOTAL
    if group_by != TOTAL and group_by not in GROUP_BY:
        raise ValueError(f"group_by must be one of {GROUP_BY}")
    total_values = _compute(indicator, TOTAL, filters).get(TOTAL)
    total = _row(indicator, TOTAL, TOTAL, total_values) if total_values else _empty_total(indicator)
    rows = []
    if group_by != TOTAL:
        computed = _compute(indicator, group_by, filters)
        rows = [_row(indicator, group_by, key, values) for key, values in computed.items()]
    suppress(rows, total, indicator.min_group_size)
    return Report(
        indicator=indicator,
        version=indicator.version,
        group_by=group_by,
        filters=filters,
        total=total,
        rows=rows,
    )


def as_decimal(value, places=4):
    if value is None:
        return None
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-places))
