"""Service settings, declared once: name, type, default and help.

`load_settings` reads, in rising order of precedence: the defaults below, the caller's
`defaults` (`fokus serve` passes the site and corpus of its mkdocs.yml), a TOML file (named by
the caller, else by FOKUS_SETTINGS), FOKUS_* environment variables, then the caller's
overrides. docs/configuration.md's table of settings is generated from SETTINGS
(`fokus settings`), so the two cannot drift apart."""

from __future__ import annotations

import difflib
import ipaddress
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import IO, Any

from flask import Config
from limits import parse_many

ENV_PREFIX = "FOKUS"
SETTINGS_FILE_VARIABLE = f"{ENV_PREFIX}_SETTINGS"
# The SQLite file the event store uses when DATABASE_URL is not set.
DEFAULT_DATABASE = Path(".fokus/fokus.db")


class SettingsError(ValueError):
    """A setting that cannot be used; the message names it (and the file it came from)."""


class Invalid(ValueError):
    """A value of the wrong form; SettingsError adds where it came from."""


# -- types -------------------------------------------------------------------------------------

class Kind:
    """How a setting's value is written in TOML, in the environment and in the docs."""

    doc = ""

    def check(self, value: Any) -> Any:
        """A value from TOML or from the caller, as the service uses it."""
        raise NotImplementedError

    def parse(self, text: str) -> Any:
        """A value from an environment variable, which is always text."""
        return self.check(text)


def _shown(value: Any) -> str:
    text = repr(value)
    return f"{type(value).__name__} {text if len(text) <= 60 else text[:57] + '...'}"


class Text(Kind):
    doc = "text"

    def check(self, value: Any) -> str:
        if not isinstance(value, str):
            raise Invalid(f"expected text, got {_shown(value)}")
        return value


class FilePath(Kind):
    doc = "path"

    def check(self, value: Any) -> str:
        if not isinstance(value, str | os.PathLike):
            raise Invalid(f"expected a path, got {_shown(value)}")
        return os.fspath(value)


