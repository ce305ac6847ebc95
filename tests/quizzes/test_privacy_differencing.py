"""A test adversary: nobody's answer comes out of subtracting two released figures (issue 12).

A seeded cohort with small groups (a training session of seven: six sponsors and one settlement
worker, a month with one answer, a language with two…). The adversary asks for every report a
program lead can: every filter (each value present in the data, or none), every month range,
every breakdown, both periods; it keeps each released figure with the set of people it covers
(worked out here from the seeded people, not by the code under test). Then, for every learner,
it looks for two released figures whose people differ by that learner alone, and subtracts them
(counts × shares, counts × means). It must find none. Filter values absent from the data
release nothing and are left out.

The same adversary, given what the old rule released (every group of at least the minimum
size), does find victims: the test can fail.
"""

import itertools
import random
from datetime import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from quizzes.models import Answer, Attempt, Indicator, IndicatorKind, QuizKind
from quizzes.reports import ReportFilters, indicator_cells, indicator_report
from quizzes.reports.filters import filters_from_query
from quizzes.services import indicator_record_version
from tests.content.factories import CoursePageFactory
from tests.learning.factories import CohortFactory
from tests.quizzes.factories import likert, make_quiz, questions_by_code, rating

pytestmark = pytest.mark.django_db

MIN_SIZE = 5
MONTHS = [(2026, 9), (2026, 10), (2026, 11)]
BREAKDOWNS = [None, "role", "course", "cohort", "language", "region", "period"]
ATTRIBUTES = ("course", "cohort", "role", "language", "region")


def _people(courses, cohorts):
    """(course, cohort, role, language, region, month index) for each seeded learner."""
    a, b = courses
    a1, a2, b1 = cohorts
    people = []
    # The issue's session: six sponsors and one settlement worker.
    people += [(a, a1, "sponsor", "en", "ottawa", 1)] * 5
    people += [(a, a1, "sponsor", "fr", "ottawa", 1)]
    people += [(a, a1, "settlement_worker", "en", "ottawa", 1)]
    # A larger session over three months, one answer alone in the last month.
    people += [(a, a2, "settlement_worker", "en", "kingston", 0)] * 4
    people += [(a, a2, "sponsor", "fr", "kingston", 1)] * 4
    people += [(a, a2, "other", "en", "kingston", 2)]
    # Another course: a session and learners who joined no session.
    people += [(b, b1, "settlement_worker", "fr", "windsor", 0)] * 3
    people += [(b, b1, "settlement_worker", "en", "windsor", 2)] * 3
    people += [(b, None, "sponsor", "en", "ottawa", 2)] * 2
    people += [(b, None, "settlement_worker", "fr", "windsor", 1)] * 2
    return people


@pytest.fixture
def seeded(home, catalogue):
    courses = [CoursePageFactory(parent=catalogue), CoursePageFactory(parent=catalogue)]
    cohorts = [
        CohortFactory(course=courses[0]),
        CohortFactory(course=courses[0]),
        CohortFactory(course=courses[1]),
    ]
    survey = make_quiz(
        [likert("helpful-training"), rating("communication-rating")],
        kind=QuizKind.EVALUATION_SURVEY,
        anonymous=True,
        pass_mark=0,
    )
    questions = questions_by_code(survey)
    rng = random.Random(12)
    learners = []
    for number, (course, cohort, role, language, region, month) in enumerate(
        _people(courses, cohorts)
    ):
        year, month_number = MONTHS[month]
        # Answers are stored with exact times here only to show months are what counts.
        moment = timezone.make_aware(datetime(year, month_number, 1 + number % 27, 10))
        attempt = Attempt.objects.create(
            quiz=survey,
            respondent_key=f"seeded-{number}",
            course=course,
            cohort=cohort,
            role=role,
            language=language,
            region=region,
            started_at=moment,
            submitted_at=moment,
            counts_for_evaluation=True,
        )
        favourable = rng.random() < 0.7
        score = rng.randint(1, 5)
        Answer.objects.create(
            attempt=attempt,
            question=questions["helpful-training"],
            question_code="helpful-training",
            choice_code="helpful" if favourable else "not-helpful",
            is_favourable=favourable,
            is_not_applicable=False,
            answered_at=moment,
        )
        Answer.objects.create(
            attempt=attempt,
            question=questions["communication-rating"],
            question_code="communication-rating",
            rating=score,
            answered_at=moment,
        )
        learners.append(
            {
                "id": number,
                "course": course.pk,
                "cohort": cohort.pk if cohort else None,
                "role": role,
                "language": language,
                "region": region,
                "month": MONTHS[month],
                "answers": {"share": int(favourable), "rating": score},
            }
        )
    indicators = {
        "share": _indicator(
            "helpful", IndicatorKind.SHARE_FAVOURABLE, questions["helpful-training"]
        ),
        "rating": _indicator(
            "rating", IndicatorKind.MEAN_RATING, questions["communication-rating"]
        ),
    }
    return learners, indicators


def _indicator(code, kind, question):
    indicator = Indicator.objects.create(
        code=code,
        name_en=code,
        definition_en="d",
        kind=kind,
        target=Decimal("0.5") if kind == IndicatorKind.SHARE_FAVOURABLE else Decimal("3"),
        min_group_size=MIN_SIZE,
    )
    indicator.questions.set([question])
    indicator.save()
    indicator_record_version(indicator=indicator)
    return indicator


