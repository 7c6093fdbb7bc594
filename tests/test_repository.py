"""Nothing the build makes is committed: a pull request that adds build output (which a
later build would take for its own cache) fails here. (A hand-written file in docs/ at the
path of a generated page is refused by the build itself: stage.py.)"""
from __future__ import annotations

import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def tracked(*paths: str) -> list[str]:
    out = subprocess.run(["git", "ls-files", "--", *paths], cwd=REPO, capture_output=True, text=True, check=True)
    return out.stdout.split()


def test_no_build_output_is_committed():
    assert tracked("build", "site", ".site-*") == []

