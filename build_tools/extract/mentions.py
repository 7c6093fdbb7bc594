"""Where registry actors are named, and names the registry does not know yet.

Mentions are the registry matcher's hits (registry.py) plus what only the whole
document shows:
- a name broken across two lines ("مجلس دير" / "الزور العسكري");
- short references after the full name: a person's surname ("الخبيل" after
  "أحمد الخبيل") and an institution's head noun ("المجلس" after "مجلس دير الزور
  العسكري"), resolved to the latest full mention before them;
- a government named by its relative adjective after a noun of agency
  ("المحتل التركي"), when nothing longer names it there; after a military noun
  ("القوات الأمريكية") it is the government's armed force when the registry has one;
- a government named by its seat (metonymy): after a noun of government or of armed
  force ("حكومة دمشق", "السلطة في دمشق", "قوات دمشق"), as the subject of a verb of saying
  or demanding ("دعت واشنطن", "واشنطن تدعو") and after a word of allegiance ("الموالي
  لدمشق", "المدعومة من واشنطن"): the place's mention becomes the government's. Elsewhere
  ("وصل إلى دمشق", "دعم دمشق للقبائل") the city stays a place: the context must say so.

Candidates (names the registry may lack) are ranked by evidence, meant to be
reviewed, not trusted: the words after a title (الشيخ، الجنرال، المتحدث باسم; one
word after a military rank: "اللواء فويل"), a person's name before or after the role
that describes them ("فراس علاوي، مدير ...", "شيخ قبيلة البكارة حاجم البشير", with
middle names), a kunya (أبو ...), a word that introduces an organisation, a tribe,
a place or a medium (عشيرة، لواء، حركة، بلدة، منطقة، مراسل ...; a quoted phrase right
after it is the name: شبكة “فرات بوست”), a short quoted phrase; each repetition in
the text adds to the score, and only candidates with at least MIN_SCORE are proposed.
A candidate that holds a registry name, a function word (arabic-stopwords) or a
dismissed phrase (data/not_names.yml), or whose words all belong to one longer
registry name (a short reference: "المجلس العسكري"), is dropped.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from ..normalize import (CONJUNCTIONS, DEFINITE, Token, has_article, indefinite, is_qualifier, is_stop_word, name_form,
                         name_tokens, nisba_stem, normalize, prefixed_forms, prepare, skip_letters, tokenize)
from ..registry import PERSON_TYPE, Match, NameMatcher
from ..sources import Paragraph

CONTEXT_CHARS = 70
MAX_NAME_TOKENS = 4
MIN_SCORE = 2
# Nouns of agency after which a relative adjective names a government: "المحتل التركي".
_MILITARY_NOUNS = {"قوات", "جيش", "احتلال", "محتل", "طيران", "قاعده", "قواعد", "جنود", "قصف", "طائرات", "مسيرات"}
_AGENT_NOUNS = _MILITARY_NOUNS | {"حكومه", "مخابرات", "فصائل", "ميليشيات", "مليشيات", "نظام", "دوله", "سلطات",
                                  "سلطه", "خارجيه", "وزاره", "جانب", "تدخل", "دعم"}
_GOVERNING_NOUNS = {"حكومه", "نظام", "سلطه", "سلطات", "دوله"}  # "حكومة دمشق"; "دعم دمشق" stays the city
# Nouns of armed force before a seat: "قوات دمشق" (not قصف/طيران: "قصف دمشق" is the city shelled).
_FORCE_NOUNS = {"قوات", "جيش", "ميليشيات", "مليشيات", "مخابرات"}
# Verbs whose subject a capital is when it stands for its government; a city takes the feminine:
# "دعت واشنطن", "قالت دمشق", "واشنطن تدعو". Without و/ف, which a verb may carry.
_SEAT_VERBS = set("""دعت قالت أكدت طالبت اتهمت أعلنت حذرت نفت رفضت أدانت ناشدت حثت ردت هددت رحبت أعربت شددت
    طلبت عبرت اعتبرت أبلغت قررت تدعو تقول تؤكد تطالب تتهم تعلن تحذر تنفي ترفض تدين تناشد تحث ترد تهدد ترحب
    تعرب تشدد تطلب تعتبر""".split())
# Words of allegiance before "لـ"/"من" and a capital: "الشيخ الموالي لدمشق", "المدعومة من واشنطن".
_ALLEGIANCE = {"الموالي", "الموالية", "الموالين", "الموالون", "موالي", "موالية", "موالين", "المقرب", "المقربة",
               "المقربين", "المدعوم", "المدعومة", "المدعومين", "مدعوم", "مدعومة", "مدعومين", "التابع", "التابعة",
               "التابعين", "المرتبط", "المرتبطة", "المرتبطين"}
# Actor types that short references (surname, head noun) may point back to; places and
# governments are named in full or by their own aliases.
_NO_SHORT_REFERENCE = {"place", "government"}
# Titles before a person's name, and the evidence they give.
_TITLES = {"الشيخ", "الجنرال", "العقيد", "اللواء", "العميد", "المقدم", "الرائد", "النقيب", "القيادي", "المدعو",
           "الملقب", "السيد", "الدكتور", "المبعوث", "السفير", "الرئيس", "الامير", "الوجيه", "المختار", "الحاج",
           "القائد", "الزعيم", "الناشط", "الصحفي", "الكاتب", "الباحث", "المحامي"}
# Military ranks: one word after them is a surname ("اللواء فويل"), as it is not after other titles.
_RANKS = {"الجنرال", "العقيد", "اللواء", "العميد", "المقدم", "الرائد", "النقيب"}
_SPOKESMAN = {"المتحدث", "الناطق", "متحدث", "ناطق"}  # "المتحدث باسم X": X is an organisation
_KUNYA = {"ابو", "ابي", "ابا"}  # not ام: as أم it is also "or"
_LINKS = {"بن", "ابن", "ال"}  # inside a name: "محمد بن سلمان"
# Words introducing a named group: strong ones (a tribe, an armed unit, a party) and
# institutional ones, which also head ordinary phrases (مركز المدينة) and so count for less.
_GROUP_WORDS = {w: 2 for w in ("عشيره", "قبيله", "لواء", "فرقه", "كتيبه", "فيلق", "حزب", "حركه", "جبهه", "تجمع",
                               "ائتلاف", "ميليشيا", "مليشيا", "الجيش", "جيش")}
_GROUP_WORDS |= {w: 1 for w in ("منظمه", "مجلس", "هيئه", "مركز", "شبكه", "اتحاد", "رابطه", "جمعيه", "مؤسسه",
                                "المرصد", "الشبكه", "تنسيقيه", "غرفه")}
# Words introducing a place or a medium by its name: "بلدة ذيبان", "حقل العمر", "وكالة سبوتنيك".
_PLACE_WORDS = {w: 2 for w in ("قريه", "بلده", "مدينه", "حي", "مخيم", "ناحيه", "حقل", "نهر", "جسر", "معبر", "سد",
                                "وكاله", "قناه", "صحيفه", "اذاعه", "مجله", "ريف")}
_PLACE_WORDS |= {"منطقه": 2, "سجن": 2, "تل": 2, "مراسل": 2}  # "منطقة المعامل", "سجن غويران", "مراسل سانا"
_PLACE_WORDS["موقع"] = 1  # also "location": a name after it needs another clue (quotes, repetition)
# Plurals introducing a list of places: "قرى الجاسمي والعزبة والحريجية".
_PLACE_LISTS = {"قري", "بلدات", "مدن", "احياء", "مخيمات", "بلدتي", "قريتي", "مدينتي"}
# Nouns of role that end a person's name: "الشيخ مصعب الهفل شيخ قبيلة ..."
_ROLES = {"شيخ", "قائد", "زعيم", "رئيس", "مسؤول", "عضو", "امير", "مدير", "وزير", "نائب", "مبعوث", "قيادي"}
# Roles before "<complement> <given name> <family name>" in journalistic apposition.
_ROLE_HEADS = {"وزير", "مدير", "عضو", "رئيس", "مسوول", "نائب", "مستشار", "ممثل", "قائد", "امين", "شيخ", "رئاسه",
               "الرئاسه"}
_ROLE_WORDS = _ROLES | _ROLE_HEADS  # a role after a name in apposition: "فراس علاوي، مدير ..."
# Nouns for those who lead or speak for a group: "قيادة العشائر", "مشايخ القبائل", "وجهاء دير الزور".
_REPRESENTATIVES = {"قيادة", "قيادات", "مشايخ", "شيوخ", "زعماء", "وجهاء", "أعيان", "ممثلو", "ممثلي"}
_COMPOUND_FIRST = {"عبد", "ابو", "بن"}  # "رامي عبد الرحمن": the family name has two words
MAX_COMPLEMENT = 7  # words between a role and the name: "عضو المجلس الرئاسي في مجلس سوريا الديمقراطية (مسد)"
# The vocabularies above are written as Arabic is written; tokens are compared normalised (قائد -> قايد).
_MILITARY_NOUNS, _AGENT_NOUNS, _GOVERNING_NOUNS, _FORCE_NOUNS, _SEAT_VERBS, _ALLEGIANCE, _TITLES, _RANKS, _SPOKESMAN, \
    _KUNYA, _LINKS, _PLACE_LISTS, _ROLES, _ROLE_HEADS, _REPRESENTATIVES, _COMPOUND_FIRST = (
        {normalize(w) for w in words} for words in (
            _MILITARY_NOUNS, _AGENT_NOUNS, _GOVERNING_NOUNS, _FORCE_NOUNS, _SEAT_VERBS, _ALLEGIANCE, _TITLES, _RANKS,
            _SPOKESMAN, _KUNYA, _LINKS, _PLACE_LISTS, _ROLES, _ROLE_HEADS, _REPRESENTATIVES, _COMPOUND_FIRST))
_GROUP_WORDS, _PLACE_WORDS = ({normalize(w): weight for w, weight in words.items()}
                              for words in (_GROUP_WORDS, _PLACE_WORDS))
_KNOWN_HEADS = _ROLE_HEADS | _TITLES | _SPOKESMAN | _KUNYA | set(_PLACE_WORDS) | _PLACE_LISTS
_QUOTED = re.compile(r"[“\"«]([^“”\"«»\n]{2,40})[”\"»]")
_SENTENCE_END = re.compile(r"[.!?؟؛:]\s*$")


@dataclass(frozen=True)
class Mention:
    actor_id: str
    paragraph: Paragraph
    start: int
    end: int

    @property
    def matched(self) -> str:
        return prepare(self.paragraph.text)[self.start:self.end]

    @property
    def context(self) -> tuple[str, str, str]:
        """(words before, the name as written, words after), cut at word boundaries, … where cut."""
        return context_of(self.paragraph.text, self.start, self.end)


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


def context_of(text: str, start: int, end: int) -> tuple[str, str, str]:
    text = prepare(text)
    left, right = max(0, start - CONTEXT_CHARS), min(len(text), end + CONTEXT_CHARS)
    if left > 0 and (space := text.find(" ", left, start)) != -1:
        left = space + 1
    if right < len(text) and (space := text.rfind(" ", end, right)) != -1:
        right = space
    return (("…" if left > 0 else "") + text[left:start], text[start:end],
            text[end:right] + ("…" if right < len(text) else ""))


def find_mentions(paragraphs, matcher: NameMatcher, exclude: set[str]) -> list[Mention]:
    """Every mention of a registry actor in the document, in reading order; linear in its length."""
    mentions: list[Mention] = []
    latest: dict[str, str] = {}  # short form -> the actor whose full name was seen last
    previous: tuple[Paragraph, list[Token]] | None = None
    for p in paragraphs:
        text = _Text(p.text)
        matches = matcher.find(p.text)
        if previous is not None:
            mentions += _across_lines(previous, p, text.tokens, matcher, matches)
        matches = _seats(text, matches, matcher)
        covered, ends = text.cover(matches)
        matches += _adjectival(text, covered, matcher)
        matches += _short_references(text, covered, ends, matcher, latest)
        mentions += [Mention(m.entity_id, p, m.start, m.end) for m in sorted(matches, key=lambda m: (m.start, m.end))]
        previous = (p, text.tokens)
    return [m for m in mentions if m.actor_id not in exclude]


class _Text:
    """A paragraph prepared once: its tokens, and which of them the matcher's hits cover."""

    def __init__(self, text: str):
        self.prepared = prepare(text)
        self.tokens = tokenize(text)

    def cover(self, matches: list[Match]) -> tuple[list[bool], dict[int, list[str]]]:
        """(token i lies in a match, {index of a match's last token: its actors}), in one pass."""
        starts = [t.start for t in self.tokens]
        covered, ends = [False] * len(self.tokens), {}
        for m in matches:
            first, last = bisect_right(starts, m.start) - 1, bisect_left(starts, m.end) - 1
            for i in range(max(first, 0), last + 1):
                covered[i] = True
            ends.setdefault(last, []).append(m.entity_id)
        return covered, ends

    def span(self, i: int, taken: int, last: int) -> tuple[int, int]:
        """Offsets from token ``i`` (after ``taken`` prefix letters) to the end of token ``last``."""
        token = self.tokens[i]
        return token.start + skip_letters(self.prepared[token.start:token.end], taken), self.tokens[last].end

    def qualified(self, i: int) -> bool:
        """Followed by a definite word that qualifies it (القوات الأمريكية): then it names something else."""
        return i + 1 < len(self.tokens) and self.tokens[i + 1].norm.startswith(DEFINITE) and is_qualifier(
            self.prepared[self.tokens[i + 1].start:self.tokens[i + 1].end])


