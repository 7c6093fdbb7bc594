"""Dates written in the text: "27 آب/أغسطس 2023", "1 أيلول/سبتمبر 2023",
"الـ27/8/2023م", "23/8/2023", "آذار 2019". Each becomes a PartialDate with
the paragraph it came from, for the timeline."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..dates import PartialDate
from ..sources import Paragraph

# Levantine and international month names, with the spellings the sources use.
_MONTHS = {
    1: ["كانون الثاني", "يناير"], 2: ["شباط", "فبراير"], 3: ["آذار", "اذار", "مارس"],
    4: ["نيسان", "أبريل", "ابريل"], 5: ["أيار", "ايار", "مايو"], 6: ["حزيران", "يونيو", "يونيه"],
    7: ["تموز", "يوليو", "يوليه"], 8: ["آب", "اب", "أغسطس", "اغسطس", "آغسطس"],
    9: ["أيلول", "ايلول", "سبتمبر"], 10: ["تشرين الأول", "تشرين الاول", "أكتوبر", "اكتوبر"],
    11: ["تشرين الثاني", "نوفمبر"], 12: ["كانون الأول", "كانون الاول", "ديسمبر"],
}
_MONTH_OF = {name: number for number, names in _MONTHS.items() for name in names}
_MONTH = "|".join(sorted(map(re.escape, _MONTH_OF), key=len, reverse=True))
_WORDS = re.compile(rf"(?<!\d)(?:(\d{{1,2}})\s+)?({_MONTH})(?:\s*/\s*(?:{_MONTH}))?\s+(\d{{4}})(?!\d)")
_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})/(\d{1,2})/(\d{4})(?!\d)")


@dataclass(frozen=True)
class DateMention:
    date: PartialDate
    paragraph: Paragraph
    matched: str


def find_dates(paragraphs) -> list[DateMention]:
    found = []
    for p in paragraphs:
        hits = []
        for m in _WORDS.finditer(p.text):
            day, month, year = m.group(1), _MONTH_OF[m.group(2)], m.group(3)
            hits.append((m.start(), _date(year, month, day), m.group()))
        for m in _NUMERIC.finditer(p.text):
            hits.append((m.start(), _date(m.group(3), m.group(2), m.group(1)), m.group()))
        found += [DateMention(d, p, text) for _, d, text in sorted(hits, key=lambda h: h[0]) if d]
    return found


def _date(year, month, day) -> PartialDate | None:
    try:
        return PartialDate.parse(f"{int(year):04d}-{int(month):02d}" + (f"-{int(day):02d}" if day else ""))
    except ValueError:
        return None  # 31/2/2023 and the like are not dates
