"""Checks and wrappers for text that comes from contributors and reaches readers.

One URL validator for every address that becomes a link (a source's url, its other
versions, registry links, addresses in notes), and one bidi isolation for user text
embedded in other text, so an override character in a title cannot reverse the rest
of a citation and an address cannot display as a different one.
"""
from __future__ import annotations

import unicodedata
from urllib.parse import urlsplit

MAX_URL_LENGTH = 2048
# Explicit direction marks, embeddings, overrides and isolates (Unicode bidi controls).
BIDI_CONTROLS = frozenset("\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
FSI, PDI = "\u2068", "\u2069"


def url_problem(value: object) -> str | None:
    """Why ``value`` may not be published as a link, or None when it is a plain http(s) address."""
    if not isinstance(value, str):
        return f"{value!r} is not an address (text starting with http:// or https://)"
    if len(value) > MAX_URL_LENGTH:
        return f"address longer than {MAX_URL_LENGTH} characters"
    bad = next((c for c in value if c.isspace() or c in BIDI_CONTROLS or unicodedata.category(c) in ("Cc", "Cf")),
               None)
    if bad is not None:
        return f"address {value!r} contains the invisible or control character U+{ord(bad):04X}"
    try:
        parts = urlsplit(value)
    except ValueError as e:
        return f"address {value!r} is malformed ({e})"
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return f"address {value!r} is not an http:// or https:// address"
    return None


# Letters and symbols that draw nothing: Hangul fillers, the blank Braille pattern.
BLANK_CHARACTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def has_visible_text(value: str) -> bool:
    """False for text made only of spaces, format characters (zero-width, bidi), marks and
    characters that draw nothing (BLANK_CHARACTERS)."""
    return any(unicodedata.category(c)[0] in "LNPS" and c not in BLANK_CHARACTERS for c in value)


def isolate(value: str) -> str:
    """``value`` as one directional island (FSI ... PDI) for plain text: whatever direction
    marks it holds end with it, so they cannot reorder the text around it."""
    return f"{FSI}{value}{PDI}"