def _across_lines(previous, p: Paragraph, tokens: list[Token], matcher: NameMatcher, here: list[Match]) -> list[Mention]:
    """Names begun at the end of the previous line and finished at the start of this one."""
    before, before_tokens = previous
    if not before_tokens or not tokens or _SENTENCE_END.search(before.text):
        return []
    tail_start = before_tokens[max(0, len(before_tokens) - MAX_NAME_TOKENS)].start
    tail = prepare(before.text)[tail_start:]
    head_end = tokens[min(len(tokens), MAX_NAME_TOKENS) - 1].end
    joined = tail + " " + prepare(p.text)[:head_end]
    started_here = {m.entity_id for m in here if m.start == tokens[0].start}
    return [Mention(m.entity_id, before, tail_start + m.start, len(prepare(before.text)))
            for m in matcher.find(joined)
            if m.start < len(tail) and m.end > len(tail) + 1 and m.entity_id not in started_here]


def _bare(token: Token) -> list[tuple[str, int]]:
    """(matching form, prefix letters) of a token and of it without attached و ف ب ل ك. For names
    only: a word of our vocabularies is compared as normalised ("الخارجية" is no "-ia" name)."""
    return [(name_form(form), taken) for form, taken in prefixed_forms(token.norm).items()]


def _adjectival(text: _Text, covered: list[bool], matcher: NameMatcher) -> list[Match]:
    """"المحتل التركي", "الخارجية الأمريكية": a noun of agency and a government's adjective; not as
    the complement of a role ("وزير الخارجية الأمريكي" names a minister, not the government)."""
    found = []
    for i, token in enumerate(text.tokens[:-1]):
        if covered[i + 1] or (entity_id := matcher.adjectives.get(nisba_stem(text.tokens[i + 1].norm))) is None \
                or (i and is_role_noun(text.tokens[i - 1].norm)):
            continue
        for form, taken in prefixed_forms(token.norm).items():  # vocabulary, not names: no name_form
            if indefinite(form) in _AGENT_NOUNS:
                force = matcher.entities[entity_id].armed_force
                found.append(Match(force if force and indefinite(form) in _MILITARY_NOUNS else entity_id,
                                   *text.span(i, taken, i + 1)))
                break
    return found


