"""Dates written in the text, for the timeline.

Forms: "27 آب/أغسطس 2023", "30 آب/ أغسطس" (any spacing around "/"), "الـ27 من
آب", "السابع من آب" (ordinal days), "27 و28 آب" (both days), "آذار 2019", "23/8/2023", "2023-08-27", Hijri dates
("12 صفر 1445 هـ", converted with hijridate, the maintained Umm al-Qura
converter), and relative days when the source is dated ("اليوم الثلاثاء",
"أمس الأحد", "الأحد الماضي", "أمس").

A day and month without a year takes the year of a date written earlier in the
same paragraph, else the source's own date (the year before when the month comes
after the source's month: texts report what has happened), else one written
earlier in the document, else, in an undated source, the year in which the archive's
period (data/period.yml) holds that month; each such date says how it was inferred
(a DateNote, worded per language in data/labels.yml: readers of either page see why).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import hijridate

from ..dates import PartialDate, Period
from ..sources import Paragraph

# One letter for each letter that has variants (length-preserving, so offsets stay those of the text).
_FOLD = str.maketrans("أإآٱةى", "ااااهي")

# Levantine, international and Maghrebi month names (in Arabic, then in English); Hijri months.
_MONTHS = {
    1: ["كانون الثاني", "يناير", "جانفي"], 2: ["شباط", "فبراير", "فيفري"], 3: ["اذار", "مارس"],
    4: ["نيسان", "ابريل", "افريل"], 5: ["ايار", "مايو", "ماي"], 6: ["حزيران", "يونيو", "يونيه", "جوان"],
    7: ["تموز", "يوليو", "يوليه", "جويليه"], 8: ["اب", "اغسطس", "اغشت", "اوت"], 9: ["ايلول", "سبتمبر"],
    10: ["تشرين الاول", "اكتوبر"], 11: ["تشرين الثاني", "نوفمبر"], 12: ["كانون الاول", "ديسمبر"],
}
# English names and abbreviations, as in a captured page's dateline ("30 Aug 2023 12:57").
_ENGLISH_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                   "October", "November", "December")
_MONTHS = {m: names + [_ENGLISH_MONTHS[m - 1], _ENGLISH_MONTHS[m - 1][:3]] + (["Sept"] if m == 9 else [])
           for m, names in _MONTHS.items()}
_HIJRI_MONTHS = {
    1: ["محرم"], 2: ["صفر"], 3: ["ربيع الاول"], 4: ["ربيع الثاني", "ربيع الاخر"], 5: ["جمادي الاولي", "جمادي الاول"],
    6: ["جمادي الاخره", "جمادي الثانيه", "جمادي الاخر"], 7: ["رجب"], 8: ["شعبان"], 9: ["رمضان"], 10: ["شوال"],
    11: ["ذو القعده", "ذي القعده"], 12: ["ذو الحجه", "ذي الحجه"],
}
_UNITS = ["الاول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع"]
_ORDINALS = {**{u: n for n, u in enumerate(_UNITS, 1)}, "العاشر": 10, "الحادي عشر": 11, "العشرين": 20,
             "الثلاثين": 30, "الحادي والثلاثين": 31, "الواحد والثلاثين": 31, "الواحد والعشرين": 21,
             **{f"{u} عشر": 10 + n for n, u in enumerate(_UNITS, 1) if n > 1},
             **{f"{'الحادي' if n == 1 else u} والعشرين": 20 + n for n, u in enumerate(_UNITS, 1)}}
_WEEKDAYS = {"الاثنين": 0, "الإثنين": 0, "الثلاثاء": 1, "الاربعاء": 2, "الخميس": 3, "الجمعه": 4, "السبت": 5,
             "الاحد": 6}


def _alternation(names) -> str:
    return "|".join(sorted((re.escape(n).replace(r"\ ", r"\s+") for n in names), key=len, reverse=True))


_MONTH_OF = {n: m for m, names in _MONTHS.items() for n in names}
_HIJRI_OF = {n: m for m, names in _HIJRI_MONTHS.items() for n in names}
_MONTH = _alternation(_MONTH_OF)
# Word boundaries that count Arabic letters as letters; a word may carry و ف ب ل ("و1 أيلول").
_B, _E = r"(?:(?<!\w)|(?<=(?<!\w)[وفبل]))", r"(?!\w)"
# A day in digits may be written joined to its month ("5أيلول/سبتمبر 2023"); a day in words may not.
_DAY = (rf"(?:(?:ال|الـ|ال-)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?(?:\s+من(?:\s+شهر)?\s+|\s*)|(?<!تشرين\s)(?<!كانون\s)"
        rf"(?<!ربيع\s)(?<!جمادي\s)(?P<ordinal>{_alternation(_ORDINALS)})(?:\s+من(?:\s+شهر)?)?\s+)")
_YEAR = r"(?:\s*،?\s*(?:من\s+)?(?:عام|العام|سنه)?\s*(?P<year>\d{4})(?:\s*م)?(?![\d\w]))"
_WORDS = re.compile(rf"{_B}(?:{_DAY})?(?P<month>{_MONTH}){_E}(?:\s*[/(]\s*(?:{_MONTH}){_E}(?:\s*\))?)?{_YEAR}?")
# An English dateline or tweet signature, month first: "September 25, 2023" (with its year only).
_ENGLISH_OF = {n: m for n, m in _MONTH_OF.items() if n.isascii()}
_MONTH_FIRST = re.compile(rf"(?<![\w])(?P<month>{_alternation(_ENGLISH_OF)})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?"
                          rf"\s+(?P<year>\d{{4}})(?!\d)")
_NUMERIC = re.compile(r"(?<![\d.\-/])(\d{1,2})([/.\-])(\d{1,2})\2(\d{4})(?![\d\-/]|\.\d)")  # "في 3/9/2023." ends a sentence
# The first day of "27 و28 آب", "27-30 آب", "من 27 إلى 30 آب": the month and year are the last day's.
_EARLIER_DAY = re.compile(r"(?<![\d/.\-])(\d{1,2})\s*(?:و|[-–]|الي|حتي)\s*(?:ال|الـ)?$")
# "2023-08-27", "2023/8/27", "2023.09.14"
_YEAR_FIRST = re.compile(r"(?<![\d.\-/])(\d{4})([/.\-])(\d{1,2})\2(\d{1,2})(?![\d\-/]|\.\d)")
_HIJRI = re.compile(rf"{_B}(?P<day>\d{{1,2}})\s+(?P<month>{_alternation(_HIJRI_OF)}){_E}\s+(?P<year>1[34]\d\d)"
                    r"(?:\s*(?:هـ|ه)(?![\w]))?")
_RELATIVE = re.compile(rf"{_B}(?:(?P<which>اليوم|امس)\s+)?(?:(?P<part>يوم|ليل|ليله|مساء|صباح|فجر|ظهر)\s+)?"
                       rf"(?P<weekday>{_alternation(_WEEKDAYS)}){_E}(?:\s+(?P<past>الماضي|المنصرم|الفائت){_E})?")
# "أمس" alone (yesterday), "أول أمس" / "أمس الأول" (the day before): "أمس الأحد" is _RELATIVE's.
_YESTERDAY = re.compile(rf"{_B}(?:(?P<before>اول)\s+)?امس{_E}(?:\s+(?P<first>الاول){_E})?(?!\s*(?:{_alternation(_WEEKDAYS)}))")
# "أيلول الماضي", "شهر آب المنصرم": the latest such month before the source's.
# "أواخر شهر آب من العام الفائت", "27 آب من العام الماضي": a month of the year before the source's (or of its year).
_OTHER_YEAR = re.compile(rf"{_B}(?:{_DAY})?(?:شهر\s+)?(?P<month>{_MONTH}){_E}\s+(?:من\s+)?(?:العام|عام|السنه)\s+"
                         rf"(?P<which>الماضي|المنصرم|الفائت|السابق|الحالي|الجاري){_E}")
_PAST_MONTH = re.compile(rf"{_B}(?:شهر\s+)?(?P<month>{_MONTH}){_E}\s+(?:الماضي|المنصرم|الفائت){_E}")
_DAY_BEFORE = re.compile(rf"(?:\d|/|{_B}من|{_B}(?:{_alternation(_ORDINALS)}))\s*$")
# "السابع من الشهر الحالي": a day of the source's month (or of the month before it).
_THIS_MONTH = re.compile(rf"{_B}{_DAY}(?:هذا\s+)?الشهر\s+(?P<which>الحالي|الجاري|الماضي|المنصرم|الفائت){_E}")


@dataclass(frozen=True)
class DateNote:
    """How a date not written whole in the text was read, in no language: ``reason`` names its
    wording, ``date_note_<reason>`` in data/labels.yml, and ``values`` fill that wording in.
    A Hijri date is written whole and only converted, which the pages say instead of "inferred"."""
    reason: str
    values: tuple[tuple[str, str], ...] = ()

    @property
    def converted(self) -> bool:
        return self.reason == "hijri"

    def text(self, labels) -> str:
        return labels[f"date_note_{self.reason}"].format(**dict(self.values))


def _note(reason: str, **values) -> DateNote:
    return DateNote(reason, tuple((k, str(v)) for k, v in values.items()))


@dataclass(frozen=True)
class DateMention:
    date: PartialDate
    paragraph: Paragraph
    matched: str
    note: DateNote | None = None  # how a part not written in the text was inferred, or the calendar converted

    @property
    def inferred(self) -> bool:
        """Part of the date was not written in the text (a converted Hijri date was)."""
        return self.note is not None and not self.note.converted


def find_dates(paragraphs, source_date: PartialDate | None = None, period: Period | None = None) -> list[DateMention]:
    """Dates in ``paragraphs`` in reading order; ``source_date`` (publication) resolves years and relative
    days, and the archive's ``period`` the year of a day and month that nothing else dates."""
    found: list[DateMention] = []
    document_year: int | None = None
    for p in paragraphs:
        text = p.text.translate(_FOLD)
        hits = []  # (start, end, year, month, day, calendar)
        for m in _WORDS.finditer(text):
            day = _day(m)
            if day is None and not m.group("year"):
                continue  # a month name alone ("آب" is also "father")
            month = _month(m)
            hits.append((m.start(), m.end(), m.group("year"), month, day, "gregorian"))
            if m.group("day") and (first := _EARLIER_DAY.search(text, max(0, m.start() - 12), m.start())):
                hits.append((first.start(), first.end(1), m.group("year"), month, first.group(1), "gregorian"))
        for m in _MONTH_FIRST.finditer(text):
            hits.append((m.start(), m.end(), m.group("year"), _ENGLISH_OF[m.group("month")],
                         m.group("day"), "gregorian"))
        for m in _NUMERIC.finditer(text):
            hits.append((m.start(), m.end(), m.group(4), m.group(3), m.group(1), "gregorian"))
        for m in _YEAR_FIRST.finditer(text):
            hits.append((m.start(), m.end(), m.group(1), m.group(3), m.group(4), "gregorian"))
        for m in _OTHER_YEAR.finditer(text) if source_date else ():  # (longer than the day and month in it)
            last = m.group("which") not in ("الحالي", "الجاري")
            hits.append((m.start(), m.end(), source_date.year - last, _month(m), _day(m),
                         "last_year" if last else "this_year"))
        for m in _HIJRI.finditer(text):
            hits.append((m.start(), m.end(), m.group("year"), _HIJRI_OF[re.sub(r"\s+", " ", m.group("month"))],
                         m.group("day"), "hijri"))
        paragraph_year = None
        for start, end, year, month, day, calendar in sorted(_drop_overlaps(hits)):
            note = None
            if calendar == "hijri":
                date, note = _from_hijri(int(year), int(month), int(day))
            elif calendar in ("last_year", "this_year"):
                date, note = _date(year, month, day), _note(calendar, source_date=source_date.iso())
            elif year:
                date = _date(year, month, day)
            else:
                date, note = _infer_year(int(month), int(day), paragraph_year, source_date, document_year, period)
            if date:
                if year:
                    paragraph_year = document_year = date.year
                found.append(DateMention(date, p, p.text[start:end], note))
        found += _relative(p, text, source_date)
    return found


