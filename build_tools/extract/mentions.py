"""Where registry actors are named in a document (names the registry lacks: candidates.py).

Mentions are the registry matcher's hits (registry.py) plus what only the whole
document shows:
- a name broken across two lines ("مجلس دير" / "الزور العسكري");
- short references after the full name: a person's surname ("الخبيل" after
  "أحمد الخبيل") and an institution's head noun ("المجلس" after "مجلس دير الزور
  العسكري"), resolved to the latest full mention before them;
- a government named by its relative adjective after a noun of agency
  ("المحتل التركي"), when nothing longer names it there; after a military noun
  ("القوات الأمريكية") it is the government's armed force when the registry has one;
- a government named by its seat (metonymy): after a noun of government or of armed
  force ("حكومة دمشق", "السلطة في دمشق", "قوات دمشق"), as the subject of a verb of saying
  or demanding ("دعت واشنطن", "واشنطن تدعو") and after a word of allegiance ("الموالي
  لدمشق", "المدعومة من واشنطن"): the place's mention becomes the government's. Elsewhere
  ("وصل إلى دمشق", "دعم دمشق للقبائل") the city stays a place: the context must say so.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from ..normalize import (DEFINITE, Token, has_article, indefinite, is_qualifier, is_stop_word, name_form, nisba_stem,
                         prefixed_forms, prepare, skip_letters, tokenize)
from ..registry import PERSON_TYPE, TRIBE_TYPE, Match, NameMatcher
from ..sources import Paragraph
from .lexicon import may_be_given_name
from .vocabulary import (AGENT_NOUNS, ALLEGIANCE, FORCE_NOUNS, GOVERNING_NOUNS, MILITARY_NOUNS, SEAT_VERBS,
                         TITLES, VILLAGE_WORDS, is_role_noun, without_conjunction)

CONTEXT_CHARS = 70
MAX_NAME_TOKENS = 4  # the longest name, in words
# Actor types that short references (surname, head noun) may point back to; places and
# governments are named in full or by their own aliases.
_NO_SHORT_REFERENCE = {"place", "government"}
_SENTENCE_END = re.compile(r"[.!?؟؛:]\s*$")


@dataclass(frozen=True)
class Mention:
    actor_id: str
    paragraph: Paragraph
    start: int
    end: int

    @property
    def matched(self) -> str:
        return prepare(self.paragraph.text)[self.start:self.end]

    @property
    def context(self) -> tuple[str, str, str]:
        """(words before, the name as written, words after), cut at word boundaries, … where cut."""
        return context_of(self.paragraph.text, self.start, self.end)


def context_of(text: str, start: int, end: int) -> tuple[str, str, str]:
    text = prepare(text)
    left, right = max(0, start - CONTEXT_CHARS), min(len(text), end + CONTEXT_CHARS)
    if left > 0 and (space := text.find(" ", left, start)) != -1:
        left = space + 1
    if right < len(text) and (space := text.rfind(" ", end, right)) != -1:
        right = space
    return (("…" if left > 0 else "") + text[left:start], text[start:end],
            text[end:right] + ("…" if right < len(text) else ""))


def find_mentions(paragraphs, matcher: NameMatcher, exclude: set[str]) -> list[Mention]:
    """Every mention of a registry actor in the document, in reading order; linear in its length."""
    mentions: list[Mention] = []
    latest: dict[str, str] = {}  # short form -> the actor whose full name was seen last
    previous: tuple[Paragraph, list[Token]] | None = None
    for p in paragraphs:
        text = _Text(p.text)
        matches = matcher.find(p.text)
        if previous is not None:
            mentions += _across_lines(previous, p, text.tokens, matcher, matches)
        matches = _seats(text, [m for m in _longest_at_each_start(matches) if not _village(text, m, matcher)], matcher)
        covered, ends = text.cover(matches)
        matches += _adjectival(text, covered, matcher)
        matches += _short_references(text, covered, ends, matcher, latest)
        mentions += [Mention(m.entity_id, p, m.start, m.end) for m in sorted(matches, key=lambda m: (m.start, m.end))]
        previous = (p, text.tokens)
    return [m for m in mentions if m.actor_id not in exclude]


class _Text:
    """A paragraph prepared once: its tokens, and which of them the matcher's hits cover."""

    def __init__(self, text: str):
        self.prepared = prepare(text)
        self.tokens = tokenize(text)
        self.starts = [t.start for t in self.tokens]

    def cover(self, matches: list[Match]) -> tuple[list[bool], dict[int, list[str]]]:
        """(token i lies in a match, {index of a match's last token: its actors}), in one pass."""
        covered, ends = [False] * len(self.tokens), {}
        for m in matches:
            first, last = bisect_right(self.starts, m.start) - 1, bisect_left(self.starts, m.end) - 1
            for i in range(max(first, 0), last + 1):
                covered[i] = True
            ends.setdefault(last, []).append(m.entity_id)
        return covered, ends

    def span(self, i: int, taken: int, last: int) -> tuple[int, int]:
        """Offsets from token ``i`` (after ``taken`` prefix letters) to the end of token ``last``."""
        token = self.tokens[i]
        return token.start + skip_letters(self.prepared[token.start:token.end], taken), self.tokens[last].end

    def after_title(self, i: int) -> bool:
        """Right after a title ("الشيخ الهفل", "اللواء “فويل”")."""
        return i > 0 and not self.prepared[self.tokens[i - 1].end:self.tokens[i].start].strip(" “”\"«»") \
            and without_conjunction(self.tokens[i - 1].norm) in TITLES

    def after_given_name(self, i: int) -> bool:
        """Right after a word that may be a given name: a surname there is another person of the family
        ("مصعب الهفل" after "إبراهيم الهفل")."""
        return i > 0 and not self.prepared[self.tokens[i - 1].end:self.tokens[i].start].strip() \
            and may_be_given_name(self.tokens[i - 1].norm)

    def qualified(self, i: int) -> bool:
        """Followed by a definite word that qualifies it (القوات الأمريكية): then it names something else."""
        return i + 1 < len(self.tokens) and self.tokens[i + 1].norm.startswith(DEFINITE) and is_qualifier(
            self.prepared[self.tokens[i + 1].start:self.tokens[i + 1].end])