def _seats(text: _Text, matches: list[Match], matcher: NameMatcher) -> list[Match]:
    """A seat of government standing for the government (see the module's docstring): its mention
    becomes the government's, or the government's armed force after a noun of armed force."""
    if not matcher.seats:
        return matches
    starts = [t.start for t in text.tokens]
    out = []
    for m in matches:
        government = matcher.seats.get(m.entity_id)
        first, last = bisect_right(starts, m.start) - 1, bisect_left(starts, m.end) - 1
        named = _seat_as_government(text, first, last) if government else None
        if named is None:
            out.append(m)
            continue
        start, military = named
        force = matcher.entities[government].armed_force
        out.append(Match(force if military and force else government, m.start if start is None else start, m.end))
    return out


def _seat_as_government(text: _Text, first: int, last: int) -> tuple[int | None, bool] | None:
    """For a seat's mention (tokens ``first``..``last``): (where the government's mention starts, None
    for the seat itself; whether a noun of armed force names it), or None when it is the place."""
    tokens = text.tokens
    head = first - 1
    if head >= 1 and tokens[head].norm == "في":  # "السلطة في دمشق": only after a noun of government
        head = head - 1 if _head_noun(tokens[head - 1], _GOVERNING_NOUNS) is not None else -1
    if head >= 0:
        for nouns, military in ((_GOVERNING_NOUNS, False), (_FORCE_NOUNS, True)):
            if (taken := _head_noun(tokens[head], nouns)) is not None and (not military or head == first - 1):
                return text.span(head, taken, head)[0], military
    verb_before = first > 0 and _without_conjunction(tokens[first - 1].norm) in _SEAT_VERBS
    verb_after = last + 1 < len(tokens) and _without_conjunction(tokens[last + 1].norm) in _SEAT_VERBS
    allegiance = (first > 0 and tokens[first - 1].norm in _ALLEGIANCE and tokens[first].norm.startswith("ل")) or (
        first > 1 and tokens[first - 1].norm == "من" and tokens[first - 2].norm in _ALLEGIANCE)
    return (None, False) if verb_before or verb_after or allegiance else None


