"""The translation memory: the English text of each source, segment by segment.

It lives beside the source as ``translation.en.yaml`` so that a reviewer reads
Arabic and English side by side in a plain diff. Each entry is keyed by the
SHA-256 of its Arabic text (``sources.segment_key``) and says where its
English came from:

- ``origin: maintainer`` -- written by the archive's maintainers (``translator`` names them);
- ``origin: machine`` -- produced by a machine translation engine (``engine`` and ``model``),
  with ``reviewed_by`` once a maintainer has checked it without changing it.

The site labels every paragraph by this origin; nothing else decides it.
When a source's Arabic changes (translate/merge.py):

- reviewed work (a maintainer entry, or machine output marked ``reviewed_by``) is never
  displaced: the entry moves to the new Arabic with ``translates_earlier`` (the Arabic its
  English translates, and when the change was noticed) and the machine translation of the
  new Arabic beside it as ``proposal``, until a maintainer updates it; ``check`` lists it;
- unreviewed machine output is replaced, the old entry kept under ``previous``;
- an entry whose Arabic is gone, with no new paragraph resembling it, stays marked ``stale: true``.

``truncated: true`` marks machine output that looks cut off (much shorter than its Arabic,
or as long as the engine's output limit): the site says it may be incomplete.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path

import yaml

from .cache import JsonStore, files_digest
from .errors import ArchiveError
from .project import Project
from .sources import segment_key
from .untrusted import has_visible_text
from .files import MAX_SOURCE_BYTES, atomic_write, load_with_lines, read_text

MEMORY_FILE = "translation.en.yaml"
ORIGINS = ("maintainer", "machine")
HEADER = """\
# English translation memory of one source: one entry per Arabic segment (its
# title and each paragraph), keyed by the SHA-256 of the Arabic text.
# origin: maintainer = translated by the archive's maintainers (translator: who);
# origin: machine = machine translation (engine, model), shown as such on the site;
#   add reviewed_by: <name> when you have checked it and it needs no change.
# Edit `en` to correct a machine translation, then set origin: maintainer, translator: <your
#   name>, and delete engine, model, reviewed_by and truncated (check refuses leftovers).
# previous: the entry of the Arabic this text replaced; stale: true = its Arabic is gone.
# translates_earlier: the English translates this earlier Arabic (shown as such on the site);
#   update `en` from the current `ar` (a machine `proposal` is beside it), then delete both.
# truncated: true = the machine output looks cut off; the site says it may be incomplete.
"""


@dataclass(frozen=True)
class Entry:
    key: str
    ar: str
    en: str
    origin: str
    date: str
    translator: str | None = None
    engine: str | None = None
    model: str | None = None
    reviewed_by: str | None = None
    previous: dict | None = None
    stale: bool | None = None
    translates_earlier: dict | None = None  # {ar, noticed}: the English translates this older Arabic
    proposal: dict | None = None  # {en, engine, model, date[, truncated]}: machine text of the current Arabic
    truncated: bool | None = None

    @property
    def reviewed_work(self) -> bool:
        """Written or checked by a maintainer: the machine never replaces it."""
        return self.origin == "maintainer" or bool(self.reviewed_by)

    @property
    def shown_origin(self) -> str:
        """How the site labels it: maintainer, reviewed (machine output a maintainer checked) or machine."""
        return "reviewed" if self.origin == "machine" and self.reviewed_by else self.origin

    def as_yaml(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v is not None}


@dataclass
class TranslationMemory:
    path: Path
    source_id: str
    entries: dict[str, Entry]
    lines: dict[str, int] = field(default_factory=dict)  # entry key -> line in the file, for messages
    moved: set[str] = field(default_factory=set)  # keys of entries moved to a changed paragraph, not yet saved
    shown: Path | None = None  # the path as messages name it (relative to the project)
    on_disk: str | None = None  # SHA-256 of the file as read or last written; None: there was none

    def get(self, key: str) -> Entry | None:
        return self.entries.get(key)

    def save(self) -> None:
        """Write the whole file atomically (files.atomic_write), with the mode a new file gets; never
        over an edit made since it was read (a maintainer correcting it while `translate` runs)."""
        current = _digest(self.path.read_bytes()) if self.path.is_file() else None
        if current != self.on_disk:
            raise ArchiveError(self.shown or self.path, "edited while this run was translating: not overwritten, "
                                                        "so this run's translations for it are not saved; run the "
                                                        "command again")
        document = {"source": self.source_id, "language": "en",
                    "entries": [e.as_yaml() for e in self.entries.values()]}
        text = HEADER + yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100)
        atomic_write(self.path, text, prefix=".translation-")
        self.on_disk = _digest(text.encode("utf-8"))
        self.moved.clear()


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load_memory(project: Project, folder: Path, source_id: str, store: JsonStore | None = None) -> TranslationMemory:
    """The memory beside a source; an empty one when the file does not exist yet.

    With ``store`` (build/cache/memory/), a file already checked in this exact form, by this
    exact code, is not parsed again: parsing every memory with line numbers for the error
    messages was most of a rebuild's loading time at 1,000 sources."""
    path = folder / MEMORY_FILE
    shown = project.relative(path)
    memory = TranslationMemory(path, source_id, {}, shown=shown)
    if not os.path.lexists(path):
        return memory
    text = read_text(shown, path, limit=MAX_SOURCE_BYTES, inside=project.root)
    memory.on_disk = _digest(text.encode("utf-8"))  # (the file's fixity, and half of its cache key)
    key = _digest(f"{_code_key()}\0{source_id}\0{memory.on_disk}".encode()) if store else ""
    checked = store.get(source_id, key) if store else None
    if checked is not None:
        for item, line in checked:
            entry = Entry(**item)
            memory.entries[entry.key], memory.lines[entry.key] = entry, line
        return memory
    _parse(memory, shown, text, source_id)
    if store:
        store.put(source_id, key, [[e.as_yaml(), memory.lines[k]] for k, e in memory.entries.items()])
    return memory


