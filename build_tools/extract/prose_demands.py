"""Demands written as prose, in statements ("ندعو التحالف الدولي إلى ...") and in
reports of statements ("وطالبت العشائر التحالف الدولي بالتدخل"): a verb of
demanding, the actors between it and what is asked (إلى، بـ، أن، على ...),
and who demands: the source's authors for a first-person verb (or the actor a
quoted statement names itself by: "نحن منظمات ... ندعو"), otherwise the reported
speaker: the first of two actors after the verb, an actor named right before it (also
across auxiliaries: "العشائر كانت قد دعت"), the unregistered words between verb and
addressee, or else the subject of the sentence (its first actor: "وجدد التحالف التزامه
... وحث ...", "قالت السفارة ... داعية ...") or, for a verb that continues a report
("ودعا إلى ..."), the subject of the latest sentence before it that has one, in this
paragraph or an earlier one. Grammar decides between who demands and who is asked
when one name follows the verb: a verb agrees in gender with its subject ("وطالب
ميليشيات قسد بـ ..." asks قسد), a quantifier marks the asked ("دعا كافة القبائل"),
those who lead or speak for a group act in its name ("طالبت قيادة العشائر"), and
"الأخير" (the latter) is the actor named last. A report in a statement's words ("وحمّل البيان ...
وطالب التحالف الدولي، ...") speaks for the statement's author, and a report attributed to someone
("بحسب ما وثقت الشبكة ...") goes on in their name. The members of a group after the verb are asked
("دعا أبناء العشائر"), a delegation speaks for whom it represents ("وفد هيئة التفاوض"), "وهو" before
the verb for the name before it, and an unregistered subject before a present-tense verb demands
("سورية تدعو مجلس الأمن ..."). A first-person quotation speaks for the name before its colon ("مظلوم
عبدي: طلبنا من ..."), a speaker adding act to act ("وقال ...، مؤكداً ...، وطالب التحالف بـ") asks whom the
verb names, and a description ("إحدى أكبر العشائر العربية") is neither who demands nor who is asked. The
verbs, in every person and tense, come from verbs.py. An institution named as the
complement of a role before the person who holds it ("قائد قسد، مظلوم عبدي") is
neither who demands nor who is asked.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from ..sources import Paragraph
from ..normalize import (CONJUNCTIONS, DEFINITE, PREPOSITIONS, has_article, is_qualifier, is_stop_word, name_tokens,
                         prefixed_forms, prepare, tokenize)
from ..registry import NameMatcher
from .number import other_numbers
from .verbs import FAMILIES, Form, form
from .vocabulary import (ALLEGIANCE, REPORTING_VERBS, TITLES, heads_or_qualifies_a_name, is_definite_representative,
                         is_role_noun, normalized)

# Asks that make دعا an invitation, not a demand ("دعاه إلى اجتماع").
_INVITATIONS = {"اجتماع", "لقاء", "حضور", "موتمر", "زياره", "مادبه", "حفل", "جلسه"}
_SENTENCE = re.compile(r"[^.!?؟؛\n]+")
# Words that say all of those named after a verb are asked, none of them asks: "دعا كافة القبائل".
_QUANTIFIERS = {"كافه", "جميع", "كل", "مختلف", "سائر", "عموم", "بقيه", "باقي", "كامل"}
# Nouns for a group's members, and adverbs, before names after a verb: those named are asked, as with a
# quantifier ("دعا أبناء العشائر إلى ...", "ودعا خلالها مقاتلي العشائر إلى ...").
_MEMBERS = {"ابناء", "مقاتلي", "مقاتلو", "عناصر", "شبان", "اهالي", "سكان", "خلالها", "خلاله", "فيها", "فيه"}
_OBJECT_PRONOUN = re.compile(r"(?<=..)(هم|كم|هما|هن)$")  # "نطالبهم": we demand of them
_THAT = {"ان", "بان", "وان", "لان"}  # "قالت مصادر إن الأهالي يطالبون": the clause begins after it
# Circumstantial participles of saying ("قائلاً"، "مضيفاً"): the sentence's subject is still speaking.
_SAYING = normalized("قائلاً مضيفاً مؤكداً مشيراً موضحاً معتبراً لافتاً مشدداً محذراً متهماً".split())
_PRONOUNS = {"هو", "هي", "وهو", "وهي"}  # "إبراهيم الهفل وهو يدعو ...": the name before it acts
_ONE_OF = {"احد", "احدي"}  # "نواف البشير، أحد شيوخ قبيلة البكارة": apposition, not what is asked
# Words between a subject and its verb (SVO): auxiliaries ("العشائر كانت قد دعت").
_AUXILIARIES = {"كان", "كانت", "كانوا", "قد", "لقد", "وقد"}
_CLAUSE = re.compile(r"[^،,]+")
# Words opening a clause whose verb continues the report: "كما دعا", "حيث طالب".
_CLAUSE_OPENERS = {"كما", "حيث", "ثم", "فيما", "بينما", "اذ", "وكما"}
# A statement standing for its author ("دعا البيان إلى ..."), and times, after a verb: not its subject.
_DOCUMENTS = {"البيان", "التقرير", "الرساله", "التسجيل", "التصريح", "القرار", "المقطع", "الفيديو", "التغريده"}
_TIMES = {"اليوم", "الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت"}
_AUTHOR_WORDS = 4  # "بيان" to its author's name: "بياناً تحت اسم ..."، "بيان صادر عن ..."
_ATTRIBUTIONS = {"بحسب", "حسب", "وفق", "وفقا", "نقلا"}  # "بحسب ما وثقت الشبكة ...": whose report it is
# "الأخير" (the latter) after a verb: the actor named last before it acts.
_THE_LATTER = {"الاخير", "الاخيره"}
MAX_DEMAND_TOKENS = 30  # from the verb to what is asked
MAX_SUBJECT_WORDS = 7  # an unregistered subject before its verb: "نازحو العزبة في دير الزور شرقي سورية"
_DESCRIPTION = re.compile(r"\s*[،,]([^،,.]+)[،,]")  # a phrase set off by commas after a name
# A letter, and "in it" after a demand verb: "وجه رسالة للتحالف طالب فيها ..." asks whom it was sent to.
_LETTERS = {"رساله", "خطاب", "برقيه", "مذكره", "نداء", "كتابا", "رسالتين"}
_IN_IT = {"فيها", "فيه"}
# Where those asked serve: "العناصر العرب المنضوين في صفوف “قسد”", "أبناء العرب العاملين ضمن قوات قسد".
_SERVING = normalized("المنضوين المنضوون المنضوية العاملين العاملون المنتسبين المنتسبون".split())
_RANKS = normalized("صفوف تشكيلات قوات ميليشيا مليشيا".split())
_LETTER_WORDS = 8  # from the letter to the verb
_ROLE_WORDS = 4  # a role and its complement before a person's name: "شيخ قبيلة العكيدات"
_COLON = re.compile(r"[\s\"“”«»]*:")  # after a name: what follows is in its words
_CLAUSE_MARK = re.compile(r"[،,:؛\"“”«»()]")  # punctuation that opens a clause before a subject
_NOT_WORDS = " ،,\"“”«»"  # stripped from the ends of who speaks, as written ("طالب مينينديز "قسد" بـ")
# Words after which a verb form is a noun ("بناء على طلب السكان") and before a name make it an
# oblique, not the one asked ("التابعة للتحالف الدولي", "بين قسد والعشائر").
_PREPOSITIONS = {"علي", "الي", "في", "من", "عن", "مع", "حول", "ضد", "بين", "عبر", "لدي", "داخل", "تحت", "بناء",
                 "التابعه", "التابع", "بقياده", "قبل", "بعد"}
_NOT_ASKED = _PREPOSITIONS | _TIMES | _ONE_OF | _MEMBERS  # words after the names that are no verbal noun asked
_DETACHED = frozenset(PREPOSITIONS)  # ب ل ك written apart from the name they govern ("لـ"قسد"")


@dataclass(frozen=True)
class ProseDemand:
    paragraph: Paragraph
    speaker: str | None  # actor id of who demands; None when the source's own authors do, or unknown
    speaker_text: str | None  # who demands, as written, when the registry does not know them
    addressees: tuple[str, ...]
    asked: str  # what is asked, as written


@dataclass(frozen=True)
class _Context:
    """What the sentences of a paragraph share: its text prepared and its words (made once), its
    mentions, those that may be who acts, who the paragraph's "نحن" (we) is, and the actors whose
    names are grammatically feminine."""
    prepared: str
    tokens: "_Words"
    mentions: list
    subjects: list
    we: str | None
    feminine: frozenset = frozenset()
    people: frozenset = frozenset()


@dataclass
class _Discourse:
    """What earlier sentences of the document leave for later ones: a report names who speaks once
    and goes on "ودعا إلى ...", "وطالب قسد بـ ..." (he demanded), "ودعا الأخير" (the latter)."""
    subject: str | None = None  # the subject of the latest sentence that has one
    named: str | None = None  # the actor named last
    author: str | None = None  # who made the latest statement ("بياناً تحت اسم X", "أصدرت X بياناً")
    document: bool = False  # the latest sentence reports a statement as its subject ("وحمّل البيان ...")


def prose_demands(paragraphs, mentions_of, people: frozenset[str] = frozenset(),
                  feminine: frozenset[str] = frozenset()) -> list[ProseDemand]:
    """Demands written as sentences. ``mentions_of(paragraph)`` gives its (actor id, start, end) mentions;
    ``people`` are the actor ids of persons (who may hold a role: "قائد قسد، مظلوم عبدي"), ``feminine``
    those whose registry name is grammatically feminine (a verb agrees with its subject)."""
    found, discourse = [], _Discourse()
    for p in paragraphs:
        mentions, tokens, prepared = mentions_of(p), _Words(tokenize(p.text)), prepare(p.text)
        context = _Context(prepared, tokens, mentions, _subjects(prepared, tokens, mentions, people),
                           _we(prepared, tokens, mentions), feminine, people)
        for sentence in _SENTENCE.finditer(prepared):
            lo, hi = sentence.start(), sentence.end()
            demands = _in_sentence(p, lo, hi, context, discourse)
            found += demands
            discourse.author = _document_author(prepared, tokens, context, lo, hi) or discourse.author
            # a report in a statement's words goes on while its sentences speak for the statement's author
            discourse.document = _document_subject(tokens, lo, hi) or (discourse.document and any(
                d.speaker and d.speaker == discourse.subject for d in demands))
            if discourse.document:  # the statement's own words name others: who speaks stays its author
                discourse.subject = discourse.author or discourse.subject
            else:
                discourse.subject = _attributed(tokens, mentions, lo, hi) or _topic(prepared, lo, hi, context) \
                    or discourse.subject
            discourse.named = next((a[0] for a in reversed(mentions) if lo <= a[1] < hi), discourse.named)
    return found


def _subjects(prepared: str, tokens, mentions, people) -> list:
    """The mentions that may be who acts: not governed by a preposition, not a role's complement
    (nor its repetition in brackets: "قائد قوات سوريا الديمقراطية (قسد)، مظلوم عبدي"), not inside a
    description of the name before them."""
    subjects, complement, aside = [], None, 0  # (actor, end) of the latest complement; a description's end
    for k, actor in enumerate(mentions):
        if actor[1] < aside:
            continue  # "قبيلة العكيدات، أكبر القبائل العربية، ...": in a description of the name before
        aside = _described(prepared, actor[2])
        repeated = complement and actor[0] == complement[0] and not tokenize(prepared[complement[1]:actor[1]])
        if repeated or _complement(prepared, tokens, actor, mentions[k + 1:], people) or _one_of(tokens, actor):
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
    end = _described(prepared, actor[2])
    for other, start, stop in following:  # later mentions of the same actor ("قوات ... (قسد)") are passed
        if start < end:
            continue  # inside a description of the institution
        between = [t.norm for t in tokenize(prepared[end:start])]
        if between[:1] == ["في"]:  # "شيخ مشايخ قبيلة العكيدات في سوريا، الشيخ إبراهيم الهفل"
            between = between[2:]
        if any(word not in TITLES for word in between):  # "... العكيدات الشيخ إبراهيم الهفل"
            return False
        if other != actor[0]:
            return other in people
        end = max(end, stop)
    return False


def _described(prepared: str, end: int) -> int:
    """Where a name's description between commas ends ("قبيلة العكيدات، أكبر القبائل العربية في شرق سورية،
    إبراهيم الهفل"): one that says it is one of, or the most of, a class; else ``end`` itself."""
    description = _DESCRIPTION.match(prepared, end)
    words = tokenize(description.group(1)) if description else []
    return description.end() if words and (words[0].norm in _ONE_OF or _elative(words[0].norm)) else end


