"""Addresses written inside free text (a note, a date note) become links. Left as text,
an address inside Arabic is reordered by the bidi algorithm ("(/https://..." in a
right-to-left paragraph); as a left-to-right isolated link it reads as written and can be
followed. Everything else stays escaped text."""
from __future__ import annotations

import re

from markupsafe import Markup, escape

_URL = re.compile(r"https?://[^\s()<>\"'«»،]+[^\s()<>\"'«»،.,;:!?؟]")


def linkify(text: str) -> Markup:
    """``text`` escaped, with each http(s) address a link isolated left to right."""
    parts, last = [], 0
    for match in _URL.finditer(text):
        parts.append(escape(text[last:match.start()]))
        url = escape(match.group(0))
        parts.append(Markup(f'<a href="{url}" dir="ltr" rel="nofollow noopener">{url}</a>'))
        last = match.end()
    parts.append(escape(text[last:]))
    return Markup("").join(parts)
