"""Rebuilds for the authors' preview (`fokus serve --watch`): after a save, only what changed.

The preview stays in one process and remembers, between builds:

- every page file as read and parsed (front matter, body), by its bytes;
- what each page rendered to (site_builder/rendered.py): its render key, corpus record and
  links. A build renders only the pages whose key changed (the edited article, the listings
  and tag pages that show its title, the articles that list it as related …) and moves them
  over the served site; the menu, tag pages, FAQ pages and corpus are regenerated from the
  whole tree as in any build, so they never go stale.

When the structure changes (a page added, removed or renamed, an id, alias or status changed,
any file that is not a page, mkdocs.yml or the theme), the preview builds everything, as
`fokus build` does. Bad content raises ContentError and leaves the served site as it was."""

from __future__ import annotations

import os
from pathlib import Path

from .build import (
    BuildResult,
    build_tree,
    content_language,
    content_time_zone,
    load_mkdocs_config,
)
from .content import ContentTree, load_content
from .findings import Finding
from .page_links import PageLinks
from .rendered import Rendered, TemplateCode
from .source import Source, read_page


class PageCache:
    """Pages as read, by their bytes: an unchanged file is not parsed again."""

    def __init__(self) -> None:
        self._pages: dict[str, tuple[bytes, Source, list[Finding]]] = {}

    def read(self, root: Path, rel_path: str) -> tuple[Source, list[Finding]]:
        path = root / rel_path
        try:
            raw = path.read_bytes() if path.is_file() else None
        except OSError:
            raw = None
        if raw is None:  # read_page says what is wrong with it
            return read_page(root, rel_path)
        cached = self._pages.get(rel_path)
        if cached is not None and cached[0] == raw:
            return cached[1], list(cached[2])
        source, findings = read_page(root, rel_path)
        self._pages[rel_path] = (raw, source, list(findings))
        return source, findings


class Preview:
    """Builds the site again and again, each time reusing what did not change."""

    def __init__(self, config_file: str | None = None, *, content_dir: str | None = None,
                 output_dir: str | None = None):
        self.config_file = config_file
        self.content_dir = content_dir
        self.output_dir = output_dir
        self.pages = PageCache()
        self.template_code = TemplateCode()
        self.previous: Rendered | None = None
        self.bodies: dict[str, str] = {}  # the page texts the previous build rendered
        self.structure: tuple | None = None
        self.rendered_pages = 0  # pages the last build rendered

    def forget(self) -> None:
        """Build everything next time (mkdocs.yml or the theme changed)."""
        self.previous = None
        self.structure = None

    def build(self) -> BuildResult:
        config = load_mkdocs_config(self.config_file, content_dir=self.content_dir,
                                    output_dir=self.output_dir)
        tree = load_content(Path(config.docs_dir).resolve(), language=content_language(config),
                            time_zone=content_time_zone(config), read=self.pages.read)
        structure = site_structure(tree)
        reuse = self.previous if structure == self.structure else None
        result = build_tree(config, tree, reuse=reuse, remember=True,
                            known_links=self._known_links(tree),
                            template_code=self.template_code)
        assert result.rendered is not None
        previous_keys = reuse.keys if reuse is not None else {}
        self.rendered_pages = sum(1 for uri, key in result.rendered.keys.items()
                                  if previous_keys.get(uri) != key)
        self.previous, self.structure = result.rendered, structure
        self.bodies = {a.path: a.body for a in tree.articles}
        return result

    def _known_links(self, tree: ContentTree) -> dict[str, PageLinks]:
        """Links of the pages whose text is what the last build rendered."""
        if self.previous is None:
            return {}
        return {a.path: self.previous.page_links[a.path] for a in tree.articles
                if a.path in self.previous.page_links
                and self.bodies.get(a.path) == a.body}


def site_structure(tree: ContentTree) -> tuple:
    """What decides where every link leads and which files the site has: while it stays the
    same, a build may reuse the previous one's pages."""
    pages = tuple((a.path, a.id, a.status, a.valid, a.is_article, tuple(a.aliases),
                   a.replaced_by) for a in tree.articles)
    return (pages, tuple(sorted(tree.symlinks.items())), repr(tree.categories),
            repr(tree.retired), repr(tree.synonyms), tree.intro, other_files(tree.root))


def other_files(root: Path) -> tuple[tuple[str, int, int], ...]:
    """The content's files that are not pages (images, downloads, YAML), with their stamps."""
    found = []
    for folder, dirs, names in os.walk(root, followlinks=True):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if name.endswith(".md"):
                continue
            path = os.path.join(folder, name)
            try:
                stat = os.stat(path)
            except OSError:
                continue
            found.append((os.path.relpath(path, root), stat.st_mtime_ns, stat.st_size))
    return tuple(found)
