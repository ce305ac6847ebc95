"""The report export, for people (issue 17): XLSX and CSV in the reader's language, through the
real view as a program lead.

Answers go through the real services from consenting learners (tests/quizzes/test_exports.py),
then are moved to March and April 2026 so that the month breakdown has two months.
"""

import csv
import io
import re
from datetime import datetime
from decimal import Decimal
from types import SimpleNamespace

import openpyxl
import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import trans_real

from learning.people.models import Role
from learning.roles import PROGRAM_LEADS
from quizzes.extensions import program_outputs
from quizzes.models import Attempt, IndicatorKind, QuizKind
from quizzes.reports.exports.reader import Figure, sheet_name
from quizzes.reports.exports.reader.content import figure
from quizzes.reports.outputs import OutputMeasure
from tests.learning.factories import ProfileFactory
from tests.quizzes.factories import likert, make_quiz, rating
from tests.quizzes.test_exports import answer, make_indicator

pytestmark = pytest.mark.django_db

# The French of the msgids these tests read (as in the translation file for this feature),
# added to the French catalogue until they are compiled into locale/fr.
FRENCH = {
    "%(level)s CI low": "IC à %(level)s bas",
    "%(level)s CI high": "IC à %(level)s haut",
    "Overview": "Aperçu",
    "Filters and definitions": "Filtres et définitions",
    "Program outputs": "Extrants du programme",
    "Program outcomes": "Résultats du programme",
    "Definitions": "Définitions",
    "Indicator": "Indicateur",
    "%(value)s%%": "%(value)s %%",
    "fewer than %(count)s": "moins de %(count)s",
    "hidden to protect a smaller group": "masqué pour protéger un petit groupe",
    "Unknown breakdown “%(value)s”. Choose one of: %(choices)s.": (
        "Répartition inconnue : « %(value)s ». Choisissez parmi : %(choices)s."
    ),
}
# What a code or a machine boolean looks like in a cell: none may appear in the report export.
CODES = re.compile(r"\b(settlement_worker|sah_staff|share_favourable|true|false|True|False)\b")


@pytest.fixture(autouse=True)
def french_catalogue():
    catalogue = trans_real.translation("fr")._catalog
    added = [key for key in FRENCH if key not in catalogue]
    for key in added:
        catalogue[key] = FRENCH[key]
    yield
    for key in added:
        catalogue._catalogs[0].pop(key, None)


@pytest.fixture
def program_lead(django_user_model):
    user = django_user_model.objects.create_user("lead", "lead@example.org", "pw")
    user.groups.add(Group.objects.get(name=PROGRAM_LEADS))
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="quizzes", codename="view_indicator")
    )
    return user


def in_month(user, month):
    day = timezone.make_aware(datetime(2026, month, 15, 12))
    Attempt.objects.filter(user=user).update(started_at=day, submitted_at=day)


@pytest.fixture
def indicators(course):
    """Share "helpful" (target 75%): settlement workers 13 of 15 in March; in April sponsors
    5 of 7 and SAH staff 3 of 3, hidden (fewer than 5), so the sponsors are hidden with them.
    Rating "rating": 4.5 out of 5 from 6 people in March."""
    survey = make_quiz([likert()], kind=QuizKind.EVALUATION_SURVEY, course=course)
    for index in range(15):
        in_month(answer(survey, "helpful" if index < 13 else "not-helpful"), 3)
    for index in range(7):
        value = "very-helpful" if index < 5 else "somewhat-helpful"
        in_month(answer(survey, value, role="sponsor"), 4)
    for _ in range(3):
        in_month(answer(survey, "helpful", role="sah_staff", region="gta"), 4)
    helpful = make_indicator(
        "helpful",
        IndicatorKind.SHARE_FAVOURABLE,
        survey.questions.all(),
        target=Decimal("0.75"),
        sort_order=1,
    )
    scale = make_quiz([rating()], kind=QuizKind.EVALUATION_SURVEY, course=course)
    for value in (5, 5, 5, 4, 4, 4):
        in_month(answer(scale, value), 3)
    trainer = make_indicator(
        "rating",
        IndicatorKind.MEAN_RATING,
        scale.questions.all(),
        target=Decimal("4"),
        sort_order=2,
    )
    return helpful, trainer