def _head_noun(token: Token, nouns: set[str]) -> int | None:
    """Prefix letters before ``token``'s form that is one of ``nouns`` (definite or not), or None."""
    return next((taken for form, taken in prefixed_forms(token.norm).items() if indefinite(form) in nouns), None)


def _without_conjunction(norm: str) -> str:
    """A word without an attached و or ف ("ودعت" -> "دعت", "وقوات" -> "قوات")."""
    return norm[1:] if norm[:1] in CONJUNCTIONS and len(norm) > 3 else norm


def _short_forms(matcher: NameMatcher, entity_id: str) -> list[str]:
    """What the text may later call an actor it has named in full: a person's surname, an
    institution's head noun with the article (مجلس دير الزور العسكري -> المجلس)."""
    entity = matcher.entities[entity_id]
    return _short_forms_of(entity.ar, entity.type)


@lru_cache(maxsize=4096)
def _short_forms_of(name: str, entity_type: str | None) -> list[str]:
    words = [name_form(t.norm) for t in tokenize(name)]
    if len(words) < 2 or entity_type in _NO_SHORT_REFERENCE:
        return []
    if entity_type == PERSON_TYPE:
        short = words[-1]
    else:
        short = words[0] if words[0].startswith(DEFINITE) else DEFINITE + words[0]
    return [] if is_stop_word(short) or len(indefinite(short)) < 3 else [short]


