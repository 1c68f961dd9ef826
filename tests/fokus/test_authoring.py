"""Authoring commands: `fokus new`, machine-readable check output, and the sample content
itself. Adopting a tree with `fokus check --fix` is in test_fix.py."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from click.testing import CliRunner

from fokus.cli import main
from site_builder.content import load_content
from site_builder.scaffold import slugify_title

from ..conftest import article, write_kb

REPO = Path(__file__).resolve().parents[2]


def run(tmp_path, monkeypatch, *args, input=None):
    monkeypatch.chdir(tmp_path)
    return CliRunner().invoke(main, list(args), input=input)


# -- fokus new --------------------------------------------------------------------------------

def test_slug_transliterates_swedish_letters():
    assert slugify_title("Återställ ditt lösenord") == "aterstall-ditt-losenord"
    assert slugify_title("Så här: VPN & wifi (äldre)") == "sa-har-vpn-wifi-aldre"


def test_new_from_options(tmp_path, monkeypatch):
    kb = write_kb(tmp_path)
    kb.write("retired.yml", "- id: 50\n")
    result = run(tmp_path, monkeypatch, "new", "--type", "guide", "--category", "natverk",
                 "--title", "Byt nätverksuttag i ditt rum", "--tag", "nätverk")
    assert result.exit_code == 0, result.output
    path = tmp_path / "content/natverk/byt-natverksuttag-i-ditt-rum.md"
    assert "content/natverk/byt-natverksuttag-i-ditt-rum.md (KB-0051)" in result.output
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\nid: 51\ntitle: Byt nätverksuttag i ditt rum\n")
    assert f"reviewed: {dt.date.today().isoformat()}\n" in text
    assert "owner: Team Nätverk\n" in text  # the service area's owner
    assert "tags: [nätverk]\n" in text and "status: draft\n" in text
    assert "## Gör så här\n\n1. " in text  # a guide has steps
    created = next(a for a in load_content(kb.root).articles if a.id == 51)
    assert (created.type, created.category, created.status) == ("guide", "natverk", "draft")


def test_new_interactively_writes_a_faq_with_question_headings(tmp_path, monkeypatch):
    write_kb(tmp_path)
    result = run(tmp_path, monkeypatch, "new", input="faq\nkonton\nFrågor om MFA\n")
    assert result.exit_code == 0, result.output
    text = (tmp_path / "content/konton/fragor-om-mfa.md").read_text(encoding="utf-8")
    assert "id: 43\n" in text and "type: faq\n" in text and "owner: Servicedesk\n" in text
    assert text.count("\n## ") >= 2 and "?\n\nSvaret." in text


def test_new_news_gets_a_date_and_unknown_area_is_a_usage_error(tmp_path, monkeypatch):
    write_kb(tmp_path)
    news = run(tmp_path, monkeypatch, "new", "--type", "news", "--category", "natverk",
               "--title", "Avbrott")
    assert news.exit_code == 0
    text = (tmp_path / "content/natverk/avbrott.md").read_text(encoding="utf-8")
    assert f"date: {dt.date.today().isoformat()}" in text
    bad = run(tmp_path, monkeypatch, "new", "--type", "guide", "--category", "ekonomi",
              "--title", "X")
    assert bad.exit_code == 2 and "unknown service area `ekonomi`" in bad.output


# -- rendering (adopting a tree with `fokus check --fix` is in test_fix.py) -----------------

def test_a_page_whose_title_came_from_its_heading_shows_it_once(tmp_path, monkeypatch):
    kb = write_kb(tmp_path)
    kb.write("natverk/skrivare.md", article(44, "Skriv ut", category="natverk",
                                            body="# Skriv ut\n\nText. [A](/kb/42/)\n"))
    result = run(tmp_path, monkeypatch, "build")
    assert result.exit_code == 0, result.output
    html = (tmp_path / "site/natverk/skrivare/index.html").read_text(encoding="utf-8")
    assert html.count("<h1") == 1


# -- output for machines ----------------------------------------------------------------------

def test_github_and_json_formats(tmp_path, monkeypatch):
    kb = write_kb(tmp_path)
    kb.write("konton/fel.md", article(9, "Fel", type="wiki", body="[x](/kb/404/)\n"))
    github = run(tmp_path, monkeypatch, "check", "--format", "github")
    assert github.exit_code == 1
    lines = github.output.splitlines()
    assert "::error file=content/konton/fel.md,line=5::type: 'wiki' is not one of handbook, " \
           "guide, faq, news, event" in lines
    as_json = json.loads(run(tmp_path, monkeypatch, "check", "--format", "json").output)
    assert {"file": "content/konton/fel.md", "line": 5, "field": "type",
            "message": "'wiki' is not one of handbook, guide, faq, news, event", "hint": "",
            "severity": "error"} in as_json


def test_strict_turns_warnings_into_failure_and_usage_errors_exit_2(tmp_path, monkeypatch):
    kb = write_kb(tmp_path)
    kb.write("konton/ensam.md", article(9, "Ensam"))  # nothing links to it: a warning
    assert run(tmp_path, monkeypatch, "check").exit_code == 0
    assert run(tmp_path, monkeypatch, "check", "--strict").exit_code == 1
    assert run(tmp_path, monkeypatch, "check", "--format", "xml").exit_code == 2
    assert run(tmp_path, monkeypatch, "check", "--dry-run").exit_code == 2
    assert run(tmp_path, monkeypatch, "check", "--content", "saknas").exit_code == 2


# -- the sample content -----------------------------------------------------------------------

def test_sample_content_passes_check_strict(monkeypatch):
    monkeypatch.chdir(REPO)
    result = CliRunner().invoke(main, ["check", "--strict", "--previous", "/nonexistent"])
    assert result.exit_code == 0, result.output


def test_sample_content_is_a_real_knowledge_base():
    tree = load_content(REPO / "content")
    live = [a for a in tree.published if a.status == "published"]
    assert len(live) >= 60
    assert {a.category for a in live} == set(tree.categories)
    assert {a.type for a in live} == {"handbook", "guide", "faq", "news", "event"}
    assert any(a.banner for a in live) and any(a.type == "event" and a.end for a in live)
    for faq in (a for a in live if a.type == "faq"):
        assert faq.body.count("\n## ") >= 5, faq.path
    assert all(a.owner and a.summary and a.reviewed for a in live)


def test_pull_request_workflow_checks_and_builds_content():
    import yaml

    workflow = yaml.safe_load((REPO / ".github/workflows/content.yml").read_text())
    assert workflow[True]["pull_request"]["paths"][0] == "content/**"  # YAML reads `on` as True
    commands = " ".join(step.get("run", "") for step in workflow["jobs"]["check"]["steps"])
    assert "fokus check --format github" in commands and "fokus build" in commands


def test_contributing_explains_every_field_and_check_message():
    guide = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    from site_builder.schema import ARTICLE_FIELDS

    for spec in ARTICLE_FIELDS:
        assert f"| `{spec.key}` |" in guide, spec.key
    for message in ("is already used by", "was retired", "is now gone", "does not exist",
                    "no heading with anchor", "is a draft", "review was due", "not UTF-8"):
        assert message in guide, message
