"""Indicators in the admin: the editor (versions, validation) and the dashboard (figures, filters,
small groups, permissions, queries).

Answers are given through the real services (attempt_start, attempt_submit) by learners who
agreed to program evaluation; the admin is reached through its real views.
"""

import html
from datetime import date, timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from wagtail.users.models import UserProfile

from learning.people.models import Role
from quizzes.forms_indicators import question_label
from quizzes.models import Indicator, IndicatorKind, IndicatorVersion, QuizKind
from quizzes.reports.labels import group_label, group_labels, label_rows, period_label
from quizzes.services import attempt_start, attempt_submit, indicator_record_version
from tests.learning.factories import CohortFactory, EnrolmentFactory, ProfileFactory, UserFactory
from tests.quizzes.factories import likert, make_quiz, questions_by_code, rating, single

pytestmark = pytest.mark.django_db

DASHBOARD = "indicator_dashboard"
NAMESPACE = "wagtailsnippets_quizzes_indicator"
SAH = Role.SAH_STAFF.label  # "Sponsorship Agreement Holder staff"


def url(name, *args):
    return reverse(f"{NAMESPACE}:{name}", args=args)


# --- People ---------------------------------------------------------------------------------------


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("admin", "admin@example.org", "pw")


@pytest.fixture
def editor():
    """An admin user from some other group: admin access, no permission on indicators."""
    user = UserFactory()
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    return user


# --- Answers through the services -----------------------------------------------------------------


def respond(quiz, answers, *, language="en", role=Role.SETTLEMENT_WORKER, cohort=None, **profile):
    """A consenting learner answers `quiz` ({question: value}) and submits."""
    user = ProfileFactory(role=role, preferred_language=language, **profile).user
    if cohort is not None:
        EnrolmentFactory(user=user, course=cohort.course, cohort=cohort, language=language)
    attempt = attempt_start(quiz=quiz, user=user, language=language)
    result = attempt_submit(
        attempt=attempt,
        answers={question.pk: value for question, value in answers.items()},
        user=user,
    )
    assert result.attempt.counts_for_evaluation
    return user


@pytest.fixture
def survey(course):
    return make_quiz(
        [likert("helpful"), rating("communication")],
        kind=QuizKind.EVALUATION_SURVEY,
        course=course,
        title_en="Course survey",
        title_fr="Sondage du cours",
    )


@pytest.fixture
def cohorts(course):
    return {
        "en": CohortFactory(course=course, name="Ottawa, spring"),
        "fr": CohortFactory(course=course, name="Gatineau, printemps"),
    }


def make_indicator(code, kind, questions, *, pre_questions=(), target=None, **fields):
    values = {
        "name_en": f"{code} indicator",
        "name_fr": f"indicateur {code}",
        "definition_en": "Who counts.",
        "definition_fr": "Qui compte.",
        **fields,
    }
    indicator = Indicator.objects.create(
        code=code,
        name=values["name_en"],
        definition=values["definition_en"],
        kind=kind,
        target=target,
        **values,
    )
    # Parental many-to-many relations are kept in memory until the indicator is saved.
    indicator.questions.set(questions)
    indicator.pre_questions.set(pre_questions)
    indicator.save()
    indicator_record_version(indicator=indicator)
    return indicator


@pytest.fixture
def answered(survey, cohorts):
    """14 learners: 8 in English (6 favourable, ratings 4), 6 in French (all favourable, 5).

    Favourable: 12 of 14 = 86%; in French 100%, in English 75%. Mean rating 60 / 14 = 4.29.
    """
    questions = questions_by_code(survey)
    helpful, communication = questions["helpful"], questions["communication"]
    for index in range(8):
        respond(
            survey,
            {helpful: "helpful" if index < 6 else "not-helpful", communication: 4},
            cohort=cohorts["en"],
        )
    for _index in range(6):
        respond(
            survey,
            {helpful: "very-helpful", communication: 5},
            language="fr",
            role=Role.SPONSOR,
            region="gta",
            cohort=cohorts["fr"],
        )
    share = make_indicator(
        "helpful",
        IndicatorKind.SHARE_FAVOURABLE,
        [helpful],
        target="0.8000",
        sort_order=1,
    )
    mean = make_indicator(
        "communication",
        IndicatorKind.MEAN_RATING,
        [communication],
        target="4.5000",
        sort_order=2,
    )
    return {"survey": survey, "share": share, "mean": mean, "questions": questions}


