"""A program lead reads the overview, each indicator's details and the funder report at
1280 px, in English and French: nothing clipped, headers over their columns, axe (issue 17)."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from learning.people.models import CohortKind, Role
from quizzes.models import Attempt, IndicatorKind, QuizKind
from tests.browser.conftest import assert_accessible
from tests.browser.layout_checks import overflow
from tests.browser.report_layout_checks import clipped_charts, misaligned_tables
from tests.browser.test_dashboard import log_in_to_the_admin
from tests.learning.factories import CohortFactory
from tests.learning.progress.test_outputs import trained
from tests.quizzes.factories import likert, make_quiz, questions_by_code, rating
from tests.quizzes.test_dashboard import make_indicator, respond

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def program(lessons):
    """A term of the program: learners trained, a session, two events, and survey answers at
    100% of the target's scale (a point at the top of the chart) and below it."""
    course = lessons[0].get_parent().specific
    session = CohortFactory(course=course, name="Kingston, autumn")
    trained(lessons, 6, cohort=session, finish=True)
    trained(lessons, 5, role=Role.SPONSOR, region="kingston", language="fr")
    for attendance in (14, 16):
        CohortFactory(course=course, kind=CohortKind.EVENT, attendance=attendance)
    survey = make_quiz(
        [likert("helpful"), likert("roles"), rating("communication")],
        kind=QuizKind.EVALUATION_SURVEY,
        course=course,
        title_en="Course survey",
        title_fr="Sondage du cours",
    )
    questions = questions_by_code(survey)
    for index in range(9):
        respond(
            survey,
            {
                questions["helpful"]: "very-helpful",
                questions["roles"]: "helpful" if index < 7 else "not-helpful",
                questions["communication"]: 5,
            },
        )
    for _index in range(6):
        respond(
            survey,
            {
                questions["helpful"]: "helpful",
                questions["roles"]: "very-helpful",
                questions["communication"]: 4,
            },
            language="fr",
            role=Role.SPONSOR,
            region="kingston",
        )
    # The sponsors answered last month: the trend has two points.
    Attempt.objects.filter(language="fr").update(
        submitted_at=timezone.now() - datetime.timedelta(days=35)
    )
    make_indicator(
        "helpful",
        IndicatorKind.SHARE_FAVOURABLE,
        [questions["helpful"]],
        target="0.85",
        name_en="Found the training very helpful or helpful",
        name_fr="Ont trouvé la formation très utile ou utile",
    )
    make_indicator(
        "roles",
        IndicatorKind.SHARE_FAVOURABLE,
        [questions["roles"]],
        target="0.9",
        name_en="Understand sponsor and settlement-worker roles",
        name_fr="Comprennent les rôles des répondants et des intervenants",
    )
    make_indicator(
        "communication",
        IndicatorKind.MEAN_RATING,
        [questions["communication"]],
        target="4.5",
        name_en="Rating of communication",
        name_fr="Note de la communication",
    )
    return course


def check_layout(page):
    page.set_viewport_size({"width": 1280, "height": 900})
    assert overflow(page) == []
    assert clipped_charts(page) == []
    assert misaligned_tables(page) == []
    assert_accessible(page)


def test_overview_details_and_report_at_1280_px(page, live_server, django_user_model, program):
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in_to_the_admin(page, live_server, django_user_model)
    page.goto(f"{live_server.url}/admin/indicators/dashboard/?breakdown=role")

    overview = page.locator("[data-overview]")
    expect(overview.locator("[data-highlights]")).to_contain_text(
        "6 settlement workers trained; 5 sponsors trained; 6 certificates issued; "
        "2 knowledge-exchange events held, with 30 participants."
    )
    expect(overview.locator("[data-highlights]")).to_contain_text("Targets met: 2 of 3 indicators.")
    helpful = overview.locator('tr[data-outcome="helpful"]')
    expect(helpful.locator('[data-figure="value"]')).to_have_text("100%")
    expect(helpful.locator('[data-figure="met"]')).to_have_text("Yes")
    expect(
        overview.locator('tr[data-output="learners_trained"] [data-figure="count"]')
    ).to_have_text("11")
    # The details are closed under the overview; the overview's link opens one.
    details = page.locator('details[data-indicator="roles"]')
    expect(details).not_to_have_attribute("open", "")
    helpful_link = overview.locator('tr[data-outcome="roles"] a')
    helpful_link.click()
    expect(details).to_have_attribute("open", "")
    expect(details.locator("svg")).to_have_count(2)
    # Every detail open, as a lead reading all of them would have it.
    page.evaluate("document.querySelectorAll('details.indicator-card').forEach(d => d.open = true)")
    expect(page.locator(".chart svg").first).to_be_visible()
    assert page.locator(".chart svg").count() >= 2 + 3 * 2
    check_layout(page)

    page.get_by_role("link", name="Funder report").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Training evaluation report")
    expect(page.locator("[data-period]")).to_contain_text(
        re.compile(r"Answers from \w+ 1, \d{4} to ")
    )
    expect(page.locator("[data-overview] [data-highlights]")).to_contain_text(
        "6 settlement workers trained"
    )
    expect(page.locator('section[data-indicator="helpful"] .chart svg')).to_have_count(2)
    check_layout(page)

    page.get_by_role("link", name="Français").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Rapport d'évaluation de la formation"
    )
    expect(page.locator("[data-overview] [data-highlights]")).to_contain_text(
        "6 intervenants en établissement formés"
    )
    check_layout(page)