@pytest.fixture
def outputs(monkeypatch):
    """Program outputs as the progress layer gives them (counts of things: no privacy rule)."""
    measures = [
        OutputMeasure(
            key="sessions",
            label="Training sessions held",
            definition="Training sessions that started in the period.",
            count=4,
        )
    ]
    monkeypatch.setattr(program_outputs, "_receivers", [lambda *, filters: measures])


def export_url(format="xlsx"):
    return reverse("indicator_report_export", args=[format])


def download(client, user, format="xlsx", **query):
    client.force_login(user)
    response = client.get(export_url(format), {"from": "2026-01", "to": "2026-06", **query})
    assert response.status_code == 200, response.content
    return response


def rows_of(sheet):
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def block(rows, heading):
    """The rows under the header of the block whose heading row says `heading`."""
    start = next(index for index, row in enumerate(rows) if row[0] == heading)
    found = []
    for row in rows[start + 2 :]:
        if all(value is None for value in row):
            break
        found.append(row)
    return {row[0]: row[1:] for row in found}, rows[start + 1]


def all_text(workbook):
    return [
        str(cell.value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    ]


def test_url():
    assert export_url() == "/admin/indicators/report/export.xlsx"
    assert export_url("csv") == "/admin/indicators/report/export.csv"


def test_workbook_in_english(client, program_lead, indicators, outputs):
    response = download(client, program_lead, by="role")

    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    stamp = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="psr-learn-report-en-{stamp}.xlsx"'
    )
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == [
        "Overview",
        "Found the training helpful",
        "Rating of the trainer",
        "Filters and definitions",
    ]

    overview = rows_of(workbook["Overview"])
    made, _header = block(overview, "Program outputs")
    assert made["Training sessions held"][:3] == [None, "All", 4]
    outcomes, header = block(overview, "Program outcomes")
    assert header == [
        "Indicator",
        "Result",
        "n",
        "95% CI low",
        "95% CI high",
        "Target",
        "Target met",
    ]
    assert outcomes["Found the training helpful"][0] == pytest.approx(0.84)
    n, low, high, target, met = outcomes["Found the training helpful"][1:]
    assert (n, target, met) == (25, 0.75, "Yes")
    assert 0.6 < low < 0.84 < high < 0.95
    assert outcomes["Rating of the trainer"][0] == pytest.approx(4.5)
    assert outcomes["Rating of the trainer"][-1] == "Yes"

    sheet = workbook["Found the training helpful"]
    rows = rows_of(sheet)
    total, header = block(rows, "Found the training helpful")
    assert header[:4] == ["Group", "Result", "n", "95% CI low"]
    assert total["All"][:2] == [pytest.approx(0.84), 25]
    by_month, header = block(rows, "Found the training helpful — By month")
    assert header[0] == "Month"
    assert list(by_month) == ["March 2026", "April 2026"]
    assert by_month["March 2026"][:2] == [pytest.approx(0.8667, abs=1e-4), 15]
    by_role, header = block(rows, "Found the training helpful — By role")
    assert header[0] == "Role"
    worker = by_role[str(Role.SETTLEMENT_WORKER.label)]
    assert worker[0] == pytest.approx(0.8667, abs=1e-4) and worker[-1] == "Yes"
    # The result is a number shown as a percentage, not a decimal or a text.
    cell = next(row[1] for row in sheet.iter_rows() if row[0].value == "March 2026")
    assert isinstance(cell.value, float) and cell.number_format == "0%"
    # Hidden groups: the reason in words, no number anywhere in their row.
    assert by_role[str(Role.SAH_STAFF.label)] == ["fewer than 5", *[None] * 5]
    assert by_role[str(Role.SPONSOR.label)] == ["hidden to protect a smaller group", *[None] * 5]

    rating_rows = rows_of(workbook["Rating of the trainer"])
    rating_cell = next(
        row[1] for row in workbook["Rating of the trainer"].iter_rows() if row[0].value == "All"
    )
    assert rating_cell.number_format == "0.0" and rating_cell.value == pytest.approx(4.5)
    assert block(rating_rows, "Rating of the trainer — By month")[0].keys() == {"March 2026"}

    texts = all_text(workbook)
    assert not [text for text in texts if CODES.search(text)]
    assert "2026-03" not in texts


