"""Indicator figures from raw answers: every kind, the intervals, suppression, versions."""

import math
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quizzes.models import Indicator, IndicatorKind, QuizKind
from quizzes.reports import ReportFilters, indicator_report, t_quantile, wilson_interval
from quizzes.services import attempt_start, attempt_submit, indicator_record_version
from tests.learning.factories import ProfileFactory
from tests.quizzes.factories import likert, make_quiz, questions_by_code, rating, single

pytestmark = pytest.mark.django_db

LIKERT_CODES = ["very-helpful", "helpful", "somewhat-helpful", "not-helpful", "not-applicable"]


def respond(
    quiz,
    answers_by_code,
    *,
    language="en",
    role="settlement_worker",
    region="ottawa",
    consent=True,
    user=None,
):
    user = user or ProfileFactory(role=role, region=region, evaluation_consent=consent).user
    questions = questions_by_code(quiz)
    attempt = attempt_start(quiz=quiz, user=user, language=language)
    answers = {questions[code].pk: value for code, value in answers_by_code.items()}
    return attempt_submit(attempt=attempt, answers=answers, user=user).attempt, user


@pytest.fixture
def survey(db):
    return make_quiz(
        [likert("helpful-refugee-needs"), likert("helpful-sponsor-responsibilities")],
        kind=QuizKind.EVALUATION_SURVEY,
        anonymous=True,
        pass_mark=0,
    )


def share_indicator(survey, code="helpful-refugee-needs", **fields):
    indicator = Indicator.objects.create(
        code=f"share-{code}",
        name_en="Helpful",
        name_fr="Utile",
        definition_en="d",
        definition_fr="d",
        kind=IndicatorKind.SHARE_FAVOURABLE,
        target=Decimal("0.85"),
        **fields,
    )
    indicator.questions.set([questions_by_code(survey)[code]])
    indicator.save()
    indicator_record_version(indicator=indicator)
    return indicator


def test_wilson_and_t_against_known_values():
    low, high = wilson_interval(133, 153)
    assert (round(low, 4), round(high, 4)) == (0.8067, 0.9138)
    assert wilson_interval(0, 10)[0] == 0.0
    assert wilson_interval(10, 10)[1] == 1.0
    # Student's t, 97.5th percentile (tables).
    for df, expected in {1: 12.7062, 4: 2.7764, 9: 2.2622, 29: 2.0452, 120: 1.9799}.items():
        assert math.isclose(t_quantile(0.975, df), expected, abs_tol=1e-4)


def test_share_favourable_excludes_not_applicable_from_the_denominator(survey):
    indicator = share_indicator(survey)
    for code in [
        "very-helpful",
        "helpful",
        "helpful",
        "not-helpful",
        "not-applicable",
        "somewhat-helpful",
        "not-applicable",
    ]:
        respond(
            survey, {"helpful-refugee-needs": code, "helpful-sponsor-responsibilities": "helpful"}
        )
    report = indicator_report(indicator=indicator)
    assert report.total.n == 5
    assert report.total.value == pytest.approx(3 / 5)
    low, high = wilson_interval(3, 5)
    assert (report.total.ci_low, report.total.ci_high) == (pytest.approx(low), pytest.approx(high))
    assert report.total.met is False


def test_answers_without_consent_are_not_counted(survey):
    indicator = share_indicator(survey, min_group_size=1)
    respond(
        survey,
        {"helpful-refugee-needs": "helpful", "helpful-sponsor-responsibilities": "helpful"},
        consent=False,
    )
    respond(
        survey,
        {"helpful-refugee-needs": "not-helpful", "helpful-sponsor-responsibilities": "helpful"},
    )
    report = indicator_report(indicator=indicator)
    assert (report.total.n, report.total.value) == (1, 0.0)


def test_french_and_english_answers_count_together_and_break_down_by_language(survey):
    indicator = share_indicator(survey)
    for i in range(12):
        respond(
            survey,
            {
                "helpful-refugee-needs": "helpful" if i % 3 else "not-helpful",
                "helpful-sponsor-responsibilities": "helpful",
            },
            language="fr" if i < 6 else "en",
        )
    report = indicator_report(indicator=indicator, group_by="language")
    assert report.total.n == 12 and report.total.value == pytest.approx(8 / 12)
    by_language = {row.group: row for row in report.rows}
    assert by_language["fr"].n == 6 and by_language["en"].n == 6
    assert by_language["fr"].value == pytest.approx(4 / 6)