def _across_lines(previous, p: Paragraph, tokens: list[Token], matcher: NameMatcher, here: list[Match]) -> list[Mention]:
    """Names begun at the end of the previous line and finished at the start of this one."""
    before, before_tokens = previous
    if not before_tokens or not tokens or _SENTENCE_END.search(before.text):
        return []
    tail_start = before_tokens[max(0, len(before_tokens) - MAX_NAME_TOKENS)].start
    tail = prepare(before.text)[tail_start:]
    head_end = tokens[min(len(tokens), MAX_NAME_TOKENS) - 1].end
    joined = tail + " " + prepare(p.text)[:head_end]
    started_here = {m.entity_id for m in here if m.start == tokens[0].start}
    return [Mention(m.entity_id, before, tail_start + m.start, len(prepare(before.text)))
            for m in matcher.find(joined)
            if m.start < len(tail) and m.end > len(tail) + 1 and m.entity_id not in started_here]


def _longest_at_each_start(matches: list[Match]) -> list[Match]:
    """Of two names of different actors that begin at the same word, the longer: "قبائل العكيدات" is
    the al-Akidat tribe, not also the Arab tribes ("قبائل"). Names nested further in stay (the place
    in "مجلس دير الزور العسكري")."""
    longest: dict[int, int] = {}
    for m in matches:
        longest[m.start] = max(longest.get(m.start, 0), m.end)
    return [m for m in matches if m.end == longest[m.start]]


def _village(text: "_Text", match: Match, matcher: NameMatcher) -> bool:
    """Whether a tribe's name is part of a village's ("جديد عكيدات", "وجديدة البكارة": the new settlement
    of the tribe, a place on the Euphrates), not the tribe."""
    if matcher.entities[match.entity_id].type != TRIBE_TYPE:
        return False
    first = bisect_right(text.starts, match.start) - 1  # the token the name begins in
    if first < 1:
        return False
    before = text.tokens[first - 1]
    return without_conjunction(before.norm) in VILLAGE_WORDS and not text.prepared[before.end:match.start].strip()


def _bare(token: Token) -> list[tuple[str, int]]:
    """(matching form, prefix letters) of a token and of it without attached و ف ب ل ك. For names
    only: a word of our vocabularies is compared as normalised ("الخارجية" is no "-ia" name)."""
    return [(name_form(form), taken) for form, taken in prefixed_forms(token.norm).items()]


def _adjectival(text: _Text, covered: list[bool], matcher: NameMatcher) -> list[Match]:
    """"المحتل التركي", "الخارجية الأمريكية": a noun of agency and a government's adjective, also with the
    noun's complement between them ("وزارة الدفاع الأمريكية"); not as the complement of a role ("وزير
    الخارجية الأمريكي" names a minister, not the government)."""
    found = []
    for i, token in enumerate(text.tokens[:-1]):
        if covered[i + 1] or (entity_id := matcher.adjectives.get(nisba_stem(text.tokens[i + 1].norm))) is None:
            continue
        # the noun itself, or the head of a construct (never with the article: "الطائرات الحربية" is no construct)
        construct = i and has_article(token.norm) and not has_article(without_conjunction(text.tokens[i - 1].norm))
        for head in (i, i - 1) if construct else (i,):
            if (head and is_role_noun(text.tokens[head - 1].norm)) or _apart(text, head, i):
                continue
            agent = next(((form, taken) for form, taken in prefixed_forms(text.tokens[head].norm).items()
                          if indefinite(form) in AGENT_NOUNS), None)  # vocabulary, not names: no name_form
            if agent:
                force = matcher.entities[entity_id].armed_force
                found.append(Match(force if force and indefinite(agent[0]) in MILITARY_NOUNS else entity_id,
                                   *text.span(head, agent[1], i + 1)))
                break
    return found


