"""The Arabic words the extraction's rules read, and tests on them: nouns of agency and of
government, verbs of saying, words of allegiance, titles, ranks and roles, the words that introduce
a named group or place. One vocabulary for the three readers of it: mentions.py (registry actors in
context), candidates.py (names the registry lacks) and prose_demands.py (who demands of whom).

The lists are written as Arabic is written; words are compared normalised (قائد -> قايد).
"""
from __future__ import annotations

from ..normalize import CONJUNCTIONS, DEFINITE, has_article, indefinite, is_stop_word, normalize, prefixed_forms


def normalized(words) -> frozenset[str]:
    """A vocabulary as tokens are compared: normalised (قائد -> قايد). The lists are written as Arabic
    is written, and every set made from them (AGENT_NOUNS, ROLE_WORDS) is made from normalised words."""
    return frozenset(normalize(w) for w in words)


# Nouns of agency after which a relative adjective names a government: "المحتل التركي".
MILITARY_NOUNS = normalized({"قوات", "جيش", "احتلال", "محتل", "طيران", "قاعده", "قواعد", "جنود", "قصف", "طائرات",
                             "مسيرات"})
# The same and the nouns of government and of its acts: "الإدارة الأمريكية", "الدعم الأمريكي".
AGENT_NOUNS = MILITARY_NOUNS | normalized({"حكومه", "مخابرات", "فصائل", "ميليشيات", "مليشيات", "نظام", "دوله", "سلطات",
                                           "سلطه", "خارجيه", "وزاره", "اداره", "جانب", "تدخل", "دعم"})
GOVERNING_NOUNS = normalized({"حكومه", "نظام", "سلطه", "سلطات", "دوله"})  # "حكومة دمشق"; "دعم دمشق" stays the city
# Nouns of armed force before a seat: "قوات دمشق" (not قصف/طيران: "قصف دمشق" is the city shelled).
FORCE_NOUNS = normalized({"قوات", "جيش", "ميليشيات", "مليشيات", "مخابرات"})
# Verbs whose subject a capital is when it stands for its government; a city takes the feminine:
# "دعت واشنطن", "قالت دمشق", "واشنطن تدعو". Without و/ف, which a verb may carry.
SEAT_VERBS = normalized("""دعت قالت أكدت طالبت اتهمت أعلنت حذرت نفت رفضت أدانت ناشدت حثت ردت هددت رحبت أعربت شددت
    طلبت عبرت اعتبرت أبلغت قررت أبدت تبدي تدعو تقول تؤكد تطالب تتهم تعلن تحذر تنفي ترفض تدين تناشد تحث ترد تهدد ترحب
    تعرب تشدد تطلب تعتبر""".split())
# Verbs a report uses, of saying, demanding and meeting, in the forms SEAT_VERBS lacks (he said, he says):
# never a word of a name ("شيخ مشايخ العكيدات ينفي علاقة الحراك ...", "الهفل التقى ...").
REPORTING_VERBS = normalized("""دعا قال أكد طالب اتهم أعلن حذر نفى رفض أدان ناشد حث رد هدد رحب أعرب شدد طلب عبر اعتبر
    أبلغ قرر يدعو يقول يؤكد يطالب يتهم يعلن يحذر ينفي يرفض يدين يناشد يحث يرد يهدد يرحب يعرب يشدد يطلب يعتبر
    التقى التقت اجتمع اجتمعت زار زارت وصل وصلت يلتقي تلتقي يجتمع تجتمع""".split())
REPORTING_VERBS |= SEAT_VERBS
# Verbs of saying in the past, and what opens what was said after the sayer: "وقالت زاخاروفا، إن ...".
SAYING_VERBS = normalized("""قال قالت أضاف أضافت أكد أكدت أوضح أوضحت أشار أشارت اعتبر اعتبرت تابع تابعت ذكر ذكرت
    صرح صرحت أفاد أفادت كشف كشفت لفت لفتت نفى نفت شدد شددت رأى رأت""".split())
SAID_OPENERS = normalized({"إن", "أن", "بأن"})
# Words that give a person's name after them ("امرأة تدعى فلانة الفلاني", "قيادي يدعى “فلان”") and words
# that give a nickname after the name ("فلان الفلاني الملقب بـ«أبو ...»").
CALLED = normalized({"يدعى", "تدعى", "المدعو", "المدعوة", "اسمه", "اسمها"})
NICKNAMED = normalized({"الملقب", "الملقبة", "المكنى"})
# A page's credits before a colon: "إعداد: فلان الفلاني – تحرير: فلان" (written by, edited by).
BYLINES = normalized({"إعداد", "تحرير", "بقلم", "ترجمة", "تصوير", "كتابة"})
# Adjectives of direction and position after a place's name describe it ("معبر البوكمال الحدودي").
DESCRIPTIVE_ADJECTIVES = normalized({"الحدودي", "الحدوديه", "الشرقي", "الشرقيه", "الغربي", "الغربيه", "الشمالي",
                                     "الشماليه", "الجنوبي", "الجنوبيه", "الاوسط", "المجاور", "المجاوره", "النفطي",
                                     "النفطيه"})
