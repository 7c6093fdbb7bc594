"""Demands of a statement and whom they address.

The form joint statements use: a line with a demand verb ending in ':'
("... وتطالب:"), then ordinal headings naming the addressees ("أولاً: قوات
سوريا الديمقراطية والتحالف الدولي:"), each followed by its demands as list
items. Without ordinal headings, the list items after the demand line are
demands addressed to whoever that line names.

Demands written as prose, in statements ("ندعو التحالف الدولي إلى ...") and in
reports of statements ("وطالبت العشائر التحالف الدولي بالتدخل"): a verb of
demanding, the actors between it and what is asked (إلى، بـ، أن، على ...),
and who demands: the source's authors for a first-person verb (or the actor a
quoted statement names itself by: "نحن منظمات ... ندعو"), otherwise the reported
speaker: the first of two actors after the verb, an actor named right before it, the
unregistered words between verb and addressee, or else the subject of the sentence
(its first actor: "وجدد التحالف التزامه ... وحث ...", "قالت السفارة ... داعية ...")
or of the paragraph's latest sentence that has one. An institution named as the
complement of a role before the person who holds it ("قائد قسد، مظلوم عبدي") is
neither who demands nor who is asked.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from ..sources import Paragraph
from ..normalize import CONJUNCTIONS, PREPOSITIONS, is_stop_word, normalize, prepare, tokenize
from .mentions import heads_or_qualifies_a_name, is_role_noun

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


# Demands written as prose: a verb of demanding, who is asked, what is asked.
# Verb forms (normalised, without و/ف) by family; the family says what introduces the ask.
_VERBS = {
    "demand": ("طالب طالبت طالبوا طالبنا يطالب تطالب نطالب يطالبون تطالبان اطالب", ("ب", "بان", "بضروره")),
    "call": ("دعا دعت دعوا دعونا يدعو تدعو ندعو يدعون ادعو", ("الي", "ل")),
    "appeal": ("ناشد ناشدت ناشدوا ناشدنا يناشد تناشد نناشد يناشدون", ("ب", "الي", "ان", "بان", "ل")),
    "urge": ("حث حثت حثوا يحث تحث نحث يحثون", ("علي",)),
    "ask": ("طلب طلبت طلبوا يطلب تطلب نطلب", ("ان", "ب")),
    "insist": ("اكد اكدت اكدوا يوكد توكد نوكد", ("علي ضروره", "ضروره")),
}
# Active participles ("داعياً جميع الأطراف إلى ..."): the speaker is named before them.
_PARTICIPLES = {"demand": "مطالبا مطالبه مطالبين", "call": "داعيا داعيه داعين", "appeal": "مناشدا مناشده مناشدين",
                "urge": "حاثا حاثه"}
_VERB_FAMILY = {form: family for family, (forms, _) in _VERBS.items() for form in forms.split()}
_VERB_FAMILY |= {form: family for family, forms in _PARTICIPLES.items() for form in forms.split()}
_PARTICIPLE_FORMS = {form for forms in _PARTICIPLES.values() for form in forms.split()}
_FIRST_PERSON = {"نطالب", "ندعو", "نناشد", "نحث", "نطلب", "نوكد", "طالبنا", "دعونا", "ناشدنا"}
_PLURAL_SUBJECT = re.compile(r"(وا|ون|ان)$")  # طالبوا، يدعون: the subject is in the verb
# Asks that make دعا an invitation, not a demand ("دعاه إلى اجتماع").
_INVITATIONS = {"اجتماع", "لقاء", "حضور", "موتمر", "زياره", "مادبه", "حفل", "جلسه"}
_SENTENCE = re.compile(r"[^.!?؟؛\n]+")
MAX_DEMAND_TOKENS = 30  # from the verb to what is asked
# Words after which a verb form is a noun ("بناء على طلب السكان") and before a name make it an
# oblique, not the one asked ("التابعة للتحالف الدولي", "بين قسد والعشائر").
_PREPOSITIONS = {"علي", "الي", "في", "من", "عن", "مع", "حول", "ضد", "بين", "عبر", "لدي", "داخل", "بناء", "التابعه",
                 "التابع", "بقياده", "قبل", "بعد"}


@dataclass(frozen=True)
class ProseDemand:
    paragraph: Paragraph
    speaker: str | None  # actor id of who demands; None when the source's own authors do, or unknown
    speaker_text: str | None  # who demands, as written, when the registry does not know them
    addressees: tuple[str, ...]
    asked: str  # what is asked, as written


@dataclass(frozen=True)
class _Context:
    """What the sentences of a paragraph share: its mentions, those that may be who acts, and who
    the paragraph's "نحن" (we) is."""
    mentions: list
    subjects: list
    we: str | None


