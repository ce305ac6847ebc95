import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_visitor_reads_a_course_in_french(page, live_server, demo_site):
    page.goto(f"{live_server.url}/en/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("PSR Learn")
    assert_accessible(page)

    page.get_by_role("navigation", name="Language").get_by_role("link", name="Français").click()
    expect(page).to_have_url(re.compile(r"/fr/$"))
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    assert_accessible(page)

    page.get_by_role("link", name=re.compile("Je suis répondant")).click()
    expect(page).to_have_url(re.compile(r"/fr/cours/\?audience=sponsors$"))
    assert_accessible(page)
    page.locator(".course-card__title a").first.click()
    expect(page.get_by_role("heading", name="Leçons")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Commencer le cours").click()
    expect(page.locator(".lesson__position")).to_contain_text("Leçon 1 sur")
    assert_accessible(page)

    # The switcher goes to the same lesson in English, at its English address.
    french_title = page.get_by_role("heading", level=1).inner_text()
    page.get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(re.compile(r"/en/courses/[a-z-]+/[a-z-]+/$"))
    assert page.get_by_role("heading", level=1).inner_text() != french_title
    assert_accessible(page)
