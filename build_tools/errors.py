"""The one error type the pipeline raises for bad input.

Every refusal names the file (and line where known) in a single line, so a
maintainer can jump straight to it; the CLI and the mkdocs hook both print
``str(error)`` and stop without touching the built site.
"""
from __future__ import annotations

from pathlib import Path


class ArchiveError(Exception):
    def __init__(self, path: Path | str, message: str, line: int | None = None):
        self.path = Path(path)
        self.line = line
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        return f"{where}: {self.message}"
