"""The verbs of demanding, in every form a sentence writes them.

A demand is written with طالب، دعا، ناشد، حثّ، حضّ، طلب، أكّد or شدّد in any person and tense:
«طلبنا من ...», «يطالبان ...», «دعتا إلى ...», «أن يطالبوا ...». The forms come from libqutrub's
conjugator (past, present and subjunctive; not the second person, which statements about these
events do not use) rather than from lists typed by hand, which missed whichever form the last
page had not used. Each form also says what its ending tells about its subject: the first person
(the source's own authors speak), a dual or plural subject inside the verb («طالبوا»), or the
gender of a singular subject written after the verb («طالبت قسد» has قسد demand; «طالب ميليشيات
قسد» asks them). A written form shared by several persons (طالبت is "I" and "she") is read as the
third person, which is what reports and statements use.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pyarabic.araby as araby
from libqutrub.conjugator import conjugate

from ..normalize import normalize

# Family -> (each verb's past, vocalised as libqutrub needs it, with the vowel of its present stem),
# and the words that introduce what is asked after it.
FAMILIES = {
    "demand": ((("طَالَبَ", "كسرة"),), ("ب", "بان", "بضروره", "الي", "ل")),
    "call": ((("دَعَا", "ضمة"),), ("الي", "ل", "بان")),
    "appeal": ((("نَاشَدَ", "كسرة"),), ("ب", "الي", "ان", "بان", "ل")),
    "urge": ((("حَثَّ", "ضمة"), ("حَضَّ", "ضمة")), ("علي", "الي")),
    "ask": ((("طَلَبَ", "ضمة"),), ("ان", "ب")),
    "insist": ((("أَكَّدَ", "كسرة"), ("شَدَّدَ", "كسرة")), ("علي ضروره", "ضروره")),
}
_TENSES = ("الماضي المعلوم", "المضارع المعلوم", "المضارع المنصوب")
_FIRST, _THIRD_PLURAL = {"أنا", "نحن"}, {"هما", "هما مؤ", "هم", "هن"}
# The past dual «طالبا، طلبا» is written as the accusative of a noun («طالباً» a student, «طلباً» a
# request) once diacritics are gone, and news hardly uses it: left out.
_NOT_READ = {("الماضي المعلوم", "هما")}
# Active participles ("داعياً جميع الأطراف إلى ..."), which libqutrub does not make: the speaker is
# named before them, all named after them are asked.
_PARTICIPLES = {"demand": "مطالبا مطالبه مطالبين", "call": "داعيا داعيه داعين", "appeal": "مناشدا مناشده مناشدين",
                "urge": "حاثا حاثه", "ask": "طالبا طالبه"}  # "طالباً من أبناء العشائر المساندة"


@dataclass(frozen=True)
class Form:
    family: str
    first_person: bool  # أطالب، نطالب، طالبنا
    plural: bool  # the subject is in the verb: طالبوا، يطالبان، دعتا
    gender: str | None  # "m" or "f" for a third-person singular, whose subject may follow it
    participle: bool = False


def form(norm: str) -> Form | None:
    """What a normalised word is as a demand verb, or None when it is none."""
    return _forms().get(norm)


@lru_cache(maxsize=1)
def _forms() -> dict[str, Form]:
    persons: dict[str, tuple[str, set[str]]] = {}
    for family, (verbs, _) in FAMILIES.items():
        for past, vowel in verbs:
            table = conjugate(past, vowel, alltense=False, past=True, future=True, future_moode=True,
                              display_format="DICT")
            for tense in _TENSES:
                for person, written in table[tense].items():
                    if not person.startswith("أنت") and (tense, person) not in _NOT_READ:
                        persons.setdefault(normalize(araby.strip_diacritics(written)), (family, set()))[1].add(person)
    participles = {word: Form(family, first_person=False, plural=False, gender=None, participle=True)
                   for family, words in _PARTICIPLES.items() for word in words.split()}
    return {word: _read(family, said) for word, (family, said) in persons.items()} | participles


def _read(family: str, persons: set[str]) -> Form:
    third = persons - _FIRST
    if not third:
        return Form(family, first_person=True, plural=False, gender=None)
    if third <= _THIRD_PLURAL:
        return Form(family, first_person=False, plural=True, gender=None)
    gender = "f" if "هي" in third else "m" if "هو" in third else None
    return Form(family, first_person=False, plural=False, gender=gender)
