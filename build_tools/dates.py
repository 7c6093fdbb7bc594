"""Partial dates (2023, 2023-09, 2023-09-05) as archives record them.

Many documents are known only to the month or year; an archive must keep that
uncertainty instead of inventing a day. A ``PartialDate`` sorts with the
known parts and formats itself per language.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

# Syrian usage names the Levantine month and the international one together,
# as the seed documents do ("1 أيلول/سبتمبر 2023").
_MONTHS = {
    "ar": ["كانون الثاني/يناير", "شباط/فبراير", "آذار/مارس", "نيسان/أبريل", "أيار/مايو", "حزيران/يونيو",
           "تموز/يوليو", "آب/أغسطس", "أيلول/سبتمبر", "تشرين الأول/أكتوبر", "تشرين الثاني/نوفمبر",
           "كانون الأول/ديسمبر"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"],
}


@dataclass(frozen=True, order=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: object) -> "PartialDate":
        """Raise ValueError unless ``value`` is YYYY, YYYY-MM or YYYY-MM-DD and a real date."""
        text = str(value).strip()
        match = _PATTERN.match(text)
        if not match:
            raise ValueError(f"date {text!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = (int(g) if g else None for g in match.groups())
        dt.date(year, month or 1, day or 1)  # raises ValueError for 2023-13 or 2023-02-30
        return cls(year, month, day)

    def iso(self) -> str:
        parts = [f"{self.year:04d}"] + [f"{p:02d}" for p in (self.month, self.day) if p]
        return "-".join(parts)

    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def after(self, other: "PartialDate | dt.date") -> bool:
        """Whether every day this date may be comes after every day ``other`` may be: "2023-09" is
        after 2023-08-31, not after 2023-09-10 or "2023-09" (a publication day against a capture)."""
        if isinstance(other, dt.date):
            other = PartialDate(other.year, other.month, other.day)
        return (self.year, self.month or 1, self.day or 1) > (other.year, other.month or 12, other.day or 31)

    def format(self, lang: str) -> str:
        """Human form: '5 September 2023', 'September 2023', '2023' (Arabic month names in 'ar')."""
        if self.month is None:
            return str(self.year)
        month = _MONTHS[lang][self.month - 1]
        return f"{self.day} {month} {self.year}" if self.day else f"{month} {self.year}"


@dataclass(frozen=True)
class Period:
    """The months the archive's events fall in (data/period.yml): what a day and month with no
    year anywhere near them most likely belong to, when the source itself is undated."""
    first: PartialDate  # year and month
    last: PartialDate

    @classmethod
    def parse(cls, data: object) -> "Period | None":
        """``{from: YYYY-MM, to: YYYY-MM}``; None when absent. Raise ValueError when malformed."""
        if data is None:
            return None
        if not isinstance(data, dict) or set(data) != {"from", "to"}:
            raise ValueError("period is {from: YYYY-MM, to: YYYY-MM}")
        first, last = (PartialDate.parse(data[k]) for k in ("from", "to"))
        if first.month is None or last.month is None or first.day or last.day or last < first:
            raise ValueError("period is {from: YYYY-MM, to: YYYY-MM}, from no later than to")
        return cls(first, last)

    def year_of(self, month: int) -> int | None:
        """The year in which ``month`` falls inside the period (the latest, if several), or None."""
        years = [y for y in range(self.first.year, self.last.year + 1)
                 if self.first <= PartialDate(y, month) <= self.last]
        return years[-1] if years else None
