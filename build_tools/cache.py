"""The build's caches, so a rebuild redoes only what changed: all JSON files under
build/cache/, each kept with the key it was made from (``JsonStore``).

- What extraction found in each source (``ExtractionCache``), keyed by the SHA-256 of
  everything extraction reads for it: the source file, the registry and vocabularies in
  data/, the extraction code, and the versions of the Arabic libraries whose tables it
  uses. Entries hold only dataclasses of the extraction modules, rebuilt by name from an
  explicit list; paragraphs are stored by number and re-attached
  to the freshly loaded source.
- Which generated pages are still right as staged (``PageKeys``).
- (memory.py, search_index.py and export.py keep checked translation memories, the words of
  each source and its rows in the downloads in a ``JsonStore`` of their own.)

JSON, never pickle: a cache file is data, it cannot run code.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import stat
from functools import cached_property, lru_cache
from importlib import metadata
from pathlib import Path

from . import dates, extract
from .extract import candidates, dates_in_text, demand_lists, mentions, prose_demands, signatories
from .files import atomic_write, read_json
from .project import Project
from .stage import staged_path
from .sources import Paragraph, Source

MODULES = (extract, candidates, dates_in_text, demand_lists, prose_demands, mentions, signatories, dates)
# The code whose change changes what extraction finds: every module of the extract package too.
CODE = sorted(Path(extract.__file__).parent.glob("*.py")) + [
    Path(__file__).with_name(n) for n in ("normalize.py", "registry.py", "sources.py", "dates.py", "cache.py")]
# The libraries whose tables decide what extraction finds (letter forms, plurals, stop words, verb forms,
# the Hijri calendar): upgrading one of them makes every entry again.
LIBRARIES = ("pyarabic", "arramooz-pysqlite", "arabic-stopwords", "libqutrub", "hijridate")
# The libraries that write the pages around the extraction: the templates' engine, and Babel's
# words for sizes and language names.
RENDERING = ("jinja2", "markupsafe", "babel")


@lru_cache(maxsize=1)  # once per process, not once per source
def _classes() -> dict[str, type]:
    """Every dataclass defined in the extraction modules: the only types an entry may name."""
    return {obj.__name__: obj for module in MODULES for obj in vars(module).values()
            if dataclasses.is_dataclass(obj) and isinstance(obj, type) and obj.__module__ == module.__name__}


def with_libraries(digest: str, libraries: tuple[str, ...] = LIBRARIES) -> str:
    """``digest`` combined with the installed versions of ``libraries`` (by default LIBRARIES:
    what extraction finds, and so every page showing it, changes with them)."""
    versions = " ".join(f"{name}=={metadata.version(name)}" for name in libraries)
    return hashlib.sha256(f"{digest} {versions}".encode()).hexdigest()


def files_digest(paths: list[Path]) -> str:
    """SHA-256 of the names and bytes of ``paths``: the code and data a cached value was made by."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


class JsonStore:
    """Values derived from one input, kept as JSON files under build/cache/<kind>/, each with
    the key it was made from: a value is returned only for the same key, so a stale or
    damaged entry is never used (it is made again). JSON, never pickle: a file in build/
    is data, it cannot run code. Written atomically; never through a symbolic link."""

    def __init__(self, project: Project, kind: str, holds: type):
        self.folder = project.build_dir / "cache" / kind
        self.holds = holds  # the type of every value kept: one of another is damage, made again

    def get(self, name: str, key: str):
        entry = read_json(self.folder / f"{name}.json", dict, {})
        value = entry.get("value") if entry.get("key") == key else None
        return value if isinstance(value, self.holds) else None

    def has(self, name: str, key: str) -> bool:
        """Whether an entry made from ``key`` is there, from the start of its file only (the
        key is written first): checking a thousand entries costs almost nothing."""
        head = _head(key).encode()
        try:
            with open(self.folder / f"{name}.json", "rb") as f:
                return f.read(len(head)) == head
        except OSError:
            return False

    def put(self, name: str, key: str, value) -> None:
        atomic_write(self.folder / f"{name}.json", _head(key) + ', "value": ' + json.dumps(value, ensure_ascii=False)
                     + "}")


def _head(key: str) -> str:
    """How an entry's file starts: its key, first."""
    return '{"key": ' + json.dumps(key)


