"""The `fokus` command line: build, serve, check and friends."""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path

import click

from . import __version__
from .content import load_content
from .findings import ContentError, Finding
from .schema import ARTICLE_TYPES, reference_markdown

CONFIG_HELP = "MkDocs configuration file (default: ./mkdocs.yml, else built-in defaults)."


def _common_options(func):
    func = click.option("-f", "--config-file", type=click.Path(exists=True, dir_okay=False),
                        help=CONFIG_HELP)(func)
    func = click.option("--content", "content_dir", type=click.Path(file_okay=False),
                        help="Content directory (overrides docs_dir).")(func)
    func = click.option("--output", "output_dir", type=click.Path(file_okay=False),
                        help="Output directory for the site (overrides site_dir).")(func)
    return func


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="fokus")
def main() -> None:
    """Fokus: a self-service knowledge base and FAQ portal for an IT helpdesk."""
    logging.basicConfig(format="%(levelname)s - %(message)s", level=logging.WARNING)


@main.command()
@_common_options
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
def build(config_file: str | None, content_dir: str | None, output_dir: str | None,
          strict: bool) -> None:
    """Validate the content and build the static site and the corpus file.

    A failed build leaves the previous output exactly as it was."""
    result = _build_or_exit(config_file, content_dir, output_dir, strict)
    click.echo(f"Built {len(result.tree.published)} articles into {result.site_dir}")


def _build_or_exit(config_file, content_dir, output_dir, strict=False):
    from .build import build_site

    try:
        result = build_site(config_file, content_dir=content_dir, output_dir=output_dir,
                            strict=strict)
    except ContentError as exc:
        _print_findings(exc.findings, prefix=_display_dir(exc.content_dir))
        click.echo("Build failed; the previous site was left as it was.", err=True)
        sys.exit(1)
    _print_findings(result.findings, prefix=_display_dir(result.tree.root))
    return result


SETTINGS_HELP = ("Service settings file (TOML); see docs/configuration.md. FOKUS_* environment "
                 "variables override it.")


@main.command()
@_common_options
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
@click.option("--no-build", is_flag=True, help="Serve the existing output without building.")
@click.option("--settings", type=click.Path(exists=True, dir_okay=False), help=SETTINGS_HELP)
def serve(config_file: str | None, content_dir: str | None, output_dir: str | None, host: str,
          port: int, no_build: bool, settings: str | None) -> None:
    """Build the content, index it and serve the portal and its API on one port."""
    from search_service import create_app

    if no_build:
        site_dir = Path(_load_config(config_file, content_dir, output_dir).site_dir)
    else:
        site_dir = _build_or_exit(config_file, content_dir, output_dir).site_dir
    app = create_app(_service_settings(settings, site_dir))
    click.echo(f"Serving Fokus on http://{host}:{port}/ (Ctrl+C to stop)")
    app.run(host=host, port=port, threaded=True, use_reloader=False)


def _service_settings(settings_file: str | None, site_dir: Path | None) -> dict:
    settings: dict = {}
    if settings_file:
        settings["SETTINGS_FILE"] = settings_file
    if site_dir is not None and "FOKUS_SITE_DIR" not in os.environ:
        settings["SITE_DIR"] = str(site_dir)
    return settings


@main.command()
@_common_options
@click.option("--full", is_flag=True, help="Rebuild from scratch instead of updating.")
@click.option("--settings", type=click.Path(exists=True, dir_okay=False), help=SETTINGS_HELP)
def index(config_file: str | None, content_dir: str | None, output_dir: str | None, full: bool,
          settings: str | None) -> None:
    """Build or update the search index from the corpus file of the last build.

    Only articles whose content changed are re-indexed; a running service picks the new index
    up by itself."""
    from search_service.config import load_settings
    from search_service.corpus import CorpusError
    from search_service.indexing_service import IndexKeeper

    site_dir = None
    if Path(config_file or "mkdocs.yml").exists() or output_dir:
        site_dir = Path(_load_config(config_file, content_dir, output_dir).site_dir)
    resolved = load_settings(_service_settings(settings, site_dir))
    keeper = IndexKeeper(resolved["CORPUS_PATH"], resolved["INDEX_DIR"], watch=False)
    try:
        stats = keeper.update(full=full)
    except CorpusError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Index {stats.mode}: {stats.added} added, {stats.updated} updated, "
               f"{stats.removed} removed in {stats.seconds:.2f} s ({resolved['INDEX_DIR']})")