def prose_demands(paragraphs, mentions_of, people: frozenset[str] = frozenset()) -> list[ProseDemand]:
    """Demands written as sentences. ``mentions_of(paragraph)`` gives its (actor id, start, end) mentions;
    ``people`` are the actor ids of persons (who may hold a role: "قائد قسد، مظلوم عبدي")."""
    found = []
    for p in paragraphs:
        mentions, tokens, prepared = mentions_of(p), _Words(tokenize(p.text)), prepare(p.text)
        context = _Context(mentions, _subjects(prepared, tokens, mentions, people), _we(prepared, tokens, mentions))
        latest = None  # the subject of the latest sentence that has one
        for sentence in _SENTENCE.finditer(prepared):
            lo, hi = sentence.start(), sentence.end()
            found += _in_sentence(p, lo, hi, context, latest)
            latest = next((a for a in context.subjects if lo <= a[1] < hi), latest)
    return found


def _subjects(prepared: str, tokens, mentions, people) -> list:
    """The mentions that may be who acts: not governed by a preposition, not a role's complement
    (nor its repetition in brackets: "قائد قوات سوريا الديمقراطية (قسد)، مظلوم عبدي")."""
    subjects, complement = [], None  # (actor, end) of the latest complement
    for k, actor in enumerate(mentions):
        repeated = complement and actor[0] == complement[0] and not tokenize(prepared[complement[1]:actor[1]])
        if repeated or _complement(prepared, tokens, actor, mentions[k + 1:], people):
            complement = (actor[0], actor[2])
        elif not _oblique(prepared, tokens, actor[1]):
            subjects.append(actor)
    return subjects


def _complement(prepared: str, tokens, actor, following, people) -> bool:
    """Whether ``actor`` is the complement of a role before the person holding it: "قائد قسد، مظلوم
    عبدي", "شيخ قبيلة العكيدات إبراهيم الهفل", "المتحدث باسم قسد فرهاد شامي". Without the person
    ("المتحدث باسم قسد التحالفَ"), the institution speaks."""
    i = tokens.at(actor[1])
    if not i or not is_role_noun(tokens[i - 1].norm):
        return False
    end = actor[2]
    for other, start, stop in following:  # later mentions of the same actor ("قوات ... (قسد)") are passed
        if tokenize(prepared[end:start]):
            return False
        if other != actor[0]:
            return other in people
        end = max(end, stop)
    return False


def _we(prepared: str, tokens, mentions) -> str | None:
    """Who a first-person statement says it is: "نحن منظمات المجتمع المدني في دير الزور، ... ندعو"."""
    for actor, start, _ in mentions:
        i = tokens.at(start)
        if i and tokens[i - 1].norm == "نحن" and not prepared[tokens[i - 1].end:start].strip():
            return actor
    return None


