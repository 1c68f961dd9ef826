"""An organisation's MkDocs project with Fokus added, composed the way its staff would do it:
their own `mkdocs.yml` kept as it is, the `fokus` plugin appended to its plugins.

The real trees live in `../shared/corpora/` (next to the repository, never copied into it);
each holds `docs/` and the organisation's configuration as `upstream-mkdocs.yml`.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
CORPORA_DIR = REPO_ROOT.parent / "shared" / "corpora"
UPSTREAM_CONFIG = "upstream-mkdocs.yml"
# The only thing an organisation adds to its configuration to adopt Fokus.
FOKUS_OPTIONS = {"language": "en"}
PYTHON_NAME_TAG = "tag:yaml.org,2002:python/name:"


class _Loader(yaml.SafeLoader):
    """Reads a configuration to check what was composed; `!!python/name:` values (Material's
    emoji settings, custom fences) are kept as their names, MkDocs resolves them itself."""


_Loader.add_multi_constructor(PYTHON_NAME_TAG, lambda loader, suffix, node: suffix)
_TOP_KEY_RE = re.compile(r"^[^\s#]")


def read_config(text: str) -> dict:
    return yaml.load(text, Loader=_Loader) or {}


def with_fokus(upstream: str, options: dict | None = None) -> str:
    """The organisation's configuration, byte for byte, with the lines its staff would add:
    a `- fokus:` entry at the end of its `plugins:` list, or a `plugins:` list of MkDocs'
    default `search` and `fokus` when it has none (so `search` still runs as it did).

    Kept as text, not loaded and dumped again, so that everything a YAML round trip would
    lose reaches MkDocs as the organisation wrote it: comments, archer2's duplicated
    `extra.analytics` key, cscs's `!!python/name:` tags."""
    settings = dict(FOKUS_OPTIONS, **(options or {}))
    lines = upstream.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    starts = [i for i, line in enumerate(lines) if re.match(r"plugins:\s*(#.*)?$", line)]
    if not starts:
        entry = "".join(f"      {key}: {value}\n" for key, value in settings.items())
        composed = "".join(lines) + "plugins:\n  - search\n  - fokus:\n" + entry
    else:
        start = starts[0]
        end = next((i for i in range(start + 1, len(lines)) if _TOP_KEY_RE.match(lines[i])),
                   len(lines))
        items = [line for line in lines[start + 1:end] if line.lstrip().startswith("- ")]
        if not items:
            raise ValueError("`plugins:` is not a block list; add `- fokus:` by hand")
        indent = " " * (len(items[0]) - len(items[0].lstrip()))
        while end > start + 1 and not lines[end - 1].strip():
            end -= 1  # after the last item, before the blank lines that end the block
        entry = [f"{indent}- fokus:\n"] + [f"{indent}    {key}: {value}\n"
                                            for key, value in settings.items()]
        composed = "".join(lines[:end] + entry + lines[end:])
    plugins = read_config(composed)["plugins"]
    assert plugins[-1] == {"fokus": settings}, plugins
    return composed


def make_project(tree: Path, dest: Path, options: dict | None = None) -> Path:
    """`dest/docs` copied from ``tree/docs`` and `dest/mkdocs.yml` composed from the tree's
    upstream configuration; returns ``dest``."""
    shutil.copytree(tree / "docs", dest / "docs", symlinks=True)
    text = with_fokus((tree / UPSTREAM_CONFIG).read_text(encoding="utf-8"), options)
    custom_dir = (read_config(text).get("theme") or {}).get("custom_dir")
    if custom_dir and not (dest / custom_dir).is_dir():
        # The trees ship `docs/` only: eidf's `overrides/main.html` (it empties Material's
        # announce block) and cscs's `overrides/` stayed in their repositories. MkDocs refuses
        # a missing custom_dir, so the project gets an empty one, as if it had no overrides.
        (dest / custom_dir).mkdir(parents=True)
    (dest / "mkdocs.yml").write_text(text, encoding="utf-8")
    return dest


def fokus(project: Path, *args: str, timeout: float = 900) -> subprocess.CompletedProcess:
    """Run the `fokus` command in ``project`` as an author would, with this checkout's code."""
    return subprocess.run([sys.executable, "-m", "fokus", *args], cwd=project,
                          env=_env(), capture_output=True, text=True, timeout=timeout)


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    return env


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """`fokus serve --no-build` over an already built project, on a free local port."""

    def __init__(self, project: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = project / "serve.log"
        self._log = self.log.open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "fokus", "serve", "--no-build", "--port",
             str(self.port)], cwd=project, env=_env(), stdout=self._log,
            stderr=subprocess.STDOUT)

    def wait_until_up(self, seconds: float = 120) -> bool:
        """True once /api/health answers; False when the process died or time ran out."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                with urllib.request.urlopen(self.url + "/api/health", timeout=2):
                    return True
            except OSError:
                time.sleep(0.25)
        return False

    def output(self) -> str:
        self._log.flush()
        return self.log.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._log.close()