def _short_references(text: _Text, covered: list[bool], ends: dict[int, list[str]], matcher: NameMatcher,
                      latest: dict[str, str]) -> list[Match]:
    """Short references in this paragraph; ``latest`` carries the full mentions seen so far."""
    found = []
    for i, token in enumerate(text.tokens):
        if latest and not covered[i]:
            hit = next(((form, taken) for form, taken in _bare(token) if form in latest), None)
            if hit and not text.qualified(i):
                found.append(Match(latest[hit[0]], *text.span(i, hit[1], i)))
        for entity_id in ends.get(i, ()):
            for short in _short_forms(matcher, entity_id):
                latest[short] = entity_id
    return found


def find_candidates(paragraphs, matchers: list[NameMatcher], dismissed: set[str]) -> list[Candidate]:
    """Possible names not in the registry, best evidence first; ``dismissed`` holds normalised names to skip."""
    seen: dict[str, dict] = {}
    counts: Counter = Counter()
    for p in paragraphs:
        tokens = tokenize(p.text)
        known = [m for matcher in matchers for m in matcher.find(p.text)]
        keys = [t.norm for t in tokens]
        for n in range(1, MAX_NAME_TOKENS + 1):  # every word sequence, to count repetitions
            counts.update(" ".join(keys[i:i + n]) for i in range(len(keys) - n + 1))
        for start, end, score, why in _proposals(p.text, tokens, lambda t: any(
                m.start < t.end and t.start < m.end for m in known)):
            name = re.sub(r"[“”\"«»]", "", prepare(p.text)[start:end]).strip()
            key = name_key(name)
            if (not key or key in dismissed or any(m.start < end and start < m.end for m in known)
                    or any(is_stop_word(t) for t in key.split() if t not in _KUNYA)):
                continue
            entry = seen.setdefault(key, {"name": name, "paragraph": p, "span": (start, end), "score": 0,
                                          "evidence": []})
            if why not in entry["evidence"]:
                entry["score"] += score
                entry["evidence"].append(why)
    ranked = []
    short_forms = _short_form_test(matchers)
    for key, e in seen.items():
        if short_forms(key):
            continue
        repeated = max(0, counts[key] - 1)
        score = e["score"] + repeated
        if score >= MIN_SCORE:
            evidence = tuple(e["evidence"]) + ((f"named {counts[key]} times",) if repeated else ())
            ranked.append(Candidate(e["name"], e["paragraph"], score, evidence, *e["span"]))
    return sorted(ranked, key=lambda c: (-c.score, c.paragraph.number, c.start))


