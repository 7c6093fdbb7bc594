"""Our own Arabic sentence splitter: no model, no network.

Argos Translate splits sentences with models it downloads at run time, which
these machines cannot do. Sentences end at . ! ? ؟ … (and at line breaks,
which are paragraph breaks here), together with any closing quote or bracket
after them. They do not end:

- at the Arabic comma ، or the Arabic semicolon ؛, which joins clauses of one
  sentence ("... المجتمع المحلي؛ من وجهاء قبليين ..." goes on to say who);
  both are clause boundaries for ``split_long``;
- inside numbers (40.000, 27/8/2023) or after a list number ("1- ", "2. ");
- after an abbreviation: a single letter and a dot (Arabic د. م. أ., Latin
  initials as in U.S. or J. Smith) or a common English title (Dr. Mr. ...).

``split_long`` cuts a sentence that is too long for the model at clause
boundaries, preferring the one nearest the middle, and only as a last resort
between words; the pieces' translations are joined again in order.
"""
from __future__ import annotations

import re
from typing import Callable

_END = ".!?؟…"
_CLOSERS = "\"'”’»)]"
# End punctuation (a run of it), then closing quotes/brackets, then a space or the end of the text.
_BOUNDARY = re.compile(rf"[{re.escape(_END)}]+[{re.escape(_CLOSERS)}]*(?=\s|$)")
_LIST_NUMBER = re.compile(r"^\s*[\d٠-٩]{1,3}\s*[.)]$")
# The last word before a dot, when it is one letter or initials: د. م. أ. U.S. J.
_INITIALS = re.compile(r"(?:^|[\s(\"“«])(?:[^\W\d_]\.)+$")
_TITLES = re.compile(r"(?:^|\s)(?:Dr|Mr|Mrs|Ms|Prof|Gen|Col|Lt|Sgt|Capt|St|No|vs|Jr|Sr)\.$", re.IGNORECASE)
# Clause boundaries for split_long, best first: semicolons, colons, commas, then a few Arabic
# conjunctions that open a clause. Punctuation stays with the clause before it.
_CLAUSES = [re.compile(r"(?<=[؛;])\s+"), re.compile(r"(?<=:)\s+"), re.compile(r"(?<=[،,])\s+"),
            re.compile(r"\s+(?=(?:ثم|حيث|بينما|لكن|كما|إذ|وذلك|والتي|والذي)\s)"), re.compile(r"\s+")]


def split_sentences(text: str) -> list[str]:
    sentences: list[str] = []
    for line in text.splitlines():
        start = 0
        for match in _BOUNDARY.finditer(line):
            piece = line[start:match.end()]
            if _LIST_NUMBER.match(piece) or _is_abbreviation(line[:match.end()]):
                continue
            if piece.strip():
                sentences.append(piece.strip())
            start = match.end()
        if line[start:].strip():
            sentences.append(line[start:].strip())
    return sentences


def _is_abbreviation(text: str) -> bool:
    """Whether ``text`` ends with an abbreviation's dot rather than a sentence's."""
    return bool(_INITIALS.search(text) or _TITLES.search(text))


def split_long(sentence: str, fits: Callable[[str], bool]) -> list[str]:
    """``sentence`` in pieces each of which ``fits`` the model (unless a single word does not)."""
    if fits(sentence):
        return [sentence]
    for boundary in _CLAUSES:
        cuts = [m for m in boundary.finditer(sentence) if 0 < m.start() and m.end() < len(sentence)]
        if cuts:
            middle = len(sentence) / 2
            cut = min(cuts, key=lambda m: abs(m.start() - middle))
            return split_long(sentence[:cut.start()], fits) + split_long(sentence[cut.end():], fits)
    return [sentence]
