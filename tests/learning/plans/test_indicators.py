"""The Collaborative Action Plan's indicators (issue 18): values, n, the privacy rule, and the
dashboard, funder report, exports and sentences that show them like any other indicator."""

import csv
import io
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext
from pypdf import PdfReader

from learning.plans.indicators import (
    all_owned_cells,
    arrival_start,
    plan_indicator_cells,
    roles_match_cells,
)
from learning.plans.models import ActionPlan, PlanItem, PlanOwner, PlanTask
from quizzes import extensions as quiz_extensions
from quizzes.models import Indicator, IndicatorKind
from quizzes.reports import ReportFilters, indicator_report
from quizzes.reports.cells import GROUP_ROLE
from quizzes.reports.exports.text import funder_sentence
from quizzes.reports.labels import label_rows

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
ARRIVAL = TODAY.replace(day=1) - timedelta(days=40)  # a whole month before this one
OWNER = PlanOwner.SPONSOR_GROUP


def make_plan(*, arrival=ARRIVAL, owned=True, language="en", region="ottawa", created=None):
    """A plan whose tasks were all owned the day before arrival (`owned`), on arrival day
    ("late"), or never (False)."""
    owned_at = None
    if owned == "late":
        owned_at = arrival_start(arrival) + timedelta(hours=10)
    elif owned:
        owned_at = arrival_start(arrival) - timedelta(days=1)
    plan = ActionPlan.objects.create(
        title="Plan",
        expected_arrival=arrival,
        all_owned_at=owned_at,
        language=language,
        region=region,
    )
    if created:
        ActionPlan.objects.filter(pk=plan.pk).update(created_at=created)
    return plan


def indicator(kind, code, **values):
    return Indicator.objects.create(
        code=code,
        name_en=f"{code} indicator",
        name_fr=f"indicateur {code}",
        definition_en="of plans had every task owned before arrival",
        definition_fr="des plans avaient une personne responsable pour chaque tâche",
        kind=kind,
        target=Decimal("0.8"),
        **values,
    )


@pytest.fixture
def all_owned():
    return indicator(IndicatorKind.PLAN_ALL_OWNED, "plans-owned")


@pytest.fixture
def roles_match():
    return indicator(IndicatorKind.PLAN_ROLES_MATCH, "plans-roles")


@pytest.fixture
def tasks():
    return [
        PlanTask.objects.create(title_en=f"Task {n}", expected_owner=owner, sort_order=n)
        for n, owner in enumerate(
            [PlanOwner.SPONSOR_GROUP, PlanOwner.SETTLEMENT_WORKER, PlanOwner.SHARED, ""]
        )
    ]


@pytest.fixture
def eight_plans():
    """8 plans arrived: 5 owned before arrival, 1 on arrival day, 2 never; 1 still to come."""
    for owned in (True,) * 5 + ("late", False, False):
        make_plan(owned=owned)
    make_plan(arrival=TODAY + timedelta(days=10))


def test_all_owned_counts_plans_arrived(all_owned, eight_plans):
    report = indicator_report(indicator=all_owned)

    assert report.total.n == 8
    assert report.total.value == pytest.approx(5 / 8)
    assert not report.total.suppressed
    assert 0 < report.total.ci_low < 5 / 8 < report.total.ci_high < 1
    (cell,) = all_owned_cells()
    assert cell.people == 8 and cell.sums == (8, 5) and cell.role == GROUP_ROLE
    assert cell.month == ARRIVAL.replace(day=1) and cell.browser is False


def test_roles_match_counts_assignments_and_plans_as_people(roles_match, tasks):
    created = timezone.make_aware(datetime(TODAY.year - 1, 5, 10, 12))
    for number in range(6):
        plan = make_plan(created=created)
        owners = [OWNER, PlanOwner.SETTLEMENT_WORKER, PlanOwner.NEWCOMERS, OWNER]
        if number == 0:
            owners[1] = ""  # not owned: not counted
        for task, owner in zip(tasks, owners, strict=True):
            PlanItem.objects.create(plan=plan, task=task, owner=owner)

    # Counted: tasks 0-2 (task 3 has no owner in the role tables), owned: 6 + 5 + 6 = 17;
    # matching: task 0 always, task 1 when owned (5), task 2 never.
    report = indicator_report(indicator=roles_match)
    assert report.total.n == 17
    assert report.total.value == pytest.approx(11 / 17)
    (cell,) = roles_match_cells()
    assert cell.people == 6 and cell.sums == (17, 11)
    assert cell.month == date(TODAY.year - 1, 5, 1)


def test_fewer_than_five_plans_are_never_shown(all_owned, roles_match, tasks):
    for _ in range(4):
        plan = make_plan()
        for task in tasks:
            PlanItem.objects.create(plan=plan, task=task, owner=OWNER)

    for each in (all_owned, roles_match):
        total = indicator_report(indicator=each).total
        assert total.suppressed and total.hidden_because == "small"
        assert total.value is None and total.ci_low is None
    # Many assignments, but only 4 plans: the rule counts plans.
    assert indicator_report(indicator=roles_match).total.n == 12


def test_the_complement_rule_across_two_requests(all_owned):
    for _ in range(6):
        make_plan(language="en")
    make_plan(language="fr", owned=False)

    everyone = indicator_report(indicator=all_owned).total
    english = indicator_report(indicator=all_owned, filters=ReportFilters(language="en")).total

    # 7 plans and 6 plans: the difference would give the one French plan's answer.
    assert not everyone.suppressed and everyone.n == 7
    assert english.suppressed and english.hidden_because == "complement"
    by_language = indicator_report(indicator=all_owned, group_by="language")
    assert all(row.suppressed for row in by_language.rows)


