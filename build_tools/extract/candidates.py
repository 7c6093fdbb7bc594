"""Names the registry may lack, proposed to the maintainer by `check` and `add`.

Candidates are ranked by evidence, meant to be reviewed, not trusted: the words after a
title (الشيخ، الجنرال، المتحدث باسم; one word after a military rank: "اللواء فويل"), a
person's name before or after the role that describes them ("فراس علاوي، مدير ...", "شيخ
قبيلة البكارة حاجم البشير", with middle names), a kunya (أبو ...), a word that introduces
an organisation, a tribe, a place or a medium (عشيرة، لواء، حركة، بلدة، منطقة، مراسل ...; a
quoted phrase right after it is the name: شبكة “فرات بوست”), a medium's transliterated ending (نورث
برس، عكيدات نيوز), an acronym in Latin capitals (CNN), a short quoted phrase; the spokesman named
after "المتحدث باسم X،" and a name after an abbreviated title ("د. إسماعيل النجار"); names in lists
(after a plural of places or tribes, after "كل من", joined by و to a place already known, or people
set apart by commas, two of them with a common given name); a name
given by what a person is called or nicknamed (يدعى، الملقب), a page's credits (إعداد: ...), villages
named "جديد/جديدة" and a tribe, broadcasters (تلفزيون ...), landmarks (دوار، حاجز، تلة ...). Each
repetition in the text adds to the score, and only candidates with at least MIN_SCORE are
proposed. A name ends before words that describe it (معبر البوكمال الحدودي, حركة الشباب
المعتقلين) and never takes a verb of the report (الهفل التقى). A candidate that holds a
registry name, a function word (arabic-stopwords) or a dismissed phrase
(data/not_names.yml), or whose words all belong to one longer registry name (a short
reference: "المجلس العسكري", or the head noun alone: "الشبكة"), is dropped.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from ..normalize import (DEFINITE, Token, has_article, indefinite, is_indefinite_adjective, is_stop_word, name_form,
                         name_tokens, normalize, prefixed_forms, prepare, tokenize)
from ..registry import PERSON_TYPE, PLACE_TYPE, TRIBE_TYPE, NameMatcher
from ..sources import Paragraph
from .gazetteers import Gazetteers, Place
from .lexicon import is_action, is_derived_word, is_dictionary_word, may_be_given_name
from .mentions import MAX_NAME_TOKENS, context_of, person_surnames
from .vocabulary import (ALLEGIANCE, BYLINES, CALLED, COMPOUND_FIRST, DESCRIPTIVE_ADJECTIVES, FAMILY_LISTS,
                         GROUP_WORDS, KNOWN_HEADS, KUNYA, LINKS, LIST_NOUNS, MEDIA_HEADS, MEDIA_SUFFIXES, NAME_LISTS,
                         NICKNAMED, PLACE_WORDS, RANKS, REPORTING_VERBS, ROLES, ROLE_HEADS, ROLE_WORDS, SAID_OPENERS,
                         SAYING_VERBS, SPOKESMAN, TITLES, TITLE_ADJECTIVES, VILLAGE_WORDS, is_given_name, is_name_word,
                         is_nisba, without_conjunction)

MIN_SCORE = 2
MAX_FAMILY_NAMES = 3  # names after a given name: father's, grandfather's, family's
BIG_TOWN = 100_000  # inhabitants: a town this big is named by a one-word name that is also a word (حلب)
MAX_COMPLEMENT = 7  # words between a role and the name: "عضو المجلس الرئاسي في مجلس سوريا الديمقراطية (مسد)"
_ABBREVIATED_TITLES = {"د", "م"}  # "د." (الدكتور), "م." (المهندس), with their period
PLACES_AND_TRIBES = {PLACE_TYPE, TRIBE_TYPE}  # what institutions are named after
TRIBE_WORDS = {"عشيره", "قبيله", "عشاير", "قبايل"}  # a tribe's or clan's word, normalised: heads no institution
_EN_ACRONYM = re.compile(r"\(([A-Z]{2,})\)")  # an English name's acronym: "... Affairs (OCHA)"
_QUOTED = re.compile(r"[“\"«]([^“”\"«»\n]{2,40})[”\"»]")
# A quoted name right after an attached ل: who a source spoke to, a medium ("قال لـ"العربي الجديد"").
_TOLD = re.compile(r"(?:^|\s)لـ?\s?[“\"«]$")


@dataclass(frozen=True)
class Candidate:
    name: str
    paragraph: Paragraph  # where it is first seen
    score: int
    evidence: tuple[str, ...]  # why it looks like a name, for the maintainer
    start: int = 0
    end: int = 0

    @property
    def context(self) -> str:
        before, name, after = context_of(self.paragraph.text, self.start, self.end)
        return f"{before}[{name}]{after}"


def find_candidates(paragraphs, matchers: list[NameMatcher], dismissed: set[str],
                    lists: Gazetteers = Gazetteers()) -> list[Candidate]:
    """Possible names not in the registry, best evidence first; ``dismissed`` holds normalised names to
    skip, ``lists`` the towns and given names of data/ (gazetteers.py)."""
    seen: dict[str, dict] = {}
    counts: Counter = Counter()
    surnames, places = _surnames(tuple(matchers)), _places(tuple(matchers), lists.places)
    given = _given_names(lists.given_names)
    for p in paragraphs:
        tokens, prepared = tokenize(p.text), prepare(p.text)
        known = [(m, matcher.entities[m.entity_id].type) for matcher in matchers for m in matcher.find(p.text)]
        keys = [t.norm for t in tokens]
        for n in range(1, MAX_NAME_TOKENS + 1):  # every word sequence, to count repetitions
            counts.update(" ".join(keys[i:i + n]) for i in range(len(keys) - n + 1))
        written: dict[str, str] = {}
        for start, end, score, why in _proposals(p.text, tokens, lambda t: next(
                (kind or "actor" for m, kind in known if m.start < t.end and t.start < m.end), None), surnames, places,
                given, written):
            name = re.sub(r"[“”\"«»]", "", prepared[start:end]).strip()
            key = name_key(name)
            head = next(t for t in tokens if t.end > start)
            if (not key or key in dismissed or any(m.start < end and start < m.end and not _named_after(m, kind, head)
                                                   for m, kind in known)
                    or any(is_stop_word(t.norm) and t.norm not in KUNYA and not _ali(prepared, t)
                           for t in tokens if start <= t.start < end)):
                continue
            entry = seen.setdefault(key, {"name": name, "paragraph": p, "span": (start, end), "score": 0,
                                          "clues": [], "evidence": []})
            if why not in entry["clues"]:  # one clue once, however its word is written
                entry["clues"].append(why)
                entry["score"] += score
                entry["evidence"].append(" ".join(written.get(word, word) for word in why.split(" ")))
    ranked = []
    short_forms = _short_form_test(tuple(matchers))
    for key, e in seen.items():
        if short_forms(key):
            continue
        repeated = max(0, counts[key] - 1)
        score = e["score"] + repeated
        if score >= MIN_SCORE:
            evidence = tuple(e["evidence"]) + ((f"named {counts[key]} times",) if repeated else ())
            ranked.append(Candidate(e["name"], e["paragraph"], score, evidence, *e["span"]))
    return sorted(ranked, key=lambda c: (-c.score, c.paragraph.number, c.start))


def _named_after(mention, kind: str | None, head: Token) -> bool:
    """Whether a registry mention inside a candidate is what an institution is named after, a place or a
    tribe after the candidate's head word ("مجلس دير الزور المدني", "جيش العشائر"): the candidate is
    then a longer name of its own, not the registry actor (longest name wins). Only a word that heads
    groups' names does so; a tribe's own word does not ("عشيرة العقيدات" is the tribe), nor other nouns
    ("قوات العشائر")."""
    return mention.start >= head.end and kind in PLACES_AND_TRIBES and any(
        indefinite(f) in GROUP_WORDS and indefinite(f) not in TRIBE_WORDS or f in MEDIA_HEADS | VILLAGE_WORDS
        for f in prefixed_forms(head.norm))


@lru_cache(maxsize=8)  # once per registry, not once per source
def _surnames(matchers: tuple[NameMatcher, ...]) -> frozenset[str]:
    """The family names of the registry's people without their article ("هفل", "خبيل")."""
    return frozenset(indefinite(short) for matcher in matchers for short in person_surnames(matcher))


