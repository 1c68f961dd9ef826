"""TEMPORARY, until `fokus check --fix` adopts any MkDocs tree (issue 9) in main.

A MkDocs hook that writes the corpus file from a plain MkDocs build of a tree the Fokus plugin
cannot build yet: every page becomes an article the way issue 9 says `--fix` will make it (id in
path order, title from the first heading, area from the top folder, type `faq` for FAQ and
troubleshooting pages, no summary), split into sections by site_builder's own splitter. The
evaluation uses it only when adoption or the Fokus build fails, and says so in its report.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path

from site_builder.corpus import article_record, corpus_document
from site_builder.sections import split_sections

_H1_RE = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)
_HEADING_RE = re.compile(r"^#{2,3}\s+(.+?)\s*#*\s*$", re.MULTILINE)
_FAQ_NAME_RE = re.compile(r"(^|[/_-])(faq|faqs|troubleshooting|known-issues?|tips)([/_.-]|$)")
_records: dict[str, dict] = {}
_ids: dict[str, int] = {}


class _Article:
    """What site_builder.corpus.article_record reads of an article."""

    def __init__(self, path: str, article_id: int, title: str, type: str):
        self.path, self.id, self.title, self.type = path, article_id, title, type
        self.kb = f"KB-{article_id:04d}"
        self.summary, self.tags, self.aliases = "", [], []
        self.category = path.split("/")[0] if "/" in path else "ovrigt"
        self.owner, self.status = "Helpdesk", "published"
        self.replaced_by, self.important = None, False
        self.reviewed, self.date = dt.date(2026, 11, 1), None
        stem = path[: -len(".md")]
        is_index = stem == "index" or stem.endswith("/index")
        self.url = stem[: -len("index")] if is_index else stem + "/"

    def review_due(self, interval: int) -> dt.date:
        return self.reviewed + dt.timedelta(days=interval)


def page_type(path: str, markdown: str) -> str:
    headings = _HEADING_RE.findall(markdown)
    questions = sum(1 for h in headings if h.rstrip().endswith("?"))
    if _FAQ_NAME_RE.search(path.lower()) or (len(headings) >= 3 and questions * 2 > len(headings)):
        return "faq"
    return "guide"


def on_files(files, config):
    pages = sorted(f.src_uri for f in files if f.src_uri.endswith(".md"))
    _ids.clear()
    _ids.update({path: number for number, path in enumerate(pages, 1)})
    _records.clear()
    return files


def on_page_markdown(markdown, page, config, files):
    match = _H1_RE.search(markdown)
    title = match.group(1) if match else Path(page.file.src_uri).stem.replace("-", " ").capitalize()
    page.meta["fokus_interim"] = _Article(page.file.src_uri, _ids[page.file.src_uri], title,
                                          page_type(page.file.src_uri, markdown))
    # The Fokus page shows the title itself: the heading it came from is not body text.
    return markdown[: match.start()] + markdown[match.end():] if match else markdown


def on_page_content(html, page, config, files):
    article = page.meta["fokus_interim"]
    # FAQ pages too are split at `###`: adopted FAQs often put their questions there, under
    # a `##` topic (site_builder splits Fokus's own FAQs at their `##` questions only).
    sections = split_sections(html, (2, 3))
    _records[article.path] = article_record(article, sections, site_url=config.site_url or "",
                                            review_interval=365)
    return html


def on_post_build(config):
    document = corpus_document(list(_records.values()), [], site_url=config.site_url or "",
                               language="en")
    target = Path(config.site_dir) / "corpus.json"
    target.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    os.utime(target)
