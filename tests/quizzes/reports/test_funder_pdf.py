"""The funder PDF (issue 17): a title page with the period from–to, the filters and a "How to
read these figures" box; "Page 1 of N" on every page; the overview within pages 2–3; every
indicator's sentence, with its charts drawn as vectors (no images); a hidden figure never
printed; the same in French, whose text (accents, no-break spaces) extracts as written.

Text is read with pypdf as a reader's copy and paste gets it (tests/learning/progress).
"""

import io
import re
from datetime import UTC, date, datetime

import pytest
from django.utils import translation
from django.utils.translation import trans_real
from pypdf import PdfReader

from quizzes.models import Attempt, IndicatorKind, QuizKind
from quizzes.reports import ReportFilters
from quizzes.reports.exports import funder_report, render_funder_pdf
from quizzes.reports.overview import OutputGroup, OutputLine, Overview
from tests.quizzes.factories import make_quiz, rating
from tests.quizzes.reports.test_charts import outcome
from tests.quizzes.test_exports import (  # noqa: F401 - fixtures
    answer,
    cohort,
    french_catalogue,
    helpful,
    make_indicator,
    survey,
)

pytestmark = pytest.mark.django_db

PERIOD = ReportFilters(date_from=date(2026, 1, 1), date_to=date(2026, 3, 31))

# The French of the msgids these tests read, until they are compiled into locale/fr (as in
# tests/quizzes/test_exports.py): once compiled, the real translations are the ones tested.
FRENCH = {
    "Page %(page)s of %(pages)s": "Page %(page)s sur %(pages)s",
    "%(group)s: %(value)s.": "%(group)s : %(value)s.",
    "%(group)s: %(value)s (%(figures)s).": "%(group)s : %(value)s (%(figures)s).",
    "Definition: %(definition)s": "Définition : %(definition)s",
}


@pytest.fixture(autouse=True)
def pdf_french():
    catalogue = trans_real.translation("fr")._catalog
    added = [key for key in FRENCH if key not in catalogue]
    for key in added:
        catalogue[key] = FRENCH[key]
    yield
    for key in added:
        catalogue._catalogs[0].pop(key, None)


def pages_text(data):
    """Each page's text, whitespace collapsed (no-break spaces included)."""
    return [re.sub(r"\s+", " ", page.extract_text()) for page in PdfReader(io.BytesIO(data)).pages]


@pytest.fixture
def program(helpful, course):  # noqa: F811 - the imported fixture
    """The helpful indicator's 19 answers spread over three months (the last one's 3 answers
    hidden), and a rating indicator answered in January."""
    months = [datetime(2026, month, 15, 12, tzinfo=UTC) for month in (1, 2, 3)]
    attempts = list(Attempt.objects.order_by("pk"))
    for index, attempt in enumerate(attempts):
        month = months[0] if index < 10 else months[1] if index < 16 else months[2]
        Attempt.objects.filter(pk=attempt.pk).update(submitted_at=month)
    quiz = make_quiz([rating()], kind=QuizKind.EVALUATION_SURVEY, course=course)
    for value in (5, 5, 5, 5, 5, 4, 4, 4):
        answer(quiz, value)
    Attempt.objects.filter(quiz=quiz).update(submitted_at=months[0])
    trainer = make_indicator("rating", IndicatorKind.MEAN_RATING, quiz.questions.all())
    return [helpful, trainer]


def render(language, *, group_by="role", filters=PERIOD):
    report = funder_report(
        filters=filters, group_by=group_by, language=language, today=date(2026, 4, 2)
    )
    return report, render_funder_pdf(report, compress=False, invariant=True)


def test_title_page_says_the_period_the_filters_and_how_to_read(program):
    report, data = render("en")

    pages = pages_text(data)
    first = pages[0]
    assert "Training evaluation report" in first
    assert "Answers from January 1, 2026 to March 31, 2026" in first
    assert "All courses, training sessions, roles, languages and regions" in first
    assert "Breakdown by role" in first
    assert "How to read these figures" in first
    for term in ("n:", "95% CI:", "fewer than 5:", "Target met:"):
        assert term in first, term
    # The title page holds no figure: the overview starts on page 2.
    assert "Overview" not in first and "Overview" in pages[1]


def test_every_page_is_numbered_with_the_page_count(program):
    _report, data = render("en")

    pages = pages_text(data)
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text
        assert "PSR Learn · Private Sponsorship of Refugees Program" in text


def test_overview_fits_in_two_pages_and_every_indicator_follows(program):
    report, data = render("en")

    pages = pages_text(data)
    overview = " ".join(pages[1:3])
    assert "Outcomes" in overview and "Outputs" in overview
    first_detail = next(
        number for number, text in enumerate(pages, start=1) if "Each indicator in detail" in text
    )
    assert first_detail <= 4
    everything = " ".join(pages)
    for section in report.sections:
        assert section.sentence in everything, section.sentence
    assert "74% (n = 19; 95% CI 51–88%) — Found the training helpful." in everything
    assert "4.6 out of 5 (n = 8; 95% CI 4.2–5.0) — Rating of the trainer." in everything


def test_a_hidden_figure_is_never_printed(program):
    _report, data = render("en")

    text = " ".join(pages_text(data))
    # Sponsors (6, half favourable) are hidden to protect SAH staff (3): neither n is printed.
    assert "Sponsor or sponsor-group member hidden to protect a smaller group" in text
    assert "Sponsorship Agreement Holder staff fewer than 5" in text
    assert "n = 6" not in text and "n = 3" not in text
    assert not re.search(r"Sponsor or sponsor-group member \d", text)
    # March's 3 answers are hidden in the trend too.
    assert re.search(r"March 2026 fewer than 5", text)


