"""A lesson's H5P block with "score this activity" ticked gets its quiz when saved (issue 16)."""

import pytest
from django.urls import reverse
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from content import extensions
from content.blocks import H5PBlock
from content.h5p.models import H5PPackage
from content.models import LessonPage
from quizzes.models import Quiz, QuizKind
from quizzes.services import attempt_record_external, external_quiz_for_package

pytestmark = pytest.mark.django_db


@pytest.fixture
def package():
    return H5PPackage.objects.create(
        title_en="Who does what",
        title_fr="Qui fait quoi",
        language="en",
        main_library="H5P.Blanks 1.14",
    )


def h5p_block(package, *, score, quiz=None):
    value = {"package": package.pk, "quiz": quiz.pk if quiz else "", "required": "on"}
    if score:
        value["score"] = "on"
    return ("h5p", value)


def lesson_data(package, **block):
    return nested_form_data(
        {
            "title_en": "Roles",
            "title_fr": "Les rôles",
            "slug_en": "roles",
            "slug_fr": "les-roles",
            "seo_title_en": "",
            "seo_title_fr": "",
            "search_description_en": "",
            "search_description_fr": "",
            "summary_en": "Who does what.",
            "summary_fr": "Qui fait quoi.",
            "estimated_minutes": 20,
            "body_en": streamfield(
                [("paragraph", rich_text("Roles.")), h5p_block(package, **block)]
            ),
            "body_fr": streamfield(
                [("paragraph", rich_text("Rôles.")), h5p_block(package, **block)]
            ),
            "comments": inline_formset([]),
        }
    )


def saved_blocks(lesson):
    draft = LessonPage.objects.get(pk=lesson.pk).get_latest_revision_as_object()
    return [
        block.value
        for stream in (draft.body_en, draft.body_fr)
        for block in stream
        if block.block_type == "h5p"
    ]


def test_ticking_score_makes_and_links_a_quiz_through_the_admin(client, trainer, course, package):
    client.force_login(trainer)
    url = reverse("wagtailadmin_pages:add", args=["content", "lessonpage", course.pk])
    response = client.post(url, lesson_data(package, score=True))
    assert response.status_code == 302, response.content.decode()[:3000]
    lesson = LessonPage.objects.get(slug_en="roles")
    blocks = saved_blocks(lesson)
    quiz = Quiz.objects.get(slug=f"h5p-activity-{package.pk}")
    # Both streams show the package: both record in the same quiz, made once.
    assert [block["quiz"] for block in blocks] == [quiz, quiz]
    assert quiz.kind == QuizKind.KNOWLEDGE_CHECK
    assert (quiz.title_en, quiz.title_fr) == ("Who does what", "Qui fait quoi")
    assert quiz.questions.get().is_scored

    # Saved again, the block keeps its quiz; no second quiz is made.
    edit = reverse("wagtailadmin_pages:edit", args=[lesson.pk])
    assert client.get(edit).status_code == 200
    response = client.post(edit, lesson_data(package, score=True))
    assert response.status_code == 302
    assert Quiz.objects.filter(slug__startswith="h5p-activity-").count() == 1


def test_a_quiz_chosen_by_hand_is_kept(client, trainer, course, package):
    chosen = Quiz.objects.create(title="Hand-made", slug="hand-made")
    client.force_login(trainer)
    url = reverse("wagtailadmin_pages:add", args=["content", "lessonpage", course.pk])
    response = client.post(url, lesson_data(package, score=True, quiz=chosen))
    assert response.status_code == 302
    blocks = saved_blocks(LessonPage.objects.get(slug_en="roles"))
    assert [block["quiz"] for block in blocks] == [chosen, chosen]
    assert not Quiz.objects.filter(slug__startswith="h5p-activity-").exists()


def test_unticked_no_quiz_is_made(client, trainer, course, package):
    client.force_login(trainer)
    url = reverse("wagtailadmin_pages:add", args=["content", "lessonpage", course.pk])
    assert client.post(url, lesson_data(package, score=False)).status_code == 302
    assert [block["quiz"] for block in saved_blocks(LessonPage.objects.get(slug_en="roles"))] == [
        None,
        None,
    ]
    assert not Quiz.objects.exists()


def test_the_made_quiz_takes_the_activitys_score(learner, package):
    quiz = external_quiz_for_package(package=package)
    attempt = attempt_record_external(user=learner, quiz=quiz, raw=4, maximum=5, source="h5p")
    assert attempt is not None
    assert attempt.percent == 80
    assert attempt.passed


def test_without_a_quiz_engine_the_block_says_it_cannot_score(package):
    implementation = extensions.h5p_scoring_quiz.implementation
    extensions.h5p_scoring_quiz.unregister(implementation)
    try:
        block = H5PBlock()
        value = block.to_python({"package": package.pk, "score": True, "quiz": None})
        with pytest.raises(StructBlockValidationError) as refused:
            block.clean(value)
        assert "cannot be scored" in str(refused.value.block_errors["score"])
    finally:
        extensions.h5p_scoring_quiz.register(implementation)


def test_a_learner_opening_the_activitys_quiz_is_told_to_do_the_activity(
    client, package, django_user_model
):
    quiz = external_quiz_for_package(package=package)
    learner = django_user_model.objects.create_user("amira", "amira@example.org", "pw")
    client.force_login(learner)
    page = client.get(reverse("quiz_detail", args=[quiz.slug])).content.decode()
    assert "do the activity in its lesson" in page
    assert reverse("quiz_start", args=[quiz.slug]) not in page
    # A forged start is refused, with the same words, and starts nothing.
    refused = client.post(reverse("quiz_start", args=[quiz.slug]))
    assert refused.status_code == 409
    assert "do the activity in its lesson" in refused.content.decode()
    assert not quiz.attempts.exists()
    # The activity still records its score through its own path.
    attempt = attempt_record_external(user=learner, quiz=quiz, raw=3, maximum=4, source="h5p")
    assert attempt is not None and attempt.percent == 75