def test_filters_sheet_lists_the_filters_and_definitions(client, program_lead, indicators):
    response = download(client, program_lead, by="role", role="settlement_worker", browser="0")

    rows = rows_of(openpyxl.load_workbook(io.BytesIO(response.content))["Filters and definitions"])
    filters = [row[:2] for row in rows[1 : rows.index([None] * len(rows[0]))]]
    assert ["Period covered", "Answers from January 1, 2026 to June 30, 2026"] in filters
    assert ["Period from", "January 1, 2026"] in filters
    assert ["Period to", "June 30, 2026"] in filters
    assert ["Who is counted", "Role: Settlement worker"] in filters
    assert [
        "Who is counted",
        "Results scored by the learner's browser (H5P): not counted",
    ] in filters
    assert ["Breakdown", "Breakdown by role"] in filters
    assert ["Trends", "By month"] in filters
    definitions, header = block(rows, "Definitions")
    assert header[:6] == [
        "Indicator",
        "Definition",
        "Kind",
        "Target",
        "Minimum group size",
        "Definition version",
    ]
    assert definitions["Found the training helpful"][:5] == [
        "Definition of helpful.",
        "Share favourable",
        0.75,
        5,
        1,
    ]
    assert definitions["Rating of the trainer"][1] == "Mean rating"
    notes = [row[0] for row in rows[rows.index(["How to read these figures", *[None] * 5]) :]]
    assert any("Wilson score interval" in str(note) for note in notes)


def test_workbook_in_french(client, program_lead, indicators):
    response = download(client, program_lead, by="role", lang="fr")

    assert 'filename="psr-learn-report-fr-' in response["Content-Disposition"]
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == [
        "Aperçu",
        "Ont trouvé la formation utile",
        "Évaluation de la formation",
        "Filtres et définitions",
    ]
    outcomes, header = block(rows_of(workbook["Aperçu"]), "Résultats du programme")
    assert header == [
        "Indicateur",
        "Résultat",
        "n",
        "IC à 95 % bas",
        "IC à 95 % haut",
        "Cible",
        "Cible atteinte",
    ]
    assert outcomes["Ont trouvé la formation utile"][-1] == "Oui"

    rows = rows_of(workbook["Ont trouvé la formation utile"])
    total, header = block(rows, "Ont trouvé la formation utile")
    assert header[:4] == ["Groupe", "Résultat", "n", "IC à 95 % bas"]
    assert list(total) == ["Tous"]
    by_month, header = block(rows, "Ont trouvé la formation utile — Par mois")
    assert header[0] == "Mois"
    assert list(by_month) == ["Mars 2026", "Avril 2026"]
    by_role, _header = block(rows, "Ont trouvé la formation utile — Par rôle")
    with translation.override("fr"):
        worker, few = str(Role.SETTLEMENT_WORKER.label), str(Role.SAH_STAFF.label)
    assert worker != "Settlement worker"
    assert by_role[worker][0] == pytest.approx(0.8667, abs=1e-4)
    assert by_role[few] == ["moins de 5", *[None] * 5]
    assert not [text for text in all_text(workbook) if CODES.search(text)]

    filters = rows_of(workbook["Filtres et définitions"])
    assert ["Période visée", "Réponses du 1er janvier 2026 au 30 juin 2026"] in [
        row[:2] for row in filters
    ]
    definitions, _header = block(filters, "Définitions")
    assert definitions["Ont trouvé la formation utile"][0] == "Définition de helpful."


def read_blocks(text, delimiter=","):
    """The CSV's blocks: {heading: [rows after it]}, a blank line between blocks."""
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=delimiter))
    blocks, current = {}, None
    for row in rows:
        if not row:
            current = None
        elif current is None:
            current = blocks.setdefault(row[0], [])
        else:
            current.append(row)
    return blocks


def test_csv_in_english_has_the_same_blocks(client, program_lead, indicators, outputs):
    response = download(client, program_lead, "csv", by="role")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].endswith('.csv"')
    blocks = read_blocks(response.content.decode("utf-8"))
    assert list(blocks) == [
        "Training evaluation report",
        "In brief",
        "Program outputs",
        "Program outcomes",
        "Found the training helpful",
        "Found the training helpful — By month",
        "Found the training helpful — By role",
        "Rating of the trainer",
        "Rating of the trainer — By month",
        "Rating of the trainer — By role",
        "Filters",
        "Definitions",
        "How to read these figures",
    ]
    months = blocks["Found the training helpful — By month"]
    assert months[0][:4] == ["Month", "Result", "n", "95% CI low"]
    assert months[1][:3] == ["March 2026", "87%", "15"]
    roles = {row[0]: row[1:] for row in blocks["Found the training helpful — By role"][1:]}
    assert roles["Sponsorship Agreement Holder staff"] == ["fewer than 5", "", "", "", "", ""]
    assert blocks["Rating of the trainer"][1][:3] == ["All", "4.5", "6"]


