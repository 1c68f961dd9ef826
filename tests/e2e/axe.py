"""axe-core, Deque's accessibility engine, fetched from the npm registry at a pinned version.

The test installs it itself into a cache folder, so a clean clone needs only `npm` (CI installs
it with the browser). The version is pinned so a new axe release never changes a test's result
unannounced."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

AXE_VERSION = "4.10.3"
# The rules of the law's standard: EN 301 549 asks for WCAG 2.1 AA.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
BLOCKING_IMPACTS = {"critical", "serious"}
# Moderate in axe, but a screen reader's list of regions is useless when names repeat: two
# search forms, or one feedback region per open FAQ answer, must each have a name of its own.
ALSO_BLOCKING = {"landmark-unique"}


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "fokus" / f"axe-core-{AXE_VERSION}"


def axe_script() -> str:
    """The text of axe.min.js, installed with npm on first use."""
    folder = cache_dir()
    script = folder / "node_modules" / "axe-core" / "axe.min.js"
    if not script.exists():
        npm = shutil.which("npm")
        if npm is None:
            raise RuntimeError("npm is missing: install it (apt-get install npm) so the "
                               f"accessibility tests can fetch axe-core {AXE_VERSION}")
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run([npm, "install", "--no-save", "--no-audit", "--no-fund",
                        "--prefix", str(folder), f"axe-core@{AXE_VERSION}"],
                       check=True, capture_output=True, timeout=300)
    return script.read_text(encoding="utf-8")


def blocking_violations(page, script: str) -> list[str]:
    """axe's critical and serious violations on the page as it is now, one line per node."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=script)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    found = []
    for violation in result["violations"]:
        if violation["impact"] not in BLOCKING_IMPACTS and violation["id"] not in ALSO_BLOCKING:
            continue
        for node in violation["nodes"]:
            found.append(f"{violation['id']} ({violation['impact']}): "
                         f"{json.dumps(node['target'])} {node['failureSummary'][:200]}")
    return found