def _served_in(tokens, actor) -> bool:
    """Whether ``actor`` is where those asked serve ("داعياً العناصر العرب المنضوين في تشكيلات قسد إلى
    الانشقاق"): it describes them, it is not asked itself."""
    i = next((k for k, t in enumerate(tokens) if t.start <= actor[1] < t.end), 0)
    k = i - 1
    while k >= 0 and i - k <= 2 and tokens[k].norm in _RANKS:  # "في تشكيلات مليشيا قسد"
        k -= 1
    return k >= 1 and tokens[k].norm in ("في", "ضمن", "تحت", "داخل") and tokens[k - 1].norm in _SERVING


def _one_of(tokens, actor) -> bool:
    """Whether ``actor`` is the complement in a description of someone as one of its members or leaders
    ("نواف البشير أحد شيوخ قبيلة البكارة"، "قبيلة العكيدات إحدى أكبر العشائر العربية"): neither who
    demands nor who is asked."""
    i = tokens.at(actor[1])
    if not i:
        return False
    before = tokens[i - 1].norm
    return before in _ONE_OF or (i > 1 and tokens[i - 2].norm in _ONE_OF and (is_role_noun(before) or _elative(before)))


def _elative(norm: str) -> bool:
    """An elative (أفعل: أكبر، أبرز، أهم), by its shape: alef and three letters, or two for a doubled root
    (never the article: "البو" begins a clan's name)."""
    return norm[:1] == "ا" and not has_article(norm) and len(norm) in (3, 4)


