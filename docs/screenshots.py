"""Takes the README's screenshots of the portal as `fokus serve` runs it on the starter content:
the start page on a desktop (docs/screenshot.png) and on a phone (docs/screenshot-phone.png).

    python docs/screenshots.py

Uses Debian's Chromium (/usr/bin/chromium) through Playwright, as the browser tests do.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SHOTS = {"screenshot.png": {"width": 1280, "height": 860},
         "screenshot-phone.png": {"width": 390, "height": 844}}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(url: str, server: subprocess.Popen, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"fokus serve exited with {server.returncode}")
        try:
            urllib.request.urlopen(url + "api/health", timeout=2)
            return
        except OSError:
            time.sleep(0.5)
    sys.exit(f"fokus serve did not answer at {url} within {timeout:.0f} s")


def main() -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    with tempfile.TemporaryDirectory() as state:
        env = {**os.environ, "FOKUS_INDEX_DIR": f"{state}/index",
               "FOKUS_DATABASE_URL": f"sqlite:///{state}/fokus.db"}
        server = subprocess.Popen(
            ["fokus", "serve", "--port", str(port), "--output", f"{state}/site"],
            cwd=REPO, env=env)
        try:
            wait_until_up(url, server)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                for name, viewport in SHOTS.items():
                    page = browser.new_page(viewport=viewport, device_scale_factor=1)
                    page.goto(url, wait_until="networkidle")
                    page.screenshot(path=str(REPO / "docs" / name))
                    page.close()
                    print(f"docs/{name}")
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
