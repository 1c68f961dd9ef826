"""Service settings: defaults, then a TOML file, then FOKUS_* environment variables, then what
the caller passes to `create_app`. docs/configuration.md lists every setting."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

DEFAULTS: dict[str, Any] = {
    # The built site to serve, and the corpus inside it that feeds the index.
    "SITE_DIR": "site",
    "CORPUS_PATH": None,  # default: SITE_DIR/corpus.json
    "INDEX_DIR": ".fokus/index",
    "DATABASE_URL": None,  # default: a SQLite file, .fokus/fokus.db
    "SERVE_SITE": True,  # serve the static site from this process too
    "INDEX_ON_START": True,  # build or update the index from the corpus at start
    "WATCH_CORPUS": True,  # re-index when the corpus file changes
    "MAX_QUERY_LENGTH": 200,
    "MAX_PAGE": 100,
    # Feedback: sites allowed to post votes besides the portal itself (comma-separated when
    # given as an environment variable), e.g. "https://kb.example.se".
    "FEEDBACK_ORIGINS": [],
    "FEEDBACK_RATE_LIMIT": "120 per minute",
    "FEEDBACK_MAX_BYTES": 8192,
    # Salt for the hashes of browser tokens and client addresses; default: a random salt made
    # once and kept in SALT_FILE. Set it when several hosts share one database.
    "HASH_SALT": None,
    "SALT_FILE": ".fokus/salt",
    # Where Flask-Limiter keeps its counters: memory (per process) or e.g. redis://...
    "RATELIMIT_STORAGE_URI": "memory://",
    # -- insights (docs/configuration.md, "Insights and staff sign-in") ----------------------
    "RETENTION_DAYS": 396,  # events older than this (13 months) go, as weekly totals stay
    "PRUNE_DAILY": True,  # the service runs `fokus db prune` itself once a day
    "DEFAULT_OWNER": "Servicedesk",  # gets the zero-result searches that belong to no area
    "INSIGHTS_MIN_VOTES": 5,  # votes an article needs before "needs attention" ranks it
    # Signs the staff session cookie; default: random, made once and kept in SECRET_KEY_FILE.
    "SECRET_KEY": None,
    "SECRET_KEY_FILE": ".fokus/secret_key",
    "SESSION_HOURS": 8,  # a staff session ends this long after sign-in
    "SIGNIN_RATE_LIMIT": "5 per minute;30 per hour",  # failed sign-ins per address and login
    # Single sign-on: the reverse proxy at TRUSTED_PROXIES (addresses or networks) puts the
    # signed-in user in SSO_HEADER (and groups, comma-separated, in SSO_GROUPS_HEADER).
    "TRUSTED_PROXIES": [],
    "SSO_HEADER": None,  # e.g. "X-Remote-User"; unset: no single sign-on
    "SSO_GROUPS_HEADER": None,  # e.g. "X-Remote-Groups"
    "SSO_ALLOWED_USERS": [],
    "SSO_ALLOWED_GROUPS": [],
}
# Settings that are lists: comma-separated in the environment and allowed as a string in TOML.
LIST_SETTINGS = ("FEEDBACK_ORIGINS", "TRUSTED_PROXIES", "SSO_ALLOWED_USERS",
                 "SSO_ALLOWED_GROUPS")
SETTINGS_FILE_VARIABLE = "FOKUS_SETTINGS"


def load_settings(overrides: Mapping[str, Any] | None = None) -> dict[str, Any]:
    settings = {k: list(v) if isinstance(v, list) else v for k, v in DEFAULTS.items()}
    settings_file = os.environ.get(SETTINGS_FILE_VARIABLE) or (overrides or {}).get(
        "SETTINGS_FILE")
    if settings_file:
        with open(settings_file, "rb") as handle:
            settings.update({k.upper(): v for k, v in tomllib.load(handle).items()})
    for key in DEFAULTS:
        value = os.environ.get(f"FOKUS_{key}")
        if value is not None:
            settings[key] = _parse(value, DEFAULTS[key])
    settings.update(overrides or {})
    return _resolve(settings)


def _parse(value: str, default: Any) -> Any:
    if isinstance(default, list):
        return [item.strip() for item in value.split(",") if item.strip()]
    if isinstance(default, bool):
        return value.strip().lower() in ("1", "true", "yes", "on")
    if isinstance(default, int):
        return int(value)
    return value


def _resolve(settings: dict[str, Any]) -> dict[str, Any]:
    site = Path(settings["SITE_DIR"]).resolve()
    settings["SITE_DIR"] = str(site)
    settings["CORPUS_PATH"] = str(Path(settings["CORPUS_PATH"] or site / "corpus.json").resolve())
    settings["INDEX_DIR"] = str(Path(settings["INDEX_DIR"]).resolve())
    settings["SALT_FILE"] = str(Path(settings["SALT_FILE"]).resolve())
    settings["SECRET_KEY_FILE"] = str(Path(settings["SECRET_KEY_FILE"]).resolve())
    for key in LIST_SETTINGS:
        if isinstance(settings[key], str):
            settings[key] = _parse(settings[key], [])
    if not settings["DATABASE_URL"]:
        database = Path(".fokus/fokus.db").resolve()
        settings["DATABASE_URL"] = f"sqlite:///{database}"
    return settings
