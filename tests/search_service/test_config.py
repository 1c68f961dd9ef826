"""Service settings: one declared table; defaults, a TOML file, FOKUS_* environment variables,
then the caller; every mistake named with its setting and where it came from."""

import re
from pathlib import Path

import pytest
from flask import Flask

from search_service import create_app
from search_service.config import SETTINGS, SettingsError, load_settings, settings_markdown

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch, tmp_path):
    """No FOKUS_* variable of the machine running the tests leaks in."""
    import os

    for name in list(os.environ):
        if name.startswith("FOKUS_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_are_embedded_and_resolved(tmp_path):
    settings = load_settings()
    assert settings["SITE_DIR"] == str(tmp_path / "site")
    assert settings["CORPUS_PATH"] == str(tmp_path / "site" / "corpus.json")
    assert settings["DATABASE_URL"] == f"sqlite:///{tmp_path / '.fokus' / 'fokus.db'}"
    assert settings["FEEDBACK_ORIGINS"] == [] and settings["WATCH_CORPUS"] is True
    assert {s.name: settings[s.name] for s in SETTINGS if s.name == "RETENTION_DAYS"} == {
        "RETENTION_DAYS": 396}


def test_file_then_environment_then_caller(monkeypatch, tmp_path):
    settings_file = write(tmp_path / "fokus.toml", 'site_dir = "/srv/kb"\nmax_query_length = 150\n'
                          'feedback_origins = ["https://kb.example.se"]\n')
    monkeypatch.setenv("FOKUS_SETTINGS", str(settings_file))
    monkeypatch.setenv("FOKUS_MAX_QUERY_LENGTH", "120")
    monkeypatch.setenv("FOKUS_WATCH_CORPUS", "false")
    settings = load_settings({"INDEX_DIR": "ix"})
    assert settings["SITE_DIR"] == "/srv/kb"
    assert settings["MAX_QUERY_LENGTH"] == 120  # environment beats the file
    assert settings["WATCH_CORPUS"] is False
    assert settings["FEEDBACK_ORIGINS"] == ["https://kb.example.se"]
    assert settings["INDEX_DIR"] == str(Path(tmp_path / "ix"))


def test_the_file_the_caller_names_wins_over_fokus_settings(monkeypatch, tmp_path):
    # The command line's --settings b.toml is the user's choice; FOKUS_SETTINGS=a.toml is not
    # read at all (a broken a.toml does not matter).
    monkeypatch.setenv("FOKUS_SETTINGS", str(write(tmp_path / "a.toml", "max_page = [")))
    chosen = write(tmp_path / "b.toml", "max_page = 7\n")
    assert load_settings(settings_file=chosen)["MAX_PAGE"] == 7
    with pytest.raises(SettingsError, match="a.toml"):
        load_settings()


def test_the_callers_defaults_lie_beneath_file_and_environment(monkeypatch, tmp_path):
    defaults = {"SITE_DIR": str(tmp_path / "built"),
                "CORPUS_PATH": str(tmp_path / "built" / "data" / "kb.json")}
    assert load_settings(defaults=defaults)["CORPUS_PATH"] == defaults["CORPUS_PATH"]
    monkeypatch.setenv("FOKUS_CORPUS_PATH", str(tmp_path / "other.json"))
    settings = load_settings(defaults=defaults)
    assert settings["CORPUS_PATH"] == str(tmp_path / "other.json")
    assert settings["SITE_DIR"] == defaults["SITE_DIR"]


def test_a_site_named_without_its_corpus_keeps_the_corpus_file_of_the_defaults(monkeypatch,
                                                                              tmp_path):
    defaults = {"SITE_DIR": str(tmp_path / "built"),
                "CORPUS_PATH": str(tmp_path / "built" / "data" / "kb.json")}
    monkeypatch.setenv("FOKUS_SITE_DIR", "/srv/kb/site")
    settings = load_settings(defaults=defaults)
    assert settings["SITE_DIR"] == "/srv/kb/site"
    assert settings["CORPUS_PATH"] == "/srv/kb/site/data/kb.json"


def test_list_settings_from_the_environment(monkeypatch):
    monkeypatch.setenv("FOKUS_FEEDBACK_ORIGINS", "https://a.example.se, https://b.example.se")
    assert load_settings()["FEEDBACK_ORIGINS"] == ["https://a.example.se",
                                                    "https://b.example.se"]


def test_environment_values_are_read_by_the_settings_type(monkeypatch):
    monkeypatch.setenv("FOKUS_HASH_SALT", "0123456789")  # text, though it looks like a number
    monkeypatch.setenv("FOKUS_PRUNE_DAILY", "off")
    monkeypatch.setenv("FOKUS_SSO_HEADER", "")  # empty: unset
    monkeypatch.setenv("FOKUS_TRUSTED_PROXIES", "10.0.0.5, 10.0.0.0/24, ::1")
    settings = load_settings()
    assert settings["HASH_SALT"] == "0123456789"
    assert settings["PRUNE_DAILY"] is False
    assert settings["SSO_HEADER"] is None
    assert settings["TRUSTED_PROXIES"] == ["10.0.0.5", "10.0.0.0/24", "::1"]


@pytest.mark.parametrize("toml, message", [
    ("max_pages = 10\n", r"fokus.toml:1: max_pages: unknown setting \(did you mean "
                         r"`max_page`\?\)"),
    ('site_dir = "site"\nmax_page = "tio"\n',
     r"fokus.toml:2: max_page: expected an integer, got str 'tio'"),
    ("retention_days = 0\n", r"fokus.toml:1: retention_days: must be at least 1, got 0"),
    ("watch_corpus = 1\n", r"fokus.toml:1: watch_corpus: expected true or false, got int 1"),
    ('feedback_rate_limit = "många"\n',
     r"fokus.toml:1: feedback_rate_limit: 'många' is not a rate limit"),
    ('trusted_proxies = ["10.0.0.300"]\n',
     r"fokus.toml:1: trusted_proxies: '10.0.0.300' is not an address or network"),
    ("[insights]\nmin_votes = 3\n", r"fokus.toml:1: insights: unknown setting"),
    ("max_page = \n", r"fokus.toml: not a valid TOML file: .*line 1"),
])
def test_a_bad_file_names_the_file_the_line_and_the_setting(tmp_path, toml, message):
    settings_file = write(tmp_path / "fokus.toml", toml)
    with pytest.raises(SettingsError, match=message):
        load_settings(settings_file=settings_file)


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(SettingsError, match=r"nowhere.toml: cannot read the settings file "
                                            r"\(No such file or directory\)"):
        load_settings(settings_file=tmp_path / "nowhere.toml")


@pytest.mark.parametrize("variable, value, message", [
    ("FOKUS_MAX_PAGE", "tio", r"FOKUS_MAX_PAGE: expected an integer, got 'tio'"),
    ("FOKUS_WATCH_CORPUS", "kanske", r"FOKUS_WATCH_CORPUS: expected true or false"),
    ("FOKUS_SIGNIN_RATE_LIMIT", "5 per fortnight", r"FOKUS_SIGNIN_RATE_LIMIT: .* rate limit"),
    ("FOKUS_DATABSE_URL", "sqlite://", r"FOKUS_DATABSE_URL: unknown setting \(did you mean "
                                       r"`FOKUS_DATABASE_URL`\?\)"),
])
def test_a_bad_environment_variable_is_named(monkeypatch, variable, value, message):
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError, match=message):
        load_settings()


