"""A package's files, under ``h5p/<storage_key>/`` in the H5P storage.

Never default storage: whatever serves MEDIA_URL (nginx, a bucket's public URLs) would serve
a package's SVG or XML as a page of the site, scripts and all. The only way to them is the
sandboxed /h5p-content/ view (content/h5p/views.py). H5P_STORAGE (a STORAGES-style dict, e.g.
a private bucket) overrides the default, a folder at H5P_ROOT outside MEDIA_ROOT.
"""

import logging
import shutil

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage, storages

logger = logging.getLogger(__name__)

PREFIX = "h5p/"


def h5p_storage():
    # Built on each call: cheap, and tests change H5P_ROOT per test.
    options = getattr(settings, "H5P_STORAGE", None)
    if options:
        return storages.create_storage(options)
    return FileSystemStorage(location=settings.H5P_ROOT, base_url=None)


def storage_files(prefix, storage=None):
    """Every file stored under ``prefix`` (which ends with "/"), recursively."""
    storage = storage or h5p_storage()
    try:
        directories, files = storage.listdir(prefix)
    except (FileNotFoundError, NotADirectoryError):
        return []
    found = [prefix + name for name in files]
    for directory in directories:
        found += storage_files(f"{prefix}{directory}/", storage)
    return found


def delete_files(prefix, names=(), storage=None):
    storage = storage or h5p_storage()
    for name in set(names) | set(storage_files(prefix, storage)):
        try:
            storage.delete(name)
        except Exception:  # noqa: BLE001 - clean up as much as possible
            logger.exception("h5p: could not delete %s", name)
    # On a local disk the (now empty) folders remain: remove them too.
    try:
        path = storage.path(prefix)
    except NotImplementedError:
        return
    shutil.rmtree(path, ignore_errors=True)


def move_from_default_storage(keys):
    """Move the files of packages unpacked before the H5P storage existed (under ``h5p/`` in
    default storage, so in MEDIA_ROOT) to it; idempotent. Returns how many files moved."""
    target = h5p_storage()
    moved = 0
    for key in keys:
        prefix = f"{PREFIX}{key}/"
        for name in storage_files(prefix, default_storage):
            if not target.exists(name):
                with default_storage.open(name, "rb") as fileobj:
                    saved = target.save(name, fileobj)
                if saved != name:
                    raise RuntimeError(f"H5P storage renamed {name!r} to {saved!r}")
            moved += 1
        delete_files(prefix, storage=default_storage)
    return moved
