"""The signatory list of a statement: the list items after a line that introduces them
("المنظمات الموقعة بحسب الترتيب الأبجدي:", "الموقعون:", "الجهات الموقعة:" ...)."""
from __future__ import annotations

import re

from ..sources import Paragraph
from ..normalize import normalize

# Normalised words that announce a list of signatories.
_HEADING = re.compile(r"(الموقعه|الموقعين|الموقعون|الموقعات|قائمه الموقعين)")


def signatory_paragraphs(paragraphs: tuple[Paragraph, ...]) -> tuple[Paragraph | None, list[Paragraph]]:
    """(the heading paragraph, the list items it introduces); (None, []) when there is no list."""
    for i, p in enumerate(paragraphs):
        if not p.list_item and p.text.rstrip().endswith(":") and _HEADING.search(normalize(p.text)):
            items = []
            for following in paragraphs[i + 1:]:
                if not following.list_item:
                    break
                items.append(following)
            if items:
                return p, items
    return None, []
