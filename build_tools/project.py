"""Where things live in an archive checkout, and its small vocabularies.

Everything takes a ``Project`` rather than reading fixed paths, so the tests
can build a throwaway archive in a temporary folder exactly as the real one
is built.
"""
from __future__ import annotations

import os
import re
import string
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .errors import ArchiveError
from .files import MAX_DATA_BYTES, check_regular_file, load_with_lines, read_text

LANGUAGES = ("ar", "en")
# Ids of sources, registry entries and vocabulary keys, which become page addresses: safe path
# segments. (\Z: "$" would also match before a final newline.)
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\Z")
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

    @cached_property
    def sources_dir(self) -> Path:
        return self.root / "sources"

    @cached_property
    def docs_dir(self) -> Path:
        return self.root / "docs"

    @cached_property
    def data_dir(self) -> Path:
        return self.root / "data"

    @cached_property
    def site_dir(self) -> Path:
        return self.root / "site"

    @cached_property
    def build_dir(self) -> Path:
        """Everything the build makes besides site/: never committed, never hand-edited."""
        return self.root / "build"

    @cached_property
    def stage_dir(self) -> Path:
        """What mkdocs builds from: docs/ plus the generated pages (stage.py)."""
        return self.build_dir / "docs"

    @cached_property
    def static_dir(self) -> Path:
        """Generated files that are not pages (search index, downloads), laid out as on the
        site: copied into it after mkdocs, which has nothing to do with them (stage.py)."""
        return self.build_dir / "static"

    @cached_property
    def previous_site_dir(self) -> Path:
        """The site published before site/, kept to be brought up to date into the next one:
        a rebuild touches only the files that changed (site.py)."""
        return self.build_dir / "site-previous"

    @cached_property
    def config_file(self) -> Path:
        return self.root / "mkdocs.yml"

    def relative(self, path: Path) -> Path:
        """``path`` as shown in messages: relative to the checkout when inside it. The path
        itself is not resolved: a symbolic link in the checkout is named where it is, not
        where it points."""
        absolute, root = Path(os.path.abspath(path)), Path(os.path.abspath(self.root))
        for candidate, base in ((absolute, root), (absolute.parent.resolve() / absolute.name, root.resolve())):
            try:
                return candidate.relative_to(base)
            except ValueError:
                pass
        return path

    def load_data(self, name: str) -> dict:
        """A mapping from data/``name``, read as untrusted input (files.py)."""
        self.data_files  # every data/*.yml is checked before any is read
        path = self.data_dir / name
        shown = self.relative(path)
        data, _ = load_with_lines(shown, read_text(shown, path, limit=MAX_DATA_BYTES, inside=self.root), "data file")
        if data is None:
            return {}
        if not isinstance(data, dict):
            raise ArchiveError(shown, "must be a mapping of 'key: value' entries", 1)
        return data

    @cached_property
    def data_files(self) -> list[Path]:
        """Every data/*.yml, each a regular file inside the checkout: other steps (the build
        caches) read them all, so a FIFO or a link to /dev/zero there is refused first."""
        root = self.data_dir
        if os.path.islink(root) or not root.is_dir():
            raise ArchiveError(self.relative(root), "must be a folder inside the checkout (not a symbolic link)")
        files = sorted(root.glob("*.yml"))
        for path in files:
            check_regular_file(self.relative(path), path, inside=self.root)
        return files

    def load_vocabulary(self, name: str) -> dict[str, dict[str, str]]:
        """data/``name``: each key with its label in every language ({ar: ..., en: ...})."""
        data = self.load_data(name)
        for key, value in data.items():
            if not isinstance(key, str) or not ID_PATTERN.match(key):  # keys become page addresses
                raise ArchiveError(self.relative(self.data_dir / name),
                                   f"{key!r} is not lower-case letters, digits and single hyphens")
            if not isinstance(value, dict) or any(not isinstance(value.get(lang), str) or not value[lang].strip()
                                                  for lang in LANGUAGES):
                raise ArchiveError(self.relative(self.data_dir / name),
                                   f"{key!r} needs a label in each language ({', '.join(LANGUAGES)})")
        return data

    @cached_property
    def kinds(self) -> dict[str, dict[str, str]]:
        """Allowed source kinds, each with its label in every language (data/kinds.yml)."""
        return self.load_vocabulary("kinds.yml")

    @cached_property
    def labels(self) -> dict[str, "Labels"]:
        """Interface wording per language (data/labels.yml)."""
        shown = self.relative(self.data_dir / "labels.yml")
        data = self.load_data("labels.yml")
        for lang in LANGUAGES:
            if not isinstance(data.get(lang), dict):
                raise ArchiveError(shown, f"needs a block '{lang}:' of labels")
        _check_labels(shown, {lang: data[lang] for lang in LANGUAGES})
        return {lang: Labels(shown, lang, data[lang]) for lang in LANGUAGES}


def _check_labels(shown: Path, blocks: dict[str, dict]) -> None:
    """Each label is text, or a mapping of CLDR plural categories with 'other' (plurals.py); its
    {placeholders} are the same in every language, as the pages fill them in the same way."""
    seen: dict[str, tuple[str, set[str]]] = {}
    for lang, block in blocks.items():
        for key, value in block.items():
            forms = value if isinstance(value, dict) else {"": value}
            if isinstance(value, dict) and not isinstance(value.get("other"), str):
                raise ArchiveError(shown, f"label {key!r} ('{lang}'): a plural label needs an 'other' form")
            if not all(isinstance(v, str) for v in forms.values()):
                raise ArchiveError(shown, f"label {key!r} ('{lang}') must be text, or plural forms of text")
            try:
                fields = {f for text in forms.values() for _, f, _, _ in string.Formatter().parse(text) if f}
            except ValueError as e:
                raise ArchiveError(shown, f"label {key!r} ('{lang}'): {e} (a brace is written {{{{ or }}}})") from None
            first = seen.setdefault(key, (lang, fields))
            if first[1] != fields:
                raise ArchiveError(shown, f"label {key!r}: '{lang}' has the placeholders {sorted(fields)}, "
                                          f"'{first[0]}' has {sorted(first[1])}")


class Labels(dict):
    """The wording of one language; a key the templates use but the file lacks is an error
    naming the file, not a traceback from deep inside a template."""

    def __init__(self, shown: Path, lang: str, texts: dict):
        super().__init__(texts)
        self.shown, self.lang = shown, lang

    def __missing__(self, key):
        raise ArchiveError(self.shown, f"no label {key!r} in the '{self.lang}' block")
