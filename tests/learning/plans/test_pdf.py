"""The plan as a PDF for the pre-arrival meeting (issue 18), in English and in French."""

import datetime
import io

import pytest
from django.utils import translation
from django.utils.translation import gettext
from pypdf import PdfReader

from learning.plans.models import (
    ActionPlan,
    MemberRole,
    PlanItem,
    PlanMember,
    PlanOwner,
    PlanPhase,
    PlanTask,
)
from learning.plans.pdf import phase_of, render_plan_pdf
from tests.learning.factories import UserFactory

pytestmark = pytest.mark.django_db

ARRIVAL = datetime.date(2027, 3, 1)


def _task(order, english, french, owner=PlanOwner.SPONSOR_GROUP):
    return PlanTask.objects.create(
        title_en=english, title_fr=french, expected_owner=owner, sort_order=order
    )


@pytest.fixture
def plan():
    plan = ActionPlan.objects.create(
        title="St Mark's sponsor group, spring arrival", expected_arrival=ARRIVAL
    )
    maria = UserFactory(first_name="Maria", email="maria.private@example.org")
    sam = UserFactory(first_name="Samir", email="samir.private@example.org")
    PlanMember.objects.create(plan=plan, user=maria, role=MemberRole.SPONSOR_GROUP)
    PlanMember.objects.create(plan=plan, user=sam, role=MemberRole.SETTLEMENT_WORKER)
    rows = [
        ("Find housing", "Trouver un logement", PlanOwner.SPONSOR_GROUP, PlanPhase.BEFORE_ARRIVAL),
        ("Apply for health card", "Demander la carte santé", PlanOwner.SETTLEMENT_WORKER, ""),
        (
            "Open a bank account",
            "Ouvrir un compte bancaire",
            PlanOwner.SHARED,
            PlanPhase.FIRST_WEEK,
        ),
        ("Register children at school", "Inscrire les enfants à l'école", "", ""),
    ]
    for order, (english, french, owner, phase) in enumerate(rows):
        PlanItem.objects.create(
            plan=plan,
            task=_task(order, english, french),
            owner=owner,
            phase=phase,
            contact="Maria" if owner else "",
            target_date=ARRIVAL + datetime.timedelta(days=20) if order == 1 else None,
            note="Bring the lease" if order == 0 else "",
        )
    # Enough tasks for a second page.
    for order in range(10, 40):
        PlanItem.objects.create(
            plan=plan,
            task=_task(order, f"Extra task {order}", f"Tâche supplémentaire {order}"),
            owner=PlanOwner.NEWCOMERS,
            phase=PlanPhase.FIRST_YEAR,
        )
    return plan


def _text(plan, language):
    items = list(PlanItem.objects.filter(plan=plan).select_related("task"))
    data = render_plan_pdf(plan=plan, items=items, language=language)
    assert data.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(data))
    pages = [page.extract_text() for page in reader.pages]
    return pages, " ".join(" ".join(pages).split())


def _words(language, *messages):
    with translation.override(language):
        return [gettext(message) for message in messages]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_plan_pdf_in_each_language(plan, language):
    pages, text = _text(plan, language)
    assert len(pages) >= 2
    title, before, week, month, year, no_date, line = _words(
        language,
        "Collaborative Action Plan",
        "Before arrival",
        "First week",
        "First month",
        "First year",
        "No date yet",
        "No health, immigration or financial details are recorded in this plan.",
    )
    assert title in text
    assert "St Mark's sponsor group, spring arrival" in text
    for heading in (before, week, month, year, no_date):
        assert heading in text
    assert text.index(before) < text.index(week) < text.index(month) < text.index(year)
    assert line in text
    owners = _words(language, "Sponsor group", "Settlement worker", "Shared", "The newcomers")
    for owner in owners:
        assert owner in text
    assert "Maria" in text and "Samir" in text
    assert "@" not in text and "private" not in text
    total = len(pages)
    page_word = "sur" if language == "fr" else "of"
    assert f"Page 1 {page_word} {total}" in pages[0]
    assert f"Page {total} {page_word} {total}" in pages[-1]


def test_english_copy(plan):
    _, text = _text(plan, "en")
    assert "Find housing" in text and "Trouver un logement" not in text
    assert "March 1, 2027" in text  # expected arrival
    assert "March 21, 2027" in text  # the target date, under First month
    assert "Bring the lease" in text


def test_french_copy(plan):
    _, text = _text(plan, "fr")
    assert "Trouver un logement" in text and "Find housing" not in text
    assert "Inscrire les enfants à l'école" in text
    assert "Tâche supplémentaire 12" in text
    assert "1er mars 2027" in text
    assert "21 mars 2027" in text


def test_dated_items_fall_in_their_phase():
    item = PlanItem(target_date=ARRIVAL - datetime.timedelta(days=3))
    assert phase_of(item, ARRIVAL) == PlanPhase.BEFORE_ARRIVAL
    assert phase_of(PlanItem(target_date=ARRIVAL), ARRIVAL) == PlanPhase.FIRST_WEEK
    late = PlanItem(target_date=ARRIVAL + datetime.timedelta(days=90))
    assert phase_of(late, ARRIVAL) == PlanPhase.FIRST_YEAR
    assert phase_of(PlanItem(), ARRIVAL) == ""


def test_empty_plan(db):
    plan = ActionPlan.objects.create(title="Empty")
    _, text = _text(plan, "en")
    assert "Collaborative Action Plan" in text and "Page 1 of 1" in text