def _day(m: re.Match) -> int | None:
    """The day of a match of _DAY, in digits or words; None when the match has none."""
    if m.group("day"):
        return int(m.group("day"))
    return _ORDINALS[re.sub(r"\s+", " ", m.group("ordinal"))] if m.group("ordinal") else None


def _month(m: re.Match) -> int:
    """The Gregorian month a match names, however many spaces its name holds ("كانون  الثاني")."""
    return _MONTH_OF[re.sub(r"\s+", " ", m.group("month"))]


def _drop_overlaps(hits):
    """One reading per stretch of text: the longest hit wins ("1 أيلول/سبتمبر 2023" is not also "أيلول 2023")."""
    kept = []
    for hit in sorted(hits, key=lambda h: (h[0], -h[1])):
        if not kept or hit[0] >= kept[-1][1]:
            kept.append(hit)
    return kept


def _infer_year(month, day, paragraph_year, source_date, document_year, period):
    if paragraph_year:
        return _date(paragraph_year, month, day), _note("year_in_paragraph", year=paragraph_year)
    if source_date:
        year = source_date.year - (1 if source_date.month and month > source_date.month else 0)
        return _date(year, month, day), _note("year_of_source", year=year, source_date=source_date.iso())
    if document_year:
        return _date(document_year, month, day), _note("year_in_text", year=document_year)
    if period and (year := period.year_of(month)):
        return _date(year, month, day), _note("year_of_period", year=year)
    return None, None


