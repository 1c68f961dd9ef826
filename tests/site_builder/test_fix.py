"""`fokus check --fix`: adopting an existing MkDocs docs tree as a Fokus knowledge base.

Every derived field, where its value comes from, the summary that names those sources, and
the promise under all of it: only front-matter lines are added, nothing else changes.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from fokus.cli import main
from site_builder.codeowners import CodeOwners, parse_codeowners
from site_builder.content import load_content
from site_builder.source import read_source

from ..conftest import Tree, article, write_kb

REPO = Path(__file__).resolve().parents[2]
CORPORA = REPO.parent / "shared" / "corpora"
TODAY = "2026-11-26"  # the plugin's pinned `today`
ADOPTED = ("id", "title", "type", "category", "owner", "reviewed")


def project(tmp_path: Path, *, language: str = "en", nav: str = "") -> Tree:
    """An MkDocs project as an organisation has it: mkdocs.yml with the fokus plugin, docs/."""
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: Docs\nsite_url: https://docs.example.org/\ntheme:\n  name: material\n"
        f"plugins:\n  - fokus:\n      language: {language}\n      today: \"{TODAY}\"\n{nav}",
        encoding="utf-8")
    return Tree(tmp_path / "docs")


def fix(tmp_path, monkeypatch, *args: str):
    monkeypatch.chdir(tmp_path)
    return CliRunner().invoke(main, ["check", "--fix", *args])


def body_after_front_matter(path: Path) -> bytes:
    """The bytes after the closing `---` of the front matter."""
    raw = path.read_bytes()
    lines = raw.splitlines(keepends=True)
    assert lines[0].lstrip(b"\xef\xbb\xbf").rstrip() == b"---"
    end = next(i for i in range(1, len(lines)) if lines[i].rstrip() == b"---")
    return b"".join(lines[end + 1:])


def meta_of(path: Path) -> dict:
    """The page's front matter as Fokus reads it (dates as text: the schema converts them)."""
    source, problems = read_source(path.parent, path.name)
    assert source is not None and source.meta is not None, problems
    return source.meta


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


# -- what is derived, and from where -------------------------------------------------------

def test_a_page_without_front_matter_gets_every_field_and_keeps_its_body(tmp_path, monkeypatch):
    docs = project(tmp_path)
    original = "# Reset your password\n\nGo to the portal.\n\n---\n\n## Steps\n\n1. Log in.\n"
    page = docs.write("accounts/password.md", original)
    result = fix(tmp_path, monkeypatch, "--owner", "Helpdesk")
    assert result.exit_code == 0, result.output
    assert page.read_text(encoding="utf-8") == (
        "---\nid: 1\ntitle: Reset your password\ntype: guide\ncategory: accounts\n"
        f"owner: Helpdesk\nreviewed: {TODAY}\n---\n" + original)
    assert "docs/categories.yml: added accounts\n" in result.output


def test_bodies_stay_byte_for_byte_with_crlf_bom_and_odd_characters(tmp_path, monkeypatch):
    docs = project(tmp_path)
    crlf = "# Windows page\r\n\r\nText\r\n---\r\nmore\u2028text\r\n"
    docs.write("win/crlf.md", crlf.encode("utf-8"))
    docs.write("win/bom.md", "\ufeff# With a BOM\n\nText.\n".encode())
    docs.write("win/old.md", b"---\r\nhide:\r\n  - toc\r\n---\r\n# Old\r\nBody\r\n")
    assert fix(tmp_path, monkeypatch, "--owner", "Helpdesk").exit_code == 0
    assert body_after_front_matter(docs.root / "win/crlf.md") == crlf.encode()
    assert body_after_front_matter(docs.root / "win/bom.md") == b"# With a BOM\n\nText.\n"
    assert body_after_front_matter(docs.root / "win/old.md") == b"# Old\r\nBody\r\n"
    # Added lines follow the file's own line endings, and the BOM stays first.
    assert (docs.root / "win/crlf.md").read_bytes().startswith(b"---\r\nid: ")
    assert (docs.root / "win/bom.md").read_bytes().startswith(b"\xef\xbb\xbf---\nid: ")
    assert b"hide:\r\n  - toc\r\nid: " in (docs.root / "win/old.md").read_bytes()


