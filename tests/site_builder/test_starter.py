"""`fokus init`'s files: a mkdocs.yml with every plugin option, and content that checks clean."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
import yaml
from mkdocs.config import load_config

from site_builder.config import declared_options
from site_builder.starter import starter_files, starter_mkdocs_yml

COMMENTED = re.compile(r"^( *)# (.*)$")


def uncomment_all(text: str) -> str:
    """What the file says once every option is set: remove one `# ` from each commented line
    under the plugin that holds an option (twice for those in a commented section)."""
    lines = text.splitlines()
    start = lines.index("  - fokus:")
    for _ in range(2):
        for number in range(start + 1, len(lines)):
            match = COMMENTED.match(lines[number])
            if match and re.match(r" *(# )?[a-z_]+:( |$)", match[2]):
                lines[number] = match[1] + match[2]
    return "\n".join(lines) + "\n"


def plugin_options(text: str, tmp_path) -> dict:
    (tmp_path / "content").mkdir(exist_ok=True)
    stream = io.StringIO(text)
    stream.name = str(tmp_path / "mkdocs.yml")
    config = load_config(stream)
    return config.plugins["fokus"].config


@pytest.mark.parametrize("language", ["sv", "en"])
def test_mkdocs_yml_names_every_option_once_with_its_help(language):
    text = starter_mkdocs_yml(language, "IT-support")
    plugin = text.split("  - fokus:\n")[1]
    for option, _ in declared_options():
        leaf = option.rpartition(".")[2]
        assert len(re.findall(rf"^[ #]*{leaf}:", plugin, re.MULTILINE)) == 1, option
    assert f"      language: {language}\n" in text
    assert "        name: IT-support\n" in text
    assert "# review_interval: 365\n" in text
    assert max(len(line) for line in text.splitlines()) <= 100


def test_as_written_it_sets_language_and_name_and_leaves_the_rest_to_the_defaults(tmp_path):
    options = plugin_options(starter_mkdocs_yml("en", "Helpdesk"), tmp_path)
    assert options.language == "en" and options.organisation.name == "Helpdesk"
    assert options.review_interval == 365 and options.contact.phone == ""


def test_every_commented_option_is_valid_yaml_and_shows_its_default_or_an_example(tmp_path):
    options = plugin_options(uncomment_all(starter_mkdocs_yml("sv", "IT-support")), tmp_path)
    for name, default in declared_options():
        value = options
        for part in name.split("."):
            value = value[part]
        assert value == default or default in (None, "", []), name
    assert options.contact.phone == "010-123 45 00" and options.important == [12, 31]
    assert options.today == "2026-01-31"


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_content_has_areas_and_one_published_article_of_each_type(language):
    files = starter_files(language, "IT-support", dt.date(2026, 3, 2))
    areas = {a["slug"] for a in yaml.safe_load(files["content/categories.yml"])}
    articles = [yaml.safe_load(text.split("---\n")[1]) for path, text in files.items()
                if path.endswith(".md")]
    assert sorted(a["type"] for a in articles) == ["faq", "guide", "handbook", "news"]
    assert {a["category"] for a in articles} == areas
    assert {a["status"] for a in articles} == {"published"}
    assert {a["reviewed"] for a in articles} == {dt.date(2026, 3, 2)}
