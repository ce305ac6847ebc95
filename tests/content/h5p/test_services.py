"""Uploading, importing and deleting H5P packages: storage and database stay consistent."""

import io
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import translation

from content.h5p.messages import TEMPLATES
from content.h5p.models import H5PPackage
from content.h5p.package import MESSAGES
from content.h5p.services import H5PPackageError, h5p_package_create, h5p_package_delete
from tests.content.h5p.builder import LIBRARY
from tests.content.h5p.conftest import stored_files

pytestmark = pytest.mark.django_db


def test_messages_module_repeats_every_validator_template():
    assert TEMPLATES == MESSAGES


def test_valid_package_is_unpacked_under_an_unguessable_key(h5p_root, package_file, trainer):
    with open(package_file, "rb") as fileobj:
        package = h5p_package_create(
            fileobj=fileobj, title_en="Undertaking", title_fr="Engagement", user=trainer
        )
    assert len(package.storage_key) == 32
    int(package.storage_key, 16)
    assert (package.title_en, package.title_fr) == ("Undertaking", "Engagement")
    assert package.language == "en"
    assert package.main_library == "PSRLearn.SimpleQuestion-1.0"
    assert package.dependencies["libraries"] == [LIBRARY]
    assert package.uploaded_by == trainer
    files = stored_files(h5p_root)
    prefix = f"h5p/{package.storage_key}/"
    assert f"{prefix}h5p.json" in files
    assert f"{prefix}content/content.json" in files
    assert f"{prefix}{LIBRARY}/simple-question.js" in files
    assert all(name.startswith(prefix) for name in files)
    assert package.size == sum((h5p_root / name).stat().st_size for name in files)


def test_title_defaults_to_the_package_title(h5p_root, package_file):
    with open(package_file, "rb") as fileobj:
        package = h5p_package_create(fileobj=fileobj, title_en="", title_fr="")
    assert package.title_en == package.title_fr == "Sponsorship undertaking"


def test_invalid_package_raises_every_issue_and_stores_nothing(h5p_root, broken_package_file):
    with open(broken_package_file, "rb") as fileobj, pytest.raises(H5PPackageError) as caught:
        h5p_package_create(fileobj=fileobj, title_en="x", title_fr="x")
    assert [issue.code for issue in caught.value.issues] == [
        "path_traversal",
        "disallowed_extension",
        "missing_field",
    ]
    assert len(caught.value.messages) == 3
    assert not H5PPackage.objects.exists()
    assert stored_files(h5p_root) == []


def test_messages_follow_the_active_language(h5p_root, broken_package_file):
    with open(broken_package_file, "rb") as fileobj, pytest.raises(H5PPackageError) as caught:
        h5p_package_create(fileobj=fileobj, title_en="x", title_fr="x")
    issue = caught.value.issues[0]
    with translation.override("fr"):
        french = caught.value.messages
        expected = translation.gettext(MESSAGES[issue.code]).format(path=issue.path)
    assert french[0] == expected


def test_failure_while_unpacking_removes_what_was_written(h5p_root, package_file):
    from content.h5p import services

    real_writer = services._StorageWriter

    class FailingWriter(real_writer):
        def __call__(self, path, chunks):
            super().__call__(path, chunks)
            if len(self.written) == 2:
                raise OSError("disk full")

    with (
        mock.patch.object(services, "_StorageWriter", FailingWriter),
        open(package_file, "rb") as fileobj,
        pytest.raises(OSError),
    ):
        h5p_package_create(fileobj=fileobj, title_en="x", title_fr="x")
    assert not H5PPackage.objects.exists()
    assert stored_files(h5p_root) == []


def test_database_failure_removes_the_files(h5p_root, package_file):
    with (
        mock.patch.object(H5PPackage.objects, "create", side_effect=RuntimeError("db down")),
        open(package_file, "rb") as fileobj,
        pytest.raises(RuntimeError),
    ):
        h5p_package_create(fileobj=fileobj, title_en="x", title_fr="x")
    assert stored_files(h5p_root) == []


def test_extraction_error_is_reported_as_a_package_error(h5p_root, package_file):
    from content.h5p.package import PackageExtractionError, ValidationIssue

    issue = ValidationIssue("corrupt_member", "content/content.json")
    with (
        mock.patch(
            "content.h5p.services.extract_package",
            side_effect=PackageExtractionError("bad", issue),
        ),
        open(package_file, "rb") as fileobj,
        pytest.raises(H5PPackageError) as caught,
    ):
        h5p_package_create(fileobj=fileobj, title_en="x", title_fr="x")
    assert caught.value.issues == [issue]
    assert not H5PPackage.objects.exists()


def test_limits_come_from_settings(settings, h5p_root, package_file):
    settings.H5P_LIMITS = {**settings.H5P_LIMITS, "max_members": 2}
    with open(package_file, "rb") as fileobj, pytest.raises(H5PPackageError) as caught:
        h5p_package_create(fileobj=fileobj, title_en="x", title_fr="x")
    assert [issue.code for issue in caught.value.issues] == ["too_many_members"]


def test_not_a_zip(h5p_root):
    with pytest.raises(H5PPackageError) as caught:
        h5p_package_create(fileobj=io.BytesIO(b"not a zip"), title_en="x", title_fr="x")
    assert [issue.code for issue in caught.value.issues] == ["not_a_zip"]


def test_delete_removes_the_files(h5p_root, h5p_package, django_capture_on_commit_callbacks):
    (h5p_root / "keep.txt").write_text("unrelated files stay")
    assert len(stored_files(h5p_root)) > 1
    with django_capture_on_commit_callbacks(execute=True):
        h5p_package_delete(package=h5p_package)
    assert not H5PPackage.objects.exists()
    assert stored_files(h5p_root) == ["keep.txt"]
    assert not (h5p_root / "h5p" / h5p_package.storage_key).exists()


def test_delete_rolled_back_keeps_the_files(
    h5p_root, h5p_package, django_capture_on_commit_callbacks
):
    before, pk = stored_files(h5p_root), h5p_package.pk
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        h5p_package_delete(package=h5p_package)
        raise RuntimeError("rolled back")
    assert H5PPackage.objects.filter(pk=pk).exists()
    assert stored_files(h5p_root) == before


def test_import_command_prints_the_new_id(h5p_root, package_file):
    out = io.StringIO()
    call_command(
        "h5p_import", str(package_file), "--title-en", "Undertaking", "--title-fr", "Engagement",
        stdout=out,
    )  # fmt: skip
    package = H5PPackage.objects.get()
    assert out.getvalue().strip() == str(package.pk)
    assert (package.title_en, package.title_fr) == ("Undertaking", "Engagement")


def test_import_command_prints_the_errors_and_fails(h5p_root, broken_package_file):
    err = io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("h5p_import", str(broken_package_file), stderr=err)
    assert "3 problems" in str(caught.value)
    lines = err.getvalue().strip().splitlines()
    assert len(lines) == 3
    assert "../evil.js" in lines[0]
    assert not H5PPackage.objects.exists()
    assert stored_files(h5p_root) == []


def test_import_command_exits_non_zero(h5p_root, broken_package_file, tmp_path):
    import subprocess
    import sys

    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "h5p_import", str(tmp_path / "missing.h5p")],
        capture_output=True,
        text=True,
        check=False,
        env={"DJANGO_SETTINGS_MODULE": "learning.settings.test", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode != 0
    assert "missing.h5p" in result.stderr