def test_mean_rating_with_its_t_interval():
    quiz = make_quiz([rating()], kind=QuizKind.EVALUATION_SURVEY, anonymous=True, pass_mark=0)
    indicator = Indicator.objects.create(
        code="communication",
        name_en="Communication",
        name_fr="Communication",
        kind=IndicatorKind.MEAN_RATING,
        target=Decimal("4.5"),
        definition_en="d",
    )
    indicator.questions.set(quiz.questions.all())
    indicator.save()
    values = [5, 5, 4, 5, 5, 5, 4, 5, 5, 5]
    for value in values:
        respond(quiz, {"communication-rating": str(value)})
    report = indicator_report(indicator=indicator)
    mean = sum(values) / len(values)
    sd = math.sqrt(sum((v - mean) ** 2 for v in values) / (len(values) - 1))
    half = t_quantile(0.975, 9) * sd / math.sqrt(10)
    assert report.total.value == pytest.approx(4.8)
    assert report.total.ci_low == pytest.approx(mean - half)
    assert report.total.ci_high == pytest.approx(mean + half)
    assert report.total.met is True


def scored_quiz(kind=QuizKind.POST_TEST, prefix=""):
    return make_quiz(
        [
            single(code=f"{prefix}a"),
            single(code=f"{prefix}b"),
            single(code=f"{prefix}c"),
            single(code=f"{prefix}d"),
        ],
        kind=kind,
        attempts_allowed=0,
    )


def answers(prefix, right):
    return {
        f"{prefix}{code}": ("sponsor" if index < right else "agency")
        for index, code in enumerate("abcd")
    }


def test_mean_score_and_pass_rate_per_learner():
    quiz = scored_quiz()
    mean_score = Indicator.objects.create(
        code="roles",
        name_en="Roles",
        kind=IndicatorKind.MEAN_SCORE,
        definition_en="d",
        min_group_size=1,
    )
    pass_rate = Indicator.objects.create(
        code="pass",
        name_en="Pass",
        kind=IndicatorKind.PASS_RATE,
        threshold=Decimal("75"),
        definition_en="d",
        min_group_size=1,
    )
    for indicator in (mean_score, pass_rate):
        indicator.questions.set(quiz.questions.all())
        indicator.save()
    for right in (4, 3, 2, 1):  # 100%, 75%, 50%, 25%
        respond(quiz, answers("", right))
    assert indicator_report(indicator=mean_score).total.value == pytest.approx(0.625)
    report = indicator_report(indicator=pass_rate)
    assert (report.total.n, report.total.value) == (4, pytest.approx(0.5))  # 100% and 75%


def test_pre_post_change_matches_learners_and_computes_the_normalised_gain():
    pre, post = scored_quiz(QuizKind.PRE_TEST, "pre-"), scored_quiz(QuizKind.POST_TEST, "post-")
    indicator = Indicator.objects.create(
        code="change",
        name_en="Change",
        definition_en="d",
        kind=IndicatorKind.PRE_POST_CHANGE,
        min_group_size=1,
    )
    indicator.questions.set(post.questions.all())
    indicator.pre_questions.set(pre.questions.all())
    indicator.save()
    for before, after in ((1, 3), (2, 4), (2, 2)):
        _attempt, user = respond(pre, answers("pre-", before))
        respond(post, answers("post-", after), user=user)
    respond(post, answers("post-", 4))  # no pre-test: not a pair
    report = indicator_report(indicator=indicator)
    total = report.total
    assert total.pairs == 3
    assert total.value == pytest.approx((0.5 + 0.5 + 0) / 3)
    assert total.mean_pre == pytest.approx(5 / 12) and total.mean_post == pytest.approx(9 / 12)
    assert total.gain == pytest.approx((9 / 12 - 5 / 12) / (1 - 5 / 12))


@pytest.mark.parametrize(("pairing", "pairs"), [("roles", 1), ("", 0)])
def test_anonymous_survey_pairs_match_on_the_respondent_key_within_a_pairing(pairing, pairs):
    # Paired quizzes share the learner's key; unpaired ones cannot be matched (issue 12).
    pre = make_quiz([single(code="a")], kind=QuizKind.PRE_TEST, anonymous=True, pairing=pairing)
    post = make_quiz([single(code="a")], kind=QuizKind.POST_TEST, anonymous=True, pairing=pairing)
    indicator = Indicator.objects.create(
        code="anon-change",
        name_en="Change",
        definition_en="d",
        kind=IndicatorKind.PRE_POST_CHANGE,
        min_group_size=1,
    )
    indicator.questions.set(post.questions.all())
    indicator.pre_questions.set(pre.questions.all())
    indicator.save()
    _attempt, user = respond(pre, {"a": "agency"})
    respond(post, {"a": "sponsor"}, user=user)
    report = indicator_report(indicator=indicator)
    if pairs:
        assert (report.total.pairs, report.total.value) == (1, pytest.approx(1.0))
    else:
        assert not report.total.n


