"""An indicator's answers summed per cell: the finest population any report can ask for.

A cell is one combination of course, training session, role, language, region, whether the
browser scored the answers, and calendar month of submission. Every figure a report releases —
a total or a breakdown row, for any filters — is a sum over whole cells, so the figures and the
privacy rule that decides which of them may be released (`release.py`) read the same numbers
from one query per indicator (issue 12). Each cell counts its people (attempts, or pre/post
pairs) apart from its answers: the privacy rule counts people.

The sums each kind keeps (all additive, so any set of cells adds up to its figure):
  share favourable  n answers, k favourable
  mean rating       n ratings, sum, sum of squares
  mean score / pass n attempts, sum of shares, sum of squares, number passed
  pre/post change   n pairs, sum of changes, sum of squares, sum of pre shares, sum of post
  computed kinds    n, k as share favourable, from the layer that knows them (a plan's
                    indicators: quizzes.extensions.indicator_cells)
"""

from dataclasses import dataclass
from datetime import date, datetime

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
from django.db.models.functions import Cast, Concat, TruncMonth

from .. import extensions
from ..models import COMPUTED_KINDS, Answer, IndicatorKind, QuestionKind

# The role of a cell that counts what a group did together rather than one person's answers (the
# action plan's indicators: a plan is a sponsor group's and its settlement worker's, issue 18),
# so a breakdown by role names it for what it is, not as a role nobody recorded.
GROUP_ROLE = "group"

# The attributes a report can filter or break down by, besides the month.
ATTRIBUTES = ("course", "cohort", "role", "language", "region", "browser")
_COLUMNS = {
    "course": F("attempt__course_id"),
    "cohort": F("attempt__cohort_id"),
    "role": F("attempt__role"),
    "language": F("attempt__language"),
    "region": F("attempt__region"),
    "browser": F("attempt__browser_reported"),
}


@dataclass(frozen=True)
class Cell:
    course: int | None
    cohort: int | None
    role: str
    language: str
    region: str
    browser: bool
    month: date
    people: int
    sums: tuple


def month_of(value):
    """The first day of the month a truncated value falls in (backends differ in type)."""
    if isinstance(value, datetime):
        return value.date().replace(day=1)
    if isinstance(value, date):
        return value.replace(day=1)
    return date.fromisoformat(str(value)[:10]).replace(day=1)


def _answers(question_ids):
    # Question ids, not a join on the question table: PostgreSQL then plans a parallel hash
    # join over the answers (bench/indicators.py measured 1.6× slower with the join).
    return Answer.objects.filter(
        question_id__in=question_ids,
        attempt__submitted_at__isnull=False,
        attempt__counts_for_evaluation=True,
    ).order_by()


def _keys():
    return {**_COLUMNS, "month": TruncMonth("attempt__submitted_at")}


def _cell(row, people, sums):
    return Cell(
        course=row["course"],
        cohort=row["cohort"],
        role=row["role"] or "",
        language=row["language"] or "",
        region=row["region"] or "",
        browser=bool(row["browser"]),
        month=month_of(row["month"]),
        people=people,
        sums=sums,
    )


def _people(question_ids, answers_counted):
    """People per cell. With one question, one answer per attempt (a constraint): the answers
    are the people, and PostgreSQL is spared a sort for COUNT(DISTINCT) (twice the time of
    the whole aggregate on 200,000 answers, bench/indicators.py)."""
    if len(question_ids) == 1:
        return answers_counted
    return Count("attempt_id", distinct=True)


def _share_cells(question_ids):
    rows = (
        _answers(question_ids)
        .exclude(is_not_applicable=True)
        .annotate(**_keys())
        .values(*ATTRIBUTES, "month")
        .annotate(
            n=Count("pk"),
            k=Count("pk", filter=Q(is_favourable=True)),
            people=_people(question_ids, Count("pk")),
        )
    )
    return [_cell(row, row["people"], (row["n"], row["k"])) for row in rows]


def _rating_cells(question_ids):
    rows = (
        _answers(question_ids)
        .filter(rating__isnull=False)
        .annotate(**_keys())
        .values(*ATTRIBUTES, "month")
        .annotate(
            n=Count("rating"),
            s=Sum("rating"),
            ss=Sum(F("rating") * F("rating")),
            people=_people(question_ids, Count("rating")),
        )
    )
    return [
        _cell(row, row["people"], (row["n"], float(row["s"] or 0), float(row["ss"] or 0)))
        for row in rows
    ]


