"""The demo indicators and simulated learners: seeding is idempotent, learners go through the
services, and the indicators then report plausible figures."""

import datetime
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from learning.demo.events import simulate_event_responses
from learning.demo.indicators import INDICATORS, seed_demo_indicators
from learning.demo.plans_simulated import simulate_plans
from learning.demo.responses import simulate_responses
from learning.notifications.models import EmailStatus, OutgoingEmail
from learning.people.models import Enrolment, Profile
from quizzes.models import Attempt, Indicator, IndicatorKind, IndicatorVersion, QuestionKind, Quiz
from quizzes.reports import indicator_report
from quizzes.services import indicator_record_version, respondent_key_for

ROOT = Path(__file__).resolve().parents[3]
SURVEYS = {"sw-evaluation-survey", "sponsor-evaluation-survey"}
TESTS = {"sw-pre-test", "sw-post-test", "sponsor-pre-test", "sponsor-post-test"}
AUDIENCE_ROLE = {"settlement_workers": "settlement_worker", "sponsors": "sponsor"}


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=io.StringIO())


def question_set(quiz_slug, *, kind=None, scored=False):
    questions = Quiz.objects.get(slug=quiz_slug).questions.all()
    if kind:
        questions = questions.filter(kind=kind)
    if scored:
        questions = [question for question in questions if question.is_scored]
    return {question.pk for question in questions}


def linked(indicator, name="questions"):
    # Read back from the database, not the instance: the links must have been saved.
    fresh = Indicator.objects.get(pk=indicator.pk)
    return {question.pk for question in getattr(fresh, name).all()}


def state():
    return [
        (
            indicator.code,
            indicator.kind,
            indicator.target,
            indicator.version,
            sorted(linked(indicator)),
            sorted(linked(indicator, "pre_questions")),
        )
        for indicator in Indicator.objects.order_by("code")
    ]


def test_seed_demo_indicators_is_idempotent(demo):
    first = state()
    versions = IndicatorVersion.objects.count()
    assert len(first) == len(INDICATORS) == versions
    seed_demo_indicators()
    call_command("seed_demo", stdout=io.StringIO())
    assert state() == first
    assert IndicatorVersion.objects.count() == versions
    assert set(Indicator.objects.values_list("version", flat=True)) == {1}


def test_seeding_again_restores_an_edited_indicator_as_a_new_version(demo):
    indicator = Indicator.objects.get(code="sw-helpful-refugee-needs")
    indicator.target = "0.5"
    indicator.questions.set([])
    indicator.save()
    assert indicator_record_version(indicator=indicator).number == 2
    seed_demo_indicators()
    indicator.refresh_from_db()
    assert str(indicator.target) == "0.8500"
    assert linked(indicator)
    assert indicator.version == 3
    assert indicator.versions.count() == 3


