"""Pages the build generates from the content: start, listings by type, areas, tags, contact.

Each page is Markdown whose links point at the articles' source files, so MkDocs resolves
them to correct relative URLs wherever the site is hosted.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape

from markdown.extensions.toc import slugify

from .content import Article, Category, ContentTree

TYPE_PAGES = {"handbook": "handbocker", "guide": "guider", "faq": "faq", "news": "aktuellt"}
SEARCH_PAGE = "sok/index.md"
MENU_PAGES = {"start": "index.md", "contact": "kontakt/index.md",
              **{t: f"{d}/index.md" for t, d in TYPE_PAGES.items()}}
TAGS_DIR = "taggar"


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str
    title: str
    markdown: str
    kind: str  # start, listing, category, tags, tag, contact


def tag_slug(tag: str) -> str:
    return slugify(tag, "-") or "tagg"


def category_page(slug: str) -> str:
    return f"{slug}/index.md"


def tag_page(tag: str) -> str:
    return f"{TAGS_DIR}/{tag_slug(tag)}/index.md"


def generate_pages(tree: ContentTree, fokus: dict, strings: dict[str, str]) -> list[GeneratedPage]:
    """Every generated page, in a stable order."""
    live = [a for a in tree.published if a.status == "published"]
    areas = sorted(tree.categories.values(), key=lambda c: (c.order, c.title))
    pages = [_start_page(tree, live, areas, fokus, strings), _contact_page(fokus, strings),
             _search_page(areas, strings)]
    pages += [_type_page(t, d, live, areas, strings) for t, d in TYPE_PAGES.items()]
    pages += [_category_page(area, live, strings) for area in areas]
    pages += _tag_pages(live, strings)
    return pages


def _link(article: Article, from_src: str) -> str:
    target = posixpath.relpath(article.path, posixpath.dirname(from_src) or ".")
    return f"[{_md_text(article.title)}]({target})"


def _md_text(text: str) -> str:
    return "".join("\\" + ch if ch in "[]*_`<>\\" else ch for ch in text)


def _item(article: Article, from_src: str, *, with_date: bool = False) -> str:
    prefix = f"**{article.date.isoformat()}** · " if with_date and article.date else ""
    summary = f" – {_md_text(article.summary)}" if article.summary else ""
    return f"- {prefix}{_link(article, from_src)}{summary}"


def _by_title(articles: Iterable[Article]) -> list[Article]:
    return sorted(articles, key=lambda a: (a.title.casefold(), a.path))


def _by_date(articles: Iterable[Article]) -> list[Article]:
    return sorted(articles, key=lambda a: (a.date or a.reviewed or dt.date.min, a.path),
                  reverse=True)


def _start_page(tree: ContentTree, live: list[Article], areas: list, fokus: dict,
                strings: dict[str, str]) -> GeneratedPage:
    src = MENU_PAGES["start"]
    lines = [_search_form(strings), ""]
    if tree.intro.strip():
        lines += [tree.intro.strip(), ""]
    lines += [f"## {strings['start.areas']}", "", '<div class="grid cards fokus-areas" markdown>',
              ""]
    counts = defaultdict(int)
    for article in live:
        counts[article.category] += 1
    for area in areas:
        icon = ":" + area.icon.replace("/", "-") + ":"
        target = posixpath.relpath(category_page(area.slug), ".")
        lines += [f"-   {icon} **[{_md_text(area.title)}]({target})**", "",
                  f"    {_md_text(area.description)}" if area.description else "", ""]
    lines += ["</div>", ""]
    important_ids = set(fokus["important"])
    important = _by_title(a for a in live if a.important or a.id in important_ids)
    if important:
        lines += [f"## {strings['start.important']}", ""]
        lines += [_item(a, src) for a in important] + [""]
    news = _by_date(a for a in live if a.type == "news")[: fokus["latest_news_count"]]
    if news:
        lines += [f"## {strings['start.news']}", ""]
        lines += [_item(a, src, with_date=True) for a in news]
        lines += ["", f"[{strings['start.all_news']} →]({MENU_PAGES['news']})", ""]
    return GeneratedPage(src, strings["menu.start"], "\n".join(lines), "start")


def _search_form(strings: dict[str, str]) -> str:
    return (
        '<form class="fokus-hero-search" action="sok/" method="get" role="search">\n'
        f'<label for="fokus-hero-q">{escape(strings["start.search_label"])}</label>\n'
        '<div class="fokus-hero-search__row">'
        f'<input id="fokus-hero-q" name="q" type="search" autocomplete="off" '
        f'placeholder="{escape(strings["start.search_placeholder"])}">'
        f'<button type="submit" class="md-button md-button--primary">'
        f'{escape(strings["start.search_button"])}</button></div>\n</form>'
    )


def _search_page(areas: list[Category], strings: dict[str, str]) -> GeneratedPage:
    """The results page. The theme's script (fokus-search.js) fills it from the search API and
    announces the outcome itself. The service areas and the contact page are for when nothing
    is found, the API is unreachable or JavaScript is off; the script hides them otherwise.
    No table of contents: the results need the width."""
    lines = ["---", "hide:", "  - toc", "---", "",
             '<div class="fokus-results" data-fokus-results></div>', "",
             '<div class="fokus-results__fallback" data-fokus-fallback markdown>', "",
             f"<noscript>{escape(strings['search.noscript'])}</noscript>", "",
             f"## {_md_text(strings['start.areas'])}", ""]
    for area in areas:
        target = posixpath.relpath(category_page(area.slug), "sok")
        lines.append(f"- [{_md_text(area.title)}]({target})")
    lines += ["", f"**[{_md_text(strings['contact.title'])} →](../{MENU_PAGES['contact']})**",
              "", "</div>"]
    return GeneratedPage(SEARCH_PAGE, strings["search.title"], "\n".join(lines), "search")


def _contact_page(fokus: dict, strings: dict[str, str]) -> GeneratedPage:
    contact = fokus["contact"]
    lines = [strings["contact.intro"], ""]
    rows = [
        ("contact.phone", contact["phone"], f"tel:{contact['phone'].replace(' ', '')}"),
        ("contact.email", contact["email"], f"mailto:{contact['email']}"),
        ("contact.hours", contact["hours"], ""),
        ("contact.portal", contact["portal_label"] or contact["portal_url"], contact["portal_url"]),
    ]
    for key, value, href in rows:
        if value:
            shown = f"[{_md_text(value)}]({href})" if href else _md_text(value)
            lines.append(f"- **{strings[key]}:** {shown}")
    return GeneratedPage(MENU_PAGES["contact"], strings["contact.title"], "\n".join(lines),
                         "contact")


def _type_page(article_type: str, folder: str, live: list[Article], areas: list,
               strings: dict[str, str]) -> GeneratedPage:
    src = f"{folder}/index.md"
    matching = [a for a in live if a.type == article_type]
    lines: list[str] = []
    if article_type == "news":
        lines += [_item(a, src, with_date=True) for a in _by_date(matching)]
    else:
        by_area = defaultdict(list)
        for article in matching:
            by_area[article.category].append(article)
        for area in areas:
            if by_area[area.slug]:
                lines += [f"## {_md_text(area.title)}", ""]
                lines += [_item(a, src) for a in _by_title(by_area[area.slug])] + [""]
    if not matching:
        lines = [strings["listing.empty"]]
    return GeneratedPage(src, strings[f"types.{article_type}"], "\n".join(lines), "listing")


def _category_page(area: Category, live: list[Article], strings: dict[str, str]) -> GeneratedPage:
    src = category_page(area.slug)
    lines = [_md_text(area.description), ""] if area.description else []
    matching = [a for a in live if a.category == area.slug]
    for article_type in TYPE_PAGES:
        of_type = [a for a in matching if a.type == article_type]
        if not of_type:
            continue
        lines += [f"## {strings[f'types.{article_type}']}", ""]
        ordered = _by_date(of_type) if article_type == "news" else _by_title(of_type)
        lines += [_item(a, src, with_date=article_type == "news") for a in ordered] + [""]
    if not matching:
        lines.append(strings["listing.empty"])
    return GeneratedPage(src, area.title, "\n".join(lines), "category")


def _tag_pages(live: list[Article], strings: dict[str, str]) -> list[GeneratedPage]:
    tagged: dict[str, list[Article]] = defaultdict(list)
    names: dict[str, str] = {}
    for article in live:
        for tag in article.tags:
            slug = tag_slug(tag)
            names.setdefault(slug, tag)
            tagged[slug].append(article)
    index_src = f"{TAGS_DIR}/index.md"
    index_lines = []
    pages = []
    for slug in sorted(tagged, key=lambda s: names[s].casefold()):
        src = f"{TAGS_DIR}/{slug}/index.md"
        articles = _by_title(tagged[slug])
        body = "\n".join(_item(a, src) for a in articles)
        pages.append(GeneratedPage(src, f"{strings['tag.title']} ”{names[slug]}”", body, "tag"))
        index_lines.append(f"- [{_md_text(names[slug])}]({slug}/index.md) ({len(articles)})")
    body = "\n".join(index_lines) or strings["listing.empty"]
    return [GeneratedPage(index_src, strings["tags.title"], body, "tags"), *pages]

