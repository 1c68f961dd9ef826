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

from .content import Article, Category, ContentTree
from .events import news_order, short_when, utc_iso
from .urls import TYPE_FOLDERS, SiteUrls, relative, source, tag_slug

# Aktuellt lists news and events together.
NEWS_TYPES = ("news", "event")
# Around the start page's introduction, the organisation's own text among the generated markup,
# so that `sanitize_html` can clean exactly that part of the page (site_builder/sanitize.py).
INTRO_START = "<!-- fokus:intro -->"
INTRO_END = "<!-- /fokus:intro -->"
# Where a generated page's Markdown has one of its `html_blocks`: an HTML comment, which
# Markdown passes through as it is.
HTML_BLOCK = "<!-- fokus:html {} -->"


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str
    title: str
    markdown: str
    kind: str  # start, listing, category, tags, tag, contact
    # Put into the rendered page where the Markdown has HTML_BLOCK.format(index): lists of
    # hundreds of articles, already HTML, which Markdown would only read and pass through.
    html_blocks: tuple[str, ...] = ()

    def with_blocks(self, html: str) -> str:
        """The page as Markdown rendered it, with its HTML blocks in place."""
        for index, block in enumerate(self.html_blocks):
            html = html.replace(HTML_BLOCK.format(index), block, 1)
        return html


@dataclass(frozen=True)
class NewsContext:
    """What lists of news and events need besides the articles: the moment the build orders
    them by, the content's language and the site's time zone."""

    now: dt.datetime
    language: str = "sv"
    time_zone: str = "Europe/Stockholm"


def generate_pages(tree: ContentTree, fokus: dict, strings: dict[str, str],
                   urls: SiteUrls, when: NewsContext) -> list[GeneratedPage]:
    """Every generated page, in a stable order, each at the path ``urls`` gives it."""
    live = [a for a in tree.published if a.status == "published"]
    areas = sorted(tree.categories.values(), key=lambda c: (c.order, c.title))
    pages = [_start_page(tree, live, areas, fokus, strings, urls, when),
             _contact_page(fokus, strings, urls), _accessibility_page(fokus, strings, urls),
             _search_page(areas, strings, urls)]
    pages += [_type_page(t, live, areas, strings, urls, when) for t in TYPE_FOLDERS]
    pages += [_category_page(area, live, strings, urls, when) for area in areas]
    pages += _tag_pages(live, strings, urls)
    return pages


def news_list(articles: list[Article], from_src: str, strings: dict[str, str],
              when: NewsContext, blocks: list[str], *, level: int = 2,
              limit: int | None = None, with_past: bool = True) -> list[str]:
    """News and events in three groups: upcoming events, news, past events (events.py's
    rules). Every item carries its times, so that fokus-events.js orders and marks them again
    by the reader's clock; the order written here is the build's, for readers without
    JavaScript. ``limit`` caps the items shown; ``with_past`` False leaves past events out.
    Each group's list goes into ``blocks`` (see GeneratedPage.html_blocks)."""
    order = news_order(articles, when.now)
    groups = [("upcoming", order.upcoming), ("news", order.news)]
    if with_past:
        groups.append(("past", order.past))
    shown = 0
    attributes = f' data-limit="{limit}"' if limit else ""
    attributes += "" if with_past else ' data-without-past=""'
    lines = [f'<div class="fokus-news" data-fokus-news{attributes} markdown>', ""]
    for name, items in groups:
        hidden = " hidden" if not items or (limit is not None and shown >= limit) else ""
        lines += [f'<section class="fokus-news__group" data-group="{name}"{hidden} markdown>',
                  "", f"{'#' * level} {_md_text(strings[f'news.{name}'])}", ""]
        listed = []
        for article in items:
            over = limit is not None and shown >= limit
            listed.append(_news_item(article, from_src, strings, when, past=name == "past",
                                     hidden=over))
            shown += 1
        blocks.append("\n".join(['<ul class="fokus-news__list">', *listed, "</ul>"])
                      if listed else '<ul class="fokus-news__list"></ul>')
        lines += [HTML_BLOCK.format(len(blocks) - 1), "", "</section>", ""]
    lines += ["</div>", ""]
    return lines


