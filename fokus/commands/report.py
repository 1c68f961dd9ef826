"""`fokus report`: what each owner should look at."""

from __future__ import annotations

from pathlib import Path

import click

from ..options import config_option, settings_option
from ..service import open_store
from ..site import has_site_config, load_config


@click.command("report")
@config_option
@click.option("--since", help="First day of the period, YYYY-MM-DD (default: the last 7 days).")
@click.option("--owner", help="Only this owner (as in front matter, e.g. 'Team Nätverk').")
@click.option("--format", "output_format", type=click.Choice(["text", "markdown", "json"]),
              default="text", show_default=True)
@click.option("--output", "output_dir", type=click.Path(file_okay=False),
              help="Write one file per owner into this directory instead of printing.")
@settings_option
def command(config_file: str | None, since: str | None, owner: str | None,
            output_format: str, output_dir: str | None, settings_file: str | None) -> None:
    """Per owner: due reviews, least helpful articles, new comments, searches that found
    nothing in the owner's areas, and open needs."""
    from search_service.indexing_service import IndexKeeper
    from search_service.owners import OwnershipCache
    from search_service.periods import Period, PeriodError, parse_since
    from search_service.report import build_report, render, write_files

    config = load_config(config_file, None, None) if has_site_config(config_file) else None
    settings, store = open_store(settings_file, config)
    today = store.clock().date()
    try:
        period = parse_since(since, today) if since else Period.last_days(7, today)
    except PeriodError as exc:
        raise click.BadParameter(exc.message, param_hint="--since") from None
    searcher = IndexKeeper(settings["CORPUS_PATH"], settings["INDEX_DIR"], watch=False).engine
    result = build_report(store, OwnershipCache(settings["CORPUS_PATH"]).get(), period,
                          today=today, default_owner=settings["DEFAULT_OWNER"],
                          min_votes=settings["INSIGHTS_MIN_VOTES"], searcher=searcher,
                          owner=owner)
    if output_dir:
        for path in write_files(result, output_format, Path(output_dir)):
            click.echo(f"Wrote {path}")
    else:
        click.echo(render(result, output_format), nl=False)
