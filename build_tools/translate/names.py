"""Keep registry names out of the model's hands.

Before translation, every name the registry knows is replaced by a
placeholder the model should copy through (QAQ, QBQ, ...); after translation
the placeholders become the names' English forms. A sentence whose output
lost a placeholder is reported so that the caller can translate it again
unprotected rather than publish a broken sentence.

- A placeholder is always a word of its own: an attached Arabic prefix
  (و ف ب ك ل, لـ with tatweel, or several: ول، فب) is kept and separated from
  it by a space ("ولقسد" -> "ول QAQ"), as a prefix glued to Latin letters is
  a token sequence the model has never seen and mangles.
- Quotes are never swallowed: a quote inside a matched name ("تنظيم “داعش”")
  moves outside the placeholder, so the text keeps every quote it had.
- Restored names read like English prose: the full display name at the first
  mention in a paragraph ("Syrian Democratic Forces (SDF)"), then its short
  form (the part in brackets: "SDF").
"""
from __future__ import annotations

import re
import string
from typing import NamedTuple

from ..normalize import prepare
from ..registry import Entity, NameMatcher

_PLACEHOLDER = re.compile(r"Q([A-Z]{1,2})Q")
_QUOTE_PAIRS = [("“", "”"), ("«", "»"), ("‘", "’"), ('"', '"'), ("'", "'")]
_SHORT = re.compile(r"\(([^()]+)\)\s*$")


class Name(NamedTuple):
    entity_id: str
    full: str
    short: str


def name_of(entity: Entity) -> Name:
    """An entity's English forms: the display name, and the part in brackets as its short form."""
    short = _SHORT.search(entity.en)
    return Name(entity.id, entity.en, short.group(1).strip() if short else entity.en)


def _placeholder(n: int) -> str:
    letters = string.ascii_uppercase
    return "Q" + (letters[n] if n < 26 else letters[n // 26 - 1] + letters[n % 26]) + "Q"


def protect(sentence: str, matchers: list[tuple[NameMatcher, dict[str, Entity]]]) -> tuple[str, dict[str, Name]]:
    """(sentence with names replaced, {placeholder: Name})."""
    text = prepare(sentence)
    spans = sorted({(m.start, m.end, m.entity_id, id(entities))
                    for matcher, entities in matchers for m in matcher.find(sentence)},
                   key=lambda span: (span[0], -span[1]))
    by_table = {id(entities): entities for _, entities in matchers}
    mapping: dict[str, Name] = {}
    out, cursor = [], 0
    for start, end, entity_id, table in spans:  # outermost first: a name nested in another goes with it
        if start < cursor:
            continue
        placeholder = _placeholder(len(mapping))
        mapping[placeholder] = name_of(by_table[table][entity_id])
        before, after = _quotes_outside(text[start:end])
        out += [text[cursor:start], _spaced(text[cursor:start], before + placeholder + after, text[end:end + 1])]
        cursor = end
    out.append(text[cursor:])
    return "".join(out), mapping


def _quotes_outside(span: str) -> tuple[str, str]:
    """The quotes of a matched name that must stay in the text: unpaired opening ones go before
    the placeholder, unpaired closing ones after; a pair inside the name goes with it. A match
    ends with a word, so an unpaired straight quote inside it opens a quotation."""
    before, after = [], []
    for opening, closing in _QUOTE_PAIRS:
        unpaired = span.count(opening) - span.count(closing)
        if opening == closing:
            before += [opening] * (span.count(opening) % 2)
        elif unpaired > 0:
            before += [opening] * unpaired
        elif unpaired < 0:
            after += [closing] * -unpaired
    return "".join(before), "".join(after)


def _spaced(preceding: str, replacement: str, following: str) -> str:
    """``replacement`` set apart from letters glued to it (an Arabic prefix before, a suffix after)."""
    lead = " " if preceding[-1:].isalpha() or preceding.endswith("\u0640") else ""
    trail = " " if following.isalpha() else ""
    return lead + replacement + trail


def restore_paragraph(sentences: list[tuple[str, dict[str, Name]]]) -> list[str | None]:
    """Each translated sentence with its placeholders replaced by names, in order through the
    paragraph: a name's first mention in full, later ones short. None for a sentence whose output
    lost or invented a placeholder (the caller translates it again unprotected)."""
    seen: set[str] = set()
    restored: list[str | None] = []
    for translation, mapping in sentences:
        if sorted(_PLACEHOLDER.findall(translation)) != sorted(p[1:-1] for p in mapping):
            restored.append(None)
            continue

        def name(match: re.Match) -> str:
            found = mapping[match.group(0)]
            first = found.entity_id not in seen
            seen.add(found.entity_id)
            return found.full if first else found.short
        restored.append(_PLACEHOLDER.sub(name, translation))
    return restored