def _we(prepared: str, tokens, mentions) -> str | None:
    """Who a first-person statement says it is: "نحن منظمات المجتمع المدني في دير الزور، ... ندعو"."""
    for actor, start, _ in mentions:
        i = tokens.at(start)
        if i and tokens[i - 1].norm == "نحن" and not prepared[tokens[i - 1].end:start].strip():
            return actor
    return None


def _quoted(prepared: str, tokens, actors, verb_start: int) -> str | None:
    """Whom a quotation in the first person is given to: the name before its colon ("مظلوم عبدي: طلبنا
    من ..."، "وقال إبراهيم الهفل: «ندعو ...»"); not a role's complement ("لشيخ قبيلة العكيدات: أدعو"
    quotes the sheikh, not the tribe)."""
    for actor, start, end in reversed(actors):
        if end <= verb_start and _COLON.match(prepared, end):
            i = tokens.at(start)
            return None if i and is_role_noun(tokens[i - 1].norm) else actor
    return None


def _quoting(context: _Context, verb_start: int, discourse: _Discourse) -> str | None:
    """Who speaks in the quotation a first-person verb is in, when no name stands before its colon: the
    last person named before the quotation opens ("وقال، وجيه قبيلة الولدة، طلال السيباط، "نناشد ...""),
    or the person the document last reported speaking. None outside quotation marks (a statement's own
    "ندعو" speaks for its authors)."""
    opened = _quotation_start(context.prepared, verb_start)
    if opened is None:
        return None
    named = [actor for actor, _, end in context.mentions if end <= opened and actor in context.people]
    return named[-1] if named else (discourse.subject if discourse.subject in context.people else None)


def _quotation_start(prepared: str, end: int) -> int | None:
    """Where the quotation that ``end`` lies inside opens, in its paragraph: the last “ or « not closed
    before ``end``, or the last straight " when an odd number of them come before it."""
    text = prepared[:end]
    curly = max(text.rfind("“"), text.rfind("«"))
    if curly > max(text.rfind("”"), text.rfind("»")):
        return curly
    return text.rfind('"') if text.count('"') % 2 else None


def _counts(norm: str) -> bool:
    """A number that counts what follows it (not a year: "في أيلول 2023 دعت العشائر")."""
    return any(c.isdigit() for c in norm) and not re.fullmatch(r"(?:19|20)\d\d", norm)


