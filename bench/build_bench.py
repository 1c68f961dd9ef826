"""Site-build benchmark (issues 2 and 13): Fokus against MkDocs + Material on synthetic articles.

Builds N synthetic articles (bench/synthetic.py) with `fokus build` and, on the same Markdown
files, with `mkdocs build` + Material twice: with its default navigation (no `nav:`, so every
page lists every page), and as the yardstick of issue 13 ("material": the Markdown extensions
Fokus renders with, a one-entry `nav`, no plugins). It reports wall time, CPU time, peak
memory and the HTML size of article pages, and Fokus's CPU time as a multiple of the
yardstick's. Each build is a child process:

- wall time: time.perf_counter() around the child;
- peak memory: the child's maximum resident set size from `/usr/bin/time -f %M` when that
  exists, else from a fresh `python -c` wrapper per build that runs the build as its only child
  and prints getrusage(RUSAGE_CHILDREN).ru_maxrss (exact with one child; no psutil needed);
- page size: bytes of `<site>/<area>/artikel-<id>/index.html`, article pages only.

Plain MkDocs grows quadratically (every page renders the whole tree), so it runs at 1,000 and
2,000 articles and, above 2,000, only with --plain-10k; otherwise its time there is estimated
from the 1,000 and 2,000 points (a range between a power law and a quadratic fit).

    python bench/build_bench.py --sizes 1000,10000            # writes docs/benchmarks.md
    python bench/build_bench.py --sizes 1000 --no-write       # quick look, prints only
    python bench/build_bench.py --sizes 1000 --skip-plain     # Fokus and the yardstick only

Not a pytest test: it takes minutes. See bench/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
sys.path.insert(0, str(BENCH_DIR))

from synthetic import AREAS, write_tree  # noqa: E402

START = "<!-- bench:build:start -->"
END = "<!-- bench:build:end -->"
HEADER = """# Benchmarks

Measured figures for Fokus. Each section is written by a script in `bench/` and replaced only
between its own `<!-- bench:NAME:start -->` and `<!-- bench:NAME:end -->` markers, so scripts
for other sections (search, feedback) can add theirs without touching the others.
See [bench/README.md](../bench/README.md) for how to run them.
"""

# Targets on the 2-core reference machine (issue 2).
TARGET_1K_S = 8.0
TARGET_10K_S = 90.0
TARGET_PAGE_KB = 40.0
# "Linear growth": time per article at the largest size at most this many times that at 1,000.
LINEAR_MAX_RATIO = 1.25
# Issue 13: Fokus's CPU time at 1,000 articles at most this many times the yardstick's.
YARDSTICK_MAX_RATIO = 1.3
PLAIN_ALWAYS = (1000, 2000)  # plain MkDocs sizes run without --plain-10k
KB = 1000  # page sizes in kB (10^3 bytes): the stricter reading of "40 KB"
MIB = 1024 * 1024

PLAIN_CONFIG = """\
site_name: Plain MkDocs + Material
docs_dir: {docs}
site_dir: {site}
theme:
  name: material
# MkDocs' default plugin list, spelled out: Material's built-in search plugin is ON.
plugins:
  - search
