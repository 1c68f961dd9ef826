"""`fokus serve`: build, index and serve the portal and its API on one port; with `--watch`,
the authors' preview, rebuilt and re-indexed on every save (fokus/watch.py)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from site_builder.findings import ContentError, Finding

from ..options import settings_option, site_options
from ..service import settings_errors, site_defaults
from ..site import build_or_exit, display_dir, load_config, print_findings

if TYPE_CHECKING:
    from site_builder.preview import Preview


@click.command("serve")
@site_options
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
@click.option("--no-build", is_flag=True, help="Serve the existing output without building.")
@click.option("--watch", is_flag=True,
              help="Preview: rebuild what changed and re-index on every save of the content, "
                   "mkdocs.yml or the theme.")
@settings_option
def command(config_file: str | None, content_dir: str | None, output_dir: str | None, host: str,
            port: int, no_build: bool, watch: bool, settings_file: str | None) -> None:
    """Build the content, index it and serve the portal and its API on one port."""
    from search_service import create_app

    config = load_config(config_file, content_dir, output_dir)
    preview, shown = None, []
    if watch:
        from site_builder.preview import Preview

        preview = Preview(config_file, content_dir=content_dir, output_dir=output_dir)
        if not no_build:
            shown = _first_preview_build(preview, Path(config.site_dir))
    elif not no_build:
        build_or_exit(config_file, content_dir, output_dir)
    with settings_errors():
        app = create_app(settings_file=settings_file, defaults=site_defaults(config))
    if preview is not None:
        from ..watch import PreviewWatcher

        keeper = app.extensions["fokus_index"]
        settings_files = [Path(config.config_file_path)]
        if config.theme.custom_dir:
            settings_files.append(Path(config.theme.custom_dir))
        PreviewWatcher(preview, Path(config.docs_dir).resolve(), settings_files,
                       rebuilt=keeper.update_now, shown=shown).start()
        click.echo(f"Watching {display_dir(config.docs_dir)} for changes")
    click.echo(f"Serving Fokus on http://{host}:{port}/ (Ctrl+C to stop)")
    app.run(host=host, port=port, threaded=True, use_reloader=False)


def _first_preview_build(preview: Preview, site_dir: Path) -> list[Finding]:
    """Like `fokus build`; but bad content stops the preview only when there is no site yet
    to serve while the author corrects it. The findings printed."""
    try:
        result = preview.build()
    except ContentError as exc:
        print_findings(exc.findings, prefix=display_dir(exc.content_dir))
        if not site_dir.is_dir():
            click.echo("Build failed; there is no site to serve yet.", err=True)
            sys.exit(1)
        click.echo("Build failed; serving the previous site until the content is "
                   "corrected.", err=True)
        return exc.findings
    print_findings(result.findings, prefix=display_dir(result.tree.root))
    return result.findings
