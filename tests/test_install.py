"""Fokus installed like a library, as a new organisation gets it: the wheel that
`python -m build` makes, installed into a fresh virtual environment, run in a folder outside
the repository that holds only `content/` and a plain mkdocs.yml.

Slow (a venv and its dependencies from the package index): one venv for the module."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

import pytest

from .conftest import write_kb

REPO = Path(__file__).resolve().parent.parent
PACKAGES = ("fokus", "fokus_theme", "site_builder", "search_service")
PLAIN_MKDOCS_YML = ("site_name: Kunskapsbanken\ndocs_dir: content\ntheme: material\n"
                    "plugins: [fokus]\n")


def run(*command: str | Path, cwd: Path, env: dict[str, str], timeout: float = 600,
        ) -> subprocess.CompletedProcess:
    result = subprocess.run([str(c) for c in command], cwd=cwd, env=env, capture_output=True,
                            text=True, timeout=timeout, check=False)
    assert result.returncode == 0, f"{command}: {result.stdout}\n{result.stderr}"
    return result


def source_files() -> set[str]:
    """Every file of the packages in the source tree, as paths inside the wheel."""
    return {path.relative_to(REPO).as_posix()
            for package in PACKAGES for path in (REPO / package).rglob("*")
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"}


@pytest.fixture(scope="module")
def outside(tmp_path_factory) -> Path:
    """A folder far from the repository, and an environment that knows nothing of it."""
    return tmp_path_factory.mktemp("install")


@pytest.fixture(scope="module")
def clean_env(outside) -> dict[str, str]:
    env = {name: value for name, value in os.environ.items()
           if name not in ("PYTHONPATH", "VIRTUAL_ENV") and not name.startswith("FOKUS_")}
    env["HOME"] = os.environ.get("HOME", str(outside))
    return env


@pytest.fixture(scope="module")
def wheel(outside, clean_env) -> Path:
    """`python -m build` (sdist, then the wheel from it) on a copy of the packaged sources,
    so that no build leftovers of the working tree can slip in."""
    source = outside / "source"
    for name in ("pyproject.toml", "README.md"):
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, source / name)
    for package in PACKAGES:
        shutil.copytree(REPO / package, source / package,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    run(sys.executable, "-m", "build", "--outdir", outside / "dist", source, cwd=outside,
        env=clean_env)
    [built] = (outside / "dist").glob("fokus-*.whl")
    return built


@pytest.fixture(scope="module")
def venv_bin(outside, clean_env, wheel) -> Path:
    """A fresh virtual environment with the wheel and its dependencies (pip's configured
    find-links and cache serve what was downloaded before; the index the rest)."""
    venv = outside / "venv"
    run(sys.executable, "-m", "venv", venv, cwd=outside, env=clean_env)
    run(venv / "bin" / "python", "-m", "pip", "install", "--quiet", wheel, cwd=outside,
        env=clean_env, timeout=900)
    return venv / "bin"


@pytest.fixture(scope="module")
def venv_env(clean_env, venv_bin) -> dict[str, str]:
    return {**clean_env, "PATH": f"{venv_bin}{os.pathsep}{clean_env.get('PATH', '')}"}


def test_the_wheel_holds_every_file_of_the_packages(wheel):
    with zipfile.ZipFile(wheel) as archive:
        packed = set(archive.namelist())
    expected = source_files()
    assert {"fokus_theme/main.html", "search_service/migrations/script.py.mako",
            "search_service/insights/static/insights.css"} <= expected
    assert expected - packed == set()
    entry_points = next(n for n in packed if n.endswith(".dist-info/entry_points.txt"))
    with zipfile.ZipFile(wheel) as archive:
        text = archive.read(entry_points).decode()
    assert "fokus = fokus.cli:main" in text and "fokus = site_builder.plugin:FokusPlugin" in text


def test_the_installed_packages_come_from_the_venv_not_the_repository(venv_bin, venv_env,
                                                                      outside):
    shown = run(venv_bin / "python", "-c", "import fokus, fokus_theme, site_builder, "
                "search_service as s; print(fokus.__file__, fokus_theme.__file__, "
                "site_builder.__file__, s.__file__)", cwd=outside, env=venv_env).stdout.split()
    assert len(shown) == 4
    assert all(path.startswith(str(venv_bin.parent)) for path in shown), shown
    assert run("fokus", "--version", cwd=outside, env=venv_env).stdout.startswith("fokus, ")


def test_init_makes_a_knowledge_base_the_installed_fokus_checks_clean(venv_env, outside):
    run("fokus", "init", "ny-kb", "--language", "en", cwd=outside, env=venv_env)
    checked = run("fokus", "check", "--strict", cwd=outside / "ny-kb", env=venv_env)
    assert "4 articles checked: 0 error(s), 0 warning(s)" in checked.stdout


@pytest.fixture(scope="module")
def plain_site(venv_env, outside) -> Path:
    """Only content/ and a plain mkdocs.yml; `fokus build` from the installed package."""
    folder = outside / "plain"
    folder.mkdir()
    write_kb(folder)
    (folder / "mkdocs.yml").write_text(PLAIN_MKDOCS_YML, encoding="utf-8")
    assert sorted(p.name for p in folder.iterdir()) == ["content", "mkdocs.yml"]
    run("fokus", "build", cwd=folder, env=venv_env)
    return folder


# What every page loads: Fokus's script and stylesheet, the search box's, the feedback's.
PAGE_ASSETS = ("fokus.js", "fokus-search.js", "fokus-feedback.js", "fokus.css",
               "fokus-search.css", "fokus-feedback.css")
# `assets/fokus-search.js`, fingerprinted or not (`fokus-search.1a2b3c4d.js`).
ASSET_NAME = r"(?P<stem>fokus[\w-]*?)(\.[0-9a-f]{8})?(?P<suffix>\.(?:js|css))"


def referenced(html: str) -> dict[str, str]:
    """The Fokus assets a page loads, as {name in fokus_theme/assets: address from the site
    root}."""
    found = {}
    for match in re.finditer(rf'"((?:\.\./)*assets/{ASSET_NAME})"', html):
        found[f"{match['stem']}{match['suffix']}"] = match[1].lstrip("./")
    return found


def test_a_plain_mkdocs_yml_gets_the_full_fokus_theme(plain_site):
    site = plain_site / "site"
    home = (site / "index.html").read_text(encoding="utf-8")
    article = (site / "konton/aterstall-losenord/index.html").read_text(encoding="utf-8")
    # The Fokus menu, the search box and its script, the feedback script.
    menu = re.findall(r'class="md-tabs__link"[^>]*>\s*([^<]+?)\s*<', home)
    assert menu == ["Start", "Handböcker", "Guider", "FAQ", "Aktuellt", "Kontakt"]
    assert "Vanligaste ärendena" in home
    assert set(PAGE_ASSETS) <= set(referenced(home))
    assert {"fokus-search.js", "fokus-feedback.js"} <= set(referenced(article))
    assert "Hjälpte det här?" in article
    # Every asset of the theme is in the site, under its name or a fingerprinted one.
    built = {re.fullmatch(ASSET_NAME, p.name) for p in (site / "assets").iterdir()}
    built_names = {f"{m['stem']}{m['suffix']}" for m in built if m}
    assert {p.name for p in (REPO / "fokus_theme/assets").iterdir()} <= built_names
    assert (site / "corpus.json").is_file()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as reply:
            return reply.status, reply.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_the_installed_fokus_serves_the_portal_its_assets_and_api(plain_site, venv_env):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(["fokus", "serve", "--no-build", "--port", str(port)],
                              cwd=plain_site, env=venv_env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60  # bounded: the index is built at start
        while True:
            assert server.poll() is None, server.stdout.read().decode()
            try:
                status, body = get(f"{base}/api/health")
                break
            except OSError:
                assert time.monotonic() < deadline, "the server did not answer within 60 s"
                time.sleep(0.3)
        assert status == 200 and json.loads(body) == {"status": "ok"}
        status, home = get(f"{base}/")
        assert status == 200 and "Vanligaste ärendena".encode() in home
        assets = referenced(home.decode())
        assert set(PAGE_ASSETS) <= set(assets)
        for name, address in assets.items():
            status, served = get(f"{base}/{address}")
            source = REPO / "fokus_theme/assets" / name
            assert status == 200 and (not source.exists() or served == source.read_bytes()), name
        status, found = get(f"{base}/api/search?q=vpn")
        assert status == 200 and json.loads(found)["hits"][0]["article_id"] == 2
        # Staff insights: templates, stylesheet and migrations came with the wheel.
        status, sign_in = get(f"{base}/insights/sign-in")
        assert status == 200 and b"<form" in sign_in
        assert get(f"{base}/insights/static/insights.css")[0] == 200
        assert (plain_site / ".fokus" / "fokus.db").is_file()
    finally:
        server.terminate()
        server.wait(timeout=10)