def test_ids_are_the_next_free_ones_never_a_retired_one(tmp_path, monkeypatch):
    docs = project(tmp_path)
    docs.write("retired.yml", "- id: 50\n  title: Old VPN client\n")
    docs.write("accounts/known.md", article(7, "Known", category="accounts"))
    docs.write("accounts/a.md", "# A\n")
    docs.write("accounts/b.md", "# B\n")
    assert fix(tmp_path, monkeypatch, "--owner", "Helpdesk").exit_code == 0
    assert [meta_of(docs.root / f"accounts/{n}.md")["id"] for n in "ab"] == [51, 52]


def test_title_is_the_first_heading_as_plain_text(tmp_path, monkeypatch):
    docs = project(tmp_path, nav="markdown_extensions:\n  - attr_list\n")
    docs.write("ssh/keys.md",
               "```bash\n# not a heading: a shell comment\n```\n\n<!--\n# Hidden in a comment\n"
               "-->\n\n# \u2060Using `ssh` \\[beta\\] with **keys** &amp; agents {#keys}\n\n"
               "Text.\n")
    assert fix(tmp_path, monkeypatch, "--owner", "Helpdesk").exit_code == 0
    assert meta_of(docs.root / "ssh/keys.md")["title"] == "Using ssh [beta] with keys & agents"


def test_without_a_heading_the_title_comes_from_the_nav_then_the_file_name(tmp_path,
                                                                           monkeypatch):
    nav = ("nav:\n  - Home: index.md\n  - Containers:\n"
           "    - 'Known issues': containers/known-issue.md\n")
    docs = project(tmp_path, nav=nav)
    docs.write("index.md", "Welcome.\n")
    docs.write("containers/known-issue.md", "## Slow builds\n\nUse the mirror.\n")
    docs.write("containers/run_jobs.md", "Text without a heading.\n")
    docs.write("containers/index.md", "Text.\n")
    result = fix(tmp_path, monkeypatch, "--owner", "Helpdesk")
    assert result.exit_code == 0, result.output
    titles = {n: meta_of(docs.root / f"containers/{n}.md")["title"]
              for n in ("known-issue", "run_jobs", "index")}
    assert titles == {"known-issue": "Known issues", "run_jobs": "Run jobs",
                      "index": "Containers"}
    assert "title: file name for 2, nav for 1" in result.output


def test_the_area_is_the_top_folder_made_a_slug_with_a_fallback_for_top_level_pages(
        tmp_path, monkeypatch):
    docs = project(tmp_path, language="en")
    docs.write("User Guide/start.md", "# Start\n")
    docs.write("about.md", "# About us\n")
    result = fix(tmp_path, monkeypatch, "--owner", "Helpdesk")
    assert result.exit_code == 0, result.output
    assert meta_of(docs.root / "User Guide/start.md")["category"] == "user-guide"
    assert meta_of(docs.root / "about.md")["category"] == "general"
    areas = yaml.safe_load((docs.root / "categories.yml").read_text(encoding="utf-8"))
    assert {a["slug"]: a["title"] for a in areas} == {"user-guide": "User Guide",
                                                       "general": "General"}
    assert "category: folder name made a slug for 1, `general` for top-level pages for 1" \
        in result.output


def test_the_fallback_area_is_named_in_the_content_language(tmp_path, monkeypatch):
    docs = project(tmp_path, language="sv")
    docs.write("om-oss.md", "# Om oss\n")
    assert fix(tmp_path, monkeypatch, "--owner", "Servicedesk").exit_code == 0
    assert meta_of(docs.root / "om-oss.md")["category"] == "ovrigt"
    assert "- slug: ovrigt\n  title: Övrigt\n" in (docs.root / "categories.yml").read_text(
        encoding="utf-8")