@lru_cache(maxsize=8)  # once per registry and gazetteer, not once per source
def _places(matchers: tuple[NameMatcher, ...], gazetteer: tuple[Place, ...]) -> frozenset[tuple[str, ...]]:
    """The world's countries and the cities that name its time zones (capitals and large cities), in
    Arabic, from CLDR through Babel (already read for plurals and language names), and the towns of
    data/places.yml (gazetteers.py), each as the words name matching compares. Without the names whose
    every word is a word of registry names (سوريا in "قوات سوريا الديمقراطية"), which a text names as
    geography, not as an actor to add, and the one-word names that read as ordinary words."""
    from babel import Locale

    arabic = Locale.parse("ar")
    named = [(name, None) for code, name in arabic.territories.items() if code.isalpha()]
    named += [(city, None) for zone in arabic.time_zones.values() if (city := zone.get("city"))]
    known = {name_form(t) for matcher in matchers for e in matcher.entities.values() for n in e.names
             for t in name_tokens(n)}
    places = {tuple(name_form(t) for t in name_tokens(name)) for name, population in (*named, *gazetteer)
              if not _ordinary_word(name_tokens(name), population)}
    return frozenset(words for words in places
                     if words and not set(words) <= known and not any(is_stop_word(w) for w in words))


def _ordinary_word(words: tuple[str, ...], population: int | None) -> bool:
    """Whether a place's one-word name reads as an ordinary word in a text: a word that heads names
    ("مدينة"); for a town of data/places.yml under BIG_TOWN inhabitants, any word of the dictionary
    ("جديدة" new, "سلمية" peaceful, "حديثة" recent), while a bigger town's name stands ("حلب", also
    "he milked"); for CLDR's cities (no population given), a verb or a derived noun ("مسقط", as in
    "مسقط رأس", birthplace)."""
    if len(words) != 1:
        return False
    word = words[0]
    if indefinite(name_form(word)) in KNOWN_HEADS:
        return True
    return is_derived_word(word) if population is None else population < BIG_TOWN and is_dictionary_word(word)


@lru_cache(maxsize=8)  # once per registry, not once per source
def _short_form_test(matchers: tuple[NameMatcher, ...]):
    """A test of whether a candidate's words all belong to one longer registry name, or it is the head
    noun with which such a name begins: a short reference to a known actor ("المجلس العسكري" for مجلس
    دير الزور العسكري, "التحالف" for التحالف الدولي, a person's surname: "الخبيل", the acronym of its English
    name: "OCHA"), not a new name."""
    names = [frozenset(indefinite(name_form(t)) for t in name_tokens(n))
             for matcher in matchers for e in matcher.entities.values() for n in e.names]

    heads = {indefinite(name_form(name_tokens(n)[0])) for matcher in matchers for e in matcher.entities.values()
             for n in e.names if len(name_tokens(n)) > 1 and name_tokens(n)[0].startswith(DEFINITE)}
    heads |= _surnames(matchers)  # a surname: "الخبيل"
    acronyms = {acronym.casefold() for matcher in matchers for e in matcher.entities.values()
                for acronym in _EN_ACRONYM.findall(e.en)}  # "OCHA" of "UN Office for ... (OCHA)"

    def test(key: str) -> bool:
        words = frozenset(indefinite(name_form(t)) for t in key.split())
        if len(words) == 1:  # one word (الفرات) may be a name of its own, but not a registry name's head
            return key.startswith(DEFINITE) and next(iter(words)) in heads or key in acronyms  # ("الشبكة")
        return any(words < n for n in names)
    return test


def name_key(name: str) -> str:
    return " ".join(t.norm for t in tokenize(name))