def _relative(p: Paragraph, text: str, source_date: PartialDate | None) -> list[DateMention]:
    """"اليوم الثلاثاء", "يوم الأحد", "ليل الأحد", "أمس الأحد", "الأحد الماضي": the latest such
    weekday on (اليوم, يوم, ليل ...) or before (أمس, الماضي) the source's date, as news reports
    tell what has happened; so is a bare weekday set off by commas ("والجمعة، قتل ..."). "أمس"
    alone is the day before the source's date ("أول أمس" two days); "السابع من الشهر الحالي":
    that day of the source's month; "أيلول الماضي": the latest September before the source's month.
    Only when the source's date is known to the day (to the month for a month)."""
    if not source_date or not source_date.month:
        return []
    found = []
    for m in _PAST_MONTH.finditer(text):
        if _DAY_BEFORE.search(text, 0, m.start()):
            continue  # "29 من تشرين الثاني الماضي", "27 أغسطس/آب المنصرم": a day and month, read as such
        month = _month(m)
        year = source_date.year if month < source_date.month else source_date.year - 1
        found.append(DateMention(PartialDate(year, month), p, p.text[m.start():m.end()],
                                 _note("past_month", source_date=source_date.iso())))
    if not source_date.day:
        return found
    published = dt.date(source_date.year, source_date.month, source_date.day)
    for m in _THIS_MONTH.finditer(text):
        first = published.replace(day=1)
        this = m.group("which") in ("الحالي", "الجاري")
        month = first if this else (first - dt.timedelta(days=1)).replace(day=1)
        if (date := _date(month.year, month.month, _day(m))):
            found.append(DateMention(date, p, p.text[m.start():m.end()],
                                     _note("this_month" if this else "month_before", source_date=source_date.iso())))
    for m in _RELATIVE.finditer(text):
        if not (m.group("which") or m.group("past") or m.group("part") or _set_off(text, m.start(), m.end())):
            continue  # a bare weekday may be the next one
        back = (published.weekday() - _WEEKDAYS[m.group("weekday")]) % 7
        if back == 0 and (m.group("past") or m.group("which") == "امس"):
            back = 7
        day = published - dt.timedelta(days=back)
        before = back == 7 or m.group("past") or m.group("which") == "امس"
        found.append(DateMention(PartialDate(day.year, day.month, day.day), p, p.text[m.start():m.end()],
                                 _note("weekday_before" if before else "weekday_on_or_before",
                                       source_date=source_date.iso())))
    for m in _YESTERDAY.finditer(text):
        back = 2 if m.group("before") or m.group("first") else 1
        day = published - dt.timedelta(days=back)
        found.append(DateMention(PartialDate(day.year, day.month, day.day), p, p.text[m.start():m.end()],
                                 _note("day_before" if back == 1 else "two_days_before", source_date=source_date.iso())))
    return found


def _set_off(text: str, start: int, end: int) -> bool:
    """Whether a bare weekday is set off as a report's time ("والجمعة، قتل ...", "وقال، الأحد، إن"):
    at the start of a sentence or clause (or after a comma) and followed by a comma, but not by the
    date it names ("الأحد، 27 آب": that date is read as written)."""
    before = re.sub(r"[وف]$", "", text[:start].rstrip())
    after = text[end:]
    return (not before or before[-1] in ".!?؟؛:،,\n") and re.match(r"\s*[،,]", after) is not None \
        and not re.match(r"\s*[،,]\s*\d", after)


def _from_hijri(year: int, month: int, day: int):
    try:
        g = hijridate.Hijri(year, month, day).to_gregorian()
    except (ValueError, OverflowError):
        return None, None
    return PartialDate(g.year, g.month, g.day), _note("hijri", day=day, month=month, year=year)


def _date(year, month, day) -> PartialDate | None:
    try:
        return PartialDate.parse(f"{int(year):04d}-{int(month):02d}" + (f"-{int(day):02d}" if day else ""))
    except ValueError:
        return None  # 31/2/2023 and the like are not dates
