"""Service settings: defaults, a TOML file, FOKUS_* environment variables, then the caller."""

from pathlib import Path

from search_service.config import load_settings


def test_defaults_are_embedded_and_resolved(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    settings = load_settings()
    assert settings["SITE_DIR"] == str(tmp_path / "site")
    assert settings["CORPUS_PATH"] == str(tmp_path / "site" / "corpus.json")
    assert settings["DATABASE_URL"] == f"sqlite:///{tmp_path / '.fokus' / 'fokus.db'}"
    assert settings["FEEDBACK_ORIGINS"] == [] and settings["WATCH_CORPUS"] is True


def test_file_then_environment_then_caller(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    settings_file = tmp_path / "fokus.toml"
    settings_file.write_text('site_dir = "/srv/kb"\nmax_query_length = 150\n'
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


def test_list_settings_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("FOKUS_FEEDBACK_ORIGINS", "https://a.example.se, https://b.example.se")
    assert load_settings()["FEEDBACK_ORIGINS"] == ["https://a.example.se",
                                                    "https://b.example.se"]
