"""Building the site so that a failed build leaves the previous output exactly as it was."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import logging
import os
import shutil
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from .checks import CheckOptions, check_content
from .config import DEFAULT_CORPUS_FILE
from .content import ContentTree, load_content
from .events import DEFAULT_TIME_ZONE
from .findings import ERROR, WARNING, ContentError, Finding
from .markdown_setup import MarkdownSettings, markdown_settings
from .page_links import PageLinks
from .rendered import Rendered, TemplateCode
from .theme import fokus_theme_dir

DEFAULT_CONFIG = {
    "site_name": "Fokus",
    "theme": {"name": "material", "features": ["navigation.tabs", "navigation.top"]},
    "plugins": ["fokus"],
    "strict": True,
}


@dataclass
class BuildResult:
    site_dir: Path
    tree: ContentTree
    findings: list[Finding]
    rendered: Rendered | None = None  # with `remember`: what the preview reuses next time


def load_mkdocs_config(config_file: str | None = None, *, content_dir: str | None = None,
                       output_dir: str | None = None) -> MkDocsConfig:
    """mkdocs.yml when there is one, else Fokus's embedded defaults over ./content."""
    overrides = {}
    if content_dir:
        overrides["docs_dir"] = str(Path(content_dir).resolve())
    if output_dir:
        overrides["site_dir"] = str(Path(output_dir).resolve())
    if config_file is None and not Path("mkdocs.yml").exists():
        defaults = dict(DEFAULT_CONFIG, docs_dir=str(Path("content").resolve()),
                        site_dir=str(Path("site").resolve()))
        stream = io.StringIO(yaml.safe_dump(defaults))
        stream.name = str(Path("mkdocs.yml").resolve())
        return load_config(stream, **overrides)
    return load_config(config_file, **overrides)


def build_site(config_file: str | None = None, *, content_dir: str | None = None,
               output_dir: str | None = None, strict: bool = False) -> BuildResult:
    """Validate, build into a staging directory, then swap it into place.

    Raises ContentError (with every finding) when the content is bad, leaving the output as it
    was. Links are checked with what the build read from each page while rendering it, so no
    page is parsed twice; a page that fails to build is reported as `fokus check` reports it.
    """
    config = load_mkdocs_config(config_file, content_dir=content_dir, output_dir=output_dir)
    tree = load_content(Path(config.docs_dir).resolve(), language=content_language(config),
                        time_zone=content_time_zone(config))
    return build_tree(config, tree, strict=strict)