@cache
def _code_key() -> str:
    """The code that checks a memory file: a change to it checks every file again."""
    here = Path(__file__).parent
    return files_digest([here / "memory.py", here / "files.py"])


def _parse(memory: TranslationMemory, shown: Path, text: str, source_id: str) -> None:
    data, node = load_with_lines(shown, text, "translation memory")
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise ArchiveError(shown, "a translation memory is a mapping with an 'entries' list", 1)
    if data.get("source") != source_id:
        raise ArchiveError(shown, f"belongs to source {data.get('source')!r}, not {source_id!r}", 1)
    if data.get("language", "en") != "en":
        raise ArchiveError(shown, f"language {data.get('language')!r}: this file holds the English translation "
                                  "('language: en')", 1)
    entry_nodes = next(v for k, v in node.value if k.value == "entries").value
    for item, item_node in zip(data["entries"], entry_nodes):
        line = item_node.start_mark.line + 1
        entry = _entry(shown, item, line)
        if entry.key in memory.entries:
            raise ArchiveError(shown, f"a second entry for the same Arabic (key {entry.key[:12]}..., first at "
                                      f"line {memory.lines[entry.key]}): keep one", line)
        memory.entries[entry.key] = entry
        memory.lines[entry.key] = line


_TYPES = {"translator": str, "engine": str, "model": str, "reviewed_by": str, "previous": dict,
          "stale": bool, "translates_earlier": dict, "proposal": dict, "truncated": bool}
_KIND_NAMES = {str: "text", dict: "a mapping", bool: "true or false"}
_MACHINE_FIELDS = ("engine", "model", "reviewed_by", "truncated")


def _entry(shown: Path, item: object, line: int) -> Entry:
    if not isinstance(item, dict):
        raise ArchiveError(shown, "each entry must be a mapping", line)
    if isinstance(item.get("date"), dt.date):  # an unquoted date typed by hand
        item = {**item, "date": item["date"].isoformat()}
    known = set(Entry.__dataclass_fields__)
    if set(item) - known:
        raise ArchiveError(shown, f"unknown entry fields {sorted(set(item) - known)}", line)
    for name in ("key", "ar", "en", "origin", "date"):
        value = item.get(name)
        if isinstance(value, (int, float)):  # (a key of digits only is read as a number)
            raise ArchiveError(shown, f"entry field {name!r} must be text, not a number: put it in quotes", line)
        if not isinstance(value, str) or not has_visible_text(value):
            raise ArchiveError(shown, f"entry field {name!r} must be non-empty text (with visible characters)", line)
    try:
        dt.date.fromisoformat(item["date"])
    except ValueError:
        raise ArchiveError(shown, f"entry field 'date' {item['date']!r} is not a day written YYYY-MM-DD (the day "
                                  "the English was written or checked; the site shows it)", line) from None
    for name, kind in _TYPES.items():
        if item.get(name) is not None and not isinstance(item[name], kind):
            raise ArchiveError(shown, f"entry field {name!r} must be {_KIND_NAMES[kind]}, "
                                      f"not {type(item[name]).__name__}", line)
        if kind is str and item.get(name) is not None and not has_visible_text(item[name]):
            raise ArchiveError(shown, f"entry field {name!r} must have visible characters", line)
    if item["origin"] not in ORIGINS:
        raise ArchiveError(shown, f"origin {item['origin']!r} must be one of {', '.join(ORIGINS)}", line)
    needed = ("translator",) if item["origin"] == "maintainer" else ("engine", "model")
    for name in needed:
        if not item.get(name):
            raise ArchiveError(shown, f"an entry of origin {item['origin']} needs {name!r}", line)
    # The site labels a paragraph by these fields: none may say the English is what it is not.
    machine_only = [k for k in _MACHINE_FIELDS if item.get(k) is not None]
    if item["origin"] == "maintainer" and machine_only:
        raise ArchiveError(shown, f"an entry of origin maintainer has the machine fields {machine_only}: the English is "
                                  "the maintainers' now, delete them", line)
    if item["origin"] == "machine" and item.get("translator"):
        raise ArchiveError(shown, "an entry of origin machine has a translator: if a maintainer rewrote the English, "
                                  "set origin: maintainer and delete engine and model", line)
    if item.get("reviewed_by") and item.get("truncated"):
        raise ArchiveError(shown, "reviewed_by and truncated: a reviewer vouches the English is complete; complete it "
                                  "if needed, then delete truncated", line)
    earlier = item.get("translates_earlier")
    if earlier is not None and not (isinstance(earlier.get("ar"), str) and isinstance(earlier.get("noticed"), str)):
        raise ArchiveError(shown, "translates_earlier needs 'ar' (the earlier Arabic) and 'noticed' (a date)", line)
    proposal = item.get("proposal")
    if proposal is not None and not all(isinstance(proposal.get(k), str) for k in ("en", "engine", "model")):
        raise ArchiveError(shown, "proposal needs 'en', 'engine' and 'model' as text", line)
    if segment_key(item["ar"]) != item["key"]:
        raise ArchiveError(shown, "entry key is not the SHA-256 of its Arabic text: 'ar' or 'key' was edited here "
                           "(restore it; to change the Arabic, correct the source: the memory follows it)", line)
    return Entry(**item)
