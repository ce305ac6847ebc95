"""Indicator exports: the machine table and CSV, Excel, funder sentences, the funder report
(HTML and PDF), the indicator_report command, and who may download what.

Answers go through the real services (attempt_start, attempt_submit) from learners who agreed
that their answers count for evaluation; indicators are created directly.
"""

import csv
import io
import json
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import trans_real
from wagtail.users.models import UserProfile

from learning.roles import PROGRAM_LEADS
from quizzes.models import Indicator, IndicatorKind, QuizKind
from quizzes.reports import ReportFilters, indicator_report
from quizzes.reports.exports import (
    COLUMNS,
    XLSX_COLUMNS,
    funder_report,
    funder_sentence,
    render_funder_pdf,
    report_table,
    write_csv,
    write_xlsx,
)
from quizzes.services import attempt_start, attempt_submit
from tests.learning.factories import CohortFactory, EnrolmentFactory, ProfileFactory, UserFactory
from tests.learning.progress.test_certificates import pdf_text
from tests.quizzes.factories import likert, make_quiz, rating, single

pytestmark = pytest.mark.django_db

# The French of the msgids these tests read (as in the translation file for this feature).
# Until they are compiled into locale/fr, the tests add them to the French catalogue; once
# compiled, the real translations are the ones tested.
FRENCH = {
    "%(value)s%%": "%(value)s %%",
    "95%% CI %(range)s": "IC à 95 %% : %(range)s",
    "%(value)s out of %(max)s": "%(value)s sur %(max)s",
    "fewer than %(count)s": "moins de %(count)s",
    "hidden to protect a smaller group": "masqué pour protéger un petit groupe",
    "Training evaluation report": "Rapport d'évaluation de la formation",
    "Unknown breakdown “%(value)s”. Choose one of: %(choices)s.": (
        "Répartition inconnue : « %(value)s ». Choisissez parmi : %(choices)s."
    ),
    ("Fewer than %(count)s person answered: the result is not shown.", 0): (
        "Moins de %(count)s personne a répondu : le résultat n'est pas affiché."
    ),
    ("Fewer than %(count)s person answered: the result is not shown.", 1): (
        "Moins de %(count)s personnes ont répondu : le résultat n'est pas affiché."
    ),
}


@pytest.fixture(autouse=True)
def french_catalogue():
    catalogue = trans_real.translation("fr")._catalog
    added = [key for key in FRENCH if key not in catalogue]
    for key in added:
        catalogue[key] = FRENCH[key]
    yield
    for key in added:
        catalogue._catalogs[0].pop(key, None)


# --- Data through the real services ----------------------------------------------------------


def answer(quiz, value, *, role="settlement_worker", region="ottawa", cohort=None, user=None):
    """One consenting learner answers every question of the quiz with `value`."""
    if user is None:
        user = ProfileFactory(role=role, region=region, evaluation_consent=True).user
    course = quiz.course
    if cohort is not None:
        EnrolmentFactory(user=user, course=cohort.course, cohort=cohort)
        course = cohort.course
    attempt = attempt_start(quiz=quiz, user=user, language="en", course=course)
    answers = {question.pk: value for question in quiz.questions.all()}
    attempt_submit(attempt=attempt, answers=answers, user=user)
    return user


def make_indicator(
    code, kind, questions, *, pre_questions=(), definition_en=None, definition_fr=None, **fields
):
    names = {
        "helpful": ("Found the training helpful", "Ont trouvé la formation utile"),
        "rating": ("Rating of the trainer", "Évaluation de la formation"),
        "change": ("Knowledge gained", "Connaissances acquises"),
    }
    name_en, name_fr = names.get(code, (f"Indicator {code}", f"Indicateur {code}"))
    indicator = Indicator(
        code=code,
        name=name_en,
        name_en=name_en,
        name_fr=name_fr,
        definition=definition_en or f"Definition of {code}.",
        definition_en=definition_en or f"Definition of {code}.",
        definition_fr=definition_fr or f"Définition de {code}.",
        kind=kind,
        **fields,
    )
    indicator.save()
    indicator.questions.set(questions)
    indicator.pre_questions.set(pre_questions)
    indicator.save()
    return indicator


