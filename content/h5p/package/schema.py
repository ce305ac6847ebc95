"""The h5p.json and library.json schemas of H5P core (``H5PValidator::$h5pRequired``,
``$h5pOptional``, ``$libraryRequired``, ``$libraryOptional`` in h5p-php-library's
h5p.classes.php), checked the way core checks them, slightly more loosely:

- a regex rule matches strings and integers (so versions may be 1 or "1"), never booleans;
- "0|1" flags (runnable, fullscreen, ...) also accept true/false;
- optional fields that are null or "" count as absent; optional lists may be empty;
- core's regexes with nested quantifiers are rewritten to equivalents that cannot backtrack
  catastrophically, and ``.{1,n}`` counts characters rather than bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .errors import ValidationIssue

_MAX_CHECKED_LENGTH = 10_000


class Rule:
    code = "invalid_field"

    def check(self, value: Any, path: str, name: str) -> Iterator[ValidationIssue]:
        if not self.accepts(value):
            yield self.issue(value, path, name)

    def accepts(self, value: Any) -> bool:
        raise NotImplementedError

    def issue(self, value: Any, path: str, name: str) -> ValidationIssue:
        shown = value if isinstance(value, str) else repr(value)
        return ValidationIssue(self.code, path, {"field": name, "value": shown[:100]})


@dataclass
class Pattern(Rule):
    regex: str
    code: str = "invalid_field"
    flags: int = 0
    _compiled: re.Pattern = field(init=False, repr=False)

    def __post_init__(self):
        self._compiled = re.compile(self.regex, self.flags | re.ASCII)

    def accepts(self, value: Any) -> bool:
        if isinstance(value, bool) or not isinstance(value, str | int):
            return False
        text = str(value)
        return len(text) <= _MAX_CHECKED_LENGTH and self._compiled.fullmatch(text) is not None


@dataclass
class Text(Rule):
    """Core's ``/^.{1,n}$/`` (single line) and ``/^.{1,n}$/s`` (multiline)."""

    max_length: int | None
    multiline: bool = False
    code: str = "invalid_field"

    def accepts(self, value: Any) -> bool:
        if isinstance(value, bool) or not isinstance(value, str | int):
            return False
        text = str(value)
        if not text or (self.max_length is not None and len(text) > self.max_length):
            return False
        return self.multiline or "\n" not in text

    def issue(self, value: Any, path: str, name: str) -> ValidationIssue:
        issue = super().issue(value, path, name)
        return ValidationIssue(issue.code, path, {**issue.params, "max": self.max_length})


class Flag(Rule):
    """Core's ``/^(0|1)$/``, plus booleans."""

    def accepts(self, value: Any) -> bool:
        return value in (0, 1, "0", "1") or isinstance(value, bool)


@dataclass
class Options(Rule):
    """A list whose items are all among ``allowed``."""

    allowed: tuple[str, ...]
    code: str = "invalid_field"
    allow_empty: bool = True

    def accepts(self, value: Any) -> bool:
        if not isinstance(value, list) or (not value and not self.allow_empty):
            return False
        return all(isinstance(v, str) and v in self.allowed for v in value)


@dataclass
class Objects(Rule):
    """An object, or a list of objects, each checked against ``rules``; ``required`` names
    the keys each object must have (all of them when None)."""

    rules: Mapping[str, Rule]
    required: Sequence[str] | None = None
    allow_empty: bool = True

    def check(self, value: Any, path: str, name: str) -> Iterator[ValidationIssue]:
        if isinstance(value, dict):
            yield from check_object(value, path, self._required(), self.rules, prefix=name + ".")
            return
        if not isinstance(value, list) or (not value and not self.allow_empty):
            yield self.issue(value, path, name)
            return
        for index, item in enumerate(value):
            item_name = f"{name}[{index}]"
            if isinstance(item, dict):
                yield from check_object(
                    item, path, self._required(), self.rules, prefix=item_name + "."
                )
            else:
                yield self.issue(item, path, item_name)

    def _required(self) -> dict[str, Rule]:
        keys = self.rules.keys() if self.required is None else self.required
        return {key: self.rules[key] for key in keys}


def check_object(
    data: Mapping[str, Any],
    path: str,
    required: Mapping[str, Rule],
    optional: Mapping[str, Rule],
    prefix: str = "",
) -> Iterator[ValidationIssue]:
    """Core's isValidH5pData: every required key present and valid, every optional key that
    is present valid. Unknown keys are allowed."""
    for key, rule in required.items():
        value = data.get(key)
        if value is None:
            yield ValidationIssue("missing_field", path, {"field": prefix + key})
        else:
            yield from rule.check(value, path, prefix + key)
    for key, rule in optional.items():
        if key in required:
            continue
        value = data.get(key)
        if value is None or value == "":
            continue
        yield from rule.check(value, path, prefix + key)


MACHINE_NAME = r"[\w\-.]{1,255}"
_VERSION = Pattern(r"[0-9]{1,5}")
_MACHINE_NAME = Pattern(MACHINE_NAME)
_DEPENDENCY_RULES = {
    "machineName": _MACHINE_NAME,
    "majorVersion": _VERSION,
    "minorVersion": _VERSION,
}
_EMBED_TYPES = ("iframe", "div")
# Core: /^((\\|\/)?[a-z_\-\s0-9\.]+)+\.js$/i, without the nested quantifier.
_ASSET_PATH = r"[\\/]?[a-z_\-\s0-9.]+(?:[\\/][a-z_\-\s0-9.]+)*\.{ext}"