# Adjectives of a title, before the name it introduces: "القائد العام ...", "الرئيس المشارك ...".
TITLE_ADJECTIVES = normalized({"العام", "العامه", "المشارك", "المشاركه", "المشترك", "المشتركه", "الرسمي",
                               "الرسميه"})
# Words of allegiance before "لـ"/"من" and a capital: "الشيخ الموالي لدمشق", "المدعومة من واشنطن".
ALLEGIANCE = normalized({"الموالي", "الموالية", "الموالين", "الموالون", "موالي", "موالية", "موالين", "المقرب",
                         "المقربة", "المقربين", "المدعوم", "المدعومة", "المدعومين", "مدعوم", "مدعومة", "مدعومين",
                         "التابع", "التابعة", "التابعين", "المرتبط", "المرتبطة", "المرتبطين"})
# Titles before a person's name, and the evidence they give.
TITLES = normalized({"الشيخ", "الجنرال", "العقيد", "اللواء", "العميد", "المقدم", "الرائد", "النقيب", "القيادي",
                     "المدعو", "الملقب", "السيد", "الدكتور", "المبعوث", "السفير", "الرئيس", "الامير", "الوجيه",
                     "المختار", "الحاج", "القائد", "الزعيم", "الناشط", "الصحفي", "الكاتب", "الباحث", "المحامي"})
# Military ranks: one word after them is a surname ("اللواء فويل"), as it is not after other titles.
RANKS = normalized({"الجنرال", "العقيد", "اللواء", "العميد", "المقدم", "الرائد", "النقيب"})
SPOKESMAN = normalized({"المتحدث", "الناطق", "متحدث", "ناطق"})  # "المتحدث باسم X": X is an organisation
KUNYA = normalized({"ابو", "ابي", "ابا"})  # not ام: as أم it is also "or"
LINKS = normalized({"بن", "ابن", "ال"})  # inside a name: "محمد بن سلمان"
# Words introducing a named group: strong ones (a tribe, an armed unit, a party) and
# institutional ones, which also head ordinary phrases (مركز المدينة) and so count for less.
GROUP_WORDS = {w: 2 for w in ("عشيره", "قبيله", "لواء", "فرقه", "كتيبه", "فيلق", "حزب", "حركه", "جبهه", "تجمع",
                              "ائتلاف", "ميليشيا", "مليشيا", "الجيش", "جيش")}
GROUP_WORDS |= {w: 1 for w in ("منظمه", "مجلس", "هيئه", "مركز", "شبكه", "اتحاد", "رابطه", "جمعيه", "مؤسسه", "ديوان",
                               "المرصد", "الشبكه", "تنسيقيه", "غرفه")}
# Words introducing a place or a medium by its name: "بلدة ذيبان", "حقل العمر", "وكالة سبوتنيك".
PLACE_WORDS = {w: 2 for w in ("قريه", "بلده", "مدينه", "حي", "مخيم", "ناحيه", "حقل", "نهر", "جسر", "معبر", "سد",
                              "وكاله", "قناه", "صحيفه", "اذاعه", "مجله", "ريف")}
PLACE_WORDS |= {"منطقه": 2, "سجن": 2, "تل": 2, "مراسل": 2}  # "منطقة المعامل", "سجن غويران", "مراسل سانا"
PLACE_WORDS |= {"محافظه": 2, "مقاطعه": 2, "قضاء": 2, "مطار": 2}  # "محافظة حلب", "مقاطعة قامشلو"
# Landmarks of the reports, each named after its word: "استراحة الوزير", "دوار المعامل", "حاجز الكوع",
# "تلة سيرتيل", "بادية الشولا" (not مدرسة: "المرحلة الابتدائية", nor وادي: "وادي الفرات العظيم").
PLACE_WORDS |= {w: 2 for w in ("استراحه", "مضافه", "دوار", "تله", "حاجز", "جبل", "باديه", "سوق", "مفرق")}
PLACE_WORDS["موقع"] = 1  # also "location": a name after it needs another clue (quotes, repetition)
# Words that end a medium's name, transliterated from English: "نورث برس", "عكيدات نيوز", "الجزيرة نت".
MEDIA_SUFFIXES = normalized({"برس", "نيوز", "بوست", "تايمز", "نت"})
# Words that begin a broadcaster's name, often named after a place: "تلفزيون سوريا", "راديو روزنة".
MEDIA_HEADS = normalized({"تلفزيون", "راديو"})
# Words before a tribe's name that make it a village's name: "جديد عكيدات", "جديدة البكارة".
VILLAGE_WORDS = normalized({"جديد", "جديدة"})
# Plurals and duals introducing a list of names: of places, "قرى الجاسمي والعزبة والحريجية", and of tribes
# and families, whose names are definite, "عشائر الشعيطات، الدميم، البوحردان", "عائلتي العبود والسلطان"
# (not "عشائر عربية", Arab tribes).
PLACE_LISTS = normalized({"قري", "بلدات", "مدن", "احياء", "مخيمات", "بلدتي", "قريتي", "مدينتي"})
FAMILY_LISTS = normalized({"عشاير", "قبايل", "عشيرتي", "قبيلتي", "عايلتي", "عايلات"})
NAME_LISTS = PLACE_LISTS | FAMILY_LISTS
# Nouns that may stand between "كل من" (each of) and the names it lists: "في كل من بلدات وقرى ...".
LIST_NOUNS = PLACE_LISTS | normalized({"مناطق", "مدينة", "بلدة", "قرية"})
# Nouns of role that end a person's name: "الشيخ مصعب الهفل شيخ قبيلة ..."
ROLES = normalized({"شيخ", "قائد", "زعيم", "رئيس", "مسؤول", "عضو", "امير", "مدير", "وزير", "نائب", "مبعوث", "قيادي"})
# Roles before "<complement> <given name> <family name>" in journalistic apposition.
ROLE_HEADS = normalized({"وزير", "مدير", "عضو", "رئيس", "مسوول", "نائب", "مستشار", "ممثل", "قائد", "امين", "شيخ",
                         "رئاسه", "الرئاسه"})