def test_categories_yml_is_extended_keeping_its_entries_and_comments(tmp_path, monkeypatch):
    nav = ("nav:\n  - 'Storage in the cloud':\n    - storage/overview.md\n"
           "    - storage/quotas.md\n")
    docs = project(tmp_path, nav=nav)
    existing = ("# Our areas, in start-page order.\n- slug: accounts\n  title: Accounts\n"
                "  owner: Identity team  # the IAM group\n")
    docs.write("categories.yml", existing)
    docs.write("accounts/mfa.md", "# MFA\n")
    docs.write("network/index.md", "# Network and VPN\n")
    docs.write("network/vpn.md", "# VPN\n")
    docs.write("storage/overview.md", "# Overview\n")
    docs.write("storage/quotas.md", "# Quotas\n")
    docs.write("printing/queues.md", "# Queues\n")
    result = fix(tmp_path, monkeypatch, "--owner", "Helpdesk")
    assert result.exit_code == 0, result.output
    text = (docs.root / "categories.yml").read_text(encoding="utf-8")
    assert text.startswith(existing)
    assert yaml.safe_load(text[len(existing):]) == [
        {"slug": "network", "title": "Network and VPN", "owner": "Helpdesk"},
        {"slug": "printing", "title": "Printing", "owner": "Helpdesk"},
        {"slug": "storage", "title": "Storage in the cloud", "owner": "Helpdesk"}]
    assert ("categories.yml: 3 areas added (title: index.md heading for 1, folder name for 1, "
            "nav section for 1)") in result.output


@pytest.mark.parametrize("path", [
    "faq/index.md", "faq/upgrade-2023.md", "storage/faq.md", "vpn/vpn-faq.md",
    "vpn/troubleshooting.md", "known-issues/index.md", "containers/known-issue.md",
    "help/frequently-asked-questions.md", "services/registry/FAQ.md"])
def test_faq_and_troubleshooting_pages_are_known_by_their_name(tmp_path, monkeypatch, path):
    docs = project(tmp_path)
    docs.write(path, "# Help\n\nText.\n")
    result = fix(tmp_path, monkeypatch, "--owner", "Helpdesk")
    assert "Adopted 1 page (1 faq)" in result.output, result.output
    assert meta_of(docs.root / path)["type"] == "faq"


def test_a_page_of_question_headings_is_a_faq_and_others_are_guides(tmp_path, monkeypatch):
    docs = project(tmp_path)
    docs.write("vpn/questions.md", "# VPN\n\n## Why does it drop?\n\nWi-Fi.\n\n"
                                    "## How do I log in?\n\nLike this.\n\n## Contact\n\nUs.\n")
    docs.write("vpn/setup.md", "# Set up VPN\n\n## Why?\n\n## Install\n\n## Log in\n")
    docs.write("vpn/faqtory.md", "# Not a FAQ: the word only starts with faq\n")
    assert fix(tmp_path, monkeypatch, "--owner", "Helpdesk").exit_code == 0
    types = {n: meta_of(docs.root / f"vpn/{n}.md")["type"]
             for n in ("questions", "setup", "faqtory")}
    assert types == {"questions": "faq", "setup": "guide", "faqtory": "guide"}


def test_type_default_sets_the_type_of_pages_that_are_not_faqs(tmp_path, monkeypatch):
    docs = project(tmp_path)
    docs.write("rules/conduct.md", "# Code of conduct\n")
    docs.write("rules/faq.md", "# Rules FAQ\n")
    result = fix(tmp_path, monkeypatch, "--owner", "Helpdesk", "--type-default", "handbook")
    assert result.exit_code == 0, result.output
    assert meta_of(docs.root / "rules/conduct.md")["type"] == "handbook"
    assert meta_of(docs.root / "rules/faq.md")["type"] == "faq"
    assert "type: --type-default for 1, faq by name for 1" in result.output


def test_news_by_default_also_gets_the_date_it_announces(tmp_path, monkeypatch):
    docs = project(tmp_path)
    docs.write("status/outage.md", "# Planned outage\n")
    result = fix(tmp_path, monkeypatch, "--owner", "Ops", "--type-default", "news")
    assert result.exit_code == 0, result.output
    meta = meta_of(docs.root / "status/outage.md")
    assert (meta["type"], meta["date"]) == ("news", TODAY)
    assert "date: today for 1" in result.output