def _proposals(text: str, tokens: list[Token], known, surnames: frozenset[str] = frozenset(),
               places: frozenset[tuple[str, ...]] = frozenset(),
               given: frozenset[str] = frozenset(), written: dict[str, str] | None = None
               ) -> list[tuple[int, int, int, str]]:
    """(start, end, score, evidence) of each word sequence that looks like a name; ``known(token)`` is
    the type of the registry entry that names the token (a false value when none does); ``surnames``
    are the family names of the registry's people, ``places`` the countries and cities of _places,
    ``given`` the normalised given names of data/given_names.yml. Evidence names its clue words
    normalised (one clue however written); ``written`` gets each as first written, for messages."""
    written = {} if written is None else written
    quoted = _quoted(text)
    out = [(s, e, 1, "quoted") for s, e in quoted]
    prepared = prepare(text)
    out += [(s, e, 1, "told (لـ) in quotes") for s, e in quoted if _TOLD.search(prepared, 0, s)]
    out += [(*span, 2, "one of a list of people") for span in _people_listed(prepared, tokens, known, given)]
    for i, token in enumerate(tokens):
        forms = prefixed_forms(token.norm)  # "لوكالة" is "وكالة" after ل
        word = next((f for f in forms if f in KNOWN_HEADS or indefinite(f) in GROUP_WORDS), token.norm)
        for form in (word, token.norm):
            written.setdefault(form, prepared[token.start:token.end])
        if word in ROLE_HEADS:
            if (span := _name_after_role(prepared, tokens, i + 1, known, given)):
                out.append((*span, 2, f"a name after the role {word}"))
        elif word in TITLES or (word in _ABBREVIATED_TITLES and prepared[token.end:token.end + 1] == "."):
            j = _past_title_adjectives(tokens, i + 1)
            if (span := _name_after(prepared, tokens, j, person=True)):
                out.append((*span, 2, f"after the title {token.norm}"))
            elif word in RANKS and j < len(tokens) and _surname(tokens[j].norm) and j == i + 1:
                out.append((tokens[j].start, tokens[j].end, 2, f"after the rank {token.norm}"))
            elif (span := _name_after_role(prepared, tokens, j, known, given)):  # "الشيخ الموالي لدمشق فلان الفلاني"
                out.append((*span, 2, f"after the title {token.norm}"))
        elif word in SPOKESMAN and (k := _past_title_adjectives(tokens, i + 1)) < len(tokens) \
                and tokens[k].norm == "باسم":  # ("الناطق الرسمي باسم")
            if (span := _name_after(prepared, tokens, k + 1, person=False)):
                out.append((*span, 2, f"after {token.norm} باسم"))
            if (span := _name_after_role(prepared, tokens, k + 1, known, given)):  # "المتحدث باسم قسد، فرهاد شامي"
                out.append((*span, 2, f"a name after {token.norm} باسم"))
        elif word in KUNYA and i + 1 < len(tokens) and (is_name_word(tokens[i + 1].norm)
                                                        or _ali(prepared, tokens[i + 1])):
            last = i + 2 if i + 2 < len(tokens) and tokens[i + 2].norm.startswith(DEFINITE) \
                and is_name_word(tokens[i + 2].norm) and not is_nisba(tokens[i + 2].norm) else i + 1
            out.append((token.start + forms.get(word, 0), tokens[last].end, 2, "a kunya (أبو ...)"))
        elif word in PLACE_WORDS:
            first = i + 2 if i + 1 < len(tokens) and tokens[i + 1].norm == "انباء" else i + 1  # وكالة أنباء X
            if (span := _quoted_after(prepared, tokens[first - 1].end, quoted)):
                out.append((*span, PLACE_WORDS[word], f"after {word}"))
            elif (span := _name_after(prepared, tokens, first, person=False, any_first=True)) \
                    and not (span[1] == tokens[first].end and (is_indefinite_adjective(tokens[first].norm)
                                                                or tokens[first].norm in PLACE_WORDS)):
                plural = _sound_plural(tokens[first].norm)  # "منطقة الاشتباكات": a common noun
                out.append((*span, PLACE_WORDS[word] - plural, f"after {word}"))  # not "وكالة إخبارية"
        elif word in NAME_LISTS:
            listed = _quoted_list(prepared, token.end, quoted) or \
                _listed(prepared, tokens, i + 1, definite=word in FAMILY_LISTS)
            out += [(*span, 2, f"listed after {word}") for span in listed if len(listed) >= 2]
        elif indefinite(word) in GROUP_WORDS or word in GROUP_WORDS:
            weight = GROUP_WORDS.get(indefinite(word), GROUP_WORDS.get(word))
            if (span := _quoted_after(prepared, token.end, quoted)
                    or _name_after(prepared, tokens, i + 1, person=False, definite=True)):
                out.append((token.start + forms.get(word, 0), span[1], weight, f"after {word}"))
            elif (end := _purpose_end(prepared, tokens, i + 1)):
                out.append((token.start + forms.get(word, 0), end, weight + 1, f"{word} ... for a purpose"))
            if (last := _qualified_end(prepared, tokens, i, known)) is not None:
                out.append((token.start + forms.get(word, 0), tokens[last].end, 2, f"{word} ... and its adjective"))
        place = _place(tokens, i, places) if places else None
        if place and not _continues_name(prepared, out, tokens, i, place):
            out.append((*place, 2, "a country or town (CLDR, data/places.yml)"))
        if (span := _given_and_family(prepared, tokens, i, known, given)):
            out.append((*span, 2, "a given name and a family name (data/given_names.yml)"))
        if (span := _relative_of(prepared, tokens, i, surnames)):
            out.append((*span, 2, "a given name before a registry person's family name"))
        if (span := _sayer(prepared, tokens, i, known, given)):
            out.append((*span, 2, "who said it: between a verb of saying and إن/أن or a comma"))
        if (end := _place_end(tokens, i, known, place)) is not None:
            out += [(*span, 2, "listed with a known place") for span in _listed_with(prepared, tokens, i, end)]
        if token.norm == "كل" and i + 1 < len(tokens) and tokens[i + 1].norm == "من":
            listed = _listed(prepared, tokens, _past_list_nouns(tokens, i + 2))
            if len(listed) >= 2 and any(has_article(without_conjunction(prepared[s:e])) for s, e in listed):
                out += [(*span, 2, "listed after كل من") for span in listed]  # not "كل من يتحرك ويخالف"
        if word in CALLED and i + 1 < len(tokens) and (span := _quoted_after(prepared, token.end, quoted) or
                                                       _name_after(prepared, tokens, i + 1, person=True)):
            out.append((*span, 2, f"a name after {token.norm}"))
        if word in NICKNAMED and (span := _nicknamed(prepared, tokens, i, known)):
            out.append((*span, 2, f"a name before {token.norm}"))
        if (span := _credited(prepared, tokens, i, known)):
            out.append((*span, 2, f"credited after {token.norm}"))
        if (span := _clan(tokens[i], given)):
            out.append((*span, 2, "البو and a given name: a clan or its village"))
        if (span := _village_of_tribe(prepared, tokens, i, known)):
            out.append((*span, 2, f"a village named «{without_conjunction(token.norm)} ...»"))
        if word in MEDIA_HEADS and (span := _quoted_after(prepared, token.end, quoted)
                                    or _name_after(prepared, tokens, i + 1, person=False)):
            out.append((token.start + forms.get(word, 0), span[1], 2, f"a medium's name ({token.norm} ...)"))
        if token.norm in MEDIA_SUFFIXES and i and is_name_word(tokens[i - 1].norm) \
                and not prepared[tokens[i - 1].end:token.start].strip():
            out.append((tokens[i - 1].start, token.end, 2, f"a medium's name (... {token.norm})"))
        elif _acronym(prepared[token.start:token.end]) and not (i and tokens[i - 1].norm[-1:].isdigit()):
            # (not after a number: "13:00 GMT")
            out.append((token.start, token.end, 2, "a Latin acronym"))
        if (span := _name_before_role(prepared, tokens, i)):
            out.append((*span, 2, "a name before its role"))
        if _role_of_someone(token.norm) and (span := _quoted_after(prepared, token.end, quoted)):
            out.append((*span, 1, f"quoted after the role {token.norm}"))  # "و نائبُه “خليل الوحش”"
    # A quoted name that another clue also points at: the quotes add to that clue ("موقع “سبوتنيك”").
    return out + [(s, e, 1, "quoted") for s, e, _, why in out if why != "quoted"
                  and any(qs < e and s < qe for qs, qe in quoted) and (s, e) not in quoted]