def _in_sentence(p: Paragraph, lo: int, hi: int, context: _Context, latest) -> list[ProseDemand]:
    """The demands of one sentence; ``latest`` is the subject of the paragraph's latest sentence before it."""
    mentions = context.mentions
    tokens = [t for t in tokenize(p.text) if lo <= t.start < hi]
    named = [(actor, start, end) for actor, start, end in mentions if lo <= start < hi]
    actors = [a for a in context.subjects if lo <= a[1] < hi]
    found = []
    for i, token in enumerate(tokens):
        verb = next((f for f in (token.norm, token.norm[1:]) if f in _VERB_FAMILY and (
            f == token.norm or token.norm[0] in CONJUNCTIONS)), None)  # a verb takes و/ف, never ب/ل
        if verb is None or (i and (any(c.isdigit() for c in tokens[i - 1].norm)
                                   or tokens[i - 1].norm in _PREPOSITIONS)):
            continue  # "40.000 طالب" are students, "بناء على طلب" is a request
        family = _VERB_FAMILY[verb]
        ask = _ask_index(tokens, i, _VERBS[family][1],
                         lambda t: any(s < t.end and t.start < e for _, s, e in mentions))
        if ask is None and family == "ask":  # "طلب من العشائر مساندته": the ask follows who is asked
            ask = _after_asked(tokens, i, named)
        if ask is None or tokens[ask].norm.lstrip("ل") in _INVITATIONS or (
                ask + 1 < len(tokens) and tokens[ask + 1].norm in _INVITATIONS):
            continue
        verb_end, ask_start = token.end, tokens[ask].start
        between = _distinct([a for a in actors if verb_end <= a[1] < ask_start])
        # SVO ("التحالف الدولي يدعو ..."): a name right before a verb without و/ف; "... قسد وحث" starts a new clause.
        before = [] if verb != token.norm else _distinct(
            [a for a in actors if a[2] <= token.start and _adjacent(p.text, a[2], token.start)])
        speaker, speaker_text, addressees = None, None, between
        split = next((t.start for t in tokens[i + 1:ask] if t.norm == "من"), None) if family == "ask" else None
        if split is not None:  # طلب X من Y أن ...: Y is asked
            speaker = next((a for a, s, _ in between if s < split), None)
            addressees = _distinct([a for a in named if split < a[1] < ask_start])
        elif verb in _FIRST_PERSON:  # the source's own authors, or who a quoted statement says it is
            speaker = context.we
        elif verb in _PARTICIPLE_FORMS:
            speaker = before[-1][0] if before else None  # all named after a participle are asked
        elif between:
            gap = prepare(p.text)[verb_end:between[0][1]]
            plural = _PLURAL_SUBJECT.search(verb)
            chains = _chains(prepare(p.text), between)
            if before:
                speaker = before[-1][0]  # "التحالف الدولي يدعو قسد إلى ..."
            elif _words_in(gap, verb_end, named):  # words between verb and actor:
                if not plural and not gap.strip().startswith(("في ", "عبر ", "خلال ")):  # the actor is asked
                    speaker_text = gap.strip(" ،,")  # "طالب الشيخ فلان التحالف ...": an unregistered speaker
            elif not plural:  # VSO: the first names (joined by و) demand, the next ones are asked
                speaker, addressees = chains[0][0][0], [a for chain in chains[1:] for a in chain]
        else:
            speaker = before[-1][0] if before else None
        if speaker is None and speaker_text is None and verb not in _FIRST_PERSON:
            speaker = _sentence_subject(actors, token.start, addressees) or (latest[0] if latest else None)
        found.append(_demand(p, speaker, speaker_text, addressees, tokens, ask, hi))
    return found


def _words_in(gap: str, offset: int, named) -> bool:
    """Whether the text between a verb and the first actor after it (at ``offset``) holds words other
    than function words, roles and the names they govern ("طالب المتحدث باسم قسد فرهاد شامي")."""
    return any(not is_stop_word(t.norm) and not is_role_noun(t.norm)
               and not any(s <= offset + t.start < e for _, s, e in named) for t in tokenize(gap))


def _sentence_subject(actors, verb_start: int, addressees) -> str | None:
    """Who acts in a sentence whose demand verb names no speaker: its first possible subject before
    the verb ("وجدد التحالف التزامه ... وحث ...", "قالت السفارة ... داعية جميع الأطراف")."""
    asked = {a[0] for a in addressees}
    return next((a for a, start, _ in actors if start < verb_start and a not in asked), None)


