"""Step 3 of the pipeline: fill the translation memories with machine translation.

The memory is the cache: a segment (title or paragraph) whose Arabic already has an
entry is reused, and reviewed work is never displaced (merge.py has the rules). What
goes to the engine: segments without an entry, reviewed entries of an earlier Arabic
that have no machine proposal yet, and with ``refresh`` the unreviewed machine entries
of another model.

Segments go through the engine in blocks of ``BLOCK_BATCHES`` batches per core, each block one
stream of sentences across sources, so that batches stay full and every core has one
(engine.ArgosEngine.stream); sentences too long for the model are cut at clause boundaries
first, registry names are protected by placeholders. A sentence whose output lost a
placeholder is translated again, unprotected, in the next block: a segment is never held back
longer than that. As each segment is done it goes into its memory; the memories changed since
the last write are saved (atomically) after a round of batches once ``SAVE_EVERY`` seconds
have passed, and when the run stops for any reason, Ctrl-C included, so an interrupted run
loses at most the segments of the block in progress and resumes.
"""
from __future__ import annotations

import datetime as dt
import signal
import threading
import time
from collections import Counter, deque
from contextlib import contextmanager
from dataclasses import dataclass, field

from tqdm import tqdm

from ..corpus import Corpus
from ..errors import ArchiveError
from ..memory import TranslationMemory
from ..sources import Source, segment_key
from . import merge
from .engine import BATCH_SENTENCES, ArgosEngine, Output
from .names import protect, restore_paragraph
from .sentences import split_long, split_sentences

# An output with fewer than this many words per Arabic word looks cut off (English usually has
# more words than the Arabic it translates), once the Arabic is long enough for the ratio to mean much.
MIN_WORD_RATIO, MIN_WORDS_TO_JUDGE = 0.5, 8
# Memories changed since the last write are written at the end of a round of batches once this many
# seconds have passed (and when the run stops): writing every memory after every round cost a tenth
# of a run (benchmarks/translate_speed.py), and a kill -9 loses at most these seconds of work.
SAVE_EVERY = 5.0
# Batches per core in one block. The engine sorts 16 batches' sentences by length at a time
# (CTranslate2's translate_iterable), so a block of 16 per core batches as well as one stream of
# the whole run; at the end of a block a core may wait for the other's last batch.
BLOCK_BATCHES = 16


@dataclass
class Summary:
    translated: int = 0  # segments newly translated by the engine
    sentences: int = 0  # pieces of sentences sent to the engine, retries included
    retried: int = 0  # of which sent again without name placeholders
    reused: int = 0  # segments whose translation was already in the memory
    pending: int = 0  # segments left without translation (no engine)
    proposals: int = 0  # machine proposals beside reviewed English of an earlier Arabic
    refreshed: int = 0  # machine entries of another model translated again
    truncated: int = 0  # outputs that look cut off, flagged
    outdated: int = 0  # reviewed entries translating an earlier Arabic, waiting for a maintainer

    def line(self) -> str:
        """"N segments translated[, N refreshed][, N proposals] (the sentences these took), N reused,
        N pending[, flags]": what the engine made first, then what it was given to make it."""
        made = [what for n, what in ((self.refreshed, f"{self.refreshed} refreshed"),
                                     (self.proposals, counted(self.proposals, "proposal"))) if n]
        flags = [what for n, what in ((self.truncated, f"{self.truncated} flagged as possibly truncated"),
                                      (self.outdated, counted(self.outdated, "reviewed translation")
                                       + " of an earlier version")) if n]
        again = f", {self.retried} of them again without name placeholders" if self.retried else ""
        return (", ".join([f"{counted(self.translated, 'segment')} translated", *made])
                + f" ({counted(self.sentences, 'sentence')}{again}), {self.reused} reused, {self.pending} pending"
                + "".join(f", {e}" for e in flags))


