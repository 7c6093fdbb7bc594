"""What the Arabic dictionary says a word is, where the rules need to tell an action from a name.

Before a family name, a word may be a given name ("مصعب الهفل": another person of the family) or
the verb or verbal noun of the sentence ("وأضاف الهفل", "اعتقال الخبيل"). Without diacritics the
written forms cannot say which; arramooz, the dictionary behind the qalsadi analyser (already read
for broken plurals, number.py), lists every verb by its past form (the form a report puts before
its subject) and every verbal noun (مصدر). Verbal nouns of four letters are also given names
(جلال، نضال، طلال، جهاد), so only longer ones count; a few given names are also verbs (علي، عمر،
فهد) and are read as verbs: a missed relative is better than a verb proposed as a person.
"""
from __future__ import annotations

from functools import lru_cache

from ..normalize import DEFINITE, normalize
from .vocabulary import is_given_name, is_name_word

MIN_VERBAL_NOUN = 5  # letters: "اعتقال", "تصريح"; not "جلال"


@lru_cache(maxsize=2)
def dictionary(table: str):
    """arramooz's dictionary of ``table`` ("nouns" or "verbs"): a 15 MB SQLite file, opened on first use."""
    from arramooz.arabicdictionary import ArabicDictionary

    return ArabicDictionary(table)


@lru_cache(maxsize=1)
def _verbs() -> frozenset[str]:
    return frozenset(normalize(row[0]) for row in dictionary("verbs").cursor.execute("SELECT unvocalized FROM verbs"))


@lru_cache(maxsize=1)
def _nouns() -> tuple[tuple[str, str], ...]:
    """Every noun, normalised, with its type (مصدر a verbal noun, ... جامد a primitive noun): read once."""
    return tuple((normalize(word), kind or "") for word, kind in
                 dictionary("nouns").cursor.execute("SELECT unvocalized, wordtype FROM nouns"))


@lru_cache(maxsize=1)
def _actions() -> frozenset[str]:
    return _verbs() | {n for n, kind in _nouns() if kind.startswith("مصدر") and len(n) >= MIN_VERBAL_NOUN}


def may_be_given_name(norm: str) -> bool:
    """Whether the word before a family name may be a given name ("مصعب الهفل": another person of the
    family), not the sentence's verb or verbal noun ("وأضاف الهفل", "اعتقال الخبيل")."""
    return is_name_word(norm) and is_given_name(norm) and not is_action(norm)


def is_action(norm: str) -> bool:
    """Whether a normalised word (with or without an attached و or ف) is a verb in its past form or a
    verbal noun of five letters or more, or a feminine sound plural ("تصريحات"), rather than a name."""
    word = norm[1:] if norm[:1] in "وف" and len(norm) > 3 else norm
    return norm in _actions() or word in _actions() or (word.endswith("ات") and len(word) >= MIN_VERBAL_NOUN)


@lru_cache(maxsize=1)
def _derived() -> frozenset[str]:
    return _verbs() | {n for n, kind in _nouns() if not kind.endswith("جامد")}


@lru_cache(maxsize=1)
def _words() -> frozenset[str]:
    return _verbs() | {n for n, _ in _nouns()}


def is_dictionary_word(norm: str) -> bool:
    """Whether arramooz lists a normalised word as a verb or a noun of any kind, written as it is or
    in a form the dictionary lists it under: without ال, a feminine ending ("جديدة" for جديد), an
    accusative alif or the ending of an adjective of relation ("سلمية", "سلمياً" for سلم), a sound
    plural or an attached pronoun ("مثقفين", "عدونا"), or the prefix of a present verb ("يسمح")."""
    bare = norm[2:] if norm.startswith(DEFINITE) and len(norm) > 4 else norm
    stem = bare.removesuffix("ا").removesuffix("ه")
    words = _words()
    forms = [norm, bare, stem, stem + "ه", stem.removesuffix("ي")]
    forms += [bare[:-len(end)] for end in _ENDINGS if bare.endswith(end) and len(bare) - len(end) >= 3]
    if norm[:1] in "يتن" and len(norm) >= 4:
        forms.append(norm[1:])  # (only verbs are listed by their past form, so this matches a verb)
    return any(form in words for form in forms)


_ENDINGS = ("ين", "ون", "ات", "نا", "ها", "هم", "هن", "كم")  # sound plurals, attached pronouns


def is_derived_word(norm: str) -> bool:
    """Whether arramooz lists a normalised word as a verb or a noun derived from one (a participle, a
    verbal noun, an adjective: "مسقط", as in "مسقط رأس", birthplace; "ترك", he left), rather than only
    as a primitive noun, which names of places are ("بغداد", "بيروت")."""
    return norm in _derived()