def _short_form_test(matchers: list[NameMatcher]):
    """A test of whether a candidate's two or more words all belong to one longer registry name: a
    short reference to a known actor ("المجلس العسكري" for مجلس دير الزور العسكري), not a new name."""
    names = [frozenset(indefinite(name_form(t)) for t in name_tokens(n))
             for matcher in matchers for e in matcher.entities.values() for n in e.names]

    def test(key: str) -> bool:
        words = frozenset(indefinite(name_form(t)) for t in key.split())
        return len(words) >= 2 and any(words < n for n in names)  # one word (الفرات) may be a name of its own
    return test


def name_key(name: str) -> str:
    return " ".join(t.norm for t in tokenize(name))


def _proposals(text: str, tokens: list[Token], known) -> list[tuple[int, int, int, str]]:
    """(start, end, score, evidence) of each word sequence that looks like a name."""
    quoted = _quoted(text)
    out = [(s, e, 1, "quoted") for s, e in quoted]
    prepared = prepare(text)
    for i, token in enumerate(tokens):
        forms = prefixed_forms(token.norm)  # "لوكالة" is "وكالة" after ل
        word = next((f for f in forms if f in _KNOWN_HEADS or indefinite(f) in _GROUP_WORDS), token.norm)
        if word in _ROLE_HEADS:
            if (span := _name_after_role(prepared, tokens, i + 1, known)):
                out.append((*span, 2, f"a name after the role {word}"))
        elif word in _TITLES:
            j = i + 1
            while j < len(tokens) and _is_nisba(tokens[j].norm):  # "المبعوث الأمريكي ...": skip the adjective
                j += 1
            if (span := _name_after(prepared, tokens, j, person=True)):
                out.append((*span, 2, f"after the title {token.norm}"))
            elif word in _RANKS and j < len(tokens) and _surname(tokens[j].norm) and j == i + 1:
                out.append((tokens[j].start, tokens[j].end, 2, f"after the rank {token.norm}"))
            elif (span := _name_after_role(prepared, tokens, j, known)):  # "الشيخ الموالي لدمشق فلان الفلاني"
                out.append((*span, 2, f"after the title {token.norm}"))
        elif word in _SPOKESMAN and i + 1 < len(tokens) and tokens[i + 1].norm == "باسم":
            if (span := _name_after(prepared, tokens, i + 2, person=False)):
                out.append((*span, 2, f"after {token.norm} باسم"))
        elif word in _KUNYA and i + 1 < len(tokens) and _name_word(tokens[i + 1].norm):
            last = i + 2 if i + 2 < len(tokens) and tokens[i + 2].norm.startswith(DEFINITE) \
                and _name_word(tokens[i + 2].norm) and not _is_nisba(tokens[i + 2].norm) else i + 1
            out.append((token.start + forms.get(word, 0), tokens[last].end, 2, "a kunya (أبو ...)"))
        elif word in _PLACE_WORDS:
            first = i + 2 if i + 1 < len(tokens) and tokens[i + 1].norm == "انباء" else i + 1  # وكالة أنباء X
            if (span := _quoted_after(prepared, tokens[first - 1].end, quoted)):
                out.append((*span, _PLACE_WORDS[word], f"after {word}"))
            elif (span := _name_after(prepared, tokens, first, person=False, any_first=True)):
                plural = _sound_plural(tokens[first].norm)  # "منطقة الاشتباكات": a common noun
                out.append((*span, _PLACE_WORDS[word] - plural, f"after {word}"))
        elif word in _PLACE_LISTS:
            listed = _listed(prepared, tokens, i + 1)
            out += [(*span, 2, f"listed after {word}") for span in listed if len(listed) >= 2]
        elif indefinite(word) in _GROUP_WORDS or word in _GROUP_WORDS:
            weight = _GROUP_WORDS.get(indefinite(word), _GROUP_WORDS.get(word))
            if (span := _quoted_after(prepared, token.end, quoted)
                    or _name_after(prepared, tokens, i + 1, person=False, definite=True)):
                out.append((token.start + forms.get(word, 0), span[1], weight, f"after {word}"))
            elif (end := _purpose_end(prepared, tokens, i + 1)):
                out.append((token.start + forms.get(word, 0), end, weight + 1, f"{word} ... for a purpose"))
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
        if not _name_word(word) or (end > j and prepared[tokens[end - 1].end:tokens[end].start].strip(" “”\"«»")):
            break
        if (definite or (any_first and end > j)) and not (word.startswith(DEFINITE) or word.startswith("ل")):
            break
        if person and end - j == 2 and tokens[end - 1].norm not in _LINKS:
            break  # a third word only in "محمد بن سلمان"
        end += 1
    if end == j or (person and end - j == 1):
        return None  # one word after a title is more often an adjective (المبعوث الخاص) than a name
    return tokens[j].start, tokens[end - 1].end