def test_csv_in_french(client, program_lead, indicators):
    response = download(client, program_lead, "csv", by="role", lang="fr")

    text = response.content.decode("utf-8")
    # Semicolons between cells: French spreadsheets read the comma as the decimal separator.
    blocks = read_blocks(text, delimiter=";")
    assert "Ont trouvé la formation utile — Par mois" in blocks
    months = blocks["Ont trouvé la formation utile — Par mois"]
    assert months[0][:4] == ["Mois", "Résultat", "n", "IC à 95 % bas"]
    assert months[1][:3] == ["Mars 2026", "87 %", "15"]
    assert blocks["Évaluation de la formation"][1][:3] == ["Tous", "4,5", "6"]
    roles = {row[0]: row[1:] for row in blocks["Ont trouvé la formation utile — Par rôle"][1:]}
    with translation.override("fr"):
        few = str(Role.SAH_STAFF.label)
    assert roles[few] == ["moins de 5", "", "", "", "", ""]
    assert not CODES.search(text)


def test_text_never_becomes_a_formula(client, program_lead, indicators):
    helpful, _trainer = indicators
    helpful.name_en = helpful.name = "=HYPERLINK(1)"
    helpful.save()

    workbook = openpyxl.load_workbook(io.BytesIO(download(client, program_lead).content))
    cell = workbook["=HYPERLINK(1)"]["A1"]
    assert cell.value == "=HYPERLINK(1)" and cell.data_type == "s"

    text = download(client, program_lead, "csv").content.decode("utf-8")
    assert "'=HYPERLINK(1)" in text
    assert "\n=HYPERLINK" not in text


def test_sheet_names_are_valid_and_unique():
    used = set()
    long = "Found the training helpful: sponsors / settlement workers [pilot]?"

    first, second = sheet_name(long, used), sheet_name(long, used)

    assert first == "Found the training helpful spon"
    assert second == "Found the training helpful (2)"
    assert sheet_name("FOUND THE TRAINING HELPFUL SPON", used) == "FOUND THE TRAINING HELPFUL (3)"
    assert sheet_name("'*'", used) == "-"


@pytest.mark.parametrize(
    ("kind", "value", "expected"),
    [
        (IndicatorKind.SHARE_FAVOURABLE, 0.8693, Figure(0.8693, "0%", "87%")),
        (IndicatorKind.PASS_RATE, 0.5, Figure(0.5, "0%", "50%")),
        (IndicatorKind.MEAN_SCORE, 0.6667, Figure(0.6667, "0%", "67%")),
        (IndicatorKind.MEAN_RATING, 4.56, Figure(4.56, "0.0", "4.6")),
        (
            IndicatorKind.PRE_POST_CHANGE,
            0.153,
            Figure(15.3, '+0.0" points";-0.0" points";0.0" points"', "+15.3 points"),
        ),
    ],
)
def test_figures_by_kind(kind, value, expected):
    assert figure(value, SimpleNamespace(kind=kind)) == expected


def test_intervals_stay_on_the_scale():
    rating = SimpleNamespace(kind=IndicatorKind.MEAN_RATING)
    assert figure(5.06, rating, clamp=True).number == 5
    score = SimpleNamespace(kind=IndicatorKind.MEAN_SCORE)
    assert figure(1.04, score, clamp=True) == Figure(1.0, "0%", "100%")


def test_learners_are_refused(client, indicators):
    client.force_login(ProfileFactory().user)

    for format in ("xlsx", "csv"):
        response = client.get(export_url(format))
        assert response.status_code == 302
        assert response.url.startswith(reverse("wagtailadmin_login"))


def test_unknown_format_is_not_found(client, program_lead):
    client.force_login(program_lead)
    assert client.get(export_url("xls")).status_code == 404


def test_a_bad_filter_is_refused_with_its_reason_in_the_readers_language(client, program_lead):
    client.force_login(program_lead)

    english = client.get(export_url(), {"by": "colour"})
    french = client.get(export_url("csv"), {"by": "colour", "lang": "fr"})
    language = client.get(export_url(), {"lang": "de"})

    assert english.status_code == french.status_code == language.status_code == 400
    assert "Unknown breakdown “colour”" in english.content.decode()
    assert "Répartition inconnue : « colour »" in french.content.decode()
    assert "Unknown language “de”" in language.content.decode()
