"""Keep registry names out of the model's hands.

Before translation, every name the registry knows is replaced by a
placeholder the model should copy through (QAQ, QBQ, ...); after translation
the placeholders become the names' canonical English forms. A sentence whose
output lost a placeholder is reported so that the caller can translate it
again unprotected rather than publish a broken sentence.
"""
from __future__ import annotations

import re
import string

from ..normalize import prepare
from ..registry import Entity, NameMatcher

_PLACEHOLDER = re.compile(r"Q([A-Z]{1,2})Q")


def _placeholder(n: int) -> str:
    letters = string.ascii_uppercase
    return "Q" + (letters[n] if n < 26 else letters[n // 26 - 1] + letters[n % 26]) + "Q"


def protect(sentence: str, matchers: list[tuple[NameMatcher, dict[str, Entity]]]) -> tuple[str, dict[str, str]]:
    """(sentence with names replaced, {placeholder: English name})."""
    text = prepare(sentence)
    spans = sorted({(m.start, m.end, entities[m.entity_id].en)
                    for matcher, entities in matchers for m in matcher.find(sentence)},
                   key=lambda span: (span[0], -span[1]))
    chosen, last_end = [], 0
    for start, end, english in spans:  # outermost first: a name nested in another goes with it
        if start >= last_end:
            chosen.append((start, end, english))
            last_end = end
    mapping: dict[str, str] = {}
    out, cursor = [], 0
    for start, end, english in chosen:
        placeholder = _placeholder(len(mapping))
        mapping[placeholder] = english
        out += [text[cursor:start], placeholder]
        cursor = end
    out.append(text[cursor:])
    return "".join(out), mapping


def restore(translation: str, mapping: dict[str, str]) -> str | None:
    """The translation with placeholders replaced by names; None if the model lost or invented one."""
    found = _PLACEHOLDER.findall(translation)
    if sorted(f"Q{f}Q" for f in found) != sorted(mapping):
        return None
    return _PLACEHOLDER.sub(lambda m: mapping[m.group(0)], translation)
