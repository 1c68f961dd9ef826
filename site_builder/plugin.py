"""The `fokus` MkDocs plugin: content validation, generated pages, the menu, stable links and
the corpus export, wired into MkDocs' build events so `mkdocs build` and `mkdocs serve` work."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from . import assets, corpus, feeds, links, redirect_rules
from .config import FokusConfig
from .content import Article, ContentTree, load_content
from .events import (
    build_moment,
    current_banners,
    describe_when,
    is_past,
    news_order,
    utc_iso,
)
from .i18n import strings
from .links import absolute
from .markdown_setup import add_required
from .page_links import LinkCollector, PageLinks
from .pages import INTRO_END, INTRO_START, NEWS_TYPES, GeneratedPage, NewsContext, generate_pages
from .related import related_articles, related_basis
from .rendered import Rendered, TemplateCode, render_key
from .sanitize import sanitize, sanitize_between
from .sections import Section, collapse_faq, corpus_levels, drop_title_heading, split_sections
from .theme import add_fokus_theme, fokus_theme_dir, page_theme_settings
from .urls import GENERATED_DIR, SiteUrls, source
from .widgets import copy_button, feedback_widget

log = logging.getLogger("mkdocs.plugins.fokus")


class FokusPlugin(BasePlugin[FokusConfig]):
    def __init__(self) -> None:
        self.tree: ContentTree | None = None
        # `fokus build` validates before building and hands the tree over: read content once.
        self.preloaded: ContentTree | None = None
        self.by_id: dict[int, Article] = {}
        self.articles: dict[str, Article] = {}
        self.generated: dict[str, GeneratedPage] = {}
        self.related: dict[str, list[Article]] = {}
        self.related_basis: tuple = ()
        self.records: dict[str, dict] = {}
        self.strings: dict[str, str] = strings("sv")
        self.urls = SiteUrls()
        self.today = dt.date.today()
        self.news = NewsContext(dt.datetime.now(dt.UTC))
        self.banners: list[Article] = []
        self.site_name = "Fokus"
        self.assets: dict[str, str] = {}  # theme asset -> its fingerprinted name
        self.source_links = links.SourceLinks(self._unknown_kb)
        # What each rendered article links to, read while MkDocs renders it, for the link
        # check after the build (build.build_site): no page is parsed twice.
        self.link_collector = LinkCollector()
        self.page_links: dict[str, PageLinks] = {}
        # The preview's previous build (site_builder/preview.py): pages whose render key is
        # unchanged are not rendered again, and keep their record and links from it.
        self.reuse: Rendered | None = None
        self.remember = False  # compute render keys: the preview sets it
        self.template_code: TemplateCode | None = None  # the preview's, across builds
        self.render_keys: dict[str, str] = {}
        self.redirect_pages: dict[str, str] = {}
        self.output_files: set[str] = set()
        self._shared: dict[str, Any] | None = None
        self._shared_digest = ""

    # -- configuration -------------------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.strings = strings(self.config.language)
        pinned = dt.date.fromisoformat(self.config.today) if self.config.today else None
        self.today = pinned or dt.date.today()
        # Lists of events and banners are ordered by this moment for readers without
        # JavaScript; the theme's scripts order them again by the reader's clock.
        self.news = NewsContext(build_moment(pinned, self.config.time_zone),
                                self.config.language, self.config.time_zone)
        config.theme["language"] = self.config.language
        if config.site_url and urlsplit(config.site_url).scheme not in ("http", "https"):
            # The public address goes into every copied link and canonical link.
            raise PluginError(f"site_url: {config.site_url!r} is not an http(s) address")
        add_fokus_theme(config)
        _beside_the_organisations_settings(config)
        page_theme_settings(config, self.config)
        self.site_name = config.site_name
        add_required(config.markdown_extensions, config.mdx_configs)
        for extension in (self.link_collector, self.source_links):
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
        config.validation.nav.omitted_files = logging.DEBUG
        config.validation.nav.absolute_links = logging.DEBUG
        config.validation.links.absolute_links = logging.DEBUG
        return config

    def _menu_label(self, key: str) -> str:
        return self.strings[f"menu.{key}"]

    # -- content -------------------------------------------------------------------------

    def on_pre_build(self, config: MkDocsConfig) -> None:
        # Validate before MkDocs cleans the output directory, so bad content destroys nothing.
        root = Path(config.docs_dir)
        tree = self.preloaded if self.preloaded and self.preloaded.root == root else None
        self.preloaded = None
        tree = tree or load_content(root, language=self.config.language,
                                    time_zone=self.config.time_zone)
        if tree.errors:
            raise PluginError(
                f"{len(tree.errors)} error(s) in {config.docs_dir}; nothing was built:\n"
                + "\n".join(f"  {f}" for f in tree.errors)
            )
        self.tree = tree
        self.urls = SiteUrls.for_tree(tree)
        for usual, moved in self.urls.moved():
            log.info(f"{usual} belongs to the content; Fokus's page is at {moved} instead")
        # The menu is the whole navigation: it must not grow with the number of articles. Its
        # paths depend on the content, so it is set here rather than in on_config.
        config.nav = [{self._menu_label(entry.key): source(entry.path)}
                      for entry in self.urls.menu(self.config.menu)]
        self.articles = {a.path: a for a in tree.published}
        self.by_id = tree.by_id()
        self._find_related(tree)
        self.banners = current_banners(
            (a for a in tree.published if a.status == "published"), self.news.now)
        self.source_links.resolver = links.LinkResolver(tree.published, root)
        # Kept in the previous build's order; the pages rendered again replace theirs.
        self.records = dict(self.reuse.records) if self.reuse else {}
        self._shared = None  # made again from this tree
        self.page_links = dict(self.reuse.page_links) if self.reuse else {}

    def _find_related(self, tree: ContentTree) -> None:
        """Related articles; the preview's previous ones when nothing they depend on changed."""
        self.related_basis = related_basis(tree.published, self.config.related_count)
        if self.reuse is not None and self.reuse.related_basis == self.related_basis:
            self.related = {path: [self.articles[p] for p in others]
                            for path, others in self.reuse.related.items()}
        else:
            self.related = related_articles(tree.published, self.config.related_count)

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.tree is not None
        # Drafts, and symbolic links to a page (one page, built once under its real path).
        drafts = {a.path for a in self.tree.articles if not a.is_published}
        drafts |= set(self.tree.symlinks)
        for file in list(files):
            if _is_dropped(file, drafts):
                files.remove(file)
        self.generated = {}
        for page in generate_pages(self.tree, self.config, self.strings, self.urls, self.news):
            existing = files.get_file_from_path(page.src_uri)
            if existing is not None:
                files.remove(existing)
            # Included whatever the site's `exclude_docs` says: Fokus's pages are not content.
            files.append(File.generated(config, page.src_uri, content=page.markdown,
                                        inclusion=InclusionLevel.INCLUDED))
            self.generated[page.src_uri] = page
        self._add_fingerprinted_assets(files, config)
        self.output_files = {f.dest_uri for f in files}
        self.render_keys = {f.src_uri: self._render_key(f, config)
                            for f in files.documentation_pages()} if self.remember else {}
        if self.reuse is not None and self.remember:
            self._skip_unchanged(files)
        return files

    def _render_key(self, file: File, config: MkDocsConfig) -> str:
        article = self.articles.get(file.src_uri)
        generated = self.generated.get(file.src_uri)
        if article is not None:
            # The whole front matter: the corpus record holds fields no template shows.
            meta = article.source.meta if article.source is not None else None
            own: tuple[Any, ...] = (article.body, meta, article.title, article.summary,
                                    article.page_meta, self._article_context(article, config))
        elif generated is not None:
            own = (generated.title, generated.markdown, generated.html_blocks)
        else:  # a page another plugin added
            own = (file.content_string,)
        self._shared_context()
        return render_key(own, {"shared": self._shared_digest,
                                "menu": self._menu_context(file.src_uri)})

    def _skip_unchanged(self, files: Files) -> None:
        """For a build with `dirty=True` (the preview's): MkDocs renders and writes a file only
        when it says it is modified. Pages are when their render key changed; the theme's and
        the content's other files are not (a change of those makes the preview build all)."""
        assert self.reuse is not None
        previous = self.reuse.keys
        for file in files:
            changed = (file.is_documentation_page()
                       and previous.get(file.src_uri) != self.render_keys[file.src_uri])
            file.is_modified = (lambda changed=changed: changed)  # type: ignore[method-assign]

    def rendered(self) -> Rendered:
        """What this build rendered, for the next preview build to reuse."""
        return Rendered(dict(self.render_keys), dict(self.records), dict(self.page_links),
                        dict(self.redirect_pages),
                        {path: [a.path for a in others] for path, others in self.related.items()},
                        self.related_basis)

    def _add_fingerprinted_assets(self, files: Files, config: MkDocsConfig) -> None:
        """Fokus's scripts and stylesheets also under hashed names (site_builder/assets.py);
        the originals stay for anything that names them directly."""
        self.assets = {}
        organisation = self.config.organisation
        contents = {assets.COLOURS_CSS: assets.colours_css(organisation.primary_color,
                                                           organisation.accent_color)}
        for file in files:
            if file.src_dir in config.theme.dirs and assets.is_theme_asset(file.src_uri):
                contents[file.src_uri] = Path(file.abs_src_path).read_bytes()
        for path, content in contents.items():
            self.assets[path] = assets.fingerprinted(path, content)
            files.append(File.generated(config, self.assets[path], content=content))

    def on_env(self, env, config: MkDocsConfig, files: Files):
        # Static templates such as 404.html get no page context, but still need the menu.
        env.globals["fokus"] = self._site_context()
        if self.template_code is not None:
            env.bytecode_cache = self.template_code
        env.filters["fokus_asset"] = lambda path: self.assets.get(path, path)
        return env

    def on_page_read_source(self, page: Page, config: MkDocsConfig) -> str | None:
        # The whole body, title heading included, so that every id is the one MkDocs gives it
        # (and the link check sees); on_page_content takes the title heading out again.
        article = self.articles.get(page.file.src_uri)
        return article.body if article is not None else None

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig,
                         files: Files) -> str:
        article = self.articles.get(page.file.src_uri)
        generated = self.generated.get(page.file.src_uri)
        self.source_links.page = page.file.src_uri  # the page MkDocs renders next
        self.link_collector.enabled = article is not None  # only articles' links are checked
        if generated is not None:
            page.meta["title"] = generated.title
        if article is None:
            return markdown
        page.meta.update(article.page_meta)  # `hide`, `template`, Material's `status` ...
        page.meta["title"] = article.title
        if article.summary:
            page.meta["description"] = article.summary
        return markdown

    def _unknown_kb(self, page: str, article_id: int) -> None:
        log.warning(f"{page}: link to KB-{article_id:04d}, which does not exist")

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        article = self.articles.get(page.file.src_uri)
        generated = self.generated.get(page.file.src_uri)
        if generated is not None:
            html = generated.with_blocks(html)
        if self.config.sanitize_html and page.file.src_uri == source(self.urls.start):
            return sanitize_between(html, INTRO_START, INTRO_END)
        if article is None:
            return html
        self.page_links[article.path] = self.link_collector.page_links(
            article.body, article.source.body_line if article.source else 1)
        if article.render_body != article.body:
            html = drop_title_heading(html)
        if self.config.sanitize_html:
            html = sanitize(html)  # before Fokus adds its own widgets to it
        sections = split_sections(html, corpus_levels(article.type, html))
        self.records[article.path] = corpus.article_record(
            article, sections, self._short_path(article), site_url=config.site_url or "",
            review_interval=self.config.review_interval)
        if article.type == "faq":
            html = collapse_faq(html, lambda s: self._question_extras(article, s))
        return html

    def _question_extras(self, article: Article, section: Section) -> str:
        """Under every FAQ answer: a copy-link button and a compact feedback widget."""
        return (copy_button(self.strings, article, self._short_path(article),
                            f"{article.title}: {section.heading}", f"#{section.anchor}",
                            compact=True)
                + feedback_widget(self.strings, article, section.anchor, compact=True))

    # -- templates -----------------------------------------------------------------------

    def on_page_context(self, context: dict[str, Any], page: Page, config: MkDocsConfig,
                        nav: Navigation) -> dict[str, Any]:
        context["fokus"] = self._site_context(page.file.src_uri)
        article = self.articles.get(page.file.src_uri)
        if article is not None:
            context["fokus_article"] = self._article_context(article, config)
        return context

    def _short_path(self, article: Article) -> str:
        """What a copied link points at: the short link, or the page itself without an id."""
        return self.urls.short(article.id) if article.id is not None else article.url

    def _site_context(self, src_uri: str | None = None) -> dict[str, Any]:
        """What the templates know about the site, on the page with that source path."""
        return {**self._shared_context(), "menu": self._menu_context(src_uri)}

    def _menu_context(self, src_uri: str | None) -> list[dict[str, Any]]:
        article = self.articles.get(src_uri) if src_uri is not None else None
        menu = self.urls.menu(self.config.menu, current_source=src_uri,
                              article_type=article.type if article is not None else None)
        return [{"key": e.key, "title": self._menu_label(e.key), "path": e.path,
                 "active": e.active} for e in menu]

    def _shared_context(self) -> dict[str, Any]:
        """The part of the site context that is the same on every page: made once a build
        (on_pre_build forgets it), not once a page."""
        if self._shared is None:
            self._shared = self._make_shared_context()
            # The same JSON blocks in the head of every page: serialised once, as Jinja's
            # `tojson` would (sorted keys, `<`, `>`, `&` and `'` escaped).
            self._shared["json"] = {
                name: Markup(htmlsafe_json_dumps(self._shared[name], sort_keys=True))
                for name in ("js_strings", "areas", "paths")}
            self._shared_digest = render_key((), self._shared)
        return self._shared

    def _make_shared_context(self) -> dict[str, Any]:
        return {
            "t": self.strings,
            "language": self.config.language,
            "organisation": self.config.organisation,
            "contact": self.config.contact,
            # Relative to the site root; the theme's scripts read them from a JSON block.
            "paths": {"start": self.urls.start, "contact": self.urls.contact,
                      "accessibility": self.urls.accessibility,
                      "search": self.urls.search, "feed": self.urls.feed,
                      "calendar": self.urls.calendar},
            "feed_title": f"{self.strings['types.news']} – {self.site_name}",
            "calendar_title": f"{self.strings['news.upcoming']} – {self.site_name}",
            # Status banners current when the site was built; fokus-status.js hides each
            # one when its time has passed.
            "banners": [{"kind": a.banner, "label": self.strings[f"banner.{a.banner}"],
                         "title": a.title, "path": a.url, "until": utc_iso(a.banner_until)}
                        for a in self.banners],
            "search_api": self.config.search_api,
            "js_strings": {k: v for k, v in self.strings.items()
                           if k.startswith(("search.", "copy.", "type", "contact.",
                                            "feedback.", "needs."))},
            # For "Berätta vad du letade efter" (fokus-needs.js): the areas a reader may pick.
            "areas": [{"slug": c.slug, "title": c.title, "path": self.urls.area(c.slug)}
                      for c in sorted(
                self.tree.categories.values(), key=lambda c: (c.order, c.title))]
            if self.tree is not None else [],
        }

    def _article_context(self, article: Article, config: MkDocsConfig) -> dict[str, Any]:
        assert self.tree is not None
        area = self.tree.categories.get(article.category)
        successor = (self.by_id.get(article.replaced_by)
                     if article.status == "archived" and article.replaced_by else None)
        return {
            "kb": article.kb,
            "type": article.type,
            "type_label": self.strings[f"type.{article.type}"],
            "type_path": self.urls.listing(article.type),
            "category_title": area.title if area else article.category,
            "category_path": self.urls.area(article.category),
            "owner": article.owner,
            "reviewed": article.reviewed.isoformat() if article.reviewed else "",
            "date": article.date.isoformat() if article.date else "",
            "overdue": article.is_overdue(self.today, self.config.review_interval),
            "archived": article.status == "archived",
            "successor": ({"title": successor.title, "path": successor.url, "kb": successor.kb}
                          if successor else None),
            "tags": [{"name": t, "path": self.urls.tag(t)} for t in article.tags],
            "related": [{"title": r.title, "path": r.url, "kb": r.kb}
                        for r in self.related.get(article.path, [])],
            "copy_button": copy_button(self.strings, article, self._short_path(article),
                                       article.title, "")
            if article.id is not None else "",
            "feedback": feedback_widget(self.strings, article)
            if article.status == "published" else "",
            # Printed under the title: where the article always is.
            "print_link": absolute(config.site_url or "", self._short_path(article)),
            "event": self._event_context(article) if article.type == "event" else None,
        }

    def _event_context(self, article: Article) -> dict[str, Any]:
        assert article.start is not None and article.end is not None
        zone = article.timezone or self.config.time_zone
        return {
            "when": describe_when(article.start, article.end, zone, self.config.language,
                                  self.config.time_zone),
            "start": article.start.isoformat(), "end": article.end.isoformat(),
            "start_utc": utc_iso(article.start), "end_utc": utc_iso(article.end),
            "past": is_past(article, self.news.now),
            "place": article.place, "online": article.online,
            "registration": article.registration,
            "calendar": self.urls.event_calendar(article.id) if article.id is not None else "",
            "calendar_name": f"{article.kb}.ics",
        }


    # -- output --------------------------------------------------------------------------

    def on_post_build(self, config: MkDocsConfig) -> None:
        assert self.tree is not None
        site_dir = Path(config.site_dir)
        self.redirect_pages = links.redirect_pages(self.tree, self.urls, self.config.language,
                                                   self.strings["redirect.moved"])
        previous = self.reuse.redirects if self.reuse is not None else {}
        links.write_redirects(site_dir, {path: html for path, html in self.redirect_pages.items()
                                         if previous.get(path) != html}, self.output_files)
        redirect_rules.write_rules(site_dir, links.redirects(self.tree, self.urls),
                                   base_path=urlsplit(config.site_url or "").path or "/")
        self._write_feeds(site_dir, config)
        areas = sorted(self.tree.categories.values(), key=lambda c: (c.order, c.title))
        document = corpus.corpus_document(
            list(self.records.values()), areas, site_url=config.site_url or "",
            language=self.config.language, synonyms=self.tree.synonyms)
        corpus.write_json_atomically(site_dir / self.config.corpus_file, document)


    def _write_feeds(self, site_dir: Path, config: MkDocsConfig) -> None:
        """Each event's calendar file, the calendar of upcoming events, the Atom feed."""
        assert self.tree is not None
        listed = [a for a in self.tree.published
                  if a.status == "published" and a.type in NEWS_TYPES]
        events = [a for a in listed if a.type == "event" and a.id is not None]
        site_url, language = config.site_url or "", self.config.language
        stamp = dt.datetime.now(dt.UTC)
        for event in events:
            _write(site_dir / self.urls.event_calendar(event.id), feeds.event_calendar(
                [event], name=event.title, site_url=site_url, stamp=stamp, language=language))
        upcoming = news_order(events, self.news.now).upcoming
        _write(site_dir / self.urls.calendar, feeds.event_calendar(
            upcoming, name=self._site_context()["calendar_title"], site_url=site_url,
            stamp=stamp, language=language))
        _write(site_dir / self.urls.feed, feeds.atom_feed(
            listed, title=self._site_context()["feed_title"], site_url=site_url,
            feed_path=self.urls.feed, language=language, updated=stamp))


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


