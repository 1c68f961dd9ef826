"""`fokus report`: per owner, what needs doing, as text, Markdown (an issue body) or JSON.

For a period (default the last 7 days), each owner gets: overdue and soon-due reviews, the least
helpful articles with their Wilson lower bound, new comments, the zero-result searches that
belong to the owner's service areas (see search_service.owners.area_of_query), and open needs.
An owner with nothing to report gets no section, unless asked for by name."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from . import figures
from .needs import open_needs
from .owners import Ownership, Searcher, area_of_query
from .periods import Period
from .store import EventStore

FORMATS = ("text", "markdown", "json")
UNHELPFUL_PER_OWNER = 10
ZERO_RESULT_QUERIES = 200  # the most frequent ones are assigned to areas; the rest are a tail


@dataclass
class OwnerReport:
    owner: str
    reviews: list[dict] = field(default_factory=list)
    unhelpful_articles: list[dict] = field(default_factory=list)
    comments: list[dict] = field(default_factory=list)
    zero_result_searches: list[dict] = field(default_factory=list)
    needs: list[dict] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.reviews or self.unhelpful_articles or self.comments
                    or self.zero_result_searches or self.needs)


@dataclass
class Report:
    period: Period
    owners: list[OwnerReport]

    def as_dict(self) -> dict[str, Any]:
        return {"period": {"from": self.period.first.isoformat(),
                           "to": self.period.last.isoformat()},
                "owners": [asdict(owner) for owner in self.owners]}


def build_report(store: EventStore, ownership: Ownership, period: Period, *, today: date,
                 default_owner: str, min_votes: int, searcher: Searcher | None,
                 owner: str | None = None) -> Report:
    reports: dict[str, OwnerReport] = {}

    def section(name: str) -> OwnerReport:
        return reports.setdefault(name, OwnerReport(name))

    for state, article in ownership.reviews(today):
        section(article.owner or default_owner).reviews.append({
            "article_id": article.id, "kb": article.kb, "title": article.title,
            "review_due": article.review_due.isoformat(), "state": state})

    targets = sorted((t.feedback for t in figures.target_figures(store, period)
                      if t.feedback.votes >= min_votes),
                     key=lambda f: (f.wilson_lower_bound, f.article_id, f.anchor or ""))
    for f in targets:
        bucket = section(ownership.owner_of_article(f.article_id, default_owner))
        if len(bucket.unhelpful_articles) < UNHELPFUL_PER_OWNER:
            bucket.unhelpful_articles.append(_article(ownership, f.article_id, f.anchor) | {
                "votes": f.votes, "helpful": f.helpful,
                "helpful_share": round(f.helpful_share, 4),
                "wilson_lower_bound": round(f.wilson_lower_bound, 4)})

    for vote in reversed(figures.comments(store, period)):  # oldest first reads like a log
        section(ownership.owner_of_article(vote["article_id"], default_owner)).comments.append(
            _article(ownership, vote["article_id"], vote["anchor"]) | {
                "date": vote["updated_at"].isoformat(timespec="minutes"),
                "helpful": vote["helpful"], "comment": vote["comment"], "query": vote["query"]})

    pending = open_needs(store)
    need_areas = {n["query"]: n["category"] for n in pending if n["query"] and n["category"]}
    for row in figures.zero_result_queries(store, period, limit=ZERO_RESULT_QUERIES):
        area = area_of_query(row["query"], need_area=need_areas.get(row["query"]),
                             filter_area=row["category"], searcher=searcher,
                             ownership=ownership)
        section(ownership.owner_of_area(area, default_owner)).zero_result_searches.append(
            {"query": row["query"], "count": row["count"], "area": area})

    for need in pending:
        responsible = need["owner"] or (
            ownership.owner_of_area(need["category"], default_owner) if need["category"]
            else ownership.owner_of_article(need["article_id"], default_owner))
        section(responsible).needs.append({
            "id": need["id"], "date": need["created_at"].date().isoformat(),
            "text": need["text"], "query": need["query"], "area": need["category"],
            "article_id": need["article_id"], "status": need["status"]})

    if owner is not None:
        return Report(period, [reports.get(owner, OwnerReport(owner))])
    return Report(period, [r for _, r in sorted(reports.items(), key=lambda kv: kv[0].casefold())
                           if not r.empty])


def _article(ownership: Ownership, article_id: int, anchor: str | None) -> dict[str, Any]:
    info = ownership.articles.get(article_id)
    return {"article_id": article_id, "kb": info.kb if info else f"KB-{article_id:04d}",
            "title": ownership.title_of(article_id),
            "question": ownership.title_of(article_id, anchor) if anchor else None}


# -- rendering --------------------------------------------------------------------------------

def render(report: Report, output_format: str) -> str:
    if output_format == "json":
        return json.dumps(report.as_dict(), ensure_ascii=False, indent=1) + "\n"
    return "\n".join(render_owner(report.period, o, output_format) for o in report.owners)


def render_owner(period: Period, owner: OwnerReport, output_format: str) -> str:
    """One owner's part: a Markdown issue body, or plain text for mail."""
    markdown = output_format == "markdown"
    lines = [f"# Fokus weekly report: {owner.owner}" if markdown else
             f"FOKUS REPORT: {owner.owner}",
             "", f"Period: {period.first.isoformat()} – {period.last.isoformat()}", ""]

    def part(title: str, rows: list[str]) -> None:
        lines.append(f"## {title} ({len(rows)})" if markdown else f"{title} ({len(rows)})")
        lines.append("")
        lines.extend((f"- {row}" if markdown else f"  * {row}") for row in rows or ["none"])
        lines.append("")

    def name(item: dict) -> str:
        text = f"{item['kb']} {item['title']}"
        return text + (f" – {item['question']}" if item.get("question") else "")

    part("Reviews overdue or due within 30 days",
         [f"{name(r)}: due {r['review_due']}{' (overdue)' if r['state'] == 'overdue' else ''}"
          for r in owner.reviews])
    part("Least helpful articles",
         [f"{name(a)}: {a['helpful']} of {a['votes']} helpful, Wilson lower bound "
          f"{a['wilson_lower_bound']:.2f}" for a in owner.unhelpful_articles])
    part("New comments",
         [f"{c['date'][:10]} {name(c)} ({'Ja' if c['helpful'] else 'Nej'}): "
          f"{_quote(c['comment'], markdown)}" for c in owner.comments])
    part("Searches that found nothing",
         [f"{_quote(z['query'], markdown)}: {z['count']}" for z in owner.zero_result_searches])
    part("Open needs",
         [f"{n['date']} [{n['status']}] {_quote(n['text'], markdown)}"
          + (f" (search: {_quote(n['query'], markdown)})" if n["query"] else "")
          for n in owner.needs])
    return "\n".join(lines)


def _quote(text: str, markdown: bool) -> str:
    """Readers' words as inert text: in Markdown, a code span that no renderer turns into
    markup or a link (backticks inside get a longer fence)."""
    text = " ".join(text.split())
    if not markdown:
        return f'"{text}"'
    fence = "`" * (max((len(m) for m in re.findall(r"`+", text)), default=0) + 1)
    return f"{fence} {text} {fence}"


def write_files(report: Report, output_format: str, directory: Path) -> list[Path]:
    """One file per owner, named after the owner (`team-natverk.md`)."""
    directory.mkdir(parents=True, exist_ok=True)
    suffix = {"text": ".txt", "markdown": ".md", "json": ".json"}[output_format]
    written = []
    for owner in report.owners:
        path = directory / f"{slug(owner.owner)}{suffix}"
        if output_format == "json":
            body = render(Report(report.period, [owner]), "json")
        else:
            body = render_owner(report.period, owner, output_format)
        path.write_text(body, encoding="utf-8")
        written.append(path)
    return written


def slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "owner"
