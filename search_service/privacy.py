"""Pseudonyms instead of personal data: salted hashes of browser tokens and client addresses."""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path


def load_salt(configured: str | None, salt_file: Path | str) -> bytes:
    """The configured salt, or one made at random the first time and kept in `salt_file`."""
    if configured:
        return configured.encode("utf-8")
    path = Path(salt_file)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        salt = secrets.token_hex(32).encode("ascii")
        try:  # another worker may be creating it at the same moment: first one wins
            with open(path, "xb") as handle:
                handle.write(salt)
            os.chmod(path, 0o600)
        except FileExistsError:
            return path.read_bytes()
        return salt


def pseudonym(salt: bytes, value: str) -> str:
    """A stable, salted, one-way name for `value`: the same input gives the same hash, but the
    input cannot be recovered from it without the salt."""
    return hmac.new(salt, value.encode("utf-8"), hashlib.sha256).hexdigest()