@main.group()
def db() -> None:
    """The event store (searches, clicks, feedback)."""


@db.command()
@click.option("--settings", type=click.Path(exists=True, dir_okay=False), help=SETTINGS_HELP)
def upgrade(settings: str | None) -> None:
    """Apply the database migrations (the service also applies them at start)."""
    from search_service.config import load_settings
    from search_service.store import EventStore

    resolved = load_settings(_service_settings(settings, None))
    store = EventStore(resolved["DATABASE_URL"])
    store.upgrade()
    click.echo(f"Database at revision {store.current_revision()}")


def _open_store(settings_file: str | None):
    """The service's settings and its event store, migrated to the current schema."""
    from search_service.config import load_settings
    from search_service.store import EventStore

    resolved = load_settings(_service_settings(settings_file, None))
    store = EventStore(resolved["DATABASE_URL"])
    store.upgrade()
    return resolved, store


@db.command()
@click.option("--settings", type=click.Path(exists=True, dir_okay=False), help=SETTINGS_HELP)
def prune(settings: str | None) -> None:
    """Delete events older than RETENTION_DAYS (13 months); weekly totals of them stay.

    The service also does this by itself once a day."""
    from search_service.retention import prune as prune_events

    resolved, store = _open_store(settings)
    click.echo(f"Pruned: {prune_events(store, resolved['RETENTION_DAYS'])}")


@main.command()
@click.option("--since", help="First day of the period, YYYY-MM-DD (default: the last 7 days).")
@click.option("--owner", help="Only this owner (as in front matter, e.g. 'Team Nätverk').")
@click.option("--format", "output_format", type=click.Choice(["text", "markdown", "json"]),
              default="text", show_default=True)
@click.option("--output", "output_dir", type=click.Path(file_okay=False),
              help="Write one file per owner into this directory instead of printing.")
@click.option("--settings", type=click.Path(exists=True, dir_okay=False), help=SETTINGS_HELP)
def report(since: str | None, owner: str | None, output_format: str, output_dir: str | None,
           settings: str | None) -> None:
    """Per owner: due reviews, least helpful articles, new comments, searches that found
    nothing in the owner's areas, and open needs."""
    from search_service.indexing_service import IndexKeeper
    from search_service.owners import OwnershipCache
    from search_service.periods import Period, PeriodError, parse_since
    from search_service.report import build_report, render, write_files

    resolved, store = _open_store(settings)
    today = store.clock().date()
    try:
        period = parse_since(since, today) if since else Period.last_days(7, today)
    except PeriodError as exc:
        raise click.BadParameter(exc.message, param_hint="--since") from None
    searcher = IndexKeeper(resolved["CORPUS_PATH"], resolved["INDEX_DIR"], watch=False).engine
    result = build_report(store, OwnershipCache(resolved["CORPUS_PATH"]).get(), period,
                          today=today, default_owner=resolved["DEFAULT_OWNER"],
                          min_votes=resolved["INSIGHTS_MIN_VOTES"], searcher=searcher,
                          owner=owner)
    if output_dir:
        for path in write_files(result, output_format, Path(output_dir)):
            click.echo(f"Wrote {path}")
    else:
        click.echo(render(result, output_format), nl=False)


@main.group()
def staff() -> None:
    """Staff accounts for the insights pages (/insights/)."""


@staff.command("add")
@click.argument("name")
@click.option("--owner", help="Owner (as in front matter, e.g. 'Team Nätverk') whose articles "
                              "the pages open on.")