class ExtractionCache:
    def __init__(self, project: Project):
        self.project = project
        self.store = JsonStore(project, "extract", dict)
        self._keys: dict[str, str] = {}

    @cached_property
    def _shared_key(self) -> str:
        return with_libraries(files_digest(sorted(self.project.data_dir.glob("*.yml")) + CODE))

    def key(self, source: Source) -> str:
        """Remembered per source: has() and get() both need it, and it reads the source."""
        if source.id not in self._keys:
            self._keys[source.id] = hashlib.sha256(self._shared_key.encode() + source.path.read_bytes()).hexdigest()
        return self._keys[source.id]

    def has(self, source: Source) -> bool:
        return self.store.has(source.id, self.key(source))

    def get(self, source: Source):
        """What extraction found in ``source``, as extraction_to_json made it, or None."""
        return self.store.get(source.id, self.key(source))

    def put(self, source: Source, found) -> None:
        """Keep ``found`` (as extraction_to_json made it) for ``source``."""
        self.store.put(source.id, self.key(source), found)


def extraction_to_json(found):
    """What extraction found in a source as JSON-able data (paragraphs by number): for the
    cache, and to bring it back from a worker process (corpus.py)."""
    return _encode(found)


def extraction_from_json(value, source: Source):
    """The inverse of extraction_to_json, attached to ``source``'s own paragraph objects."""
    return _decode(value, source, _classes())


def _encode(value):
    if isinstance(value, Paragraph):
        return {"¶": value.number}
    if isinstance(value, Source):
        return {"§": None}
    if dataclasses.is_dataclass(value):
        return {"type": type(value).__name__,
                "fields": {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init}}
    if isinstance(value, (list, tuple)):
        return {"tuple" if isinstance(value, tuple) else "list": [_encode(v) for v in value]}
    if isinstance(value, dict):
        return {"dict": [[_encode(k), _encode(v)] for k, v in value.items()]}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"cannot cache a {type(value).__name__}")


def _decode(value, source: Source, classes: dict[str, type]):
    if not isinstance(value, dict):
        return value
    if "¶" in value:
        return source.paragraphs[value["¶"] - 1]
    if "§" in value:
        return source
    if "type" in value:
        cls = classes[value["type"]]  # KeyError for anything not an extraction dataclass
        return cls(**{k: _decode(v, source, classes) for k, v in value["fields"].items()})
    if "tuple" in value:
        return tuple(_decode(v, source, classes) for v in value["tuple"])
    if "list" in value:
        return [_decode(v, source, classes) for v in value["list"]]
    return {_decode(k, source, classes): _decode(v, source, classes) for k, v in value["dict"]}


class PageKeys:
    """Which generated pages are still right as staged in build/docs/.

    A source's own pages (its page and parallel view, in each language) read only that
    source, its translation memory, the registry and vocabularies, the templates and code,
    the site address, and where its dates sit in the split timeline. The
    renderer hashes exactly that into a page's key; a page whose key matches the last
    build's, and whose staged file is still there, is not rendered again."""

    def __init__(self, project: Project):
        self.project = project
        self.file = self.location(project)
        self.old = read_json(self.file, dict, {})
        try:  # a staged file changed after the keys were saved (by hand) is not vouched for
            self.saved_at = os.lstat(self.file).st_mtime_ns
        except OSError:
            self.saved_at = 0
        # Staging rewrites pages as it goes: if this build stops half-way, the keys on file
        # would vouch for pages it has already changed. They are saved again at the end.
        self.file.unlink(missing_ok=True)
        self.new: dict[str, str] = {}

    @staticmethod
    def location(project: Project) -> Path:
        return project.build_dir / "cache" / "pages.json"

    @cached_property
    def shared(self) -> str:
        """Everything every page depends on: data/, the templates, the code, the Arabic libraries
        and the rendering ones."""
        code = Path(__file__).parent
        return with_libraries(files_digest(sorted(self.project.data_dir.glob("*.yml")) + sorted(code.rglob("*.py"))
                                           + sorted(code.glob("templates/*"))), LIBRARIES + RENDERING)

    def fresh(self, rel: str, key: str) -> bool:
        """Record ``key`` for the generated file ``rel`` (a page, or a file of build/static/);
        True when the file staged is still there, was made from the same, and was not changed
        since (a file edited in build/docs/ by hand was published, build after build)."""
        self.new[rel] = key
        if self.old.get(rel) != key:
            return False
        try:
            st = os.lstat(staged_path(self.project, rel))
        except OSError:
            return False
        return stat.S_ISREG(st.st_mode) and st.st_mtime_ns <= self.saved_at

    def save(self) -> None:
        atomic_write(self.file, json.dumps(self.new, sort_keys=True))
