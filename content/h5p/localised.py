"""A package's content as readers of another language get it.

A content type's interface strings ("Check", "Retry", "True"/"False") are parameters of the
content, so a package authored in English shows them in English on French pages. When the
package is stored, its content.json is walked with its libraries' semantics.json and
``language/<lang>.json`` (package/translate.py) and, where an English default changes, kept as
``h5p/<key>/_l10n/<lang>/content.json``: no package member is ever stored there, since
extraction skips every path with a part starting with "_".

The player is pointed at ``/h5p-content/<key>/_l10n/<lang>`` as its content folder
(h5p-standalone's ``contentJsonPath``): there content.json is the translated one, falling back
to the authored one (no language file, a package written in that language), and every other
file is content/'s, since H5P finds a content's images and media from the same folder.
"""

import json
import logging

from django.conf import settings
from django.core.files.base import ContentFile

from .package import Limits, content_language, main_library_key, translate_content
from .storage import PREFIX, h5p_storage

logger = logging.getLogger(__name__)

FOLDER = "_l10n"
CONTENT_JSON = "content/content.json"
# The language of semantics.json's defaults: H5P libraries are written in English.
SOURCE_LANGUAGE = "en"


def translated_languages():
    """The site's languages other than the one H5P libraries are written in."""
    return [code for code, _name in settings.LANGUAGES if code != SOURCE_LANGUAGE]


def stored_names(key, path):
    """The storage names to try, in order, for ``path`` under a package's URL: the package's
    own file, or for ``_l10n/<lang>/…`` the translated content.json then content/'s files."""
    prefix = f"{PREFIX}{key}/"
    parts = path.split("/", 2)
    if parts[0] != FOLDER:
        return [prefix + path]
    if len(parts) < 3 or parts[1] not in translated_languages():
        return []
    if parts[2] == "content.json":
        return [prefix + path, prefix + CONTENT_JSON]
    return [f"{prefix}content/{parts[2]}"]


def _read_json(storage, name):
    """A stored JSON file, None when it is missing, too large or not JSON. The package's
    JSON files were all parsed once under the same size limit when it was uploaded."""
    limit = Limits(**getattr(settings, "H5P_LIMITS", {})).max_json_size
    try:
        with storage.open(name, "rb") as fileobj:
            data = fileobj.read(limit + 1)
        if len(data) > limit:
            return None
        return json.loads(data.decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        return None


def _loader(storage, prefix, language):
    def load(key):
        machine_name = key.rsplit("-", 1)[0]
        for folder in (key, machine_name):  # a library's folder may omit its version
            semantics = _read_json(storage, f"{prefix}{folder}/semantics.json")
            if semantics is not None:
                strings = _read_json(storage, f"{prefix}{folder}/language/{language}.json")
                return semantics, strings.get("semantics") if isinstance(strings, dict) else None
        return None

    return load


def localise_package(key, language, storage=None):
    """Write the package's content.json for readers of ``language``, or remove it when it
    would be the authored one; the bytes written (0: none)."""
    storage = storage or h5p_storage()
    prefix = f"{PREFIX}{key}/"
    target = f"{prefix}{FOLDER}/{language}/content.json"
    h5p = _read_json(storage, prefix + "h5p.json")
    main = main_library_key(h5p)
    changed = 0
    if main is not None and content_language(h5p).split("-")[0] != language:
        content = _read_json(storage, prefix + CONTENT_JSON)
        if isinstance(content, dict):
            content, changed = translate_content(content, main, _loader(storage, prefix, language))
    if storage.exists(target):
        storage.delete(target)
    if not changed:
        return 0
    data = json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    saved = storage.save(target, ContentFile(data))
    if saved != target:
        storage.delete(saved)
        raise RuntimeError(f"H5P storage renamed {target!r} to {saved!r}")
    return len(data)


def localise(keys):
    """Every translated language's content.json for each package (upload, migration, the
    h5p_translate command); returns the size of each file written. A failure is logged and
    that package plays as authored: it never refuses a package."""
    storage = h5p_storage()
    written = []
    for key in keys:
        for language in translated_languages():
            try:
                size = localise_package(key, language, storage)
            except Exception:  # noqa: BLE001 - the authored content is served instead
                logger.exception("h5p: could not translate package %s into %s", key, language)
                continue
            if size:
                written.append(size)
    return written
