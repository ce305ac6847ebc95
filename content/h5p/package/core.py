"""The H5P core API version the bundled player provides, and the check of a library's coreApi.

H5P core refuses a library whose library.json asks for a newer core API than it implements
("requires a newer version", H5PValidator::isValidPackage in h5p-php-library): such content
would load in our player and break there, so it is refused at upload.
"""

from __future__ import annotations

from typing import Any

from .errors import ValidationIssue
from .schema import as_version

# The player is the npm package h5p-standalone (package.json, node_modules/h5p-standalone),
# which bundles H5P core's h5p.js from h5p-php-library (its vendor/h5p). The bundle states no
# core version, so the supported one is recorded here for the pinned release; the test in
# tests/content/h5p/test_core_api.py fails when node_modules holds another release, to have
# this re-checked on upgrade.
PLAYER_PACKAGE = "h5p-standalone"
PLAYER_VERSION = "3.8.2"
SUPPORTED_CORE_API = (1, 26)


def core_api_issue(data: dict[str, Any], json_path: str, library: str) -> ValidationIssue | None:
    """An issue when library.json's coreApi is newer than SUPPORTED_CORE_API; a missing or
    malformed coreApi is left to the schema (core defaults it to 1.0)."""
    core_api = data.get("coreApi")
    if not isinstance(core_api, dict):
        return None
    major = as_version(core_api.get("majorVersion"))
    minor = as_version(core_api.get("minorVersion"))
    if major is None or minor is None or (major, minor) <= SUPPORTED_CORE_API:
        return None
    return ValidationIssue(
        "core_api_too_new",
        json_path,
        {
            "library": library,
            "required": f"{major}.{minor}",
            "supported": "{}.{}".format(*SUPPORTED_CORE_API),
        },
    )
