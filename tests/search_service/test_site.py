"""Serving the built site from the service: every page the builder wrote, beside the API."""

from __future__ import annotations

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
