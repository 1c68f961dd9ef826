"""Where a build's CPU time goes (issue 13): `fokus build` and the yardstick (MkDocs + Material
with Fokus's Markdown extensions and a one-entry nav, build_bench.yardstick_config) under
cProfile, on the same synthetic tree, summed by part of the work.

    python bench/build_profile.py              # 1,000 articles; prints a Markdown table

Each part is the cumulative time of the functions named in PARTS (cProfile's own overhead
included, so the shares matter more than the seconds). Not a pytest test.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import shutil
import sys
import tempfile
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
sys.path.insert(0, str(BENCH_DIR))
sys.path.insert(0, str(REPO))

from build_bench import yardstick_config  # noqa: E402
from synthetic import write_tree  # noqa: E402

# (part, [(file suffix, function name), ...]): the cumulative times of those functions.
PARTS = [
    ("reading and checking the content (Fokus)", [("site_builder/content.py", "load_content"),
                                                  ("site_builder/checks.py", "check_content")]),
    ("Markdown → HTML, all pages", [("mkdocs/structure/pages.py", "render")]),
    ("templates → pages", [("mkdocs/commands/build.py", "_build_page")]),
    ("Fokus: pages generated, related articles (on_pre_build, on_files)",
     [("site_builder/plugin.py", "on_pre_build"), ("site_builder/plugin.py", "on_files")]),
    ("Fokus: corpus records, FAQ widgets (on_page_content)",
     [("site_builder/plugin.py", "on_page_content")]),
    ("Fokus: template context (on_page_context, on_env)",
     [("site_builder/plugin.py", "on_page_context"), ("site_builder/plugin.py", "on_env")]),
    ("Fokus: redirect pages, feeds, corpus file (on_post_build)",
     [("site_builder/plugin.py", "on_post_build")]),
    ("removing the previous output", [("site_builder/build.py", "_swap_into_place")]),
]


def profile(run) -> pstats.Stats:
    profiler = cProfile.Profile()
    profiler.enable()
    run()
    profiler.disable()
    return pstats.Stats(profiler)


def cumulative(stats: pstats.Stats, wanted: list[tuple[str, str]]) -> float:
    total = 0.0
    for (filename, _line, name), (_cc, _nc, _tt, ct, _callers) in stats.stats.items():
        if any(filename.endswith(f) and name == n for f, n in wanted):
            total += ct
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1000)
    args = parser.parse_args(argv)
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    from site_builder.build import build_site

    with tempfile.TemporaryDirectory(prefix="fokus-profile-") as temp:
        work = Path(temp)
        content = work / "content"
        write_tree(content, args.size)
        fokus_yml = work / "fokus.yml"
        shutil.copyfile(REPO / "mkdocs.yml", fokus_yml)
        yardstick_yml = work / "material.yml"
        yardstick_yml.write_text(yardstick_config(content, work / "material-site"),
                                 encoding="utf-8")
        fokus = profile(lambda: build_site(str(fokus_yml), content_dir=str(content),
                                           output_dir=str(work / "fokus-site")))
        material = profile(lambda: mkdocs_build(load_config(str(yardstick_yml))))
    print(f"| part ({args.size:,} articles, cProfile s) | Fokus | MkDocs + Material |")
    print("| --- | --- | --- |")
    print(f"| the whole build | {fokus.total_tt:.2f} | {material.total_tt:.2f} |")
    for part, wanted in PARTS:
        mine, theirs = cumulative(fokus, wanted), cumulative(material, wanted)
        print(f"| {part} | {mine:.2f} | {theirs:.2f} |")
    print("\nFokus, top functions by own time:\n")
    fokus.sort_stats("tottime").print_stats(15)
    if "--callers" in sys.argv:
        fokus.print_callers("getcwd|posixpath.py:71|deepcopy")
    return 0


if __name__ == "__main__":
    sys.exit(main())
