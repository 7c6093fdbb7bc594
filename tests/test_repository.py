"""What people write and what the build makes never share a folder, and nothing generated
is committed: a pull request that adds build output (which a build would trust as its own
cache) fails here."""
from __future__ import annotations

import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def tracked(*paths: str) -> list[str]:
    out = subprocess.run(["git", "ls-files", "--", *paths], cwd=REPO, capture_output=True, text=True, check=True)
    return out.stdout.split()


def test_no_build_output_is_committed():
    assert tracked("build", "site", ".site-*") == []


def test_docs_holds_only_hand_written_pages():
    assert set(tracked("docs")) == {"docs/ar/about.md", "docs/en/about.md"} | {
        p for p in tracked("docs") if not p.endswith(".md")}
    assert not any(p.startswith(("docs/ar/sources/", "docs/en/sources/", "docs/ar/actors/")) for p in tracked("docs"))
