"""Preview benchmark (issue 13): how long after a save `fokus serve --watch` shows the change.

Writes N synthetic articles (bench/synthetic.py), starts `fokus serve --watch` on them as its
own process (the repository's mkdocs.yml), waits until it answers, then edits one article
--edits times (a new word in its text each time, a different article each time) and, after
each save, polls the served page every 20 ms until the new word is on it and then the search
API until it finds the word, each poll loop bounded by --timeout. Reports the time from the
save to each (median and slowest), and what the preview printed about its rebuilds.

    python bench/preview_bench.py                    # 1,000 articles; writes docs/benchmarks.md
    python bench/preview_bench.py --no-write         # print only

Not a pytest test. See bench/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shlex
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
sys.path.insert(0, str(BENCH_DIR))

from build_bench import machine, report_header, table, write_section  # noqa: E402
from synthetic import AREAS, write_tree  # noqa: E402

START = "<!-- bench:preview:start -->"
END = "<!-- bench:preview:end -->"
TARGET_S = 2.0  # issue 13: the change shows within 2 s of the save
POLL_S = 0.02
_REBUILT_RE = re.compile(r"Rebuilt (\d+) page\(s\) and the search index in ([\d.]+) s")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=5) as reply:
        return reply.read()


def poll(check, timeout: float) -> float | None:
    """Seconds until check() holds, or None after timeout."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        try:
            if check():
                return time.perf_counter() - start
        except (OSError, urllib.error.URLError):
            pass
        time.sleep(POLL_S)
    return None


def article_path(content: Path, article_id: int) -> Path:
    return content / AREAS[article_id % len(AREAS)] / f"artikel-{article_id}.md"


def measure(size: int, edits: int, timeout: float, workdir: Path) -> dict:
    content = workdir / "content"
    write_tree(content, size)
    config = workdir / "mkdocs.yml"
    config.write_text((REPO / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    port = free_port()
    log = workdir / "serve.log"
    env = dict(os.environ, PYTHONPATH=str(REPO), FOKUS_INDEX_DIR=str(workdir / "index"),
               FOKUS_DATABASE_URL=f"sqlite:///{workdir / 'events.db'}")
    cmd = [sys.executable, "-m", "fokus", "serve", "--watch", "-f", str(config),
           "--content", str(content), "--output", str(workdir / "site"), "--port", str(port)]
    base = f"http://127.0.0.1:{port}"
    with log.open("w") as out:
        started = time.perf_counter()
        server = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env,
                                  cwd=workdir, start_new_session=True)
    try:
        first = poll(lambda: get(f"{base}/api/health") is not None, 600)
        if first is None:
            raise SystemExit(f"the preview did not start:\n{log.read_text()[-3000:]}")
        startup = time.perf_counter() - started
        pages, searches = [], []
        for n in range(edits):
            article_id = 10 + 37 * n  # a different article each time, in several areas
            path = article_path(content, article_id)
            word = f"benchord{n}x{int(time.time())}"
            text = path.read_text(encoding="utf-8")
            marker = "\n## "
            page_url = f"{base}/{AREAS[article_id % len(AREAS)]}/artikel-{article_id}/"
            query = f"{base}/api/search?q={urllib.parse.quote(word)}"
            time.sleep(1.0)  # the previous save's rebuild is over
            path.write_text(text.replace(marker, f"\n\nNytt ord {word}.\n{marker}", 1),
                            encoding="utf-8")
            saved = time.perf_counter()
            page = poll(lambda w=word, u=page_url: w.encode() in get(u), timeout)
            found = poll(lambda q=query: json.loads(get(q))["hits"] != [], timeout)
            total = time.perf_counter() - saved
            pages.append(page)
            searches.append(total if found is not None else None)
            shown = "not within the timeout" if page is None else f"{page:.2f} s"
            print(f"  edit {n + 1}/{edits} (KB-{article_id:04d}): page {shown}, search "
                  f"{'not found' if found is None else f'{total:.2f} s'}", flush=True)
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
    rebuilds = [(int(m[0]), float(m[1])) for m in _REBUILT_RE.findall(log.read_text())]
    return {"size": size, "startup": startup, "pages": pages, "searches": searches,
            "rebuilds": rebuilds}


def summary(values: list[float | None]) -> str:
    done = [v for v in values if v is not None]
    missing = len(values) - len(done)
    if not done:
        return "never"
    text = f"{statistics.median(done):.2f} s (slowest {max(done):.2f} s)"
    return text + (f", {missing} not within the timeout" if missing else "")


def section(result: dict, command: str, started: dt.datetime,
            loads: tuple[tuple[float, ...], tuple[float, ...]]) -> str:
    pages = result["pages"]
    ok = all(p is not None and p <= TARGET_S for p in pages)
    slowest = max((p for p in pages if p is not None), default=None)
    rebuilt = result["rebuilds"][1:] if len(result["rebuilds"]) > len(pages) else result["rebuilds"]
    rows = [[f"{result['size']:,}", str(len(pages)), summary(pages), summary(result["searches"]),
             ", ".join(f"{n} in {s:.1f} s" for n, s in rebuilt) or "–"]]
    return "\n".join([
        *report_header("Preview: `fokus serve --watch` (issue 13)", started, command, machine(),
                       loads),
        "",
        table(["articles", "saves", "save → page shows it (median)",
               "save → search finds it (median)", "pages rendered, rebuild + index (log)"],
              rows),
        "",
        f"- Start-up (first full build, index, first answer): {result['startup']:.1f} s.",
        "- Each save puts a new word into one article's text (a different article each time); "
        f"the page is polled every {POLL_S * 1000:.0f} ms from the moment the file is written "
        "until the word is on it, then `/api/search` until it finds the word. The times "
        "include the watcher's settling delay (0.1 s), loading the tree (unchanged pages "
        "are not parsed again), regenerating Fokus's pages, rendering the pages whose render "
        "key changed, the link check, the corpus and the incremental index update.",
        "",
        "| target | measured | result |",
        "| --- | --- | --- |",
        f"| After a save of one article in a {result['size']:,}-article tree the preview shows "
        f"the change in ≤ {TARGET_S:.0f} s | slowest "
        f"{'never' if slowest is None else f'{slowest:.2f} s'} | {'PASS' if ok else 'FAIL'} |",
    ]) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1000, help="articles (default: 1000)")
    parser.add_argument("--edits", type=int, default=5, help="saves measured (default: 5)")
    parser.add_argument("--timeout", type=float, default=30.0,
                        help="seconds each poll loop waits at most (default: 30)")
    out = parser.add_mutually_exclusive_group()
    out.add_argument("--out", default=str(REPO / "docs" / "benchmarks.md"))
    out.add_argument("--no-write", action="store_true", help="print the results only")
    args = parser.parse_args(argv)
    started, load_start = dt.datetime.now(dt.UTC), os.getloadavg()
    command = shlex.join(["python", *(sys.argv if argv is None else ["preview_bench.py", *argv])])
    with tempfile.TemporaryDirectory(prefix="fokus-preview-") as temp:
        print(f"{args.size:,} articles, {args.edits} saves ...", flush=True)
        result = measure(args.size, args.edits, args.timeout, Path(temp))
    body = section(result, command, started, (load_start, os.getloadavg()))
    print("\n" + body)
    if not args.no_write:
        write_section(Path(args.out), body, START, END)
        print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
