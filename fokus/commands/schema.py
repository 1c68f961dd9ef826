"""`fokus schema`: the references in docs/, generated from what the code declares."""

from __future__ import annotations

import click

from site_builder.config import options_markdown
from site_builder.schema import reference_markdown


def settings_markdown() -> str:
    """The search service's settings; imported when asked for, since it brings Flask."""
    from search_service.config import settings_markdown as markdown

    return markdown()


REFERENCES = {
    "front-matter": reference_markdown,  # the whole of docs/front-matter.md
    "plugin": options_markdown,  # docs/configuration.md, the `fokus` plugin's options
    "settings": settings_markdown,  # docs/configuration.md, the search service's settings
}


@click.command("schema")
@click.argument("part", type=click.Choice(list(REFERENCES)), default="front-matter")
def command(part: str) -> None:
    """Print a reference generated from the code: the front matter (docs/front-matter.md),
    the plugin's options or the service's settings (their tables in docs/configuration.md)."""
    click.echo(REFERENCES[part](), nl=False)