def build_tree(config: MkDocsConfig, tree: ContentTree, *, strict: bool = False,
               reuse: Rendered | None = None, remember: bool = False,
               known_links: Mapping[str, PageLinks] | None = None,
               template_code: TemplateCode | None = None) -> BuildResult:
    """Build a loaded tree with a freshly loaded configuration (see `build_site`).

    For the preview (site_builder/preview.py): ``remember`` keeps what was rendered in the
    result; with ``reuse``, the previous build's, only the pages whose output changes are
    rendered (MkDocs' `dirty` build) and moved over the previous site, which stays as it was
    until the new build has passed. ``known_links``: pages' links already read, by path;
    ``template_code``: the templates compiled by the previous builds."""
    options = check_options(config)

    def stop_if_bad(findings: list[Finding]) -> None:
        if any(f.is_error for f in findings) or (strict and findings):
            raise ContentError(findings, str(tree.root))

    if tree.errors:  # pages that cannot be built at all: stop before rendering anything
        stop_if_bad(check_content(tree, options, known_links))
    output = Path(config.site_dir).resolve()
    staging = output.with_name(f".{output.name}.building-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    config.site_dir = str(staging)
    plugin = config.plugins.get("fokus")
    if plugin is not None:
        plugin.preloaded = tree
        plugin.remember = remember
        plugin.reuse = reuse
        plugin.template_code = template_code

    def parsed() -> dict[str, PageLinks]:
        return plugin.page_links if plugin is not None else {}

    try:
        try:
            with _quiet_dirty_notice():
                mkdocs_build(config, dirty=reuse is not None)
        except Exception:
            # A broken link stops MkDocs too, in strict mode: the findings say which and where.
            stop_if_bad(check_content(tree, options, parsed()))
            raise
        findings = check_content(tree, options, parsed())
        stop_if_bad(findings)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if reuse is not None:
        _move_over(staging, output)
    else:
        _swap_into_place(staging, output)
    rendered = plugin.rendered() if plugin is not None and remember else None
    return BuildResult(output, tree, findings, rendered)


@contextlib.contextmanager
def _quiet_dirty_notice() -> Iterator[None]:
    """MkDocs warns that a `dirty` build may leave pages inaccurate: true of its own, where a
    page's file date decides, not of the preview's, where a page's render key does; and in
    strict mode the warning would stop the build."""
    logger = logging.getLogger("mkdocs.commands.build")
    notice = _DirtyNotice()
    logger.addFilter(notice)
    try:
        yield
    finally:
        logger.removeFilter(notice)


class _DirtyNotice(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


def content_language(config: MkDocsConfig) -> str:
    """The plugin's `language`: the language of the content and of its hints."""
    plugin = config.plugins.get("fokus")
    return plugin.config.language if plugin is not None else "sv"


def content_time_zone(config: MkDocsConfig) -> str:
    """The plugin's `time_zone`: the zone of events' times written without one."""
    plugin = config.plugins.get("fokus")
    return plugin.config.time_zone if plugin is not None else DEFAULT_TIME_ZONE


def check_options(config: MkDocsConfig, previous_corpus: str | None = None) -> CheckOptions:
    """Check settings from the plugin's configuration; by default the corpus of the last build
    is the record of what was published."""
    plugin = config.plugins.get("fokus")
    options = plugin.config if plugin is not None else None
    today = dt.date.fromisoformat(options.today) if options and options.today else dt.date.today()
    previous = Path(previous_corpus) if previous_corpus else corpus_path(config)
    # The plugin adds Fokus's theme folder when MkDocs starts; checks run before that.
    template_dirs = tuple(Path(d) for d in [*config.theme.dirs, fokus_theme_dir()])
    return CheckOptions(today=today, review_interval=options.review_interval if options else 365,
                        previous_corpus=previous, markdown=site_markdown(config),
                        template_dirs=template_dirs,
                        mkdocs_link_severity=mkdocs_link_severity(config))


def corpus_path(config: MkDocsConfig) -> Path:
    """Where the build writes the corpus: the plugin's `corpus_file`, inside `site_dir`."""
    plugin = config.plugins.get("fokus")
    corpus_file = plugin.config.corpus_file if plugin is not None else DEFAULT_CORPUS_FILE
    return Path(config.site_dir) / corpus_file


def mkdocs_link_severity(config: MkDocsConfig) -> str | None:
    """How `fokus check` reports the link problems MkDocs' own validation knows (a relative
    link to nothing, a missing anchor): as MkDocs does. With `strict: true` they stop the
    build, as in `mkdocs build --strict`; else they are warnings, so that an adopted tree with
    links that were already broken still builds; set to `ignore` in `validation:`, not at all.
    """
    levels = (config.validation.links.not_found, config.validation.links.anchors)
    if all(level <= logging.DEBUG for level in levels):
        return None
    return ERROR if config.strict else WARNING


def site_markdown(config: MkDocsConfig) -> MarkdownSettings:
    """The Markdown extensions MkDocs will render the site's pages with, for the link check."""
    extensions = list(config.markdown_extensions)
    if "autorefs" in config.plugins:
        # The autorefs plugin adds its extension when the build starts; without it,
        # `[text][id]` resolved across pages would be plain text to the check.
        from mkdocs_autorefs import AutorefsExtension

        extensions.append(AutorefsExtension())
    return markdown_settings(extensions, config.mdx_configs)


def _move_over(staging: Path, output: Path) -> None:
    """The files of a partial build replace their old versions, each in one step."""
    for folder, _dirs, names in os.walk(staging):
        target = output / os.path.relpath(folder, staging)
        target.mkdir(parents=True, exist_ok=True)
        for name in names:
            os.replace(os.path.join(folder, name), target / name)
    shutil.rmtree(staging, ignore_errors=True)


def _swap_into_place(staging: Path, output: Path) -> None:
    previous = output.with_name(f".{output.name}.previous-{os.getpid()}")
    if output.exists():
        os.replace(output, previous)
    os.replace(staging, output)
    shutil.rmtree(previous, ignore_errors=True)
