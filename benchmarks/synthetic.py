"""A synthetic archive of N sources made from the five seeds, for the scale benchmarks.

Each copy is a real source of the archive with its own id (``<seed id>-<n>``), the seed's
text and its maintainer translation memory, so no machine translation runs and every page
and index is built as for real sources.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
COPIED = ("mkdocs.yml", "data", "overrides", "docs")


def make_corpus(root: Path, sources: int) -> Path:
    """An archive checkout at ``root`` with ``sources`` sources; returns ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        (shutil.copytree if (REPO / name).is_dir() else shutil.copy)(REPO / name, root / name)
    (root / "build_tools").symlink_to(REPO / "build_tools")
    seeds = sorted(p for p in (REPO / "sources").iterdir() if (p / "source.md").is_file())
    for n in range(sources):
        seed = seeds[n % len(seeds)]
        new_id = f"{seed.name}-{n // len(seeds) + 1}"
        folder = root / "sources" / new_id
        folder.mkdir(parents=True)
        old_id = re.search(r"^id: (\S+)$", (seed / "source.md").read_text(encoding="utf-8"), re.M).group(1)
        for name in ("source.md", "translation.en.yaml"):
            text = (seed / name).read_text(encoding="utf-8")
            field = "id" if name == "source.md" else "source"
            text = re.sub(rf"^{field}: {re.escape(old_id)}$", f"{field}: {new_id}", text, count=1, flags=re.M)
            (folder / name).write_text(text, encoding="utf-8")
    return root
