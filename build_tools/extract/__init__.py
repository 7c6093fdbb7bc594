"""Step 2 of the pipeline: what each source says, as data.

For every source: its signatories, its demands and their addressees, the
actors it names (paragraph by paragraph), the dates it mentions, and the names
the registry does not know yet (candidates for the maintainer). The source's
front-matter may replace the signatories or the demands and exclude false
actor matches; those corrections are checked against the registry here.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache

from ..dates import Period
from ..errors import ArchiveError
from ..project import Project
from ..registry import PERSON_TYPE, Registry
from ..sources import Paragraph, Source
from .candidates import Candidate, find_candidates, name_key
from .dates_in_text import DateMention, find_dates
from .demand_lists import demand_groups
from .mentions import Mention, find_mentions
from .number import with_group_numbers
from .gazetteers import gazetteers
from .prose_demands import feminine_names, prose_demands
from .signatories import signatory_paragraphs


@dataclass(frozen=True)
class Demand:
    paragraph: Paragraph
    addressees: tuple[str, ...]  # actor ids
    speaker: str | None = None  # actor id of a reported speaker; None: the source's authors (or unknown)
    speaker_text: str | None = None  # a reported speaker the registry does not know, as written
    asked: str | None = None  # what is asked, as written (prose demands; list items are the ask themselves)


@dataclass(frozen=True)
class Signatory:
    paragraph: Paragraph | None  # None when given in front-matter
    organisation: str | None  # registry id; None when the registry does not know the name


@dataclass(frozen=True)
class Extraction:
    source: Source
    signatories: tuple[Signatory, ...]
    demands: tuple[Demand, ...]
    mentions: tuple[Mention, ...]
    dates: tuple[DateMention, ...]
    candidates: tuple[Candidate, ...]

    @property
    def organisation_ids(self) -> list[str]:
        return [s.organisation for s in self.signatories if s.organisation]

    @property
    def unknown_signatories(self) -> list[Signatory]:
        return [s for s in self.signatories if s.organisation is None]


def extract(project: Project, source: Source, registry: Registry, dismissed: set[str]) -> Extraction:
    """What ``source`` says; ``dismissed`` are the normalised non-names of data/not_names.yml."""
    def check_ids(field: str, ids, known: dict) -> None:
        for i in ids:
            if i not in known:
                raise ArchiveError(project.relative(source.path), f"{field}: {i!r} is not in the registry",
                                   source.field_lines.get(field))

    heading, items = signatory_paragraphs(source.paragraphs)
    if source.signatories is not None:
        check_ids("signatories", source.signatories, registry.organisations)
        signatories = tuple(Signatory(None, org) for org in source.signatories)
    else:
        signatories = tuple(Signatory(p, registry.organisation_names.whole(p.text)) for p in items)

    check_ids("actors_exclude", source.actors_exclude, registry.actors)
    # Signatory lines name organisations, not actors ("معاً لأجل دير الزور" is not a mention of the city).
    listed = {p.number for p in items} | ({heading.number} if heading else set())
    text = [p for p in source.paragraphs if p.number not in listed]
    actor_names = with_group_numbers(registry.actor_names)  # groups in the singular and the plural
    mentions = tuple(find_mentions(text, actor_names, set(source.actors_exclude)))

    if source.demands is not None:
        for d in source.demands:
            check_ids("demands", d["addressees"], registry.actors)
        demands = tuple(Demand(source.paragraphs[d["paragraph"] - 1], tuple(d["addressees"]))
                        for d in source.demands)
    else:
        groups = demand_groups(source.paragraphs)
        in_lists = {g.addressed_in.number for g in groups} | {d.number for g in groups for d in g.demands}
        by_paragraph: dict[int, list] = {}
        for m in mentions:  # places are where, not who: never the one who demands or is asked
            if registry.actors[m.actor_id].type != "place":
                by_paragraph.setdefault(m.paragraph.number, []).append((m.actor_id, m.start, m.end))
        people = frozenset(i for i, e in registry.actors.items() if e.type == PERSON_TYPE)
        prose = prose_demands([p for p in text if p.number not in in_lists],
                              lambda p: by_paragraph.get(p.number, []), people, feminine_names(registry.actor_names))
        demands = tuple(sorted(
            [Demand(item, tuple(dict.fromkeys(m.entity_id for m in actor_names.find(g.addressee_text))))
             for g in groups for item in g.demands]
            + [Demand(d.paragraph, d.addressees, d.speaker, d.speaker_text, d.asked) for d in prose],
            key=lambda d: d.paragraph.number))
    return Extraction(
        source=source,
        signatories=signatories,
        demands=demands,
        mentions=mentions,
        dates=tuple(find_dates(text, source.date, archive_period(project))),
        candidates=tuple(find_candidates(text, [actor_names, registry.organisation_names], dismissed,
                                         gazetteers(project))),
    )


def dismissed_names(project: Project) -> set[str]:
    """data/not_names.yml: phrases the candidate heuristics flag that a maintainer judged not to be names."""
    names = project.load_data("not_names.yml").get("not_names", [])
    if not isinstance(names, list) or not all(isinstance(n, (str, int, float)) for n in names):
        raise ArchiveError(project.relative(project.data_dir / "not_names.yml"),
                           "needs a list 'not_names:' of phrases (- ...)")
    return {name_key(str(n)) for n in names}


def archive_period(project: Project) -> Period | None:
    """data/period.yml: the months the archive's events fall in (see dates.Period); None without the file."""
    try:
        st = os.stat(project.data_dir / "period.yml")
    except FileNotFoundError:
        return None
    return _period(project, st.st_size, st.st_mtime_ns)


@lru_cache(maxsize=8)  # read once per build (keyed by the file's size and time), not once per source
def _period(project: Project, size: int, mtime_ns: int) -> Period | None:
    try:
        return Period.parse(project.load_data("period.yml").get("period"))
    except ValueError as e:
        raise ArchiveError(project.relative(project.data_dir / "period.yml"), str(e)) from None