H5P_REQUIRED: dict[str, Rule] = {
    "title": Text(255, code="invalid_title"),
    "language": Pattern(r"[-a-zA-Z]{1,10}", code="invalid_language"),
    "preloadedDependencies": Objects(_DEPENDENCY_RULES, allow_empty=False),
    "mainLibrary": Pattern(MACHINE_NAME, code="invalid_main_library"),
    "embedTypes": Options(_EMBED_TYPES, code="invalid_embed_types", allow_empty=False),
}

H5P_OPTIONAL: dict[str, Rule] = {
    "contentType": Text(255),
    "dynamicDependencies": Objects(_DEPENDENCY_RULES),
    "author": Text(255),
    "authors": Objects({"name": Text(255), "role": Pattern(r"\w+")}, required=("name",)),
    "source": Pattern(r"https?://.+"),
    "license": Pattern(
        r"CC BY|CC BY-SA|CC BY-ND|CC BY-NC|CC BY-NC-SA|CC BY-NC-ND|CC0 1\.0|GNU GPL|PD"
        r"|ODC PDDL|CC PDM|U|C"
    ),
    "licenseVersion": Pattern(r"1\.0|2\.0|2\.5|3\.0|4\.0"),
    "licenseExtras": Text(5000, multiline=True),
    "yearsFrom": Pattern(r"[0-9]{1,4}"),
    "yearsTo": Pattern(r"[0-9]{1,4}"),
    "changes": Objects(
        {
            "date": Pattern(r"[0-9]{2}-[0-9]{2}-[0-9]{2} [0-9]{1,2}:[0-9]{2}:[0-9]{2}"),
            "author": Text(255),
            "log": Text(5000, multiline=True),
        },
        required=(),
    ),
    "authorComments": Text(5000, multiline=True),
    "w": Pattern(r"[0-9]{1,4}"),
    "h": Pattern(r"[0-9]{1,4}"),
    "metaKeywords": Text(None),
    "metaDescription": Text(None),
}

LIBRARY_REQUIRED: dict[str, Rule] = {
    "title": Text(255),
    "majorVersion": _VERSION,
    "minorVersion": _VERSION,
    "patchVersion": _VERSION,
    "machineName": _MACHINE_NAME,
    "runnable": Flag(),
}

LIBRARY_OPTIONAL: dict[str, Rule] = {
    "author": Text(255),
    "license": Pattern(
        r"cc-by|cc-by-sa|cc-by-nd|cc-by-nc|cc-by-nc-sa|cc-by-nc-nd|pd|cr|MIT|GPL1|GPL2|GPL3"
        r"|MPL|MPL2"
    ),
    "description": Text(None),
    "metadataSettings": Objects({"disable": Flag(), "disableExtraTitleField": Flag()}, required=()),
    "dynamicDependencies": Objects(_DEPENDENCY_RULES),
    "preloadedDependencies": Objects(_DEPENDENCY_RULES),
    "editorDependencies": Objects(_DEPENDENCY_RULES),
    "preloadedJs": Objects({"path": Pattern(_ASSET_PATH.format(ext="js"), flags=re.I)}),
    "preloadedCss": Objects({"path": Pattern(_ASSET_PATH.format(ext="css"), flags=re.I)}),
    "dropLibraryCss": Objects({"machineName": _MACHINE_NAME}),
    "w": Pattern(r"[0-9]{1,4}"),
    "h": Pattern(r"[0-9]{1,4}"),
    "embedTypes": Options(_EMBED_TYPES),
    "fullscreen": Flag(),
    "coreApi": Objects({"majorVersion": _VERSION, "minorVersion": _VERSION}),
}

# Core: /^(-?[a-z]+){1,7}\.json$/i, without the nested quantifier.
LANGUAGE_FILE = re.compile(r"-?[a-z]+(?:-[a-z]+){0,6}\.json", re.I | re.ASCII)
LIBRARY_FOLDER = re.compile(MACHINE_NAME, re.ASCII)

# H5PCore::$defaultContentWhitelist (with xml) and $defaultLibraryWhitelistExtras.
_CONTENT_WHITELIST = (
    "json png jpg jpeg gif bmp tif tiff eot ttf woff woff2 otf webm mp4 ogg mp3 m4a wav txt "
    "pdf rtf doc docx xls xlsx ppt pptx odt ods odp xml csv diff patch swf md textile vtt "
    "webvtt gltf glb"
)
CONTENT_EXTENSIONS = frozenset(_CONTENT_WHITELIST.split(" "))
LIBRARY_EXTENSIONS = CONTENT_EXTENSIONS | {"js", "css", "svg", "xml"}


def as_version(value: Any) -> int | None:
    """1 and "1" are the same version; anything else is not a version."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 0 <= value <= 99999 else None
    if isinstance(value, str) and _VERSION.accepts(value):
        return int(value)
    return None


def as_flag(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if value in (0, 1, "0", "1"):
        return bool(int(value))
    return None
