"""Demands of a statement and whom they address.

The form joint statements use: a line with a demand verb ending in ':'
("... وتطالب:"), then ordinal headings naming the addressees ("أولاً: قوات
سوريا الديمقراطية والتحالف الدولي:"), each followed by its demands as list
items. Without ordinal headings, the list items after the demand line are
demands addressed to whoever that line names.

Prose demands (prose_demands.py) are looked for only outside such lists.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..normalize import normalize
from ..sources import Paragraph

_DEMAND_LINE = re.compile(r"(تطالب|نطالب|يطالب|تدعو|ندعو|يدعو|تناشد|نناشد|مطالبنا|المطالب التاليه)")
_ORDINAL = re.compile(r"^\s*(اولا|ثانيا|ثالثا|رابعا|خامسا|سادسا|سابعا|ثامنا|تاسعا|عاشرا|\d+)\s*[:\-–.)]\s*")


@dataclass(frozen=True)
class DemandGroup:
    addressed_in: Paragraph  # the heading (or demand line) whose text names the addressees
    addressee_text: str  # that text without its ordinal
    demands: tuple[Paragraph, ...]


def demand_groups(paragraphs: tuple[Paragraph, ...]) -> list[DemandGroup]:
    groups: list[DemandGroup] = []
    i = 0
    while i < len(paragraphs):
        p = paragraphs[i]
        if p.list_item or not p.text.rstrip().endswith(":") or not _DEMAND_LINE.search(normalize(p.text)):
            i += 1
            continue
        heading, heading_text, items = p, p.text, []
        i += 1
        while i < len(paragraphs):
            q = paragraphs[i]
            ordinal = _ORDINAL.match(normalize(q.text))
            if q.list_item:
                items.append(q)
            elif ordinal and q.text.rstrip().endswith(":"):
                if items:
                    groups.append(DemandGroup(heading, heading_text, tuple(items)))
                heading, heading_text, items = q, _strip_ordinal(q.text), []
            else:
                break
            i += 1
        if items:
            groups.append(DemandGroup(heading, heading_text, tuple(items)))
    return groups


def _strip_ordinal(text: str) -> str:
    """The heading without "أولاً:" (matched on the normalised form, cut from the original)."""
    head, sep, rest = text.partition(":")
    return rest.strip().rstrip(":").strip() if sep and _ORDINAL.match(normalize(head) + ":") else text
