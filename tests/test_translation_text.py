"""What the engine is given: sentences, long sentences cut at clauses, names as placeholders;
and what comes back: names restored as English prose. No model needed."""
from __future__ import annotations

import pytest

from build_tools.project import Project
from build_tools.registry import load_registry
from build_tools.translate.names import protect, restore_paragraph
from build_tools.translate.sentences import split_long, split_sentences

from .conftest import REPO


@pytest.fixture(scope="module")
def names():
    registry = load_registry(Project(REPO))
    return [(registry.actor_names, registry.actors), (registry.organisation_names, registry.organisations)]


@pytest.mark.parametrize("text, sentences", [
    ("جملة أولى. جملة ثانية", ["جملة أولى.", "جملة ثانية"]),
    ("هل انتهى؟ نعم! ثم", ["هل انتهى؟", "نعم!", "ثم"]),
    ("قال، بعد تردد، إنه موافق.", ["قال، بعد تردد، إنه موافق."]),  # the Arabic comma does not end
    ("قال: “انتهى الأمر.” ثم غادر.", ["قال: “انتهى الأمر.”", "ثم غادر."]),  # the quote stays with it
    ("حرمان أكثر من 40.000 طالب في 27/8/2023م. ثم", ["حرمان أكثر من 40.000 طالب في 27/8/2023م.", "ثم"]),
    ("1. البند الأول. والثاني", ["1. البند الأول.", "والثاني"]),
    ("سطر أول\nسطر ثان", ["سطر أول", "سطر ثان"]),
    ("لماذا !؟ هكذا…", ["لماذا !؟", "هكذا…"]),
])
def test_arabic_sentence_splitter(text, sentences):
    assert split_sentences(text) == sentences


@pytest.mark.parametrize("abbreviation", ["د.", "م.", "أ.", "U.S.", "Dr.", "J."])
def test_abbreviations_do_not_end_a_sentence(abbreviation):
    text = f"التقى الوفد {abbreviation} سمير في المدينة. ثم عاد."
    assert split_sentences(text) == [f"التقى الوفد {abbreviation} سمير في المدينة.", "ثم عاد."]


def test_arabic_semicolon_joins_clauses_of_one_sentence():
    text = "من خلال التشاور مع ممثلي المجتمع المحلي؛ من وجهاء قبليين ومنظمات. انتهى."
    assert split_sentences(text) == ["من خلال التشاور مع ممثلي المجتمع المحلي؛ من وجهاء قبليين ومنظمات.", "انتهى."]


def test_long_sentence_is_cut_at_clause_boundaries_before_words():
    sentence = "أولاً كلمة كلمة كلمة، ثانياً كلمة كلمة كلمة؛ ثالثاً كلمة كلمة كلمة كلمة."
    pieces = split_long(sentence, lambda t: len(t.split()) <= 5)
    assert pieces == ["أولاً كلمة كلمة كلمة،", "ثانياً كلمة كلمة كلمة؛", "ثالثاً كلمة كلمة كلمة كلمة."]
    assert " ".join(pieces) == sentence


def test_long_sentence_without_clauses_is_cut_between_words_as_a_last_resort():
    sentence = " ".join(f"ك{i}" for i in range(12))
    pieces = split_long(sentence, lambda t: len(t.split()) <= 4)
    assert all(len(p.split()) <= 4 for p in pieces) and " ".join(pieces) == sentence


def test_short_sentence_is_left_whole():
    assert split_long("جملة قصيرة.", lambda t: True) == ["جملة قصيرة."]


@pytest.mark.parametrize("prefix", ["و", "ف", "ب", "ك", "ل", "لـ", "ول", "وب", "فل"])
def test_placeholder_is_a_word_of_its_own_after_an_arabic_prefix(names, prefix):
    protected, mapping = protect(f"وقال المصدر إن {prefix}قسد حضوراً.", names)
    assert protected == f"وقال المصدر إن {prefix} QAQ حضوراً."
    assert mapping["QAQ"].full == "Syrian Democratic Forces (SDF)"


def test_quotes_around_a_name_are_kept(names):
    protected, _ = protect("أعلن تنظيم “داعش” مسؤوليته.", names)
    assert protected == "أعلن “QAQ” مسؤوليته."
    protected, _ = protect("بيان رابطة “تآزر” للضحايا اليوم.", names)
    assert protected.count("“") == protected.count("”")


def test_names_are_restored_in_full_at_first_mention_then_short(names):
    first = protect("أعلنت قسد بدء الحملة.", names)
    second = protect("وقالت قوات سوريا الديمقراطية ولقسد إن أبو خولة معتقل.", names)
    assert [p for p, _ in (first, second)] == ["أعلنت QAQ بدء الحملة.", "وقالت QAQ ول QBQ إن QCQ معتقل."]
    english = restore_paragraph([("QAQ began the campaign.", first[1]),
                                 ("QAQ and QBQ said QCQ is held.", second[1])])
    assert english == ["Syrian Democratic Forces (SDF) began the campaign.",
                       "SDF and SDF said Ahmad al-Khabil (Abu Khawla) is held."]


def test_a_sentence_that_lost_a_placeholder_is_reported(names):
    sentence = protect("قال أبو خولة إن قسد انسحبت.", names)
    assert restore_paragraph([("QAQ said it.", sentence[1])]) == [None]
    assert restore_paragraph([("QAQ said QBQ QCQ.", sentence[1])]) == [None]  # an invented one too