def _in_sentence(p: Paragraph, lo: int, hi: int, context: _Context, discourse: _Discourse) -> list[ProseDemand]:
    """The demands of one sentence; ``discourse`` says who the sentences before it named."""
    mentions, prepared = context.mentions, context.prepared
    tokens = [context.tokens[k] for k in context.tokens.within(lo, hi)]
    named = [(actor, start, end) for actor, start, end in mentions if lo <= start < hi]
    actors = [a for a in context.subjects if lo <= a[1] < hi]
    found = []
    for i, token in enumerate(tokens):
        verb = _verb(token.norm)
        if verb is None or (i and (_counts(tokens[i - 1].norm) or tokens[i - 1].norm in _PREPOSITIONS)):
            continue  # "40.000 طالب" are students, "بناء على طلب" is a request ("أيلول 2023 دعت" is a date)
        kind = form(verb)
        family = kind.family
        covered = lambda t: any(s < t.end and t.start < e for _, s, e in mentions)  # noqa: E731
        ask = _ask_index(tokens, i, FAMILIES[family][1], covered)
        if ask is None and family == "ask":  # "طلب من العشائر مساندته": the ask follows who is asked
            ask = _after_asked(tokens, i, named)
        bare = _bare_ask(tokens, i, covered) if family == "demand" else None
        if bare is not None and (ask is None or ask > bare + 1):
            ask = bare  # "تطالب قسد ومجلس دير الزور العسكري إيجاد حل"
        if ask is None or tokens[ask].norm.lstrip("ل") in _INVITATIONS or (
                ask + 1 < len(tokens) and tokens[ask + 1].norm in _INVITATIONS):
            continue
        verb_end, ask_start = token.end, tokens[ask].start
        between = [a for a in actors if verb_end <= a[1] < ask_start]
        served = {a[0] for a in between if _served_in(tokens, a)}  # (and the same named again: "قوات ... - قسد")
        between = _distinct([a for a in between if a[0] not in served])
        # SVO ("التحالف الدولي يدعو ..."): a name right before a verb without و/ف; "... قسد وحث" starts a new clause.
        before = [] if verb != token.norm else _distinct(
            [a for a in actors if a[2] <= token.start and _adjacent(prepared, a[2], token.start)])
        if i and tokens[i - 1].norm in _PRONOUNS:  # "... الهفل وهو يدعو": the name before the pronoun
            before = [a for a in actors if a[2] <= tokens[i - 1].start][-1:]
        speaker, speaker_text, addressees = None, None, between
        # a first-person verb: who the quotation is given to, or who a statement says it is, or its authors
        we = (_quoted(prepared, context.tokens, actors, token.start) or context.we
              or _quoting(context, token.start, discourse)) if kind.first_person else None
        split = next((t.start for t in tokens[i + 1:ask] if t.norm == "من"), None) if family == "ask" \
            else _asked_after_min(tokens, i, ask, named)
        if split is not None:  # طلب X من Y أن ...: Y is asked
            speaker = next((a for a, s, _ in between if s < split), we)
            addressees = _distinct([a for a in named if split < a[1] < ask_start])
        elif kind.first_person:
            speaker = we
        elif kind.participle:
            speaker = before[-1][0] if before else None  # all named after a participle are asked
        elif i + 1 < len(tokens) and tokens[i + 1].norm in _IN_IT and between:
            # "أصدر X بياناً طالب فيه قوات التحالف بـ ...": who made the statement (the last person named
            # before, else the first name) asks all named after فيه
            preceding = [a for a, _, end in actors if end <= token.start]
            speaker = next((a for a in reversed(preceding) if a in context.people),
                           preceding[0] if preceding else discourse.author or discourse.subject)
        elif between:
            gap = prepared[verb_end:between[0][1]]
            plural = kind.plural
            chains = _chains(prepared, between, context.people)
            if before:
                speaker = before[-1][0]  # "التحالف الدولي يدعو قسد إلى ..."
            elif verb == token.norm and (subject := _unregistered_subject(prepared, tokens, i, verb)):
                speaker_text = subject  # "سورية تدعو مجلس الأمن إلى ...": the names after the verb are asked
            elif _the_latter(gap):
                speaker = _named_last(named, token.start, discourse)
            elif _document_first(gap):  # "ودعا البيان جميع أبناء العشائر إلى": all named are asked
                asked = {a[0] for a in between}
                speaker = next((a for a in (discourse.author, discourse.subject,
                                            _named_last(named, token.start, discourse)) if a and a not in asked), None)
            elif discourse.document and verb != token.norm and chains[0][0][0] != discourse.subject \
                    and not _has_role(gap):  # (not "وناشد شيوخ العشائر التحالف": they speak for themselves)
                speaker = discourse.subject  # "وحمّل البيان ... وطالب التحالف الدولي، ...": its author asks them
            elif verb != token.norm and _goes_on(tokens, i, prepared):
                # "وقال الشيخ ...، مؤكداً ...، وطالب التحالف الدولي بـ": who speaks in the sentence asks them
                speaker, speaker_text = _who_says(prepared, tokens, i, actors)
            elif _definite_representatives(gap):
                speaker_text = gap.strip(_NOT_WORDS)  # "ودعا المشايخ التحالف ...": the leaders demand, it is asked
            elif _quantified(gap):
                pass  # "دعا كافة القبائل ...": all named are asked
            elif chains[0][0][0] in context.people and _has_role(gap):
                # "طالب رئيس لجنة ...، السيناتور بوب مينينديز، بتهدئة": the person the role describes demands
                speaker, addressees = chains[0][0][0], [a for chain in chains[1:] for a in chain]
            elif _words_in(gap, verb_end, actors):  # words between verb and actor (obliques count):
                if not plural and not gap.strip().startswith(("في ", "عبر ", "خلال ")) \
                        and not (kind.gender == "m" and _feminine_head(gap)):  # the actor is asked
                    speaker_text = gap.strip(_NOT_WORDS)  # "طالب الشيخ فلان التحالف ...": an unregistered speaker
                    if len(chains) > 1 and _governs_next(gap):  # "ناشد شيخاً من شيوخ العشائر ... التحالف"
                        speaker_text = prepared[verb_end:chains[0][-1][2]].strip(_NOT_WORDS)
                        addressees = [a for chain in chains[1:] for a in chain]
            elif not plural and (_has_role(gap) or _may_be_subject(kind, prepared, chains[0][0], context)):
                # VSO: the first names (joined by و) demand, the next ones are asked
                speaker, addressees = chains[0][0][0], [a for chain in chains[1:] for a in chain]
        else:
            speaker = before[-1][0] if before else (_named_last(named, token.start, discourse) if _the_latter(
                prepared[verb_end:tokens[ask].start]) else None)
        addressees = addressees or _letter_to(prepared, tokens, i, named)
        if speaker is None and speaker_text is None and not kind.first_person:
            speaker = _unnamed_speaker(actors, addressees, tokens, i, ask, named, prepared, discourse)
        found.append(_demand(p, prepared, speaker, speaker_text, addressees, tokens, ask, hi))
    return found


def _verb(norm: str) -> str | None:
    """The demand verb a word is, as verbs.py spells it: also with an attached و/ف (never ب/ل, which
    make it a noun) and with a plural object pronoun ("ونطالبهم بـ ...", "يحثهم على ...", "ندعوكم إلى")."""
    for word in (norm, norm[1:] if norm[:1] in CONJUNCTIONS else ""):
        for verb in (word, _OBJECT_PRONOUN.sub("", word)):
            if form(verb):
                return verb
    return None