# -- owners ---------------------------------------------------------------------------------

def test_owner_from_the_option_else_the_area_else_codeowners(tmp_path, monkeypatch):
    docs = project(tmp_path)
    docs.write("categories.yml", "- slug: accounts\n  title: Accounts\n  owner: Identity\n"
                                 "- slug: network\n  title: Network\n")
    docs.write("accounts/mfa.md", "# MFA\n")
    docs.write("network/vpn.md", "# VPN\n")
    docs.write("network/wifi/eduroam.md", "# Eduroam\n")
    (tmp_path / ".github").mkdir()
    (tmp_path / ".github/CODEOWNERS").write_text(
        "# Last match wins\n*  @org/web\n/docs/network/ @org/net  # the network team\n"
        "docs/network/wifi/*.md @org/wifi @alice\n", encoding="utf-8")
    result = fix(tmp_path, monkeypatch)
    assert result.exit_code == 0, result.output
    owners = {p: meta_of(docs.root / p)["owner"]
              for p in ("accounts/mfa.md", "network/vpn.md", "network/wifi/eduroam.md")}
    assert owners == {"accounts/mfa.md": "Identity", "network/vpn.md": "@org/net",
                      "network/wifi/eduroam.md": "@org/wifi, @alice"}
    assert "owner: .github/CODEOWNERS for 2, categories.yml for 1" in result.output
    docs.write("network/new.md", "# New\n")
    again = fix(tmp_path, monkeypatch, "--owner", "Helpdesk")
    assert meta_of(docs.root / "network/new.md")["owner"] == "Helpdesk"
    assert 'owner: --owner "Helpdesk" for 1' in again.output


def test_codeowners_follows_gitignore_patterns_and_the_last_match():
    rules = parse_codeowners("*.md @docs\n/build/ @ci\n**/faq/** @faq\napps/ @apps\n"
                             "apps/github @nobody-after\napps/github\n[Section]\n")
    owners = CodeOwners(Path("CODEOWNERS"), rules)
    assert owners.owners_of("docs/a.md") == ("@docs",)
    assert owners.owners_of("docs/faq/x.md") == ("@faq",)
    assert owners.owners_of("build/x.txt") == ("@ci",)
    assert owners.owners_of("src/build/x.txt") == ()  # anchored at the root
    assert owners.owners_of("x/apps/y.txt") == ("@apps",)  # a bare folder matches anywhere
    assert owners.owners_of("apps/github") == ()  # the last match names nobody: unowned


def test_without_any_source_of_owners_fix_stops_and_writes_nothing(tmp_path, monkeypatch):
    docs = project(tmp_path)
    docs.write("accounts/mfa.md", "# MFA\n")
    docs.write("accounts/sso.md", "# SSO\n")
    docs.write("accounts/done.md", article(9, "Done", category="accounts"))
    before = files(tmp_path)
    result = fix(tmp_path, monkeypatch)
    assert result.exit_code == 2
    assert "2 pages have no owner" in result.output
    for option in ("--owner NAME", "categories.yml", "CODEOWNERS", "Nothing was written"):
        assert option in result.output
    assert files(tmp_path) == before


# -- review dates -----------------------------------------------------------------------------

def _git(cwd: Path, *args: str, date: str | None = None) -> None:
    env = {"GIT_COMMITTER_DATE": date, "GIT_AUTHOR_DATE": date} if date else {}
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=t@example.org", *args],
                   cwd=cwd, check=True, capture_output=True,
                   env={"PATH": "/usr/bin:/bin", "HOME": str(cwd), **env})