def test_the_app_refuses_a_bad_setting_by_name(monkeypatch, tmp_path):
    monkeypatch.setenv("FOKUS_SESSION_HOURS", "-1")
    with pytest.raises(SettingsError, match="FOKUS_SESSION_HOURS: must be at least 1"):
        create_app({"SITE_DIR": str(tmp_path), "INDEX_ON_START": False})


def test_the_docs_table_is_generated_from_the_declarations():
    docs = (REPO / "docs" / "configuration.md").read_text(encoding="utf-8")
    assert settings_markdown() in docs, (
        "docs/configuration.md is stale: paste the output of `fokus schema settings` over its "
        "table of service settings")
    for setting in SETTINGS:
        assert setting.help and f"| `{setting.name}` |" in settings_markdown()


def test_every_setting_the_service_reads_is_declared(tmp_path):
    # Besides the declared settings, only Flask's and its extensions' own keys (which they
    # put into the config themselves) may be read.
    app = create_app({"SITE_DIR": str(tmp_path), "INDEX_ON_START": False,
                      "WATCH_CORPUS": False, "PRUNE_DAILY": False})
    known = {s.name for s in SETTINGS} | set(app.config)
    read = set()
    for path in (REPO / "search_service").rglob("*.py"):
        read |= set(re.findall(r"config(?:\[|\.get\()\s*[\"']([A-Z][A-Z0-9_]+)[\"']",
                               path.read_text(encoding="utf-8")))
    assert len(read) > 10
    assert read - known == set()
    assert read - set(Flask.default_config) >= {"SITE_DIR", "FEEDBACK_RATE_LIMIT"}
