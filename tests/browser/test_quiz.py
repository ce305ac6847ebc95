import re

import pytest
from playwright.sync_api import expect

from quizzes.models import Answer, Attempt
from tests.browser.conftest import assert_accessible, session_cookies
from tests.learning.factories import ProfileFactory
from tests.quizzes.factories import make_quiz, multiple, role_assignment, single

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_learner_takes_a_quiz_in_french_with_autosave(page, live_server, demo_site):
    learner = ProfileFactory(preferred_language="fr").user
    quiz = make_quiz(
        [single(), multiple(partial=True), role_assignment()],
        title_fr="Qui fait quoi?",
        attempts_allowed=0,
    )
    page.goto(f"{live_server.url}/fr/accounts/login/")
    page.get_by_label("Courriel").fill(learner.email)
    page.get_by_label(re.compile(r"^Mot de passe")).fill("correct-horse-battery-staple")
    page.get_by_role("button", name="Connexion").click()
    expect(page).to_have_url(re.compile(r"/fr/learning/$"))

    page.goto(f"{live_server.url}/fr/quizzes/{quiz.slug}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Qui fait quoi?")
    assert_accessible(page)
    page.get_by_role("button", name="Commencer le questionnaire").click()
    # The autosave script is deferred: answers given before it listens go with the form only.
    expect(page.locator("form[data-autosave-ready]")).to_be_attached()
    expect(page.locator("fieldset.question")).to_have_count(3)

    first = page.locator("fieldset.question").nth(0)
    first.get_by_label("sponsor (fr)").check()
    expect(first.locator("[data-save-status]")).to_have_text("Enregistré")
    second = page.locator("fieldset.question").nth(1)
    second.get_by_label("language (fr)").check()
    expect(second.locator("[data-save-status]")).to_have_text("Enregistré")
    third = page.locator("fieldset.question").nth(2)
    for task, role in (
        ("financial-support (fr)", "Répondant"),
        ("needs-assessment (fr)", "Intervenant en établissement"),
        ("language-assessment (fr)", "Intervenant en établissement"),
        ("housing (fr)", "Responsabilité partagée"),
    ):
        third.get_by_label(task).select_option(label=role)
    expect(third.locator("[data-save-status]")).to_have_text("Enregistré")
    assert_accessible(page)

    # Saved on the server before any submit: a reload shows the answers.
    page.reload()
    expect(page.locator("fieldset.question").nth(0).get_by_label("sponsor (fr)")).to_be_checked()

    page.get_by_role("button", name="Envoyer le questionnaire").click()
    expect(page).to_have_url(re.compile(r"/result/$"))
    expect(page.locator(".result-summary")).to_contain_text("6 sur 7 (86 %)")
    expect(page.locator(".result-list")).to_contain_text("Réponse en partie juste")
    assert_accessible(page)
    assert Attempt.objects.get().passed is True


def test_autosave_retries_until_the_server_is_back(page, live_server, demo_site):
    """The connection drops, then the server answers 503 while it restarts: each answer says
    it is not saved yet and is saved once the server is back, with nothing lost (issue 10)."""
    learner = ProfileFactory(preferred_language="fr").user
    quiz = make_quiz([single(), single(code="meet-early", correct="yes", others=("no",))])
    page.context.add_cookies(session_cookies(learner, live_server.url))
    page.goto(f"{live_server.url}/fr/quizzes/{quiz.slug}/")
    page.get_by_role("button", name="Commencer le questionnaire").click()
    # The autosave script is deferred: answers given before it listens go with the form only.
    expect(page.locator("form[data-autosave-ready]")).to_be_attached()
    first, second = (
        page.locator("fieldset.question").nth(0),
        page.locator("fieldset.question").nth(1),
    )

    def refused(route):
        route.abort("connectionrefused")

    def unavailable(route):
        route.fulfill(status=503, headers={"Retry-After": "1"}, body="")

    # The server is unreachable.
    page.route("**/api/v1/attempts/**", refused)
    first.get_by_label("sponsor (fr)").check()
    # 15 s, as every action here: the autosave waits for a pause in typing, then for the
    # refused request (the 5 s default failed once on a loaded CI machine).
    expect(first.locator("[data-save-status]")).to_have_text(
        "Pas encore enregistré — nouvel essai…", timeout=15_000
    )
    assert_accessible(page)
    # Then it answers, but is not ready yet. The new route goes in before the old one goes,
    # so no retry slips through to the server between the two.
    page.route("**/api/v1/attempts/**", unavailable)
    page.unroute("**/api/v1/attempts/**", refused)
    second.get_by_label("yes (fr)").check()
    expect(second.locator("[data-save-status]")).to_have_text(
        "Pas encore enregistré — nouvel essai…", timeout=15_000
    )
    assert not Answer.objects.exists()

    # Back: both answers are saved by their retries, without the learner doing anything.
    page.unroute("**/api/v1/attempts/**")
    expect(first.locator("[data-save-status]")).to_have_text("Enregistré", timeout=35_000)
    expect(second.locator("[data-save-status]")).to_have_text("Enregistré", timeout=35_000)
    assert sorted(Answer.objects.values_list("choice_code", flat=True)) == ["sponsor", "yes"]
