"""The front-matter schema: one declaration, precise messages, and the reference docs."""

import datetime as dt
from pathlib import Path

import pytest

from site_builder.schema import (
    ARTICLE_FIELDS,
    Boolean,
    Choice,
    Date,
    Invalid,
    ListOf,
    PositiveInt,
    Slug,
    Text,
    reference_markdown,
    validate_mapping,
)

VALID = {"id": 7, "title": "VPN", "summary": "Om VPN.", "type": "guide", "category": "natverk",
         "owner": "Team Nätverk", "reviewed": dt.date(2026, 10, 1)}


def test_positive_int_accepts_positive_numbers_up_to_its_bound_only():
    assert PositiveInt(100).convert(42) == 42
    assert PositiveInt(100).convert(100) == 100
    for bad in (0, -3, "42", True, 4.2, 101, 10**400):
        with pytest.raises(Invalid):
            PositiveInt(100).convert(bad)


def test_text_is_trimmed_and_must_be_one_non_empty_line():
    assert Text().convert("  Hej  ") == "Hej"
    with pytest.raises(Invalid, match="empty"):
        Text().convert("   ")
    with pytest.raises(Invalid, match="one line"):
        Text().convert("a\nb")
    with pytest.raises(Invalid, match="at most 5"):
        Text(5).convert("sex tecken")


def test_choice_suggests_the_closest_value():
    with pytest.raises(Invalid) as info:
        Choice(("handbook", "guide", "faq", "news")).convert("gude")
    assert "not one of handbook, guide, faq, news" in info.value.message
    assert info.value.hint == "did you mean `guide`?"


def test_date_accepts_yaml_dates_and_iso_text():
    assert Date().convert(dt.date(2026, 1, 2)) == dt.date(2026, 1, 2)
    assert Date().convert("2026-01-02") == dt.date(2026, 1, 2)
    with pytest.raises(Invalid, match="is not a date"):
        Date().convert("2 januari")


def test_slug_boolean_and_lists():
    assert Slug().convert("e-post") == "e-post"
    with pytest.raises(Invalid):
        Slug().convert("E-post")
    assert Boolean().convert(True) is True
    with pytest.raises(Invalid):
        Boolean().convert("yes")
    assert ListOf(Text()).convert("vpn") == ["vpn"]
    with pytest.raises(Invalid, match="item 2"):
        ListOf(Text()).convert(["vpn", ""])


def test_valid_front_matter_gets_defaults():
    values, problems = validate_mapping(VALID, ARTICLE_FIELDS)
    assert problems == []
    assert values["status"] == "published"
    assert values["tags"] == [] and values["aliases"] == []
    assert values["important"] is False


def test_every_problem_is_reported_with_its_field():
    data = dict(VALID, id="sju", type="manual")
    del data["owner"]
    _, problems = validate_mapping(data, ARTICLE_FIELDS)
    assert {p.field for p in problems} == {"id", "type", "owner"}
    assert all(not p.warning for p in problems)


def test_news_requires_a_date():
    _, problems = validate_mapping(dict(VALID, type="news"), ARTICLE_FIELDS)
    assert [(p.field, p.message) for p in problems] == [("date", "is required for type news")]


def test_missing_summary_and_unknown_fields_are_warnings():
    data = dict(VALID, categroy="x")
    del data["summary"]
    _, problems = validate_mapping(data, ARTICLE_FIELDS)
    assert {(p.field, p.warning) for p in problems} == {("summary", True), ("categroy", True)}
    assert next(p for p in problems if p.field == "categroy").hint == "did you mean `category`?"


def test_reference_docs_are_generated_from_the_schema():
    docs = Path(__file__).resolve().parents[2] / "docs" / "front-matter.md"
    assert docs.read_text(encoding="utf-8") == reference_markdown(), (
        "docs/front-matter.md is stale: run `fokus schema > docs/front-matter.md`")
    for spec in ARTICLE_FIELDS:
        assert f"| `{spec.key}` |" in docs.read_text(encoding="utf-8")