# -- an organisation's own MkDocs settings beside Fokus ------------------------------------

MATERIAL_SEARCH_PLUGINS = ("material/search", "search")


def _beside_the_organisations_settings(config: MkDocsConfig) -> None:
    """Keep what an adopted site configured, except what would work against Fokus."""
    for name in MATERIAL_SEARCH_PLUGINS:
        search = config.plugins.get(name)
        if search is not None and getattr(search.config, "enabled", False):
            # Fokus's search service replaces Material's in-browser index, which nothing
            # would read and which would take the site's `search/` folder.
            search.config.enabled = False
            log.info(f"Material's `{name}` plugin is off: Fokus's search replaces it")
    custom_dir = config.theme.custom_dir
    theme_dir = fokus_theme_dir()
    if custom_dir and Path(custom_dir).resolve() != theme_dir.resolve():
        for template in sorted(_templates(theme_dir) & _templates(Path(custom_dir))):
            log.warning(f"{Path(custom_dir).name}/{template} is not used: Fokus's theme has "
                        f"its own {template}; move what it changes into a template Fokus "
                        "does not replace")


def _templates(directory: Path) -> set[str]:
    return {p.relative_to(directory).as_posix() for p in directory.rglob("*.html")}


def _is_dropped(file: File, drafts: set[str]) -> bool:
    """Drafts, the root intro (shown on the start page), content metadata files, and anything
    in the folder of Fokus's own pages."""
    if file.generated_by is not None:
        return False
    if file.src_uri.startswith(f"{GENERATED_DIR}/"):
        return True
    if file.src_uri.endswith(".md"):
        return file.src_uri == "index.md" or file.src_uri in drafts
    return "/" not in file.src_uri and file.src_uri.endswith((".yml", ".yaml", ".txt"))

