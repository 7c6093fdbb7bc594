"""Counts in words. Arabic has six plural categories (zero, one, two, few, many, other) and
the noun's form changes with each ("وثيقتان", "3 وثائق", "11 وثيقةً"); English has two. The
rule that maps a number to its category is CLDR's, as Babel ships it, not a table of ours;
the wording of each category is in data/labels.yml."""
from __future__ import annotations

from functools import cache

from babel import Locale


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(lang)


def category(n: int, lang: str) -> str:
    """The CLDR plural category of ``n`` in ``lang``: zero, one, two, few, many or other."""
    return _locale(lang).plural_form(n)


def counted(labels, key: str, n: int, **more) -> str:
    """The label ``key`` of ``labels`` (a mapping of plural categories to wordings holding
    ``{n}``, and any of ``more``) for the number ``n``; a category the wording does not need
    falls back to 'other'."""
    forms = labels[key]
    return forms.get(category(n, labels.lang), forms["other"]).format(n=n, **more)
