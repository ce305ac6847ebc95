"""Extension points (learning/extensions.py) and who answers them (README, Architecture)."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from content import extensions as content_extensions
from learning.extensions import Hook, Provider
from learning.people import extensions as people_extensions
from learning.people.selectors import learner_catalogue
from learning.plans import privacy as plan_privacy
from learning.progress import privacy as progress_privacy
from learning.progress.selectors import course_progress
from learning.progress.services import attempt_submitted_refresh
from quizzes import extensions as quiz_extensions
from quizzes import privacy as quiz_privacy


def test_a_hook_calls_every_receiver_in_order_once():
    hook = Hook("example", arguments=("user",))
    calls = []
    first = hook.register(lambda *, user: calls.append(("first", user)) or 1)
    hook.register(lambda *, user: calls.append(("second", user)) or 2)
    hook.register(first)  # registering again changes nothing

    assert hook(user="amina") == [1, 2]
    assert calls == [("first", "amina"), ("second", "amina")]


def test_a_hook_refuses_arguments_it_does_not_declare():
    hook = Hook("example", arguments=("user",))
    with pytest.raises(TypeError, match="example"):
        hook(person="amina")


def test_a_provider_answers_with_its_default_until_one_is_registered():
    provider = Provider("example", arguments=("course",), default=lambda *, course: None)
    assert provider(course=1) is None

    def implementation(*, course):
        return f"progress in {course}"

    provider.register(implementation)
    assert provider(course=1) == "progress in 1"
    provider.register(implementation)  # the same one again is fine

    with pytest.raises(ImproperlyConfigured, match="already provided"):
        provider.register(lambda *, course: "another")


def test_the_apps_register_what_the_readme_says():
    assert content_extensions.catalogue_context.implementation is learner_catalogue
    assert content_extensions.course_progress.implementation is course_progress
    assert attempt_submitted_refresh in quiz_extensions.attempt_submitted.receivers
    sections = people_extensions.privacy_export_sections.receivers
    assert progress_privacy.lesson_progress_section in sections
    assert progress_privacy.certificates_section in sections
    assert quiz_privacy.quiz_attempts_section in sections
    deleting = people_extensions.account_deleting.receivers
    assert deleting == (
        progress_privacy.certificates_deleted,
        plan_privacy.action_plans_leaving,
        quiz_privacy.attempts_deleting,
    )
    assert plan_privacy.action_plans_section in sections


@pytest.mark.django_db
def test_content_pages_serve_without_the_learner_layers(client, lessons, monkeypatch):
    """Content alone: the course page shows the outline a visitor sees, no progress."""
    course = lessons[0].get_parent().specific
    monkeypatch.setattr(content_extensions.course_progress, "_receivers", [])
    monkeypatch.setattr(content_extensions.catalogue_context, "_receivers", [])

    response = client.get(course.url)
    assert response.status_code == 200
    assert response.context["progress"] is None
    assert [lesson.pk for lesson in response.context["lessons"]] == [
        lesson.pk for lesson in lessons
    ]
    assert client.get(lessons[0].url).status_code == 200
