"""Our own Arabic sentence splitter: no model, no network.

Argos Translate splits sentences with models it downloads at run time, which
these machines cannot do. Sentences end at . ! ? ؟ ؛ … (and at line breaks,
which are paragraph breaks here), together with any closing quote or bracket
after them. They do not end at the Arabic comma ، , inside numbers
(40.000, 27/8/2023) or after a list number ("1- ", "2. ").
"""
from __future__ import annotations

import re

_END = ".!?؟؛…"
_CLOSERS = "\"'”’»)]"
# End punctuation (a run of it), then closing quotes/brackets, then a space or the end of the text.
_BOUNDARY = re.compile(rf"[{re.escape(_END)}]+[{re.escape(_CLOSERS)}]*(?=\s|$)")
_LIST_NUMBER = re.compile(r"^\s*[\d٠-٩]{1,3}\s*[.)]$")


def split_sentences(text: str) -> list[str]:
    sentences: list[str] = []
    for line in text.splitlines():
        start = 0
        for match in _BOUNDARY.finditer(line):
            piece = line[start:match.end()]
            if _LIST_NUMBER.match(piece):  # "1." opening a numbered item is not a sentence
                continue
            if piece.strip():
                sentences.append(piece.strip())
            start = match.end()
        if line[start:].strip():
            sentences.append(line[start:].strip())
    return sentences
