"""Issue 16: in the English and the French admin, every editor names a translated field's columns
in words, "Title (French)" / "Titre (français)", never modeltranslation's "Title [fr]"; the
quiz's course button is in the admin's language (content/admin_labels.py)."""

import html
import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.users.models import UserProfile

from tests.quizzes.factories import make_quiz, single

pytestmark = pytest.mark.django_db

# What the trainer reads, in the admin's language.
LABELS = {
    "en": {
        "quizzes_quiz": ["Title (English)", "Title (French)", "Label (French)"],
        "content_h5ppackage": ["Title (English)", "Title (French)"],
        "learning_cohort": ["Title (English)", "Title (French)"],
    },
    "fr": {
        "quizzes_quiz": ["Titre (anglais)", "Titre (français)", "Libellé (français)"],
        "content_h5ppackage": ["Titre (anglais)", "Titre (français)"],
        "learning_cohort": ["Titre (anglais)", "Titre (français)"],
    },
}


def labels_of(client, snippet):
    page = client.get(reverse(f"wagtailsnippets_{snippet}:add"))
    assert page.status_code == 200
    text = page.content.decode()
    # Read from the markup itself: the empty question, choice and meeting the editor copies
    # are inside nested <template> elements, which an HTML parser leaves out.
    found = re.findall(r"<label[^>]*>(.*?)</label>", text, flags=re.S)
    labels = {" ".join(html.unescape(re.sub(r"<[^>]+>", " ", label)).split()) for label in found}
    return text, labels


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("snippet", ["quizzes_quiz", "content_h5ppackage", "learning_cohort"])
def test_translated_fields_are_labelled_in_words_in_the_admins_language(
    client, trainer, language, snippet
):
    profile = UserProfile.get_for_user(trainer)
    profile.preferred_language = language
    profile.save()
    client.force_login(trainer)
    _html, labels = labels_of(client, snippet)
    for expected in LABELS[language][snippet]:
        assert any(label.startswith(expected) for label in labels), (expected, sorted(labels))
    assert not [label for label in labels if "[en]" in label or "[fr]" in label], labels


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_quizs_course_button_is_in_the_admins_language(client, trainer, language):
    profile = UserProfile.get_for_user(trainer)
    profile.preferred_language = language
    profile.save()
    client.force_login(trainer)
    html, _labels = labels_of(client, "quizzes_quiz")
    # Wagtail's "Choose a page (Course)" was English in the French admin.
    assert "Choose a page (" not in html
    if language == "en":
        assert "Choose a course" in html


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_quizs_read_only_page_reads_in_the_admins_language(client, trainer, language):
    quiz = make_quiz([single()], title_en="Pre-test", title_fr="Test préalable")
    profile = UserProfile.get_for_user(trainer)
    profile.preferred_language = language
    profile.save()
    client.force_login(trainer)
    page = client.get(reverse("wagtailsnippets_quizzes_quiz:inspect", args=[quiz.pk]))
    soup = BeautifulSoup(page.content, "html.parser")
    shown = {
        " ".join(term.get_text().split()): " ".join(term.find_next_sibling("dd").get_text().split())
        for term in soup.select("main dt")
    }
    french = LABELS[language]["quizzes_quiz"][1]
    assert shown[french] == "Test préalable", shown
    assert not [label for label in shown if "[en]" in label or "[fr]" in label], shown
    # Yes / No in the admin's language, a dash for what is not set: never Python's words.
    assert not {"True", "False", "None"} & set(shown.values()), shown
    no = {"en": "No", "fr": "Non"}[language]
    assert no in shown.values(), shown