@pytest.fixture
def survey(course):
    return make_quiz([likert()], kind=QuizKind.EVALUATION_SURVEY, course=course)


@pytest.fixture
def cohort(course):
    return CohortFactory(course=course, trainer=UserFactory())


@pytest.fixture
def helpful(survey, cohort):
    """19 answers: settlement workers 8 of 10 favourable, sponsors 3 of 6, SAH staff 3 of 3.

    SAH staff (3) are fewer than 5, and then the sponsors are hidden too: otherwise the
    total minus the settlement workers would give the SAH staff away.
    """
    for index in range(10):
        answer(survey, "helpful" if index < 8 else "not-helpful", cohort=cohort)
    for index in range(6):
        answer(survey, "very-helpful" if index < 3 else "somewhat-helpful", role="sponsor")
    for _ in range(3):
        answer(survey, "helpful", role="sah_staff", region="gta")
    return make_indicator(
        "helpful",
        IndicatorKind.SHARE_FAVOURABLE,
        survey.questions.all(),
        target=Decimal("0.75"),
        sort_order=1,
    )


def by_group(rows):
    return {row["group"]: row for row in rows}


# --- The machine table and its CSV -----------------------------------------------------------


def test_report_table_has_the_machine_columns_total_first_and_four_decimals(helpful):
    report = indicator_report(indicator=helpful, group_by="role")

    rows = report_table(report)

    assert all(tuple(row) == COLUMNS for row in rows)
    total = rows[0]
    assert total["group_by"] == "total" and total["group"] == "total"
    assert total["indicator"] == "helpful" and total["version"] == helpful.version
    assert total["n"] == 19
    assert total["value"] == Decimal("0.7368")
    assert str(total["ci_low"]) == "0.5121" and str(total["ci_high"]) == "0.8819"
    assert total["target"] == Decimal("0.7500")
    assert total["met"] is False and total["suppressed"] is False
    groups = by_group(rows[1:])
    assert groups["settlement_worker"]["value"] == Decimal("0.8000")
    assert groups["settlement_worker"]["met"] is True
    for hidden in ("sponsor", "sah_staff"):
        assert groups[hidden] == {
            "indicator": "helpful",
            "version": helpful.version,
            "group_by": "role",
            "group": hidden,
            "n": None,
            "value": None,
            "ci_low": None,
            "ci_high": None,
            "target": Decimal("0.7500"),
            "met": None,
            "suppressed": True,
        }


def read_csv(text):
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    return reader.fieldnames, list(reader)


def test_csv_has_exactly_the_columns_and_decimals_never_percentages(helpful):
    report = indicator_report(indicator=helpful, group_by="role")

    header, rows = read_csv(write_csv([report], io.StringIO()).getvalue())

    assert tuple(header) == COLUMNS
    total = rows[0]
    assert total == {
        "indicator": "helpful",
        "version": str(helpful.version),
        "group_by": "total",
        "group": "total",
        "n": "19",
        "value": "0.7368",
        "ci_low": "0.5121",
        "ci_high": "0.8819",
        "target": "0.7500",
        "met": "false",
        "suppressed": "false",
    }
    groups = by_group(rows[1:])
    assert groups["settlement_worker"]["value"] == "0.8000"
    assert groups["settlement_worker"]["met"] == "true"
    for hidden in ("sponsor", "sah_staff"):
        row = groups[hidden]
        assert [row[c] for c in ("n", "value", "ci_low", "ci_high", "met")] == [""] * 5
        assert row["suppressed"] == "true"
    assert "%" not in write_csv([report], io.StringIO()).getvalue()


