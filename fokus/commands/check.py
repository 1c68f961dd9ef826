"""`fokus check`: every problem of the content tree, as file:line: field: message."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from mkdocs.config.defaults import MkDocsConfig

from site_builder.build import check_options, content_language, content_time_zone
from site_builder.checks import check_content
from site_builder.content import load_content
from site_builder.schema import ADOPTABLE_TYPES

from ..options import site_options
from ..site import display_dir, load_config, print_findings


@click.command("check")
@site_options
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
@click.option("--type-default", type=click.Choice(ADOPTABLE_TYPES), default="guide",
              show_default=True,
              help="With --fix: the type of pages that are not FAQ or troubleshooting pages.")
@click.option("--dry-run", is_flag=True, help="With --fix: show the changes as a diff only.")
def command(config_file: str | None, content_dir: str | None, output_dir: str | None,
            strict: bool, output_format: str, previous: str | None, fix: bool,
            owner: str | None, type_default: str, dry_run: bool) -> None:
    """Validate the content tree and report every problem as file:line: field: message.

    Exit status: 0 when clean, 1 on errors (or warnings with --strict), 2 on a usage error."""
    if not fix and (dry_run or owner is not None or type_default != "guide"):
        raise click.UsageError("--dry-run, --owner and --type-default go with --fix")
    config = load_config(config_file, content_dir, output_dir)
    root = Path(config.docs_dir)
    if not root.is_dir():
        raise click.UsageError(f"content directory {root} does not exist")
    if fix:
        _fix(config, root, owner, type_default, dry_run)
    tree = load_content(root, language=content_language(config),
                        time_zone=content_time_zone(config))
    findings = check_content(tree, check_options(config, previous))
    print_findings(findings, output_format, stream=sys.stdout, prefix=display_dir(root))
    errors = sum(f.is_error for f in findings)
    if output_format == "text":
        click.echo(f"{len(tree.articles)} articles checked: {errors} error(s), "
                   f"{len(findings) - errors} warning(s)")
    sys.exit(1 if errors or (strict and findings) else 0)


def _fix(config: MkDocsConfig, root: Path, owner: str | None, type_default: str,
         dry_run: bool) -> None:
    """Adopt the tree (see site_builder/fix.py); the diff goes to stdout, the rest to stderr."""
    from site_builder.fix import AdoptOptions, apply_adoption, plan_adoption

    project_dir = Path(config.config_file_path).parent if config.config_file_path else Path()
    options = AdoptOptions(
        today=check_options(config).today, owner=owner, type_default=type_default,
        language=content_language(config), nav=config.nav,
        markdown_extensions=config.markdown_extensions, markdown_configs=config.mdx_configs,
        project_dir=project_dir)
    adoption = plan_adoption(root, options)
    shown = display_dir(root)
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