@dataclass
class Plan:
    """What a run would send to the engine (``translate --dry-run``)."""
    model: str | None
    new: int = 0  # segments without an entry
    proposals: int = 0  # beside reviewed English of an earlier Arabic
    refresh: Counter = field(default_factory=Counter)  # {another model: its unreviewed machine entries}
    refreshing: bool = False  # whether the run would translate those again (--refresh)

    def line(self) -> str:
        if self.model is None and not self.new:
            return "dry run: every segment has English; nothing to translate, nothing written"
        if self.model is None:
            return (f"dry run: {counted(self.new, 'segment')} without English; no ar->en model is installed to "
                    "translate them (python -m build_tools model install --from FILE); nothing written")
        old = (counted(sum(self.refresh.values()), "unreviewed machine entry", "unreviewed machine entries")
               + " made by another model (" + "; ".join(f"{n} by {m}" for m, n in sorted(self.refresh.items())) + ")")
        parts = [counted(self.new, "new segment"),
                 counted(self.proposals, "proposal") + " beside reviewed English of an earlier version"]
        if self.refreshing:
            parts.append(old if self.refresh else "no unreviewed machine entries made by another model")
        kept = f"; {old} kept: --refresh translates them again" if self.refresh and not self.refreshing else ""
        return f"dry run with {self.model}: would translate {', '.join(parts)}{kept}; nothing written"


def counted(n: int, singular: str, plural: str | None = None) -> str:
    return f"{n} {singular if n == 1 else plural or singular + 's'}"


@dataclass
class _Job:
    """One segment to translate: its sentences, protected and cut into pieces for the engine."""
    source: Source
    arabic: str
    kind: str  # "new" (no entry), "proposal" (beside reviewed English), "refresh" (another model)
    sentences: list[str] = field(default_factory=list)  # unprotected, for a retry
    protected: list[tuple[list[str], dict]] = field(default_factory=list)  # (pieces, names) per sentence

    @property
    def pieces(self) -> list[str]:
        return [piece for pieces, _ in self.protected for piece in pieces]


def missing(corpus: Corpus, source: Source) -> list[str]:
    memory = corpus.memories[source.id]
    return [s for s in source.segments if memory.get(segment_key(s)) is None]


def relink_all(corpus: Corpus, only: list[str] | None = None) -> set[str]:
    """Move reviewed work to its changed paragraphs (merge.relink) in the loaded memories, writing
    nothing; the ids of the sources whose memory changed."""
    today = dt.date.today().isoformat()
    return {s.id for s in _chosen(corpus, only) if merge.relink(corpus.memories[s.id], s, today)}


def plan(corpus: Corpus, model: str | None, only: list[str] | None = None, refresh: bool = False) -> Plan:
    """What ``translate_corpus`` would send to an engine of ``model``. Reviewed work is moved to
    changed paragraphs first, as the run would, in the loaded memories only: nothing is written."""
    result = Plan(model, refreshing=refresh)
    relink_all(corpus, only)
    for source in _chosen(corpus, only):
        memory = corpus.memories[source.id]
        for job in _jobs(memory, source, model, refresh=True):
            entry = memory.get(segment_key(job.arabic))
            if job.kind == "new":
                result.new += 1
            elif job.kind == "refresh":
                result.refresh[entry.model] += 1
            elif refresh or entry.proposal is None:  # a proposal of another model is made again with --refresh
                result.proposals += 1
    return result


def translate_corpus(corpus: Corpus, engine: ArgosEngine | None, only: list[str] | None = None,
                     refresh: bool = False) -> Summary:
    """Translate what is missing in the sources (all, or the ids in ``only``); without an engine,
    only move reviewed work to changed paragraphs and count what is pending."""
    summary, today = Summary(), dt.date.today().isoformat()
    chosen = _chosen(corpus, only)
    changed = relink_all(corpus, only)
    jobs = [job for s in chosen for job in _jobs(corpus.memories[s.id], s, engine and engine.model, refresh)]
    for source in chosen:
        summary.reused += len(source.segments) - sum(1 for j in jobs if j.source is source and j.kind != "proposal")
    if engine is None:
        summary.pending = len(jobs)
        for source in chosen:
            if source.id in changed:
                _save(corpus.memories[source.id], source, merge.orphans(corpus.memories[source.id], source))
        summary.outdated = _count_outdated(corpus, chosen)
        return summary
    names = [(corpus.registry.actor_names, corpus.registry.actors),
             (corpus.registry.organisation_names, corpus.registry.organisations)]
    for job in jobs:
        _prepare(job, engine, names)
    left = {s.id: merge.orphans(corpus.memories[s.id], s) for s in chosen}
    dirty = set(changed)  # sources changed since their memory was last written
    try:
        _run(jobs, engine, corpus, left, dirty, summary, today)
    finally:  # finished segments are saved whatever stopped the run
        _save_all([s for s in chosen if s.id in dirty], corpus, left)
    summary.outdated = _count_outdated(corpus, chosen)
    return summary