def dashboard(client, user, **params):
    client.force_login(user)
    response = client.get(reverse(DASHBOARD), params)
    assert response.status_code == 200
    return response


def soup_of(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def card(soup, indicator):
    # Each indicator's details, under the overview (issue 17).
    return soup.find("details", attrs={"data-indicator": indicator.code})


def figure_text(soup, indicator, name):
    return " ".join(card(soup, indicator).find(attrs={"data-figure": name}).get_text().split())


def chart(soup, indicator, section):
    return card(soup, indicator).find("figure", attrs={"data-chart": section}).svg


def table_rows(soup, indicator, section):
    table = card(soup, indicator).find("table", attrs={"data-table": section})
    rows = {}
    for tr in table.tbody.find_all("tr"):
        cells = [" ".join(cell.get_text().split()) for cell in tr.find_all(["th", "td"])]
        rows[cells[0]] = cells[1:]
    return rows


# --- Labels ---------------------------------------------------------------------------------------


def test_group_labels_name_every_kind_of_group(course, cohorts):
    assert group_label("role", "sponsor") == "Sponsor or sponsor-group member"
    assert group_label("region", "gta") == "Greater Toronto Area"
    assert group_label("language", "fr") == "French"
    assert group_label("role", "") == "Not recorded"
    assert group_label("cohort", None) == "Not recorded"
    assert group_label("course", course.pk) == "Working with sponsors"
    assert group_label("cohort", cohorts["fr"].pk) == "Gatineau, printemps"
    assert group_label("period", date(2026, 3, 1)) == "March 2026"
    assert group_label("period", date(2026, 8, 1), period="quarter") == "Q3 2026"
    with translation.override("fr"):
        assert group_label("course", course.pk) == "Travailler avec les répondants"
        assert period_label(date(2026, 3, 1)) == "mars 2026"


def test_bulk_labels_load_courses_and_cohorts_in_one_query_each(course, cohorts):
    with CaptureQueriesContext(connection) as queries:
        labels = group_labels("cohort", [cohorts["en"].pk, cohorts["fr"].pk, None])
    assert len(queries) == 1
    assert labels == {
        cohorts["en"].pk: "Ottawa, spring",
        cohorts["fr"].pk: "Gatineau, printemps",
        None: "Not recorded",
    }

    from quizzes.reports import ReportRow

    rows = [
        ReportRow(group_by=group_by, group=key, n=5, value=1, ci_low=0, ci_high=1, target=None)
        for group_by, key in (
            ("course", course.pk),
            ("cohort", cohorts["en"].pk),
            ("cohort", cohorts["fr"].pk),
            ("role", "sponsor"),
        )
    ]
    with CaptureQueriesContext(connection) as queries:
        label_rows(rows)
    assert len(queries) == 2  # one for the course, one for both cohorts, none for roles
    assert [row.label for row in rows] == [
        "Working with sponsors",
        "Ottawa, spring",
        "Gatineau, printemps",
        "Sponsor or sponsor-group member",
    ]


# --- The editor -----------------------------------------------------------------------------------


def indicator_data(questions, **fields):
    data = {
        "code": "helpful-course",
        "name_en": "Learners who found the course helpful",
        "name_fr": "Personnes qui ont trouvé le cours utile",
        "definition_en": "Share of helpful or very helpful answers.",
        "definition_fr": "Part des réponses « utile » ou « très utile ».",
        "kind": IndicatorKind.SHARE_FAVOURABLE,
        "questions": [str(question.pk) for question in questions],
        "pre_questions": [],
        "target": "0.85",
        "threshold": "70",
        "min_group_size": "5",
        "include_browser_reported": "on",
        "sort_order": "1",
    }
    data.update(fields)
    return {key: value for key, value in data.items() if value is not None}


def test_questions_are_listed_by_quiz_code_and_text(client, trainer, survey):
    question = questions_by_code(survey)["helpful"]
    assert question_label(question) == "Course survey — helpful — Question helpful"
    make_quiz([single("q"), {"code": "comments", "kind": "free_text"}], title_en="Check")
    client.force_login(trainer)

    soup = soup_of(client.get(url("add")))

    for name in ("questions", "pre_questions"):
        select = soup.find("select", attrs={"name": name})
        assert select.has_attr("multiple")
        assert soup.find("label", attrs={"for": select["id"]})
        options = [option.get_text(strip=True) for option in select.find_all("option")]
        assert options == [
            "Check — q — Question q",
            "Course survey — helpful — Question helpful",
            "Course survey — communication — Question communication",
        ]


def test_trainer_creates_an_indicator_at_version_one(client, trainer, survey):
    client.force_login(trainer)
    helpful = questions_by_code(survey)["helpful"]

    response = client.post(url("add"), indicator_data([helpful]))

    assert response.status_code == 302, response.content.decode()[:2000]
    indicator = Indicator.objects.get(code="helpful-course")
    assert indicator.version == 1
    assert list(indicator.questions.all()) == [helpful]
    assert indicator.name_fr == "Personnes qui ont trouvé le cours utile"
    assert IndicatorVersion.objects.filter(indicator=indicator).count() == 1


def test_editing_bumps_the_version_only_when_the_definition_changes(client, trainer, survey):
    client.force_login(trainer)
    helpful = questions_by_code(survey)["helpful"]
    client.post(url("add"), indicator_data([helpful]))
    indicator = Indicator.objects.get(code="helpful-course")

    # The name and the order are not part of the definition.
    response = client.post(
        url("edit", indicator.pk),
        indicator_data([helpful], name_en="Found the course helpful", sort_order="4"),
    )
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert (indicator.version, indicator.name_en) == (1, "Found the course helpful")
    assert indicator.versions.count() == 1

    # The target is.
    response = client.post(
        url("edit", indicator.pk),
        indicator_data([helpful], name_en="Found the course helpful", target="0.9"),
    )
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert indicator.version == 2
    assert list(indicator.versions.values_list("number", flat=True)) == [2, 1]

    # So is the French definition; saving it unchanged again is not.
    changed = indicator_data(
        [helpful], target="0.9", definition_fr="Part des réponses favorables.", sort_order="2"
    )
    client.post(url("edit", indicator.pk), changed)
    client.post(url("edit", indicator.pk), changed)
    indicator.refresh_from_db()
    assert indicator.version == 3

    # The edit page shows the version and its history, newest first.
    page = client.get(url("edit", indicator.pk)).content.decode()
    soup = BeautifulSoup(page, "html.parser")
    version = soup.find(attrs={"data-indicator-version": True})
    assert version["data-indicator-version"] == "3"
    assert "This is version 3 of the definition." in html.unescape(page)
    history = [" ".join(li.get_text().split()) for li in version.find_next("ol").find_all("li")]
    assert [item.split(" — ")[0] for item in history] == ["Version 3", "Version 2", "Version 1"]
    assert "Changed: definition (French)" in history[0]
    assert "Changed: target" in history[1]
    assert "First version" in history[2]
    today = timezone.localdate()
    assert str(today.year) in history[0]


def rejected(client, data, field):
    response = client.post(url("add"), data)
    assert response.status_code == 200
    assert not Indicator.objects.exists()
    form = response.context["form"]
    return [str(message) for message in form.errors[field]]


@pytest.mark.parametrize(
    "kind, question, message",
    [
        (
            IndicatorKind.SHARE_FAVOURABLE,
            "communication",
            "A share of favourable answers reads Likert questions only. "
            "Remove: Course survey — communication.",
        ),
        (
            IndicatorKind.MEAN_RATING,
            "helpful",
            "A mean rating reads rating questions (1 to 5) only. Remove: Course survey — helpful.",
        ),
        (
            IndicatorKind.MEAN_SCORE,
            "helpful",
            "A mean score reads scored questions only (single choice, multiple choice, true or "
            "false, role assignment). Remove: Course survey — helpful.",
        ),
        (
            IndicatorKind.PASS_RATE,
            "communication",
            "A pass rate reads scored questions only (single choice, multiple choice, true or "
            "false, role assignment). Remove: Course survey — communication.",
        ),
    ],
)
def test_each_kind_reads_its_own_questions(client, trainer, survey, kind, question, message):
    client.force_login(trainer)
    chosen = questions_by_code(survey)[question]

    errors = rejected(client, indicator_data([chosen], kind=kind, target=None), "questions")

    assert errors == [message]


def test_pre_post_change_needs_both_sets_of_questions(client, trainer):
    client.force_login(trainer)
    post = questions_by_code(make_quiz([single("post-q")], kind=QuizKind.POST_TEST))["post-q"]

    errors = rejected(
        client,
        indicator_data([post], kind=IndicatorKind.PRE_POST_CHANGE, target="0.15"),
        "pre_questions",
    )
    assert errors == [
        "A pre/post change needs the pre-test questions too: choose the questions to compare "
        "the post-test with."
    ]

    errors = rejected(
        client,
        indicator_data([], kind=IndicatorKind.PRE_POST_CHANGE, pre_questions=[str(post.pk)]),
        "questions",
    )
    assert errors == ["A pre/post change needs the post-test questions: choose them here."]


def test_other_mistakes_are_explained(client, trainer, survey):
    client.force_login(trainer)
    helpful = questions_by_code(survey)["helpful"]

    assert rejected(client, indicator_data([helpful], min_group_size="0"), "min_group_size") == [
        "The minimum group size must be at least 1. Five or more is recommended."
    ]
    assert rejected(client, indicator_data([]), "questions") == [
        "Choose at least one question for the indicator to read."
    ]
    assert rejected(
        client, indicator_data([helpful], pre_questions=[str(helpful.pk)]), "pre_questions"
    ) == [
        "Only a pre/post change reads pre-test questions: remove them, or choose "
        "“Pre/post change” as the kind."
    ]
    assert rejected(client, indicator_data([helpful], target="85"), "target") == [
        "Write the target as a decimal from 0 to 1: 0.85 for 85%."
    ]
    assert rejected(
        client,
        indicator_data(
            [questions_by_code(survey)["communication"]], kind="mean_rating", target="9"
        ),
        "target",
    ) == ["Write the target on the rating scale, from 1 to 5: 4.5, for example."]
    assert rejected(client, indicator_data([helpful], threshold="120"), "threshold") == [
        "Write the pass threshold as a percentage, 0 to 100."
    ]


def test_program_lead_sees_indicators_but_cannot_define_them(client, program_lead, answered):
    client.force_login(program_lead)
    indicator = answered["share"]
    assert client.get(url("list")).status_code == 200
    assert client.get(url("inspect", indicator.pk)).status_code == 200
    assert client.get(url("add")).url == reverse("wagtailadmin_home")
    assert client.get(url("edit", indicator.pk)).url == reverse("wagtailadmin_home")


# --- The dashboard: figures -----------------------------------------------------------------------


def test_dashboard_shows_each_indicator_with_its_figures(client, program_lead, answered):
    share, mean = answered["share"], answered["mean"]

    soup = soup_of(dashboard(client, program_lead))

    cards = soup.find_all("details", attrs={"data-indicator": True})
    assert [c["data-indicator"] for c in cards] == ["helpful", "communication"]
    assert card(soup, share).summary.get_text(" ", strip=True).startswith("helpful indicator")
    assert figure_text(soup, share, "value") == "86%"  # 12 of 14
    assert figure_text(soup, share, "interval") == "95% CI 60–96%"
    assert figure_text(soup, share, "n") == "14"
    assert figure_text(soup, share, "target") == "80% — Target met"
    assert figure_text(soup, share, "version") == "Version 1"
    # Written as the funder report writes it (issue 17): a rating to one decimal.
    assert figure_text(soup, mean, "value") == "4.4"  # (8 × 4 + 6 × 5) / 14 = 4.43
    assert figure_text(soup, mean, "n") == "14"
    assert figure_text(soup, mean, "target") == "4.5 — Target not met"
    assert figure_text(soup, mean, "interval") == "95% CI 4.1–4.7"

    # The default breakdown is by role, with the trend by month always there.
    assert table_rows(soup, share, "role") == {
        "Settlement worker": ["75%", "95% CI 41–93%", "8", "Target not met"],
        "Sponsor or sponsor-group member": ["100%", "95% CI 61–100%", "6", "Target met"],
    }
    month = period_label(timezone.localdate().replace(day=1))
    assert table_rows(soup, share, "period") == {
        month: ["86%", "95% CI 60–96%", "14", "Target met"],
    }

    # Each chart is drawn on the server from the rows of its table (the same the funder PDF
    # draws, issue 17), and says what it shows.
    for section in ("period", "role"):
        svg = chart(soup, share, section)
        assert svg["role"] == "img"
        assert svg.title.get_text().startswith("helpful indicator by")
        assert card(soup, share).find("table", attrs={"data-table": section}).caption
    assert chart(soup, share, "period").desc.get_text() == (
        "helpful indicator by month, 86%; target 80%."
    )
    description = chart(soup, share, "role").desc.get_text()
    assert "Settlement worker: 75%" in description
    assert "Sponsor or sponsor-group member: 100%" in description


def test_dashboard_draws_its_charts_without_scripts(client, program_lead, answered):
    page = dashboard(client, program_lead).content.decode()
    assert "chart.js" not in page.lower()
    assert "<canvas" not in page
    assert "cdn" not in page.lower()


def test_numbers_follow_the_admin_language(client, program_lead, answered):
    profile = UserProfile.get_for_user(program_lead)
    profile.preferred_language = "fr"
    profile.save()

    soup = soup_of(dashboard(client, program_lead))

    assert figure_text(soup, answered["mean"], "value") == "4,4"
    assert figure_text(soup, answered["share"], "value").replace("\xa0", " ") == "86 %"
    assert figure_text(soup, answered["mean"], "interval").endswith("4,1–4,7")
    with translation.override("fr"):
        sponsor, month = str(Role.SPONSOR.label), period_label(timezone.localdate().replace(day=1))
    assert sponsor in table_rows(soup, answered["share"], "role")
    assert month in table_rows(soup, answered["share"], "period")


def test_filters_change_the_figures(client, program_lead, answered, cohorts, course):
    share, mean = answered["share"], answered["mean"]

    french = soup_of(dashboard(client, program_lead, language="fr"))
    assert figure_text(french, share, "value") == "100%"
    assert figure_text(french, share, "n") == "6"
    assert figure_text(french, mean, "value") == "5.0"

    english = soup_of(dashboard(client, program_lead, language="en", breakdown="cohort"))
    assert figure_text(english, share, "value") == "75%"
    assert list(table_rows(english, share, "cohort")) == ["Ottawa, spring"]

    by_region = soup_of(dashboard(client, program_lead, region="gta", breakdown="region"))
    assert figure_text(by_region, share, "value") == "100%"
    assert list(table_rows(by_region, share, "region")) == ["Greater Toronto Area"]

    by_role = soup_of(dashboard(client, program_lead, role="settlement_worker"))
    assert figure_text(by_role, share, "value") == "75%"

    by_cohort = soup_of(dashboard(client, program_lead, cohort=cohorts["fr"].pk))
    assert figure_text(by_cohort, share, "value") == "100%"

    by_course = soup_of(dashboard(client, program_lead, course=course.pk, breakdown="course"))
    assert figure_text(by_course, share, "value") == "86%"
    assert list(table_rows(by_course, share, "course")) == ["Working with sponsors"]

    # Reports count whole months (issue 12): "from" next month leaves this month's answers out.
    next_month = (timezone.localdate().replace(day=1) + timedelta(days=32)).strftime("%Y-%m")
    later = soup_of(dashboard(client, program_lead, **{"from": next_month}))
    assert figure_text(later, share, "value") == "No answers yet"
    assert "No answers match these filters." in later.get_text()

    # Results scored by the browser: none here, so leaving them out changes nothing.
    without = soup_of(dashboard(client, program_lead, browser_reported="no"))
    assert figure_text(without, share, "value") == "86%"

    quarterly = soup_of(dashboard(client, program_lead, period="quarter", breakdown=""))
    today = timezone.localdate()
    quarter = f"Q{(today.month - 1) // 3 + 1} {today.year}"
    assert list(table_rows(quarterly, share, "period")) == [quarter]
    assert card(quarterly, share).find("table", attrs={"data-table": "role"}) is None


def test_filter_form_is_labelled_and_keeps_its_values(client, program_lead, answered, cohorts):
    soup = soup_of(
        dashboard(client, program_lead, language="fr", **{"from": "2026-01-01"}, period="quarter")
    )
    form = soup.find("form", class_="indicator-filters")
    for name in (
        "course",
        "cohort",
        "role",
        "language",
        "region",
        "from",
        "to",
        "breakdown",
        "period",
        "browser_reported",
    ):
        control = form.find(attrs={"name": name})
        assert control is not None, name
        assert form.find("label", attrs={"for": control["id"]}), name
    # Whole months (issue 12): a date in the address shows as its month.
    assert form.find("input", attrs={"name": "from"})["value"] == "2026-01"
    assert form.find("input", attrs={"name": "from"})["type"] == "month"
    assert (
        form.find("select", attrs={"name": "language"}).find("option", selected=True)["value"]
        == "fr"
    )


def test_a_date_range_backwards_is_explained(client, program_lead, answered):
    response = dashboard(client, program_lead, **{"from": "2026-05", "to": "2026-04"})
    assert "Choose a last month on or after the first month." in html.unescape(
        response.content.decode()
    )


def test_export_links_keep_the_filters(client, program_lead, answered):
    share = answered["share"]
    soup = soup_of(dashboard(client, program_lead, language="fr", breakdown="region"))
    try:
        csv_url = reverse("indicator_export", kwargs={"code": share.code, "format": "csv"})
    except NoReverseMatch:
        # The export views are not there yet: the card shows no export link, and still works.
        assert card(soup, share).find(attrs={"data-export": True}) is None
        return
    link = card(soup, share).find("a", attrs={"data-export": "csv"})
    assert link["href"].startswith(csv_url + "?")
    assert "language=fr" in link["href"] and "breakdown=region" in link["href"]
    assert card(soup, share).find("a", attrs={"data-export": "xlsx"})
    funder = soup.find("a", attrs={"data-funder-report": True})
    assert funder is not None and "language=fr" in funder["href"]

    # With no filters chosen, the links carry the defaults the page shows (by role, by month).
    soup = soup_of(dashboard(client, program_lead))
    link = card(soup, share).find("a", attrs={"data-export": "csv"})
    assert "breakdown=role" in link["href"] and "period=month" in link["href"]


# --- Small groups ---------------------------------------------------------------------------------


def test_a_group_under_the_minimum_reads_fewer_than_five(client, program_lead, answered):
    share = answered["share"]
    helpful = answered["questions"]["helpful"]
    communication = answered["questions"]["communication"]
    # Three SAH staff: 1 favourable of 3 (33%), ratings of 1.
    for index in range(3):
        respond(
            answered["survey"],
            {helpful: "helpful" if index == 0 else "not-helpful", communication: 1},
            role=Role.SAH_STAFF,
        )

    response = dashboard(client, program_lead)
    soup = soup_of(response)

    rows = table_rows(soup, share, "role")
    assert rows[SAH] == ["Not shown", "", "fewer than 5", ""]
    # The settlement workers (8) answered in English in Ottawa, as the SAH staff did: that
    # population (11) minus the settlement workers would give the three, so they are hidden too
    # (issue 12), and say why.
    assert rows["Settlement worker"] == ["Not shown", "", "hidden to protect a smaller group", ""]
    assert rows["Sponsor or sponsor-group member"][0] == "100%"
    assert "33%" not in response.content.decode()

    # The chart draws the hidden groups as gaps that say why, never with a value.
    role_chart = chart(soup, share, "role")
    assert f"{SAH}: fewer than 5" in role_chart.desc.get_text()
    assert not any("33" in text.get_text() for text in role_chart.find_all("text"))
    # One bar: the sponsors'. The hidden groups have none.
    assert len(role_chart.select("rect.chart-value")) == 1
    # The total stays: 13 of 17.
    assert figure_text(soup, share, "value") == "76%"
    assert figure_text(soup, share, "n") == "17"


def test_an_indicator_whose_total_is_too_small_shows_no_figure(client, program_lead, survey):
    helpful = questions_by_code(survey)["helpful"]
    for _index in range(3):
        respond(survey, {helpful: "helpful", questions_by_code(survey)["communication"]: 3})
    indicator = make_indicator("few", IndicatorKind.SHARE_FAVOURABLE, [helpful])

    soup = soup_of(dashboard(client, program_lead))

    assert figure_text(soup, indicator, "value") == "Not shown"
    assert figure_text(soup, indicator, "n") == "fewer than 5"
    period_chart = chart(soup, indicator, "period")
    assert "no figure can be shown" in period_chart.desc.get_text()
    assert period_chart.select(".chart-value") == []
    # Outside the chart's axis (0% to 100%), the 3 answers' 100% is nowhere.
    for svg in card(soup, indicator).find_all("svg"):
        svg.decompose()
    assert "100%" not in card(soup, indicator).get_text()


def test_minimum_group_size_is_the_indicators_own(client, program_lead, answered):
    share = answered["share"]
    share.min_group_size = 7
    share.save()

    soup = soup_of(dashboard(client, program_lead))

    rows = table_rows(soup, share, "role")
    assert rows["Sponsor or sponsor-group member"][2] == "fewer than 7"


# --- Permissions ----------------------------------------------------------------------------------

ALLOWED = "allowed"
LOGIN = "login"
REFUSED = "refused"

DASHBOARD_ACCESS = {
    "anonymous": LOGIN,
    "learner": LOGIN,
    "editor": REFUSED,
    "program_lead": ALLOWED,
    "trainer": ALLOWED,
    "superuser": ALLOWED,
}


@pytest.mark.parametrize("who", DASHBOARD_ACCESS)
def test_dashboard_permission_matrix(client, request, answered, who):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))

    response = client.get(reverse(DASHBOARD))

    expected = DASHBOARD_ACCESS[who]
    if expected == ALLOWED:
        assert response.status_code == 200
        assert b'data-indicator="helpful"' in response.content
    elif expected == LOGIN:
        assert response.status_code == 302
        assert response.url.startswith(reverse("wagtailadmin_login") + "?next=")
    else:
        assert response.status_code == 302
        assert response.url == reverse("wagtailadmin_home")
        messages = [str(m).strip() for m in response.wsgi_request._messages]
        assert "Sorry, you do not have permission to access this area." in messages


