"""Fixtures for the Django side of H5P: a throw-away media root and built packages."""

import pytest
from django.contrib.auth.models import Group

from learning.roles import TRAINERS
from tests.content.h5p.builder import build_package


@pytest.fixture
def media_root(settings, tmp_path):
    """Fresh folders per test: MEDIA_ROOT, and H5P_ROOT beside it where packages are unpacked
    (h5p_root)."""
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = str(root)
    settings.H5P_ROOT = tmp_path / "h5p-files"
    return root


@pytest.fixture
def h5p_root(media_root, settings):
    return settings.H5P_ROOT


def stored_files(root):
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


@pytest.fixture
def package_file(tmp_path):
    return build_package(tmp_path, name="simple-question.h5p")


@pytest.fixture
def broken_package_file(tmp_path):
    """Three problems at once: a path outside the package, an .exe, no title."""
    return build_package(
        tmp_path,
        name="broken.h5p",
        extra_members=[("../evil.js", b"x"), ("content/evil.exe", b"x")],
        mutate=lambda spec: spec.h5p.pop("title"),
    )


@pytest.fixture
def h5p_package(db, media_root, package_file):
    from content.h5p.services import h5p_package_create

    with open(package_file, "rb") as fileobj:
        return h5p_package_create(
            fileobj=fileobj, title_en="Sponsorship undertaking", title_fr="L'engagement"
        )


@pytest.fixture
def trainer(django_user_model):
    user = django_user_model.objects.create_user("trainer", "trainer@example.org", "pw")
    user.groups.add(Group.objects.get(name=TRAINERS))
    return user