def _run(jobs: list[_Job], engine: ArgosEngine, corpus: Corpus, left: dict, dirty: set, summary: Summary,
         today: str) -> None:
    """The jobs' pieces, names protected, through the engine block by block; the sentences whose
    output lost a name placeholder go again, unprotected, at the start of the next block. Each
    segment is filed in its memory as soon as it is complete; the memories changed since they
    were last written are saved after a round of batches once SAVE_EVERY seconds have passed."""
    waiting, retries = deque(jobs), []
    block = BATCH_SENTENCES * engine.workers * BLOCK_BATCHES
    last_save = [time.monotonic()]

    def file(job: _Job, english: list[str], truncated: bool) -> None:
        _file(job, " ".join(english), truncated, engine, corpus.memories[job.source.id], left[job.source.id],
              summary, today)
        dirty.add(job.source.id)

    def done(unit, outputs: list[Output]) -> None:
        if isinstance(unit, _Retry):
            translated, cut = _assemble(unit.lost, outputs)
            again = iter(text for text, _ in translated)
            file(unit.job, [text if text is not None else next(again) for text in unit.english], unit.truncated or cut)
            return
        translated, truncated = _assemble(unit.protected, outputs)
        english = restore_paragraph(translated)
        if None in english:
            lost = [(split_long(unit.sentences[i], engine.fits), {}) for i, text in enumerate(english) if text is None]
            retries.append(_Retry(unit, english, truncated, lost))
        else:
            file(unit, english, truncated)

    def save() -> None:
        if time.monotonic() - last_save[0] < SAVE_EVERY:
            return
        _save_all([s for s in corpus.sources if s.id in dirty], corpus, left)
        dirty.clear()
        last_save[0] = time.monotonic()

    while waiting or retries:
        units, retries = [(r, r.pieces) for r in retries], []
        summary.retried += sum(len(pieces) for _, pieces in units)
        size = sum(len(pieces) for _, pieces in units)
        while waiting and size < block:
            job = waiting.popleft()
            units.append((job, job.pieces))
            size += len(job.pieces)
        _stream(engine, units, done, save, summary)


@dataclass
class _Retry:
    """A segment some of whose sentences lost a name placeholder: those go again, unprotected."""
    job: _Job
    english: list[str | None]  # the restored sentences, None where a placeholder was lost
    truncated: bool
    lost: list[tuple[list[str], dict]]  # (pieces, no names) of each lost sentence

    @property
    def pieces(self) -> list[str]:
        return [piece for pieces, _ in self.lost for piece in pieces]


def _stream(engine: ArgosEngine, units: list[tuple[object, list[str]]], done, save, summary: Summary) -> None:
    """Translate the pieces of all ``units`` in one stream; ``done(unit, outputs)`` as each unit completes,
    ``save()`` after every round of batches (one batch per core)."""
    pieces = [piece for _, unit_pieces in units for piece in unit_pieces]
    if not pieces:
        return
    waiting, outputs = deque(u for u in units if u[1]), []
    every = BATCH_SENTENCES * engine.workers
    with tqdm(total=len(pieces), unit="sentence", desc="translating", disable=None) as bar:
        for count, output in enumerate(engine.stream(pieces), 1):
            outputs.append(output)
            bar.update(1)
            while waiting and len(outputs) >= len(waiting[0][1]):
                unit, unit_pieces = waiting.popleft()
                done(unit, outputs[:len(unit_pieces)])
                outputs = outputs[len(unit_pieces):]
            if count % every == 0:
                save()
    summary.sentences += len(pieces)