"""


def yardstick_config(docs: Path, site: Path) -> str:
    """MkDocs + Material as Fokus renders with it (issue 13): the repository's theme and
    Markdown extensions plus the ones Fokus always adds, a one-entry `nav`, no plugins."""
    from site_builder.markdown_setup import REQUIRED_EXTENSIONS

    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    blocks = {key: _yaml_block(text, key) for key in ("theme", "markdown_extensions")}
    named = set(re.findall(r"^  - ([\w.]+)", blocks["markdown_extensions"], re.MULTILINE))
    extra = "".join(f"  - {name}\n" for name in REQUIRED_EXTENSIONS if name not in named)
    first = next(iter(sorted(docs.glob(f"{AREAS[0]}/artikel-*.md"))))
    return (f"site_name: MkDocs + Material\ndocs_dir: {docs}\nsite_dir: {site}\n"
            f"nav:\n  - Start: {first.relative_to(docs).as_posix()}\nplugins: []\n"
            f"{blocks['theme']}{blocks['markdown_extensions']}{extra}")


def _yaml_block(text: str, key: str) -> str:
    """A top-level key of a YAML file with its indented lines, as written."""
    match = re.search(rf"^{key}:.*\n(?:(?:[ #].*)?\n)*", text, re.MULTILINE)
    if match is None:
        raise SystemExit(f"mkdocs.yml has no `{key}:`")
    return match.group(0)


BUILDER_NAMES = {"fokus": "Fokus", "plain": "MkDocs + Material",
                 "material": "MkDocs + Material, Fokus's extensions, one-entry nav"}


@dataclass
class Run:
    builder: str
    size: int
    walls: list[float] = field(default_factory=list)
    peaks_kib: list[int] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)
    pages: int = 0
    mean_bytes: float = 0.0
    max_bytes: int = 0
    run: bool = True
    note: str = ""
    detail: str = ""

    @property
    def wall(self) -> float:
        return statistics.median(self.walls)

    @property
    def peak_mib(self) -> float:
        return max(self.peaks_kib) * 1024 / MIB


# -- measuring -----------------------------------------------------------------------------

def memory_method() -> str:
    return "time" if os.access("/usr/bin/time", os.X_OK) else "wrapper"


WRAPPER = ("import resource, subprocess, sys; rc = subprocess.call(sys.argv[2:]); "
           "u = resource.getrusage(resource.RUSAGE_CHILDREN); "
           "open(sys.argv[1], 'w').write(f'{u.ru_maxrss} {u.ru_utime} {u.ru_stime}'); "
           "sys.exit(rc)")


def measure(cmd: list[str], log: Path, method: str) -> tuple[float, int, float]:
    """Run cmd as a child; return (wall seconds, peak RSS in KiB, CPU seconds user + system).
    Its output goes to log."""
    rss_file = log.with_suffix(".rss")
    if method == "time":
        full = ["/usr/bin/time", "-f", "%M %U %S", "-o", str(rss_file), *cmd]
    else:
        full = [sys.executable, "-c", WRAPPER, str(rss_file), *cmd]
    with log.open("w") as out:
        start = time.perf_counter()
        proc = subprocess.run(full, stdout=out, stderr=subprocess.STDOUT, check=False)
        wall = time.perf_counter() - start
    if proc.returncode != 0:
        tail = "\n".join(log.read_text(errors="replace").splitlines()[-30:])
        raise SystemExit(f"build failed ({proc.returncode}): {shlex.join(cmd)}\n{tail}")
    # /usr/bin/time may add a "Command exited..." line; the figures are on the last line.
    peak, user, system = rss_file.read_text().splitlines()[-1].split()
    return wall, int(peak), float(user) + float(system)


def article_sizes(site: Path) -> list[int]:
    return [p.stat().st_size for area in AREAS
            for p in (site / area).glob("artikel-*/index.html")]


def fokus_command() -> list[str]:
    return [sys.executable, "-m", "fokus"]


def fokus_config(workdir: Path) -> Path:
    """A copy of the repository's mkdocs.yml (content and output paths come from the CLI)."""
    path = workdir / "fokus-mkdocs.yml"
    shutil.copyfile(REPO / "mkdocs.yml", path)
    return path


