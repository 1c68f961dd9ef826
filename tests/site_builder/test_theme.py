"""Fokus's templates come from the installed `fokus_theme` package, beneath the site's own
`custom_dir` and above Material."""

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


def test_without_custom_dir_fokus_comes_before_material(tmp_path):
    write_kb(tmp_path)
    config = load_mkdocs_config(str(tmp_path / "mkdocs.yml"))
    config.plugins.on_config(config)
    dirs = [Path(d) for d in config.theme.dirs]
    assert dirs[0] == fokus_theme_dir() and dirs[1].parent.name == "material"


def test_a_custom_dir_overrides_one_fokus_template_and_keeps_the_others(tmp_path):
    write_kb(tmp_path)
    Tree(tmp_path / "overrides").write("partials/footer.html",
                                       '<footer id="own-footer">Vår egen sidfot</footer>')
    config = tmp_path / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  name: material\n", "  name: material\n  custom_dir: overrides\n"), encoding="utf-8")
    build_site(str(config))
    html = (tmp_path / "site/index.html").read_text(encoding="utf-8")
    assert '<footer id="own-footer">Vår egen sidfot</footer>' in html
    assert "fokus-help" not in html  # Fokus's footer is replaced ...
    assert "assets/fokus-search.js" in html  # ... its header and scripts are not
