"""Demands of a statement and whom they address.

The form joint statements use: a line with a demand verb ending in ':'
("... وتطالب:"), then ordinal headings naming the addressees ("أولاً: قوات
سوريا الديمقراطية والتحالف الدولي:"), each followed by its demands as list
items. Without ordinal headings, the list items after the demand line are
demands addressed to whoever that line names.

Demands written as prose, in statements ("ندعو التحالف الدولي إلى ...") and in
reports of statements ("وطالبت العشائر التحالف الدولي بالتدخل"): a verb of
demanding, the actors between it and what is asked (إلى، بـ، أن، على ...),
and who demands: the source's authors for a first-person verb, otherwise the
reported speaker (the first of two actors after the verb, an actor named before
it, or the unregistered words between verb and addressee).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..sources import Paragraph
from ..normalize import CONJUNCTIONS, PREPOSITIONS, is_stop_word, normalize, prepare, tokenize

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


def prose_demands(paragraphs, mentions_of) -> list[ProseDemand]:
    """Demands written as sentences. ``mentions_of(paragraph)`` gives its (actor id, start, end) mentions."""
    found = []
    for p in paragraphs:
        mentions = mentions_of(p)
        for sentence in _SENTENCE.finditer(prepare(p.text)):
            found += _in_sentence(p, sentence.start(), sentence.end(), mentions)
    return found


def _in_sentence(p: Paragraph, lo: int, hi: int, mentions) -> list[ProseDemand]:
    tokens = [t for t in tokenize(p.text) if lo <= t.start < hi]
    named = [(actor, start, end) for actor, start, end in mentions if lo <= start < hi]
    actors = [a for a in named if not _oblique(prepare(p.text), tokens, a[1])]
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
        if family == "ask":  # طلب X من Y أن ...: Y is asked
            split = next((t.start for t in tokens[i + 1:ask] if t.norm == "من"), None)
            if split is not None:
                speaker = next((a for a, s, _ in between if s < split), None)
                addressees = _distinct([a for a in named if split < a[1] < ask_start])
                found.append(_demand(p, speaker, None, addressees, tokens, ask, hi))
                continue
        if verb in _FIRST_PERSON:
            pass  # the source's own authors demand
        elif verb in _PARTICIPLE_FORMS:
            speaker = before[-1][0] if before else None  # all named after a participle are asked
        elif between:
            gap = prepare(p.text)[verb_end:between[0][1]]
            plural = _PLURAL_SUBJECT.search(verb)
            chains = _chains(prepare(p.text), between)
            if before:
                speaker = before[-1][0]  # "التحالف الدولي يدعو قسد إلى ..."
            elif any(not is_stop_word(t.norm) for t in tokenize(gap)):  # words between verb and actor:
                if not plural and not gap.strip().startswith(("في ", "عبر ", "خلال ")):  # the actor is asked
                    speaker_text = gap.strip(" ،,")  # "طالب الشيخ فلان التحالف ...": an unregistered speaker
            elif not plural:  # VSO: the first names (joined by و) demand, the next ones are asked
                speaker, addressees = chains[0][0][0], [a for chain in chains[1:] for a in chain]
        else:
            speaker = before[-1][0] if before else None
        found.append(_demand(p, speaker, speaker_text, addressees, tokens, ask, hi))
    return found


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
                    and not (marker == "ب" and is_stop_word(word))
                    and not _VERB_FAMILY.get(word) and not covered(tokens[j]))):
                return j
        j += 2 if word in _PREPOSITIONS else 1
    return None


def _oblique(prepared: str, tokens, start: int) -> bool:
    """Whether a name starting at ``start`` is governed by a preposition (attached ب/ل/ك, or a word before it)."""
    i = next((k for k, t in enumerate(tokens) if t.start <= start < t.end), None)
    if i is None:
        return False
    attached = prepared[tokens[i].start:start]
    return any(c in attached for c in PREPOSITIONS) or (i > 0 and tokens[i - 1].norm in _PREPOSITIONS)


def _adjacent(text: str, end: int, start: int) -> bool:
    """Whether a name ending at ``end`` is the subject of a verb at ``start`` (SVO): right before it."""
    return not tokenize(prepare(text)[end:start])


def _chains(prepared: str, actors) -> list[list]:
    """The names grouped as coordinated ("الولايات المتحدة وألمانيا وقوات التحالف"): و or a comma between
    (a bare space is not coordination: "دعت الأمم المتحدة قسد" is subject then object)."""
    chains: list[list] = []
    for actor in actors:
        if chains and prepared[chains[-1][-1][2]:actor[1]].replace(" ", "") in ("و", "،", ",", "،و", ",و"):
            chains[-1].append(actor)
        else:
            chains.append([actor])
    return chains


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