def _unregistered_subject(prepared: str, tokens, i: int, verb: str) -> str | None:
    """The subject written before a present-tense verb, when the registry does not know it (SVO, as
    headlines and statements write: "سورية تدعو مجلس الأمن إلى ...", "نازحو العزبة في دير الزور شرقي
    سورية يطالبون التحالف ..."): the words from the start of the clause (its punctuation, or إن/أن) to
    the verb, at most MAX_SUBJECT_WORDS and not opening with a function word ("وفي سياق متصل يطالب ..."
    has none). None for a past-tense verb ("دعا التحالف ..." is VSO)."""
    if i == 0 or verb[:1] not in ("ي", "ت"):
        return None
    start = i
    while start > 0 and tokens[start - 1].norm not in _THAT \
            and not _CLAUSE_MARK.search(prepared[tokens[start - 1].end:tokens[start].start]):
        start -= 1
    if not 0 < i - start <= MAX_SUBJECT_WORDS or is_stop_word(tokens[start].norm):
        return None
    return prepared[tokens[start].start:tokens[i - 1].end]


def _asked_after_min(tokens, i: int, ask: int, named) -> int | None:
    """Where the asked begin in "طالب X، من Y بـ ..." and "نطالب من Y الانسحاب": the last من between
    verb and ask that a name follows right after, once a name has been given before it (the subject) or
    right after the verb. "طالبت مجموعة من العشائر" names no one before من, so there من only says of
    whom the subject is a part."""
    starts = {start for _, start, _ in named}
    for k in range(ask - 1, i, -1):
        if tokens[k].norm == "من" and tokens[k - 1].norm not in ALLEGIANCE:  # not "المدعومة من واشنطن"
            named_before = k == i + 1 or any(tokens[i].end <= start < tokens[k].start for start in starts)
            return tokens[k].start if named_before and tokens[k + 1].start in starts else None
    return None


def _unnamed_speaker(actors, addressees, tokens, i: int, ask: int, named, prepared: str,
                     discourse: _Discourse) -> str | None:
    """Who demands when no name after the verb says it: the sentence's subject before the verb, else
    the subject reported in an earlier sentence, when the verb continues that report. A verb with an
    unregistered subject of its own ("تدعو المنظمات الموقعة ...") has none, and ends that report."""
    speaker = _sentence_subject(actors, tokens[i].start, addressees, prepared)
    if speaker is None and _own_subject(tokens, i, ask, named):
        discourse.subject = None
    elif speaker is None and _continues(tokens, i, prepared):
        speaker = discourse.subject
    return speaker


def _topic(prepared: str, lo: int, hi: int, context: _Context) -> str | None:
    """Who a sentence is about, for the sentences after it: the first possible subject in its first
    clause that names an actor ("جاء ذلك في تسجيل مصور لشيخ قبيلة العكيدات إبراهيم الهفل، ..."); None
    when that clause names actors only after prepositions or as complements ("كما وجه دعوة إلى
    التحالف الدولي بدعم هذا التشكيل، على أن يكون اتصال بين القيادة وقيادة التحالف")."""
    for clause in _CLAUSE.finditer(prepared, lo, hi):
        if any(clause.start() <= a[1] < clause.end() for a in context.mentions):
            return next((a[0] for a in context.subjects if clause.start() <= a[1] < clause.end()), None)
    return None


def _own_subject(tokens, i: int, ask: int, named) -> bool:
    """Whether the verb at ``tokens[i]`` has a subject of its own that names no registry actor: a
    definite word right after it ("تدعو المنظمات الموقعة إلى ...", "وطالب الأهالي بـ ..."), other than
    a statement standing for its author ("ودعا البيان إلى"), a time ("اليوم") or "الأخير"."""
    if i + 1 >= ask or any(s <= tokens[i + 1].start < e for _, s, e in named):
        return False
    word = tokens[i + 1].norm
    return word.startswith(DEFINITE) and not is_stop_word(word) and word not in _THE_LATTER | _DOCUMENTS | _TIMES


def _continues(tokens, i: int, prepared: str) -> bool:
    """Whether the verb at ``tokens[i]`` carries on the report of an earlier sentence, whose subject
    is then its own: it carries و/ف ("ودعا إلى ...") or begins its sentence or clause. After other
    words ("العشائر السورية كانت قد دعت") the sentence has a subject of its own, named or not."""
    if i == 0 or (tokens[i].norm[0] in CONJUNCTIONS and form(tokens[i].norm[1:])):
        return True
    punctuated = re.search(r"[،,:]", prepared[tokens[i - 1].end:tokens[i].start])
    return tokens[i - 1].norm in _CLAUSE_OPENERS or punctuated is not None


def _goes_on(tokens, i: int, prepared: str) -> bool:
    """Whether a verb with و after a comma goes on with its sentence's speaker: a circumstantial
    participle of saying before it ("مؤكداً"، "قائلاً") says one subject is adding act to act."""
    return bool(i) and re.search(r"[،,]", prepared[tokens[i - 1].end:tokens[i].start]) is not None and any(
        t.norm.removeprefix("و") in _SAYING for t in tokens[:i])


def _who_says(prepared: str, tokens, i: int, actors) -> tuple[str | None, str | None]:
    """Who speaks in a sentence of saying, before ``tokens[i]``: the actor right after its first verb of
    saying, or the words there that the registry does not know, up to a function word or punctuation
    ("وقال الشيخ مصعب في تصريح ..." gives «الشيخ مصعب»)."""
    j = next((k for k in range(i) if tokens[k].norm.removeprefix("و") in REPORTING_VERBS), None)
    if j is None or j + 1 >= i:
        return None, None
    start = tokens[j + 1].start
    if (actor := next((a for a, s, _ in actors if s == start), None)):
        return actor, None
    end = j + 1
    while end < i and end - j <= 3 and not is_stop_word(tokens[end].norm) and not _CLAUSE_MARK.search(
            prepared[tokens[end - 1].end:tokens[end].start]):
        end += 1
    return None, (prepared[start:tokens[end - 1].end] if end > j + 1 else None)


