"""The site builder's side of the commands: mkdocs.yml, builds and their findings."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click
from mkdocs.config.defaults import MkDocsConfig

from site_builder.build import BuildResult, build_site, load_mkdocs_config
from site_builder.findings import ContentError, Finding


def load_config(config_file: str | None, content_dir: str | None,
                output_dir: str | None) -> MkDocsConfig:
    """mkdocs.yml with the command line's overrides; a bad configuration is a usage error."""
    from mkdocs.exceptions import Abort

    try:
        return load_mkdocs_config(config_file, content_dir=content_dir, output_dir=output_dir)
    except Abort as exc:
        raise click.UsageError(f"invalid configuration ({exc.message})") from None


def has_site_config(config_file: str | None, output_dir: str | None = None) -> bool:
    """Whether the command line or the folder describes a site (else: the service's own
    settings say where the site and its corpus are)."""
    return bool(config_file or output_dir) or Path("mkdocs.yml").exists()


def build_or_exit(config_file: str | None, content_dir: str | None, output_dir: str | None,
                  strict: bool = False) -> BuildResult:
    """Build, printing every finding; on bad content exit 1 with the previous site intact."""
    try:
        result = build_site(config_file, content_dir=content_dir, output_dir=output_dir,
                            strict=strict)
    except ContentError as exc:
        print_findings(exc.findings, prefix=display_dir(exc.content_dir))
        click.echo("Build failed; the previous site was left as it was.", err=True)
        sys.exit(1)
    print_findings(result.findings, prefix=display_dir(result.tree.root))
    return result


def display_dir(root: Path | str) -> str:
    """The content directory as the author sees it from here, e.g. `content`."""
    try:
        relative = os.path.relpath(root)
    except ValueError:  # another drive on Windows
        return str(root)
    return str(root) if relative.startswith("..") else relative


def print_findings(findings: list[Finding], output_format: str = "text", stream=None,
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
