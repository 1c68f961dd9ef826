"""`fokus report`: per owner, in text, Markdown and JSON, on the hand-computed fixture events."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from click.testing import CliRunner

from fokus.cli import main
from search_service.owners import OwnershipCache
from search_service.periods import Period
from search_service.report import build_report, render, write_files

from .insights_fixtures import insights_app

PERIOD = Period(date(2026, 11, 16), date(2026, 11, 29))


@pytest.fixture
def app(tmp_path, database_url):
    return insights_app(tmp_path, database_url)


def report(app, **options):
    keeper = app.extensions["fokus_index"]
    return build_report(app.extensions["fokus_store"],
                        OwnershipCache(app.config["CORPUS_PATH"]).get(), PERIOD,
                        today=date(2026, 11, 26), default_owner="Servicedesk", min_votes=4,
                        searcher=keeper.engine, **options)


def test_each_owner_gets_their_reviews_articles_comments_searches_and_needs(app):
    data = render(report(app), "json")
    owners = {o["owner"]: o for o in json.loads(data)["owners"]}
    assert list(owners) == ["Servicedesk", "Team Klient", "Team Nätverk"]

    service = owners["Servicedesk"]
    assert [(r["kb"], r["state"]) for r in service["reviews"]] == [("KB-0001", "overdue")]
    assert [c["comment"] for c in service["comments"]] == [
        "<script>alert(1)</script> saknar steg"]
    # "fax" belongs to no area (no filter, no need area, nothing in the index): the default.
    assert service["zero_result_searches"] == [{"query": "fax", "count": 2, "area": None}]
    assert [n["text"] for n in service["needs"]] == ["Finns det en fax?"]

    # "plotter": the need's chosen area (and one search's filter) is the printers'.
    printers = owners["Team Klient"]
    assert printers["zero_result_searches"] == [{"query": "plotter", "count": 2,
                                                 "area": "skrivare"}]
    assert [n["text"] for n in printers["needs"]] == ["Hur skriver jag ut på en plotter?"]

    network = owners["Team Nätverk"]
    assert [(r["kb"], r["state"]) for r in network["reviews"]] == [("KB-0005", "due")]
    assert [(a["kb"], a["question"], a["votes"], a["wilson_lower_bound"])
            for a in network["unhelpful_articles"]] == [
        ("KB-0005", None, 4, pytest.approx(0.3006, abs=1e-4)),
        ("KB-0006", "Varför tappar jag anslutningen?", 10, pytest.approx(0.7225, abs=1e-4))]
    assert [c["comment"] for c in network["comments"]] == [
        "Bra!", "=HYPERLINK(\"https://evil.test\")"]


def test_a_zero_result_search_goes_to_the_area_of_the_best_partial_hit(app):
    # Made when the index had no answer; today "skrivaren" finds the printers' article.
    app.extensions["fokus_store"].record_search("skrivaren", {}, 0, 1.0)
    [printers] = report(app, owner="Team Klient").owners
    assert {"query": "skrivaren", "count": 1, "area": "skrivare"} in \
        printers.zero_result_searches


def test_markdown_is_an_issue_body_with_readers_words_as_code(app):
    [service] = [o for o in report(app).owners if o.owner == "Servicedesk"]
    text = render(report(app, owner="Servicedesk"), "markdown")
    assert text.startswith("# Fokus weekly report: Servicedesk\n")
    assert "## Reviews overdue or due within 30 days (1)" in text
    assert "- KB-0001 Återställ ditt lösenord: due 2026-11-01 (overdue)" in text
    assert "` <script>alert(1)</script> saknar steg `" in text
    assert "## Searches that found nothing (1)\n\n- ` fax `: 2" in text
    assert len(service.comments) == 1


def test_text_is_plain_for_mail(app):
    text = render(report(app, owner="Team Nätverk"), "text")
    assert text.startswith("FOKUS REPORT: Team Nätverk\n")
    assert "  * KB-0005 Installera vpn-klienten: 3 of 4 helpful, Wilson lower bound 0.30" in text
    assert "#" not in text.splitlines()[0]


def test_an_owner_asked_for_by_name_gets_a_section_even_when_empty(app):
    [empty] = report(app, owner="Team Kommunikation").owners
    assert empty.owner == "Team Kommunikation" and empty.empty
    assert "Open needs (0)" in render(report(app, owner="Team Kommunikation"), "text")


def test_one_file_per_owner(app, tmp_path):
    written = write_files(report(app), "markdown", tmp_path / "out")
    assert [p.name for p in written] == ["servicedesk.md", "team-klient.md", "team-natverk.md"]
    assert (tmp_path / "out" / "team-natverk.md").read_text(encoding="utf-8").startswith(
        "# Fokus weekly report: Team Nätverk")


def test_fokus_report_on_the_command_line(app, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for key in ("DATABASE_URL", "CORPUS_PATH", "INDEX_DIR"):
        monkeypatch.setenv(f"FOKUS_{key}", str(app.config[key]))
    runner = CliRunner()
    since = runner.invoke(main, ["report", "--since", "2026-11-16", "--format", "json"])
    assert since.exit_code == 0, since.output
    body = json.loads(since.output)
    assert body["period"]["from"] == "2026-11-16"
    assert {"owner", "zero_result_searches", "unhelpful_articles", "comments", "reviews",
            "needs"} <= set(body["owners"][0])
    out = runner.invoke(main, ["report", "--since", "2026-11-16", "--owner", "Team Klient",
                               "--format", "markdown", "--output", "reports"])
    assert out.exit_code == 0 and (tmp_path / "reports" / "team-klient.md").is_file()
    default = json.loads(runner.invoke(main, ["report", "--format", "json"]).output)
    today = datetime.now(UTC).date()  # the command's clock is the real one
    assert default["period"] == {"from": (today - timedelta(days=6)).isoformat(),
                                 "to": today.isoformat()}  # the last 7 days
    bad = runner.invoke(main, ["report", "--since", "igår"])
    assert bad.exit_code == 2 and "--since" in bad.output