def test_groups_are_machine_keys_session_ids_and_periods(helpful, cohort):
    by_cohort = report_table(indicator_report(indicator=helpful, group_by="cohort"))
    # The session's id, never its join code: the code lets anyone join (issue 12).
    assert set(by_group(by_cohort)) == {"total", str(cohort.pk), ""}

    today = timezone.localdate()
    by_month = report_table(indicator_report(indicator=helpful, group_by="period"))
    assert by_month[1]["group"] == f"{today.year}-{today.month:02d}"
    by_quarter = report_table(
        indicator_report(
            indicator=helpful, group_by="period", filters=ReportFilters(period="quarter")
        )
    )
    assert by_quarter[1]["group"] == f"{today.year}-Q{(today.month - 1) // 3 + 1}"


# --- Excel -----------------------------------------------------------------------------------


def test_xlsx_one_sheet_per_indicator_bold_header_numbers_and_suppressed_in_words(helpful):
    report = indicator_report(indicator=helpful, group_by="role")

    workbook = openpyxl.load_workbook(io.BytesIO(write_xlsx([report])))

    assert workbook.sheetnames == ["helpful"]
    sheet = workbook["helpful"]
    header = [cell.value for cell in sheet[1]]
    assert tuple(header) == XLSX_COLUMNS
    assert all(cell.font.bold for cell in sheet[1])
    rows = [dict(zip(header, row, strict=True)) for row in sheet.iter_rows(2, values_only=True)]
    total = rows[0]
    assert total["group"] == "total" and total["label"] == "All"
    assert total["value"] == pytest.approx(0.7368) and isinstance(total["value"], float)
    assert total["n"] == 19 and total["suppressed"] is False
    groups = by_group(rows[1:])
    assert groups["settlement_worker"]["label"] == "Settlement worker"
    assert groups["settlement_worker"]["value"] == pytest.approx(0.8)
    # The same rows are hidden as in the CSV: no n, no interval, the reason in words.
    assert groups["sah_staff"]["value"] == "fewer than 5"
    assert groups["sponsor"]["value"] == "hidden to protect a smaller group"
    for hidden in ("sponsor", "sah_staff"):
        row = groups[hidden]
        assert (row["n"], row["ci_low"], row["ci_high"], row["met"]) == (None,) * 4
        assert row["suppressed"] is True


def test_xlsx_in_french_and_text_never_becomes_a_formula(helpful, survey):
    cohort = CohortFactory(course=survey.course, name="=HYPERLINK(1)")
    for _ in range(5):
        answer(survey, "helpful", cohort=cohort)
    report = indicator_report(indicator=helpful, group_by="cohort")

    with translation.override("fr"):
        content = write_xlsx([report])

    sheet = openpyxl.load_workbook(io.BytesIO(content))["helpful"]
    labels = {row[4]: row for row in sheet.iter_rows(2, values_only=True)}
    assert "=HYPERLINK(1)" in labels
    cell = next(row[4] for row in sheet.iter_rows(2) if row[4].value == "=HYPERLINK(1)")
    assert cell.data_type == "s"


def test_xlsx_suppressed_text_follows_the_language(survey):
    for _ in range(3):
        answer(survey, "helpful")
    indicator = make_indicator("few", IndicatorKind.SHARE_FAVOURABLE, survey.questions.all())
    report = indicator_report(indicator=indicator)

    with translation.override("fr"):
        sheet = openpyxl.load_workbook(io.BytesIO(write_xlsx([report])))["few"]

    assert sheet["G2"].value == "moins de 5"
    assert sheet["F2"].value is None


# --- Sentences for funders -------------------------------------------------------------------


@pytest.fixture
def helpful_153(survey):
    for index in range(153):
        answer(survey, "helpful" if index < 133 else "not-helpful")
    # Written to continue the figures (it begins in lower case): the sentence uses it.
    return make_indicator(
        "helpful",
        IndicatorKind.SHARE_FAVOURABLE,
        survey.questions.all(),
        definition_en=(
            "found the training very helpful or helpful in understanding the needs of refugees"
        ),
        definition_fr=(
            "ont trouvé la formation très utile ou utile pour comprendre les besoins des réfugiés"
        ),
    )


