"""Where every page the build generates lives, and the menu that leads there.

Generated pages keep their usual short paths while the content leaves them free: the start page
at the site root, the type listings `handbocker/`, `guider/`, `faq/` and `aktuellt/`, the
contact page `kontakt/`, the accessibility statement `tillganglighet/`, search results `sok/`,
the tags `taggar/` and `taggar/<tag>/`, a service area's page `<slug>/` and the short links
`kb/<id>/`.

The organisation's tree comes first. When it uses one of those folders itself, the generated
page steps aside into `_fokus/`, a folder no content can take: the content loader ignores every
folder starting with `_`, and the build drops any file there. The rules:

- The start page is always the site root; a root `index.md` is its introduction.
- A type listing, the contact, accessibility and search pages, the tags and the short links
  keep their folder unless the content uses a top-level folder of that name (a page in it, a
  page named so, an alias under it) or a service area is called so. Then they live at
  `_fokus/<folder>/...`.
- A service area's page is `<slug>/` unless the content has a page at exactly that path (the
  area folder's own `index.md`), which stays the organisation's page. Then the area's page is
  `_fokus/omraden/<slug>/`. Pages inside the folder are no reason to move: the folder is the
  area's.

Every page of the tree counts, drafts included, so publishing a draft never moves a page.
Paths are site paths as MkDocs writes them with directory URLs: no leading slash, a trailing
slash, "" for the root. This module knows nothing of MkDocs: the plugin, the templates (through
the plugin), `fokus check` and the corpus all take their paths from here.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from markdown.extensions.toc import slugify

from .content import ContentTree, normalise_alias

GENERATED_DIR = "_fokus"
TYPE_FOLDERS = {"handbook": "handbocker", "guide": "guider", "faq": "faq", "news": "aktuellt"}
CONTACT_FOLDER = "kontakt"
ACCESSIBILITY_FOLDER = "tillganglighet"
SEARCH_FOLDER = "sok"
TAGS_FOLDER = "taggar"
SHORT_LINK_FOLDER = "kb"
AREAS_ASIDE_FOLDER = "omraden"  # only under GENERATED_DIR, where no area slug can clash
# Events are listed, and their menu entry is, with the news in Aktuellt.
LISTED_WITH = {"event": "news"}
# At the site root, where feed readers and people look: the Atom feed of news and events and
# the calendar of upcoming events (in `_fokus/` when the content has a file of that name).
# Material resolves `sitemap.xml` against every `<link rel="alternate">`: at the root it finds
# the site's own. One calendar file per event lives in the news listing's folder.
FEED_FILE = "feed.xml"
CALENDAR_FILE = "kalender.ics"
EVENT_CALENDAR_FOLDER = "kalender"
MENU_ITEMS = ("start", "handbook", "guide", "faq", "news", "contact")
_FIXED_FOLDERS = (*TYPE_FOLDERS.values(), CONTACT_FOLDER, ACCESSIBILITY_FOLDER, SEARCH_FOLDER,
                  TAGS_FOLDER, SHORT_LINK_FOLDER)


@dataclass(frozen=True)
class MenuEntry:
    key: str
    path: str
    active: bool


def source(path: str) -> str:
    """The Markdown source a generated page is built from: `faq/` -> `faq/index.md`."""
    return f"{path}index.md"


def relative(target: str, base: str) -> str:
    """`posixpath.relpath(target, base)` for paths inside the site (no `..`), without asking
    the file system for the working directory, as relpath does twice a call: a build makes
    several for every article."""
    to = [part for part in target.split("/") if part not in ("", ".")]
    at = [part for part in base.split("/") if part not in ("", ".")]
    common = 0
    while common < min(len(to), len(at)) and to[common] == at[common]:
        common += 1
    return "/".join([".."] * (len(at) - common) + to[common:]) or "."


@functools.lru_cache(maxsize=4096)
def tag_slug(tag: str) -> str:
    # Cached: a build asks for the same few tags' slugs thousands of times (listings, every
    # article's tag links), and slugify normalises and matches each anew.
    return slugify(tag, "-") or "tagg"


class SiteUrls:
    """The paths of one site's generated pages, decided once from what the content uses."""

    def __init__(self, content_paths: Iterable[str] = (), areas: Iterable[str] = (),
                 root_files: Iterable[str] = ()):
        """``content_paths``: the site path of every content page and alias; ``areas``: the
        service areas' slugs; ``root_files``: names of the content's files at its top."""
        taken_files = set(root_files)
        self._files = {name: (f"{GENERATED_DIR}/{name}" if name in taken_files else name)
                       for name in (FEED_FILE, CALENDAR_FILE)}
        taken = {p.strip("/") + "/" if p.strip("/") else "" for p in content_paths}
        area_slugs = sorted(set(areas))
        used_folders = {p.split("/")[0] for p in taken if p} | set(area_slugs)
        self._folders = {folder: (f"{GENERATED_DIR}/{folder}" if folder in used_folders
                                  else folder) for folder in _FIXED_FOLDERS}
        self._areas = {slug: (f"{GENERATED_DIR}/{AREAS_ASIDE_FOLDER}/{slug}/"
                              if f"{slug}/" in taken else f"{slug}/") for slug in area_slugs}

    @classmethod
    def for_tree(cls, tree: ContentTree) -> SiteUrls:
        paths = [a.url for a in tree.articles]
        paths += [normalise_alias(alias) for a in tree.articles for alias in a.aliases]
        files = [p.name for p in tree.root.iterdir() if p.is_file()] if tree.root.is_dir() else []
        return cls(paths, tree.categories, files)

    # -- the pages -------------------------------------------------------------------------

    @property
    def start(self) -> str:
        return ""

    @property
    def contact(self) -> str:
        return self._folders[CONTACT_FOLDER] + "/"

    @property
    def accessibility(self) -> str:
        """The accessibility statement, linked from every page's footer."""
        return self._folders[ACCESSIBILITY_FOLDER] + "/"

    @property
    def search(self) -> str:
        return self._folders[SEARCH_FOLDER] + "/"

    @property
    def tags(self) -> str:
        return self._folders[TAGS_FOLDER] + "/"

    def listing(self, article_type: str) -> str:
        listed = LISTED_WITH.get(article_type, article_type)
        return self._folders[TYPE_FOLDERS[listed]] + "/"

    @property
    def feed(self) -> str:
        """The Atom feed of news and events."""
        return self._files[FEED_FILE]

    @property
    def calendar(self) -> str:
        """The calendar of all upcoming events, to subscribe to."""
        return self._files[CALENDAR_FILE]

    def event_calendar(self, article_id: int) -> str:
        """One event's calendar file, named as readers know the article: `KB-0042.ics`."""
        return f"{self.listing('news')}{EVENT_CALENDAR_FOLDER}/KB-{article_id:04d}.ics"

    def tag(self, name: str) -> str:
        return f"{self.tags}{tag_slug(name)}/"

    def area(self, slug: str) -> str:
        """A service area's page; an area no one declared gets the usual `<slug>/`."""
        return self._areas.get(slug, f"{slug}/")

    def short(self, article_id: int) -> str:
        """The short link that forwards to an article: `kb/42/`."""
        return f"{self._folders[SHORT_LINK_FOLDER]}/{article_id}/"

    def short_forms(self, article_id: int) -> list[str]:
        """Every form of the short link staff write, the number as they see it included:
        `kb/1/`, `kb/0001/` and `kb/KB-0001/`."""
        folder = self._folders[SHORT_LINK_FOLDER]
        forms = [self.short(article_id), f"{folder}/{article_id:04d}/",
                 f"{folder}/KB-{article_id:04d}/"]
        return list(dict.fromkeys(forms))

    def fixed_pages(self) -> set[str]:
        """Every generated page whose path does not depend on an id or a tag."""
        return ({self.start, self.contact, self.accessibility, self.search, self.tags}
                | {self.listing(t) for t in TYPE_FOLDERS} | set(self._areas.values()))

    def moved(self) -> list[tuple[str, str]]:
        """Generated pages that stepped aside, as (usual path, where it is instead)."""
        usual = [(f"{folder}/", f"{path}/") for folder, path in self._folders.items()]
        usual += [(f"{slug}/", path) for slug, path in self._areas.items()]
        return sorted((was, now) for was, now in usual if was != now)

    # -- the menu --------------------------------------------------------------------------

    def menu_path(self, key: str) -> str:
        if key == "start":
            return self.start
        if key == "contact":
            return self.contact
        return self.listing(key)

    def menu(self, keys: Sequence[str], *, current_source: str | None = None,
             article_type: str | None = None) -> list[MenuEntry]:
        """The fixed menu, the same entries on every page however many articles there are.

        The entry of an article's type is active on the article; on a generated page, the
        entry leading there."""
        def active(key: str) -> bool:
            if article_type is not None:
                return key == LISTED_WITH.get(article_type, article_type)
            return current_source == source(self.menu_path(key))

        return [MenuEntry(key, self.menu_path(key), active(key)) for key in keys]