def _per_unit(answers, unit):
    """Each unit's (attempt's or respondent's) score on the questions, as a share of the
    maximum, with the cell it falls in."""
    return (
        answers.filter(max_score__gt=0)
        .annotate(unit=unit, **_keys())
        .values("unit", *ATTRIBUTES, "month")
        .annotate(v=Cast(Sum("score"), FloatField()) / Cast(Sum("max_score"), FloatField()))
    )


def _run(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


_GROUP = ", ".join(f"sub.{name}" for name in (*ATTRIBUTES, "month"))


def _row_dict(values):
    return dict(zip((*ATTRIBUTES, "month"), values, strict=True))


def _score_cells(question_ids, threshold):
    inner = _per_unit(_answers(question_ids), F("attempt_id"))
    sql, params = inner.query.sql_with_params()
    # The inner query is Django's own SQL with its parameters bound separately.
    outer = (
        f"SELECT {_GROUP}, COUNT(*), SUM(sub.v), SUM(sub.v * sub.v), "  # noqa: S608 - Django's SQL
        "SUM(CASE WHEN sub.v >= %s THEN 1 ELSE 0 END) "
        f"FROM ({sql}) sub GROUP BY {_GROUP}"
    )
    cells = []
    for *keys, n, total, squares, passed in _run(outer, [threshold - 1e-9, *params]):
        sums = (n, float(total or 0), float(squares or 0), int(passed or 0))
        cells.append(_cell(_row_dict(keys), n, sums))
    return cells


def respondent():
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


def _pre_post_cells(question_ids, pre_question_ids):
    # A pair belongs to the cell of its post-test answers: "the change among those who took
    # the post-test in this course, session, month…". The pre-test may be from any time before.
    post = _per_unit(_answers(question_ids), respondent()).exclude(unit__isnull=True)
    pre = (
        _answers(pre_question_ids)
        .filter(max_score__gt=0)
        .annotate(unit=respondent())
        .exclude(unit__isnull=True)
        .values("unit")
        .annotate(v=Cast(Sum("score"), FloatField()) / Cast(Sum("max_score"), FloatField()))
    )
    post_sql, post_params = post.query.sql_with_params()
    pre_sql, pre_params = pre.query.sql_with_params()
    outer = (
        f"SELECT {_GROUP}, COUNT(*), SUM(sub.v - pre.v), "  # noqa: S608 - Django's SQL
        "SUM((sub.v - pre.v) * (sub.v - pre.v)), SUM(pre.v), SUM(sub.v) "
        f"FROM ({post_sql}) sub INNER JOIN ({pre_sql}) pre ON pre.unit = sub.unit "
        f"GROUP BY {_GROUP}"
    )
    cells = []
    for *keys, n, change, squares, pre_total, post_total in _run(
        outer, [*post_params, *pre_params]
    ):
        sums = (
            n,
            float(change or 0),
            float(squares or 0),
            float(pre_total or 0),
            float(post_total or 0),
        )
        cells.append(_cell(_row_dict(keys), n, sums))
    return cells


def indicator_cells(indicator):
    """Every cell of the indicator's counted answers: one query (pre/post: one, with a join).
    Kinds read from elsewhere than answers come from the layer that computes them."""
    if indicator.kind in COMPUTED_KINDS:
        return list(extensions.indicator_cells(indicator=indicator))
    questions = list(indicator.questions.all())
    if indicator.kind == IndicatorKind.SHARE_FAVOURABLE:
        # Only Likert answers carry the favourable / not-applicable flags.
        return _share_cells([q.pk for q in questions if q.kind == QuestionKind.LIKERT])
    question_ids = [q.pk for q in questions]
    if indicator.kind == IndicatorKind.MEAN_RATING:
        return _rating_cells(question_ids)
    if indicator.kind in (IndicatorKind.MEAN_SCORE, IndicatorKind.PASS_RATE):
        return _score_cells(question_ids, float(indicator.threshold) / 100)
    pre_ids = [q.pk for q in indicator.pre_questions.all()]
    return _pre_post_cells(question_ids, pre_ids)
