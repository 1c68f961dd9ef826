"""Serving the built site from the service: every page the builder wrote, beside the API."""

from __future__ import annotations

import os

import pytest

from search_service import create_app


@pytest.fixture
def client(tmp_path):
    site = tmp_path / "site"
    for rel, text in {"index.html": "Start", "404.html": "Sidan finns inte",
                      "_fokus/faq/index.html": "FAQ-listan", "api/index.html": "Vårt API",
                      "api/rest/index.html": "REST-guiden",
                      "api/search/index.html": "Om sök-API:t"}.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(text, encoding="utf-8")
    app = create_app({"SITE_DIR": str(site), "INDEX_DIR": str(tmp_path / "index"),
                      "DATABASE_URL": f"sqlite:///{tmp_path / 'fokus.db'}"})
    return app.test_client()


def test_fokus_generated_folder_is_served(client):
    assert client.get("/_fokus/faq/").get_data(as_text=True) == "FAQ-listan"


def test_a_content_folder_named_api_is_served_beside_the_api(client):
    assert client.get("/api/").get_data(as_text=True) == "Vårt API"
    assert client.get("/api/rest/").get_data(as_text=True) == "REST-guiden"
    assert client.get("/api/health").get_json() == {"status": "ok"}
    # The endpoint keeps its path; the page of the same name has MkDocs' trailing slash.
    assert client.get("/api/search/").get_data(as_text=True) == "Om sök-API:t"
    assert client.get("/api/search?q=vpn").is_json


def test_an_unknown_api_path_is_a_json_404_not_the_sites_page(client):
    reply = client.get("/api/nothing-here")
    assert reply.status_code == 404 and reply.get_json()["error"] == "not_found"
    page = client.get("/nothing-here/")
    assert page.status_code == 404 and page.get_data(as_text=True) == "Sidan finns inte"


def test_the_builds_redirects_are_real_301s_that_keep_the_query(tmp_path):
    site = tmp_path / "site"
    (site / "konton/aterstall-losenord").mkdir(parents=True)
    (site / "konton/aterstall-losenord/index.html").write_text("Artikeln", encoding="utf-8")
    (site / "kb/42").mkdir(parents=True)
    (site / "kb/42/index.html").write_text("Sidan har flyttat", encoding="utf-8")
    (site / "_redirects").write_text(
        "# Generated\n/kb/42/ /konton/aterstall-losenord/ 301\n"
        "/konton/%C3%A5ldre/ /konton/aterstall-losenord/ 301\n", encoding="utf-8")
    app = create_app({"SITE_DIR": str(site), "INDEX_DIR": str(tmp_path / "index"),
                      "DATABASE_URL": f"sqlite:///{tmp_path / 'fokus.db'}"})
    client = app.test_client()
    reply = client.get("/kb/42/?via=svar")
    assert reply.status_code == 301
    assert reply.headers["Location"] == "/konton/aterstall-losenord/?via=svar"
    assert client.get("/konton/åldre/").headers["Location"] == "/konton/aterstall-losenord/"
    assert client.get("/konton/aterstall-losenord/").get_data(as_text=True) == "Artikeln"
    # A new build replaces the file: the service reads it again.
    (site / "_redirects").write_text("/kb/42/ /konton/ny/ 301\n", encoding="utf-8")
    os.utime(site / "_redirects", ns=(1, 10**18))
    assert client.get("/kb/42/").headers["Location"] == "/konton/ny/"
