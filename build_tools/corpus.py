"""Everything the pages are made from, loaded and checked once: the sources,
their translation memories, the registry, and what was extracted from each
source, with the cross-indexes the index pages need (who signed what, who is
named where, who is asked what)."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .cache import ExtractionCache, JsonStore, extraction_from_json, extraction_to_json
from .extract import Demand, Extraction, dismissed_names, extract
from .extract.dates_in_text import DateMention
from .extract.mentions import Mention
from . import parallel
from .memory import TranslationMemory, load_memory
from .project import Project
from .registry import Registry, load_registry
from .sources import Paragraph, Source, load_sources


@dataclass
class Corpus:
    sources: list[Source]  # oldest first
    memories: dict[str, TranslationMemory]
    registry: Registry
    extractions: dict[str, Extraction]
    signed: dict[str, list[Source]] = field(default_factory=lambda: defaultdict(list))
    # actor id -> [(source, paragraph, the mentions in that paragraph)], in document order
    mentions: dict[str, list[tuple[Source, Paragraph, list[Mention]]]] = field(
        default_factory=lambda: defaultdict(list))
    demands_to: dict[str, list[tuple[Source, Demand]]] = field(default_factory=lambda: defaultdict(list))
    dates: list[tuple[Source, DateMention]] = field(default_factory=list)

    def __post_init__(self):
        for source in self.sources:
            found = self.extractions.get(source.id)
            if found is None:  # loaded without extraction (load_corpus)
                continue
            for org in found.organisation_ids:
                self.signed[org].append(source)
            for mention in found.mentions:
                places = self.mentions[mention.actor_id]
                if places and places[-1][0] is source and places[-1][1] is mention.paragraph:
                    places[-1][2].append(mention)
                else:
                    places.append((source, mention.paragraph, [mention]))
            for demand in found.demands:
                for actor in demand.addressees:
                    self.demands_to[actor].append((source, demand))
            self.dates += [(source, d) for d in found.dates]
        self.dates.sort(key=lambda sd: (sd[1].date.sort_key(), sd[0].id, sd[1].paragraph.number))


def load_corpus(project: Project, cached: bool = False, extracted: bool = True) -> Corpus:
    """Raises ArchiveError, naming the file, on the first bad source, memory or registry entry.

    With ``cached``, what extraction found in a source is taken from build/cache/ when
    neither the source nor the registry nor the code changed since (cache.py), and so is
    a translation memory already checked in its present form. Without ``extracted``, the
    corpus holds no extractions: the sources, memories and registry are all translation
    needs, and extracting was a sixth of a ``translate`` run on the seeds."""
    sources = load_sources(project)
    registry = load_registry(project)
    dismissed = dismissed_names(project)
    cache = ExtractionCache(project) if cached else None
    checked = JsonStore(project, "memory", list) if cached else None

    def one(source: Source):
        """What extraction found (as the cache's JSON) and the checked memory of ``source``."""
        if not extracted:
            return None, load_memory(project, source.folder, source.id, checked)
        found = cache.get(source) if cache else None
        if found is None:
            found = extraction_to_json(extract(project, source, registry, dismissed))
            if cache:
                cache.put(source, found)
        return found, load_memory(project, source.folder, source.id, checked)

    # Each source is independent and extraction is the longest step of a first build: when
    # many sources need it, share them among the cores (parallel.py; reading cached entries
    # is faster here than sending them back from workers). Extractions come back as JSON and
    # are attached here to this process's own paragraph objects.
    to_extract = [s for s in sources if extracted and not (cache and cache.has(s))]
    workers = 2 if len(to_extract) >= parallel.WORTH_FORKING else 1  # (capped at the cores)
    extractions, memories = {}, {}
    for source, (found, memory) in zip(sources, parallel.in_order(one, sources, workers, chunk=4)):
        if extracted:
            extractions[source.id] = _attach(found, source, cache,
                                             lambda: extract(project, source, registry, dismissed))
        memories[source.id] = memory
    return Corpus(sources=sources, memories=memories, registry=registry, extractions=extractions)


def _attach(found, source: Source, cache: ExtractionCache | None, extract_again) -> Extraction:
    """The extraction of ``source`` from its JSON; a cache entry that does not fit (damaged
    by hand) is made again."""
    try:
        return extraction_from_json(found, source)
    except (ValueError, KeyError, TypeError, IndexError, AttributeError):
        again = extract_again()
        if cache:
            cache.put(source, extraction_to_json(again))
        return again
