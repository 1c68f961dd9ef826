"""The plugin's options: each declared with its help, and the reference generated from them."""

from __future__ import annotations

from pathlib import Path

from site_builder.config import OPTION_HELP, declared_options, options_markdown

REPO = Path(__file__).resolve().parents[2]


def test_every_declared_option_has_help_and_nothing_else_does():
    names = [name for name, _ in declared_options()]
    assert "contact.phone" in names and "organisation.name" in names and "today" in names
    assert sorted(names) == sorted(OPTION_HELP)
    assert all(OPTION_HELP[name].help for name in names)


def test_the_docs_table_is_generated_from_the_declarations():
    docs = (REPO / "docs" / "configuration.md").read_text(encoding="utf-8")
    assert options_markdown() in docs, (
        "docs/configuration.md is stale: paste the output of `fokus schema plugin` over its "
        "table of plugin options")
    assert "| `review_interval` | `365` |" in options_markdown()