def test_a_role_filter_finds_no_plans(all_owned, eight_plans):
    report = indicator_report(indicator=all_owned, filters=ReportFilters(role="sponsor"))
    assert report.total.n == 0 and report.total.suppressed


@pytest.mark.parametrize(
    ("language", "label"),
    [
        ("en", "Sponsor group and settlement worker together"),
        ("fr", "Groupe de répondants et intervenant en établissement ensemble"),
    ],
)
def test_by_role_a_plan_is_its_group_not_a_role_nobody_recorded(
    all_owned, eight_plans, language, label
):
    report = indicator_report(indicator=all_owned, group_by="role")
    with translation.override(language):
        label_rows(report.rows)

    assert [(row.label, row.n) for row in report.rows] == [(label, 8)]


def test_other_kinds_have_no_plan_cells(all_owned, eight_plans):
    share = Indicator(kind=IndicatorKind.SHARE_FAVOURABLE)
    assert plan_indicator_cells(indicator=share) == []
    assert len(plan_indicator_cells(indicator=all_owned)) == 1


def test_sentences_in_english_and_french(all_owned, eight_plans):
    row = indicator_report(indicator=all_owned).total

    english = funder_sentence(row, all_owned, "en")
    assert english.startswith("63% (n = 8 plans; 95% CI ")
    assert english.endswith("of plans had every task owned before arrival.")
    french = funder_sentence(row, all_owned, "fr").replace("\u202f", " ").replace("\xa0", " ")
    with translation.override("fr"):
        count = ngettext("n = %(n)s plan", "n = %(n)s plans", 8) % {"n": 8}
    assert french.startswith(f"63 % ({count}; IC à 95 % : ")
    assert french.endswith("des plans avaient une personne responsable pour chaque tâche.")


def test_a_hidden_plan_figure_says_plans(all_owned):
    make_plan()
    row = indicator_report(indicator=all_owned).total
    assert funder_sentence(row, all_owned, "en") == (
        "Fewer than 5 plans are counted: the result is not shown."
    )


def test_the_editor_accepts_no_questions_and_refuses_some(client, trainer):
    client.force_login(trainer)
    add = reverse("wagtailsnippets_quizzes_indicator:add")
    data = {
        "code": "plans-new",
        "name_en": "Plans",
        "name_fr": "Plans",
        "definition_en": "of plans",
        "definition_fr": "des plans",
        "kind": IndicatorKind.PLAN_ROLES_MATCH,
        "target": "0.75",
        "threshold": "70",
        "min_group_size": "5",
        "sort_order": "0",
        "include_browser_reported": "on",
    }
    form_page = client.get(add).content.decode()
    assert "Not needed for the two Collaborative Action Plan kinds" in form_page

    response = client.post(add, {**data, "target": "75"})
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["target"]

    response = client.post(add, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    created = Indicator.objects.get(code="plans-new")
    assert created.version == 1 and not created.questions.exists()
    assert created.is_share


# --- Where they are shown -------------------------------------------------------------------


@pytest.fixture
def lead(program_lead):
    # Given directly as well: the tests do not depend on the group's migration.
    program_lead.user_permissions.add(
        Permission.objects.get(content_type__app_label="quizzes", codename="view_indicator")
    )
    return program_lead


def test_dashboard_shows_them(client, lead, all_owned, roles_match, eight_plans):
    client.force_login(lead)

    response = client.get(reverse("indicator_dashboard"))

    assert response.status_code == 200
    page = " ".join(response.content.decode().split())
    assert "plans-owned indicator" in page and "plans-roles indicator" in page
    assert "63%" in page


def test_funder_report_shows_them(client, lead, all_owned, eight_plans):
    client.force_login(lead)

    response = client.get("/admin/indicators/report/")

    assert response.status_code == 200
    page = " ".join(response.content.decode().split())
    assert "63% (n = 8 plans; 95% CI" in page
    pdf = client.get("/admin/indicators/report/", {"format": "pdf"})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    # Its "How to read these figures" says what n counts for these indicators.
    first_page = " ".join(PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text().split())
    assert "for the action plan's indicators, how many plans or task assignments" in first_page


def test_how_to_read_speaks_of_people_only_without_plan_indicators(client, lead, eight_plans):
    indicator(IndicatorKind.MEAN_RATING, "trainer-rating")
    client.force_login(lead)

    pdf = client.get("/admin/indicators/report/", {"format": "pdf"})

    first_page = " ".join(PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text().split())
    assert "how many people's answers are counted" in first_page
    assert "plans or task assignments" not in first_page


def test_data_exports_list_them(client, lead, all_owned, roles_match, eight_plans):
    client.force_login(lead)

    response = client.get(reverse("indicator_report_export", args=["csv"]))

    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    assert "plans-owned indicator" in text and "plans-roles indicator" in text
    single = client.get(reverse("indicator_export", args=["plans-owned", "csv"]))
    rows = list(csv.DictReader(io.StringIO(single.content.decode("utf-8-sig"))))
    assert rows[0]["n"] == "8" and rows[0]["value"] == "0.6250"


def test_the_plans_layer_provides_the_cells():
    assert quiz_extensions.indicator_cells.implementation is plan_indicator_cells
