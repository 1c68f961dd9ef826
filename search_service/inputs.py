"""What a client sends, checked once for every endpoint: the JSON body, text fields, numbers.

Whatever passes here can be stored on SQLite and PostgreSQL alike, so nothing a client sends
ends in a 500: PostgreSQL text holds no NUL character, UTF-8 no lone surrogate (which JSON's
"\\ud800" escapes can produce), and the integer columns only 32 bits (SQLite 64). The bounds
are stated once, here, and the OpenAPI document (openapi.py) states the same ones.
"""

from __future__ import annotations

import re
from typing import Any

from flask import request

MAX_ID = 2**31 - 1  # article ids and result positions go into 32-bit integer columns
MAX_POSITION = 1000  # a click's rank in a result list, which holds at most 100 articles

# The OpenAPI patterns for text fields (ECMA and Python regular expressions alike): text
# without NUL; the same with something besides spaces in it (a required field); and a search,
# in which control characters count as spaces.
NO_NUL_PATTERN = "^[^\\u0000]*$"
REQUIRED_TEXT_PATTERN = "^[^\\u0000]*[^\\s\\u0000][^\\u0000]*$"
SEARCH_TEXT_PATTERN = "[^\\s\\u0000-\\u001f\\u007f-\\u009f]"
_CONTROL_RE = re.compile("[\u0000-\u001f\u007f-\u009f]")
_LONE_SURROGATE_RE = re.compile("[\ud800-\udfff]")


class Invalid(ValueError):
    """A request the API refuses: 422 for a field with a wrong value, 400 for a body or query
    parameter it cannot read. The app answers it as JSON naming the field."""

    def __init__(self, field: str, message: str, status: int = 422):
        super().__init__(message)
        self.field, self.message, self.status = field, message, status


def json_object() -> dict[str, Any]:
    """The request body as a JSON object, or Invalid("body", 400). A body past the request's
    size limit raises Werkzeug's RequestEntityTooLarge (413), chunked or not."""
    request.get_data(cache=True)
    if request.content_length is None and request.max_content_length is not None:
        # A chunked body is cut off at the limit without a word: reading on past the limit
        # is what raises the 413 (so a chunked body of exactly the limit is refused too).
        request.stream.read(1)
    try:
        body = request.get_json(silent=True)
    except RecursionError:  # "[[[[...": deeper than Python's json module can parse
        body = None
    if not isinstance(body, dict):
        raise Invalid("body", "must be a JSON object", status=400)
    return body


def storable(value: str, field: str, status: int = 422) -> str:
    """The text as it came, if every store can hold it."""
    if "\x00" in value:
        raise Invalid(field, "must not contain NUL characters", status)
    if _LONE_SURROGATE_RE.search(value):
        raise Invalid(field, "must be valid Unicode text (no lone surrogates)", status)
    return value


def without_controls(value: str) -> str:
    """Search text with control characters as spaces: they mean nothing in a query."""
    return _CONTROL_RE.sub(" ", value)


def whole_number(value: Any, field: str, *, maximum: int = MAX_ID,
                 status: int = 422) -> int:
    """An integer from 1 to `maximum` (JSON true and false are not numbers here)."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= maximum:
        raise Invalid(field, f"must be a whole number from 1 to {maximum}", status)
    return value


def refuse_nul_outside_the_api() -> None:
    """Before every request: the staff pages' forms and query parameters hold no NUL either
    (the API checks its own parameters field by field; a search takes NUL as a space)."""
    if request.path.startswith("/api/"):
        return
    for source in (request.args, request.form):
        for name, value in source.items(multi=True):
            if "\x00" in name or "\x00" in value:
                raise Invalid(name.replace("\x00", ""), "must not contain NUL characters", 400)