def test_funder_sentence_with_a_wilson_interval_in_english_and_french(helpful_153):
    report = indicator_report(indicator=helpful_153)

    english = funder_sentence(report.total, helpful_153, "en")
    french = funder_sentence(report.total, helpful_153, "fr")

    assert english == (
        "87% (n = 153; 95% CI 81–91%) found the training very helpful or helpful in "
        "understanding the needs of refugees."
    )
    assert french == (
        "87 % (n = 153; IC à 95 % : 81–91 %) ont trouvé la formation très utile ou utile pour "
        "comprendre les besoins des réfugiés."
    )
    # The active language is left as it was.
    assert translation.get_language() == "en"


def test_a_descriptive_definition_gives_the_name_after_a_dash(helpful):
    # "Definition of helpful." begins in upper case: a description, not the end of a sentence.
    report = indicator_report(indicator=helpful)

    assert funder_sentence(report.total, helpful, "en") == (
        "74% (n = 19; 95% CI 51–88%) — Found the training helpful."
    )
    assert funder_sentence(report.total, helpful, "fr") == (
        "74 % (n = 19; IC à 95 % : 51–88 %) — Ont trouvé la formation utile."
    )


def test_funder_sentence_for_a_mean_rating_keeps_the_interval_on_the_scale(course):
    quiz = make_quiz([rating()], kind=QuizKind.EVALUATION_SURVEY, course=course)
    for value in (5, 5, 5, 5, 5, 4, 4, 4):
        answer(quiz, value)
    indicator = make_indicator("rating", IndicatorKind.MEAN_RATING, quiz.questions.all())
    report = indicator_report(indicator=indicator)

    # The t interval reaches 5.06: no rating can, the sentence stops at 5.
    assert report.total.ci_high > 5
    assert funder_sentence(report.total, indicator, "en") == (
        "4.6 out of 5 (n = 8; 95% CI 4.2–5.0) — Rating of the trainer."
    )
    assert funder_sentence(report.total, indicator, "fr") == (
        "4,6 sur 5 (n = 8; IC à 95 % : 4,2–5,0) — Évaluation de la formation."
    )


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        (IndicatorKind.PASS_RATE, "67% (n = 6; 95% CI 30–90%) — Indicator scores."),
        # The t interval of a score passes 100%: the sentence stops there.
        (IndicatorKind.MEAN_SCORE, "Average score 67% (n = 6; 95% CI 12–100%) — Indicator scores."),
    ],
)
def test_funder_sentence_for_scores(course, kind, expected):
    quiz = make_quiz([single()], kind=QuizKind.POST_TEST, course=course)
    for value in ["sponsor"] * 4 + ["agency"] * 2:
        answer(quiz, value)
    indicator = make_indicator("scores", kind, quiz.questions.all())
    report = indicator_report(indicator=indicator)

    assert funder_sentence(report.total, indicator, "en") == expected


def test_funder_sentence_for_a_pre_post_change_gives_pairs_and_normalised_gain(course):
    pre = make_quiz([single()], kind=QuizKind.PRE_TEST, course=course)
    post = make_quiz([single()], kind=QuizKind.POST_TEST, course=course)
    # Four learners go from wrong to right, one stays right, one goes from right to wrong.
    for before, after in (
        [("agency", "sponsor")] * 4 + [("sponsor", "sponsor")] + [("sponsor", "agency")]
    ):
        user = answer(pre, before)
        answer(post, after, user=user)
    indicator = make_indicator(
        "change",
        IndicatorKind.PRE_POST_CHANGE,
        post.questions.all(),
        pre_questions=pre.questions.all(),
    )
    report = indicator_report(indicator=indicator)

    sentence = funder_sentence(report.total, indicator, "en")

    assert sentence.startswith("+50.0 percentage points on average (n = 6 pairs; 95% CI ")
    # The interval is capped at a 100-point change.
    assert "to +100.0" in sentence
    assert sentence.endswith("; normalised gain 0.75) — Knowledge gained.")


