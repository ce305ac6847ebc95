"""The Collaborative Action Plan's two indicators (issue 18), as cells the quiz engine's reports
read like any other indicator's (quizzes.extensions.indicator_cells; quizzes/reports/cells.py):
every figure, breakdown and hidden figure follows the same privacy rule.

- "Plans with every task owned before arrival" (plan_all_owned): among plans whose expected
  arrival date has passed, the share in which every task had an owner before that date (at
  00:00, local time). n = plans; a cell's month is the arrival month.
- "Plan assignments that match the courses' role tables" (plan_roles_match): among the plan
  tasks with an owner whose task has an owner in the role tables, the share assigned to that
  owner. n = assignments; a cell's month is the month the plan was created.

A plan is one group's answer: the privacy rule counts plans as its people, so a cell's `people`
is the number of distinct plans in it. A plan is a group's, not one role's: its cells' `role` is
GROUP_ROLE, which breakdowns by role name as the sponsor group and settlement worker together.
"""

from collections import defaultdict
from datetime import datetime, time

from django.db.models import Count, F, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from quizzes.models import IndicatorKind
from quizzes.reports import Cell
from quizzes.reports.cells import GROUP_ROLE, month_of

from .models import ActionPlan, PlanItem


def _cell(course, cohort, language, region, month, people, sums):
    return Cell(
        course=course,
        cohort=cohort,
        role=GROUP_ROLE,
        language=language or "",
        region=region or "",
        browser=False,
        month=month,
        people=people,
        sums=sums,
    )


def arrival_start(day):
    """The arrival date's first moment, 00:00 local time."""
    return timezone.make_aware(datetime.combine(day, time.min))


def all_owned_cells(today=None):
    """plan_all_owned: (n plans, k owned before arrival) per cell."""
    today = today or timezone.localdate()
    plans = ActionPlan.objects.filter(expected_arrival__lt=today).values_list(
        "course_id", "cohort_id", "language", "region", "expected_arrival", "all_owned_at"
    )
    sums = defaultdict(lambda: [0, 0])
    for course, cohort, language, region, arrival, owned_at in plans:
        key = (course, cohort, language, region, arrival.replace(day=1))
        sums[key][0] += 1
        if owned_at is not None and owned_at < arrival_start(arrival):
            sums[key][1] += 1
    return [_cell(*key, people=n, sums=(n, k)) for key, (n, k) in sums.items()]


def roles_match_cells():
    """plan_roles_match: (n assignments, k matching the role tables) per cell; people = plans."""
    rows = (
        PlanItem.objects.exclude(owner="")
        .exclude(task__expected_owner="")
        .order_by()
        .values(
            course=F("plan__course_id"),
            cohort=F("plan__cohort_id"),
            language=F("plan__language"),
            region=F("plan__region"),
            month=TruncMonth("plan__created_at"),
        )
        .annotate(
            n=Count("pk"),
            k=Count("pk", filter=Q(owner=F("task__expected_owner"))),
            plans=Count("plan_id", distinct=True),
        )
    )
    return [
        _cell(
            row["course"],
            row["cohort"],
            row["language"],
            row["region"],
            month_of(row["month"]),
            people=row["plans"],
            sums=(row["n"], row["k"]),
        )
        for row in rows
    ]


def plan_indicator_cells(*, indicator):
    """The cells of a plan indicator (quizzes.extensions.indicator_cells); none for others."""
    if indicator.kind == IndicatorKind.PLAN_ALL_OWNED:
        return all_owned_cells()
    if indicator.kind == IndicatorKind.PLAN_ROLES_MATCH:
        return roles_match_cells()
    return []