def test_reviewed_is_the_last_commit_date_from_one_git_log(tmp_path, monkeypatch):
    docs = project(tmp_path)
    docs.write("vpn/old.md", "# Old\n")
    docs.write("vpn/newer.md", "# Newer\n")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-qm", "first", date="2024-03-05T10:00:00+00:00")
    docs.write("vpn/newer.md", "# Newer\n\nEdited.\n")
    _git(tmp_path, "commit", "-qam", "second", date="2025-06-07T10:00:00+00:00")
    docs.write("vpn/draft.md", "# Not committed yet\n")
    calls = []
    real_run = subprocess.run

    def counting_run(command, *args, **kwargs):
        calls.append(command)
        return real_run(command, *args, **kwargs)

    monkeypatch.setattr(subprocess, "run", counting_run)
    result = fix(tmp_path, monkeypatch, "--owner", "Helpdesk")
    assert result.exit_code == 0, result.output
    dates = {n: meta_of(docs.root / f"vpn/{n}.md")["reviewed"] for n in ("old", "newer", "draft")}
    assert dates == {"old": "2024-03-05", "newer": "2025-06-07", "draft": TODAY}
    assert "reviewed: git log for 2, today for 1" in result.output
    assert sum("log" in command for command in calls) == 1  # one call for the whole tree


def test_outside_git_every_page_is_reviewed_today_and_the_summary_says_so(tmp_path,
                                                                          monkeypatch):
    docs = project(tmp_path)
    docs.write("vpn/a.md", "# A\n")
    result = fix(tmp_path, monkeypatch, "--owner", "Helpdesk")
    assert meta_of(docs.root / "vpn/a.md")["reviewed"] == TODAY
    assert "reviewed: today for 1" in result.output


# -- pages with front matter of their own ---------------------------------------------------

def test_existing_front_matter_keeps_every_line_and_gains_the_missing_keys(tmp_path,
                                                                           monkeypatch):
    docs = project(tmp_path)
    head = ("---\ntitle: Getting started\ndescription: How to log in the first time.\n"
            "hide:\n  - navigation\n  - toc\nstatus: new\n# a comment the author wrote\n")
    page = docs.write("start/first.md", head + "---\n# Welcome\n\nBody.\n")
    result = fix(tmp_path, monkeypatch, "--owner", "Helpdesk")
    text = page.read_text(encoding="utf-8")
    assert text == (head + f"id: 1\ntype: guide\ncategory: start\nowner: Helpdesk\n"
                    f"reviewed: {TODAY}\n---\n# Welcome\n\nBody.\n")
    assert "summary:" not in text  # the description serves as the summary
    assert "summary: description for 1" in result.output


def test_a_page_whose_front_matter_cannot_be_read_is_left_alone_and_reported(tmp_path,
                                                                             monkeypatch):
    docs = project(tmp_path)
    broken = "---\ntitle: [unclosed\n---\n# Broken\n"
    docs.write("vpn/broken.md", broken)
    docs.write("vpn/fine.md", "# Fine\n")
    result = fix(tmp_path, monkeypatch, "--owner", "Helpdesk")
    assert (docs.root / "vpn/broken.md").read_text(encoding="utf-8") == broken
    assert "docs/vpn/broken.md: left alone: front matter is not valid YAML" in result.output
    assert "left alone: 1 (listed above)" in result.output
    assert meta_of(docs.root / "vpn/fine.md")["id"] == 1


def test_values_yaml_would_misread_are_quoted(tmp_path, monkeypatch):
    docs = project(tmp_path)
    titles = ["Q: what is #1?", "yes", "2024", "- dash", "[draft] notes", "on", "a: b",
              "'single'", "@home", "Ends with colon:", "null"]
    for number, title in enumerate(titles):
        docs.write(f"odd/p{number}.md", f"# {title}\n")
    owner = "Team: Support #2"
    assert fix(tmp_path, monkeypatch, "--owner", owner).exit_code == 0
    for number, title in enumerate(titles):
        meta = meta_of(docs.root / f"odd/p{number}.md")
        assert (meta["title"], meta["owner"]) == (title, owner)


def test_the_root_index_stays_the_start_page_introduction(tmp_path, monkeypatch):
    docs = project(tmp_path)
    home = "# Welcome to the docs\n\nStart here.\n"
    docs.write("index.md", home)
    docs.write("vpn/a.md", "# A\n")
    result = fix(tmp_path, monkeypatch, "--owner", "Helpdesk")
    assert (docs.root / "index.md").read_text(encoding="utf-8") == home
    assert "index.md: kept as the start page's introduction" in result.output
    assert load_content(docs.root).intro == home


