"""The validator's messages, marked for translation.

content/h5p/package has no Django in it; its English templates (``MESSAGES``) are repeated
here inside ``gettext_noop`` so makemessages extracts them. The validator's tests check that
this module and ``MESSAGES`` stay the same (tests/content/h5p/test_services.py).
Placeholders are ``str.format`` fields, filled after translation: ``issue.render(gettext)``.
"""

from django.utils.translation import gettext, gettext_noop

from .package import ValidationIssue

# Translators: {path}, {size_mb} and the other names in braces are filled in by the site;
# keep them as they are.
TEMPLATES = {
    "not_a_zip": gettext_noop(
        "The file is not a valid H5P package: it is not a ZIP archive, or it is truncated or "
        "damaged."
    ),
    "central_directory_too_large": gettext_noop(
        "The table of contents of the package is too large ({size_mb} MB; the limit is "
        "{max_mb} MB)."
    ),
    "too_many_members": gettext_noop(
        "The package contains too many files ({count}; the limit is {max})."
    ),
    "total_too_large": gettext_noop(
        "The files of the package are too large once unpacked ({size_mb} MB in total; the "
        "limit is {max_mb} MB)."
    ),
    "file_too_large": gettext_noop(
        "The file {path} is too large ({size_mb} MB; the limit is {max_mb} MB)."
    ),
    "zip_bomb_ratio": gettext_noop(
        "The file {path} is compressed suspiciously well (ratio {ratio} to 1; the limit is "
        "{max} to 1): it may be a zip bomb."
    ),
    "size_mismatch": gettext_noop(
        "The size of the file {path} does not match the size declared in the archive "
        "({declared} bytes declared, {actual} bytes read): the package may have been tampered"
        " with."
    ),
    "corrupt_member": gettext_noop("The file {path} is damaged and cannot be read."),
    "encrypted_member": gettext_noop(
        "The file {path} is encrypted: H5P packages must not be password-protected."
    ),
    "unsupported_compression": gettext_noop(
        'The file {path} uses an unsupported compression method ({method}): only "stored" and'
        ' "deflate" are accepted.'
    ),
    "symlink": gettext_noop(
        "The file {path} is a symbolic link, which is not allowed in a package."
    ),
    "path_traversal": gettext_noop(
        'The file name {path} points outside the package (it contains ".."), which is not allowed.'
    ),
    "absolute_path": gettext_noop(
        "The file name {path} is an absolute path, which is not allowed."
    ),
    "invalid_path": gettext_noop(
        'The file name {path} is not valid (empty parts, "." parts or control characters).'
    ),
    "non_utf8_name": gettext_noop(
        "The file name {path} is not encoded in UTF-8: create the package again with a tool "
        "that stores file names in UTF-8."
    ),
    "duplicate_name": gettext_noop(
        "The file {path} clashes with {other} (names that differ only by upper or lower case "
        "or by the direction of slashes count as the same file)."
    ),
    "path_conflict": gettext_noop(
        "The file {path} is inside {other}, which is a file, not a folder."
    ),
    "missing_h5p_json": gettext_noop(
        "The main file {path} is missing: this is not an H5P package."
    ),
    "missing_content_json": gettext_noop("The content file {path} is missing."),
    "json_too_large": gettext_noop(
        "The file {path} is too large to be read ({size_mb} MB; the limit is {max_mb} MB)."
    ),
    "json_not_utf8": gettext_noop("The file {path} is not encoded in UTF-8."),
    "invalid_json": gettext_noop(
        "The file {path} is not valid JSON (line {line}, column {column})."
    ),
    "json_not_object": gettext_noop("The file {path} must contain a JSON object."),
    "missing_field": gettext_noop("The required field {field} is missing from {path}."),
    "invalid_field": gettext_noop("The field {field} in {path} has an invalid value."),
    "invalid_title": gettext_noop(
        "The title in {path} must be between 1 and {max} characters long, on a single line."
    ),
    "invalid_language": gettext_noop(
        "The language code {value} in {path} is not valid (letters and hyphens only, up to 10"
        " characters)."
    ),
    "invalid_main_library": gettext_noop("The main library name {value} in {path} is not valid."),
    "invalid_embed_types": gettext_noop(
        'The field embedTypes in {path} must list "div", "iframe" or both.'
    ),
    "main_library_not_in_dependencies": gettext_noop(
        "The main library {library} named in {path} is not listed in its preloadedDependencies."
    ),
    "main_library_not_runnable": gettext_noop(
        "The main library {library} named in {path} is not a runnable content type."
    ),
    "invalid_library_name": gettext_noop("The library folder name {path} is not valid."),
    "missing_library_json": gettext_noop("The library file {path} is missing."),
    "library_folder_mismatch": gettext_noop(
        "The library folder {folder} does not match its {path}: it must be named "
        "{machine_name} or {expected}."
    ),
    "library_file_missing": gettext_noop(
        "The file {file} listed in {path} is missing from the library folder {folder}."
    ),
    "duplicate_library": gettext_noop(
        "The library {library} is included twice ({path} and {other})."
    ),
    "core_api_too_new": gettext_noop(
        "The library {library} requires a newer version of H5P (core API {required} or "
        "higher) than this site's player provides ({supported})."
    ),
    "missing_dependency": gettext_noop(
        "The library {library} required by {path} is missing from the package."
    ),
    "invalid_language_file": gettext_noop("The language file {path} has an invalid name."),
    "disallowed_extension": gettext_noop(
        "The file {path} is not allowed: only these file types are accepted here: {allowed}."
    ),
}


def render_issue(issue: ValidationIssue) -> str:
    """The issue's message in the active language."""
    return issue.render(gettext)
