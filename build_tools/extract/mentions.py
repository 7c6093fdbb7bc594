"""Where registry actors are named, and names the registry does not know yet.

Candidates are found by two plain heuristics, meant to be reviewed, not
trusted: a short quoted phrase (“...”, "...") and the two words after a title
(الجنرال، المبعوث، المدعو ...). Anything the registry knows, and anything a
maintainer has dismissed in data/not_names.yml, is skipped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..registry import NameMatcher
from ..sources import Paragraph
from ..normalize import prepare, tokenize

CONTEXT_CHARS = 70
_QUOTED = re.compile(r"[“\"«]([^“”\"«»\n]{2,40})[”\"»]")
_TITLE_WORDS = ("الجنرال", "المبعوث", "السفير", "الرئيس", "الشيخ", "العقيد", "اللواء", "العميد", "المدعو",
                "القيادي", "الناطق", "المتحدث")
CANDIDATE_MAX_TOKENS = 3
# Words that never belong to a name: a "name" after a title containing one is not a name.
_FUNCTION_WORDS = {"الي", "في", "من", "عن", "علي", "ان", "التي", "الذي", "مع"}


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
        text = prepare(self.paragraph.text)
        left, right = max(0, self.start - CONTEXT_CHARS), min(len(text), self.end + CONTEXT_CHARS)
        if left > 0 and (space := text.find(" ", left, self.start)) != -1:
            left = space + 1
        if right < len(text) and (space := text.rfind(" ", self.end, right)) != -1:
            right = space
        return (("…" if left > 0 else "") + text[left:self.start], text[self.start:self.end],
                text[self.end:right] + ("…" if right < len(text) else ""))


@dataclass(frozen=True)
class Candidate:
    name: str
    paragraph: Paragraph


def find_mentions(paragraphs, matcher: NameMatcher, exclude: set[str]) -> list[Mention]:
    return [Mention(m.entity_id, p, m.start, m.end)
            for p in paragraphs for m in matcher.find(p.text) if m.entity_id not in exclude]


def find_candidates(paragraphs, matchers: list[NameMatcher], dismissed: set[str]) -> list[Candidate]:
    """Possible names not in the registry; ``dismissed`` holds normalised names to skip."""
    found: dict[str, Candidate] = {}
    for p in paragraphs:
        known = [(m.start, m.end) for matcher in matchers for m in matcher.find(p.text)]
        for start, end in _quoted(p.text) + _after_titles(p.text):
            name = prepare(p.text)[start:end].strip("“”\"«» ")
            if not any(s < end and start < e for s, e in known) and name_key(name) not in dismissed:
                found.setdefault(name, Candidate(name, p))
    return list(found.values())


def name_key(name: str) -> str:
    return " ".join(t.norm for t in tokenize(name))


def _quoted(text: str) -> list[tuple[int, int]]:
    """Spans of short quoted phrases (offsets in ``prepare(text)``)."""
    return [m.span(1) for m in _QUOTED.finditer(prepare(text))
            if 1 <= len(tokenize(m.group(1))) <= CANDIDATE_MAX_TOKENS]


_TITLE_NORMS = {tokenize(w)[0].norm for w in _TITLE_WORDS}


def _after_titles(text: str) -> list[tuple[int, int]]:
    """Spans of the two words after a title word."""
    tokens = tokenize(text)
    spans = []
    for i, t in enumerate(tokens[:-1]):
        if t.norm not in _TITLE_NORMS:
            continue
        j = i + 1
        while j < len(tokens) and _is_nisba(tokens[j].norm):  # "المبعوث الألماني ...": skip the adjective
            j += 1
        following = tokens[j:j + 2]
        if following and not any(f.norm in _FUNCTION_WORDS for f in following):
            spans.append((following[0].start, following[-1].end))
    return spans


def _is_nisba(norm: str) -> bool:
    """A relative adjective such as الامريكي, الالماني (ال... ending in ي)."""
    return norm.startswith("ال") and norm.endswith("ي") and len(norm) > 4