@click.option("--settings", type=click.Path(exists=True, dir_okay=False), help=SETTINGS_HELP)
def staff_add(name: str, owner: str | None, settings: str | None) -> None:
    """Add an account. The password is read from standard input when it is not a terminal,
    else asked for twice."""
    from search_service.staff import StaffError, add_staff

    if sys.stdin.isatty():
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    _, store = _open_store(settings)
    try:
        add_staff(store, name, password, owner)
    except StaffError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Added {name}" + (f" ({owner})" if owner else ""))


@staff.command("list")
@click.option("--settings", type=click.Path(exists=True, dir_okay=False), help=SETTINGS_HELP)
def staff_list(settings: str | None) -> None:
    """List the accounts: name, owner, created."""
    from search_service.staff import list_staff

    _, store = _open_store(settings)
    for account in list_staff(store):
        click.echo(f"{account.login}\t{account.owner or '-'}\t{account.created_at:%Y-%m-%d}")


@staff.command("remove")
@click.argument("name")
@click.option("--settings", type=click.Path(exists=True, dir_okay=False), help=SETTINGS_HELP)
def staff_remove(name: str, settings: str | None) -> None:
    """Remove an account; its sessions end with it."""
    from search_service.staff import StaffError, remove_staff

    _, store = _open_store(settings)
    try:
        remove_staff(store, name)
    except StaffError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Removed {name}")


@main.command()
@_common_options
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too.")
@click.option("--format", "output_format", type=click.Choice(["text", "github", "json"]),
              default="text", show_default=True, help="How to print findings.")
@click.option("--previous", type=click.Path(dir_okay=False),
              help="Corpus of the last published build, to catch removed articles "
                   "(default: the one in the output directory).")
@click.option("--fix", is_flag=True,
              help="Adopt the tree: add the Fokus fields each page lacks (id, title, type, "
                   "category, owner, reviewed) and declare its service areas in "
                   "categories.yml. Only adds front-matter lines; never rewrites a body.")
@click.option("--owner", metavar="NAME",
              help="With --fix: the owner of every page that has none (default: the service "
                   "area's owner in categories.yml, else CODEOWNERS).")
@click.option("--type-default", type=click.Choice(ARTICLE_TYPES), default="guide",
              show_default=True,
              help="With --fix: the type of pages that are not FAQ or troubleshooting pages.")
@click.option("--dry-run", is_flag=True, help="With --fix: show the changes as a diff only.")
def check(config_file: str | None, content_dir: str | None, output_dir: str | None,
          strict: bool, output_format: str, previous: str | None, fix: bool,
          owner: str | None, type_default: str, dry_run: bool) -> None:
    """Validate the content tree and report every problem as file:line: field: message.

    Exit status: 0 when clean, 1 on errors (or warnings with --strict), 2 on a usage error."""
    from .build import check_options, content_language
    from .checks import check_content

    if not fix and (dry_run or owner is not None or type_default != "guide"):
        raise click.UsageError("--dry-run, --owner and --type-default go with --fix")
    config = _load_config(config_file, content_dir, output_dir)
    root = Path(config.docs_dir)
    if not root.is_dir():
        raise click.UsageError(f"content directory {root} does not exist")
    if fix:
        _fix(config, root, owner, type_default, dry_run)
    tree = load_content(root, language=content_language(config))
    findings = check_content(tree, check_options(config, previous))
    _print_findings(findings, output_format, stream=sys.stdout, prefix=_display_dir(root))
    errors = sum(f.is_error for f in findings)
    if output_format == "text":
        click.echo(f"{len(tree.articles)} articles checked: {errors} error(s), "
                   f"{len(findings) - errors} warning(s)")
    sys.exit(1 if errors or (strict and findings) else 0)


