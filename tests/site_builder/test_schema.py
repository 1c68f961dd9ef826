"""The front-matter schema: one declaration, precise messages, and the reference docs."""

import datetime as dt
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.schema import (
    ARTICLE_FIELDS,
    ARTICLE_KEYS,
    FOKUS_ONLY_KEYS,
    FRONT_MATTER_FIELDS,
    MAX_ID,
    MAX_REVIEW_INTERVAL_DAYS,
    PAGE_FIELDS,
    PAGE_KEYS,
    Boolean,
    Choice,
    Date,
    Invalid,
    ListOf,
    PositiveInt,
    Slug,
    Text,
    Unreadable,
    fokus_status,
    is_article,
    reference_markdown,
    validate_mapping,
    yaml_text,
)
from site_builder.source import FrontMatterLoader

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
    for spec in ARTICLE_FIELDS + PAGE_FIELDS:
        assert f"| `{spec.key}` |" in docs.read_text(encoding="utf-8")
    assert "`new` and `deprecated` mean published" in docs.read_text(encoding="utf-8")


def test_an_impossible_date_or_time_says_what_is_wrong():
    with pytest.raises(Invalid, match=r"'2026-02-30' is not a date \(day is out of range"):
        Date().convert("2026-02-30")
    with pytest.raises(Invalid, match=r"hour must be in 0\.\.23"):
        Date().convert("2026-08-18T25:00:00")
    assert Date().convert("2026-08-18T10:00:00") == dt.date(2026, 8, 18)


def test_numbers_have_one_declared_upper_bound():
    assert ARTICLE_KEYS["id"].type.maximum == MAX_ID
    assert ARTICLE_KEYS["review_interval"].type.maximum == MAX_REVIEW_INTERVAL_DAYS
    _, problems = validate_mapping(dict(VALID, review_interval=999999999999), ARTICLE_FIELDS)
    assert [(p.field, p.message) for p in problems] == [
        ("review_interval", "must be at most 3650, got int 999999999999")]


def test_a_page_is_an_article_only_with_a_key_only_fokus_reads():
    assert not is_article({})
    assert not is_article({"title": "X", "tags": ["a"], "hide": ["toc"], "status": "new"})
    assert not is_article({"description": "X", "status": "deprecated", "template": "a.html"})
    assert is_article({"status": "draft"})
    for key in ("id", "type", "category", "owner", "reviewed", "review_interval", "aliases",
                "replaced_by", "date", "important", "summary"):
        assert is_article({key: None}), key
    assert FOKUS_ONLY_KEYS.isdisjoint(PAGE_KEYS)


def test_materials_page_status_means_published_for_fokus():
    assert [fokus_status(s) for s in ("new", "deprecated", "draft", "archived")] == [
        "published", "published", "draft", "archived"]
    values, problems = validate_mapping(dict(VALID, status="new"), FRONT_MATTER_FIELDS)
    assert problems == [] and values["status"] == "new"


def test_summary_falls_back_to_description_without_a_warning():
    data = {k: v for k, v in VALID.items() if k != "summary"}
    values, problems = validate_mapping(dict(data, description="Om VPN."), FRONT_MATTER_FIELDS)
    assert problems == [] and values["summary"] == "Om VPN."


def test_a_plain_page_needs_no_field():
    values, problems = validate_mapping({"hide": ["toc"]}, FRONT_MATTER_FIELDS, required=False)
    assert problems == [] and values["hide"] == ["toc"] and values["id"] is None


def test_hints_prefer_examples_from_the_file_then_the_contents_language():
    _, problems = validate_mapping({"type": "guide"}, ARTICLE_FIELDS, language="en",
                                   examples={"title": "Koppla upp: VPN"})
    hints = {p.field: p.hint for p in problems}
    assert hints["title"] == 'add `title: "Koppla upp: VPN"`'
    assert hints["owner"] == "add `owner: Service desk`"
    assert hints["category"] == "add `category: accounts`"


def test_an_unreadable_yaml_value_is_a_problem_of_its_field_on_its_line():
    bad = Unreadable("cannot be read: !!int 'abc'", 4, "remove the tag")
    _, problems = validate_mapping(dict(VALID, id=bad), ARTICLE_FIELDS)
    assert [(p.field, p.message, p.hint, p.line) for p in problems] == [
        ("id", "cannot be read: !!int 'abc'", "remove the tag", 4)]


def test_messages_show_huge_values_briefly():
    nested: list = ["x"] * 9
    for _ in range(6):
        nested = [nested] * 9  # 9**7 leaves, shared: cheap to hold, huge to print
    with pytest.raises(Invalid) as info:
        Text().convert(nested)
    assert len(info.value.message) < 200


@given(st.text())
@settings(max_examples=1000, database=None)
def test_yaml_text_reads_back_as_the_same_text_on_a_line_or_in_a_list(value):
    text, item = yaml_text(value), yaml_text(value, in_flow=True)
    assert len(text.splitlines()) <= 1 and len(item.splitlines()) <= 1
    loaded = yaml.load(f"a: {text}\nb: [{item}, x]\n", Loader=FrontMatterLoader)
    assert loaded == {"a": value, "b": [value, "x"]}