def build(builder: str, size: int, content: Path, workdir: Path, repeats: int,
          method: str, fokus_yml: Path) -> Run:
    result = Run(builder, size)
    for attempt in range(1, repeats + 1):
        site = workdir / f"site-{builder}-{size}-{attempt}"
        if builder == "fokus":
            cmd = [*fokus_command(), "build", "-f", str(fokus_yml), "--content", str(content),
                   "--output", str(site)]
        elif builder == "material":
            yml = workdir / f"material-{size}.yml"
            yml.write_text(yardstick_config(content, site), encoding="utf-8")
            cmd = [sys.executable, "-m", "mkdocs", "build", "-f", str(yml)]
        else:
            yml = workdir / f"plain-{size}.yml"
            yml.write_text(PLAIN_CONFIG.format(docs=content, site=site), encoding="utf-8")
            cmd = [sys.executable, "-m", "mkdocs", "build", "-f", str(yml)]
        print(f"  {builder} N={size} run {attempt}/{repeats} ...", end=" ", flush=True)
        wall, peak, cpu = measure(cmd, workdir / f"{builder}-{size}-{attempt}.log", method)
        print(f"{wall:.1f} s (CPU {cpu:.1f} s), {peak / 1024:.0f} MiB", flush=True)
        result.cpus.append(cpu)
        result.walls.append(wall)
        result.peaks_kib.append(peak)
        sizes = article_sizes(site)
        if len(sizes) != size:
            raise SystemExit(f"{builder} N={size}: found {len(sizes)} article pages in {site}, "
                             f"expected {size}")
        result.pages = len(sizes)
        result.mean_bytes = sum(sizes) / len(sizes)
        result.max_bytes = max(sizes)
        shutil.rmtree(site, ignore_errors=True)  # a 10k site is hundreds of MB
    return result


def estimate_plain(runs: dict[tuple[str, int], Run], size: int) -> Run:
    """Extrapolate plain MkDocs from the CPU times of the two largest sizes run, two ways:

    - power law t = t2 * (N / N2) ** k with k = log(t2 / t1) / log(N2 / N1);
    - quadratic t = b * N + c * N ** 2 through both points (linear work per page plus the nav
      of every page listing every page).

    With a growing quadratic share the local exponent rises with N, so the power law is the low
    and the quadratic the high estimate. Page size grows linearly with N (the nav lists every
    page): it is extrapolated along the line through the same two points."""
    done = sorted(n for (b, n), r in runs.items() if b == "plain" and r.run and n < size)
    est = Run("plain", size, run=False)
    if len(done) < 2:
        est.note = "not run"
        return est
    n1, n2 = done[-2], done[-1]
    r1, r2 = runs["plain", n1], runs["plain", n2]
    # CPU time, not wall time: these builds are one single-threaded process, so on an idle
    # machine the two agree, but CPU time is far less disturbed by other work on the cores.
    t1, t2 = statistics.median(r1.cpus), statistics.median(r2.cpus)
    k = math.log(t2 / t1) / math.log(n2 / n1)
    power = t2 * (size / n2) ** k
    c = (t2 / n2 - t1 / n1) / (n2 - n1)
    b = t1 / n1 - c * n1
    quadratic = b * size + c * size**2
    low, high = sorted((power, quadratic))
    slope = (r2.mean_bytes - r1.mean_bytes) / (n2 - n1)
    est.walls = [high]
    est.mean_bytes = r2.mean_bytes + slope * (size - n2)
    minutes = (f"{low / 60:,.0f}–{high / 60:,.0f}" if round(low / 60) != round(high / 60)
               else f"{high / 60:,.0f}")
    est.note = f"not run (est. {low:,.0f}–{high:,.0f} s ≈ {minutes} min)"
    est.detail = (f"from N={n1:,} ({t1:.1f} s CPU) and N={n2:,} ({t2:.1f} s CPU): power law k = "
                  f"{k:.2f} → {power:,.0f} s; quadratic b = {b * 1000:.2f} ms, "
                  f"c = {c * 1e6:.2f} µs → {quadratic:,.0f} s; mean page ≈ "
                  f"{est.mean_bytes / KB:,.0f} kB")
    return est
    n1, n2 = done[-2], done[-1]
    r1, r2 = runs["plain", n1], runs["plain", n2]
    k = math.log(r2.wall / r1.wall) / math.log(n2 / n1)
    seconds = r2.wall * (size / n2) ** k
    slope = (r2.mean_bytes - r1.mean_bytes) / (n2 - n1)
    est.walls = [seconds]
    est.mean_bytes = r2.mean_bytes + slope * (size - n2)
    est.note = f"not run (est. ≈ {seconds:,.0f} s ≈ {seconds / 60:,.0f} min)"
    est.detail = (f"power law through N={n1:,} ({r1.wall:.1f} s) and N={n2:,} ({r2.wall:.1f} s): "
                  f"k = {k:.2f}; estimated mean page ≈ {est.mean_bytes / KB:,.0f} kB")
    return est


