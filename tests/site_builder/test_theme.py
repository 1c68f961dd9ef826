"""Fokus's templates come from the installed `fokus_theme` package, before the site's own
`custom_dir` and Material."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from site_builder.build import build_site, load_mkdocs_config
from site_builder.theme import fokus_theme_dir

from ..conftest import Tree, write_kb


def test_the_theme_is_the_installed_package_not_a_folder_beside_the_source():
    spec = importlib.util.find_spec("fokus_theme")
    assert fokus_theme_dir() == Path(spec.origin).parent
    assert {"main.html", "partials", "assets"} <= {p.name for p in fokus_theme_dir().iterdir()}


def test_fokus_comes_before_the_custom_dir_and_material(tmp_path):
    write_kb(tmp_path)
    (tmp_path / "overrides").mkdir()
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text(config_file.read_text(encoding="utf-8").replace(
        "  name: material\n", "  name: material\n  custom_dir: overrides\n"), encoding="utf-8")
    config = load_mkdocs_config(str(config_file))
    config.plugins.on_config(config)
    dirs = [Path(d) for d in config.theme.dirs]
    assert dirs[:2] == [fokus_theme_dir(), tmp_path / "overrides"]
    assert dirs[2].parent.name == "material"


def test_a_custom_dir_template_fokus_does_not_have_is_used(tmp_path):
    write_kb(tmp_path)
    # Fokus's footer includes Material's copyright partial, which the site may override.
    Tree(tmp_path / "overrides").write("partials/copyright.html",
                                       '<div id="own-copyright">© Norrvik</div>')
    config = tmp_path / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  name: material\n", "  name: material\n  custom_dir: overrides\n"), encoding="utf-8")
    build_site(str(config))
    html = (tmp_path / "site/index.html").read_text(encoding="utf-8")
    assert '<div id="own-copyright">© Norrvik</div>' in html
    assert "fokus-help" in html and "assets/fokus-search." in html  # Fokus's footer, header
