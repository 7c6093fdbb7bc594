"""The name authority: signatory organisations and actors (data/organisations.yml,
data/actors.yml), and the matcher that finds their names in Arabic text.

Entries are data a maintainer reviews; this module only checks them and
indexes their names. Matching works on normalised tokens
(normalize.py), so one alias covers its diacritic, hamza, ta marbuta, -ia
(سورية/سوريا), accusative (قسداً) and prefixed spellings, and a place after an
attached ب also written with في or ل (بدمشق / في دمشق / لدمشق); people's names also their غ/ج/ك
transliterations and one to three middle names (إبراهيم خليل الهفل for إبراهيم الهفل),
and collective names (tribes, armed groups) their indefinite form (العشائر/عشائر).

Two rules keep aliases from matching what is not a name (checked on load):
- an alias is never shared by two entries;
- an alias that is a common word, i.e. one definite word (النظام "the system",
  التحالف "the alliance") or only stop words (the arabic-stopwords list), must
  name a context rule (``{name: النظام, context: unqualified}``) saying when it
  means the actor, or be declared a proper name (``context: proper-name``);
  one stop word alone never can, several only as a declared proper name (a Latin
  acronym spelt out: «بي كي كي»). The rules are in CONTEXT_RULES.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .errors import ArchiveError
from .normalize import (DEFINITE, foreign_form, indefinite, is_indefinite_adjective, is_qualifier, is_stop_word,
                        name_form, name_tokens, normalize, nisba_stem, place_stem, prefixed_forms, prepare, skip_letters,
                        tokenize, without_case_ending)
from .project import ID_PATTERN, Project
from .sources import Localized
from .files import MAX_DATA_BYTES, load_with_lines, read_text
from .untrusted import has_visible_text, url_problem

EN_SOURCES = ("organisation", "maintainers")
# When a one-definite-word alias means the actor. "unqualified": only when no definite
# word follows and qualifies it: النظام is the regime in "قوات النظام", "النظام والميليشيات",
# but not in "النظام الداخلي" (internal rules) or "النظام العام" (public order).
# "proper-name": always; the maintainer states it is no common word (اليونيسف).
CONTEXT_RULES = {"unqualified", "proper-name"}
# Actor types whose names are collective nouns, matched definite or not (العشائر, عشائر).
TRIBE_TYPE = "tribe"
COLLECTIVE_TYPES = {TRIBE_TYPE, "armed-group"}
PERSON_TYPE = "person"
_NAME_LINKS = {"بن", "ابن", "بنت", "عبد", "ابو", "ابي", "ابا", "ال"}  # words that bind the next into the name
MAX_MIDDLE_NAMES = 3  # a father's, a grandfather's and a great-grandfather's name between given and family names
PLACE_TYPE = "place"  # place names are written with or without the article (ذيبان, الذيبان)



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
    contexts: tuple[tuple[str, str], ...] = ()  # (alias, context rule) for common-word aliases
    adjectives: tuple[str, ...] = ()  # relative adjectives naming it (أمريكي), besides those formed on its name
    seat: str | None = None  # governments: the place (actor id) whose name stands for them (حكومة دمشق)
    armed_force: str | None = None  # governments: the actor named by "قوات/جيش ... + adjective" (القوات الأمريكية)

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


class _Names:
    """Alias keys (tuples of token forms) and all their prefixes, so a scan from one
    token stops as soon as no alias can continue: each start costs at most the longest alias."""

    def __init__(self, fold):
        self.fold = fold
        self.entries: dict[tuple[str, ...], list[tuple[str, str | None]]] = defaultdict(list)
        self.prefixes: set[tuple[str, ...]] = set()

    def add(self, tokens: tuple[str, ...], entity_id: str, context: str | None) -> None:
        key = tuple(self.fold(t) for t in tokens)
        if (entity_id, context) not in self.entries[key]:
            self.entries[key].append((entity_id, context))
        self.prefixes.update(key[:n] for n in range(1, len(key) + 1))

    def scan(self, first: str, rest: list[str], i: int):
        """(entity id, context rule, index of the last token, the alias's last word) of every
        alias starting with ``first`` followed by rest[i+1:]."""
        key, j = (self.fold(first),), i
        while key in self.prefixes:
            for entity_id, context in self.entries.get(key, ()):
                yield entity_id, context, j, key[-1]
            j += 1
            if j >= len(rest):
                return
            key += (self.fold(rest[j]),)


_RECENT_TEXTS = 64  # paragraphs whose matches a NameMatcher keeps


class NameMatcher:
    """Finds registry names in text: every occurrence, in one pass over the tokens.

    At each token, the aliases starting there are followed through a prefix set (no
    pairwise comparison of matches); a shorter alias inside a longer one of the same
    entity ("قسد" in "مليشيا قسد") is one mention, while different entities may nest
    ("دير الزور" in "مجلس دير الزور العسكري")."""

    def __init__(self, entities: dict[str, Entity]):
        self.entities = entities
        # The words of each entity's own names: they never make it "qualified" (القبائل العربية).
        self._own_words = {e.id: {name_form(t) for n in e.names for t in name_tokens(n)} for e in entities.values()}
        # The nouns heading a group's name ("قبيلة" of قبيلة العكيدات): after a common word, its genitive
        # names that group ("عشائر قبيلة العكيدات", the clans of al-Akidat), not the common word's actor.
        self._group_heads: dict[str, set[str]] = defaultdict(set)
        for e in entities.values():
            for n in e.names if e.type in COLLECTIVE_TYPES else ():
                if len(words := name_tokens(n)) > 1:
                    self._group_heads[indefinite(name_form(words[0]))].add(e.id)
        self._recent: dict[str, list[Match]] = {}  # text -> its matches (find)
        self._tables = (_Names(lambda t: t), _Names(foreign_form))  # everyone; people's transliterations
        for entity in entities.values():
            contexts = dict(entity.contexts)
            for name in entity.names:
                tokens = tuple(name_form(t) for t in name_tokens(name))
                if not tokens:
                    continue
                self._tables[0].add(tokens, entity.id, contexts.get(name))
                if entity.type == PERSON_TYPE:
                    self._tables[1].add(tokens, entity.id, contexts.get(name))
                    if (short := _without_middle_names(tokens)) != tokens:  # تركي ضاري الخلف -> تركي الخلف
                        self._tables[1].add(short, entity.id, contexts.get(name))
                if entity.type in COLLECTIVE_TYPES and all(t.startswith(DEFINITE) for t in tokens):
                    self._tables[0].add(tuple(indefinite(t) for t in tokens), entity.id, contexts.get(name))
                if entity.type == PLACE_TYPE and not tokens[0].startswith(DEFINITE):  # ذيبان, الذيبان
                    self._tables[0].add((DEFINITE + tokens[0], *tokens[1:]), entity.id, contexts.get(name))
                for located in _located_forms(tokens):  # السفارة الأمريكية بدمشق / في دمشق / لدمشق
                    self._tables[0].add(located, entity.id, contexts.get(name))

    @cached_property
    def adjectives(self) -> dict[str, str]:
        """Stem of a relative adjective -> the government it names (ترك -> turkey, امريك -> united-states)."""
        stems = {}
        for entity in self.entities.values():
            if entity.type != "government":
                continue
            tokens = name_tokens(entity.ar)
            if len(tokens) == 1:
                stems.setdefault(place_stem(tokens[0]), entity.id)
            for adjective in entity.adjectives:
                stems.setdefault(nisba_stem(name_tokens(adjective)[0]), entity.id)
        return stems

    @cached_property
    def seats(self) -> dict[str, str]:
        """Place id -> the government its name stands for after a noun of agency (damascus -> syrian-government)."""
        return {e.seat: e.id for e in self.entities.values() if e.seat}

    def find(self, text: str) -> list[Match]:
        """Every registry name in ``text``. The last few texts' answers are kept: extraction asks for
        each paragraph twice (its actors' mentions, then what is not yet in the registry)."""
        found = self._recent.get(text)
        if found is None:
            found = self._recent[text] = self._find(text)
            if len(self._recent) > _RECENT_TEXTS:
                del self._recent[next(iter(self._recent))]  # the oldest
        return list(found)

    def _find(self, text: str) -> list[Match]:
        prepared = prepare(text)
        written, tokens = [], []
        for t in tokenize(text):
            written.append(prepared[t.start:t.end])
            norm = without_case_ending(written[-1], t.norm)
            tokens.append(t if norm == t.norm else t._replace(norm=norm))
        forms = [name_form(t.norm) for t in tokens]
        found: list[Match] = []
        covered: dict[str, int] = {}  # entity id -> index of the last token of its last match
        for i, token in enumerate(tokens):
            longest: dict[str, tuple[int, int]] = {}  # entity id -> (last token, prefix letters)
            for entity_id, j, prefix in self._with_middle_names(tokens, forms, prepared, i):
                longest[entity_id] = (j, prefix)
            for form, prefix in prefixed_forms(token.norm).items():
                form = name_form(form)
                for table in self._tables:
                    for entity_id, context, j, word in table.scan(form, forms, i):
                        if context and not self._context_allows(context, entity_id, word, written, forms, j):
                            continue
                        if j > longest.get(entity_id, (-1, 0))[0]:
                            longest[entity_id] = (j, prefix)
            for entity_id, (j, prefix) in longest.items():
                if covered.get(entity_id, -1) >= j:
                    continue  # inside a longer mention of the same entity
                covered[entity_id] = j
                start = token.start + skip_letters(prepared[token.start:token.end], prefix)
                found.append(Match(entity_id, start, tokens[j].end))
        return sorted(found, key=lambda m: (m.start, m.end))

    @cached_property
    def _given_names(self) -> dict[str, list[tuple[tuple[str, ...], str]]]:
        """A person's first name (transliteration form) -> (the rest of the name, entity id), for
        names of two words or more."""
        index = defaultdict(list)
        for entity in self.entities.values():
            if entity.type == PERSON_TYPE:
                for name in (entity.ar, *entity.aliases):
                    words = tuple(foreign_form(t) for t in name_tokens(name))
                    if len(words) >= 2 and not is_stop_word(words[0]):
                        index[words[0]].append((words[1:], entity.id))
        return index

    def _with_middle_names(self, tokens, forms: list[str], prepared: str, i: int):
        """(entity id, last token, prefix letters) of a person named at token ``i`` with one to three
        middle names the registry does not give: Arabic names insert the father's and grandfather's
        ("إبراهيم خليل الهفل", "إبراهيم عبود جدعان الهفل" for إبراهيم الهفل). The words between are
        name words written with nothing between them (no punctuation, no و: "أحمد وجلال الخبيل" is two
        people)."""
        for form, prefix in prefixed_forms(tokens[i].norm).items():
            for rest, entity_id in self._given_names.get(foreign_form(form), ()):
                for middle in range(1, MAX_MIDDLE_NAMES + 1):
                    last = i + middle + len(rest)
                    if last >= len(tokens) or not _middle_name(tokens[i + middle].norm):
                        break
                    if _punctuated(prepared, tokens, i, last):
                        break
                    if tuple(foreign_form(f) for f in forms[i + middle + 1:last + 1]) == rest:
                        yield entity_id, last, prefix
                        break

    def _context_allows(self, rule: str, entity_id: str, word: str, written: list[str], forms: list[str],
                        last: int) -> bool:
        """Whether a common-word alias (ending with ``word``, at token ``last``) names its actor here
        (see CONTEXT_RULES). A definite word is qualified by the definite word after it (النظام
        الداخلي); an indefinite one only by an indefinite relative adjective (عشائر كردية), as a
        definite word after it is a genitive (عشائر المنطقة, the region's tribes), unless that genitive
        heads another group's name (عشائر قبيلة العكيدات: its clans); and a word of the actor's own
        names does not make it another thing (القبائل العربية، عشائر عربية), nor does another registry
        name after it (طالبت العشائر التحالف الدولي)."""
        if rule == "proper-name" or last + 1 >= len(forms):
            return True
        own = self._own_words[entity_id]
        if not word.startswith(DEFINITE):
            following = normalize(written[last + 1])  # as written: كردية is an adjective, سوريا a genitive
            if self._group_heads.get(name_form(following), {entity_id}) - {entity_id}:
                return False  # "عشائر قبيلة العكيدات": the clans of another group
            return not is_indefinite_adjective(following) or DEFINITE + name_form(following) in own
        return not is_qualifier(written[last + 1]) or forms[last + 1] in own or self._begins_a_name(forms, last + 1)

    def _begins_a_name(self, forms: list[str], i: int) -> bool:
        """Whether another registry name (no common word) begins at token ``i``: then the definite word there
        opens a phrase of its own, as a verb's object does ("وطالبت العشائر التحالف الدولي"), and does not
        qualify the word before it."""
        return any(context is None for table in self._tables for _, context, _, _ in table.scan(forms[i], forms, i))

    def whole(self, text: str) -> str | None:
        """The entity whose name is exactly ``text`` (a signatory line), or None."""
        forms = [name_form(t.norm) for t in tokenize(text)]
        for form in prefixed_forms(forms[0]) if forms else ():
            for entity_id, _, j, _ in self._tables[0].scan(name_form(form), forms, 0):
                if j == len(forms) - 1:
                    return entity_id
        return None


def _located_forms(tokens: tuple[str, ...]) -> list[tuple[str, ...]]:
    """A name's words with a place after an attached locative ب written with في or ل instead
    ("السفارة الأمريكية بدمشق" -> "... في دمشق", "الإدارة المدنية بدير الزور" -> "... لدير الزور"):
    the same name. Never the first word; none when no word after it has that ب."""
    located = [t.startswith("ب") and len(t) > 3 for t in tokens]
    if not any(located[1:]):
        return []
    fi: list[str] = [tokens[0]]
    li: list[str] = [tokens[0]]
    for t, place in zip(tokens[1:], located[1:]):
        fi += ["في", t[1:]] if place else [t]
        li.append("ل" + t[1:] if place else t)
    return [tuple(fi), tuple(li)]


def _without_middle_names(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """A person's given and family names without the middle ones the registry gives ("تركي ضاري
    الخلف" -> "تركي الخلف"); unchanged when a middle word binds the name (بن، عبد، أبو: "محمد بن سلمان")."""
    if len(tokens) < 3 or any(t in _NAME_LINKS for t in tokens[1:-1]):
        return tokens
    return tokens[0], tokens[-1]


def _middle_name(norm: str) -> bool:
    """Whether a word may be a middle name: no function word, no digit, no attached و/ف."""
    return len(norm) >= 3 and not is_stop_word(norm) and norm[0] not in "وف" and not any(c.isdigit() for c in norm)


def _punctuated(prepared: str, tokens, first: int, last: int) -> bool:
    """Whether anything but spaces stands between tokens ``first``..``last`` (quotes around the
    whole name are outside them)."""
    return any(prepared[tokens[k].end:tokens[k + 1].start].strip() for k in range(first, last))


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
    allowed = {"id", "ar", "en", "aliases", "description", "links"} | (
        {"type", "adjectives", "seat", "armed_force"} if types else {"en_source"})
    entities: dict[str, Entity] = {}
    owners: dict[tuple[str, ...], str] = {}  # normalised name -> the entry that has it
    for item, item_node in zip(data, node.value):
        line = item_node.start_mark.line + 1

        def fail(message: str, line: int = line):
            raise ArchiveError(shown, message, line)

        def field_line(name: str) -> int:
            return next((k.start_mark.line + 1 for k, _ in getattr(item_node, "value", ()) if k.value == name), line)

        if not isinstance(item, dict):
            fail("each entry is a mapping")
        if set(item) - allowed:
            fail(f"unknown fields {sorted(set(item) - allowed)} (allowed: {', '.join(sorted(allowed))})")
        for name in ("id", "ar", "en"):
            if not isinstance(item.get(name), str) or not has_visible_text(item[name]):
                fail(f"field {name!r} must be non-empty text (with visible characters)")
        for name in ("type", "seat", "armed_force", "en_source"):
            if item.get(name) is not None and not isinstance(item[name], str):
                fail(f"field {name!r} must be text, not {type(item[name]).__name__}", field_line(name))
        if not ID_PATTERN.match(item["id"]):
            fail(f"id {item['id']!r} is not lower-case letters, digits and single hyphens")
        if item["id"] in entities:
            fail(f"duplicate id {item['id']!r}")
        if types is not None and item.get("type") is None:
            fail(f"missing field 'type' (one of {', '.join(types)})")
        if types is not None and item.get("type") not in types:
            fail(f"type {item.get('type')!r} is not one of {', '.join(types)}")
        if types is None and item.get("en_source", "maintainers") not in EN_SOURCES:
            fail(f"en_source must be one of {', '.join(EN_SOURCES)}")
        aliases, contexts = _aliases(item.get("aliases"), lambda m: fail(m, field_line("aliases")))
        adjectives = item.get("adjectives") or []
        if not isinstance(adjectives, list) or not all(isinstance(a, str) and len(name_tokens(a)) == 1
                                                       for a in adjectives):
            fail("adjectives must be a list of single words (أمريكي)", field_line("adjectives"))
        description = item.get("description")
        if description is not None and not (isinstance(description, dict) and description
                                            and set(description) <= {"ar", "en"}
                                            and all(isinstance(v, str) and has_visible_text(v) for v in description.values())):
            fail("description must be a mapping {en: text, ar: text}", field_line("description"))
        links = item.get("links") or []
        if not isinstance(links, list):
            fail(f"links must be a list of addresses (- https://...), not {links!r}", field_line("links"))
        for link in links:
            if problem := url_problem(link):
                fail(f"links: {problem}", field_line("links"))
        for name in (item["ar"], item["en"], *aliases):
            key = tuple(name_form(t) for t in name_tokens(name))
            if owners.setdefault(key, item["id"]) != item["id"]:
                fail(f"the name {name!r} is also a name of {owners[key]!r}: a name may mean one entry only",
                     field_line("aliases"))
        entities[item["id"]] = Entity(
            id=item["id"], ar=item["ar"].strip(), en=item["en"].strip(), aliases=aliases,
            type=item.get("type"), en_source=item.get("en_source", "maintainers") if types is None else None,
            description=Localized(description) if description else None,
            links=tuple(links), contexts=contexts, adjectives=tuple(adjectives),
            seat=item.get("seat"), armed_force=item.get("armed_force"))
    for item, item_node in zip(data, node.value):  # references between entries, once all are known
        for name in ("seat", "armed_force"):
            if item.get(name) is not None and item[name] not in entities:
                raise ArchiveError(shown, f"{name}: {item[name]!r} is not an id in this file",
                                   item_node.start_mark.line + 1)
    return entities


def _aliases(value, fail) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """(aliases, (alias, context rule) pairs) of an entry; a common word needs a context rule."""
    if value is None:
        return (), ()
    if not isinstance(value, list):
        fail("aliases must be a list of names")
    aliases, contexts = [], []
    for alias in value:
        context = None
        if isinstance(alias, dict):
            if set(alias) != {"name", "context"} or not isinstance(alias["context"], str) \
                    or alias["context"] not in CONTEXT_RULES:
                fail(f"an alias with a context is {{name: ..., context: {' or '.join(sorted(CONTEXT_RULES))}}}; "
                     f"got {alias!r}")
            alias, context = alias["name"], alias["context"]
        if not isinstance(alias, str) or not name_tokens(alias):
            fail(f"aliases must be a list of names; got {alias!r}")
        tokens = name_tokens(alias)
        if all(is_stop_word(t) for t in tokens) and not (len(tokens) > 1 and context == "proper-name"):
            # (a Latin acronym spelt out, "بي كي كي", is such words in a row: the maintainer says it is a name)
            fail(f"the alias {alias!r} is made of common function words only; it cannot name anything "
                 "(a name spelt with such words is written {name: ..., context: proper-name})")
        common = len(tokens) == 1 and tokens[0].startswith(DEFINITE)
        if common and context is None:
            fail(f"the alias {alias!r} is a common word; write it as {{name: {alias}, context: unqualified}} "
                 "to match it only where the context allows, or {context: proper-name} if it is no common word "
                 "(see build_tools/registry.py)")
        aliases.append(alias.strip())
        if context:
            contexts.append((alias.strip(), context))
    return tuple(aliases), tuple(contexts)