def _news_item(article: Article, from_src: str, strings: dict[str, str], when: NewsContext,
               *, past: bool, hidden: bool) -> str:
    summary = f" – {escape(article.summary, quote=False)}" if article.summary else ""
    mark = (f' <span class="fokus-news__mark">{escape(strings["news.past_mark"])}</span>'
            if article.type == "event" else "")
    attributes = {"class": "fokus-news__item"}
    if article.type == "event" and article.start and article.end:
        zone = article.timezone or when.time_zone
        attributes.update({"data-kind": "event", "data-start": utc_iso(article.start) or "",
                           "data-end": utc_iso(article.end) or ""})
        date = (f'<time datetime="{article.start.isoformat()}">'
                f"{escape(short_when(article.start, zone, when.language))}</time>")
    else:
        attributes.update({"data-kind": "news",
                           "data-date": article.date.isoformat() if article.date else ""})
        date = f"<time>{article.date.isoformat()}</time>" if article.date else ""
    for flag, on in (("data-past", past), ("hidden", hidden)):
        if on:
            attributes[flag] = flag
    prefix = f"<strong>{date}</strong> · " if date else ""
    # HTML, as Markdown would make it of `**date** · [title](page.md) – summary`: pages list
    # hundreds of these, and Markdown is slow to read them.
    link = (f'<a href="{escape(_href(article, from_src))}">'
            f"{escape(article.title, quote=False)}</a>")
    # The start tag as md_in_html wrote it when the list went through Markdown: attributes
    # sorted, a flag with its name as value (tests and fokus-events.js read them so).
    start = " ".join(f'{name}="{escape(value)}"' for name, value in sorted(attributes.items()))
    return f"<li {start}>{prefix}{link}{summary}{mark}</li>"


def _page_link(path: str, from_src: str) -> str:
    """A link to another generated page's source, which MkDocs turns into a relative URL."""
    return posixpath.relpath(source(path), posixpath.dirname(from_src) or ".")


def _link(article: Article, from_src: str) -> str:
    target = posixpath.relpath(article.path, posixpath.dirname(from_src) or ".")
    return f"[{_md_text(article.title)}]({target})"


def _md_text(text: str) -> str:
    """Plain text (a title, a tag, a setting) as Markdown that shows exactly that text.

    HTML-escaped first: Python-Markdown passes raw HTML through and does not read `\\<` as an
    escape, so only `&lt;` keeps a `<script>` in a title from being markup. Then the characters
    that would start emphasis, code or a link are backslash-escaped."""
    return "".join("\\" + ch if ch in "[]*_`\\" else ch for ch in escape(text, quote=False))


def _html_link(href: str, text: str) -> str:
    """A link from settings, as raw HTML: a Markdown link would end at the first `)` in it."""
    return f'<a href="{escape(href)}">{escape(text)}</a>'


def _item(article: Article, from_src: str) -> str:
    summary = f" – {_md_text(article.summary)}" if article.summary else ""
    return f"- {_link(article, from_src)}{summary}"


def _item_list(articles: Iterable[Article], from_src: str, blocks: list[str]) -> list[str]:
    """Articles as `_item` lists them, written as the HTML Python-Markdown makes of that list:
    listings of hundreds of articles are most of a site's generated text, and Markdown reads
    each item's link and text character by character. The links are relative URLs, as MkDocs
    makes them of links to source files. The list goes into ``blocks``; the Markdown gets its
    place (see GeneratedPage.html_blocks), since even raw HTML costs Markdown a parse."""
    items = []
    for article in articles:
        summary = f" – {escape(article.summary, quote=False)}" if article.summary else ""
        items.append(f'<li><a href="{escape(_href(article, from_src))}">'
                     f"{escape(article.title, quote=False)}</a>{summary}</li>")
    if not items:
        return []
    blocks.append("\n".join(["<ul>", *items, "</ul>"]))
    return [HTML_BLOCK.format(len(blocks) - 1), ""]


def _href(article: Article, from_src: str) -> str:
    """The relative URL of an article from a generated page (`<folder>/index.md`)."""
    path = relative(article.url, posixpath.dirname(from_src))
    if path == ".":
        return "./"
    return path + "/" if article.url.endswith("/") or not article.url else path


def _by_title(articles: Iterable[Article]) -> list[Article]:
    return sorted(articles, key=lambda a: (a.title.casefold(), a.path))