def test_funder_sentence_for_a_suppressed_result(survey):
    for _ in range(4):
        answer(survey, "helpful")
    indicator = make_indicator("few", IndicatorKind.SHARE_FAVOURABLE, survey.questions.all())
    report = indicator_report(indicator=indicator)

    assert funder_sentence(report.total, indicator, "en") == (
        "Fewer than 5 people answered: the result is not shown."
    )
    assert funder_sentence(report.total, indicator, "fr") == (
        "Moins de 5 personnes ont répondu : le résultat n'est pas affiché."
    )


# --- The command -----------------------------------------------------------------------------


def run(*args):
    out = io.StringIO()
    call_command("indicator_report", *args, stdout=out)
    return out.getvalue()


def test_command_prints_the_csv_of_every_indicator(helpful, survey):
    make_indicator("few", IndicatorKind.SHARE_FAVOURABLE, survey.questions.all(), sort_order=2)

    header, rows = read_csv(run("--by", "role"))

    assert tuple(header) == COLUMNS
    assert [row["indicator"] for row in rows if row["group_by"] == "total"] == ["helpful", "few"]
    helpful_rows = [row for row in rows if row["indicator"] == "helpful"]
    report = indicator_report(indicator=helpful, group_by="role")
    expected_header, expected = read_csv(write_csv([report], io.StringIO()).getvalue())
    assert helpful_rows == expected


def test_command_json_has_the_same_keys_numbers_as_numbers_and_a_label(helpful, cohort):
    records = json.loads(
        run("--indicator", "helpful", "--by", "cohort", "--format", "json", "--cohort", cohort.code)
    )

    assert [set(record) for record in records] == [{*COLUMNS, "label"}] * len(records)
    total = records[0]
    assert total["group"] == "total" and total["label"] == "All"
    assert total["n"] == 10 and total["value"] == 0.8 and total["ci_low"] == 0.4902
    assert total["met"] is True and total["suppressed"] is False
    assert records[1]["group"] == str(cohort.pk)
    assert records[1]["label"] == cohort.name


def test_command_filters_by_course_slug_and_dates(helpful, course):
    today = timezone.localdate()

    _header, rows = read_csv(run("--course", course.slug_en, "--from", today.isoformat()))
    assert rows[0]["n"] == "19"

    _header, rows = read_csv(run("--course", course.slug_en, "--to", "2000-01-01"))
    assert rows[0]["n"] == "" and rows[0]["suppressed"] == "true"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--indicator", "nope"), "No indicator has the code “nope”. Indicators: helpful."),
        (("--course", "nowhere"), "No course has the slug “nowhere”."),
        (("--cohort", "ZZZZ"), "No training session has the join code “ZZZZ”."),
        (("--by", "colour"), "Unknown breakdown “colour”."),
        (("--period", "week"), "Unknown period “week”."),
        (("--from", "01/02/2026"), "“01/02/2026” is not a month: write it as YYYY-MM."),
        (("--format", "xml"), "Unknown format “xml”. Choose one of: csv, json."),
    ],
)
def test_command_refuses_what_it_does_not_know(helpful, args, message):
    with pytest.raises(CommandError) as error:
        run(*args)
    assert message in str(error.value)


# --- Downloads and the funder report in the admin --------------------------------------------


@pytest.fixture
def program_lead(django_user_model):
    user = django_user_model.objects.create_user("lead", "lead@example.org", "pw")
    user.groups.add(Group.objects.get(name=PROGRAM_LEADS))
    # Given directly as well: the tests do not depend on the group's migration.
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="quizzes", codename="view_indicator")
    )
    return user


@pytest.fixture
def admin_without_permission(django_user_model):
    user = django_user_model.objects.create_user("editor", "editor@example.org", "pw")
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    return user


def export_url(code="helpful", format="csv"):
    return reverse("indicator_export", args=[code, format])


REPORT_URL = "/admin/indicators/report/"


