"""H5P packages in the Wagtail admin: upload through the real form, permissions, titles."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.users.models import UserProfile

from content.h5p.models import H5PPackage
from learning.roles import PROGRAM_LEADS
from tests.content.h5p.conftest import stored_files

pytestmark = pytest.mark.django_db

ADD_URL = "wagtailsnippets_content_h5ppackage:add"
LIST_URL = "wagtailsnippets_content_h5ppackage:list"
EDIT_URL = "wagtailsnippets_content_h5ppackage:edit"


def upload(path, name=None):
    return SimpleUploadedFile(name or path.name, path.read_bytes(), "application/zip")


def post_package(client, path, **fields):
    data = {"title_en": "Sponsorship undertaking", "title_fr": "L'engagement de parrainage"}
    data.update(fields)
    return client.post(reverse(ADD_URL), {**data, "package": upload(path)})


def error_texts(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [error.get_text(" ", strip=True) for error in soup.select(".error-message")]


# The catalogue's French (the validator's messages are marked in content/h5p/messages.py).
FRENCH = {
    "path_traversal": "Le nom de fichier ../evil.js pointe hors du paquet (il contient « .. »), "
    "ce qui n'est pas permis.",
    "missing_field": "Le champ obligatoire title est absent de h5p.json.",
}


def test_trainer_uploads_a_package_through_the_admin(client, trainer, h5p_root, package_file):
    client.force_login(trainer)
    response = client.get(reverse(ADD_URL))
    assert response.status_code == 200
    assert 'type="file"' in response.content.decode()
    response = post_package(client, package_file)
    assert response.status_code == 302, error_texts(response)
    package = H5PPackage.objects.get()
    assert package.title_en == "Sponsorship undertaking"
    assert package.title_fr == "L'engagement de parrainage"
    assert package.uploaded_by == trainer
    assert f"h5p/{package.storage_key}/h5p.json" in stored_files(h5p_root)
    listing = client.get(reverse(LIST_URL))
    assert "Sponsorship undertaking" in listing.content.decode()


def test_invalid_package_lists_every_problem_and_keeps_nothing(
    client, trainer, h5p_root, broken_package_file
):
    client.force_login(trainer)
    response = post_package(client, broken_package_file)
    assert response.status_code == 200
    errors = " ".join(error_texts(response))
    assert "../evil.js" in errors
    assert "content/evil.exe" in errors
    assert "title" in errors
    assert not H5PPackage.objects.exists()
    assert stored_files(h5p_root) == []


def test_problems_show_in_french_for_a_french_trainer(
    client, trainer, h5p_root, broken_package_file
):
    profile = UserProfile.get_for_user(trainer)
    profile.preferred_language = "fr"
    profile.save()
    client.force_login(trainer)
    response = post_package(client, broken_package_file)
    assert response.status_code == 200
    assert BeautifulSoup(response.content, "html.parser").html["lang"] == "fr"
    errors = " ".join(error_texts(response))
    for message in FRENCH.values():
        assert message in errors
    assert "content/evil.exe" in errors
    assert not H5PPackage.objects.exists()
    assert stored_files(h5p_root) == []


def test_too_large_upload_is_refused(client, trainer, h5p_root, package_file, settings):
    settings.H5P_MAX_UPLOAD_SIZE = 100
    client.force_login(trainer)
    response = post_package(client, package_file)
    assert response.status_code == 200
    assert any("too large" in error for error in error_texts(response))
    assert not H5PPackage.objects.exists()
    assert stored_files(h5p_root) == []


def test_only_h5p_files(client, trainer, h5p_root, package_file):
    client.force_login(trainer)
    response = client.post(
        reverse(ADD_URL),
        {"title_en": "x", "title_fr": "x", "package": upload(package_file, "notes.zip")},
    )
    assert response.status_code == 200
    assert any(".h5p" in error for error in error_texts(response))
    assert not H5PPackage.objects.exists()


def test_without_upload_permission_there_is_no_upload(
    client, django_user_model, h5p_root, package_file
):
    lead = django_user_model.objects.create_user("lead", "lead@example.org", "pw")
    lead.groups.add(Group.objects.get(name=PROGRAM_LEADS))
    client.force_login(lead)
    assert client.get(reverse(LIST_URL)).status_code == 200
    assert "Upload H5P package" not in client.get(reverse(LIST_URL)).content.decode()
    response = client.get(reverse(ADD_URL))
    assert response.status_code in (302, 403)
    response = post_package(client, package_file)
    assert response.status_code in (302, 403)
    assert not H5PPackage.objects.exists()
    assert stored_files(h5p_root) == []


def test_change_permission_alone_cannot_upload(client, django_user_model, h5p_root, package_file):
    from django.contrib.auth.models import Permission

    editor = django_user_model.objects.create_user("editor", "editor@example.org", "pw")
    editor.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="change_h5ppackage"),
    )
    client.force_login(editor)
    response = post_package(client, package_file)
    assert response.status_code in (302, 403)
    assert not H5PPackage.objects.exists()


def test_edit_changes_only_the_titles(client, trainer, h5p_package, h5p_root, tmp_path):
    from tests.content.h5p.builder import build_package

    client.force_login(trainer)
    url = reverse(EDIT_URL, args=[h5p_package.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'type="file"' not in page.content.decode()
    before = stored_files(h5p_root)
    other = build_package(tmp_path, name="other.h5p", mutate=lambda s: s.h5p.update(language="fr"))
    response = client.post(
        url,
        {
            "title_en": "New title",
            "title_fr": "Nouveau titre",
            "language": "fr",
            "main_library": "Evil.Library-1.0",
            "storage_key": "0" * 32,
            "package": upload(other),
        },
    )
    assert response.status_code == 302, error_texts(response)
    h5p_package.refresh_from_db()
    assert (h5p_package.title_en, h5p_package.title_fr) == ("New title", "Nouveau titre")
    assert h5p_package.language == "en"
    assert h5p_package.main_library == "PSRLearn.SimpleQuestion-1.0"
    assert h5p_package.storage_key != "0" * 32
    assert stored_files(h5p_root) == before


def test_delete_through_the_admin_removes_the_files(
    client, trainer, h5p_package, h5p_root, django_capture_on_commit_callbacks
):
    client.force_login(trainer)
    url = reverse("wagtailsnippets_content_h5ppackage:delete", args=[h5p_package.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    assert not H5PPackage.objects.exists()
    assert stored_files(h5p_root) == []
