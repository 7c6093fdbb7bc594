"""Where things live in an archive checkout, and its small vocabularies.

Everything takes a ``Project`` rather than reading fixed paths, so the tests
can build a throwaway archive in a temporary folder exactly as the real one
is built.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .errors import ArchiveError
from .files import MAX_DATA_BYTES, load_with_lines, read_text

LANGUAGES = ("ar", "en")
SOURCE_LANGUAGE = "ar"


@dataclass(frozen=True)
class Project:
    root: Path

    @classmethod
    def find(cls, start: Path | None = None) -> "Project":
        """The archive whose mkdocs.yml is in ``start`` or one of its parents."""
        here = (start or Path.cwd()).resolve()
        for folder in (here, *here.parents):
            if (folder / "mkdocs.yml").is_file() and (folder / "sources").is_dir():
                return cls(folder)
        raise ArchiveError(here, "not inside an archive checkout (no mkdocs.yml with a sources/ folder beside it)")

    @property
    def sources_dir(self) -> Path:
        return self.root / "sources"

    @property
    def docs_dir(self) -> Path:
        return self.root / "docs"

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def site_dir(self) -> Path:
        return self.root / "site"

    @property
    def build_dir(self) -> Path:
        """Everything the build makes besides site/: never committed, never hand-edited."""
        return self.root / "build"

    @property
    def stage_dir(self) -> Path:
        """What mkdocs builds from: docs/ plus the generated pages (stage.py)."""
        return self.build_dir / "docs"

    @property
    def config_file(self) -> Path:
        return self.root / "mkdocs.yml"

    def relative(self, path: Path) -> Path:
        """``path`` as shown in messages: relative to the checkout when inside it."""
        try:
            return path.resolve().relative_to(self.root.resolve())
        except ValueError:
            return path

    def load_data(self, name: str) -> dict:
        """A mapping from data/``name``, read as untrusted input (files.py)."""
        path = self.data_dir / name
        shown = self.relative(path)
        data, _ = load_with_lines(shown, read_text(shown, path, limit=MAX_DATA_BYTES, inside=self.root), "data file")
        if data is None:
            return {}
        if not isinstance(data, dict):
            raise ArchiveError(shown, "must be a mapping of 'key: value' entries", 1)
        return data

    @cached_property
    def kinds(self) -> dict[str, dict[str, str]]:
        """Allowed source kinds, each with its label in every language (data/kinds.yml)."""
        return self.load_data("kinds.yml")

    @cached_property
    def labels(self) -> dict[str, dict[str, str]]:
        """Interface wording per language (data/labels.yml)."""
        return self.load_data("labels.yml")