def test_urls():
    assert export_url() == "/admin/indicators/helpful/export.csv"
    assert reverse("indicator_funder_report") == REPORT_URL


@pytest.mark.parametrize(
    "address", [export_url(), export_url(format="xlsx"), REPORT_URL, f"{REPORT_URL}?format=pdf"]
)
def test_learners_are_sent_to_the_admin_login(client, helpful, address):
    client.force_login(ProfileFactory().user)

    response = client.get(address)

    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtailadmin_login") + "?next=")


@pytest.mark.parametrize("address", [export_url(), export_url(format="xlsx"), REPORT_URL])
def test_admin_users_without_the_permission_are_refused(
    client, helpful, admin_without_permission, address
):
    client.force_login(admin_without_permission)

    response = client.get(address)

    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")
    messages = [str(m).strip() for m in response.wsgi_request._messages]
    assert "Sorry, you do not have permission to access this area." in messages


def test_csv_download_is_the_machine_csv_with_a_bom(client, helpful, program_lead):
    client.force_login(program_lead)

    response = client.get(export_url(), {"by": "role", "role": "", "browser": "1"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="indicator-helpful-')
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    header, rows = read_csv(text)
    assert tuple(header) == COLUMNS
    report = indicator_report(indicator=helpful, group_by="role")
    assert rows == read_csv(write_csv([report], io.StringIO()).getvalue())[1]


def test_xlsx_download_and_the_dashboard_parameter_names(client, helpful, program_lead):
    client.force_login(program_lead)

    # The dashboard's links say "breakdown" and "browser_reported".
    response = client.get(
        export_url(format="xlsx"), {"breakdown": "region", "browser_reported": "yes"}
    )

    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content))["helpful"]
    assert [row[2] for row in sheet.iter_rows(2, values_only=True)] == ["total"] + ["region"] * 2


@pytest.mark.parametrize(
    ("address", "status"),
    [(export_url(format="xls"), 404), (export_url(code="nope"), 404)],
)
def test_unknown_format_or_indicator_is_not_found(client, helpful, program_lead, address, status):
    client.force_login(program_lead)
    assert client.get(address).status_code == status


@pytest.mark.parametrize("address", [export_url(), export_url(format="xlsx"), REPORT_URL])
def test_a_bad_filter_is_refused_with_its_reason(client, helpful, program_lead, address):
    client.force_login(program_lead)

    response = client.get(address, {"by": "colour", "from": "2026-02-30", "course": "x"})

    assert response.status_code == 400
    text = response.content.decode()
    assert "Unknown breakdown “colour”. Choose one of: role, course, cohort" in text
    assert "“2026-02-30” is not a month: write it as YYYY-MM." in text
    assert "No course matches “x”." in text


def test_a_bad_filter_is_refused_in_the_readers_language(client, helpful, program_lead):
    client.force_login(program_lead)

    response = client.get(REPORT_URL, {"by": "colour", "lang": "fr"})

    assert response.status_code == 400
    assert "Répartition inconnue : « colour »" in response.content.decode()


