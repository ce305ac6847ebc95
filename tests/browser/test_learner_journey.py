import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from content.models import CoursePage
from learning.people.models import Cohort, Enrolment
from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_sponsor_signs_up_in_french_joins_a_cohort_and_earns_a_certificate(
    page, live_server, demo_site, tmp_path
):
    orientation = CoursePage.objects.get(audience="sponsors")
    today = timezone.localdate()
    cohort = Cohort.objects.create(
        course=orientation,
        name="Kingston — orientation des répondants",
        starts_on=today,
        ends_on=today + datetime.timedelta(days=14),
        organisation="KEYS",
        region="kingston",
    )

    page.goto(f"{live_server.url}/fr/accounts/signup/")
    assert_accessible(page)
    page.get_by_label("Courriel").fill("nadia@example.org")
    page.get_by_label(re.compile(r"^Mot de passe\s*:?$")).fill("une-phrase-de-passe-solide-2026")
    page.get_by_label("Mot de passe (confirmation)").fill("une-phrase-de-passe-solide-2026")
    page.get_by_label("Prénom").fill("Nadia")
    page.get_by_label("Nom de famille").fill("Haddad")
    page.get_by_label("Votre rôle").select_option("sponsor")
    page.get_by_label("Région").select_option("kingston")
    page.get_by_label("Oui, mes réponses peuvent servir").check()
    page.get_by_role("button", name="Création de compte").click()

    expect(page).to_have_url(re.compile(r"/fr/learning/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon apprentissage")
    assert_accessible(page)

    page.get_by_role("link", name="Rejoindre une séance de formation avec un code").click()
    page.get_by_label("Code d'accès").fill(cohort.code.lower())
    assert_accessible(page)
    page.get_by_role("button", name="Rejoindre").click()
    expect(page.locator(".messages")).to_contain_text("Vous avez rejoint")
    assert Enrolment.objects.get(user__email="nadia@example.org").cohort == cohort
    assert_accessible(page)

    # The course's path offers the pre-test first (issue 14); this learner goes straight to the
    # lessons, which the checklist links.
    enrolment = page.locator(".course__enrolment")
    expect(enrolment.locator(".course-path__next")).to_contain_text("Faire le prétest")
    enrolment.get_by_role("link", name="Les leçons").click()
    lesson_count = orientation.get_children().live().count()
    for number in range(1, lesson_count + 1):
        expect(page.locator(".lesson__position")).to_contain_text(f"Leçon {number} sur")
        if number == 1:
            assert_accessible(page)
        page.get_by_role("button", name="Marquer cette leçon comme terminée").click()
    expect(page.locator(".messages")).to_contain_text("Vous avez terminé le cours")

    page.get_by_role("link", name="Mon apprentissage").click()
    card = page.locator(".my-course")
    expect(card).to_contain_text(f"{lesson_count} leçons terminées sur {lesson_count} (100 %)")
    assert_accessible(page)

    with page.expect_download() as download_info:
        card.get_by_role("link", name="Télécharger mon attestation (PDF)").click()
    download = download_info.value
    pdf = tmp_path / "certificate.pdf"
    download.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    code = re.search(r"psr-learn-certificate-([A-Z0-9]+)\.pdf", download.suggested_filename)[1]

    page.goto(f"{live_server.url}/fr/verify/")
    page.get_by_label("Code de vérification").fill(code.lower())
    page.get_by_role("button", name="Vérifier").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Attestation valide")
    expect(page.locator("main")).to_contain_text("Nadia Haddad")
    expect(page.locator("main")).to_contain_text(orientation.title_fr)
    assert "nadia@example.org" not in page.content()
    assert_accessible(page)
