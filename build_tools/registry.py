"""The name authority: signatory organisations and actors (data/organisations.yml,
data/actors.yml), and the matcher that finds their names in Arabic text.

Entries are data a maintainer reviews; this module only checks them and
indexes their names. Matching works on normalised tokens
(normalize.py), so one alias covers its diacritic, hamza, ta marbuta
and prefixed spellings.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path


from .errors import ArchiveError
from .normalize import name_tokens, prefixed_forms, prepare, skip_letters, tokenize
from .project import Project
from .sources import ID_PATTERN, Localized
from .files import MAX_DATA_BYTES, load_with_lines, read_text

EN_SOURCES = ("organisation", "maintainers")


@dataclass(frozen=True)
class Entity:
    id: str
    ar: str
    en: str
    aliases: tuple[str, ...]
    type: str | None = None  # actors only
    en_source: str | None = None  # organisations only
    description: Localized | None = None
    links: tuple[str, ...] = ()

    def name(self, lang: str) -> str:
        return self.ar if lang == "ar" else self.en

    @property
    def names(self) -> tuple[str, ...]:
        return (self.ar, self.en, *self.aliases)


@dataclass(frozen=True)
class Match:
    entity_id: str
    start: int  # character offsets in normalize.prepare(text), after any attached و ف ب ل ك
    end: int


class NameMatcher:
    """Finds registry names in text: every occurrence, longest alias first."""

    def __init__(self, entities: dict[str, Entity]):
        self._by_first: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
        for entity in entities.values():
            for name in entity.names:
                tokens = name_tokens(name)
                if tokens:
                    self._by_first[tokens[0]].append((tokens, entity.id))
        for candidates in self._by_first.values():
            candidates.sort(key=lambda c: -len(c[0]))

    def find(self, text: str) -> list[Match]:
        prepared = prepare(text)
        tokens = tokenize(text)
        norms = [t.norm for t in tokens]
        found: list[Match] = []
        for i, token in enumerate(tokens):
            seen_here: set[str] = set()
            for form, prefix in prefixed_forms(token.norm).items():
                for alias, entity_id in self._by_first.get(form, ()):
                    n = len(alias)
                    if entity_id not in seen_here and tuple(norms[i + 1:i + n]) == alias[1:]:
                        seen_here.add(entity_id)
                        start = token.start + skip_letters(prepared[token.start:token.end], prefix)
                        found.append(Match(entity_id, start, tokens[i + n - 1].end))
        # A short alias inside a longer one of the same entity ("قسد" in "مليشيا قسد") is one mention;
        # different entities may nest ("دير الزور" in "مجلس دير الزور العسكري").
        return sorted((m for m in found if not any(
            o.entity_id == m.entity_id and o.start <= m.start and m.end <= o.end and o != m for o in found)),
            key=lambda m: (m.start, m.end))

    def whole(self, text: str) -> str | None:
        """The entity whose name is exactly ``text`` (a signatory line), or None."""
        norms = tuple(t.norm for t in tokenize(text))
        if not norms:
            return None
        for form in prefixed_forms(norms[0]):
            for alias, entity_id in self._by_first.get(form, ()):
                if alias[1:] == norms[1:]:
                    return entity_id
        return None


@dataclass(frozen=True)
class Registry:
    organisations: dict[str, Entity]
    actors: dict[str, Entity]
    actor_types: dict[str, dict[str, str]]

    @cached_property
    def organisation_names(self) -> NameMatcher:
        return NameMatcher(self.organisations)

    @cached_property
    def actor_names(self) -> NameMatcher:
        return NameMatcher(self.actors)


def load_registry(project: Project) -> Registry:
    types = project.load_vocabulary("actor_types.yml")
    return Registry(
        organisations=_load_entities(project, project.data_dir / "organisations.yml", types=None),
        actors=_load_entities(project, project.data_dir / "actors.yml", types=types),
        actor_types=types,
    )


def _load_entities(project: Project, path: Path, types: dict | None) -> dict[str, Entity]:
    shown = project.relative(path)
    data, node = load_with_lines(shown, read_text(shown, path, limit=MAX_DATA_BYTES, inside=project.root), "registry")
    if not isinstance(data, list):
        raise ArchiveError(shown, "the registry is a list of entries ('- id: ...')", 1)
    allowed = {"id", "ar", "en", "aliases", "description", "links"} | ({"type"} if types else {"en_source"})
    entities: dict[str, Entity] = {}
    for item, item_node in zip(data, node.value):
        line = item_node.start_mark.line + 1

        def fail(message: str, line: int = line):
            raise ArchiveError(shown, message, line)

        if not isinstance(item, dict):
            fail("each entry is a mapping")
        if set(item) - allowed:
            fail(f"unknown fields {sorted(set(item) - allowed)} (allowed: {', '.join(sorted(allowed))})")
        for name in ("id", "ar", "en"):
            if not isinstance(item.get(name), str) or not item[name].strip():
                fail(f"field {name!r} must be non-empty text")
        if not ID_PATTERN.match(item["id"]):
            fail(f"id {item['id']!r} is not lower-case letters, digits and single hyphens")
        if item["id"] in entities:
            fail(f"duplicate id {item['id']!r}")
        if types is not None and item.get("type") not in types:
            fail(f"type {item.get('type')!r} is not one of {', '.join(types)}")
        if types is None and item.get("en_source", "maintainers") not in EN_SOURCES:
            fail(f"en_source must be one of {', '.join(EN_SOURCES)}")
        aliases = item.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            fail("aliases must be a list of names")
        description = item.get("description")
        if description is not None and not (isinstance(description, dict) and description
                                            and all(isinstance(v, str) for v in description.values())):
            fail("description must be a mapping {en: ..., ar: ...}")
        entities[item["id"]] = Entity(
            id=item["id"], ar=item["ar"].strip(), en=item["en"].strip(), aliases=tuple(aliases),
            type=item.get("type"), en_source=item.get("en_source", "maintainers") if types is None else None,
            description=Localized(description) if description else None,
            links=tuple(item.get("links") or ()))
    return entities
