"""`fokus serve`: build, index and serve the portal and its API on one port."""

from __future__ import annotations

import click

from ..options import settings_option, site_options
from ..service import settings_errors, site_defaults
from ..site import build_or_exit, load_config


@click.command("serve")
@site_options
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
@click.option("--no-build", is_flag=True, help="Serve the existing output without building.")
@settings_option
def command(config_file: str | None, content_dir: str | None, output_dir: str | None, host: str,
            port: int, no_build: bool, settings_file: str | None) -> None:
    """Build the content, index it and serve the portal and its API on one port."""
    from search_service import create_app

    config = load_config(config_file, content_dir, output_dir)
    if not no_build:
        build_or_exit(config_file, content_dir, output_dir)
    with settings_errors():
        app = create_app(settings_file=settings_file, defaults=site_defaults(config))
    click.echo(f"Serving Fokus on http://{host}:{port}/ (Ctrl+C to stop)")
    app.run(host=host, port=port, threaded=True, use_reloader=False)
