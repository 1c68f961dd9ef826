"""The link check on three real MkDocs sites of other organisations agrees with MkDocs itself.

Each tree in ../shared/corpora/ is built by MkDocs with its own upstream mkdocs.yml and link
validation turned up to warnings; `fokus check` on the same tree and configuration must report
exactly the links MkDocs finds broken (missing targets and anchors), and none of the links
MkDocs leaves to the browser and that work there (directory links, links written as site URLs,
autorefs references). The corpora are required: the test fails when they are absent.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from site_builder.build import check_options
from site_builder.checks import check_content
from site_builder.content import load_content

CORPORA = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpora"
# "Doc file 'a.md' contains a link 'b.md#c', but the doc 'b.md' does not contain an anchor ..."
_BROKEN_RE = re.compile(r"Doc file '([^']+)' contains a link '([^']+)', but ")
_FINDING_RE = re.compile(r"^(?:link to (.+?)(?: in HTML)?|image (.+?) does not exist \(.*)(?::|$)")


def corpus_config(name: str, tmp_path: Path):
    corpus = CORPORA / f"{name}-docs"
    assert (corpus / "docs").is_dir(), f"corpus {corpus} is missing"
    text = (corpus / "upstream-mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("custom_dir: overrides", "")  # the theme overrides were not copied
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text(text, encoding="utf-8")
    config = load_config(str(config_file), docs_dir=str(corpus / "docs"),
                         site_dir=str(tmp_path / "site"))
    for level in ("not_found", "anchors", "unrecognized_links"):
        setattr(config.validation.links, level, logging.WARNING)
    return corpus, config


def mkdocs_broken_links(config, caplog) -> set[tuple[str, str]]:
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        mkdocs_build(config)
    found = set()
    for record in caplog.records:
        match = _BROKEN_RE.search(record.getMessage())
        if match:
            found.add((match.group(1), match.group(2)))
    return found


def fokus_broken_links(config) -> set[tuple[str, str]]:
    tree = load_content(Path(config.docs_dir))
    found = set()
    for finding in check_content(tree, check_options(config)):
        match = _FINDING_RE.match(finding.message)
        if match:
            found.add((finding.file, match.group(1) or match.group(2)))
    return found


@pytest.mark.parametrize("name", ["eidf", "archer2", "cscs"])
def test_check_reports_the_broken_links_mkdocs_reports(name, tmp_path, monkeypatch, caplog):
    corpus, config = corpus_config(name, tmp_path)
    # Snippet paths are written from the project root, as MkDocs is run from there.
    monkeypatch.chdir(corpus)
    assert fokus_broken_links(config) == mkdocs_broken_links(config, caplog)


def test_the_realistic_cases_hold_real_broken_links(tmp_path, monkeypatch):
    corpus, config = corpus_config("archer2", tmp_path)
    monkeypatch.chdir(corpus)
    found = fokus_broken_links(config)
    # Named in the corpus' SOURCE.md: a missing page, and a link without a URL scheme.
    assert ("other-software/cesm213.md", "../research-software/cesm213.md") in found
    assert ("user-guide/energy.md", "carbonintensity.org.uk") in found