def _assemble(protected: list[tuple[list[str], dict]], outputs: list[Output]) -> tuple[list, bool]:
    """([(sentence's English, its names)], whether any piece looks cut off) from the pieces' outputs."""
    translated, truncated, k = [], False, 0
    for pieces, mapping in protected:
        mine = outputs[k:k + len(pieces)]
        k += len(pieces)
        truncated |= any(_looks_cut(piece, out) for piece, out in zip(pieces, mine))
        translated.append((" ".join(o.text for o in mine), mapping))
    return translated, truncated


def _jobs(memory: TranslationMemory, source: Source, model: str | None, refresh: bool) -> list[_Job]:
    """The segments of ``source`` to translate with ``model`` (None: no engine, only the missing ones)."""
    jobs = []
    for arabic in dict.fromkeys(source.segments):  # a repeated paragraph is translated once
        entry = memory.get(segment_key(arabic))
        if entry is None:
            jobs.append(_Job(source, arabic, "new"))
        elif model is not None and entry.translates_earlier and (
                entry.proposal is None or (refresh and entry.proposal.get("model") != model)):
            jobs.append(_Job(source, arabic, "proposal"))
        elif (model is not None and refresh and entry.origin == "machine" and not entry.reviewed_by
              and entry.model != model):
            jobs.append(_Job(source, arabic, "refresh"))
    return jobs


def _prepare(job: _Job, engine: ArgosEngine, names) -> None:
    """Sentences, names protected, each cut into pieces the model takes whole."""
    for sentence in split_sentences(job.arabic):
        text, mapping = protect(sentence, names)
        job.sentences.append(sentence)
        job.protected.append((split_long(text, engine.fits), mapping))


def _file(job: _Job, english: str, truncated: bool, engine: ArgosEngine, memory: TranslationMemory, left: list,
          summary: Summary, today: str) -> None:
    """Put one finished segment into its memory, flagged where the output looks cut off."""
    machine = {"en": english, "engine": engine.name, "model": engine.model, "date": today,
               "truncated": True if truncated else None}
    summary.truncated += truncated
    if job.kind == "proposal":
        merge.add_proposal(memory, job.arabic, machine)
        summary.proposals += 1
        return
    if job.kind == "refresh":
        merge.replace_machine(memory, job.arabic, machine)
        summary.refreshed += 1
        return
    summary.translated += 1
    merge.add_machine(memory, job.arabic, machine, left)


def _looks_cut(arabic: str, output: Output) -> bool:
    """Whether an output may be incomplete: it reached the engine's limits, or it is much shorter
    than the Arabic it translates."""
    ar_words, en_words = len(arabic.split()), len(output.text.split())
    return output.hit_limit or (ar_words >= MIN_WORDS_TO_JUDGE and en_words < MIN_WORD_RATIO * ar_words)


def _save(memory: TranslationMemory, source: Source, left: list) -> None:
    merge.finish(memory, source, left)
    memory.save()


def _save_all(sources: list[Source], corpus: Corpus, left: dict) -> None:
    """Save the memories of ``sources``; one edited by hand meanwhile is not overwritten (its error is
    raised once the others are saved)."""
    refused = []
    with _ctrl_c_held():
        for source in sources:
            try:
                _save(corpus.memories[source.id], source, left[source.id])
            except ArchiveError as e:
                refused.append(e)
    if refused:
        raise refused[0]


@contextmanager
def _ctrl_c_held():
    """Ctrl-C while memories are written takes effect once they are written: the closing save runs
    in a ``finally`` and is not retried, and a memory of thousands of entries takes a second or more
    to write (a Ctrl-C then lost a whole run). Only the main thread handles signals."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pressed = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: pressed.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if pressed:
            signal.raise_signal(signal.SIGINT)  # to whatever handled Ctrl-C before (it may ignore it)


def _chosen(corpus: Corpus, only: list[str] | None) -> list[Source]:
    return [s for s in corpus.sources if only is None or s.id in only]


def _current_entries(memory: TranslationMemory, source: Source):
    return [e for e in (memory.get(segment_key(s)) for s in dict.fromkeys(source.segments)) if e]


def _count_outdated(corpus: Corpus, chosen: list[Source]) -> int:
    return sum(1 for s in chosen for e in _current_entries(corpus.memories[s.id], s) if e.translates_earlier)
