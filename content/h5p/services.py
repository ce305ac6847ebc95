"""Writes for H5P packages: upload (validate, unpack to storage, record) and delete.

Files go to the H5P storage (content/h5p/storage.py, never MEDIA_ROOT) under
``h5p/<storage_key>/``, with the content translated for other languages beside them
(localised.py); a cloud storage works as well as the local disk. A package that fails
any check leaves nothing behind: no row, and every file already written is deleted.
"""

import json
import logging
import posixpath
import tempfile

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .localised import localise
from .messages import render_issue
from .models import H5PPackage, H5PUserState, new_storage_key
from .package import Limits, PackageExtractionError, extract_package, validate_package
from .storage import delete_files, h5p_storage

logger = logging.getLogger(__name__)

CONTENT_JSON = "content/content.json"
# Chunks are gathered in memory up to this size per file, then on disk, before storage.save.
_SPOOL_SIZE = 8 * 1024 * 1024


class H5PPackageError(Exception):
    """The package was refused: every reason, each translated when read (``messages``)."""

    def __init__(self, issues=(), *, message=None):
        self.issues = list(issues)
        self.message = message
        super().__init__("; ".join(self.messages))

    @property
    def messages(self):
        """The reasons in the active language."""
        found = [render_issue(issue) for issue in self.issues]
        if self.message is not None:
            found.append(str(self.message))
        return found


def package_limits():
    return Limits(**getattr(settings, "H5P_LIMITS", {}))


def _dependencies(report):
    return {
        "preloaded": report.preloaded_dependencies,
        "libraries": sorted(report.libraries),
        "embed_types": report.embed_types,
    }


def _question_count(data):
    """A guess at the activity's maximum for the trainer to confirm: content.json's list of
    questions (Question Set and the like: usually one point each); None when there is none."""
    try:
        content = json.loads(data)
    except ValueError:
        return None
    questions = content.get("questions") if isinstance(content, dict) else None
    return len(questions) if isinstance(questions, list) and questions else None


class _StorageWriter:
    """extract_package's writer: each member to ``<prefix><path>`` in the H5P storage."""

    def __init__(self, prefix):
        self.prefix = prefix
        self.storage = h5p_storage()
        self.written = []
        self.size = 0
        self.suggested_max_score = None

    def __call__(self, path, chunks):
        name = self.prefix + path
        if posixpath.normpath(name) != name or not name.startswith(self.prefix):
            raise PackageExtractionError(f"Refused path {path!r}.")
        with tempfile.SpooledTemporaryFile(max_size=_SPOOL_SIZE) as spool:
            for chunk in chunks:
                spool.write(chunk)
                self.size += len(chunk)
            if path == CONTENT_JSON:
                spool.seek(0)
                self.suggested_max_score = _question_count(spool.read(_SPOOL_SIZE))
            spool.seek(0)
            saved = self.storage.save(name, File(spool, name=posixpath.basename(name)))
        self.written.append(saved)
        if saved != name:
            raise PackageExtractionError(f"Storage renamed {name!r} to {saved!r}.")


@transaction.atomic
def h5p_package_create(*, fileobj, title_en, title_fr, user=None, max_score=None):
    """Check and unpack a .h5p file (seekable, binary) and record it.

    Raises H5PPackageError with every issue found; nothing is stored then.
    """
    limits = package_limits()
    fileobj.seek(0)
    report = validate_package(fileobj, limits=limits)
    if not report.ok:
        raise H5PPackageError(report.issues)
    key = new_storage_key()
    writer = _StorageWriter(f"h5p/{key}/")
    try:
        extract_package(fileobj, report, writer)
        # The content types' strings for French pages (localised.py); never refuses a package.
        translated = localise([key])
        package = H5PPackage.objects.create(
            title_en=title_en or report.title or "",
            title_fr=title_fr or title_en or report.title or "",
            language=report.language or "",
            main_library=report.main_library or "",
            dependencies=_dependencies(report),
            storage_key=key,
            uploaded_by=user,
            size=writer.size + sum(translated),
            max_score=max_score,
            suggested_max_score=writer.suggested_max_score,
        )
    except PackageExtractionError as error:
        delete_files(writer.prefix, writer.written)
        if error.issue is not None:
            raise H5PPackageError([error.issue]) from error
        raise H5PPackageError(
            message=_("The package could not be unpacked. Check the file and upload it again.")
        ) from error
    except BaseException:
        delete_files(writer.prefix, writer.written)
        raise
    return package


@transaction.atomic
def h5p_package_delete(*, package):
    """Delete the package and, once that is committed, its files (models.py's post_delete
    receiver, which also covers deletions from the admin)."""
    package.delete()


@transaction.atomic
def h5p_package_update(*, package, title_en, title_fr):
    """Only the titles of a package change; its files never do."""
    package.title_en = title_en
    package.title_fr = title_fr
    package.save()
    return package


@transaction.atomic
def h5p_state_save(*, user, package, data):
    """Keep the player's state for this learner and package; None forgets it."""
    if data is None:
        H5PUserState.objects.filter(user=user, package=package).delete()
        return None
    state, _created = H5PUserState.objects.update_or_create(
        user=user, package=package, defaults={"data": data}
    )
    return state