def _name_after(prepared: str, tokens: list[Token], j: int, person: bool, definite: bool = False,
                any_first: bool = False):
    """The span of the name starting at token ``j``: up to punctuation, a function word or a role noun.
    With ``definite``, every word has the article (or ل); with ``any_first``, all but the first."""
    end = j
    while end < len(tokens) and end - j < (3 if person else MAX_NAME_TOKENS - 1):
        word = tokens[end].norm
        if not is_name_word(word) or (end > j and prepared[tokens[end - 1].end:tokens[end].start].strip(" “”\"«»")):
            break
        if (definite or (any_first and end > j)) and not (word.startswith(DEFINITE) or word.startswith("ل")):
            break
        if end > j and tokens[end - 1].norm.startswith("لل"):
            break  # a purpose ends an organisation's name: "وكالة فرات للأنباء"
        if (end > j or definite) and (word in DESCRIPTIVE_ADJECTIVES or (not person and _definite_plural(word))) \
                or (end > j and word in ALLEGIANCE):  # (but "عشيرة الموالي" is a clan)
            break  # "معبر البوكمال الحدودي", "ناحية تل حميس التابعة لـ", "قادة المجلس الموقوفين": a description
        if person and end - j == 2 and tokens[end - 1].norm not in LINKS:
            break  # a third word only in "محمد بن سلمان"
        end += 1
    if end == j or (person and end - j == 1):
        return None  # one word after a title is more often an adjective (المبعوث الخاص) than a name
    return tokens[j].start, tokens[end - 1].end


