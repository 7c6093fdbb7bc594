"""Arabic normalisation for matching names, never for display.

The same name is written many ways: with or without diacritics and tatweel,
أ/إ/آ/ٱ/ا, ة/ه, ى/ي, ؤ/و, ئ/ي, Persian ک/ی for ك/ي, and glued to the conjunctions و ف and the
prepositions ب ل ك ("وقسد", "لقسد", "للتحالف"). Matching and search compare
normalised tokens; the text shown to readers is always the original.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from types import MappingProxyType
from typing import Mapping, NamedTuple

import pyarabic.araby as araby

# A token is a run of letters/digits with any Arabic marks and tatweel inside it.
_TOKEN = re.compile(r"[\w\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]+")
# "الملـ ـيشيات": a word split by tatweel and a space (to dodge filters) is one word.
_SPLIT_WORD = re.compile(r"\u0640\s+\u0640")
CONJUNCTIONS = "وف"
PREPOSITIONS = "بلك"
MIN_STEM = 2  # letters that must remain after removing a prefix

# One character table does all of the normalisation, built from pyarabic's inventories, so
# that the site's search (which receives it in its index) normalises queries identically.
CHARACTER_MAP: dict[str, str] = {
    **{mark: "" for mark in araby.DIACRITICS},
    araby.TATWEEL: "",
    **{alef: araby.ALEF for alef in araby.ALEFAT if alef not in (araby.ALEF, araby.ALEF_MAKSURA)
       and alef not in araby.DIACRITICS},
    araby.ALEF_MAKSURA: araby.YEH,
    araby.WAW_HAMZA: araby.WAW,
    araby.YEH_HAMZA: araby.YEH,
    araby.TEH_MARBUTA: araby.HEH,
    # Persian forms of ك and ي, which Persian keyboards and Iranian outlets' Arabic pages write
    # ("الاميرکي", "الی"); pyarabic has no inventory of them.
    "\u06a9": araby.KAF,  # ARABIC LETTER KEHEH
    "\u06cc": araby.YEH,  # ARABIC LETTER FARSI YEH (its final form looks like ى, normalised to ي too)
}
_TABLE = str.maketrans({k: v or None for k, v in CHARACTER_MAP.items()})


_ARABIC_LETTER = re.compile("[\u0621-\u064a]")
ARABIC_RUN = re.compile(r"[\u0600-\u06ff](?:[\u0600-\u06ff\s]*[\u0600-\u06ff])?")  # Arabic words in a row


def is_arabic(text: str) -> bool:
    """Written in Arabic letters (for the lang of a name shown on a page of the other language)."""
    return bool(_ARABIC_LETTER.search(text))


@lru_cache(maxsize=1 << 17)  # a vocabulary repeats: each distinct word is normalised once
def normalize(word: str) -> str:
    """One token's matching form: diacritics and tatweel gone, letter variants unified, lower case."""
    return unicodedata.normalize("NFC", word).translate(_TABLE).casefold()


class Token(NamedTuple):  # (a tuple: made for every word of every source, it must be cheap)
    norm: str
    start: int  # offsets in the prepared text (see ``prepare``)
    end: int


def prepare(text: str) -> str:
    """The text that token offsets refer to: the original with split words rejoined."""
    return _SPLIT_WORD.sub("\u0640\u0640", text)


def tokenize(text: str) -> list[Token]:
    return [Token(normalize(m.group()), m.start(), m.end()) for m in _TOKEN.finditer(prepare(text))]


@lru_cache(maxsize=1 << 14)  # registry names and candidate words, asked for again and again
def name_tokens(name: str) -> tuple[str, ...]:
    return tuple(t.norm for t in tokenize(name))


@lru_cache(maxsize=1 << 17)  # once per distinct word (read-only: the mapping is shared)
def prefixed_forms(norm: str) -> Mapping[str, int]:
    """The token and what it would be without attached و/ف and ب/ل/ك ("للتحالف" -> "التحالف"),
    each with how many prefix letters were taken off."""
    forms = {norm: 0}
    stems = [(norm, 0)]
    if norm[:1] and norm[0] in CONJUNCTIONS and len(norm) - 1 >= MIN_STEM:
        stems.append((norm[1:], 1))
    for stem, taken in stems:
        forms.setdefault(stem, taken)
        if stem[:1] and stem[0] in PREPOSITIONS and len(stem) - 1 >= MIN_STEM:
            forms.setdefault(stem[1:], taken + 1)
            if stem.startswith("لل"):
                forms.setdefault("ا" + stem[1:], taken + 1)  # ل + ال is written لل
    return MappingProxyType(forms)