def _letter_to(prepared: str, tokens, i: int, named) -> list:
    """Whom the letter that a demand is made in was sent to: "ووجه الهفل رسالة للتحالف الدولي طالب فيها
    بـ ..." asks the coalition (a name after the letter with إلى or an attached لـ, before the verb)."""
    if i + 1 >= len(tokens) or tokens[i + 1].norm not in _IN_IT:
        return []
    letter = next((k for k in range(i - 1, max(-1, i - _LETTER_WORDS), -1) if tokens[k].norm in _LETTERS), None)
    if letter is None:
        return []
    for actor, start, end in named:
        if tokens[letter].end <= start < tokens[i].start:
            k = next(k for k, t in enumerate(tokens) if t.start <= start < t.end)
            sent = tokens[k - 1].norm == "الي" or "ل" in prepared[tokens[k].start:start]
            return [(actor, start, end)] if sent else []
    return []


def _words_in(gap: str, offset: int, named) -> bool:
    """Whether the text between a verb and the first actor after it (at ``offset``) holds words other
    than function words, roles and the names they govern ("طالب المتحدث باسم قسد فرهاد شامي"), and
    nouns heading the name ("ميليشيات قسد")."""
    return any(not is_stop_word(t.norm) and not is_role_noun(t.norm) and not heads_or_qualifies_a_name(t.norm)
               and not any(s <= offset + t.start < e for _, s, e in named) for t in tokenize(gap))


def _governs_next(gap: str) -> bool:
    """Whether the unregistered speaker's words before a name end in من or in a noun that governs the
    name ("شيخاً من شيوخ العشائر"): the name is then part of who speaks, not the one asked."""
    words = tokenize(gap)
    return bool(words) and (words[-1].norm == "من" or (is_role_noun(words[-1].norm)
                                                        and not words[-1].norm.startswith(DEFINITE)))


def _has_role(gap: str) -> bool:
    """Whether a role heads the name after a verb ("طالب المتحدث باسم قسد"): the role is then the
    subject the verb agrees with, not the name."""
    return any(is_role_noun(t.norm) for t in tokenize(gap))


def _document_author(prepared: str, tokens, context: _Context, lo: int, hi: int) -> str | None:
    """Who made the last statement a sentence mentions: the first actor named within a few words
    after "بيان" ("بياناً تحت اسم قوات ..."، "بيان صادر عن قسد"), else the subject named just before it
    ("أصدرت قبيلة العكيدات، بياناً"), for a later "ودعا البيان ...". The statement's own words (after
    ':' or an opening quotation mark: "في بيان لها: “على الولايات المتحدة ...") name no author."""
    author = None
    for k in tokens.within(lo, hi):
        token = tokens[k]
        if not any(f.rstrip("ا") == "بيان" for f in prefixed_forms(token.norm)):
            continue
        limit = tokens[min(k + _AUTHOR_WORDS, len(tokens) - 1)].end
        quoted = re.search(r"[:“\"«]", prepared[token.end:limit])
        limit = token.end + quoted.start() if quoted else limit
        after = [(start, -end, a) for a, start, end in context.mentions if token.end <= start < limit]
        start = tokens[max(k - _AUTHOR_WORDS + 1, 0)].start
        before = [a for a, s, e in context.subjects if start <= s and e <= token.start and s >= lo
                  and not re.search(r"[:.]", prepared[e:token.start])]
        author = min(after)[2] if after else before[-1] if before else author  # the outermost name after it
    return author


def _document_subject(tokens, lo: int, hi: int) -> bool:
    """Whether a sentence reports a statement as the subject of its verb ("وحمّل البيان قوات التحالف
    المسؤولية", "وأضاف البيان: ..."): the report goes on in the statement's words, so a later "وطالب
    التحالف الدولي، ..." asks the name after the verb on its author's behalf."""
    words = [tokens[k].norm for k in tokens.within(lo, hi)[:3]]
    return len(words) > 1 and words[1] in _DOCUMENTS


def _attributed(tokens, mentions, lo: int, hi: int) -> str | None:
    """The actor a sentence attributes its report to ("..., بحسب ما وثقت الشبكة السورية لحقوق الإنسان",
    "وفقاً للمرصد"): the one a following "وطالبت بـ ..." goes on reporting."""
    for k in tokens.within(lo, hi):
        if tokens[k].norm.lstrip("و") in _ATTRIBUTIONS:
            limit = tokens[min(k + _AUTHOR_WORDS, len(tokens) - 1)].end
            return next((a for a, start, _ in mentions if tokens[k].end <= start < limit), None)
    return None


def _document_first(gap: str) -> bool:
    """Whether the subject after a verb is a statement standing for its author ("ودعا البيان ..."):
    the names after it are asked; the author is who the statement was said to be from, else the
    subject of the report, else the actor named last."""
    words = tokenize(gap)
    return bool(words) and words[0].norm in _DOCUMENTS


def _definite_representatives(gap: str) -> bool:
    """Whether the words between a verb and the names after it end in a definite noun for a group's
    leaders ("ودعا المشايخ التحالف الدولي إلى ..."): they are the subject, the names are asked."""
    words = tokenize(gap)
    return bool(words) and is_definite_representative(words[-1].norm)


def _quantified(gap: str) -> bool:
    """Whether the words between a verb and the names after it quantify them ("كافة", "جميع") or
    name their members ("أبناء"): those are the ones asked ("دعا كافة القبائل والعشائر العربية لرص
    الصفوف", "ناشد أبناء قبيلة العكيدات ...")."""
    words = [t.norm for t in tokenize(gap)]
    return bool(words) and all(w in _QUANTIFIERS | _MEMBERS or is_stop_word(w) for w in words) \
        and any(w in _QUANTIFIERS | _MEMBERS for w in words)


def _named_last(named, verb_start: int, discourse: _Discourse) -> str | None:
    """Who "الأخير" after a verb at ``verb_start`` is: the actor named last before it."""
    return next((a for a, start, _ in reversed(named) if start < verb_start), discourse.named)


def _the_latter(gap: str) -> bool:
    """Whether the subject after a verb is "الأخير" (the latter): "ودعا الأخير إلى ..."."""
    words = tokenize(gap)
    return bool(words) and words[0].norm in _THE_LATTER


