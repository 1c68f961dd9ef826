"""What git knows about a content tree: where its repository starts and when each file was last
committed. Used by `fokus check --fix` to date an adopted page's last review."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

_DATE_MARK = "\x01"  # starts each commit's date in the log output; never part of a file name


def repository_root(path: Path) -> Path | None:
    """The top of the git work tree that holds ``path``; None when there is none (or no git)."""
    result = _git(path, "rev-parse", "--show-toplevel")
    if result is None or result.returncode != 0:
        return None
    return Path(result.stdout.decode("utf-8", "surrogateescape").strip())


def last_commit_dates(root: Path) -> dict[str, dt.date]:
    """The date of the last commit touching each file below ``root``, keyed by its POSIX path
    relative to ``root``. One `git log` for the whole tree: a call per file would take minutes
    on a large history. Empty when ``root`` is not in a repository or nothing is committed."""
    result = _git(root, "-c", "core.quotepath=off", "log", f"--format={_DATE_MARK}%cs",
                  "--name-only", "-z", "--relative", "--", ".")
    if result is None or result.returncode != 0:
        return {}
    dates: dict[str, dt.date] = {}
    date = None
    for token in result.stdout.decode("utf-8", "surrogateescape").split("\0"):
        token = token.lstrip("\n")
        if token.startswith(_DATE_MARK):
            date = dt.date.fromisoformat(token[1:])
        elif token and date is not None:
            dates.setdefault(token, date)  # the log is newest first
    return dates


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess[bytes] | None:
    try:
        return subprocess.run(["git", "-C", str(cwd), *args], capture_output=True, check=False)
    except OSError:  # git is not installed
        return None
