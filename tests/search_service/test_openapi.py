"""The API answers as its OpenAPI document says, for any input: Schemathesis generates requests
from /api/openapi.json, valid and invalid ones, and runs all of its checks on every answer (no
5xx, documented status codes and content types, response schemas, valid data accepted, invalid
data rejected, 405 with Allow for other methods). Once per backend: SQLite and PostgreSQL."""

from __future__ import annotations

from collections import Counter

import pytest
import schemathesis
from flask import request
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig
from schemathesis.config._checks import NEGATIVE_DATA_REJECTION_EXPECTED_STATUSES

from search_service import create_app

from .corpus_factory import helpdesk_articles, write_corpus

EXAMPLES = 200  # requests at least, per operation that takes input
GENERATED = 250  # asked of Hypothesis per operation, so that EXAMPLES always hold
WITHOUT_INPUT = {"/api/health", "/api/openapi.json"}
# A body past the size limit is refused before it is read (413, which the document lists):
# for invalid data as much a rejection as a 400. Valid bodies always fit (test_hostile_input).
CONFIG = SchemathesisConfig.from_dict({"checks": {"negative_data_rejection": {
    "expected-statuses": [*NEGATIVE_DATA_REJECTION_EXPECTED_STATUSES, "413"]}}})


@pytest.fixture
def api_schema(tmp_path, database_url):
    write_corpus(tmp_path / "site" / "corpus.json", helpdesk_articles())
    app = create_app({
        "SITE_DIR": str(tmp_path / "site"), "INDEX_DIR": str(tmp_path / "index"),
        "DATABASE_URL": database_url, "WATCH_CORPUS": False, "SALT_FILE": str(tmp_path / "salt"),
        # A limit answers 429, which the document states; here every request is to be judged.
        "FEEDBACK_RATE_LIMIT": "1000000 per minute"})
    requests: Counter[str] = Counter()

    @app.after_request
    def count(reply):
        if request.url_rule is not None and request.method in request.url_rule.methods:
            requests[request.url_rule.rule] += 1
        return reply

    yield schemathesis.openapi.from_wsgi("/api/openapi.json", app, config=CONFIG)
    # After every operation has run: each got its share of generated requests.
    spec = app.test_client().get("/api/openapi.json").get_json()
    routes = {path.replace("{article_id}", "<article_id>") for path in spec["paths"]}
    assert {r: n for r, n in requests.items() if r in routes - WITHOUT_INPUT and n < EXAMPLES} \
        == {}, requests


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=GENERATED, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.filter_too_much])
def test_every_answer_is_as_the_document_says(case):
    # Uncompressed: the WSGI transport hands Schemathesis the body as the app sent it.
    case.call_and_validate(headers={"Accept-Encoding": "identity"})
