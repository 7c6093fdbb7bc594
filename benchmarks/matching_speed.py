"""Name matching is linear in the length of the text.

Generates Arabic texts of 1, 5 and 20 MB (paragraphs of the seed sources, shuffled, so
registry names, short references, adjectives and ambiguous words occur as they do in real
text; about one mention every 60 characters) and times the archive's mention finding
(build_tools.extract.mentions.find_mentions: the registry matcher plus the document-level
passes) over each, one paragraph per line. Prints seconds per MB for each size, of CPU time (what
the code costs, whatever else runs on the machine) and of wall-clock time: equal figures
mean linear time (the old pairwise filter of nested matches took 36 s for 20,000 mentions).

Usage: .venv/bin/python benchmarks/matching_speed.py [--sizes 1 5 20]
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from build_tools.extract.mentions import find_mentions  # noqa: E402
from build_tools.project import Project  # noqa: E402
from build_tools.registry import load_registry  # noqa: E402
from build_tools.sources import Paragraph, load_sources  # noqa: E402

MB = 1024 * 1024


def paragraphs_of(size: int, pool: list[str], rng: random.Random) -> list[Paragraph]:
    out, total = [], 0
    while total < size:
        text = rng.choice(pool)
        out.append(Paragraph(len(out) + 1, text, len(out) + 1, False, f"p{len(out)}"))
        total += len(text.encode("utf-8")) + 1
    return out


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    args.add_argument("--sizes", type=int, nargs="+", default=[1, 5, 20], help="text sizes in MB")
    sizes = args.parse_args().sizes
    project = Project(ROOT)
    matcher = load_registry(project).actor_names
    pool = [p.text for s in load_sources(project) for p in s.paragraphs]
    rng = random.Random(2023)
    find_mentions(paragraphs_of(MB // 10, pool, rng), matcher, set())  # warm-up
    print(f"{'size':>6} {'mentions':>9} {'CPU s':>7} {'CPU s/MB':>9} {'wall s/MB':>10}")
    for size in sizes:
        paragraphs = paragraphs_of(size * MB, pool, rng)
        cpu, wall = time.process_time(), time.perf_counter()
        mentions = find_mentions(paragraphs, matcher, set())
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        print(f"{size:>4}MB {len(mentions):>9} {cpu:>7.1f} {cpu / size:>9.2f} {wall / size:>10.2f}")


if __name__ == "__main__":
    main()
