"""Step 3 of the pipeline: fill the translation memories with machine translation.

The memory is the cache: a segment (title or paragraph) whose Arabic already
has an entry is reused whatever its origin, so maintainers' text is never
touched. Only segments without an entry go to the engine, all sentences of a
source in one batched call, with registry names protected. When a changed
paragraph replaces an old one, the old entry is kept under ``previous`` of the
new one. Each source's memory is saved (atomically) as soon as it is done, so
an interrupted run loses at most the source it was on and resumes from there.
"""
from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass

from tqdm import tqdm

from ..corpus import Corpus
from ..memory import Entry, TranslationMemory
from ..sources import Source, segment_key
from .engine import ArgosEngine
from .names import protect, restore
from .sentences import split_sentences

SIMILAR_ENOUGH = 0.5  # difflib ratio above which a new paragraph is taken to replace an old one


@dataclass
class Summary:
    translated: int = 0  # segments newly translated by the engine
    sentences: int = 0  # sentences sent to the engine
    reused: int = 0  # segments whose translation was already in the memory
    pending: int = 0  # segments left without translation (no engine)

    def line(self) -> str:
        return (f"{self.translated} segments translated ({self.sentences} sentences), "
                f"{self.reused} reused, {self.pending} pending")


def missing(corpus: Corpus, source: Source) -> list[str]:
    memory = corpus.memories[source.id]
    return [s for s in source.segments if memory.get(segment_key(s)) is None]


def translate_corpus(corpus: Corpus, engine: ArgosEngine | None, only: list[str] | None = None) -> Summary:
    """Translate what is missing in the sources (all, or the ids in ``only``); without an
    engine, only count what is pending."""
    summary = Summary()
    chosen = [s for s in corpus.sources if only is None or s.id in only]
    todo = {s.id: missing(corpus, s) for s in chosen}
    for source in chosen:
        summary.reused += len(source.segments) - len(todo[source.id])
    if engine is None:
        summary.pending = sum(len(t) for t in todo.values())
        return summary
    names = [(corpus.registry.actor_names, corpus.registry.actors),
             (corpus.registry.organisation_names, corpus.registry.organisations)]
    counts = {sid: sum(len(split_sentences(t)) for t in texts) for sid, texts in todo.items()}
    with tqdm(total=sum(counts.values()), unit="sentence", desc="translating", disable=None) as bar:
        for source in (s for s in chosen if todo[s.id]):
            bar.set_postfix_str(source.id)
            english = _translate_texts(todo[source.id], engine, names)
            _update_memory(corpus.memories[source.id], source, dict(zip(todo[source.id], english)), engine)
            corpus.memories[source.id].save()
            summary.translated += len(english)
            summary.sentences += counts[source.id]
            bar.update(counts[source.id])
    return summary


def _translate_texts(texts: list[str], engine: ArgosEngine, names) -> list[str]:
    """Each text's English: its sentences translated in one batch, names protected; a sentence
    whose output lost a name placeholder is translated again unprotected."""
    sentences = [(i, s) for i, text in enumerate(texts) for s in split_sentences(text)]
    protected = [protect(s, names) for _, s in sentences]
    output = engine.translate([p for p, _ in protected])
    restored = [restore(out, mapping) for out, (_, mapping) in zip(output, protected)]
    retry = [k for k, r in enumerate(restored) if r is None]
    for k, out in zip(retry, engine.translate([sentences[k][1] for k in retry])):
        restored[k] = out
    english = [[] for _ in texts]
    for (i, _), sentence in zip(sentences, restored):
        english[i].append(sentence)
    return [" ".join(parts) for parts in english]


def _update_memory(memory: TranslationMemory, source: Source, english: dict[str, str], engine) -> None:
    """Add the new entries; link each to the old entry it replaces; keep unmatched old entries as stale."""
    current = {segment_key(s) for s in source.segments}
    orphans = [e for e in memory.entries.values() if e.key not in current]
    today = dt.date.today().isoformat()
    for arabic, text in english.items():
        previous = _most_similar(arabic, orphans)
        if previous is not None:
            orphans.remove(previous)
            del memory.entries[previous.key]
        key = segment_key(arabic)
        memory.entries[key] = Entry(
            key=key, ar=arabic, en=text, origin="machine", date=today, engine=engine.name, model=engine.model,
            previous={k: v for k, v in previous.as_yaml().items() if k not in ("key", "previous", "stale")}
            if previous else None)
    for orphan in orphans:
        memory.entries[orphan.key] = Entry(**{**orphan.__dict__, "stale": True})
    order = {segment_key(s): i for i, s in enumerate(source.segments)}
    memory.entries = dict(sorted(memory.entries.items(), key=lambda kv: order.get(kv[0], len(order))))


def _most_similar(arabic: str, candidates: list[Entry]) -> Entry | None:
    scored = [(difflib.SequenceMatcher(None, arabic, c.ar).ratio(), c) for c in candidates]
    best = max(scored, key=lambda sc: sc[0], default=None)
    return best[1] if best and best[0] >= SIMILAR_ENOUGH else None
