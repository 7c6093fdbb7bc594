"""How machine output enters a translation memory without displacing anyone's work.

The rules (the memory file's header says the same to maintainers):

- A segment whose Arabic has no entry gets the machine translation; if an entry of
  unreviewed machine output for an earlier version of that paragraph exists, it is kept
  under ``previous``. So is the entry ``translate --refresh`` makes again with another model.
- Reviewed work (a maintainer's entry, or machine output marked ``reviewed_by``) whose
  paragraph changed moves to the new Arabic unchanged, with ``translates_earlier`` naming
  the Arabic it translates, and the machine translation of the new Arabic beside it as
  ``proposal``: the site goes on showing it, labelled as a translation of an earlier
  version, until a maintainer updates it. Changing the Arabic back makes it current again.
- An entry whose Arabic is gone and that no new paragraph resembles stays, ``stale: true``.

"Resembles" is a difflib ratio of at least ``SIMILAR_ENOUGH`` between the Arabic texts.
"""
from __future__ import annotations

import difflib

from ..memory import Entry, TranslationMemory
from ..sources import Source, segment_key

SIMILAR_ENOUGH = 0.5  # difflib ratio above which a new paragraph is taken to replace an old one


def orphans(memory: TranslationMemory, source: Source) -> list[Entry]:
    """Entries whose Arabic is no longer in the source."""
    current = {segment_key(s) for s in source.segments}
    return [e for e in memory.entries.values() if e.key not in current]


def relink(memory: TranslationMemory, source: Source, today: str) -> bool:
    """Move reviewed work whose paragraph changed to the paragraph's new Arabic; whether anything moved."""
    moved = False
    left = orphans(memory, source)
    for arabic in source.segments:
        key = segment_key(arabic)
        if key in memory.entries:
            continue
        match = most_similar(arabic, left)
        if match is None or not match.reviewed_work:
            continue
        left.remove(match)
        del memory.entries[match.key]
        earlier = match.translates_earlier or {"ar": match.ar, "noticed": today}
        fields = {**match.__dict__, "key": key, "ar": arabic, "stale": None, "previous": None,
                  "translates_earlier": None if earlier["ar"] == arabic else earlier}
        if fields["translates_earlier"] is None:
            fields["proposal"] = None
        memory.entries[key] = Entry(**fields)
        memory.lines[key] = memory.lines.get(match.key, 1)  # where it stands in the file, for messages
        memory.moved.add(key)
        moved = True
    return moved


def add_machine(memory: TranslationMemory, arabic: str, machine: dict, left: list[Entry]) -> None:
    """A machine entry for ``arabic`` (``machine``: en, engine, model, date, truncated), keeping the
    unreviewed entry of the earlier version it replaces (taken out of ``left``) under ``previous``."""
    previous = most_similar(arabic, [e for e in left if not e.reviewed_work])
    if previous is not None:
        left.remove(previous)
        del memory.entries[previous.key]
    key = segment_key(arabic)
    memory.entries[key] = Entry(key=key, ar=arabic, origin="machine", **machine,
                                previous=_as_previous(previous) if previous else None)


def replace_machine(memory: TranslationMemory, arabic: str, machine: dict) -> None:
    """``translate --refresh``: the unreviewed machine entry of ``arabic`` made again by another model,
    the one it replaces kept under ``previous`` (its English may hold a correction nobody marked)."""
    key = segment_key(arabic)
    memory.entries[key] = Entry(key=key, ar=arabic, origin="machine", **machine,
                                previous=_as_previous(memory.entries[key]))


def _as_previous(entry: Entry) -> dict:
    """An entry as the ``previous`` of the one replacing it (one level of history)."""
    return {k: v for k, v in entry.as_yaml().items() if k not in ("key", "previous", "stale")}


def add_proposal(memory: TranslationMemory, arabic: str, machine: dict) -> None:
    """The machine translation of the current Arabic, beside the reviewed English of an earlier one."""
    key = segment_key(arabic)
    memory.entries[key] = Entry(**{**memory.entries[key].__dict__,
                                   "proposal": {k: v for k, v in machine.items() if v is not None}})


def finish(memory: TranslationMemory, source: Source, left: list[Entry]) -> None:
    """Mark entries no paragraph took as stale; order entries as the source's segments."""
    for orphan in left:
        if orphan.key in memory.entries:
            memory.entries[orphan.key] = Entry(**{**orphan.__dict__, "stale": True})
    order = {segment_key(s): i for i, s in enumerate(source.segments)}
    memory.entries = dict(sorted(memory.entries.items(), key=lambda kv: order.get(kv[0], len(order))))


def most_similar(arabic: str, candidates: list[Entry]) -> Entry | None:
    scored = [(difflib.SequenceMatcher(None, arabic, c.ar).ratio(), c) for c in candidates]
    best = max(scored, key=lambda sc: sc[0], default=None)
    return best[1] if best and best[0] >= SIMILAR_ENOUGH else None