def test_a_symlinked_page_is_adopted_once_through_its_target(tmp_path, monkeypatch):
    docs = project(tmp_path)
    docs.write("vpn/real.md", "# Real\n")
    (docs.root / "vpn/alias.md").symlink_to("real.md")
    result = fix(tmp_path, monkeypatch, "--owner", "Helpdesk")
    assert (docs.root / "vpn/alias.md").is_symlink()
    assert meta_of(docs.root / "vpn/real.md")["id"] == 1
    assert "docs/vpn/alias.md: left alone: is a symbolic link" in result.output
    assert "Adopted 1 page (1 guide)" in result.output


# -- the summary, the dry run and a second run ---------------------------------------------

def test_the_summary_names_where_every_value_came_from(tmp_path, monkeypatch):
    nav = "nav:\n  - 'Printing': printing/queues.md\n"
    docs = project(tmp_path, nav=nav)
    docs.write("printing/queues.md", "Printer queues.\n")
    docs.write("printing/faq.md", "# Printing FAQ\n")
    docs.write("printing/setup.md", "---\ndescription: Add a printer.\n---\n# Set up\n")
    result = fix(tmp_path, monkeypatch, "--owner", "Helpdesk")
    summary = next(line for line in result.output.splitlines() if line.startswith("Adopted"))
    assert summary == (
        "Adopted 3 pages (2 guide, 1 faq); title: heading for 2, nav for 1; "
        "type: guide by default for 2, faq by name for 1; category: folder for 3; "
        'owner: --owner "Helpdesk" for 3; reviewed: today for 3; summary: description for 1; '
        "categories.yml: 1 area added (title: folder name for 1)")
    assert ("docs/printing/queues.md: added id, title (nav), type (guide by default), "
            'category (folder), owner (--owner "Helpdesk"), reviewed (today)') in result.output


def test_dry_run_shows_the_diff_of_pages_and_categories_and_writes_nothing(tmp_path,
                                                                           monkeypatch):
    docs = project(tmp_path)
    docs.write("vpn/a.md", "# Connect\n")
    before = files(tmp_path)
    result = fix(tmp_path, monkeypatch, "--owner", "Helpdesk", "--dry-run")
    assert files(tmp_path) == before
    assert "--- a/docs/vpn/a.md\n+++ b/docs/vpn/a.md\n" in result.stdout
    assert "+title: Connect\n" in result.stdout and "+type: guide\n" in result.stdout
    assert "+++ b/docs/categories.yml\n" in result.stdout and "+- slug: vpn\n" in result.stdout
    assert "(dry run: nothing written)" in result.stderr


def test_options_of_fix_need_fix(tmp_path, monkeypatch):
    project(tmp_path).write("vpn/a.md", "# A\n")
    monkeypatch.chdir(tmp_path)
    for args in (["--dry-run"], ["--owner", "X"], ["--type-default", "faq"]):
        result = CliRunner().invoke(main, ["check", *args])
        assert result.exit_code == 2 and "go with --fix" in result.output


def test_check_never_modifies_files_without_fix(tmp_path, monkeypatch):
    kb = write_kb(tmp_path)
    kb.write("natverk/skrivare.md", "# Skriv ut på våning 3\n\nGå till skrivaren.\n")
    before = files(tmp_path)
    monkeypatch.chdir(tmp_path)
    CliRunner().invoke(main, ["check"])
    assert files(tmp_path) == before