def sections(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return soup, {
        section["data-indicator"]: section for section in soup.select("section[data-indicator]")
    }


def test_funder_report_page(client, helpful, program_lead, cohort):
    client.force_login(program_lead)

    response = client.get(REPORT_URL, {"by": "role", "from": "2026-01-01"})

    assert response.status_code == 200
    soup, found = sections(response)
    assert soup.html["lang"] == "en-CA"
    assert soup.h1.get_text(strip=True) == "Training evaluation report"
    assert "Answers from January 1, 2026 to" in soup.get_text()
    section = found["helpful"]
    assert section.select_one("[data-sentence]").get_text(strip=True) == (
        "74% (n = 19; 95% CI 51–88%) — Found the training helpful."
    )
    assert "Definition of helpful." in section.get_text()
    assert "Definition version 1; minimum group size 5." in section.get_text()
    # The breakdown: the same rows hidden as in the exports, with no figures.
    cells = {
        row.th.get_text(strip=True): [td.get_text(strip=True) for td in row.select("td")]
        for row in section.select("tbody tr")
    }
    assert cells["Settlement worker"] == ["10", "80%", "49–94%", "Yes"]
    assert cells["Sponsor or sponsor-group member"] == [
        "",
        "hidden to protect a smaller group",
        "",
        "",
    ]
    assert cells["Sponsorship Agreement Holder staff"] == ["", "fewer than 5", "", ""]
    assert len(section.select("tbody tr[data-suppressed]")) == 2
    notes = soup.select_one(".how-to-read").get_text()
    assert "Wilson score interval" in notes and "Student's t distribution" in notes
    assert "minimum group size" in notes
    assert "@media print" in response.content.decode()


def test_funder_report_in_french_with_lang(client, helpful, program_lead):
    client.force_login(program_lead)

    response = client.get(REPORT_URL, {"lang": "fr"})

    soup, found = sections(response)
    assert soup.html["lang"] == "fr-CA"
    assert soup.h1.get_text(strip=True) == "Rapport d'évaluation de la formation"
    sentence = found["helpful"].select_one("[data-sentence]").get_text(strip=True)
    assert sentence == ("74 % (n = 19; IC à 95 % : 51–88 %) — Ont trouvé la formation utile.")


def test_funder_report_pdf(client, helpful, program_lead):
    client.force_login(program_lead)

    response = client.get(REPORT_URL, {"format": "pdf", "by": "role", "lang": "fr"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert 'filename="psr-learn-funder-report-fr-' in response["Content-Disposition"]


def test_funder_report_pdf_says_what_the_page_says(helpful):
    report = funder_report(
        filters=ReportFilters(date_from=date(2026, 1, 1)),
        group_by="role",
        language="en",
        today=date(2026, 3, 31),
    )

    content = render_funder_pdf(report, compress=False, invariant=True)

    assert content.startswith(b"%PDF")
    text = pdf_text(content)
    for phrase in (
        "Training evaluation report",
        "Answers from January 1, 2026 to March 31, 2026",
        "74% (n = 19; 95% CI 51–88%) — Found the training helpful.",
        "Settlement worker 10 80% 49–94% Yes",
        "Sponsorship Agreement Holder staff fewer than 5",
        "hidden to protect a smaller group",
        "Definition of helpful.",
        "Definition version 1; minimum group size 5.",
        "Wilson score interval",
    ):
        assert phrase in text, phrase


def test_funder_report_pdf_in_french(helpful):
    report = funder_report(filters=ReportFilters(), language="fr", today=date(2026, 3, 1))

    text = pdf_text(render_funder_pdf(report, compress=False, invariant=True))

    assert "Rapport d'évaluation de la formation" in text
    assert "1er mars 2026" in text
    assert "74 % (n = 19; IC à 95 % : 51–88 %) — Ont trouvé la formation utile." in text


@pytest.mark.parametrize("language", ["en", "fr"])
def test_an_indicator_cannot_take_the_funder_reports_address_as_its_code(client, trainer, language):
    # /admin/indicators/report/export.xlsx is the funder report's export: an indicator coded
    # "report" could never have its own data exported, so the admin refuses the code.
    profile = UserProfile.get_for_user(trainer)
    profile.preferred_language = language
    profile.save()
    client.force_login(trainer)
    response = client.post(
        reverse("wagtailsnippets_quizzes_indicator:add"),
        {
            "code": "report",
            "name": "Report",
            "definition": "Who found it helpful.",
            "kind": IndicatorKind.SHARE_FAVOURABLE,
            "favourable_codes": "agree",
        },
    )
    assert response.status_code == 200
    expected = {
        "en": "“report” is the address of the funder report; choose another code.",
        "fr": "« report » est l’adresse du rapport au bailleur de fonds; choisissez un autre code.",
    }[language]
    assert expected in response.content.decode()
    assert not Indicator.objects.filter(code="report").exists()
