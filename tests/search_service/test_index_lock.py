"""One index writer at a time, across processes (issue 12, point 7).

A served app (gunicorn, two workers watching the corpus) answers searches while the corpus's
synonyms change, which makes each worker want a full rebuild, and three more full rebuilds run
at once in processes of their own, as `fokus index --full` does. Every rebuild ends well, no
search fails, and the index directory holds nothing but the current index, the one before it,
CURRENT and the lock: not even what a writer killed mid-build left behind."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from search_service.corpus import load_corpus
from search_service.indexing import CURRENT, LOCK, IndexBusy, IndexDirectory

from ..servers import REPO, running_service, service_environment
from .corpus_factory import record, section, write_corpus

ARTICLES = 600  # past indexing.PARALLEL_FROM: the writer runs worker processes of its own
WORDS = ("lösenord skrivare nätverk vpn outlook kalender behörighet dator uppdatering telefon "
         "säkerhet inloggning konto certifikat utskrift skanner licens ärende mapp").split()
REBUILD = ("import sys\nfrom search_service.indexing_service import IndexKeeper\n"
           "print(IndexKeeper(sys.argv[1], sys.argv[2], watch=False).update(full=True).mode)")


def many_articles() -> list[dict]:
    rng = random.Random(12)
    def text(n: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(n)) + "."
    return [record(number, f"Artikel {number} om {rng.choice(WORDS)}",
                   section("Gör så här", text(60)), section("Om felet kvarstår", text(40)),
                   summary=text(12))
            for number in range(1, ARTICLES + 1)]


def rebuild(corpus, index) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", REBUILD, str(corpus), str(index)],
                            env=service_environment({}), cwd=REPO, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def leftovers(directory: IndexDirectory) -> list[str]:
    """Entries that are neither the lock, CURRENT, nor a file of a kept index."""
    current = directory.current_name()
    names = sorted(p.name for p in directory.path.glob("fokus*.meta.json"))
    kept = {current}
    older = [n.removesuffix(".meta.json") for n in names
             if n.removesuffix(".meta.json") < current]
    kept.update(older[-1:])
    return sorted(p.name + ("/" if p.is_dir() else "") for p in directory.path.iterdir()
                  if p.name not in (LOCK, CURRENT)
                  and not any(p.name.startswith((k + ".", k + "_", "_" + k + "_")) and p.is_file()
                              for k in kept))


def kill_mid_build(corpus, index) -> None:
    """Start a full rebuild and kill -9 it while it writes (its temporary folder exists)."""
    writer = rebuild(corpus, index)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not any(index.glob("fokus*.tmp")):
        time.sleep(0.01)
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=10)


def writers_of(index) -> list[int]:
    """Processes, the writer's own worker processes included, that write this index."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            command = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if str(index).encode() in command and REBUILD.encode() in command:
            found.append(int(proc.name))
    return found


def until_gone(index, timeout: float = 10) -> list[int]:
    deadline = time.monotonic() + timeout
    while writers_of(index) and time.monotonic() < deadline:
        time.sleep(0.1)
    return writers_of(index)


class SearchLoad(threading.Thread):
    """Searches one after another until stopped; keeps every status and error."""

    def __init__(self, port: int):
        super().__init__(daemon=True)
        self.port, self.stopped = port, threading.Event()
        self.statuses: list[int] = []
        self.errors: list[str] = []

    def run(self) -> None:
        queries = ["lösenord", "skrivare utskrift", "vpn nätverk", "certifikat", "wlan"]
        number = 0
        while not self.stopped.is_set() and number < 20_000:  # bounded
            query = urllib.parse.quote(queries[number % len(queries)])
            number += 1
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/api/search?q={query}",
                                            timeout=30) as reply:
                    self.statuses.append(reply.status)
            except Exception as error:  # noqa: BLE001 (every failure is the finding)
                self.errors.append(repr(error))


@pytest.fixture
def corpus(tmp_path):
    articles = many_articles()
    path = write_corpus(tmp_path / "site" / "corpus.json", articles,
                        synonyms=[["wifi", "wlan"]])
    return path, articles


def test_three_rebuilds_at_once_under_load_end_well_and_leave_nothing(tmp_path, corpus):
    corpus_path, articles = corpus
    index = tmp_path / "index"
    directory = IndexDirectory(index)
    directory.update(load_corpus(corpus_path))
    kill_mid_build(corpus_path, index)
    assert leftovers(directory), "the killed writer should have left something to clean up"
    # Its own writer processes die with it, and do not keep the lock: the next writer gets it.
    assert until_gone(index) == []
    with directory.writing(wait=False):
        pass

    log = tmp_path / "service.log"
    settings = {"SITE_DIR": str(corpus_path.parent), "INDEX_DIR": str(index),
                "DATABASE_URL": f"sqlite:///{tmp_path / 'fokus.db'}",
                "SALT_FILE": str(tmp_path / "salt"), "WATCH_CORPUS": "true"}
    with running_service(settings, log=log) as port:
        load = SearchLoad(port)
        load.start()
        time.sleep(1)
        # New synonyms: each worker's watcher wants a full rebuild too.
        write_corpus(corpus_path, articles, synonyms=[["wifi", "wlan", "trådlöst"]])
        writers = [rebuild(corpus_path, index) for _ in range(3)]
        outcomes = [writer.communicate(timeout=300) + (writer.returncode,) for writer in writers]
        settle(directory)
        time.sleep(2)  # searches on the settled index, after the workers' views moved
        load.stopped.set()
        load.join(timeout=60)

    assert [rc for _, _, rc in outcomes] == [0, 0, 0], outcomes
    assert [out.strip() for out, _, _ in outcomes] == ["full"] * 3
    assert load.errors == [] and set(load.statuses) == {200}, load.errors[:5]
    assert len(load.statuses) > 20
    assert "Traceback" not in log.read_text(errors="replace")
    assert leftovers(directory) == [] and until_gone(index) == []
    assert directory.read_meta(directory.current_name())["synonyms"] == [
        ["wifi", "wlan", "trådlöst"]]


def settle(directory: IndexDirectory, timeout: float = 120) -> None:
    """Until no process writes the index (the watchers have had their turn, or skipped)."""
    deadline = time.monotonic() + timeout
    time.sleep(3)  # longer than the watchers' check interval
    while time.monotonic() < deadline:
        try:
            with directory.writing(wait=False):
                return
        except IndexBusy:
            time.sleep(0.2)
    raise AssertionError("a writer held the index lock for two minutes")


def test_a_writer_that_must_not_wait_is_told_the_index_is_busy(tmp_path):
    directory = IndexDirectory(tmp_path / "index")
    with directory.writing():
        other = IndexDirectory(tmp_path / "index")
        with pytest.raises(IndexBusy), other.writing(wait=False):
            pass
    with directory.writing(wait=False):  # free again
        pass