def test_an_adopted_sample_tree_checks_clean_and_a_second_fix_changes_nothing(tmp_path,
                                                                              monkeypatch):
    kb = write_kb(tmp_path)  # Swedish sample areas, each with an owner
    kb.write("natverk/skrivare.md", "# Skriv ut på våning 3\n\nGå till skrivaren.\n")
    kb.write("konton/halv.md", "---\ntype: guide\nowner: Servicedesk\nreviewed: 2026-10-01\n"
                               "---\nText utan rubrik.\n")
    first = fix(tmp_path, monkeypatch)
    assert first.exit_code == 0, first.output
    assert "owner: categories.yml for 1" in first.output
    assert meta_of(kb.root / "natverk/skrivare.md")["owner"] == "Team Nätverk"
    assert meta_of(kb.root / "konton/halv.md")["title"] == "Halv"
    once = files(tmp_path)
    second = fix(tmp_path, monkeypatch)
    assert "Nothing to adopt" in second.output and "added" not in second.output
    assert files(tmp_path) == once


# -- the real trees in ../shared/corpora ----------------------------------------------------

MISSING_FIELD = re.compile(rf": ({'|'.join(ADOPTED)}): is required")


def _corpus_project(tmp_path: Path, name: str) -> Path:
    """The tree's docs/ with its own mkdocs.yml, the fokus plugin added to its plugins."""
    corpus = CORPORA / f"{name}-docs"
    assert corpus.is_dir(), f"{corpus} is missing: the tests need ../shared/corpora"
    shutil.copytree(corpus / "docs", tmp_path / "docs", symlinks=True)
    (tmp_path / "overrides").mkdir()  # the theme's custom_dir, not part of the corpus
    config = (corpus / "upstream-mkdocs.yml").read_text(encoding="utf-8")
    fokus = f"- fokus:\n      language: en\n      today: \"{TODAY}\"\n"
    plugins = re.search(r"^plugins:\n( +)", config, re.MULTILINE)
    if plugins:
        indent = plugins.group(1)
        config = config[:plugins.end()] + fokus + indent + config[plugins.end():]
    else:
        config += "\nplugins:\n  - search\n  " + fokus
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    return tmp_path / "docs"


@pytest.mark.parametrize("name", ["eidf", "archer2", "cscs"])
def test_a_real_mkdocs_tree_is_adopted_whole_without_touching_a_body(tmp_path, monkeypatch,
                                                                     name):
    docs = _corpus_project(tmp_path, name)
    original = files(docs)
    result = fix(tmp_path, monkeypatch, "--owner", "Helpdesk")
    assert not MISSING_FIELD.findall(result.output), result.output
    assert "Traceback" not in result.output
    pages = [p for p in original if p.endswith(".md") and p != "index.md"]
    summary = next(line for line in result.output.splitlines() if line.startswith("Adopted"))
    assert summary.startswith(f"Adopted {len(pages)} pages (")
    assert "index.md: kept as the start page's introduction" in summary
    for rel in pages:
        path = docs / rel
        assert body_after_front_matter(path) == original[rel], rel
        meta = meta_of(path)
        assert all(meta.get(key) for key in ADOPTED), (rel, meta)
    assert (docs / "index.md").read_bytes() == original["index.md"]
    tree = load_content(docs)
    assert {a.category for a in tree.articles} <= set(yaml_slugs(docs / "categories.yml"))
    once = files(docs)
    second = fix(tmp_path, monkeypatch, "--owner", "Helpdesk")
    assert "Nothing to adopt" in second.output
    assert files(docs) == once


def yaml_slugs(path: Path) -> list[str]:
    return [entry["slug"] for entry in yaml.safe_load(path.read_text(encoding="utf-8"))]


# -- the documentation ------------------------------------------------------------------------

@pytest.mark.parametrize("doc", ["CONTRIBUTING.md", "docs/front-matter.md"])
def test_adopting_is_documented_for_authors_and_in_the_reference(doc):
    text = (REPO / doc).read_text(encoding="utf-8")
    section = text.split("## Adopting an existing MkDocs site", 1)[1].split("\n## ", 1)[0]
    for term in ("fokus check --fix", "--dry-run", "--owner", "--type-default", "nav",
                 "file name", "faq/", "troubleshooting", "categories.yml", "CODEOWNERS", "git",
                 "today", "description", "index.md", "left alone", "general", "ovrigt",
                 "**What it never touches**", "**What to check after**"):
        assert term in section, term
