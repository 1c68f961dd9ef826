"""Personal data kept out of the store: salted pseudonyms for browser tokens and client
addresses, and placeholders for e-mail addresses, identity numbers and phone numbers in text."""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
from pathlib import Path


def load_salt(configured: str | None, salt_file: Path | str) -> bytes:
    """The configured salt, or one made at random the first time and kept in `salt_file`.

    Several workers start at once: the file appears under its name only when it is whole (a
    hard link from a private temporary file, which fails if another worker was first), so no
    one reads it empty, and it is readable by its owner alone from the first byte."""
    if configured:
        return configured.encode("utf-8")
    path = Path(salt_file)
    if path.is_file():
        return path.read_bytes()
    path.parent.mkdir(parents=True, exist_ok=True)
    salt = secrets.token_hex(32).encode("ascii")
    draft = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(salt)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(draft, path)
        except FileExistsError:  # another worker was first: its salt is the one
            return path.read_bytes()
        return salt
    finally:
        draft.unlink(missing_ok=True)


def pseudonym(salt: bytes, value: str) -> str:
    """A stable, salted, one-way name for `value`: the same input gives the same hash, but the
    input cannot be recovered from it without the salt."""
    return hmac.new(salt, value.encode("utf-8"), hashlib.sha256).hexdigest()


# -- scrubbing: personal data out of free text before it is stored ------------------------------

EMAIL_PLACEHOLDER = "[email]"
ID_NUMBER_PLACEHOLDER = "[id-number]"
PHONE_PLACEHOLDER = "[phone]"

EMAIL_RE = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
# Swedish personal identity (and co-ordination) numbers: [CC]YYMMDD[-+]NNNN. The check digit is
# not tested: a mistyped number is just as personal.
ID_NUMBER_RE = re.compile(r"(?<![\w-])(?:19|20)?(\d{2})(\d{2})(\d{2})[-+]?\d{4}(?![\w-])")
# A run of digits, spaces, hyphens and brackets that starts like a phone number: +46…, 00…, 0….
PHONE_RE = re.compile(r"(?<![\w+-])(?:\+|00|0)[\d\s()-]{5,}\d(?![\w-])")
PHONE_DIGITS = range(7, 16)  # national numbers with area code up to E.164's 15 digits


def scrub(text: str | None) -> str | None:
    """`text` with e-mail addresses, personal identity numbers and phone numbers replaced by
    placeholders; used on search text, comments and needs before they are stored."""
    if not text:
        return text
    text = EMAIL_RE.sub(EMAIL_PLACEHOLDER, text)
    text = ID_NUMBER_RE.sub(_id_number, text)
    return PHONE_RE.sub(_phone, text)


def _id_number(match: re.Match[str]) -> str:
    month, day = int(match.group(2)), int(match.group(3))
    plausible = 1 <= month <= 12 and (1 <= day <= 31 or 61 <= day <= 91)  # +60: co-ordination
    return ID_NUMBER_PLACEHOLDER if plausible else match.group(0)


def _phone(match: re.Match[str]) -> str:
    digits = sum(character.isdigit() for character in match.group(0))
    return PHONE_PLACEHOLDER if digits in PHONE_DIGITS else match.group(0)