def _fix(config, root: Path, owner: str | None, type_default: str, dry_run: bool) -> None:
    """Adopt the tree (see site_builder/fix.py); the diff goes to stdout, the rest to stderr."""
    from .build import check_options, content_language
    from .fix import AdoptOptions, apply_adoption, plan_adoption

    project_dir = Path(config.config_file_path).parent if config.config_file_path else Path()
    options = AdoptOptions(
        today=check_options(config).today, owner=owner, type_default=type_default,
        language=content_language(config), nav=config.nav,
        markdown_extensions=config.markdown_extensions, markdown_configs=config.mdx_configs,
        project_dir=project_dir)
    adoption = plan_adoption(root, options)
    shown = _display_dir(root)
    for path, why in adoption.left_alone:
        click.echo(f"{shown}/{path}: left alone: {why}", err=True)
    if adoption.unowned:
        count = len(adoption.unowned)
        raise click.UsageError(
            f"{count} page{'s have' if count > 1 else ' has'} no owner and nothing to take one "
            f"from (first: {shown}/{adoption.unowned[0]}). Give --owner NAME, set `owner` for "
            "the service area in categories.yml, or add a CODEOWNERS file (in .github/, the "
            "repository root or docs/). Nothing was written.")
    for change in adoption.changes:
        path = f"{shown}/{change.path}"
        if dry_run:
            click.echo(change.diff(path), nl=False)
        else:
            click.echo(f"{path}: added {', '.join(change.added)}", err=True)
    if not dry_run:
        apply_adoption(root, adoption)
    click.echo(adoption.summary() + (" (dry run: nothing written)" if dry_run else ""),
               err=True)


@main.command()
@_common_options
@click.option("--type", "article_type", type=click.Choice(["guide", "faq", "handbook", "news"]),
              prompt="Type", help="Article type.")
@click.option("--category", prompt="Service area (slug)", help="Service area slug.")
@click.option("--title", prompt="Title", help="The article's title.")
@click.option("--owner", help="Accountable team (default: the service area's owner).")
@click.option("--tag", "tags", multiple=True, help="A tag; repeat for more.")
def new(config_file: str | None, content_dir: str | None, output_dir: str | None,
        article_type: str, category: str, title: str, owner: str | None,
        tags: tuple[str, ...]) -> None:
    """Create a new article (as a draft) with the next free id and a body for its type."""
    import datetime as dt

    from .build import content_language
    from .scaffold import new_article, next_free_id

    config = _load_config(config_file, content_dir, output_dir)
    language = content_language(config)
    tree = load_content(Path(config.docs_dir), language=language)
    if category not in tree.categories:
        known = ", ".join(sorted(tree.categories)) or "none: create categories.yml"
        raise click.BadParameter(f"unknown service area `{category}` (known: {known})",
                                 param_hint="--category")
    kb = f"KB-{next_free_id(tree):04d}"
    path, text = new_article(tree, article_type=article_type, category=category, title=title,
                             today=dt.date.today(), owner=owner, tags=tags, language=language)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    click.echo(f"Created {os.path.relpath(path)} ({kb}) as a draft: write it, then set "
               "`status: published`.")


@main.command()
def schema() -> None:
    """Print the front-matter reference (docs/front-matter.md) generated from the schema."""
    click.echo(reference_markdown(), nl=False)


def _load_config(config_file: str | None, content_dir: str | None, output_dir: str | None):
    """mkdocs.yml with the command line's overrides; a bad configuration is a usage error."""
    from mkdocs.exceptions import Abort

    from .build import load_mkdocs_config

    try:
        return load_mkdocs_config(config_file, content_dir=content_dir, output_dir=output_dir)
    except Abort as exc:
        raise click.UsageError(f"invalid configuration ({exc.message})") from None


def _display_dir(root: Path | str) -> str:
    """The content directory as the author sees it from here, e.g. `content`."""
    try:
        relative = os.path.relpath(root)
    except ValueError:  # another drive on Windows
        return str(root)
    return str(root) if relative.startswith("..") else relative


def _print_findings(findings: list[Finding], output_format: str = "text", stream=None,
                    prefix: str = "") -> None:
    stream = stream or sys.stderr
    findings = [f.under(prefix) for f in findings]
    if output_format == "json":
        click.echo(json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=1),
                   file=stream)
        return
    for finding in findings:
        if output_format == "github":
            level = "error" if finding.is_error else "warning"
            field = f"{finding.field}: " if finding.field else ""
            click.echo(f"::{level} file={finding.file},line={finding.line}::{field}"
                       f"{finding.message}", file=stream)
        else:
            click.echo(str(finding), file=stream)


if __name__ == "__main__":  # pragma: no cover
    main()
