"""Addresses written inside free text (a note, a date note) become links. Left as text,
an address inside Arabic is reordered by the bidi algorithm ("(/https://..." in a
right-to-left paragraph); as a left-to-right isolated link it reads as written and can be
followed. Everything else stays escaped text."""
from __future__ import annotations

import re

from markupsafe import Markup, escape

from .untrusted import url_problem

_URL = re.compile(r"https?://[^\s()<>\"'«»،]+[^\s()<>\"'«»،.,;:!?؟]")


def linkify(text: str) -> Markup:
    """``text`` escaped, with each http(s) address a link isolated left to right. An address the
    one validator refuses (untrusted.url_problem: an invisible or direction character in it would
    make it display as another address) stays text, isolated so it reorders nothing around it."""
    parts, last = [], 0
    for match in _URL.finditer(text):
        parts.append(escape(text[last:match.start()]))
        url = escape(match.group(0))
        parts.append(Markup(f'<bdi dir="ltr">{url}</bdi>' if url_problem(match.group(0)) else
                            f'<a href="{url}" dir="ltr" rel="nofollow noopener">{url}</a>'))
        last = match.end()
    parts.append(escape(text[last:]))
    return Markup("").join(parts)