def test_a_breakdown_of_one_row_is_a_sentence_not_a_table(program):
    _report, data = render("en", group_by="language")

    text = " ".join(pages_text(data))
    assert "English: 74% (n = 19; 95% CI 51–88%)." in text


def test_the_charts_are_vector_drawings(program):
    _report, data = render("en")

    assert b"/Subtype /Image" not in data
    reader = PdfReader(io.BytesIO(data))
    contents = b"\n".join(page.get_contents().get_data() for page in reader.pages)
    # Bars are filled rectangles, lines and whiskers strokes: drawn, not pasted.
    assert len(re.findall(rb" re\b", contents)) > 5
    assert len(re.findall(rb" l\b", contents)) > 10
    # The overview's chart is on the overview's pages.
    assert re.search(rb" re\b", reader.pages[1].get_contents().get_data())


def test_the_report_in_french(program):
    _report, data = render("fr")

    pages = pages_text(data)
    with translation.override("fr"):
        how_to_read = translation.gettext("How to read these figures")
    assert "Rapport d'évaluation de la formation" in pages[0]
    assert "1er janvier 2026" in pages[0] and "31 mars 2026" in pages[0]
    assert how_to_read in pages[0]
    assert "moins de 5" in pages[0]
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} sur {len(pages)}" in text
    everything = " ".join(pages)
    assert "74 % (n = 19; IC à 95 % : 51–88 %) — Ont trouvé la formation utile." in everything
    assert "Page 1 of" not in everything
    assert "Définition : Définition de helpful." in everything
    # A breakdown of one row, said the French way (the rating: all settlement workers).
    assert "janvier 2026 : 4,6 (n = 8; IC à 95 % : 4,2–5,0)." in everything


def test_the_period_always_has_both_ends(program):
    _report, data = render("en", filters=ReportFilters())

    first = pages_text(data)[0]
    assert re.search(r"Answers from \w+ 1, 2026 to April 2, 2026", first)


LONG_NAMES = [
    "Settlement workers who found the training very helpful or helpful",
    "Sponsors confident in their role after the training",
    "Knowledge check passed on the first attempt",
    "Learners who would recommend the course to a colleague",
    "Sponsors who know where to find help when a refugee family arrives",
    "Participants who found the knowledge-exchange events helpful",
    "Learners who completed every lesson of the course",
    "SAH staff satisfied with the materials",
    "Trainers who found the session guide useful",
    "Learners who feel ready to support a newcomer family",
    "Learners who found the course easy to follow",
]


def big_overview():
    """A pilot-sized overview: 11 outcomes with long names, 7 outputs with 3 breakdowns each."""
    groups = {
        "role": [
            OutputGroup("Settlement worker", "153", False, 153),
            OutputGroup("Sponsor or sponsor-group member", "88", False, 88),
            OutputGroup("Sponsorship Agreement Holder staff", "fewer than 5", True, None),
        ],
        "region": [
            OutputGroup(region, str(count), False, count)
            for region, count in (("Ottawa", 61), ("Greater Toronto Area", 120), ("Other", 60))
        ],
        "language": [
            OutputGroup("English", "190", False, 190),
            OutputGroup("French", "51", False, 51),
        ],
    }
    labels = [
        ("learners_trained", "Learners trained"),
        ("completions", "Courses completed"),
        ("certificates", "Certificates issued"),
        ("sessions", "Training sessions held"),
        ("session_learners", "Learners who joined a training session"),
        ("events", "Knowledge-exchange events held"),
        ("event_attendance", "Knowledge-exchange event participants"),
    ]
    outputs = [
        OutputLine(
            key=key,
            label=label,
            definition="",
            count="241",
            suppressed=False,
            number=241,
            breakdowns=[(name, f"By {name}", rows) for name, rows in groups.items()],
        )
        for key, label in labels
    ]
    outcomes = [
        outcome(name, 0.5 + index / 25, suppressed=index == 3)
        for index, name in enumerate(LONG_NAMES)
    ]
    highlights = [
        "153 settlement workers trained; 88 sponsors trained; 12 certificates issued.",
        *[
            f"{round((0.5 + i / 25) * 100)}% (n = 40; 95% CI 40–60%) {name}."
            for i, name in enumerate(LONG_NAMES)
        ],
    ]
    return Overview(outputs=outputs, outcomes=outcomes, highlights=highlights)


def test_a_pilot_sized_overview_fits_in_two_pages(program):
    report = funder_report(filters=PERIOD, group_by="role", language="en", today=date(2026, 4, 2))
    report.overview = big_overview()

    pages = pages_text(render_funder_pdf(report, compress=False, invariant=True))

    first_detail = next(
        number for number, text in enumerate(pages, start=1) if "Each indicator in detail" in text
    )
    assert first_detail <= 4
    overview = " ".join(pages[1:3])
    assert "Learners trained" in overview
    assert (
        "By role: Settlement worker 153 · Sponsor or sponsor-group member 88 · "
        "Sponsorship Agreement Holder staff fewer than 5; By region: Ottawa 61" in overview
    )
    # The outcomes' and the outputs' charts are there, the hidden outcome as a labelled gap.
    assert "Learners who would recommend the course to a colleague fewer than 5" in overview
