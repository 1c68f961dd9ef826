"""`fokus index`: build or update the search index from the corpus of the last build."""

from __future__ import annotations

import click

from ..options import settings_option, site_options
from ..service import service_settings
from ..site import has_site_config, load_config


@click.command("index")
@site_options
@click.option("--full", is_flag=True, help="Rebuild from scratch instead of updating.")
@settings_option
def command(config_file: str | None, content_dir: str | None, output_dir: str | None, full: bool,
            settings_file: str | None) -> None:
    """Build or update the search index from the corpus file of the last build.

    Only articles whose content changed are re-indexed; a running service picks the new index
    up by itself."""
    from search_service.corpus import CorpusError
    from search_service.indexing_service import IndexKeeper

    config = (load_config(config_file, content_dir, output_dir)
              if has_site_config(config_file, output_dir) else None)
    settings = service_settings(settings_file, config)
    keeper = IndexKeeper(settings["CORPUS_PATH"], settings["INDEX_DIR"], watch=False)
    try:
        stats = keeper.update(full=full)
    except CorpusError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Index {stats.mode}: {stats.added} added, {stats.updated} updated, "
               f"{stats.removed} removed in {stats.seconds:.2f} s ({settings['INDEX_DIR']})")