def skip_letters(word: str, letters: int) -> int:
    """Offset in ``word`` after its first ``letters`` letters and the marks or tatweel attached to them."""
    offset = 0
    for _ in range(letters):
        offset += 1
        while offset < len(word) and (unicodedata.category(word[offset]) == "Mn" or word[offset] == "\u0640"):
            offset += 1
    return offset


# Name matching compares a slightly coarser form of each token than search does:
# proper names ending in -ia are written with ة or ا (سورية/سوريا), and Arabic has
# no letter for g, so a foreign name is written with غ, ج or ك (غولدريتش/جولدريتش).
_G_SOUNDS = str.maketrans({"غ": "ج", "ك": "ج"})
DEFINITE = "ال"


def name_form(norm: str) -> str:
    """A normalised token as name matching compares it: final يه/يا unified (سوريه -> سوريا)."""
    return norm[:-1] + "ا" if len(norm) >= 4 and norm.endswith("يه") else norm


@lru_cache(maxsize=1 << 17)
def foreign_form(norm: str) -> str:
    """``name_form`` with غ/ج/ك unified: only for transliterated names (people), where they are one sound."""
    return name_form(norm).translate(_G_SOUNDS)


def has_article(norm: str) -> bool:
    """Whether a token carries the article, also after attached و ف ب ل ك ("والقوات", "للتحالف")."""
    return any(f.startswith(DEFINITE) for f in prefixed_forms(norm))


def indefinite(norm: str) -> str:
    """The token without its article (العشائر -> عشائر); unchanged when it has none."""
    return norm[len(DEFINITE):] if norm.startswith(DEFINITE) and len(norm) - len(DEFINITE) >= MIN_STEM else norm


def nisba_stem(norm: str) -> str:
    """What a relative adjective is formed on: التركية, تركي, الأتراكي -> ترك; إيراني -> ايران.
    Used to tie "المحتل التركي" to تركيا (whose own stem is ترك, see ``place_stem``)."""
    stem = indefinite(norm)
    for ending in ("يين", "يون", "يه", "ي"):
        if stem.endswith(ending) and len(stem) - len(ending) >= 3:
            return stem[: -len(ending)]
    return ""


def place_stem(norm: str) -> str:
    """The stem a country's adjective is formed on: تركيا -> ترك, روسيا -> روس, ايران -> ايران."""
    stem = indefinite(name_form(norm))
    return stem[:-2] if stem.endswith("يا") and len(stem) > 4 else stem


_TANWIN_ALEF = re.compile("(?:\u064b\u0627|\u0627\u064b)$")  # "قسداً" (or "قسدًا"): accusative, indefinite


def without_case_ending(written: str, norm: str) -> str:
    """``norm`` without the alef an indefinite accusative adds to a word ("قسداً" -> "قسد"), when
    ``written`` (the token as written) marks it with its tanwin; a bare final alef is left alone
    (سوريا, ميليشيا)."""
    return norm[:-1] if norm.endswith("ا") and len(norm) > 3 and _TANWIN_ALEF.search(written) else norm


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    import arabicstopwords.arabicstopwords as stopwords  # 13k forms: loaded on first use only
    # Less two words the list has as forms of a preposition (على "on", شمال "north of") that with the
    # article are names: the family name al-Ali, one of the commonest in the region, and "the north"
    # («لواء الشمال الديمقراطي»); the prepositions never take the article.
    return frozenset(normalize(w) for w in stopwords.stopwords_list()) - {"العلي", "الشمال"}


def is_stop_word(norm: str) -> bool:
    """True for a normalised function word (في، الذي، إلى، هذه، وقد ...), by the maintained
    arabic-stopwords list (with its prefixed forms), rather than a list of our own."""
    return norm in _stop_words()


_PRONOUN_SUFFIX = re.compile(r"(?:ه|ها|هم|هما|هن|كم|كما|نا)$")


def is_indefinite_adjective(norm: str) -> bool:
    """Whether a normalised word is an indefinite relative adjective ("كردية", "إخبارية", "محلي"): it
    says of what kind the noun before it is ("عشائر كردية", "وكالة إخبارية"), it names nothing."""
    return not norm.startswith(DEFINITE) and norm.endswith(("يه", "ي")) and len(norm) > 3


def is_qualifier(word: str) -> bool:
    """Whether ``word`` (as written) can qualify the definite noun before it, as an adjective
    or genitive does ("النظام الداخلي", "العشائر الكردية"): a definite word that is no function
    word and carries no attached pronoun. "التزامه" in "جدد التحالف التزامه" is the verb's object:
    its ال is no article and it ends in a pronoun (written ه, where an adjective has ة)."""
    norm = normalize(word)
    bare = araby.strip_tatweel(araby.strip_diacritics(word))
    return norm.startswith(DEFINITE) and not is_stop_word(norm) and not _PRONOUN_SUFFIX.search(bare)
