"""Nothing an author writes crashes `fokus check` or `fokus build`.

Property-based: hypothesis writes malformed articles (wrong types, impossible dates, YAML tags,
huge numbers, tabs, unicode, a BOM, CRLF line ends, successors in circles) into a tree whose
site was built once. Every build must fail with a `ContentError` whose one error names the
file, the line and the field of the mistake, and must leave the built site byte for byte as it
was.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_builder.build import build_site
from site_builder.findings import ContentError, Finding
from site_builder.schema import (
    MATERIAL_STATUSES,
    MAX_ID,
    MAX_REVIEW_INTERVAL_DAYS,
    STATUSES,
    yaml_text,
)

from ..conftest import FAQ_BODY, article, write_kb

NEW_FILE = "konton/trasig.md"  # a new article, KB-0007, that nothing links to
LINKED_FILE = "natverk/vpn.md"  # KB-0002: published in the built site, linked to with an anchor
SETTINGS = settings(max_examples=1000, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow])


@dataclass(frozen=True)
class Mistake:
    """A file to write and what the one error about it must say."""

    files: dict[str, str]
    field: str | None
    line: int | None = None  # None: any line >= 1 of one of ``files``


# -- values that cannot be right for their field ----------------------------------------------

WORD = st.from_regex(r"[a-z]{1,12}", fullmatch=True).filter(lambda w: w not in ("null",))
TAGS = st.sampled_from(["!!int abc", "!!int 0x", "!!float x", "!!bool maybe", "!foo bar",
                        "!!python/object:os.system x", "!!timestamp bad", "!!binary aGVq",
                        "!!set 5", "!!map x", "!!seq x"])


def numbers(maximum: int) -> st.SearchStrategy[str]:
    return st.one_of(
        st.integers(max_value=0).map(str),
        st.integers(min_value=maximum + 1, max_value=10**400).map(str),
        st.sampled_from(["1.5", "ett", "[1, 2]", "{a: 1}", "true", "'7'", "!!str 7", ".inf",
                         "1e999"]),
        TAGS.filter(lambda t: t != "!!binary aGVq"))


def texts(limit: int) -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(["[a, b]", "{a: 1}", "42", "true", "''", "!!binary aGVq", "[]"]),
        st.integers(min_value=limit + 1, max_value=limit + 400).map(lambda n: "x" * n),
        TAGS.filter(lambda t: t not in ("!!timestamp bad",)))


def impossible_dates() -> st.SearchStrategy[str]:
    year = st.integers(min_value=1, max_value=9999)
    return st.one_of(
        st.builds(lambda y, m: f"{y:04d}-{m:02d}-01", year, st.integers(13, 99)),
        st.builds(lambda y, d: f"{y:04d}-01-{d:02d}", year, st.integers(32, 99)),
        st.builds(lambda y, d: f"{y:04d}-02-{d}", st.integers(1, 9999).filter(
            lambda y: not (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0))), st.just(29)),
        st.builds(lambda y: f"{y:04d}-02-30", year),
        st.builds(lambda h: f"2026-08-18T{h:02d}:00:00", st.integers(24, 99)),
        st.builds(lambda m: f"2026-08-18 10:{m:02d}", st.integers(60, 99)),
        st.sampled_from(["0000-01-01", "igår", "[2026-01-01]", "{a: 1}", "42", "true"]),
        TAGS)


WRONG_VALUES: dict[str, st.SearchStrategy[str]] = {
    "id": numbers(MAX_ID),
    "title": texts(120),
    "summary": texts(300),
    "type": st.one_of(WORD.filter(lambda w: w not in ("handbook", "guide", "faq", "news")),
                      st.sampled_from(["42", "[guide]", "{a: b}"]), TAGS),
    "category": st.one_of(st.from_regex(r"[A-Z][a-z]{0,8}|[a-z]+_[a-z]+|[a-z]+ [a-z]+|-[a-z]+",
                                        fullmatch=True),
                          st.sampled_from(["42", "[konton]", "''"]), TAGS),
    "owner": texts(80),
    "reviewed": impossible_dates(),
    "review_interval": numbers(MAX_REVIEW_INTERVAL_DAYS),
    "status": st.one_of(WORD.filter(lambda w: w not in STATUSES + MATERIAL_STATUSES),
                        st.sampled_from(["42", "[draft]"]), TAGS),
    "aliases": st.sampled_from(["[../x/]", "[http://example.se/x/]", "['']", "[[a]]", "{a: 1}",
                                "42", "[1, 2]"]),
    "replaced_by": numbers(MAX_ID),
    "date": impossible_dates(),
    "important": st.one_of(st.sampled_from(["1", "'true'", "[true]", "ja tack", "{a: 1}"]),
                           TAGS),
    "tags": st.sampled_from(["[1, 2]", "{a: 1}", "[[a]]", "['']", "42", "[" + "x" * 41 + "]"]),
    "hide": st.sampled_from(["5", "[[toc]]", "{toc: 1}"]),
    "comments": st.sampled_from(["kanske", "1", "[true]"]),
    "search": st.sampled_from(["[a]", "5", "ja", "{boost: !!binary aGVq}", "{boost: -1}",
                               "{exclude: kanske}", "{boost: .nan}"]),
    "template": st.sampled_from(["[a]", "5", "{a: 1}", "finns-inte.html", "../../mkdocs.yml",
                                 "/etc/passwd"]),
}

# -- where and how ----------------------------------------------------------------------------

PRINTABLE = st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"),
                          blacklist_characters="[]()<>!#`*_\\{}|:-")


@st.composite
def decorated(draw, text: str) -> str:
    """The same article with a unicode paragraph, and maybe a BOM and CRLF line ends."""
    words = draw(st.text(PRINTABLE, min_size=1, max_size=60)).strip()
    text += f"\n{words}\n" if words else ""
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    if draw(st.booleans()):
        text = "\ufeff" + text
    return text


def base_article(path: str, unicode_title: str) -> str:
    if path == LINKED_FILE:
        return article(2, "Vanliga frågor om VPN", type="faq", category="natverk", tags=["vpn"],
                       body=FAQ_BODY)
    return article(7, unicode_title)


def line_of(text: str, key: str) -> int:
    return next(number for number, line in enumerate(text.split("\n"), start=1)
                if line.startswith(f"{key}:"))


@st.composite
def wrong_values(draw) -> Mistake:
    field = draw(st.sampled_from(sorted(WRONG_VALUES)))
    path = NEW_FILE if field == "id" else draw(st.sampled_from([NEW_FILE, LINKED_FILE]))
    title = draw(st.text(PRINTABLE, min_size=1, max_size=30).filter(lambda t: t.strip()))
    text = base_article(path, yaml_text(title))
    value = draw(WRONG_VALUES[field])
    if f"\n{field}:" in text:
        head, _, rest = text.partition(f"\n{field}:")
        text = head + f"\n{field}: {value}" + rest[rest.index("\n"):]
    else:
        text = text.replace("\nowner:", f"\n{field}: {value}\nowner:", 1)
    line = line_of(text, field)
    return Mistake({path: draw(decorated(text))}, field, line)


PAGE_KEYS = ("title", "tags", "hide", "comments", "search", "template", "status")


@st.composite
def plain_pages(draw) -> Mistake:
    """A plain MkDocs page (no key only Fokus reads) with a Material key of the wrong form."""
    field = draw(st.sampled_from(PAGE_KEYS))
    value = draw(WRONG_VALUES[field])
    text = f"---\nhide: [toc]\n{field}: {value}\n---\n# Rubrik\n\nText.\n"
    if field == "hide":
        text = text.replace("hide: [toc]\n", "description: En sida.\n")
    return Mistake({"natverk/sida.md": draw(decorated(text))}, field, 3)


@st.composite
def broken_yaml(draw) -> Mistake:
    """Front matter YAML cannot read, or that is not `field: value` lines."""
    path = draw(st.sampled_from([NEW_FILE, LINKED_FILE]))
    text = base_article(path, "Trasig")
    kind = draw(st.sampled_from(["tab", "tab-list", "unclosed", "bracket", "control", "list",
                                 "scalar", "list-key", "bad-merge"]))
    if path == LINKED_FILE and kind in ("list", "scalar"):
        kind = "tab"  # those lose the id line, and the id is what keeps links to it working
    head, _, body = text[4:].partition("---\n")
    fm = head.splitlines(keepends=True)
    if kind == "tab":
        fm.insert(3, "\t" + draw(WORD) + ": x\n")
    elif kind == "tab-list":
        fm.append("tags:\n\t- " + draw(WORD) + "\n")
    elif kind == "unclosed":
        return Mistake({path: draw(decorated("---\n" + "".join(fm) + body.replace("---", "")))},
                       None, 1)
    elif kind == "bracket":
        fm[1] = "title: [oavslutad\n"
    elif kind == "control":
        fm[1] = "title: Trasig" + draw(st.sampled_from(["\x00", "\x07", "\x1b", "\x7f"])) + "\n"
    elif kind == "list":
        fm = ["- " + line for line in fm]
    elif kind == "scalar":
        fm = [draw(WORD) + "\n"]
    elif kind == "list-key":
        fm.append("? [a, b]\n: x\n")
    elif kind == "bad-merge":
        fm.append("<<: 5\n")
    return Mistake({path: draw(decorated("---\n" + "".join(fm) + "---\n" + body))}, None)


@st.composite
def duplicate_keys(draw) -> Mistake:
    field = draw(st.sampled_from(["title", "type", "owner", "replaced_by", "reviewed"]))
    values = {"title": "Igen", "type": "faq", "owner": "Någon", "replaced_by": "42",
              "reviewed": "2026-01-01"}
    text = article(7, "Dubbel", status="archived", replaced_by=42)
    text = text.replace("\n---\n", f"\n{field}: {values[field]}\n---\n", 1)
    return Mistake({NEW_FILE: draw(decorated(text))}, field, text.count("\n", 0, text.rindex(
        f"\n{field}:")) + 2)


@st.composite
def successors(draw) -> Mistake:
    """`replaced_by` to itself, round a circle, or to an archived article."""
    shape = draw(st.sampled_from(["self", "circle", "archived"]))
    ids = list(range(7, 7 + draw(st.integers(2, 4))))
    if shape == "self":
        ids, targets = [7], [7]
    elif shape == "circle":
        targets = ids[1:] + ids[:1]
    else:
        ids, targets = [7, 8], [8, 42]
    files = {f"konton/arkiv-{i}.md": draw(decorated(article(i, f"Arkiv {i}", status="archived",
                                                             replaced_by=target)))
             for i, target in zip(ids, targets, strict=True)}
    return Mistake(files, "replaced_by")


MISTAKES = st.one_of(wrong_values(), plain_pages(), broken_yaml(), duplicate_keys(),
                     successors())

# -- the property -----------------------------------------------------------------------------


def site_hash(site: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        digest.update(path.relative_to(site).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, str]:
    root = tmp_path_factory.mktemp("malformed")
    write_kb(root)
    build_site(str(root / "mkdocs.yml"))
    return root, site_hash(root / "site")


def failed_build(root: Path, mistake: Mistake) -> list[Finding]:
    """The findings of a build of the tree with ``mistake`` written into it; the tree is put
    back as it was afterwards."""
    content = root / "content"
    saved = {rel: (content / rel).read_bytes() for rel in mistake.files
             if (content / rel).exists()}
    try:
        for rel, text in mistake.files.items():
            (content / rel).write_bytes(text.encode("utf-8"))
        with pytest.raises(ContentError) as info:
            build_site(str(root / "mkdocs.yml"))
        return info.value.findings
    finally:
        for rel in mistake.files:
            if rel in saved:
                (content / rel).write_bytes(saved[rel])
            else:
                (content / rel).unlink()


@SETTINGS
@given(mistake=MISTAKES)
def test_every_malformed_article_is_one_clean_finding_and_the_site_stays(built, mistake):
    root, before = built
    findings = failed_build(root, mistake)
    assert all(f.file and f.line >= 1 for f in findings), findings
    errors = [f for f in findings if f.is_error]
    assert len(errors) == 1, "\n".join(map(str, errors))
    [error] = errors
    assert error.file in mistake.files
    assert error.field == mistake.field, error
    if mistake.line is not None:
        assert error.line == mistake.line, error
    assert site_hash(root / "site") == before
    assert not [p for p in root.iterdir() if p.name.startswith(".site.")]


# -- the cases of issue 9, one by one ---------------------------------------------------------


@pytest.mark.parametrize(("line", "field", "message"), [
    ("reviewed: 2026-02-30", "reviewed",
     "'2026-02-30' is not a date (day is out of range for month)"),
    ("reviewed: 2026-08-18T25:00:00", "reviewed",
     "'2026-08-18T25:00:00' is not a date (hour must be in 0..23)"),
    ("id: !!int abc", "id",
     "cannot be read: !!int 'abc': invalid literal for int() with base 10: 'abc'"),
    ("reviewed: !!timestamp bad", "reviewed", "'bad' is not a date"),
    ("review_interval: 999999999999", "review_interval",
     "must be at most 3650, got int 999999999999"),
])
def test_values_that_used_to_crash_are_one_finding_each(built, line, field, message):
    root, before = built
    key = line.split(":")[0]
    text = article(7, "Trasig", review_interval=30)
    text = "\n".join(line if row.startswith(f"{key}:") else row for row in text.split("\n"))
    [error] = [f for f in failed_build(root, Mistake({NEW_FILE: text}, field)) if f.is_error]
    assert (error.file, error.line, error.field, error.message) == (
        NEW_FILE, line_of(text, key), field, message)
    assert site_hash(root / "site") == before


def test_a_review_date_at_the_end_of_the_calendar_is_a_warning_not_a_crash(tmp_path):
    write_kb(tmp_path).write(NEW_FILE, article(7, "Sent", reviewed="9999-12-31"))
    result = build_site(str(tmp_path / "mkdocs.yml"))
    assert [(f.file, f.field, f.message) for f in result.findings if f.file == NEW_FILE] == [
        (NEW_FILE, None, "no other article links here"),
        (NEW_FILE, "reviewed", "9999-12-31 is in the future")]


def test_a_tab_in_a_linked_published_article_is_one_finding(built):
    root, before = built
    text = base_article(LINKED_FILE, "").replace("summary:", "\tsummary:")
    linker = article(8, "Länkar", category="natverk", body=(
        "[kort](/kb/2/) [fil](vpn.md#varfor-kopplar-vpn-ner) [sida](/natverk/vpn/)\n"))
    findings = failed_build(root, Mistake({LINKED_FILE: text, "natverk/lankar.md": linker},
                                          None))
    assert [(f.file, f.line, f.message) for f in findings if f.is_error] == [
        (LINKED_FILE, 4, "front matter is not valid YAML: found a tab character that violates "
                         "indentation")]
    assert site_hash(root / "site") == before


@pytest.mark.parametrize("template", ["finns-inte.html", "../../mkdocs.yml"])
def test_a_template_the_theme_lacks_is_a_finding_not_a_crash(built, template):
    root, before = built
    text = f"---\ntitle: Egen\ntemplate: {template}\n---\nText.\n"
    [error] = [f for f in failed_build(root, Mistake({NEW_FILE: text}, "template"))
               if f.is_error]
    assert (error.file, error.line, error.field) == (NEW_FILE, 3, "template")
    assert site_hash(root / "site") == before


def test_fokus_check_and_build_report_every_case_of_the_issue_without_a_traceback(tmp_path):
    kb = write_kb(tmp_path)
    cases = ["reviewed: 2026-02-30", "reviewed: 2026-08-18T25:00:00", "id: !!int abc",
             "reviewed: !!timestamp bad", "review_interval: 999999999999",
             "tags: [a, \t b]\n\tsummary: x"]
    for number, line in enumerate(cases, start=10):
        key = line.split(":")[0]
        text = article(number, f"Fall {number}", review_interval=30)
        rows = [line if row.startswith(f"{key}:") else row for row in text.split("\n")]
        kb.write(f"konton/fall-{number}.md", "\n".join(rows))
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    for command in ("check", "build"):
        result = subprocess.run([sys.executable, "-m", "fokus", command],
                                cwd=tmp_path, capture_output=True, text=True, env=env)
        output = result.stdout + result.stderr
        assert result.returncode == 1, output
        assert "Traceback" not in output
        reported = {line.split(":")[0] for line in output.splitlines() if ": " in line}
        assert {f"content/konton/fall-{n}.md" for n in range(10, 16)} <= reported, output