def _start_page(tree: ContentTree, live: list[Article], areas: list, fokus: dict,
                strings: dict[str, str], urls: SiteUrls, when: NewsContext) -> GeneratedPage:
    src = source(urls.start)
    blocks: list[str] = []
    lines = [_search_form(strings, urls.search), ""]
    if tree.intro.strip():
        lines += [INTRO_START, "", tree.intro.strip(), "", INTRO_END, ""]
    lines += [f"## {strings['start.areas']}", "", '<div class="grid cards fokus-areas" markdown>',
              ""]
    counts = defaultdict(int)
    for article in live:
        counts[article.category] += 1
    for area in areas:
        # `:material-wifi:` for pymdownx.emoji; escaped, since categories.yml is text too.
        icon = ":" + escape(area.icon.replace("/", "-"), quote=False) + ":"
        target = _page_link(urls.area(area.slug), src)
        lines += [f"-   {icon} **[{_md_text(area.title)}]({target})**", "",
                  f"    {_md_text(area.description)}" if area.description else "", ""]
    lines += ["</div>", ""]
    important_ids = set(fokus["important"])
    important = _by_title(a for a in live if a.important or a.id in important_ids)
    if important:
        lines += [f"## {strings['start.important']}", ""]
        lines += [_item(a, src) for a in important] + [""]
    news = [a for a in live if a.type in NEWS_TYPES]
    if news:
        lines += [f"## {strings['start.news']}", ""]
        lines += news_list(news, src, strings, when, blocks, level=3,
                           limit=fokus["latest_news_count"], with_past=False)
        lines += [f"[{strings['start.all_news']} →]({_page_link(urls.listing('news'), src)})",
                  ""]
    return GeneratedPage(src, strings["menu.start"], "\n".join(lines), "start",
                         tuple(blocks))


def _search_form(strings: dict[str, str], search_path: str) -> str:
    """Raw HTML, which MkDocs leaves as it is: ``search_path`` is relative to the start page,
    the site root."""
    return (
        f'<form class="fokus-hero-search" action="{escape(search_path)}" method="get" '
        'role="search" aria-labelledby="fokus-hero-label">\n'
        '<label id="fokus-hero-label" for="fokus-hero-q">'
        f'{escape(strings["start.search_label"])}</label>\n'
        '<div class="fokus-hero-search__row">'
        f'<input id="fokus-hero-q" name="q" type="search" autocomplete="off" '
        f'placeholder="{escape(strings["start.search_placeholder"])}">'
        f'<button type="submit" class="md-button md-button--primary">'
        f'{escape(strings["start.search_button"])}</button></div>\n</form>'
    )


def _search_page(areas: list[Category], strings: dict[str, str],
                 urls: SiteUrls) -> GeneratedPage:
    """The results page. The theme's script (fokus-search.js) fills it from the search API and
    announces the outcome itself. The service areas and the contact page are for when nothing
    is found, the API is unreachable or JavaScript is off; the script hides them otherwise.
    No table of contents: the results need the width."""
    src = source(urls.search)
    lines = ["---", "hide:", "  - toc", "---", "",
             '<div class="fokus-results" data-fokus-results></div>', "",
             '<div class="fokus-results__fallback" data-fokus-fallback markdown>', "",
             f"<noscript>{escape(strings['search.noscript'])}</noscript>", "",
             f"## {_md_text(strings['start.areas'])}", ""]
    for area in areas:
        lines.append(f"- [{_md_text(area.title)}]({_page_link(urls.area(area.slug), src)})")
    contact = _page_link(urls.contact, src)
    lines += ["", f"**[{_md_text(strings['contact.title'])} →]({contact})**", "", "</div>"]
    return GeneratedPage(src, strings["search.title"], "\n".join(lines), "search")


def _contact_page(fokus: dict, strings: dict[str, str], urls: SiteUrls) -> GeneratedPage:
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
            shown = _html_link(href, value) if href else _md_text(value)
            lines.append(f"- **{strings[key]}:** {shown}")
    return GeneratedPage(source(urls.contact), strings["contact.title"], "\n".join(lines),
                         "contact")


def _accessibility_page(fokus: dict, strings: dict[str, str], urls: SiteUrls) -> GeneratedPage:
    """The accessibility statement the law asks of public bodies, from the `accessibility`
    options: compliance, known gaps, where to report problems, supervision, last review."""
    options = fokus["accessibility"]
    gaps = options["known_gaps"]
    lines = [strings["accessibility.intro"], "",
             f"## {strings['accessibility.status_heading']}", "",
             strings["accessibility.partly" if gaps else "accessibility.compliant"], ""]
    if gaps:
        lines += [f"### {strings['accessibility.gaps_heading']}", ""]
        lines += [f"- {_md_text(gap)}" for gap in gaps] + [""]
    lines += [f"## {strings['accessibility.report_heading']}", "",
              strings["accessibility.report"], ""]
    report = options["report_to"] or fokus["contact"]["email"]
    if report:
        href = report if report.startswith(("http://", "https://")) else f"mailto:{report}"
        lines += [f"- {_html_link(href, report)}"]
    contact = _page_link(urls.contact, source(urls.accessibility))
    lines += [f"- [{_md_text(strings['contact.title'])}]({contact})",
              "", f"## {strings['accessibility.supervision_heading']}", "",
              strings["accessibility.supervision"], "",
              f"## {strings['accessibility.review_heading']}", ""]
    reviewed = options["reviewed"]
    lines += [strings["accessibility.reviewed"].format(date=reviewed) if reviewed
              else strings["accessibility.not_reviewed"], "", strings["accessibility.automatic"]]
    return GeneratedPage(source(urls.accessibility), strings["accessibility.title"],
                         "\n".join(lines), "accessibility")