ROLE_WORDS = ROLES | ROLE_HEADS  # a role after a name in apposition: "فراس علاوي، مدير ..."
# Nouns for those who lead or speak for a group: "قيادة العشائر", "مشايخ القبائل", "وجهاء دير الزور".
REPRESENTATIVES = normalized({"قيادة", "قيادات", "مشايخ", "شيوخ", "زعماء", "وجهاء", "أعيان", "ممثلو", "ممثلي", "وفد"})
COMPOUND_FIRST = normalized({"عبد", "ابو", "بن"})  # "رامي عبد الرحمن": the family name has two words
GROUP_WORDS, PLACE_WORDS = ({normalize(w): weight for w, weight in words.items()}
                            for words in (GROUP_WORDS, PLACE_WORDS))
KNOWN_HEADS = ROLE_HEADS | TITLES | SPOKESMAN | KUNYA | set(PLACE_WORDS) | NAME_LISTS | MEDIA_HEADS  # heads of phrases


def without_conjunction(norm: str) -> str:
    """A word without an attached و or ف ("ودعت" -> "دعت", "وقوات" -> "قوات")."""
    return norm[1:] if norm[:1] in CONJUNCTIONS and len(norm) > 3 else norm


def is_nisba(norm: str) -> bool:
    """A relative adjective such as الامريكي, الالماني (ال... ending in ي)."""
    return norm.startswith(DEFINITE) and norm.endswith("ي") and len(norm) > 4


def heads_or_qualifies_a_name(norm: str) -> bool:
    """Whether a normalised word may stand between two coordinated names as part of them: a noun
    of agency heading the next ("وقوات التحالف") or a relative adjective ending the previous
    ("الولايات المتحدة الأمريكي")."""
    word = without_conjunction(norm)
    return indefinite(word) in AGENT_NOUNS or is_nisba(word)


def is_definite_representative(norm: str) -> bool:
    """Whether a word is a definite noun for those who lead or speak for a group ("المشايخ",
    "والوجهاء"): with the article it cannot govern a name after it (a construct's head has none), so
    that name is another phrase ("ودعا المشايخ التحالف الدولي": the coalition is asked)."""
    return any(form.startswith(DEFINITE) and indefinite(form) in REPRESENTATIVES for form in prefixed_forms(norm))


def is_role_noun(norm: str) -> bool:
    """Whether a normalised word (with or without an attached و ف ب ل ك) is a role or title whose
    complement names an institution, before the person who holds it ("قائد قسد مظلوم عبدي", "لشيخ
    قبيلة العكيدات إبراهيم الهفل"), or a noun for those who lead or speak for a group ("قيادة العشائر",
    "شيخ مشايخ قبيلة العكيدات"), who act in the group's name."""
    return any(indefinite(form) in ROLES | ROLE_HEADS | REPRESENTATIVES or form in TITLES | SPOKESMAN
               or form == "باسم" for form in prefixed_forms(norm))


def is_name_word(word: str) -> bool:
    """Whether a normalised word may be part of a name: no function word, number, role, title or verb
    of a report."""
    bare = word[:-1] if word.endswith("ا") and len(word) > 4 else word  # "قائداً": a role, in the accusative
    return len(word) >= 2 and not is_stop_word(word) and not word.isdigit() and bare not in ROLES \
        and word not in TITLES and without_conjunction(word) not in REPORTING_VERBS \
        and not any(c.isdigit() for c in word)


def is_given_name(norm: str) -> bool:
    """Whether a word may be a given name: no article, no و ف ب ل ك attached to a long word
    ("وتحجيم" is a verbal noun; فيصل، وليد are names), no noun of role, place or group."""
    return not has_article(norm) \
        and not (norm[0] in "وفبلك" and len(norm) > 4) and norm not in KNOWN_HEADS \
        and indefinite(norm) not in GROUP_WORDS
