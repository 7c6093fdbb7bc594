"""How the build scales: synthetic archives of 200 and 1,000 sources (benchmarks/synthetic.py),
built as users build them, end to end.

For each size it prints, in one run:
- full build: `python -m build_tools build` from a clean checkout (no build/, no site/), and
  plain `mkdocs build` (no hook) of the same generated pages with the same theme, plugins
  and nav, as a ratio (the archive's goal: <= 1.1x);
- rebuilds as a share of the full build: with nothing changed, after changing one paragraph
  of one source, and after adding one source (goal: <= 5%), beside the engine's own floor:
  plain `mkdocs build --dirty` of the same pages after one page changed;
- pages per second, peak memory of the build (goal: < 500 MB at 1,000), size of site/,
  the largest HTML page (goal: no index page over 300 KB);
- bytes a reader downloads per search query (benchmarks/search_cost.py), when available.

Usage: .venv/bin/python benchmarks/scale.py [--sizes 200 1000] [--runs 3]
Times are medians of --runs runs, wall clock, on this machine; compare ratios, not seconds.
"""
from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from benchmarks.machine import describe  # noqa: E402
from benchmarks.synthetic import make_corpus  # noqa: E402

PYTHON = sys.executable
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}


def run(cmd: list[str], cwd: Path) -> tuple[float, int]:
    """(seconds, peak RSS in MB of the command) for one run; fails loudly on a failed build."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=cwd, env=ENV, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed in {cwd}:\n{result.stderr[-2000:]}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) // 1024


def clean(root: Path) -> None:
    for name in ("build", "site"):
        shutil.rmtree(root / name, ignore_errors=True)


def plain_mkdocs_project(root: Path, into: Path) -> Path:
    """The same generated pages (root/build/docs), theme, plugins and nav, without the hook."""
    into.mkdir()
    shutil.copytree(root / "build" / "docs", into / "docs")
    shutil.copytree(root / "overrides", into / "overrides")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"^hooks:\n(  - .*\n)+", "", config, flags=re.M)
    config = re.sub(r"^watch:\n(  - .*\n)+", "", config, flags=re.M)
    (into / "mkdocs.yml").write_text(config, encoding="utf-8")
    return into


def edit_one_paragraph(root: Path) -> None:
    path = next((root / "sources").glob("*-1/source.md"))
    lines = path.read_text(encoding="utf-8").split("\n")
    last = max(i for i, line in enumerate(lines) if line.strip())
    lines[last] += " (تعديل)"
    path.write_text("\n".join(lines), encoding="utf-8")


def edit_one_page(plain_root: Path) -> None:
    """One generated page of the plain project changed, as the archive's edit changes it."""
    path = next((plain_root / "docs" / "ar" / "sources").glob("*-1.md"))
    with path.open("a", encoding="utf-8") as f:
        f.write("<p>(تعديل)</p>\n")


def add_one_source(root: Path, n: int) -> None:
    seed = next((root / "sources").glob("*-1"))
    new = root / "sources" / f"added-{n}"
    shutil.copytree(seed, new)
    for name, field in (("source.md", "id"), ("translation.en.yaml", "source")):
        text = (new / name).read_text(encoding="utf-8")
        (new / name).write_text(re.sub(rf"^{field}: .*$", f"{field}: added-{n}", text, count=1, flags=re.M),
                                encoding="utf-8")


def site_figures(site: Path) -> dict:
    html = [p for p in site.rglob("*.html")]
    largest = max(html, key=lambda p: p.stat().st_size)
    return {"pages": len(html), "site_mb": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1e6,
            "largest_kb": largest.stat().st_size / 1e3, "largest": largest.relative_to(site).as_posix()}


def search_cost(site: Path) -> str:
    """The last line of benchmarks/search_cost.py's report: bytes and time per query."""
    from benchmarks.search_cost import measure, report

    return report(measure(site)).splitlines()[-1]


def bench(size: int, runs: int, work: Path) -> None:
    root = make_corpus(work / f"archive-{size}", size)
    build = [PYTHON, "-m", "build_tools", "build"]
    full = []
    for _ in range(runs):
        clean(root)
        full.append(run(build, root))
    full_s, peak = statistics.median(t for t, _ in full), max(m for _, m in full)
    figures = site_figures(root / "site")
    plain_root = plain_mkdocs_project(root, work / f"plain-{size}")
    plain = []
    for _ in range(runs):
        shutil.rmtree(plain_root / "site", ignore_errors=True)
        plain.append(run([PYTHON, "-m", "mkdocs", "build", "--quiet"], plain_root)[0])
    plain_s = statistics.median(plain)
    floor = []
    for _ in range(runs):
        edit_one_page(plain_root)
        floor.append(run([PYTHON, "-m", "mkdocs", "build", "--quiet", "--dirty"], plain_root)[0])
    floor_s = statistics.median(floor)
    edit, add, unchanged = [], [], []
    for n in range(runs):  # (medians: the first rebuild after a clean build also makes the copy publishing swaps in)
        edit_one_paragraph(root)
        edit.append(run(build, root)[0])
        add_one_source(root, n)
        add.append(run(build, root)[0])
        unchanged.append(run(build, root)[0])
    edit_s, add_s = statistics.median(edit), statistics.median(add)
    print(f"\n== {size} sources ({runs} runs each, medians) ==")
    print(f"full build          {full_s:7.1f} s   plain mkdocs build of the same pages {plain_s:.1f} s"
          f"   ratio {full_s / plain_s:.2f}x")
    same_s = statistics.median(unchanged)
    print(f"nothing changed     {same_s:7.1f} s   = {100 * same_s / full_s:.1f}% of a full build")
    print(f"one paragraph edit  {edit_s:7.1f} s   = {100 * edit_s / full_s:.1f}% of a full build")
    print(f"one source added    {add_s:7.1f} s   = {100 * add_s / full_s:.1f}% of a full build")
    print(f"engine floor        {floor_s:7.1f} s   = {100 * floor_s / full_s:.1f}% of a full build: plain mkdocs "
          "--dirty of the same pages after one page changed")
    print(f"pages/s             {figures['pages'] / full_s:7.1f}     ({figures['pages']} HTML pages)")
    print(f"peak RSS            {peak:7d} MB")
    print(f"site/               {figures['site_mb']:7.1f} MB")
    print(f"largest page        {figures['largest_kb']:7.1f} KB  ({figures['largest']})")
    print(f"search              {search_cost(root / 'site')}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 1000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"machine: {describe()}")
    with tempfile.TemporaryDirectory(prefix="archive-scale-") as tmp:
        for size in args.sizes:
            bench(size, args.runs, Path(tmp))


if __name__ == "__main__":
    main()