def _may_be_subject(verb: Form, prepared: str, actor, context: _Context) -> bool:
    """Whether the actor right after a verb may be its subject: a verb agrees in gender with a subject
    after it, so "وطالب ميليشيات قسد بـ ..." (he demanded) and "وناشد الأمم المتحدة" ask قسد and the UN,
    while "طالبت قسد بـ ..." has قسد demand. Unknown genders (broken plurals: العشائر) never object."""
    actor_gender = _actor_gender(prepared, actor, context)
    return verb.gender is None or actor_gender is None or verb.gender == actor_gender


def _actor_gender(prepared: str, actor, context: _Context) -> str | None:
    """The grammatical gender of a name as written: feminine when its head (or the noun heading it,
    "ميليشيات قسد") or its adjective ends in ة or ات ("قوات ..."، "الأمم المتحدة"), masculine for a person;
    a name without article (قسد، واشنطن) has its registry name's gender. None when it cannot be told."""
    words = tokenize(prepared[actor[1]:actor[2]])
    head = tokenize(prepared[:actor[1]])[-1:]  # the word before the name
    if head and not prepared[head[0].end:actor[1]].strip(" \"“”«»") and heads_or_qualifies_a_name(head[0].norm):
        words = head + words
    if _feminine_phrase([w.norm for w in words]) or _plural_of_feminine(words[0].norm):
        return "f"
    if actor[0] in context.people:
        return "m"
    proper = words and not has_article(words[0].norm)  # قسد، واشنطن
    if proper and actor[0] in context.feminine:
        return "f"
    return None


@lru_cache(maxsize=8)  # once per registry's matcher, not once per source
def feminine_names(actors: NameMatcher) -> frozenset[str]:
    """Ids of the registry actors whose names are grammatically feminine: places and states (دمشق،
    تركيا), and names headed or qualified by a word in ة or ات (قوات سوريا الديمقراطية، الأمم المتحدة)."""
    return frozenset(i for i, e in actors.entities.items() if e.type in ("place", "government")
                     or _feminine_phrase(list(name_tokens(e.ar))))


def _feminine_phrase(words: list[str]) -> bool:
    """Whether a name's head is feminine: its first word ends in ة or ات, or, both definite, the
    adjective agreeing with it does ("الأمم المتحدة", "العشائر العربية"). After an indefinite head the
    second word is its genitive and says nothing ("تنظيم الدولة" is masculine)."""
    if not words:
        return False
    return _feminine_word(words[0]) or (len(words) > 1 and has_article(words[0])
                                        and words[1].startswith(DEFINITE) and _feminine_word(words[1]))


def _plural_of_feminine(norm: str) -> bool:
    """A broken plural whose singular is feminine (العشائر < العشيرة، القبائل < القبيلة): a verb agrees
    with it in the feminine singular ("طالبت العشائر"), so "يدعو العشائر" asks the tribes."""
    return any(form.endswith("ه") for form in other_numbers(norm) if len(form) < len(norm) + 2)


def _feminine_head(gap: str) -> bool:
    """Whether the words after a verb begin with a feminine noun (or a feminine noun's broken plural),
    which a masculine verb does not take as its subject: "وهو يحث عشائر قبيلة العكيدات" asks them."""
    words = tokenize(gap)  # not those who lead a group: "وجهاء" (of وجيه, which normalised looks feminine)
    return bool(words) and not is_role_noun(words[0].norm) and (
        _feminine_word(words[0].norm) or _plural_of_feminine(words[0].norm))


def _feminine_word(norm: str) -> bool:
    """A word ending in ة (normalised ه) or the feminine plural ات, without its article or prefixes."""
    return any(len(f) > 3 and (f.endswith("ه") or f.endswith("ات")) for f in prefixed_forms(norm))


def _sentence_subject(actors, verb_start: int, addressees, prepared: str) -> str | None:
    """Who acts in a sentence whose demand verb names no speaker: the first possible subject of the
    verb's own clause (since the last comma: "... خلايا داعش، وتدعم العشائر العربية هذه الحملات
    وتطلب من قسد ..."), else of the sentence, before the verb ("وجدد التحالف التزامه ...، وحث ...",
    "قالت السفارة ... داعية جميع الأطراف")."""
    asked = {a[0] for a in addressees}
    before = [(a, start) for a, start, _ in actors if start < verb_start and a not in asked]
    clause = max(prepared.rfind("،", 0, verb_start), prepared.rfind(",", 0, verb_start))
    return next((a for a, start in before if start > clause), None) or next((a for a, _ in before), None)


def _ask_index(tokens, i: int, markers, covered) -> int | None:
    """Index of the token where what is asked begins, within MAX_DEMAND_TOKENS of the verb.
    An attached ب/ل marks it only on a word that is no name and no function word ("للتحالف",
    "بعد" are not asks; of three letters, "لرص" is, "لها" is not), a detached one ("بـ "الإفراج"")
    only before a word that is no name ("القائد العام لـ"قسد"" is a name's preposition), and a phrase
    after a preposition is passed over ("في بيان مصور")."""
    j = i + 1
    while j < min(len(tokens), i + MAX_DEMAND_TOKENS):
        word, following = tokens[j].norm, tokens[j + 1].norm if j + 1 < len(tokens) else ""
        for marker in markers:
            first, _, second = marker.partition(" ")
            if (word == first and following == second) if second else ((word == marker and not (
                    len(marker) == 1 and j + 1 < len(tokens) and covered(tokens[j + 1]))) or (  # "لـ"قسد"": a name's
                    len(marker) == 1 and word.startswith(marker) and (len(word) > 3 or not is_stop_word(word))
                    and not (marker == "ب" and (is_stop_word(word) or is_role_noun(word)))  # "باسم"
                    and not is_role_noun(tokens[j - 1].norm)  # "رئيس لجنة", "رئيس بلدية": a role's complement
                    and not form(word) and not covered(tokens[j]))):
                return j
        j += 2 if word in _PREPOSITIONS else 1
    return None


