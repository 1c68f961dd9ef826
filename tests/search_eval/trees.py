"""Docs trees to evaluate on, each adopted and built into a corpus in a working directory.

A tree is adopted as a new Fokus user would adopt it: its `docs/` copied into a fresh directory
next to a minimal mkdocs.yml, then `fokus check --fix --owner Helpdesk` and `fokus build`. The
starter content is built as it is. The merged tree holds each shared tree's docs in a folder
named for it (`eidf/`, `archer2/`, `cscs/`); its queries' paths are prefixed the same way.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from search_service.corpus import Corpus, load_corpus

from .labels import LabelledQuery, read_starter, read_tsv, with_sections

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
CORPORA = REPO.parent / "shared" / "corpora"
STARTER_QUERIES = HERE / "queries.yml"
SECTION_LABELS = HERE / "sections"  # <tree>.tsv: section labels for a shared tree's queries
HELDOUT = HERE / "heldout"  # <tree>.tsv: queries written after tuning
SHARED_TREES = {"eidf-docs": "eidf", "archer2-docs": "archer2", "cscs-docs": "cscs"}
OWNER = "Helpdesk"

MKDOCS_YML = """\
site_name: {name}
site_url: https://docs.example.org/
docs_dir: docs
site_dir: site
theme:
  name: material
markdown_extensions:
  - toc:
      permalink: false
  - admonition
  - attr_list
  - def_list
  - footnotes
  - md_in_html
  - tables
  - pymdownx.details
  - pymdownx.superfences
  - pymdownx.tabbed:
      alternate_style: true
  - pymdownx.snippets:
      base_path: {snippet_roots}
      check_paths: false
plugins:
{plugins}
"""
FOKUS_PLUGINS = "  - fokus:\n      language: en\n"
AUTOREFS = "  - autorefs\n"


@dataclass
class QuerySet:
    name: str
    queries: list[LabelledQuery]


@dataclass
class BuiltTree:
    name: str
    corpus: Corpus
    query_sets: list[QuerySet]
    adoption: str  # how the tree became buildable, for the report
    problems: list[str] = field(default_factory=list)  # worth a note in the report


class AdoptionError(RuntimeError):
    """`fokus check --fix` did not make the tree buildable."""


def starter(workdir: Path) -> BuiltTree:
    from site_builder.build import build_site

    build_site(str(REPO / "mkdocs.yml"), content_dir=str(REPO / "content"),
               output_dir=str(workdir / "site"))
    return BuiltTree("starter", load_corpus(workdir / "site" / "corpus.json"),
                     [QuerySet("starter", read_starter(STARTER_QUERIES))], "content/ as it is")


def shared_tree(name: str, workdir: Path) -> BuiltTree:
    source = shared_source(name)
    return adopted_tree(name, {"": source / "docs"}, workdir,
                        [QuerySet(name, tree_queries(name)), *heldout_sets(name)],
                        uses_autorefs(source))


def merged_tree(workdir: Path) -> BuiltTree:
    folders = {f"{folder}/": shared_source(name) / "docs" for name, folder in SHARED_TREES.items()}
    queries = []
    for name, folder in SHARED_TREES.items():
        queries += tree_queries(name, prefix=f"{folder}/")
    return adopted_tree("merged", folders, workdir, [QuerySet("merged", queries)])


def custom_tree(docs: Path, queries: Path, workdir: Path) -> BuiltTree:
    return adopted_tree(docs.parent.name, {"": docs}, workdir,
                        [QuerySet(queries.name, read_tsv(queries))], uses_autorefs(docs.parent))


def uses_autorefs(source: Path) -> bool:
    """Whether the tree's own mkdocs.yml resolves `[text][ref]` links with mkdocs-autorefs.
    The merged tree goes without: the other trees' undefined references would then fail."""
    configs = [source / "mkdocs.yml", source / "upstream-mkdocs.yml"]
    return any("autorefs" in c.read_text(encoding="utf-8") for c in configs if c.is_file())


def shared_source(name: str) -> Path:
    source = CORPORA / name
    if not (source / "queries.tsv").is_file():
        raise FileNotFoundError(f"{source}: the shared corpora are missing (../shared/corpora)")
    return source


def tree_queries(name: str, prefix: str = "") -> list[LabelledQuery]:
    queries = read_tsv(shared_source(name) / "queries.tsv", prefix)
    overlay = SECTION_LABELS / f"{name}.tsv"
    if overlay.is_file():
        with_sections(queries, overlay, prefix)
    return queries


def heldout_sets(name: str) -> list[QuerySet]:
    """`heldout/<tree>.tsv`, then each later round `heldout/<tree>.<round>.tsv`, written after
    a later round of tuning: each a set of its own."""
    sets = []
    first = HELDOUT / f"{name}.tsv"
    if first.is_file():
        sets.append(QuerySet(f"{name} held out", read_tsv(first)))
    for path in sorted(HELDOUT.glob(f"{name}.*.tsv")):
        round_name = path.name[len(name) + 1:-len(".tsv")]
        sets.append(QuerySet(f"{name} held out, {round_name}", read_tsv(path)))
    return sets


def adopted_tree(name: str, folders: dict[str, Path], workdir: Path,
                 query_sets: list[QuerySet], autorefs: bool = False) -> BuiltTree:
    """Copy the docs folders in, adopt with `fokus check --fix`, build."""
    root = workdir / name
    docs = root / "docs"
    for folder, source in folders.items():
        shutil.copytree(source, docs / folder, dirs_exist_ok=True)
    roots = snippet_roots(root, folders)
    problems: list[str] = []
    write_config(root, name, roots, FOKUS_PLUGINS + (AUTOREFS if autorefs else ""))
    # `check` exits 1 while findings remain: what counts is whether the build then works.
    run_fokus(root, ["check", "--fix", "--owner", OWNER], [])
    if not run_fokus(root, ["build"], problems):
        raise AdoptionError(f"{name}: the adopted tree does not build:\n" + "\n".join(problems))
    return BuiltTree(name, load_corpus(root / "site" / "corpus.json"), query_sets,
                     f"fokus check --fix --owner {OWNER}")


def snippet_roots(root: Path, folders: dict[str, Path]) -> list[str]:
    """Snippet includes are written relative to each tree's repository root
    (`docs/software/...`): a folder per tree whose `docs` points at that tree's docs."""
    roots = ["."]
    for number, folder in enumerate(folders):
        if folder:
            link_root = root / "snippet-roots" / str(number)
            link_root.mkdir(parents=True)
            (link_root / "docs").symlink_to(root / "docs" / folder)
            roots.append(str(link_root))
    return roots


def write_config(root: Path, name: str, roots: list[str], plugins: str) -> None:
    text = MKDOCS_YML.format(name=name, snippet_roots="[" + ", ".join(roots) + "]",
                             plugins=plugins)
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")


def run_fokus(root: Path, args: list[str], problems: list[str]) -> bool:
    command = [sys.executable, "-m", "fokus", *args]
    return _run(command, root, problems, f"fokus {' '.join(args)}")


def _run(command: list[str], root: Path, problems: list[str], label: str) -> bool:
    path = os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])
    env = dict(os.environ, PYTHONPATH=path)
    result = subprocess.run(command, cwd=root, capture_output=True, text=True, env=env,
                            check=False)
    if result.returncode != 0:
        output = (result.stdout + result.stderr).strip().splitlines()
        errors = [line for line in output if "warning" not in line.lower()]
        problems.append(f"`{label}` exited {result.returncode}; {len(errors)} error lines, "
                        f"first: " + "; ".join(errors[:3]))
        return False
    return True