def _quoted_after(prepared: str, end: int, quoted: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The quoted phrase that opens right after offset ``end`` (a head word): "شبكة “فرات بوست”",
    "مركز "الشرق نيوز"". The quotes say where the name ends, which its words alone do not."""
    return next(((s, e) for s, e in quoted if s > end and not prepared[end:s].strip(" “\"«\u0640")), None)


def _role_of_someone(norm: str) -> bool:
    """A role with an attached pronoun: "نائبه" (his deputy), "قائدها", "مستشارهم"."""
    stem = re.sub(r"(ه|ها|هم|هما)$", "", norm)
    return stem != norm and len(stem) >= 3 and stem in _ROLE_HEADS | _ROLES


def _sound_plural(norm: str) -> bool:
    """A feminine sound plural ("الاشتباكات", "العمليات"), rarely a place's name; a short word in ات
    is more often a name ("الفرات")."""
    bare = indefinite(norm)
    return bare.endswith("ات") and len(bare) >= 6


def _surname(norm: str) -> bool:
    """A word that may be a surname on its own: a name word without article, no relative adjective."""
    return _name_word(norm) and not norm.startswith(DEFINITE) and not norm.endswith("ي")


def _name_before_role(prepared: str, tokens: list[Token], i: int) -> tuple[int, int] | None:
    """A person named before the role that describes them, in apposition: "وقال فراس علاوي، مدير
    مركز ...", "“إبراهيم الهفل”، شيخ عشيرة العكيدات": a given name (no article, not a role, no
    attached و on a long word) and a family name, then a comma and a role noun."""
    if i + 2 >= len(tokens) or indefinite(tokens[i + 2].norm) not in _ROLE_WORDS:  # (the rarest condition first)
        return None
    given, family, role = tokens[i], tokens[i + 1], tokens[i + 2]
    if not (_name_word(given.norm) and _name_word(family.norm) and _given_name(given.norm)):
        return None
    if prepared[given.end:family.start].strip(" \u0640") or not re.fullmatch(
            r"[\s“”\"«»]*[،,][\s“”\"«»]*", prepared[family.end:role.start]):
        return None
    return given.start, family.end


def _given_name(norm: str) -> bool:
    """Whether a word may be a given name: no article, no و ف ب ل ك attached to a long word
    ("وتحجيم" is a verbal noun; فيصل، وليد are names), no noun of role, place or group."""
    return not has_article(norm) \
        and not (norm[0] in "وفبلك" and len(norm) > 4) and norm not in _KNOWN_HEADS \
        and indefinite(norm) not in _GROUP_WORDS


def _name_after_role(prepared: str, tokens: list[Token], j: int, known):
    """The name in "وزير الخارجية السوري، فيصل المقداد", "شيخ قبيلة العكيدات إبراهيم الهفل": after a
    role and its complement (up to MAX_COMPLEMENT words: definite words, في, a noun in construct
    before a definite one, registry names, words in parentheses), a given name (no article, no
    attached و ف ب ل ك on a long word: "وتحجيم" is a verbal noun; no noun and adjective in ة: "إدارة
    الداخلية"; the first such word after the complement, right after its comma if it has one) and a
    family name, with any middle names ("شيخ مشايخ قبيلة العكيدات، إبراهيم عبود جدعان الهفل")."""
    parenthesis = False
    for k in range(j, min(len(tokens) - 1, j + MAX_COMPLEMENT + 1)):
        word, following = tokens[k].norm, tokens[k + 1].norm
        gap = prepared[tokens[k - 1].end:tokens[k].start]
        if gap.strip(" ،,()“”\"«»-") or word[:1].isdigit():
            return None
        parenthesis = (parenthesis or "(" in gap) and ")" not in gap
        if k > j and _name_word(word) and (_given_name(word) or _set_off(prepared, tokens, k, gap)) \
                and not (word.endswith("ه") and following.endswith("ه")) \
                and not parenthesis and not known(tokens[k]) and _name_word(following) \
                and not known(tokens[k + 1]) and not prepared[tokens[k].end:tokens[k + 1].start].strip():
            return tokens[k].start, tokens[_family_name_end(prepared, tokens, k)].end
        if k > j and ("،" in gap or "," in gap) and not parenthesis:
            return None  # after the complement's comma comes the name, or nothing is one
        after = tokens[k + 2].norm if k + 2 < len(tokens) else ""
        if not (parenthesis or known(tokens[k]) or word.startswith(DEFINITE) or word.startswith("ل")
                or word == "في" or following.startswith(DEFINITE) or after.startswith(DEFINITE)):
            return None  # a noun in construct may head one more ("شيخ مشايخ قبيلة البكارة")
    return None


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
    if tokens[k + 1].norm in _COMPOUND_FIRST and k + 2 < len(tokens) and _name_word(tokens[k + 2].norm):
        return k + 2
    for last in range(k + 2, min(len(tokens), k + 4)):
        if prepared[tokens[last - 1].end:tokens[last].start].strip() or not _name_word(tokens[last].norm) \
                or not _given_name(tokens[last - 1].norm):
            break
        if tokens[last].norm.startswith(DEFINITE):
            return last
    return k + 1


def _listed(prepared: str, tokens: list[Token], j: int) -> list[tuple[int, int]]:
    """The one-word names of a list "الجاسمي والعزبة والحريجية" (each without its و)."""
    spans = []
    while j < len(tokens) and _name_word(tokens[j].norm.removeprefix("و") if spans else tokens[j].norm) \
            and tokens[j].norm.removeprefix("و") not in set(_PLACE_WORDS) | _PLACE_LISTS:
        if spans and (not tokens[j].norm.startswith("و")
                      or prepared[tokens[j - 1].end:tokens[j].start].strip(" ،,")):
            break
        spans.append((tokens[j].start + (1 if spans else 0), tokens[j].end))
        j += 1
    return spans


def _purpose_end(prepared: str, tokens: list[Token], j: int) -> int | None:
    """The end of an organisation's name that runs from its head word over indefinite name words to
    its purpose, ل with a definite noun or لل ("شبكة رصد سوريا لحقوق الإنسان"، "مركز جسور للدراسات"):
    Arabic names of institutions have this shape, while ordinary phrases after مركز or شبكة rarely
    reach such a purpose within a few words. None when no purpose follows closely."""
    for k in range(j, min(j + MAX_NAME_TOKENS - 1, len(tokens))):
        word = tokens[k].norm
        if (k > j and prepared[tokens[k - 1].end:tokens[k].start].strip()) or not _name_word(word) \
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


def _name_word(word: str) -> bool:
    return len(word) >= 2 and not is_stop_word(word) and not word.isdigit() and word not in _ROLES \
        and word not in _TITLES and not any(c.isdigit() for c in word)


def _quoted(text: str) -> list[tuple[int, int]]:
    """Spans of short quoted phrases (offsets in ``prepare(text)``)."""
    return [m.span(1) for m in _QUOTED.finditer(prepare(text))
            if 1 <= len(tokenize(m.group(1))) <= MAX_NAME_TOKENS - 1]


def _is_nisba(norm: str) -> bool:
    """A relative adjective such as الامريكي, الالماني (ال... ending in ي)."""
    return norm.startswith(DEFINITE) and norm.endswith("ي") and len(norm) > 4


def heads_or_qualifies_a_name(norm: str) -> bool:
    """Whether a normalised word may stand between two coordinated names as part of them: a noun
    of agency heading the next ("وقوات التحالف") or a relative adjective ending the previous
    ("الولايات المتحدة الأمريكي")."""
    word = _without_conjunction(norm)
    return indefinite(word) in _AGENT_NOUNS or _is_nisba(word)


def is_definite_representative(norm: str) -> bool:
    """Whether a word is a definite noun for those who lead or speak for a group ("المشايخ",
    "والوجهاء"): with the article it cannot govern a name after it (a construct's head has none), so
    that name is another phrase ("ودعا المشايخ التحالف الدولي": the coalition is asked)."""
    return any(form.startswith(DEFINITE) and indefinite(form) in _REPRESENTATIVES for form in prefixed_forms(norm))


def is_role_noun(norm: str) -> bool:
    """Whether a normalised word (with or without an attached و ف ب ل ك) is a role or title whose
    complement names an institution, before the person who holds it ("قائد قسد مظلوم عبدي", "لشيخ
    قبيلة العكيدات إبراهيم الهفل"), or a noun for those who lead or speak for a group ("قيادة العشائر",
    "شيخ مشايخ قبيلة العكيدات"), who act in the group's name."""
    return any(indefinite(form) in _ROLES | _ROLE_HEADS | _REPRESENTATIVES or form in _TITLES | _SPOKESMAN
               or form == "باسم" for form in prefixed_forms(norm))