def test_small_groups_are_suppressed_and_so_is_the_group_that_would_reveal_them(survey):
    indicator = share_indicator(survey)
    regions = ["ottawa"] * 7 + ["kingston"] * 6 + ["windsor"] * 3
    for region in regions:
        respond(
            survey,
            {"helpful-refugee-needs": "helpful", "helpful-sponsor-responsibilities": "helpful"},
            region=region,
        )
    report = indicator_report(indicator=indicator, group_by="region")
    rows = {row.group: row for row in report.rows}
    assert rows["windsor"].suppressed and rows["windsor"].value is None
    # Total (16) minus Ottawa (7) minus Kingston (6) would give Windsor: Kingston is hidden too.
    assert rows["kingston"].suppressed and rows["kingston"].value is None
    assert not rows["ottawa"].suppressed and rows["ottawa"].value == 1.0
    assert not report.total.suppressed and report.total.n == 16


def test_a_total_under_the_minimum_hides_everything(survey):
    indicator = share_indicator(survey)
    for _ in range(4):
        respond(
            survey,
            {"helpful-refugee-needs": "helpful", "helpful-sponsor-responsibilities": "helpful"},
        )
    report = indicator_report(indicator=indicator, group_by="role")
    assert report.total.suppressed and report.total.value is None
    assert all(row.suppressed for row in report.rows)


def test_a_changed_definition_is_a_new_version_and_reports_say_which(survey):
    indicator = share_indicator(survey)
    assert indicator_report(indicator=indicator).version == 1
    indicator_record_version(indicator=indicator)  # nothing changed
    assert indicator.versions.count() == 1
    indicator.target = Decimal("0.90")
    indicator.save()
    indicator_record_version(indicator=indicator)
    indicator.refresh_from_db()
    assert indicator.version == 2 and indicator.versions.count() == 2
    assert indicator.versions.get(number=1).definition["target"] == "0.85"
    assert indicator_report(indicator=indicator).version == 2


def test_filters_and_breakdowns(survey):
    indicator = share_indicator(survey, min_group_size=1)
    respond(
        survey,
        {"helpful-refugee-needs": "helpful", "helpful-sponsor-responsibilities": "helpful"},
        role="sponsor",
    )
    respond(
        survey,
        {"helpful-refugee-needs": "not-helpful", "helpful-sponsor-responsibilities": "helpful"},
        role="settlement_worker",
    )
    only_sponsors = indicator_report(indicator=indicator, filters=ReportFilters(role="sponsor"))
    assert (only_sponsors.total.n, only_sponsors.total.value) == (1, 1.0)
    by_period = indicator_report(indicator=indicator, group_by="period")
    assert len(by_period.rows) == 1 and by_period.rows[0].n == 2
    by_quarter = indicator_report(
        indicator=indicator, group_by="period", filters=ReportFilters(period="quarter")
    )
    assert by_quarter.rows[0].group.month in (1, 4, 7, 10)


@pytest.mark.parametrize("group_by", [None, "role", "period"])
def test_query_count_is_constant_from_10_to_10000_answers(survey, group_by):
    from quizzes.models import Answer, Attempt

    indicator = share_indicator(survey)
    question = questions_by_code(survey)["helpful-refugee-needs"]

    def add(n):
        # Rows written in bulk: this test measures the report, not the submit service.
        from django.utils import timezone

        attempts = Attempt.objects.bulk_create(
            Attempt(
                quiz=survey,
                respondent_key=f"k{Attempt.objects.count()}-{i}",
                role="sponsor",
                region="ottawa",
                language="en",
                started_at=timezone.now(),
                submitted_at=timezone.now(),
                counts_for_evaluation=True,
            )
            for i in range(n)
        )
        Answer.objects.bulk_create(
            Answer(
                attempt=attempt,
                question=question,
                question_code=question.code,
                choice_code=LIKERT_CODES[i % 5],
                is_favourable=i % 5 < 2,
                is_not_applicable=i % 5 == 4,
                answered_at=timezone.now(),
            )
            for i, attempt in enumerate(attempts)
        )

    def count():
        with CaptureQueriesContext(connection) as ctx:
            indicator_report(indicator=indicator, group_by=group_by)
        return len(ctx.captured_queries)

    add(10)
    few = count()
    add(9_990)
    assert count() == few