def _ask_index(tokens, i: int, markers, covered) -> int | None:
    """Index of the token where what is asked begins, within MAX_DEMAND_TOKENS of the verb.
    An attached ب/ل marks it only on a word that is no name and no function word ("للتحالف",
    "بعد" are not asks), and a phrase after a preposition is passed over ("في بيان مصور")."""
    j = i + 1
    while j < min(len(tokens), i + MAX_DEMAND_TOKENS):
        word, following = tokens[j].norm, tokens[j + 1].norm if j + 1 < len(tokens) else ""
        for marker in markers:
            first, _, second = marker.partition(" ")
            if (word == first and following == second) if second else (word == marker or (
                    len(marker) == 1 and word.startswith(marker) and len(word) > 3
                    and not (marker == "ب" and (is_stop_word(word) or is_role_noun(word)))  # "باسم"
                    and not _VERB_FAMILY.get(word) and not covered(tokens[j]))):
                return j
        j += 2 if word in _PREPOSITIONS else 1
    return None


def _oblique(prepared: str, tokens, start: int) -> bool:
    """Whether a name starting at ``start`` is governed by a preposition (attached ب/ل/ك, or a word before it)."""
    i = tokens.at(start)
    if i is None:
        return False
    attached = prepared[tokens[i].start:start]
    return any(c in attached for c in PREPOSITIONS) or (i > 0 and tokens[i - 1].norm in _PREPOSITIONS)


class _Words(list):
    """A paragraph's tokens, with their offsets indexed to find the token at an offset in log time."""

    def __init__(self, tokens):
        super().__init__(tokens)
        self.starts = [t.start for t in tokens]

    def at(self, offset: int) -> int | None:
        """Index of the token containing ``offset``, or None."""
        i = bisect_right(self.starts, offset) - 1
        return i if i >= 0 and offset < self[i].end else None


def _adjacent(text: str, end: int, start: int) -> bool:
    """Whether a name ending at ``end`` is the subject of a verb at ``start`` (SVO): right before it."""
    return not tokenize(prepare(text)[end:start])


def _chains(prepared: str, actors) -> list[list]:
    """The names grouped as coordinated ("الولايات المتحدة وألمانيا وقوات التحالف"): و or a comma between
    (a bare space is not coordination: "دعت الأمم المتحدة قسد" is subject then object)."""
    chains: list[list] = []
    for actor in actors:
        if chains and _coordination(prepared[chains[-1][-1][2]:actor[1]]):
            chains[-1].append(actor)
        else:
            chains.append([actor])
    return chains


def _coordination(gap: str) -> bool:
    """Whether the text between two names joins them: و or a comma, with at most the words that
    head or qualify the names around it ("الأمريكي و", "وقوات")."""
    for word in reversed(tokenize(gap)):
        if heads_or_qualifies_a_name(word.norm):
            cut = word.start + (1 if word.norm[0] in CONJUNCTIONS and len(word.norm) > 3 else 0)
            gap = gap[:cut] + gap[word.end:]
    return gap.replace(" ", "") in ("و", "،", ",", "،و", ",و")


def _after_asked(tokens, i: int, named) -> int | None:
    """For طلب من X ...: the token after X, where what is asked begins."""
    for j in range(i + 1, min(len(tokens), i + 4)):
        if tokens[j].norm == "من":
            after = [a for a in named if a[1] >= tokens[j].end]
            if after:
                end = after[0][2]
                return next((k for k in range(j + 1, len(tokens)) if tokens[k].start >= end), None)
    return None


def _distinct(actors):
    """Mentions in order, one per actor (a name and its nested place are one addressee)."""
    out, seen = [], set()
    for actor, start, end in actors:
        if any(s <= start and end <= e for _, s, e in out):
            continue  # "دير الزور" inside "مجلس دير الزور العسكري"
        if actor not in seen:
            seen.add(actor)
            out.append((actor, start, end))
    return out


def _demand(p, speaker, speaker_text, addressees, tokens, ask: int, hi: int) -> ProseDemand:
    asked = prepare(p.text)[tokens[ask].start:hi].strip()
    return ProseDemand(p, speaker, speaker_text, tuple(a[0] for a in addressees if a[0] != speaker), asked)