def test_demo_indicators_link_the_right_questions(demo):
    by_code = {indicator.code: indicator for indicator in Indicator.objects.all()}
    role = QuestionKind.ROLE_ASSIGNMENT
    for prefix, pre, post, survey in (
        ("sw", "sw-pre-test", "sw-post-test", "sw-evaluation-survey"),
        ("sponsor", "sponsor-pre-test", "sponsor-post-test", "sponsor-evaluation-survey"),
    ):
        understanding = by_code[f"{prefix}-role-understanding"]
        assert understanding.kind == IndicatorKind.MEAN_SCORE
        assert linked(understanding) == question_set(post, kind=role)
        assert len(linked(understanding)) == 2
        change = by_code[f"{prefix}-role-understanding-change"]
        assert change.kind == IndicatorKind.PRE_POST_CHANGE
        assert linked(change) == question_set(post, kind=role)
        assert linked(change, "pre_questions") == question_set(pre, kind=role)
        assert str(change.target) == "0.1500"
        pass_rate = by_code[f"{prefix}-post-test-pass-rate"]
        assert pass_rate.kind == IndicatorKind.PASS_RATE
        assert linked(pass_rate) == question_set(post, scored=True)
        assert pass_rate.threshold == 70
        for indicator in by_code.values():
            if indicator.code.startswith(f"{prefix}-") and indicator.kind in (
                IndicatorKind.SHARE_FAVOURABLE,
                IndicatorKind.MEAN_RATING,
            ):
                assert linked(indicator) <= question_set(survey)

    def survey_question(indicator):
        (question,) = Indicator.objects.get(code=indicator).questions.all()
        return question.quiz.slug, question.code

    assert survey_question("sw-helpful-refugee-needs") == (
        "sw-evaluation-survey",
        "helpful-refugee-needs",
    )
    assert survey_question("sw-helpful-sponsor-responsibilities") == (
        "sw-evaluation-survey",
        "helpful-sponsor-responsibilities",
    )
    assert survey_question("sponsor-prepared-to-work-with-settlement") == (
        "sponsor-evaluation-survey",
        "prepared-to-work-with-settlement",
    )
    assert survey_question("sponsor-communication-rating")[1] == "communication-rating"
    assert str(by_code["sponsor-communication-rating"].target) == "4.5000"
    assert by_code["sponsor-prior-experience-rating"].target is None
    # The two helpfulness indicators come first on the dashboard.
    assert [indicator.code for indicator in Indicator.objects.all()[:2]] == [
        "sw-helpful-refugee-needs",
        "sw-helpful-sponsor-responsibilities",
    ]


def test_demo_indicators_are_bilingual_and_say_who_is_counted():
    for spec in INDICATORS:
        for name in ("name", "definition"):
            en, fr = spec[f"{name}_en"], spec[f"{name}_fr"]
            assert en.strip() and fr.strip() and en != fr, spec["code"]
        assert "Counted:" in spec["definition_en"], spec["code"]
        assert "Sont comptées" in spec["definition_fr"], spec["code"]
    shares = [spec for spec in INDICATORS if spec["kind"] == IndicatorKind.SHARE_FAVOURABLE]
    for spec in shares:
        assert "“Not applicable” answers are excluded" in spec["definition_en"]
        assert "« Sans objet » sont exclues" in spec["definition_fr"]


def demo_users(seed=2026):
    return get_user_model().objects.filter(username__startswith=f"demo-learner-{seed}-")


def test_simulated_learners_go_through_the_services(demo):
    out = io.StringIO()
    summary = simulate_responses(count=12, stdout=out)
    assert summary.created == 12
    assert "Simulated learners (seed 2026): 12 added" in out.getvalue()
    users = list(demo_users())
    assert len(users) == 12
    for user in users:
        enrolment = Enrolment.objects.select_related("course").get(user=user)
        profile = Profile.objects.get(user=user)
        assert profile.role == AUDIENCE_ROLE[enrolment.course.specific.audience]
        assert profile.evaluation_consent is not None
        tests = Attempt.objects.filter(user=user, quiz__slug__in=TESTS)
        assert tests.count() == 2
        assert all(attempt.submitted_at and attempt.percent is not None for attempt in tests)
        assert (
            tests.get(quiz__kind="pre_test").started_at
            < tests.get(quiz__kind="post_test").started_at
        )
        # The anonymous survey has the learner's key, never the learner.
        (survey,) = [
            attempt
            for attempt in Attempt.objects.filter(quiz__slug__in=SURVEYS).select_related("quiz")
            if attempt.respondent_key == respondent_key_for(user=user, quiz=attempt.quiz)
        ]
        assert survey.user_id is None
        assert survey.submitted_at is not None
        assert survey.answers.exists()
        assert survey.role == profile.role
        assert survey.counts_for_evaluation == profile.evaluation_consent
        # Lessons are complete, the post-test passed or not: the completion rule decides.
        assert enrolment.lesson_progress.count() > 0
    surveys = Attempt.objects.filter(quiz__slug__in=SURVEYS)
    assert surveys.count() == 12
    assert not surveys.filter(user__isnull=False).exists()
    assert not surveys.filter(respondent_key="").exists()
    # Both courses, both languages, dates spread over the last six months (anonymous responses
    # keep only the month: from the first of the month six months ago).
    assert {attempt.quiz.slug for attempt in surveys} == SURVEYS
    assert {attempt.language for attempt in Attempt.objects.all()} <= {"en", "fr"}
    now = timezone.now()
    dates = [attempt.submitted_at for attempt in surveys]
    assert all(now - datetime.timedelta(days=184 + 31) < moment <= now for moment in dates)
    assert len({moment.date() for moment in dates}) > 3
    assert Enrolment.objects.filter(user__in=users, cohort__code="DEMO2026").exists()


