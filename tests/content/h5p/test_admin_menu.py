"""H5P packages have a sidebar item of their own, and say their language in words (issue 16)."""

import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from wagtail.users.models import UserProfile

from content.h5p.models import H5PPackage

pytestmark = pytest.mark.django_db

LIST_URL = "wagtailsnippets_content_h5ppackage:list"


def admin_as(client, user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)


def sidebar_items(html):
    """(label, url) of every item of the admin's sidebar, read from its JSON props."""
    soup = BeautifulSoup(html, "html.parser")
    props = json.loads(soup.select_one("#wagtail-sidebar-props").string)
    found = []

    def walk(node):
        if isinstance(node, dict):
            if node.get("_type", "").endswith("MenuItem") and "label" in node.get("_args", [{}])[0]:
                args = node["_args"][0]
                found.append((args["label"], args.get("url")))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(props)
    return found


@pytest.mark.parametrize(
    ("language", "label", "names"),
    [
        ("en", "H5P packages", ["English", "French", "Not stated"]),
        ("fr", "Paquets H5P", ["Anglais", "Français", "Not stated"]),
    ],
)
def test_packages_are_in_the_sidebar_with_readable_languages(
    client, trainer, language, label, names
):
    for title, code in [("Roles", "en"), ("Rôles", "fr"), ("Quiz", "und")]:
        H5PPackage.objects.create(
            title_en=title, title_fr=title, language=code, main_library="H5P.Blanks 1.14"
        )
    admin_as(client, trainer, language)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    items = sidebar_items(home)
    assert (label, reverse(LIST_URL)) in items, items

    listing = client.get(reverse(LIST_URL))
    cells = [td.get_text(strip=True) for td in BeautifulSoup(listing.content, "html.parser")("td")]
    for name in names:
        # The catalogue's word ("Non précisée" once the French is compiled in).
        with translation.override(language):
            assert gettext(name) in cells, cells
    assert "und" not in cells


def test_packages_are_no_longer_under_snippets(client, trainer):
    admin_as(client, trainer, "en")
    snippets = BeautifulSoup(client.get(reverse("wagtailsnippets:index")).content, "html.parser")
    listed = [a["href"] for a in snippets.select("main a[href]")]
    assert reverse("wagtailsnippets_content_h5prefusedstatement:list") in listed
    assert reverse(LIST_URL) not in listed


def test_the_inspect_view_names_the_language(client, trainer):
    package = H5PPackage.objects.create(
        title_en="Roles", title_fr="Rôles", language="und", main_library="H5P.Blanks 1.14"
    )
    admin_as(client, trainer, "fr")
    url = reverse("wagtailsnippets_content_h5ppackage:inspect", args=[package.pk])
    with translation.override("fr"):
        assert gettext("Not stated") in client.get(url).content.decode()


def test_the_inspect_view_reads_in_the_french_admin(client, trainer):
    package = H5PPackage.objects.create(
        title_en="Roles", title_fr="Rôles", language="en", main_library="H5P.Blanks 1.14"
    )
    admin_as(client, trainer, "fr")
    url = reverse("wagtailsnippets_content_h5ppackage:inspect", args=[package.pk])
    page = BeautifulSoup(client.get(url).content, "html.parser")
    shown = {
        " ".join(term.get_text().split()): " ".join(term.find_next_sibling("dd").get_text().split())
        for term in page.select("main dt")
    }
    assert shown["Titre (français)"] == "Rôles"
    assert shown["Titre (anglais)"] == "Roles"
    assert not [label for label in shown if "[en]" in label or "[fr]" in label], shown
    # No expected maximum yet, uploaded by nobody: a dash, not Python's "None".
    assert "None" not in shown.values(), shown
    # Its size in words, as the listing has it, not a bare number of bytes.
    assert "octet" in shown["Taille"], shown