def _requests(learners):
    """Every filter combination, month range and breakdown a program lead can ask for."""
    values = {
        name: [None, *sorted({person[name] for person in learners} - {None}, key=str)]
        for name in ATTRIBUTES
    }
    ranges = [(None, None)]
    ranges += [(None, last) for last in MONTHS] + [(first, None) for first in MONTHS]
    ranges += [(first, last) for first, last in itertools.combinations_with_replacement(MONTHS, 2)]
    for combination in itertools.product(*(values[name] for name in ATTRIBUTES)):
        chosen = dict(zip(ATTRIBUTES, combination, strict=True))
        for first, last in ranges:
            for by in BREAKDOWNS:
                for period in ("month", "quarter") if by == "period" else ("month",):
                    yield chosen, first, last, by, period


def _first_day(month):
    return datetime(*month, 1).date()


def _in(person, chosen, first, last):
    if any(value is not None and person[name] != value for name, value in chosen.items()):
        return False
    if first is not None and person["month"] < first:
        return False
    return last is None or person["month"] <= last


def _row_members(members, by, key, period):
    if by == "period":
        if period == "quarter":
            quarter = (key.year, (key.month - 1) // 3)
            return [p for p in members if (p["month"][0], (p["month"][1] - 1) // 3) == quarter]
        return [p for p in members if p["month"] == (key.year, key.month)]
    return [p for p in members if p[by] == key]


def _released(indicator, learners, cells):
    """{people covered: (n, sum of their answers)} for every figure the reports release."""
    kind = "share" if indicator.kind == IndicatorKind.SHARE_FAVOURABLE else "rating"
    figures = {}
    for chosen, first, last, by, period in _requests(learners):
        members = [p for p in learners if _in(p, chosen, first, last)]
        filters = ReportFilters(
            course_id=chosen["course"],
            cohort_id=chosen["cohort"],
            role=chosen["role"],
            language=chosen["language"],
            region=chosen["region"],
            date_from=_first_day(first) if first else None,
            date_to=_first_day(last) if last else None,
            period=period,
        )
        report = indicator_report(indicator=indicator, group_by=by, filters=filters, cells=cells)
        rows = [(report.total, members)]
        rows += [(row, _row_members(members, by, row.group, period)) for row in report.rows]
        for row, people in rows:
            if row.suppressed or row.value is None:
                continue
            ids = frozenset(p["id"] for p in people)
            assert row.n == len(ids), "a released figure covers the people the filters say"
            assert sum(p["answers"][kind] for p in people) == pytest.approx(row.n * row.value)
            figures[ids] = (row.n, row.n * row.value)
    return figures


def _victims(figures, learners, kind):
    """Learners whose answer two released figures give away, by subtraction."""
    answers = {person["id"]: person["answers"][kind] for person in learners}
    found = {}
    sets = list(figures)
    for larger, smaller in itertools.permutations(sets, 2):
        difference = larger - smaller
        if len(difference) == 1 and smaller <= larger:
            (learner,) = difference
            n_large, sum_large = figures[larger]
            n_small, sum_small = figures[smaller]
            derived = sum_large - sum_small
            assert n_large - n_small == 1
            if derived == pytest.approx(answers[learner]):
                found[learner] = derived
    return found


@pytest.mark.parametrize("kind", ["share", "rating"])
def test_no_learners_answer_comes_out_of_two_released_figures(seeded, kind):
    learners, indicators = seeded
    indicator = indicators[kind]
    cells = indicator_cells(indicator)

    figures = _released(indicator, learners, cells)

    assert figures, "the reports still release figures"
    everyone = frozenset(person["id"] for person in learners)
    assert everyone in figures  # the whole cohort's figure stands
    assert _victims(figures, learners, kind) == {}


@pytest.mark.parametrize("kind", ["share", "rating"])
def test_the_adversary_finds_victims_when_only_small_groups_are_hidden(seeded, kind):
    learners, _indicators = seeded
    # What the old rule released: every population of at least MIN_SIZE, inside each report.
    figures = {}
    for chosen, first, last, _by, _period in _requests(learners):
        people = [p for p in learners if _in(p, chosen, first, last)]
        if len(people) >= MIN_SIZE:
            ids = frozenset(p["id"] for p in people)
            figures[ids] = (len(people), sum(p["answers"][kind] for p in people))

    victims = _victims(figures, learners, kind)

    # The issue's session: its settlement worker, among others.
    assert victims
    lone_worker = next(
        p["id"] for p in learners if p["role"] == "settlement_worker" and p["region"] == "ottawa"
    )
    assert lone_worker in victims


def test_a_date_counts_its_whole_month(seeded):
    learners, indicators = seeded
    filters, _by = filters_from_query({"from": "2026-10-14", "to": "2026-10-02"})
    assert (filters.date_from.isoformat(), filters.date_to.isoformat()) == (
        "2026-10-01",
        "2026-10-31",
    )
    day = indicator_report(indicator=indicators["share"], filters=filters)
    month, _by = filters_from_query({"from": "2026-10", "to": "2026-10"})
    whole = indicator_report(indicator=indicators["share"], filters=month)
    assert (day.total.n, day.total.value) == (whole.total.n, whole.total.value)
    assert day.total.n == sum(1 for p in learners if p["month"] == (2026, 10))


def test_the_issues_session_and_its_sponsors_are_not_both_released(seeded):
    _learners, indicators = seeded
    indicator = indicators["rating"]
    session = indicator.questions.first().quiz.attempts.filter(role="settlement_worker")
    cohort_id = session.filter(region="ottawa").first().cohort_id

    whole = indicator_report(indicator=indicator, filters=ReportFilters(cohort_id=cohort_id))
    sponsors = indicator_report(
        indicator=indicator, filters=ReportFilters(cohort_id=cohort_id, role="sponsor")
    )

    # Six sponsors is enough people, but the session's seven would then give the seventh.
    assert whole.total.n == 7 and sponsors.total.n == 6
    assert sponsors.total.suppressed and sponsors.total.value is None
    assert sponsors.total.hidden_because == "complement"
