"""H5P package validation and extraction, and content types' strings in other languages
(translate.py), without Django.

Nothing in this package imports Django, so it can be used and tested on its own; the
Django layer translates the issues' message templates (see ``MESSAGES``).
"""

from .errors import MESSAGES, PackageExtractionError, ValidationIssue
from .extract import extract_package
from .limits import Limits
from .report import AcceptedMember, LibraryInfo, PackageReport
from .schema import CONTENT_EXTENSIONS, LIBRARY_EXTENSIONS
from .translate import content_language, library_name_key, main_library_key, translate_content
from .validation import validate_package

__all__ = [
    "CONTENT_EXTENSIONS",
    "LIBRARY_EXTENSIONS",
    "MESSAGES",
    "AcceptedMember",
    "LibraryInfo",
    "Limits",
    "PackageExtractionError",
    "PackageReport",
    "ValidationIssue",
    "content_language",
    "extract_package",
    "library_name_key",
    "main_library_key",
    "translate_content",
    "validate_package",
]
