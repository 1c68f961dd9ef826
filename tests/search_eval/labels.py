"""Labelled queries: what a query should find, read from `queries.tsv` or `queries.yml`.

A label names a page (a path relative to the tree's docs directory, or an article id in the
starter set) and, optionally, the section that answers the query: `path#anchor` (or `id#anchor`),
the anchor being the heading's id on the page. README.md in this folder describes the formats.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml


class LabelError(ValueError):
    """A label file is malformed or names a page or section the corpus does not have."""


@dataclass
class Label:
    page: str  # a docs-relative path, or an article id as text
    anchor: str | None = None  # the answering section's heading id, when labelled


@dataclass
class LabelledQuery:
    text: str
    labels: list[Label]  # best answer first
    kind: str = ""
    # Resolved against a corpus (see resolve): article ids, and the labelled sections.
    relevant: list[int] = field(default_factory=list)
    sections: dict[int, set[str]] = field(default_factory=dict)


def parse_label(text: str, prefix: str = "") -> Label:
    page, _, anchor = text.strip().partition("#")
    if not page:
        raise LabelError(f"empty label in {text!r}")
    return Label(prefix + page, anchor or None)


def read_tsv(path: Path, prefix: str = "") -> list[LabelledQuery]:
    """`query<TAB>label,label,...`, best first; `#` starts a comment line. `prefix` is put
    before every path: the merged tree holds each tree in a folder of its own."""
    queries = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        text, tab, labels = line.partition("\t")
        if not tab or not labels.strip():
            raise LabelError(f"{path}:{number}: expected query<TAB>relevant paths")
        queries.append(LabelledQuery(text.strip(), [parse_label(label, prefix) for label in
                                                    labels.split(",") if label.strip()]))
    return queries


def with_sections(queries: list[LabelledQuery], overlay: Path, prefix: str = "") -> None:
    """Add the section labels of `overlay` (same format, `path#anchor` labels) to the queries
    of a label file we may not edit, matched by query text."""
    by_text = {q.text: q for q in queries}
    for labelled in read_tsv(overlay, prefix):
        query = by_text.get(labelled.text)
        if query is None:
            raise LabelError(f"{overlay}: {labelled.text!r} is not a query of the tree")
        for label in labelled.labels:
            if label.anchor is None:
                raise LabelError(f"{overlay}: {labelled.text!r}: {label.page} names no section")
            if label.page not in {existing.page for existing in query.labels}:
                raise LabelError(f"{overlay}: {labelled.text!r}: {label.page} is not labelled "
                                 "relevant in the tree's own file")
            query.labels.append(label)


def read_starter(path: Path) -> list[LabelledQuery]:
    """The starter set's YAML: `expected` article ids, optional `sections` as `id#anchor`."""
    queries = []
    for entry in yaml.safe_load(path.read_text(encoding="utf-8")):
        labels = [Label(str(article_id)) for article_id in entry["expected"]]
        labels += [parse_label(str(label)) for label in entry.get("sections", [])]
        queries.append(LabelledQuery(entry["query"], labels, entry.get("kind", "")))
    return queries


def resolve(queries: list[LabelledQuery], articles: list[dict]) -> list[str]:
    """Turn each label into an article id of the corpus, checking that page and section
    exist: a label that names nothing would silently count as a miss. A section label
    covers the section's subsections too (with_subsections). A page the corpus
    does not hold as an article (a tree's root index.md is its start page) is skipped if
    the query has other labels; the skipped labels are returned for the report."""
    by_page: dict[str, dict] = {}
    for article in articles:
        if article.get("id") is None:
            continue
        by_page[str(article["id"])] = article
        by_page[article["source_path"]] = article
    skipped = []
    for query in queries:
        query.relevant, query.sections = [], {}
        if not any(label.page in by_page for label in query.labels):
            raise LabelError(f"{query.text!r}: none of its pages is in the corpus")
        for label in query.labels:
            article = by_page.get(label.page)
            if article is None:
                skipped.append(f"{query.text!r}: {label.page}")
                continue
            if article["id"] not in query.relevant:
                query.relevant.append(article["id"])
            if label.anchor is not None:
                anchors = {s["anchor"] for s in article["sections"]}
                if label.anchor not in anchors:
                    raise LabelError(f"{query.text!r}: {label.page} has no section "
                                     f"#{label.anchor}")
                query.sections.setdefault(article["id"], set()).update(
                    with_subsections(article["sections"], label.anchor))
    return skipped


def with_subsections(sections: list[dict], anchor: str) -> set[str]:
    """The labelled section's anchor and those of the sections under it (deeper headings
    before the next one at its level or above): landing on "Lustre striping" under the
    labelled "Lustre tuning" is landing in the section that answers."""
    found: set[str] = set()
    level = None
    for section in sections:
        if level is not None:
            if section["level"] <= level:
                break
            found.add(section["anchor"])
        elif section["anchor"] == anchor:
            found.add(anchor)
            level = section["level"]
    return found