# -- reporting -----------------------------------------------------------------------------

def sh(cmd: list[str]) -> str:
    try:
        return subprocess.run(cmd, capture_output=True, text=True, check=False,
                              cwd=REPO).stdout.strip()
    except OSError:
        return ""


def machine() -> dict[str, str]:
    cpu = ""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem = ""
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
            break

    def pkg(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return "not installed"

    commit = sh(["git", "rev-parse", "--short", "HEAD"])
    if commit and sh(["git", "status", "--porcelain"]):
        commit += " (with uncommitted changes)"
    return {
        "CPUs (nproc)": sh(["nproc"]) or str(os.cpu_count()),
        "CPU model": cpu or "unknown",
        "Memory": mem or "unknown",
        "OS": f"{platform.system()} {platform.release()}",
        "Python": platform.python_version(),
        "MkDocs": pkg("mkdocs"),
        "Material for MkDocs": pkg("mkdocs-material"),
        "Fokus": f"{pkg('fokus')}, commit {commit or 'unknown'}",
    }


def kb(value: float) -> str:
    return f"{value / KB:.1f}"


def figures_rows(runs: list[Run]) -> list[list[str]]:
    rows = []
    for r in runs:
        name = BUILDER_NAMES[r.builder]
        if not r.run:
            mean = f"≈ {r.mean_bytes / KB:,.0f} (est.)" if r.mean_bytes else "–"
            rows.append([name, f"{r.size:,}", r.note, "–", "–", "–", mean, "–"])
            continue
        runs_s = ", ".join(f"{w:.1f}" for w in r.walls)
        rows.append([name, f"{r.size:,}", f"{r.wall:.1f}", runs_s,
                     f"{statistics.median(r.cpus):.1f}", f"{r.peak_mib:.0f}",
                     kb(r.mean_bytes), kb(r.max_bytes)])
    return rows


def targets(runs: dict[tuple[str, int], Run]) -> list[tuple[str, str, str]]:
    """(target, measured, verdict) rows."""
    out = []

    def verdict(ok: bool) -> str:
        return "PASS" if ok else "FAIL"

    fokus = {n: r for (b, n), r in runs.items() if b == "fokus"}
    missing = "not measured (size not in --sizes)"
    name = (f"Fokus's CPU time at 1,000 articles ≤ {YARDSTICK_MAX_RATIO} × MkDocs + Material's "
            "with the same Markdown extensions and a one-entry nav (medians)")
    yardstick = runs.get(("material", 1000))
    if 1000 in fokus and yardstick is not None:
        mine, theirs = statistics.median(fokus[1000].cpus), statistics.median(yardstick.cpus)
        out.append((name, f"{mine:.2f} s / {theirs:.2f} s = {mine / theirs:.2f}",
                    verdict(mine / theirs <= YARDSTICK_MAX_RATIO)))
    else:
        out.append((name, "needs 1,000 in --sizes", "–"))
    for size, limit in ((1000, TARGET_1K_S), (10000, TARGET_10K_S)):
        name = f"Fokus builds {size:,} articles in ≤ {limit:.0f} s (median)"
        if size in fokus:
            r = fokus[size]
            out.append((name, f"{r.wall:.1f} s (CPU {statistics.median(r.cpus):.1f} s)",
                        verdict(r.wall <= limit)))
        else:
            out.append((name, missing, "–"))
    largest = max(fokus, default=0)
    name = (f"Linear growth: time per article at the largest N ≤ {LINEAR_MAX_RATIO} × "
            "that at 1,000")
    if 1000 in fokus and largest > 1000:
        per_small = fokus[1000].wall / 1000
        per_large = fokus[largest].wall / largest
        ratio = per_large / per_small
        out.append((name, f"{per_small * 1000:.2f} ms → {per_large * 1000:.2f} ms per article "
                          f"(N={largest:,}), ratio {ratio:.2f}",
                    verdict(ratio <= LINEAR_MAX_RATIO)))
    else:
        out.append((name, "needs 1,000 and a larger size", "–"))
    name = f"Every Fokus article page ≤ {TARGET_PAGE_KB:.0f} kB of HTML (max over all sizes)"
    if fokus:
        worst = max(r.max_bytes for r in fokus.values())
        mean = max(r.mean_bytes for r in fokus.values())
        out.append((name, f"max {kb(worst)} kB (largest mean {kb(mean)} kB)",
                    verdict(worst <= TARGET_PAGE_KB * KB)))
    return out


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


FIGURES_HEADER = ["builder", "N", "wall s (median)", "runs, s", "CPU s", "peak MiB",
                  "mean kB/page", "max kB/page"]


def report_header(title: str, started: dt.datetime, command: str, info: dict[str, str],
                  loads: tuple[tuple[float, ...], tuple[float, ...]]) -> list[str]:
    """The lines every benchmark section starts with: what ran, when, on which machine."""
    return [
        f"## {title}",
        "",
        f"Measured {started:%Y-%m-%d %H:%M} UTC with:",
        "",
        "```sh",
        command,
        "```",
        "",
        "Machine:",
        "",
        *[f"- {k}: {v}" for k, v in info.items()],
        f"- Load average (1, 5, 15 min) at start: {', '.join(f'{x:.2f}' for x in loads[0])}; "
        f"at end: {', '.join(f'{x:.2f}' for x in loads[1])}",
    ]


def section(runs: list[Run], by_key: dict[tuple[str, int], Run], command: str, method: str,
            started: dt.datetime, markdown_bytes: float, repeats: int,
            loads: tuple[tuple[float, ...], tuple[float, ...]]) -> str:
    info = machine()
    mem_how = ("`/usr/bin/time -f '%M %U %S'` (maximum resident set size of the build process)"
               if method == "time" else
               "a `python -c` wrapper per build reporting `getrusage(RUSAGE_CHILDREN).ru_maxrss`"
               " of its only child (and its ru_utime + ru_stime for CPU s)")
    estimated = [r for r in runs if not r.run]
    # A run whose wall time clearly exceeds its CPU time waited for the cores: other work.
    waited = sum(w > 1.1 * c for r in runs if r.run for w, c in zip(r.walls, r.cpus, strict=True))
    total = sum(len(r.walls) for r in runs if r.run)
    parts = [
        *report_header("Site build (issues 2 and 13)", started, command, info, loads),
        *(["- `PYTHONDONTWRITEBYTECODE` is set: every build compiles its imports afresh"]
          if os.environ.get("PYTHONDONTWRITEBYTECODE") else []),
        "",
        "### Figures",
        "",
        table(FIGURES_HEADER, figures_rows(runs)),
        "",
        *([f"**Note**: in {waited} of {total} builds the wall time exceeded the CPU time by "
           "more than 10 %: other work shared the two cores, so those wall times are high."]
          if waited else []),
        *([""] if waited else []),
        "- **Content**: `bench/synthetic.py` (seed 1): N articles over ten service areas, all "
        f"four types, {markdown_bytes / KB:.1f} kB of Markdown per article on average. Both "
        "builders read the same files.",
        "- **Fokus**: `fokus build` with the repository's `mkdocs.yml`, i.e. validation, "
        "generated pages, the fixed menu, the corpus file. Runs "
        f"{repeats} time(s) at sizes up to 2,000 (all times listed; targets use the median), "
        "once above.",
        "- **MkDocs + Material**: `mkdocs build` with a minimal `mkdocs.yml`: `theme: material`, "
        "no `nav:` (Material's default navigation: every page lists the whole tree), no "
        "Markdown extensions, and MkDocs' default plugin list, so **Material's search plugin "
        "is on** (it also writes `search/search_index.json`). The front matter is read as page "
        "meta. Runs once per size (not at all with `--skip-plain`).",
        "- **MkDocs + Material, Fokus's extensions, one-entry nav** (the yardstick of issue "
        "13): `mkdocs build` with the `theme:` and `markdown_extensions:` of the repository's "
        "`mkdocs.yml`, the extensions Fokus always adds (`site_builder/markdown_setup.py`), "
        "`nav:` with one article and `plugins: []` (Fokus turns Material's search off too). "
        f"Runs {repeats} time(s) at sizes up to 2,000 in `--sizes`; the ratio uses the "
        "medians of the CPU times.",
        "- **Wall time**: `time.perf_counter()` around the build's child process, so it "
        "includes interpreter start-up and imports. **CPU s** is the child's user + system "
        "time (median): unlike wall time it hardly changes when other work shares the two "
        "cores.",
        f"- **Peak memory**: {mem_how}.",
        "- **Page size**: bytes of `<site>/<area>/artikel-<id>/index.html`, article pages "
        f"only, all N of them; kB = {KB:,} bytes.",
    ]
    if estimated:
        parts.append("- **Not run**: plain MkDocs above 2,000 articles (`--plain-10k` runs it). "
                     "Its time is extrapolated from the CPU times of the two largest plain "
                     "sizes run (single-process builds: CPU ≈ wall on an idle machine, and "
                     "CPU time is hardly disturbed by other work), as a range "
                     "between a power law t = t₂·(N/N₂)^k with k = log(t₂/t₁)/log(N₂/N₁) (k ≈ 2 "
                     "means quadratic growth) and a quadratic t = b·N + c·N² through both "
                     "points; the page size along the straight line through the same points: "
                     + "; ".join(f"N={r.size:,}: {r.detail}" for r in estimated) + ".")
    parts += [
        "",
        "### Targets (2-core machine)",
        "",
        table(["target", "measured", "result"], [list(t) for t in targets(by_key)]),
    ]
    return "\n".join(parts) + "\n"


def write_section(path: Path, body: str, start: str = START, end: str = END) -> None:
    """Put `body` between the markers in `path`, in place of what stood there, or at the end."""
    block = f"{start}\n{body}{end}\n"
    if path.exists():
        text = path.read_text(encoding="utf-8")
        if start in text and end in text:
            head, rest = text.split(start, 1)
            tail = rest.split(end, 1)[1].removeprefix("\n")
            text = head + block + tail
        else:
            text = text.rstrip("\n") + "\n\n" + block
    else:
        text = HEADER + "\n" + block
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


# -- main ----------------------------------------------------------------------------------

def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000",
                        help="comma-separated article counts (default: 1000,10000)")
    out = parser.add_mutually_exclusive_group()
    out.add_argument("--out", default=str(REPO / "docs" / "benchmarks.md"),
                     help="Markdown file whose build section is regenerated "
                          "(default: docs/benchmarks.md)")
    out.add_argument("--no-write", action="store_true", help="print the results only")
    parser.add_argument("--plain-10k", action="store_true",
                        help="also build plain MkDocs above 2,000 articles (over half an hour "
                             "at 10,000)")
    parser.add_argument("--skip-plain", action="store_true",
                        help="leave out MkDocs + Material with its default navigation (the "
                             "slow, quadratic one); Fokus and the yardstick still run")
    parser.add_argument("--repeats", type=int, default=3,
                        help="Fokus runs per size up to 2,000 (default: 3; the median counts)")
    parser.add_argument("--workdir", help="keep content and logs here (default: a temporary "
                                          "directory, removed afterwards)")
    args = parser.parse_args(argv)
    try:
        args.sizes = sorted({int(s.replace("_", "")) for s in args.sizes.split(",") if s})
    except ValueError:
        parser.error("--sizes takes comma-separated integers")
    if not args.sizes or min(args.sizes) < 1:
        parser.error("--sizes needs positive integers")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = dt.datetime.now(dt.UTC)
    load_start = os.getloadavg()
    command = shlex.join(["python", *(sys.argv if argv is None else ["build_bench.py", *argv])])
    method = memory_method()
    plain_sizes = sorted(set(PLAIN_ALWAYS) | {n for n in args.sizes if n <= max(PLAIN_ALWAYS)})
    plain_run = [n for n in sorted(set(plain_sizes) | set(args.sizes))
                 if n <= max(PLAIN_ALWAYS) or args.plain_10k]
    if args.skip_plain:
        plain_sizes, plain_run = [], []
    # The yardstick of issue 13, at the sizes Fokus runs several times.
    material_run = [n for n in args.sizes if n <= max(PLAIN_ALWAYS)]
    fokus_sizes = sorted(set(args.sizes) | set(plain_run))
    all_sizes = sorted(set(fokus_sizes) | set(plain_sizes) | set(args.sizes))

    temp = None
    if args.workdir:
        workdir = Path(args.workdir).resolve()
        workdir.mkdir(parents=True, exist_ok=True)
    else:
        temp = tempfile.TemporaryDirectory(prefix="fokus-bench-")
        workdir = Path(temp.name)
    print(f"workdir {workdir}; peak memory via {method}")
    try:
        fokus_yml = fokus_config(workdir)
        by_key: dict[tuple[str, int], Run] = {}
        markdown_bytes = 0.0
        for size in all_sizes:
            content = workdir / f"content-{size}"
            done = workdir / f"content-{size}.complete"  # a reused --workdir skips this
            if not done.exists():
                print(f"writing {size:,} synthetic articles ...", flush=True)
                shutil.rmtree(content, ignore_errors=True)
                write_tree(content, size)
                done.touch()
            md = [p.stat().st_size for p in content.glob("*/artikel-*.md")]
            markdown_bytes = sum(md) / len(md)
            if size in fokus_sizes:
                repeats = args.repeats if size <= max(PLAIN_ALWAYS) else 1
                by_key["fokus", size] = build("fokus", size, content, workdir, max(repeats, 1),
                                              method, fokus_yml)
            if size in material_run:
                by_key["material", size] = build("material", size, content, workdir,
                                                 max(args.repeats, 1), method, fokus_yml)
            if size in plain_run:
                by_key["plain", size] = build("plain", size, content, workdir, 1, method,
                                              fokus_yml)
        for size in args.sizes:
            if ("plain", size) not in by_key and not args.skip_plain:
                by_key["plain", size] = estimate_plain(by_key, size)
    finally:
        if temp is not None:
            temp.cleanup()

    order = list(BUILDER_NAMES)
    runs = sorted(by_key.values(), key=lambda r: (order.index(r.builder), r.size))
    print()
    print(table(FIGURES_HEADER, figures_rows(runs)))
    print()
    print(table(["target", "measured", "result"], [list(t) for t in targets(by_key)]))
    if not args.no_write:
        out = Path(args.out)
        write_section(out, section(runs, by_key, command, method, started,
                                   markdown_bytes, args.repeats,
                                   (load_start, os.getloadavg())))
        print(f"\nwrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
