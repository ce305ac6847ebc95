"""A content type's interface strings in another language, without Django.

In H5P the strings a content type shows ("Check", "Retry", "You got :num out of :total
points") are parameters of the content (content/content.json), authored from the defaults of
the library's semantics.json. A library may ship those defaults translated in
``language/<lang>.json``: the same structure, a "semantics" list whose entries match
semantics.json's by position (the H5P editor deep-merges them the same way).

``translate_content`` walks the semantics and the parameters together, into groups, lists and
sub-contents ("library" fields, whose parameters follow their own library's semantics), and
replaces every text value that is still exactly the English default with the translated
default. Whatever the author wrote stays as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from .report import library_key
from .schema import MACHINE_NAME

#: How deep the walk goes into nested fields and sub-contents (content is a bounded JSON
#: document, but a hostile one needs no deeper walk than this).
MAX_DEPTH = 64

# How params name a sub-content's library: "H5P.MultiChoice 1.16".
_LIBRARY_NAME = re.compile(rf"({MACHINE_NAME}) ([0-9]{{1,5}})\.([0-9]{{1,5}})", re.ASCII)

#: ``load(key)`` gives a library's semantics.json and its language file's "semantics" list
#: (None when the library ships none), for a key "machineName-major.minor"; None when the
#: library or its semantics cannot be read.
Loader = Callable[[str], tuple[Any, Any] | None]


def library_name_key(name: Any) -> str | None:
    """ "H5P.MultiChoice 1.16" (as params name a sub-content's library) -> its key
    "H5P.MultiChoice-1.16"; None when it is not such a name."""
    if not isinstance(name, str):
        return None
    match = _LIBRARY_NAME.fullmatch(name)
    if match is None:
        return None
    return library_key(match[1], int(match[2]), int(match[3]))


def main_library_key(h5p: Any) -> str | None:
    """The main library's key ("machineName-major.minor") from h5p.json: its mainLibrary, at
    the version its preloadedDependencies name; None when h5p.json does not say."""
    if not isinstance(h5p, dict) or not isinstance(h5p.get("mainLibrary"), str):
        return None
    dependencies = h5p.get("preloadedDependencies")
    for dependency in dependencies if isinstance(dependencies, list) else ():
        if isinstance(dependency, dict) and dependency.get("machineName") == h5p["mainLibrary"]:
            return library_name_key(
                f"{h5p['mainLibrary']} {dependency.get('majorVersion')}."
                f"{dependency.get('minorVersion')}"
            )
    return None


def content_language(h5p: Any) -> str:
    """The language the content was written in, from h5p.json: "language", or the metadata's
    "defaultLanguage" when that is unset ("und"); "" when neither says."""
    if not isinstance(h5p, dict):
        return ""
    for name in ("language", "defaultLanguage"):
        value = h5p.get(name)
        if isinstance(value, str) and value.strip() and value.strip().lower() != "und":
            return value.strip().lower()
    return ""


def translate_content(params: Any, main_library: str, load: Loader) -> tuple[Any, int]:
    """content.json's parameters with the English defaults translated, and how many values
    changed. ``main_library`` is the main library's key ("machineName-major.minor"). The
    parameters given are not modified."""
    walk = _Walk(load)
    translated = walk.library(main_library, params, 0)
    return translated, walk.changed


def _entry(entries: Any, index: int) -> dict[str, Any]:
    """The language file's entry for the field at ``index`` ({} when it has none)."""
    if isinstance(entries, list) and index < len(entries) and isinstance(entries[index], dict):
        return entries[index]
    return {}


class _Walk:
    def __init__(self, load: Loader):
        self.load = load
        self.loaded: dict[str, tuple[Any, Any] | None] = {}
        self.changed = 0

    def library(self, key: str, params: Any, depth: int) -> Any:
        if key not in self.loaded:
            self.loaded[key] = self.load(key)
        found = self.loaded[key]
        if found is None:
            return params
        # Without a language file its own strings stay as authored, but its sub-contents'
        # libraries may still have theirs.
        semantics, language = found
        return self.fields(semantics, language, params, depth + 1)

    def fields(self, semantics: Any, language: Any, params: Any, depth: int) -> Any:
        if not isinstance(semantics, list) or not isinstance(params, dict):
            return params
        out = dict(params)
        for index, field in enumerate(semantics):
            name = field.get("name") if isinstance(field, dict) else None
            if isinstance(name, str) and name in out:
                out[name] = self.value(field, _entry(language, index), out[name], depth)
        return out

    def value(self, field: Any, translated: dict[str, Any], value: Any, depth: int) -> Any:
        if depth > MAX_DEPTH or not isinstance(field, dict):
            return value
        kind = field.get("type")
        if kind == "text":
            return self.text(field.get("default"), translated.get("default"), value)
        if kind == "group":
            fields = field.get("fields")
            if not isinstance(fields, list):
                return value
            entries = translated.get("fields")
            # H5P keeps a one-field group's value unwrapped (H5PContentValidator::validateGroup).
            if len(fields) == 1 and field.get("isSubContent") is not True:
                return self.value(fields[0], _entry(entries, 0), value, depth + 1)
            return self.fields(fields, entries, value, depth + 1)
        if kind == "list":
            item = field.get("field")
            entry = translated.get("field")
            entry = entry if isinstance(entry, dict) else {}
            if not isinstance(value, list):
                return value
            return [self.value(item, entry, each, depth + 1) for each in value]
        if kind == "library" and isinstance(value, dict):
            key = library_name_key(value.get("library"))
            if key is None or "params" not in value:
                return value
            return {**value, "params": self.library(key, value["params"], depth + 1)}
        return value

    def text(self, english: Any, translated: Any, value: Any) -> Any:
        """The translated default for a value that is still the English default."""
        if not isinstance(english, str) or not isinstance(translated, str) or not translated:
            return value
        if value != english or translated == english:
            return value
        self.changed += 1
        return translated
