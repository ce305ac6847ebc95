"""What every layer checks of input that arrives over HTTP before it reaches the database.

Each of these once gave a server error instead of a clear refusal (issue 10): JSON nested
deeper than Python's parser goes, an id past the database's 64-bit integers, a NUL character
(PostgreSQL refuses it in text and jsonb).
"""

import json

from django.urls import register_converter

# The largest primary key a 64-bit signed integer column holds (PostgreSQL bigint, SQLite).
MAX_DATABASE_ID = 2**63 - 1


class InputError(ValueError):
    """Input refused before it is used; `code` says why, for the response."""

    def __init__(self, message, *, code):
        super().__init__(message)
        self.code = code


def database_id(value):
    """`value` as a primary key if it can be one (an int, not a bool, 1..2**63-1), else None."""
    if isinstance(value, bool) or not isinstance(value, int):
        if not isinstance(value, str) or not value.isascii() or not value.isdigit():
            return None
        if len(value) > len(str(MAX_DATABASE_ID)):
            return None
        value = int(value)
    return value if 1 <= value <= MAX_DATABASE_ID else None


def contains_nul(value):
    """Whether a parsed JSON value holds a NUL character in any string or key."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def parse_json(raw):
    """Parse a request body; InputError ("invalid_json" or "nul_character") when it can't be used.

    Parsing recurses once per nesting level: a body nested deeper than the interpreter's
    recursion limit raises RecursionError, which is refused here like any malformed body.
    """
    try:
        value = json.loads(raw)
    except (ValueError, UnicodeDecodeError, RecursionError) as error:
        raise InputError("not valid JSON", code="invalid_json") from error
    if contains_nul(value):
        raise InputError("a NUL character", code="nul_character")
    return value


class DatabaseIdConverter:
    """`<id:name>` in URL patterns: an int that fits the database, else the URL doesn't match
    (404) instead of an overflow deep in a query."""

    regex = "[0-9]{1,18}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


# URL modules that use <id:…> import this module first (learning/urls.py and each app's urls).
register_converter(DatabaseIdConverter, "id")
