"""Everything the pages are made from, loaded and checked once: the sources,
their translation memories, the registry, and what was extracted from each
source, with the cross-indexes the index pages need (who signed what, who is
named where, who is asked what)."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
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
            found = self.extractions[source.id]
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


def load_corpus(project: Project, cached: bool = False) -> Corpus:
    """Raises ArchiveError, naming the file, on the first bad source, memory or registry entry.

    With ``cached``, what extraction found in a source is taken from build/cache/ when
    neither the source nor the registry nor the code changed since (cache.py), and so is
    a translation memory already checked in its present form."""
    sources = load_sources(project)
    registry = load_registry(project)
    dismissed = dismissed_names(project)
    cache = ExtractionCache(project) if cached else None
    checked = JsonStore(project, "memory") if cached else None
    extractions = {s.id: cache.get(s) for s in sources} if cache else {}
    missing = [s for s in sources if extractions.get(s.id) is None]
    for source, found in zip(missing, _extract_all(project, missing, registry, dismissed)):
        extractions[source.id] = found
        if cache:
            cache.put(source, found)
    return Corpus(
        sources=sources,
        memories={s.id: load_memory(project, s.folder, s.id, checked) for s in sources},
        registry=registry,
        extractions={s.id: extractions[s.id] for s in sources},
    )


def _extract_all(project: Project, sources: list[Source], registry: Registry,
                 dismissed: set[str]) -> Iterator[Extraction]:
    """What each source says, in order. Extraction is the longest step of loading and each
    source is independent, so many sources are shared among the cores (parallel.py); the
    results come back as the cache's JSON and are re-attached to this process's own
    paragraph objects."""
    def one(source: Source):
        return extraction_to_json(extract(project, source, registry, dismissed))

    workers = len(sources) // parallel.WORTH_FORKING + 1  # 2 from WORTH_FORKING sources (capped at the cores)
    for source, found in zip(sources, parallel.in_order(one, sources, workers, chunk=4)):
        yield extraction_from_json(found, source)
