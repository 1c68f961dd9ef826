"""The site builder and the search service share only the corpus file: neither imports the
other, nor the command line; `fokus` is the one package that knows both."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Each package, and the packages it must never import.
FORBIDDEN = {
    "site_builder": {"search_service", "fokus"},
    "search_service": {"site_builder", "fokus"},
    "fokus_theme": {"site_builder", "search_service", "fokus"},
}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Every module a file imports, anywhere in it (lazy imports in functions too), with
    relative imports resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(
        ".")[0]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                found.add(".".join([*base, node.module] if node.module else base))
            else:
                found.add(node.module or "")
    return found


def top_level_imports(package: str) -> dict[str, set[str]]:
    """For each module of the package: the top-level packages it imports."""
    return {module_name(path): {name.split(".")[0] for name in imports_of(path)}
            for path in sorted((ROOT / package).rglob("*.py"))}


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_a_package_imports_none_of_the_others(package):
    modules = top_level_imports(package)
    assert modules, f"no modules found in {package}/"
    crossings = {module: sorted(imported & FORBIDDEN[package])
                 for module, imported in modules.items() if imported & FORBIDDEN[package]}
    assert crossings == {}


def test_the_command_line_is_the_one_place_that_knows_both():
    imported = set().union(*top_level_imports("fokus").values())
    assert {"site_builder", "search_service"} <= imported


def test_relative_imports_are_resolved_to_their_package():
    # The check itself: `from ..x import y` in a/b/c.py is a.x; `from . import z` is a.b.
    assert imports_of(ROOT / "fokus" / "commands" / "serve.py") >= {"fokus.options",
                                                                    "fokus.service"}
    assert "site_builder" in imports_of(ROOT / "site_builder" / "plugin.py")