def _quoted_after(prepared: str, end: int, quoted: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The quoted phrase that opens right after offset ``end`` (a head word): "شبكة “فرات بوست”",
    "مركز "الشرق نيوز"". The quotes say where the name ends, which its words alone do not."""
    return next(((s, e) for s, e in quoted if s > end and not prepared[end:s].strip(" “\"«\u0640")), None)


def _quoted_list(prepared: str, end: int, quoted: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The quoted names of a list that opens right after offset ``end``, joined by و or commas:
    قرى "الخليل الياسين" و"خربة البيضا"، "الطركي" (names of any length: the quotes end each)."""
    spans: list[tuple[int, int]] = []
    for start, stop in quoted:
        if start > end:
            gap = prepared[end:start].strip(" “\"«\u0640")
            if gap and not (spans and gap in ("و", "،", ",", "، و", "،و")):
                break
            spans.append((start, stop))
            end = stop + 1  # past the closing quote
    return spans


def _acronym(written: str) -> bool:
    """A word of two or more Latin capitals in Arabic text: an acronym ("CNN", "PYD"), which is a name."""
    return len(written) >= 2 and written.isascii() and written.isalpha() and written.isupper()


def _role_of_someone(norm: str) -> bool:
    """A role with an attached pronoun: "نائبه" (his deputy), "قائدها", "مستشارهم"."""
    stem = re.sub(r"(ه|ها|هم|هما)$", "", norm)
    return stem != norm and len(stem) >= 3 and stem in ROLE_HEADS | ROLES


def _sound_plural(norm: str) -> bool:
    """A feminine sound plural ("الاشتباكات", "العمليات"), rarely a place's name; a short word in ات
    is more often a name ("الفرات")."""
    bare = indefinite(norm)
    return bare.endswith("ات") and len(bare) >= 6


def _surname(norm: str) -> bool:
    """A word that may be a surname on its own: a name word without article, no relative adjective."""
    return is_name_word(norm) and not norm.startswith(DEFINITE) and not norm.endswith("ي")


def _name_before_role(prepared: str, tokens: list[Token], i: int) -> tuple[int, int] | None:
    """A person named before the role that describes them, in apposition: "وقال فراس علاوي، مدير
    مركز ...", "“إبراهيم الهفل”، شيخ عشيرة العكيدات": a given name (no article, not a role, no
    attached و on a long word) and a family name, then a comma and a role noun."""
    if i + 2 >= len(tokens) or indefinite(tokens[i + 2].norm) not in ROLE_WORDS:  # (the rarest condition first)
        return None
    given, family, role = tokens[i], tokens[i + 1], tokens[i + 2]
    if not (is_name_word(given.norm) and is_name_word(family.norm) and is_given_name(given.norm)):
        return None
    if prepared[given.end:family.start].strip(" \u0640") or not re.fullmatch(
            r"[\s“”\"«»]*[،,][\s“”\"«»]*", prepared[family.end:role.start]):
        return None
    return given.start, family.end


def _name_after_role(prepared: str, tokens: list[Token], j: int, known, given: frozenset[str] = frozenset()):
    """The name in "وزير الخارجية السوري، فيصل المقداد", "شيخ قبيلة العكيدات إبراهيم الهفل": after a
    role and its complement (up to MAX_COMPLEMENT words: definite words, في, a noun in construct
    before a definite one, registry names, words in parentheses), a given name (one of ``given``, as
    "فرحان" and "إلهام" are, or a word with no article, no attached و ف ب ل ك on a long word:
    "وتحجيم" is a verbal noun; no noun and adjective in ة: "إدارة الداخلية"; the first such word
    after the complement, right after its comma if it has one) and a family name, with any middle
    names ("شيخ مشايخ قبيلة العكيدات، إبراهيم عبود جدعان الهفل")."""
    parenthesis = False
    for k in range(j, min(len(tokens) - 1, j + MAX_COMPLEMENT + 1)):
        word, following = tokens[k].norm, tokens[k + 1].norm
        gap = prepared[tokens[k - 1].end:tokens[k].start]
        if gap.strip(" ،,()“”\"«»-") or word[:1].isdigit() or without_conjunction(word) in REPORTING_VERBS \
                or known(tokens[k]) == PERSON_TYPE:  # the role's holder is a person the registry knows
            return None  # punctuation, a number or a verb ("شيخ مشايخ العكيدات ينفي ...") ends the phrase
        parenthesis = (parenthesis or "(" in gap) and ")" not in gap
        if k > j and (is_name_word(word) and (is_given_name(word) or word in given
                                              or _set_off(prepared, tokens, k, gap)) or _ali(prepared, tokens[k])) \
                and not (word.endswith("ه") and following.endswith("ه")) \
                and not _inside_complement(tokens[k - 1].norm, word) \
                and not parenthesis and not known(tokens[k]) and is_name_word(following) \
                and not known(tokens[k + 1]) and not prepared[tokens[k].end:tokens[k + 1].start].strip():
            return tokens[k].start, tokens[_family_name_end(prepared, tokens, k)].end
        if k > j and ("،" in gap or "," in gap) and not parenthesis:
            return None  # after the complement's comma comes the name, or nothing is one
        after = tokens[k + 2].norm if k + 2 < len(tokens) else ""
        if not (parenthesis or known(tokens[k]) or word.startswith(DEFINITE) or word.startswith("ل")
                or word == "في" or following.startswith(DEFINITE) or after.startswith(DEFINITE)):
            return None  # a noun in construct may head one more ("شيخ مشايخ قبيلة البكارة")
    return None


def _inside_complement(previous: str, word: str) -> bool:
    """Whether ``word`` still belongs to a role's complement rather than beginning the holder's name:
    after في ("مسؤول في وزارة الخارجية في تصريح خاص") and "باسم" after a spokesman ("المتحدث باسم
    الخارجية"), though باسم is also a given name."""
    return previous == "في" or (word == "باسم" and previous in SPOKESMAN)


def _set_off(prepared: str, tokens: list[Token], k: int, gap: str) -> bool:
    """Whether two words at ``k`` stand between commas, as a person in apposition does ("نائب المتحدث
    باسم الأمم المتحدة، فرحان حق، في ..."): then an initial ف, ب, ل or ك is the name's own letter
    (فرحان), which a word after a role otherwise is not taken for. و is not: after a comma it is
    mostly "and" ("، وتحجيم دوره،")."""
    after = prepared[tokens[k + 1].end:tokens[k + 2].start] if k + 2 < len(tokens) else prepared[tokens[k + 1].end:]
    return ("،" in gap or "," in gap) and after.strip()[:1] in ("،", ",") \
        and not tokens[k].norm.startswith("و") \
        and not has_article(tokens[k].norm)


def _family_name_end(prepared: str, tokens: list[Token], k: int) -> int:
    """Index of the last word of a name whose given name is token ``k``: the next word, or a
    compound's two ("رامي عبد الرحمن"), or over one or two middle names up to a family name with the
    article ("إبراهيم عبود جدعان الهفل")."""
    if tokens[k + 1].norm in COMPOUND_FIRST and k + 2 < len(tokens) and is_name_word(tokens[k + 2].norm):
        return k + 2
    for last in range(k + 2, min(len(tokens), k + 4)):
        if prepared[tokens[last - 1].end:tokens[last].start].strip() or not is_name_word(tokens[last].norm) \
                or not is_given_name(tokens[last - 1].norm):
            break
        if tokens[last].norm.startswith(DEFINITE):
            return last
    return k + 1


def _people_listed(prepared: str, tokens: list[Token], known, given: frozenset[str]) -> list[tuple[int, int]]:
    """The names of a list of people set apart by commas, three at least, two of them beginning with a
    common given name: the dead, the wounded or the detained of a report ("عدنان شجاع الهنيدي، أحمد حنوش
    السليمان، محمود المطر، مخلف العنبز"). Each item is two to four name words the registry does not know;
    what is in parentheses with a number (an age) is passed over."""
    items: list[list[int]] = [[]]
    for k, token in enumerate(tokens):
        gap = prepared[tokens[k - 1].end:token.start] if k else ""
        if any(c in gap for c in "،,:()«»“”\"؛"):
            items.append([])
        items[-1].append(k)
    found, run = [], []
    for item in items + [[]]:
        words = [tokens[k].norm for k in item]
        if words and any(w[:1].isdigit() for w in words):
            continue  # "(12 عاماً)"
        if 2 <= len(item) <= MAX_FAMILY_NAMES + 1 and not any(known(tokens[k]) for k in item) and all(
                is_name_word(w) and w not in KNOWN_HEADS for w in [without_conjunction(words[0]), *words[1:]]):
            run.append(item)
            continue
        if len(run) >= 3 and sum(without_conjunction(tokens[r[0]].norm) in given for r in run) >= 2:
            for r in run:
                first = tokens[r[0]]
                joined = first.norm != without_conjunction(first.norm) and without_conjunction(first.norm) in given
                found.append((first.start + joined, tokens[r[-1]].end))  # (without its و: "ومحمد العبد")
        run = []
    return found


def _place_end(tokens: list[Token], i: int, known, place: tuple[int, int] | None) -> int | None:
    """When a place the registry knows, or the gazetteers' ``place`` (_place), begins at token ``i`` (and
    not before it), the index of the token after it."""
    if known(tokens[i]) == PLACE_TYPE and not (i and known(tokens[i - 1]) == PLACE_TYPE):
        end = i + 1
        while end < len(tokens) and known(tokens[end]) == PLACE_TYPE and not tokens[end].norm.startswith("و"):
            end += 1
        return end
    if place:
        return next(k for k in range(i, len(tokens)) if tokens[k].end >= place[1]) + 1
    return None


def _listed_with(prepared: str, tokens: list[Token], i: int, end: int) -> list[tuple[int, int]]:
    """The one-word names listed with the known place of tokens ``i`` to ``end``, joined by و, before
    it and after it: "ذيبان والعزبة والطيانة", "محيميدة والكسرة وذيبان" (a list of villages often names
    one the registry knows)."""
    spans = []
    j = end
    while j < len(tokens) and _joined(prepared, tokens, j) and _village(tokens[j].norm):
        spans.append((tokens[j].start + 1, tokens[j].end))
        j += 1
    j = i
    while j > 0 and _joined(prepared, tokens, j) and _village(tokens[j - 1].norm, joined=j - 1 > 0 and
                                                               _joined(prepared, tokens, j - 1)):
        j -= 1
        joined = j > 0 and _joined(prepared, tokens, j)
        spans.append((tokens[j].start + joined, tokens[j].end))
    return spans if len(spans) >= 2 else []  # three names at least: "دير الزور وبدأت" is no list


def _joined(prepared: str, tokens: list[Token], j: int) -> bool:
    """Whether token ``j`` continues a list: an attached و and nothing but spaces before it."""
    return tokens[j].norm.startswith("و") and not prepared[tokens[j - 1].end:tokens[j].start].strip()


def _village(norm: str, joined: bool = True) -> bool:
    """Whether a word in a list may be a village's name: a name word, with the article or else no word
    of the dictionary ("وقوات", "ومناطق" are not)."""
    word = norm[1:] if joined else norm
    if joined and is_dictionary_word(norm):  # "وسط" (amid), not و + سط
        return False
    return is_name_word(word) and word not in KNOWN_HEADS and (has_article(word) or not is_dictionary_word(word))


def _listed(prepared: str, tokens: list[Token], j: int, definite: bool = False) -> list[tuple[int, int]]:
    """The one-word names of a list joined by و or by commas: "الجاسمي والعزبة والحريجية",
    "الشعيطات، الدميم، البوحردان" (each without its و); with ``definite``, definite names only."""
    spans = []
    while j < len(tokens):
        gap = prepared[tokens[j - 1].end:tokens[j].start] if spans else ""
        joined = bool(spans) and tokens[j].norm.startswith("و") and not gap.strip(" ،,")
        word = tokens[j].norm[1:] if joined else tokens[j].norm
        if word in KUNYA and j + 1 < len(tokens) and is_name_word(tokens[j + 1].norm) \
                and (not spans or joined or gap.strip() in ("،", ",")):  # "وأبو حمام": a name of two words
            spans.append((tokens[j].start + joined, tokens[j + 1].end))
            j += 2
            continue
        if not is_name_word(word) or word in set(PLACE_WORDS) | NAME_LISTS or definite and not has_article(word) \
                or spans and not joined and gap.strip() not in ("،", ","):
            break
        spans.append((tokens[j].start + joined, tokens[j].end))
        j += 1
    return spans


def _past_list_nouns(tokens: list[Token], j: int) -> int:
    """The first token from ``j`` on that is not a noun announcing a list of places ("في كل من بلدات وقرى
    البوبدران والشعفة", "في كل من مناطق ذيبان والعزبة"): where the names begin."""
    while j < len(tokens) and (tokens[j].norm in LIST_NOUNS or without_conjunction(tokens[j].norm) in LIST_NOUNS):
        j += 1
    return j


def _purpose_end(prepared: str, tokens: list[Token], j: int) -> int | None:
    """The end of an organisation's name that runs from its head word over indefinite name words to
    its purpose, ل with a definite noun or لل ("شبكة رصد سوريا لحقوق الإنسان"، "مركز جسور للدراسات"):
    Arabic names of institutions have this shape, while ordinary phrases after مركز or شبكة rarely
    reach such a purpose within a few words. None when no purpose follows closely."""
    for k in range(j, min(j + MAX_NAME_TOKENS - 1, len(tokens))):
        word = tokens[k].norm
        if (k > j and prepared[tokens[k - 1].end:tokens[k].start].strip()) or not is_name_word(word) \
                or (k > j and word.endswith("ه")):
            return None  # punctuation, a function word, or an adjective in ة ("حركة نزوح كبيرة للأهالي")
        if k > j and word.startswith("لل") and len(word) > 4:
            return tokens[k].end  # للدراسات
        if k > j and word.startswith("ل") and k + 1 < len(tokens) and tokens[k + 1].norm.startswith(DEFINITE) \
                and not prepared[tokens[k].end:tokens[k + 1].start].strip():
            return tokens[k + 1].end  # لحقوق الإنسان
        if word.startswith(DEFINITE):
            return None  # a definite word: the phrase is an ordinary one, or the name rule before applies
    return None


def _qualified_end(prepared: str, tokens: list[Token], i: int, known) -> int | None:
    """The last word of an institution's name made of its head word ``tokens[i]``, what it is of (a
    place, a tribe or other name words) and the adjectives that qualify the head: "مجلس دير الزور
    المدني", "مجلس منبج العسكري", "مجلس المنطقة الشرقية", or a definite head with two adjectives: "المجلس
    الوطني الكردي". A relative adjective agreeing with the head says the phrase is a name; a head with one
    adjective alone ("المجلس العسكري") is a short reference, and a tribe's word (عشيرة) heads no institution."""
    if indefinite(without_conjunction(tokens[i].norm)) in TRIBE_WORDS:
        return None
    complement, adjectives, last = 0, 0, None
    for k in range(i + 1, min(len(tokens), i + MAX_NAME_TOKENS)):
        word = tokens[k].norm
        if prepared[tokens[k - 1].end:tokens[k].start].strip() or not (is_name_word(word) or known(tokens[k])):
            break
        if _relative_adjective(word) and not known(tokens[k]):
            adjectives, last = adjectives + 1, k
        elif adjectives:
            break  # a word after the adjectives is another phrase
        else:
            complement += 1
    definite_head = has_article(tokens[i].norm)
    enough = adjectives >= 2 if definite_head and not complement else complement and adjectives
    return last if enough and complement <= 3 else None


def _relative_adjective(norm: str) -> bool:
    """A definite relative adjective, masculine or feminine ("العسكري", "المدنية", "الشرقية")."""
    return norm.startswith(DEFINITE) and norm.endswith(("ي", "يه")) and len(norm) > 5


def _place(tokens: list[Token], i: int, places: frozenset[tuple[str, ...]]) -> tuple[int, int] | None:
    """A country or city of CLDR's at token ``i`` ("طهران", "وبغداد", "المملكة المتحدة"), without an
    attached و ف ب ل ك; the longest such name."""
    starts = _first_words(places)
    for first, skipped in prefixed_forms(tokens[i].norm).items():
        if (word := name_form(first)) not in starts:  # (most words: one set lookup, not four)
            continue
        for n in (4, 3, 2, 1):
            words = (word, *(name_form(t.norm) for t in tokens[i + 1:i + n]))
            if len(words) == n and words in places:
                return tokens[i].start + skipped, tokens[i + n - 1].end
    return None


@lru_cache(maxsize=8)
def _first_words(places: frozenset[tuple[str, ...]]) -> frozenset[str]:
    return frozenset(words[0] for words in places)


def _continues_name(prepared: str, found: list, tokens: list[Token], i: int, span: tuple[int, int]) -> bool:
    """Whether a place's name right after a name already found, with no conjunction or punctuation
    between, ends that name: a family name taken from a town ("أبو الليث خشام"), not the town."""
    return bool(i) and span[0] == tokens[i].start and not prepared[tokens[i - 1].end:span[0]].strip() \
        and any(end == tokens[i - 1].end for _, end, _, _ in found)


@lru_cache(maxsize=8)
def _given_names(names: frozenset[str]) -> frozenset[str]:
    return frozenset(normalize(n) for n in names)


def _given_and_family(prepared: str, tokens: list[Token], i: int, known,
                      given: frozenset[str]) -> tuple[int, int] | None:
    """A person named with no title: a common given name, then up to three names ("خالد زنكلو", "محمد
    خليل الشويخ"), each another given name or a word the dictionary does not list, with no و ف ب ل ك
    attached, the last one the first definite word that is not a given name ("ماريا زاخاروفا", "علي
    الشعيطي", "زيد الأحمد العايد"). A given name
    that is also a word ("أمل", "نجاح") is proposed only so followed, which an ordinary phrase seldom
    is. A و attached to the given name is left out: the next in a list ("ومداح الموسى")."""
    word = tokens[i].norm
    if word not in given and without_conjunction(word) in given:
        word = without_conjunction(word)
    if word not in given or known(tokens[i]) or not (may_be_given_name(word) or _ali(prepared, tokens[i])):
        return None
    j = i + 1
    while j < len(tokens) and j - i <= MAX_FAMILY_NAMES and not known(tokens[j]) \
            and not prepared[tokens[j - 1].end:tokens[j].start].strip():
        name = tokens[j].norm
        if not is_name_word(name) or name in KNOWN_HEADS or is_action(name) or (not _patronymic(name, given) and (
                len(prefixed_forms(name)) > 1 or is_dictionary_word(name))):  # (an attached و ل ب: "ومثقفين")
            break
        j += 1
        if has_article(name) and not _patronymic(name, given):  # (a father's: "زيد الأحمد العايد")
            break
    return (tokens[i].start + (word != tokens[i].norm), tokens[j - 1].end) if j > i + 1 else None


def _ali(prepared: str, token: Token) -> bool:
    """Whether a token is the given name علي (Ali) as written, with or without و: normalising ى to ي
    makes it the function word على (on), which texts write with ى."""
    return without_conjunction(prepared[token.start:token.end]) == "علي"


def _patronymic(name: str, given: frozenset[str]) -> bool:
    """Whether a word after a given name names the father or the family by a given name, with or without
    the article, as Syrian names do ("زيد الأحمد العايد", "ياسر الموسى"), though it is also a word."""
    return name in given or has_article(name) and indefinite(name) in given


def _sayer(prepared: str, tokens: list[Token], i: int, known, given: frozenset[str]) -> tuple[int, int] | None:
    """The words between a verb of saying and the إنّ/أنّ, comma or colon that opens what was said
    ("وقالت زاخاروفا، إن", "وأضاف دوجاريك أن"), when each is a given name, a family named after one,
    or a word no dictionary lists, with or without a letter that may be attached: "وقال المصدر إن" is
    an ordinary noun."""
    if without_conjunction(tokens[i].norm) not in SAYING_VERBS:
        return None
    for j in range(i + 1, min(i + 1 + MAX_FAMILY_NAMES, len(tokens))):
        word = tokens[j].norm
        if known(tokens[j]) or not is_name_word(word) or prepared[tokens[j - 1].end:tokens[j].start].strip() \
                or not (_patronymic(word, given) or not any(map(is_dictionary_word, prefixed_forms(word)))):
            return None
        end = tokens[j + 1].start if j + 1 < len(tokens) else len(prepared)
        if prepared[tokens[j].end:end].strip() in ("،", ",", ":") or j + 1 < len(tokens) and \
                not prepared[tokens[j].end:end].strip() and tokens[j + 1].norm in SAID_OPENERS:
            return tokens[i + 1].start, tokens[j].end
    return None


def _village_of_tribe(prepared: str, tokens: list[Token], i: int, known) -> tuple[int, int] | None:
    """A village named «جديد/جديدة» and a tribe's name ("وجديد بكارة", "جديدة عكيدات"): the tribe the
    registry knows, or a word no dictionary lists and that nothing may be attached to; not "جديد
    للمدرسة", "جديدة بحق", "جديدة يتزعمها"."""
    token = tokens[i]
    if without_conjunction(token.norm) not in VILLAGE_WORDS or i + 1 >= len(tokens) \
            or prepared[token.end:tokens[i + 1].start].strip():
        return None
    tribe = tokens[i + 1].norm
    if tribe.startswith(("ل", "بال", "وال", "فال", "كال", "ي")) or not (known(tokens[i + 1]) == TRIBE_TYPE or (
            is_name_word(tribe) and len(prefixed_forms(tribe)) == 1 and not is_dictionary_word(tribe))):
        return None
    return token.start + (token.norm not in VILLAGE_WORDS), tokens[i + 1].end


def _past_title_adjectives(tokens: list[Token], j: int) -> int:
    """The first token from ``j`` on that is no adjective of a title: "المبعوث الأمريكي ...", "القائد
    العام ...", "الرئيس المشارك ...", "الناطق الرسمي باسم ..."."""
    while j < len(tokens) and (is_nisba(tokens[j].norm) or tokens[j].norm in TITLE_ADJECTIVES):
        j += 1
    return j


def _nicknamed(prepared: str, tokens: list[Token], i: int, known) -> tuple[int, int] | None:
    """The two to four name words right before a word of nickname ("فرحات عبدي شاهين الملقب بـ..."):
    only a person's full name is followed by the name they go by."""
    start = i
    while start > 0 and i - start < MAX_FAMILY_NAMES + 1 and is_name_word(tokens[start - 1].norm) \
            and not known(tokens[start - 1]) and tokens[start - 1].norm not in KNOWN_HEADS \
            and not prepared[tokens[start - 1].end:tokens[start].start].strip(" \"”»"):
        start -= 1
    return (tokens[start].start, tokens[i - 1].end) if i - start >= 2 else None


def _credited(prepared: str, tokens: list[Token], i: int, known) -> tuple[int, int] | None:
    """Two or three name words between a page's credit and its colon and the end of the credit (a dash,
    a bar, another credit or the paragraph's end): "إعداد: زانا العلي – تحرير: سعد اليازجي". The colon
    tells the credit from the word ("تحرير القرى", the liberation of the villages)."""
    if tokens[i].norm not in BYLINES or i + 1 >= len(tokens) or \
            prepared[tokens[i].end:tokens[i + 1].start].strip() not in (":", "："):
        return None
    for j in range(i + 1, min(i + 1 + MAX_FAMILY_NAMES + 1, len(tokens))):
        if known(tokens[j]) or not is_name_word(tokens[j].norm) or tokens[j].norm in BYLINES or \
                (j > i + 1 and prepared[tokens[j - 1].end:tokens[j].start].strip()):
            return None
        after = prepared[tokens[j].end:tokens[j + 1].start if j + 1 < len(tokens) else len(prepared)].strip()
        if j > i + 1 and (not after or after[0] in "–—-|/" or j + 1 < len(tokens) and tokens[j + 1].norm in BYLINES):
            return tokens[i + 1].start, tokens[j].end
    return None


def _clan(token: Token, given: frozenset[str]) -> tuple[int, int] | None:
    """"Al-Bu" (descendants of) joined to a given name names a clan or the village it lives in, in the
    Euphrates valley ("البوكمال", "والبوحسن"); no ordinary word is so made ("البوابة", "البورصة")."""
    word = without_conjunction(token.norm)
    if word.startswith("البو") and len(word) >= 7 and word[4:] in given:
        return token.start + (word != token.norm), token.end
    return None


def _relative_of(prepared: str, tokens: list[Token], i: int, surnames: frozenset[str]) -> tuple[int, int] | None:
    """A person of a registry person's family: a given name right before their family name ("مصعب
    الهفل", "وجلال الخبيل"; the registry person's own full name is a registry mention, dropped later)."""
    if i + 1 >= len(tokens) or indefinite(name_form(tokens[i + 1].norm)) not in surnames \
            or prepared[tokens[i].end:tokens[i + 1].start].strip():
        return None
    word = tokens[i].norm
    given = word[1:] if word[:1] == "و" and len(word) > 3 and is_given_name(word[1:]) else word
    if not may_be_given_name(given):
        return None
    return tokens[i].start + len(word) - len(given), tokens[i + 1].end


def _definite_plural(norm: str) -> bool:
    """A definite sound masculine plural that is no relative adjective ("الموقوفين", "المعتقلون"; not
    "السوريين"): a participle describing people, never the end of a name."""
    return norm.startswith(DEFINITE) and norm.endswith(("ين", "ون")) and not norm.endswith(("يين", "يون")) \
        and len(norm) > 6


def _quoted(text: str) -> list[tuple[int, int]]:
    """Spans of short quoted phrases (offsets in ``prepare(text)``)."""
    return [m.span(1) for m in _QUOTED.finditer(prepare(text))
            if 1 <= len(tokenize(m.group(1))) <= MAX_NAME_TOKENS - 1]