def _apart(text: _Text, first: int, last: int) -> bool:
    """Whether punctuation separates two tokens of a phrase."""
    return first < last and bool(text.prepared[text.tokens[first].end:text.tokens[last].start].strip())


def _seats(text: _Text, matches: list[Match], matcher: NameMatcher) -> list[Match]:
    """A seat of government standing for the government (see the module's docstring): its mention
    becomes the government's, or the government's armed force after a noun of armed force."""
    if not matcher.seats:
        return matches
    starts = [t.start for t in text.tokens]
    out = []
    for m in matches:
        government = matcher.seats.get(m.entity_id)
        first, last = bisect_right(starts, m.start) - 1, bisect_left(starts, m.end) - 1
        named = _seat_as_government(text, first, last) if government else None
        if named is None:
            out.append(m)
            continue
        start, military = named
        force = matcher.entities[government].armed_force
        out.append(Match(force if military and force else government, m.start if start is None else start, m.end))
    return out


def _seat_as_government(text: _Text, first: int, last: int) -> tuple[int | None, bool] | None:
    """For a seat's mention (tokens ``first``..``last``): (where the government's mention starts, None
    for the seat itself; whether a noun of armed force names it), or None when it is the place."""
    tokens = text.tokens
    head = first - 1
    if head >= 1 and tokens[head].norm == "في":  # "السلطة في دمشق": only after a noun of government
        head = head - 1 if _head_noun(tokens[head - 1], GOVERNING_NOUNS) is not None else -1
    if head >= 0:
        for nouns, military in ((GOVERNING_NOUNS, False), (FORCE_NOUNS, True)):
            if (taken := _head_noun(tokens[head], nouns)) is not None and (not military or head == first - 1):
                return text.span(head, taken, head)[0], military
    verb_before = first > 0 and without_conjunction(tokens[first - 1].norm) in SEAT_VERBS
    verb_after = last + 1 < len(tokens) and without_conjunction(tokens[last + 1].norm) in SEAT_VERBS
    allegiance = (first > 0 and tokens[first - 1].norm in ALLEGIANCE and tokens[first].norm.startswith("ل")) or (
        first > 1 and tokens[first - 1].norm == "من" and tokens[first - 2].norm in ALLEGIANCE)
    return (None, False) if verb_before or verb_after or allegiance else None


def _head_noun(token: Token, nouns: set[str]) -> int | None:
    """Prefix letters before ``token``'s form that is one of ``nouns`` (definite or not), or None."""
    return next((taken for form, taken in prefixed_forms(token.norm).items() if indefinite(form) in nouns), None)


def _short_forms(matcher: NameMatcher, entity_id: str) -> list[str]:
    """What the text may later call an actor it has named in full: a person's surname, an
    institution's head noun with the article (مجلس دير الزور العسكري -> المجلس)."""
    entity = matcher.entities[entity_id]
    return _short_forms_of(entity.ar, entity.type)


@lru_cache(maxsize=4096)
def _short_forms_of(name: str, entity_type: str | None) -> list[str]:
    words = [name_form(t.norm) for t in tokenize(name)]
    if len(words) < 2 or entity_type in _NO_SHORT_REFERENCE:
        return []
    if entity_type == PERSON_TYPE:
        short = words[-1]
    else:
        short = words[0] if words[0].startswith(DEFINITE) else DEFINITE + words[0]
    return [] if is_stop_word(short) or len(indefinite(short)) < 3 else [short]


@lru_cache(maxsize=8)  # once per registry
def person_surnames(matcher: NameMatcher) -> dict[str, tuple[str, ...]]:
    """The family names of the registry's people, as matching compares them ("الهفل") -> who has each."""
    owners: dict[str, tuple[str, ...]] = {}
    for entity in matcher.entities.values():
        if entity.type == PERSON_TYPE:
            for short in _short_forms_of(entity.ar, entity.type):
                owners[short] = owners.get(short, ()) + (entity.id,)
    return owners


def _short_references(text: _Text, covered: list[bool], ends: dict[int, list[str]], matcher: NameMatcher,
                      latest: dict[str, str]) -> list[Match]:
    """Short references in this paragraph; ``latest`` carries the full mentions seen so far. A title
    before a surname that one registry person has is that person even before the full name ("الشيخ
    الهفل"): a title says a person is meant, which the bare word alone does not."""
    found, owners = [], {short: ids[0] for short, ids in person_surnames(matcher).items() if len(ids) == 1}
    for i, token in enumerate(text.tokens):
        if not covered[i]:
            hit = next(((latest[form], taken) for form, taken in _bare(token) if form in latest), None)
            if hit is None and text.after_title(i):
                hit = next(((owners[form], taken) for form, taken in _bare(token) if form in owners), None)
            if hit and not text.qualified(i) and not (
                    matcher.entities[hit[0]].type == PERSON_TYPE and text.after_given_name(i)):
                found.append(Match(hit[0], *text.span(i, hit[1], i)))
        for entity_id in ends.get(i, ()):
            for short in _short_forms(matcher, entity_id):
                latest[short] = entity_id
    return found