def test_dashboard_url():
    assert reverse(DASHBOARD) == "/admin/indicators/dashboard/"


def test_menu_shows_the_dashboard_to_those_who_may_see_it(client, trainer, program_lead, editor):
    for user, shown in ((trainer, True), (program_lead, True), (editor, False)):
        client.force_login(user)
        page = client.get(reverse("wagtailadmin_home")).content.decode()
        assert ("Indicators dashboard" in page) is shown, user
        assert (reverse(DASHBOARD) in page) is shown, user


def test_only_trainers_see_the_manage_button(client, trainer, program_lead, answered):
    manage = url("list")
    assert manage in dashboard(client, trainer).content.decode()
    lead_page = soup_of(dashboard(client, program_lead))
    header = lead_page.find("header")
    assert header is None or manage not in str(header)


# --- Queries --------------------------------------------------------------------------------------


def test_queries_do_not_grow_with_answers_and_are_constant_per_indicator(
    client, program_lead, survey, cohorts
):
    questions = questions_by_code(survey)
    helpful, communication = questions["helpful"], questions["communication"]
    pre_quiz = make_quiz([single("pre-q")], kind=QuizKind.PRE_TEST, title_en="Pre-test")
    post_quiz = make_quiz([single("post-q")], kind=QuizKind.POST_TEST, title_en="Post-test")
    pre, post = questions_by_code(pre_quiz)["pre-q"], questions_by_code(post_quiz)["post-q"]

    def learners(count, start):
        for index in range(start, start + count):
            user = respond(
                survey,
                {helpful: "helpful" if index % 3 else "not-helpful", communication: 1 + index % 5},
                language="fr" if index % 2 else "en",
                cohort=cohorts["fr" if index % 2 else "en"],
            )
            for quiz, question in ((pre_quiz, pre), (post_quiz, post)):
                attempt = attempt_start(quiz=quiz, user=user, language="en")
                attempt_submit(attempt=attempt, answers={question.pk: "sponsor"}, user=user)

    make_indicator("share", IndicatorKind.SHARE_FAVOURABLE, [helpful], target="0.8")
    make_indicator("rating", IndicatorKind.MEAN_RATING, [communication], target="4")
    make_indicator("pass", IndicatorKind.PASS_RATE, [post], target="0.8")
    make_indicator("score", IndicatorKind.MEAN_SCORE, [post])
    make_indicator(
        "change", IndicatorKind.PRE_POST_CHANGE, [post], pre_questions=[pre], target="0.1"
    )
    client.force_login(program_lead)
    address = reverse(DASHBOARD)
    params = {"breakdown": "cohort"}

    learners(5, 0)  # 10 survey answers
    client.get(address, params)  # warm caches (site, menus)
    with CaptureQueriesContext(connection) as with_ten:
        client.get(address, params)
    learners(95, 5)  # 200 survey answers
    with CaptureQueriesContext(connection) as with_two_hundred:
        response = client.get(address, params)

    assert response.status_code == 200
    assert b"Ottawa, spring" in response.content
    assert len(with_two_hundred) == len(with_ten)

    # Each more indicator costs the same few queries: two reports, no per-row query.
    make_indicator("share-2", IndicatorKind.SHARE_FAVOURABLE, [helpful])
    with CaptureQueriesContext(connection) as with_six:
        client.get(address, params)
    make_indicator("share-3", IndicatorKind.SHARE_FAVOURABLE, [helpful])
    with CaptureQueriesContext(connection) as with_seven:
        client.get(address, params)
    per_indicator = len(with_seven) - len(with_six)
    assert per_indicator == len(with_six) - len(with_two_hundred)
    assert per_indicator <= 8