class Integer(Kind):
    def __init__(self, minimum: int = 0):
        self.minimum = minimum
        self.doc = f"integer ≥ {minimum}"

    def check(self, value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise Invalid(f"expected an integer, got {_shown(value)}")
        if value < self.minimum:
            raise Invalid(f"must be at least {self.minimum}, got {value}")
        return value

    def parse(self, text: str) -> int:
        try:
            return self.check(int(text.strip()))
        except ValueError as exc:
            if isinstance(exc, Invalid):
                raise
            raise Invalid(f"expected an integer, got {text!r}") from None


class Boolean(Kind):
    doc = "boolean"
    WORDS = {"1": True, "true": True, "yes": True, "on": True,
             "0": False, "false": False, "no": False, "off": False}

    def check(self, value: Any) -> bool:
        if not isinstance(value, bool):
            raise Invalid(f"expected true or false, got {_shown(value)}")
        return value

    def parse(self, text: str) -> bool:
        try:
            return self.WORDS[text.strip().lower()]
        except KeyError:
            raise Invalid(f"expected true or false, got {text!r}") from None


class TextList(Kind):
    """A list; in the environment (and as a TOML string) comma-separated."""

    doc = "list of text"

    def check(self, value: Any) -> list[str]:
        if isinstance(value, str):
            return self.parse(value)
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            raise Invalid(f"expected a list of text, got {_shown(value)}")
        return [self.item(v) for v in value]

    def parse(self, text: str) -> list[str]:
        return [self.item(v.strip()) for v in text.split(",") if v.strip()]

    def item(self, value: str) -> str:
        return value


class NetworkList(TextList):
    """Addresses or networks: `10.0.0.5`, `10.0.0.0/24`, `::1`."""

    doc = "list of addresses or networks"

    def item(self, value: str) -> str:
        try:
            ipaddress.ip_network(value, strict=False)
        except ValueError:
            raise Invalid(f"{value!r} is not an address or network") from None
        return value


class RateLimit(Text):
    """Flask-Limiter's notation, checked with its own parser: `120 per minute;5 per second`."""

    doc = "rate limit"

    def check(self, value: Any) -> str:
        text = super().check(value)
        try:
            parse_many(text)
        except ValueError:
            raise Invalid(f"{text!r} is not a rate limit such as `120 per minute`") from None
        return text


class Optional(Kind):
    """A setting that may be unset (None): left out of TOML, or empty in the environment."""

    def __init__(self, kind: Kind):
        self.kind = kind
        self.doc = kind.doc

    def check(self, value: Any) -> Any:
        return None if value is None else self.kind.check(value)

    def parse(self, text: str) -> Any:
        return self.kind.parse(text) if text.strip() else None


# -- the table ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Setting:
    name: str
    kind: Kind
    default: Any
    help: str
    # How the docs show a default computed at start (`SITE_DIR/corpus.json`); else `default`.
    shown_default: str | None = None

    @property
    def key(self) -> str:
        """The setting's key in a TOML file."""
        return self.name.lower()

    @property
    def variable(self) -> str:
        return f"{ENV_PREFIX}_{self.name}"


SETTINGS: tuple[Setting, ...] = (
    Setting("SITE_DIR", FilePath(), "site", "the built site to serve"),
    Setting("CORPUS_PATH", Optional(FilePath()), None, "the corpus that feeds the index",
            "SITE_DIR/corpus.json"),
    Setting("INDEX_DIR", FilePath(), ".fokus/index",
            "the Whoosh index (several named indexes and a `CURRENT` pointer)"),
    Setting("DATABASE_URL", Optional(Text()), None,
            "the event store: a SQLite file, or PostgreSQL (`postgresql+psycopg://…`)",
            f"sqlite:///{DEFAULT_DATABASE}"),
    Setting("SERVE_SITE", Boolean(), True, "serve the static site from this process too"),
    Setting("INDEX_ON_START", Boolean(), True,
            "build or update the index from the corpus at start"),
    Setting("WATCH_CORPUS", Boolean(), True, "re-index in the background when the corpus "
            "file changes (a new `fokus build`)"),
    Setting("MAX_QUERY_LENGTH", Integer(1), 200, "longest query accepted; longer ones get a "
            "400"),
    Setting("MAX_PAGE", Integer(1), 100, "highest result page"),
    Setting("FEEDBACK_ORIGINS", TextList(), [], "other sites allowed to post votes and call "
            "the API (CORS), e.g. `https://kb.example.se`; the portal's own origin is always "
            "allowed"),
    Setting("FEEDBACK_RATE_LIMIT", RateLimit(), "120 per minute",
            "votes per client address (Flask-Limiter's notation)"),
    # 32 KB: the largest body the API document allows fits, every character escaped as JSON
    # escapes it (12 bytes for one outside the BMP): a vote's 1,400 characters make 16.8 KB.
    Setting("FEEDBACK_MAX_BYTES", Integer(1), 32768, "largest body of a vote, need or "
            "reply-link count; larger gets a 413, also when sent chunked (any other request: "
            "64 KB)"),
    Setting("SEARCH_RATE_LIMIT", RateLimit(), "60 per minute", "searches logged per client "
            "address; past it a search is still answered, only not logged, so a flood does "
            "not distort the figures"),
    Setting("SUGGEST_RATE_LIMIT", RateLimit(), "600 per minute",
            "suggestion requests per client address; past it 429"),
    Setting("CLICK_RATE_LIMIT", RateLimit(), "120 per minute",
            "recorded result clicks per client address; past it 429"),
    Setting("PROXY_COUNT", Integer(0), 0, "reverse proxies in front of the service (1 for "
            "the nginx of [deployment.md](deployment.md)): their `X-Forwarded-For`, `-Proto`, "
            "`-Host` and `-Port` give the client address the limits count and the origin the "
            "origin check compares (Werkzeug's ProxyFix); with 0 they are ignored"),
    Setting("HASH_SALT", Optional(Text()), None, "salt for the pseudonyms of browser tokens "
            "and client addresses; set it when several hosts share a database",
            "random, kept in `SALT_FILE`"),
    Setting("SALT_FILE", FilePath(), ".fokus/salt", "where the random salt is kept"),
    Setting("RATELIMIT_STORAGE_URI", Text(), "memory://", "where rate-limit counters live: "
            "per process by default; `redis://HOST:PORT/DB` shares them between the workers "
            "and replicas (if Redis is out of reach, each process counts for itself meanwhile)"),
    Setting("RETENTION_DAYS", Integer(1), 396, "searches, clicks, votes, reply links and done "
            "needs older than this (13 months) are deleted, in whole weeks; their weekly "
            "numbers stay ([privacy.md](privacy.md))"),
    Setting("PRUNE_DAILY", Boolean(), True, "the service runs `fokus db prune` itself, in the "
            "background, once a day (first at the first request after start)"),
    Setting("DEFAULT_OWNER", Text(), "Servicedesk", "gets the zero-result searches that belong "
            "to no service area, and needs without an area"),
    Setting("INSIGHTS_MIN_VOTES", Integer(0), 5, "votes an article or question needs before "
            "\"needs attention\" ranks it by its Wilson lower bound; with fewer it comes after"),
    Setting("SECRET_KEY", Optional(Text()), None, "signs the staff session cookie and the CSRF "
            "tokens; set it when several hosts serve `/insights/`",
            "random, kept in `SECRET_KEY_FILE`"),
    Setting("SECRET_KEY_FILE", FilePath(), ".fokus/secret_key",
            "where the random key is kept"),
    Setting("SESSION_HOURS", Integer(1), 8, "a staff session ends this long after sign-in"),
    Setting("SIGNIN_RATE_LIMIT", RateLimit(), "5 per minute;30 per hour", "failed sign-ins "
            "allowed per client address, and separately per login name; past it the form "
            "answers 429 (successful sign-ins do not count)"),
    Setting("TRUSTED_PROXIES", NetworkList(), [], "addresses or networks (`10.0.0.5`, "
            "`10.0.0.0/24`) of the reverse proxy; only from these are `SSO_HEADER` and "
            "`X-Forwarded-Proto` believed"),
    Setting("SSO_HEADER", Optional(Text()), None, "header in which the proxy names the "
            "signed-in user (e.g. `X-Remote-User`); unset: no single sign-on"),
    Setting("SSO_GROUPS_HEADER", Optional(Text()), None,
            "header with the user's groups, comma-separated (e.g. `X-Remote-Groups`)"),
    Setting("SSO_ALLOWED_USERS", TextList(), [], "users let in by single sign-on"),
    Setting("SSO_ALLOWED_GROUPS", TextList(), [],
            "groups whose members are let in by single sign-on"),
)
BY_NAME: dict[str, Setting] = {s.name: s for s in SETTINGS}
SETTINGS_NAMES = [s.name for s in SETTINGS]
# Resolved to absolute paths at load, against the directory the service starts in.
PATH_SETTINGS = tuple(s.name for s in SETTINGS if isinstance(s.kind, FilePath)
                      or isinstance(getattr(s.kind, "kind", None), FilePath))


# -- loading -----------------------------------------------------------------------------------

def load_settings(overrides: Mapping[str, Any] | None = None, *,
                  settings_file: str | os.PathLike | None = None,
                  defaults: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Every setting, checked and resolved. `settings_file` wins over FOKUS_SETTINGS: the
    command line's `--settings` is the caller's choice. Keys of `overrides` that are not
    settings (Flask's own, such as TESTING) are passed through."""
    config = Config(os.getcwd(), {s.name: _copy(s.default) for s in SETTINGS})
    config.update(_checked(defaults or {}, "defaults", strict=True))
    path = settings_file or os.environ.get(SETTINGS_FILE_VARIABLE)
    if path:
        path = os.fspath(path)
        try:
            config.from_file(path, load=partial(_read_toml, path), text=False)
        except OSError as exc:
            reason = os.strerror(exc.errno) if exc.errno else str(exc)
            raise SettingsError(f"{path}: cannot read the settings file ({reason})") from None
    config.update(_from_environment())
    config.update(_checked(overrides or {}, "settings", strict=False))
    return _resolve(_corpus_follows_its_site(dict(config), defaults or {}))


def _corpus_follows_its_site(settings: dict[str, Any],
                             defaults: Mapping[str, Any]) -> dict[str, Any]:
    """The caller's default corpus lies inside its default site (`corpus_file` in `site_dir`):
    when the file or environment names another site but no corpus, the corpus is taken at the
    same place inside that site."""
    site, corpus = defaults.get("SITE_DIR"), defaults.get("CORPUS_PATH")
    if (site and corpus and settings["CORPUS_PATH"] == corpus
            and settings["SITE_DIR"] != site and Path(corpus).is_relative_to(site)):
        settings["CORPUS_PATH"] = Path(settings["SITE_DIR"]) / Path(corpus).relative_to(site)
    return settings


def _copy(value: Any) -> Any:
    return list(value) if isinstance(value, list) else value


def _checked(values: Mapping[str, Any], origin: str, *, strict: bool) -> dict[str, Any]:
    checked = {}
    for name, value in values.items():
        setting = BY_NAME.get(name)
        if setting is None:
            if strict:
                raise SettingsError(f"{origin}: {name}: {_unknown(name, SETTINGS_NAMES)}")
            checked[name] = value
            continue
        try:
            checked[name] = setting.kind.check(value)
        except Invalid as exc:
            raise SettingsError(f"{origin}: {name}: {exc}") from None
    return checked


def _read_toml(path: str, handle: IO[bytes]) -> dict[str, Any]:
    """The file's settings, keyed by name (Flask's from_file keeps upper-case keys only)."""
    raw = handle.read()
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise SettingsError(f"{path}: not a valid TOML file: {exc}") from None
    text = raw.decode("utf-8")
    settings = {}
    for key, value in data.items():
        where = f"{path}:{_line_of(text, key)}: {key}"
        setting = BY_NAME.get(key.upper())
        if setting is None:
            raise SettingsError(f"{where}: {_unknown(key, [s.key for s in SETTINGS])}")
        try:
            settings[setting.name] = setting.kind.check(value)
        except Invalid as exc:
            raise SettingsError(f"{where}: {exc}") from None
    return settings


def _line_of(text: str, key: str) -> int:
    pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*[=.]", re.MULTILINE)
    match = pattern.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def _from_environment() -> dict[str, Any]:
    """FOKUS_* variables, collected by Flask and taken as text: each setting's kind reads it
    (JSON-decoding would turn a numeric salt or key into a number)."""
    environment = Config(os.getcwd())
    environment.from_prefixed_env(ENV_PREFIX, loads=str)
    environment.pop(SETTINGS_FILE_VARIABLE.removeprefix(f"{ENV_PREFIX}_"), None)
    settings = {}
    for name, text in environment.items():
        variable = f"{ENV_PREFIX}_{name}"
        setting = BY_NAME.get(name)
        if setting is None or not isinstance(text, str):
            names = [s.variable for s in SETTINGS] + [SETTINGS_FILE_VARIABLE]
            raise SettingsError(f"{variable}: {_unknown(variable, names)}")
        try:
            settings[name] = setting.kind.parse(text)
        except Invalid as exc:
            raise SettingsError(f"{variable}: {exc}") from None
    return settings


def _unknown(name: str, known: list[str]) -> str:
    close = difflib.get_close_matches(name, known, n=1)
    hint = f" (did you mean `{close[0]}`?)" if close else ""
    return f"unknown setting{hint}; docs/configuration.md lists every setting"


def _resolve(settings: dict[str, Any]) -> dict[str, Any]:
    site = Path(settings["SITE_DIR"]).resolve()
    if not settings["CORPUS_PATH"]:
        settings["CORPUS_PATH"] = site / "corpus.json"
    for name in PATH_SETTINGS:
        settings[name] = str(Path(settings[name]).resolve())
    if not settings["DATABASE_URL"]:
        settings["DATABASE_URL"] = f"sqlite:///{DEFAULT_DATABASE.resolve()}"
    return settings


# -- reference ---------------------------------------------------------------------------------

def settings_markdown() -> str:
    """The table of settings in docs/configuration.md (`fokus settings` prints it)."""
    lines = [
        "<!-- Generated from search_service/config.py by `fokus schema settings`; do not edit "
        "by hand. -->",
        "",
        "| setting | type | default | meaning |",
        "| --- | --- | --- | --- |",
    ]
    for setting in SETTINGS:
        lines.append(f"| `{setting.name}` | {setting.kind.doc} | {_default_text(setting)} | "
                     f"{setting.help} |")
    return "\n".join(lines) + "\n"


def _default_text(setting: Setting) -> str:
    if setting.shown_default is not None:
        shown = setting.shown_default
        return shown if "`" in shown else f"`{shown}`"
    value = setting.default
    if value in (None, [], ""):
        return "none"
    if isinstance(value, bool):
        return f"`{'true' if value else 'false'}`"
    return f"`{value}`"
