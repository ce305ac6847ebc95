"""A package's files in default storage, under ``h5p/<storage_key>/``."""

import logging
import shutil

from django.core.files.storage import default_storage

logger = logging.getLogger(__name__)


def storage_files(prefix):
    """Every file stored under ``prefix`` (which ends with "/"), recursively."""
    try:
        directories, files = default_storage.listdir(prefix)
    except (FileNotFoundError, NotADirectoryError):
        return []
    found = [prefix + name for name in files]
    for directory in directories:
        found += storage_files(f"{prefix}{directory}/")
    return found


def delete_files(prefix, names=()):
    for name in set(names) | set(storage_files(prefix)):
        try:
            default_storage.delete(name)
        except Exception:  # noqa: BLE001 - clean up as much as possible
            logger.exception("h5p: could not delete %s", name)
    # On a local disk the (now empty) folders remain: remove them too.
    try:
        path = default_storage.path(prefix)
    except NotImplementedError:
        return
    shutil.rmtree(path, ignore_errors=True)
