"""Options several commands share."""

from __future__ import annotations

from collections.abc import Callable

import click

CONFIG_HELP = "MkDocs configuration file (default: ./mkdocs.yml, else built-in defaults)."
SETTINGS_HELP = ("Service settings file (TOML; default: the file FOKUS_SETTINGS names); see "
                 "docs/configuration.md. FOKUS_* environment variables override its values.")


config_option = click.option("-f", "--config-file", type=click.Path(exists=True, dir_okay=False),
                             help=CONFIG_HELP)


def site_options(func: Callable) -> Callable:
    """-f/--config-file, --content and --output: the site as mkdocs.yml describes it."""
    func = config_option(func)
    func = click.option("--content", "content_dir", type=click.Path(file_okay=False),
                        help="Content directory (overrides docs_dir).")(func)
    func = click.option("--output", "output_dir", type=click.Path(file_okay=False),
                        help="Output directory for the site (overrides site_dir).")(func)
    return func


settings_option = click.option("--settings", "settings_file",
                               type=click.Path(exists=True, dir_okay=False), help=SETTINGS_HELP)
