"""`fokus serve --watch`, the authors' preview, run as an author runs it: a save shows on the
served page and in search; a bad save is a finding, and the page served stays as it was."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ..conftest import repo_environment, write_kb
from ..servers import free_port, stop, wait_for_health

ARTICLE = "content/konton/aterstall-losenord.md"
PAGE = "/konton/aterstall-losenord/"
WAIT_S = 60.0  # the preview needs about a second; the machine may be busy


class Preview:
    def __init__(self, root: Path, port: int, log: Path):
        self.root, self.port, self.log = root, port, log

    def get(self, path: str) -> str:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=5) as reply:
            return reply.read().decode("utf-8")

    def search(self, query: str) -> list[int]:
        answer = json.loads(self.get(f"/api/search?q={urllib.parse.quote(query)}"))
        return [hit["article_id"] for hit in answer["hits"]]

    def edit(self, old: str, new: str) -> None:
        path = self.root / ARTICLE
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new), encoding="utf-8")

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def until(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"{what} within {WAIT_S:.0f} s")


@pytest.fixture
def preview(tmp_path) -> Iterator[Preview]:
    write_kb(tmp_path)
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "fokus", "serve", "--watch", "--port", str(port)],
            cwd=tmp_path, stdout=out, stderr=subprocess.STDOUT, env=repo_environment(),
            start_new_session=True)
    try:
        wait_for_health(port, server)
        yield Preview(tmp_path, port, log)
    finally:
        stop(server)


def test_a_save_shows_on_the_page_and_in_search(preview):
    assert "glasmästare" not in preview.get(PAGE)
    assert preview.search("glasmästare") == []
    preview.edit("Så gör du.", "Så gör du, sa glasmästaren.")
    until(lambda: "sa glasmästaren" in preview.get(PAGE), "the edit did not show")
    until(lambda: preview.search("glasmästaren") == [42], "search did not find the new text")
    assert "Rebuilt 1 page(s) and the search index" in preview.output()


def test_a_bad_save_is_a_finding_and_the_page_served_stays(preview):
    served = preview.get(PAGE)
    preview.edit("category: konton", "category: ekonomi")
    until(lambda: "Rebuild failed" in preview.output(), "the failed rebuild was not reported")
    assert ("content/konton/aterstall-losenord.md:6: category: unknown service area `ekonomi`"
            in preview.output())
    assert preview.get(PAGE) == served
    preview.edit("category: ekonomi", "category: konton")
    preview.edit("Så gör du.", "Så gör du nu.")
    until(lambda: "Så gör du nu." in preview.get(PAGE), "the corrected edit did not show")
