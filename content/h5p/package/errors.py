"""Structured validation issues with stable codes and English message templates.

The validator does not depend on Django: each issue carries a stable ``code``, the ``path``
of the file it is about (inside the package) and ``params`` for its message. ``MESSAGES``
maps each code to an English template; the Django layer wraps the templates in gettext and
renders them with :meth:`ValidationIssue.render`::

    issue.render(gettext)  # -> the message in the active language
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

MESSAGES: dict[str, str] = {
    # The archive itself.
    "not_a_zip": (
        "The file is not a valid H5P package: it is not a ZIP archive, or it is truncated "
        "or damaged."
    ),
    "central_directory_too_large": (
        "The table of contents of the package is too large ({size_mb} MB; the limit is "
        "{max_mb} MB)."
    ),
    "too_many_members": "The package contains too many files ({count}; the limit is {max}).",
    "total_too_large": (
        "The files of the package are too large once unpacked ({size_mb} MB in total; "
        "the limit is {max_mb} MB)."
    ),
    "file_too_large": "The file {path} is too large ({size_mb} MB; the limit is {max_mb} MB).",
    "zip_bomb_ratio": (
        "The file {path} is compressed suspiciously well (ratio {ratio} to 1; the limit is "
        "{max} to 1): it may be a zip bomb."
    ),
    "size_mismatch": (
        "The size of the file {path} does not match the size declared in the archive "
        "({declared} bytes declared, {actual} bytes read): the package may have been "
        "tampered with."
    ),
    "corrupt_member": "The file {path} is damaged and cannot be read.",
    "encrypted_member": (
        "The file {path} is encrypted: H5P packages must not be password-protected."
    ),
    "unsupported_compression": (
        "The file {path} uses an unsupported compression method ({method}): only "
        '"stored" and "deflate" are accepted.'
    ),
    "symlink": "The file {path} is a symbolic link, which is not allowed in a package.",
    "path_traversal": (
        'The file name {path} points outside the package (it contains ".."), which is not allowed.'
    ),
    "absolute_path": "The file name {path} is an absolute path, which is not allowed.",
    "invalid_path": (
        'The file name {path} is not valid (empty parts, "." parts or control characters).'
    ),
    "non_utf8_name": (
        "The file name {path} is not encoded in UTF-8: create the package again with a "
        "tool that stores file names in UTF-8."
    ),
    "duplicate_name": (
        "The file {path} clashes with {other} (names that differ only by upper or lower "
        "case or by the direction of slashes count as the same file)."
    ),
    "path_conflict": "The file {path} is inside {other}, which is a file, not a folder.",
    # H5P structure.
    "missing_h5p_json": "The main file {path} is missing: this is not an H5P package.",
    "missing_content_json": "The content file {path} is missing.",
    "json_too_large": (
        "The file {path} is too large to be read ({size_mb} MB; the limit is {max_mb} MB)."
    ),
    "json_not_utf8": "The file {path} is not encoded in UTF-8.",
    "invalid_json": "The file {path} is not valid JSON (line {line}, column {column}).",
    "json_not_object": "The file {path} must contain a JSON object.",
    "missing_field": "The required field {field} is missing from {path}.",
    "invalid_field": "The field {field} in {path} has an invalid value.",
    "invalid_title": (
        "The title in {path} must be between 1 and {max} characters long, on a single line."
    ),
    "invalid_language": (
        "The language code {value} in {path} is not valid (letters and hyphens only, up "
        "to 10 characters)."
    ),
    "invalid_main_library": "The main library name {value} in {path} is not valid.",
    "invalid_embed_types": ('The field embedTypes in {path} must list "div", "iframe" or both.'),
    "main_library_not_in_dependencies": (
        "The main library {library} named in {path} is not listed in its preloadedDependencies."
    ),
    "main_library_not_runnable": (
        "The main library {library} named in {path} is not a runnable content type."
    ),
    "invalid_library_name": "The library folder name {path} is not valid.",
    "missing_library_json": "The library file {path} is missing.",
    "library_folder_mismatch": (
        "The library folder {folder} does not match its {path}: it must be named "
        "{machine_name} or {expected}."
    ),
    "library_file_missing": (
        "The file {file} listed in {path} is missing from the library folder {folder}."
    ),
    "duplicate_library": "The library {library} is included twice ({path} and {other}).",
    "core_api_too_new": (
        "The library {library} requires a newer version of H5P (core API {required} or "
        "higher) than this site's player provides ({supported})."
    ),
    "missing_dependency": ("The library {library} required by {path} is missing from the package."),
    "invalid_language_file": "The language file {path} has an invalid name.",
    "disallowed_extension": (
        "The file {path} is not allowed: only these file types are accepted here: {allowed}."
    ),
}


@dataclass(frozen=True)
class ValidationIssue:
    """One failed rule: ``code`` (a key of :data:`MESSAGES`), the ``path`` of the file it
    is about inside the package ("" for the archive as a whole) and the message ``params``."""

    code: str
    path: str = ""
    params: Mapping[str, Any] = field(default_factory=dict, hash=False)

    @property
    def template(self) -> str:
        return MESSAGES[self.code]

    @property
    def message(self) -> str:
        """The message in English."""
        return self.render()

    def render(self, translate: Callable[[str], str] | None = None) -> str:
        """The message, its template first passed through ``translate`` (e.g. gettext)."""
        template = self.template if translate is None else translate(self.template)
        return template.format(**{"path": self.path, **self.params})

    def __str__(self) -> str:
        return self.message


class PackageExtractionError(Exception):
    """Extraction stopped: the archive no longer matches its report, or a member broke a
    limit while being unpacked. ``issue`` says why (None when the report was not valid)."""

    def __init__(self, message: str, issue: ValidationIssue | None = None):
        super().__init__(message)
        self.issue = issue