def _type_page(article_type: str, live: list[Article], areas: list, strings: dict[str, str],
               urls: SiteUrls, when: NewsContext) -> GeneratedPage:
    src = source(urls.listing(article_type))
    listed = NEWS_TYPES if article_type == "news" else (article_type,)
    matching = [a for a in live if a.type in listed]
    lines: list[str] = []
    blocks: list[str] = []
    if article_type == "news":
        lines += news_list(matching, src, strings, when, blocks)
        lines += _subscribe_links(src, strings, urls)
    else:
        by_area = defaultdict(list)
        for article in matching:
            by_area[article.category].append(article)
        for area in areas:
            if by_area[area.slug]:
                lines += [f"## {_md_text(area.title)}", ""]
                lines += _item_list(_by_title(by_area[area.slug]), src, blocks)
    if not matching:
        lines = [strings["listing.empty"]]
    return GeneratedPage(src, strings[f"types.{article_type}"], "\n".join(lines), "listing",
                         tuple(blocks))


def _subscribe_links(src: str, strings: dict[str, str], urls: SiteUrls) -> list[str]:
    """The calendar of upcoming events and the feed: files, so plain HTML links (relative
    to the listing, where they live)."""
    folder = posixpath.dirname(src)
    calendar = posixpath.relpath(urls.calendar, folder or ".")
    feed = posixpath.relpath(urls.feed, folder or ".")
    return ['<p class="fokus-subscribe">'
            f'<a href="{escape(calendar)}" type="text/calendar">'
            f'{escape(strings["news.calendar"])}</a> · '
            f'<a href="{escape(feed)}" type="application/atom+xml">'
            f'{escape(strings["news.feed"])}</a></p>', ""]


def _category_page(area: Category, live: list[Article], strings: dict[str, str],
                   urls: SiteUrls, when: NewsContext) -> GeneratedPage:
    src = source(urls.area(area.slug))
    lines = [_md_text(area.description), ""] if area.description else []
    matching = [a for a in live if a.category == area.slug]
    blocks: list[str] = []
    for article_type in TYPE_FOLDERS:
        listed = NEWS_TYPES if article_type == "news" else (article_type,)
        of_type = [a for a in matching if a.type in listed]
        if not of_type:
            continue
        lines += [f"## {strings[f'types.{article_type}']}", ""]
        if article_type == "news":
            lines += news_list(of_type, src, strings, when, blocks, level=3)
        else:
            lines += _item_list(_by_title(of_type), src, blocks)
    if not matching:
        lines.append(strings["listing.empty"])
    return GeneratedPage(src, area.title, "\n".join(lines), "category", tuple(blocks))


def _tag_pages(live: list[Article], strings: dict[str, str],
               urls: SiteUrls) -> list[GeneratedPage]:
    tagged: dict[str, list[Article]] = defaultdict(list)
    names: dict[str, str] = {}
    for article in live:
        for tag in article.tags:
            slug = tag_slug(tag)
            names.setdefault(slug, tag)
            tagged[slug].append(article)
    index_src = source(urls.tags)
    index_lines = []
    pages = []
    for slug in sorted(tagged, key=lambda s: names[s].casefold()):
        path = urls.tag(names[slug])
        src = source(path)
        articles = _by_title(tagged[slug])
        blocks: list[str] = []
        body = "\n".join(_item_list(articles, src, blocks))
        pages.append(GeneratedPage(src, f"{strings['tag.title']} ”{names[slug]}”", body, "tag",
                                   tuple(blocks)))
        index_lines.append(f"- [{_md_text(names[slug])}]({_page_link(path, index_src)})"
                           f" ({len(articles)})")
    body = "\n".join(index_lines) or strings["listing.empty"]
    return [GeneratedPage(index_src, strings["tags.title"], body, "tags"), *pages]