def _bare_ask(tokens, i: int, covered) -> int | None:
    """Index of what is asked when a verb of demanding takes it without ب, as a verbal noun right after
    the names that follow the verb ("تطالب قسد ومجلس دير الزور العسكري إيجاد حل", "وطالب التحالف الدولي،
    تسليم إدارة المنطقة", "نطالب من العشائر التروي"). Only an indefinite content word counts, or after
    من a definite one: without it, a definite word may be another name the registry lacks ("طالب التحالف
    الحكومة ...")."""
    of = i + 1 < len(tokens) and tokens[i + 1].norm == "من"  # "نطالب من العشائر التروي": من before who is asked
    j = i + 1 + of
    while j < len(tokens) and covered(tokens[j]):
        j += 1
    if not covered(tokens[j - 1]) or j >= len(tokens):
        return None
    word = tokens[j].norm
    if ((word.startswith(DEFINITE) and not of) or is_stop_word(word) or word in _NOT_ASKED or is_role_noun(word)
            or (heads_or_qualifies_a_name(word) and not of) or form(word) or any(c.isdigit() for c in word)):
        return None
    return j


def _oblique(prepared: str, tokens, start: int) -> bool:
    """Whether a name starting at ``start`` is governed by a preposition (ب/ل/ك attached or detached, or a word
    before it)."""
    i = tokens.at(start)
    if i is None:
        return False
    attached = prepared[tokens[i].start:start]
    return any(c in attached for c in PREPOSITIONS) or (i > 0 and (
        tokens[i - 1].norm in _PREPOSITIONS or tokens[i - 1].norm in _DETACHED))  # also "لـ"قسد""


class _Words(list):
    """A paragraph's tokens, with their offsets indexed to find the token at an offset in log time."""

    def __init__(self, tokens):
        super().__init__(tokens)
        self.starts = [t.start for t in tokens]

    def at(self, offset: int) -> int | None:
        """Index of the token containing ``offset``, or None."""
        i = bisect_right(self.starts, offset) - 1
        return i if i >= 0 and offset < self[i].end else None

    def within(self, lo: int, hi: int) -> range:
        """Indices of the tokens that start between offsets ``lo`` and ``hi`` (a sentence's words)."""
        return range(bisect_left(self.starts, lo), bisect_left(self.starts, hi))


def _adjacent(prepared: str, end: int, start: int) -> bool:
    """Whether a name ending at ``end`` is the subject of a verb at ``start`` (SVO): right before it,
    or with only auxiliaries and the name's adjective between ("العشائر السورية كانت قد دعت")."""
    gap = prepared[end:start]
    return not re.search(r"[،,.:؛]", gap) and all(  # "على يد “قسد”، طالبت القبائل": a clause ends at the comma
        t.norm in _AUXILIARIES or is_qualifier(gap[t.start:t.end]) for t in tokenize(gap))


def _chains(prepared: str, actors, people: frozenset = frozenset()) -> list[list]:
    """The names grouped as coordinated ("الولايات المتحدة وألمانيا وقوات التحالف"): و or a comma between
    (a bare space is not coordination: "دعت الأمم المتحدة قسد" is subject then object), except the
    comma closing a person's apposition ("ناشد شيخ عشيرة العكيدات، إبراهيم الهفل، العشائر ...")."""
    chains: list[list] = []
    for actor in actors:
        previous = chains[-1][-1] if chains else None
        if previous and _coordination(prepared[previous[2]:actor[1]]) \
                and not _closes_apposition(prepared, previous, actor, people):
            chains[-1].append(actor)
        else:
            chains.append([actor])
    return chains


def _closes_apposition(prepared: str, person, following, people: frozenset) -> bool:
    """Whether a bare comma after a person set off by a comma (or by the role before the name) closes
    that apposition ("شيخ عشيرة “العكيدات”، إبراهيم الهفل، العشائر"): the name after it is another
    phrase. With و ("، إبراهيم الهفل، والتحالف") it still joins."""
    before = prepared[:person[1]].rstrip()
    return ((person[0] in people and before.endswith(("،", ","))) or _after_role(before)) \
        and prepared[person[2]:following[1]].strip() in ("،", ",")


def _after_role(before: str) -> bool:
    """Whether a role and its complement lead up to the end of ``before``, with no punctuation: "شيخ قبيلة
    “العكيدات” إبراهيم الهفل، التحالف" sets the person off as a comma would."""
    clause = _CLAUSE_MARK.split(before.replace("“", "").replace("”", "").replace('"', ""))[-1]
    return any(is_role_noun(t.norm) for t in tokenize(clause)[-_ROLE_WORDS:])


def _coordination(gap: str) -> bool:
    """Whether the text between two names joins them: و or a comma, with at most the words that
    head or qualify the names around it ("الأمريكي و", "وقوات")."""
    for word in reversed(tokenize(gap)):
        if heads_or_qualifies_a_name(word.norm):
            cut = word.start + (1 if word.norm[0] in CONJUNCTIONS and len(word.norm) > 3 else 0)
            gap = gap[:cut] + gap[word.end:]
    return gap.replace(" ", "") in ("و", "،", ",", "،و", ",و")


def _after_asked(tokens, i: int, named) -> int | None:
    """For طلب من X ...: the token after X, where what is asked begins (also after a subject of up to
    MAX_SUBJECT_WORDS words: "طلب قادة عشائر عربية من الجيش الأميركي العمل ...")."""
    for j in range(i + 1, min(len(tokens), i + 2 + MAX_SUBJECT_WORDS)):
        if tokens[j].norm == "من" and j + 1 < len(tokens):
            after = [a for a in named if a[1] >= tokens[j].end]
            first = j + 2 if tokens[j + 1].norm in _QUANTIFIERS and j + 2 < len(tokens) else j + 1
            if after and after[0][1] < tokens[first].end:  # named right after من (or "من باقي ...")
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


def _demand(p, prepared: str, speaker, speaker_text, addressees, tokens, ask: int, hi: int) -> ProseDemand:
    asked = prepared[tokens[ask].start:hi].strip()
    return ProseDemand(p, speaker, speaker_text, tuple(a[0] for a in addressees if a[0] != speaker), asked)
