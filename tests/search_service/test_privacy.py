"""Personal data typed into a search, a comment or a need is replaced before it is stored."""

from __future__ import annotations

import multiprocessing
import os
import re
import stat
import sys
from pathlib import Path
from threading import Barrier

import pytest
from sqlalchemy import select

from search_service.privacy import load_salt, scrub
from search_service.store import metadata, search_days

from .test_feedback import make_app, vote

PRIVACY_DOC = Path(__file__).resolve().parents[2] / "docs" / "privacy.md"


@pytest.mark.parametrize("typed, stored", [
    ("anna.svensson@norrvik.se 19800101-1234", "[email] [id-number]"),
    ("Anna.Svensson+kb@Norrvik.SE kan inte logga in", "[email] kan inte logga in"),
    ("800101-1234", "[id-number]"),
    ("800101+1234 född för 100 år sedan", "[id-number] född för 100 år sedan"),
    ("198001011234", "[id-number]"),
    ("samordningsnummer 800161-1234", "samordningsnummer [id-number]"),
    ("ring mig på 070-123 45 67", "ring mig på [phone]"),
    ("+46 70 123 45 67", "[phone]"),
    ("0046701234567", "[phone]"),
    ("växeln 010-123 45 00 svarar inte", "växeln [phone] svarar inte"),
    ("08-123 456 78", "[phone]"),
])
def test_personal_data_becomes_a_placeholder(typed, stored):
    assert scrub(typed) == stored


@pytest.mark.parametrize("typed", [
    "KB-0042 återställ lösenord", "windows 10 22h2", "port 8080", "ärende INC0012345",
    "skrivare plan 3", "år 2024 och 2025", "19801301-1234 är inget datum", "office 365",
    "", "vpn",
])
def test_ordinary_searches_are_left_alone(typed):
    assert scrub(typed) == typed


def test_searches_votes_and_needs_are_stored_scrubbed(tmp_path, database_url):
    app = make_app(tmp_path, database_url)
    client = app.test_client()
    store = app.extensions["fokus_store"]
    typed = "anna.svensson@norrvik.se 19800101-1234"

    assert client.get("/api/search", query_string={"q": typed}).status_code == 200
    assert client.post("/api/feedback", json=vote(
        comment=f"Jag är {typed}, ring 070-123 45 67", query=typed)).status_code == 201
    reply = client.post("/api/needs", json={"text": f"Hjälp {typed}", "query": typed})
    assert reply.status_code == 201

    assert [s["query"] for s in store.searches()] == ["[email] [id-number]"]
    [stored_vote] = store.votes()
    assert stored_vote["comment"] == "Jag är [email] [id-number], ring [phone]"
    assert stored_vote["query"] == "[email] [id-number]"
    assert reply.get_json()["text"] == "Hjälp [email] [id-number]"
    assert reply.get_json()["query"] == "[email] [id-number]"
    [day] = store.read(select(search_days))
    assert day["query"] == "[email] [id-number]"  # and so is the day's summary of it
    everything = repr(store.searches()) + repr(store.votes()) + repr(reply.get_json())
    # "19800101", not "1234": a random visitor hash holds four given digits now and then.
    assert "norrvik.se" not in everything and "19800101" not in everything


def test_the_privacy_page_says_what_every_table_keeps():
    """docs/privacy.md has a row for every table the store has, in both of its lists."""
    text = PRIVACY_DOC.read_text(encoding="utf-8")
    stored, kept = text.split("## Stored")[1].split("## Kept for")
    listed = set(re.findall(r"^\| [^|]*\(`(\w+)`\)", stored, flags=re.M))
    assert listed == set(metadata.tables)
    for table in ("search_days", "weekly_totals"):
        assert f"`{table}`" in kept


def _salt_in_a_new_process(path: str, start: Barrier) -> bytes:
    start.wait(timeout=30)
    return load_salt(None, path)


def test_the_salt_file_is_readable_by_its_owner_alone(tmp_path):
    salt = load_salt(None, tmp_path / "state" / "salt")
    path = tmp_path / "state" / "salt"
    assert path.read_bytes() == salt and re.fullmatch(rb"[0-9a-f]{64}", salt)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_salt(None, path) == salt  # kept: the same pseudonyms after a restart
    assert load_salt("configured", path) == b"configured"


def test_workers_starting_together_share_one_whole_salt(tmp_path):
    """Each round, six processes ask for a salt that does not exist yet, at the same moment:
    all get the same one, none gets it empty, and no temporary file is left behind."""
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager, context.Pool(6) as pool:
        for round_ in range(10):
            path = tmp_path / f"round-{round_}" / "salt"
            start = manager.Barrier(6)
            salts = pool.starmap(_salt_in_a_new_process, [(str(path), start)] * 6)
            assert len(set(salts)) == 1 and len(salts[0]) == 64, salts
            assert [p.name for p in path.parent.iterdir()] == ["salt"]


def test_the_salt_file_appears_whole_and_private_or_not_at_all(tmp_path):
    """What another worker could see: the file under its name is never opened for writing
    (where it could be read empty or before its mode is set); it appears complete, mode 0600."""
    path = tmp_path / "salt"
    seen: list[tuple] = []

    def watch(event: str, args: tuple) -> None:
        if not _WATCHING or event not in ("open", "os.link"):
            return
        if event == "open" and str(args[0]) == str(path):
            seen.append(("open", args[1], args[2]))
        elif event == "os.link" and str(args[1]) == str(path):
            draft = Path(args[0])
            seen.append(("link", stat.S_IMODE(draft.stat().st_mode), len(draft.read_bytes())))

    sys.addaudithook(watch)  # audit hooks cannot be removed: _WATCHING turns it off again
    _WATCHING.append(True)
    try:
        salt = load_salt(None, path)
    finally:
        _WATCHING.clear()
    writes = [s for s in seen if s[0] == "open" and (s[1] not in (None, "r", "rb")
                                                   or (s[2] or 0) & (os.O_WRONLY | os.O_RDWR))]
    assert writes == [] and ("link", 0o600, len(salt)) in seen, seen


_WATCHING: list[bool] = []