def test_simulating_again_with_the_same_seed_adds_nobody(demo):
    simulate_responses(count=12, stdout=io.StringIO())
    attempts = Attempt.objects.count()
    summary = simulate_responses(count=12, stdout=io.StringIO())
    assert (summary.created, summary.skipped) == (0, 12)
    assert Attempt.objects.count() == attempts
    assert demo_users().count() == 12
    # A new seed adds new learners; a larger count adds only the missing ones.
    assert simulate_responses(count=2, seed=7, stdout=io.StringIO()).created == 2
    assert simulate_responses(count=14, stdout=io.StringIO()).created == 2
    assert demo_users(7).count() == 2 and demo_users().count() == 14


def test_indicators_report_plausible_values_after_simulation(demo):
    simulate_responses(count=12, stdout=io.StringIO())
    simulate_event_responses(stdout=io.StringIO())
    simulate_plans(stdout=io.StringIO())
    for indicator in Indicator.objects.all():
        report = indicator_report(indicator=indicator)
        assert report.total.n > 0, indicator.code
        value = report.total.value
        if report.total.suppressed:
            assert value is None
            continue
        if indicator.kind in (
            IndicatorKind.SHARE_FAVOURABLE,
            IndicatorKind.PASS_RATE,
            IndicatorKind.MEAN_SCORE,
        ):
            assert 0 <= value <= 1, indicator.code
        elif indicator.kind == IndicatorKind.MEAN_RATING:
            assert 1 <= value <= 5, indicator.code
        else:
            # The post-test is answered better than the pre-test.
            assert 0 < value <= 1, indicator.code
    helpful = indicator_report(indicator=Indicator.objects.get(code="sw-helpful-refugee-needs"))
    assert not helpful.total.suppressed
    by_role = indicator_report(
        indicator=Indicator.objects.get(code="sponsor-communication-rating"), group_by="role"
    )
    assert {row.group for row in by_role.rows} == {"sponsor"}


def test_seed_demo_with_responses(db, django_capture_on_commit_callbacks, settings):
    settings.DEBUG = True  # as `make run` seeds it: the demo accounts too
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", "--responses", "3", stdout=out)
    # The simulated people's made-up addresses are sent nothing (seeding 200 printed 480
    # emails to the console, and would mail them through a real server).
    assert not [m for m in mail.outbox if m.to[0].startswith(("demo-learner-", "demo-attendee-"))]
    assert OutgoingEmail.objects.filter(
        user__username__startswith="demo-", status=EmailStatus.SKIPPED
    ).exists()
    assert "Indicators: " in out.getvalue()
    assert "Simulated learners (seed 2026): 3 added" in out.getvalue()
    assert demo_users().count() == 3
    call_command("seed_demo", "--responses", "3", "--seed", "9", stdout=io.StringIO())
    assert demo_users(9).count() == 3


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")),
    reason="the indicator benchmark needs a PostgreSQL DATABASE_URL",
)
def test_indicator_benchmark_runs_at_small_scale():
    # Its own database on the same server, never the test database.
    result = subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, str(ROOT / "bench" / "indicators.py"), "--answers", "2000"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "bare SQL" in result.stdout
    assert "2,000" in result.stdout
