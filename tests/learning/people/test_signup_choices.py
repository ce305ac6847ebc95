"""Sign-up records what the learner chose, never a default (issue 14): no role or region is
selected in advance, both are required, and the regions cover Canada."""

import pytest
from bs4 import BeautifulSoup

from learning.people.models import Profile, Region
from tests.learning.factories import ProfileFactory
from tests.learning.people.test_accounts import signup_data

pytestmark = pytest.mark.django_db


def select(response, name):
    return BeautifulSoup(response.content, "html.parser").find("select", attrs={"name": name})


@pytest.mark.parametrize(("language", "choose"), [("en", "Choose…"), ("fr", "Choisir…")])
def test_nothing_is_chosen_in_advance(client, home, language, choose):
    response = client.get(f"/{language}/accounts/signup/")

    for name in ("role", "region"):
        field = select(response, name)
        chosen = field.find("option", selected=True)
        first = field.find("option")
        assert first["value"] == "" and first.get_text() == choose
        assert chosen is None or chosen["value"] == ""


@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "This field is required."), ("fr", "Champ requis.")],
)
def test_a_learner_who_chooses_nothing_is_asked_to(client, home, language, message):
    response = client.post(f"/{language}/accounts/signup/", signup_data(role="", region=""))

    assert response.status_code == 200
    text = response.content.decode()
    assert text.count(message) >= 2
    assert not Profile.objects.exists()


def test_regions_are_ontarios_then_the_other_provinces_and_territories(client, home):
    field = select(client.get("/fr/accounts/signup/"), "region")
    groups = {
        group["label"]: [option["value"] for option in group.find_all("option")]
        for group in field.find_all("optgroup")
    }

    assert list(groups) == ["Ontario", "Autres provinces et territoires"]
    assert groups["Ontario"][:2] == ["gta", "ottawa"] and "ontario_other" in groups["Ontario"]
    assert {"bc", "ab", "sk", "mb", "qc", "nb", "ns", "pe", "nl", "yt", "nt", "nu"} == set(
        groups["Autres provinces et territoires"]
    )
    assert "elsewhere" not in str(field)
    assert "Québec" in field.get_text()


def test_a_province_is_recorded_as_chosen(client, home):
    response = client.post("/en/accounts/signup/", signup_data(region="qc"))
    assert response.status_code == 302
    assert Profile.objects.get().region == Region.QUEBEC


def test_an_earlier_elsewhere_stays_on_the_profile_until_changed(client, home):
    profile = ProfileFactory(region="elsewhere")
    client.force_login(profile.user)

    field = select(client.get("/en/learning/profile/"), "region")

    chosen = field.find("option", selected=True)
    assert chosen["value"] == "elsewhere"
    assert "no province given" in chosen.get_text()
