"""Extraction against gold annotations of the seeds, Arabic normalisation, and `add` on an unseen text."""
from __future__ import annotations


import pytest
import yaml

from build_tools.corpus import load_corpus
from build_tools.errors import ArchiveError
from build_tools.ingest import add_source
from build_tools.normalize import normalize, prepare
from build_tools.project import Project
from build_tools.registry import load_registry

from .conftest import REPO, front_matter, write_source

GOLD = yaml.safe_load((REPO / "tests/gold/seeds.yml").read_text(encoding="utf-8"))
SEEDS = load_corpus(Project(REPO))
SEEDS_LABELS = Project(REPO).labels
FIXTURES = REPO / "tests/fixtures"


def precision_recall(found: set, gold: set) -> str:
    hits = len(found & gold)
    return (f"precision {hits}/{len(found)}, recall {hits}/{len(gold)}; "
            f"extra {sorted(found - gold)}, missed {sorted(gold - found)}")


@pytest.mark.parametrize("source_id", GOLD)
def test_actors_named_in_each_seed_match_the_gold_exactly(source_id):
    found = {m.actor_id for m in SEEDS.extractions[source_id].mentions}
    gold = set(GOLD[source_id]["actors"])
    assert found == gold, precision_recall(found, gold)


@pytest.mark.parametrize("source_id", GOLD)
def test_signatories_of_each_seed_match_the_gold_in_order(source_id):
    found = SEEDS.extractions[source_id]
    assert found.organisation_ids == GOLD[source_id]["signatories"]
    assert found.unknown_signatories == []


def test_joint_statement_has_all_59_signatories():
    assert len(set(SEEDS.extractions["civil-society-joint-statement"].organisation_ids)) == 59


@pytest.mark.parametrize("source_id", GOLD)
def test_demands_and_their_addressees_match_the_gold(source_id):
    found = [{"paragraph": d.paragraph.number, "addressees": list(d.addressees)}
             for d in SEEDS.extractions[source_id].demands]
    assert found == GOLD[source_id]["demands"]


@pytest.mark.parametrize("source_id", GOLD)
def test_dates_written_in_each_seed_are_found(source_id):
    assert [d.date.iso() for d in SEEDS.extractions[source_id].dates] == GOLD[source_id]["dates"]


def test_seeds_have_no_unreviewed_candidate_names():
    assert {s: [c.name for c in e.candidates] for s, e in SEEDS.extractions.items() if e.candidates} == {}


@pytest.mark.parametrize("a, b", [
    ("الإدارة الذاتيّة", "الادارة الذاتيه"),  # shadda, hamza on alef, ta marbuta
    ("مُسلَّح", "مسلح"),  # harakat
    ("داعـــش", "داعش"),  # tatweel
    ("مصطفى", "مصطفي"),  # alef maqsura
    ("آذار", "اذار"), ("إيثان", "ايثان"), ("مسؤول", "مسوول"),
    ("الاميرکي", "الاميركي"), ("الی", "الي"),  # Persian keheh and yeh
])
def test_normalisation_unifies_spelling_variants(a, b):
    assert normalize(a) == normalize(b)


@pytest.mark.parametrize("text, actor", [
    ("قسد", "sdf"), ("وقسد", "sdf"), ("لـقسد", "sdf"), ("بقسد", "sdf"),
    ("قوات سوريا الديمقراطية", "sdf"), ("قوات سوريا الديموقراطية", "sdf"), ("لقوات سوريا الديمقراطيّة", "sdf"),
    ("أبو خولة", "ahmad-al-khabil"), ("أبي خولة", "ahmad-al-khabil"), ("أبا خولة", "ahmad-al-khabil"),
    ("غولدريتش", "ethan-goldrich"), ("جولدريتش", "ethan-goldrich"), ("إيثان كولدريتش", "ethan-goldrich"),
    ("تنظيم الدولة", "isis"), ("العزم الصامد", "cjtf-oir"), ("شمال شرق سورية", "north-east-syria"),
    ("قوات سورية الديمقراطية", "sdf"), ("عشائر عربية", "arab-tribes"), ("عشائر المنطقة", "arab-tribes"),
    ("قوات النظام", "syrian-government"), ("الأمم المتحدة", "united-nations"), ("مجلس الأمن", "un-security-council"),
    ("دير الزور", "deir-ez-zor"), ("ديرالزور", "deir-ez-zor"), ("بديرالزور", "deir-ez-zor"),
    ("للتحالف الدولي", "international-coalition"), ("والتحالف الدولي", "international-coalition"),
    ("الملـ ـيشيات الإيرانية", "iran-backed-militias"),
])
def test_variant_spellings_and_attached_prefixes_find_the_same_actor(text, actor):
    matches = load_registry(Project(REPO)).actor_names.find(f"قال مصدر إن {text} في المنطقة.")
    assert [m.entity_id for m in matches] == [actor]


def test_words_that_merely_contain_a_name_are_not_mentions():
    matcher = load_registry(Project(REPO)).actor_names
    assert matcher.find("التحالفات الدولية والقسداء وتركيات") == []


def test_unseen_source_added_with_add_gets_its_actors_date_and_candidates(archive):
    path, found = add_source(archive, FIXTURES / "unseen_report.txt", None)
    assert path == archive.sources_dir / "unseen-report" / "source.md"
    assert {m.actor_id for m in found.mentions} == {
        "ethan-goldrich", "deir-ez-zor", "sdf", "arab-tribes", "united-states", "ahmad-al-khabil"}
    assert "حاجم البشير" in [c.name for c in found.candidates]
    meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
    assert meta["date"] == "2023-09-05" and "Guessed" in meta["date_note"]["en"]
    assert meta["title"] == "المبعوث الأمريكي يلتقي وجهاء العشائر في ديرالزور"
    assert meta["kind"] == "news-report" and meta["publisher"] is None
    headline, rest = (FIXTURES / "unseen_report.txt").read_text(encoding="utf-8").strip().split("\n", 1)
    assert path.read_text(encoding="utf-8").endswith("---\n" + rest + "\n")  # the headline is the title
    assert load_corpus(archive).sources[0].id == "unseen-report"


def test_add_guesses_a_joint_statement_from_its_signatory_list(archive, tmp_path):
    raw = tmp_path / "statement.txt"
    raw.write_text("ندعو إلى وقف القتال في دير الزور.\nالمنظمات الموقعة:\n- بيتنا\n- منظمة جديدة للسلام\n",
                   encoding="utf-8")
    path, found = add_source(archive, raw, "new-statement")
    assert found.organisation_ids == ["baytna"]
    assert [s.paragraph.text for s in found.unknown_signatories] == ["منظمة جديدة للسلام"]
    text = path.read_text(encoding="utf-8")
    assert "kind: joint-statement" in text and "not in data/organisations.yml: منظمة جديدة للسلام" in text


def test_add_refuses_an_existing_id_and_bad_text_and_leaves_nothing_behind(archive, tmp_path):
    add_source(archive, FIXTURES / "unseen_report.txt", None)
    with pytest.raises(ArchiveError, match="already exists"):
        add_source(archive, FIXTURES / "unseen_report.txt", None)
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("نص".encode() + "é".encode("latin-1"))
    with pytest.raises(ArchiveError, match="not valid UTF-8"):
        add_source(archive, bad, "latin")
    assert sorted(p.name for p in archive.sources_dir.iterdir()) == ["unseen-report"]


def test_front_matter_corrections_are_checked_against_the_registry(archive):
    write_source(archive, "a", front_matter(id="a", signatories="[baytna, no-such-org]") + "نص.\n")
    with pytest.raises(ArchiveError, match=r"^sources/a/source.md:9: signatories: 'no-such-org' is not in"):
        load_corpus(archive)


def test_front_matter_can_replace_signatories_and_exclude_false_matches(archive):
    write_source(archive, "a", front_matter(id="a", signatories="[baytna]", actors_exclude="[syrian-government]")
                 + "النظام العام في دير الزور.\n")
    found = load_corpus(archive).extractions["a"]
    assert found.organisation_ids == ["baytna"]
    assert {m.actor_id for m in found.mentions} == {"deir-ez-zor"}


def test_registry_errors_name_the_file_and_line(archive):
    path = archive.data_dir / "actors.yml"
    path.write_text(path.read_text(encoding="utf-8") + "- id: sdf\n  type: person\n  ar: س\n  en: S\n",
                    encoding="utf-8")
    lines = path.read_text(encoding="utf-8").splitlines()
    with pytest.raises(ArchiveError, match=rf"^data/actors.yml:{len(lines) - 3}: duplicate id 'sdf'"):
        load_corpus(archive)


def test_an_actor_without_a_type_is_refused_saying_the_field_is_missing(archive):
    path = archive.data_dir / "actors.yml"
    path.write_text(path.read_text(encoding="utf-8") + "- id: new-actor\n  ar: فاعل\n  en: Actor\n", encoding="utf-8")
    with pytest.raises(ArchiveError, match=r"^data/actors.yml:\d+: missing field 'type' \(one of person, "):
        load_corpus(archive)


# --- generalisation beyond the registry's spellings -------------------------------------------------

from build_tools.dates import PartialDate, Period  # noqa: E402
from build_tools.extract.dates_in_text import find_dates  # noqa: E402
from build_tools.extract.prose_demands import feminine_names, prose_demands  # noqa: E402
from build_tools.extract.candidates import find_candidates  # noqa: E402
from build_tools.extract.mentions import find_mentions  # noqa: E402
from build_tools.extract.gazetteers import gazetteers  # noqa: E402
from build_tools.extract.number import other_numbers, with_group_numbers  # noqa: E402
from build_tools.registry import Entity, NameMatcher  # noqa: E402
from build_tools.sources import Paragraph  # noqa: E402

REGISTRY = load_registry(Project(REPO))


def paragraphs(text: str) -> list[Paragraph]:
    return [Paragraph(i + 1, line, i + 1, False, f"p{i}") for i, line in enumerate(text.split("\n"))]


def mentioned(text: str) -> list[tuple[str, str]]:
    return [(m.actor_id, m.matched) for m in find_mentions(paragraphs(text), REGISTRY.actor_names, set())]


@pytest.mark.parametrize("text", [
    "بحسب النظام الداخلي للمجلس", "وفق النظام العام", "العشائر الكردية في الحسكة".replace(" في الحسكة", ""),
    "التحالف العربي", "اللغة التركية", "قال غولد إن", "مصطفى كوريلاس",
    "مطلب وجهاء عشائر كردية",  # an indefinite common word is qualified by an indefinite relative adjective
])
def test_common_words_qualified_or_inside_other_words_are_not_actors(text):
    assert mentioned(text) == []


@pytest.mark.parametrize("text, found", [("وجهاء عشائر المنطقة", "عشائر"),  # a definite word after it: a genitive
                                         ("وجهاء عشائر سوريا", "عشائر"), ("أبناء عشائر عربية", "عشائر عربية")])
def test_an_indefinite_common_word_before_a_genitive_or_its_own_adjective_is_the_actor(text, found):
    assert mentioned(text) == [("arab-tribes", found)]


def test_a_common_word_before_another_groups_name_is_that_groups_part_not_its_own_actor():
    assert [a for a, _ in mentioned("وهو يحث عشائر قبيلة العكيدات")] == ["akidat-tribe"]  # al-Akidat's clans


def test_a_registry_name_after_a_common_word_is_its_object_not_its_qualifier():
    assert [a for a, _ in mentioned("وطالبت العشائر التحالف الدولي بالتدخل")] == ["arab-tribes",
                                                                                "international-coalition"]
    assert mentioned("بحسب النظام الداخلي للمجلس") == []  # a definite adjective still qualifies it


@pytest.mark.parametrize("text, actors", [
    ("ضد ميليشيا PYD/PKK", ["pyd", "pkk"]), ("تنظيم PKK/YPG الإرهابي", ["pkk", "ypg"]), ("تنظيم واي بي جي (YPG)", ["ypg", "ypg"]),
    ("وتنظيم “بي كي كي/واي بي جي” الإرهابي", ["pkk", "ypg"]),  # spelt out: function words as a proper name
    ("المتحدث باسم بنتاغون", ["united-states"]), ("ذكرت سنتكوم", ["centcom"]),
    ("حشدت وحدات الحماية الكردية", ["ypg"]), ("قوات موالية للقوات الحكومية", ["syrian-government"]),
])
def test_acronyms_and_their_arabic_spellings_name_the_actor(text, actors):
    assert [a for a, _ in mentioned(text)] == actors


def test_foreign_g_sounds_are_unified_for_people_only():
    assert [a for a, _ in mentioned("غوريلا وكوريلا وجوريلا")] == ["michael-kurilla"] * 3
    assert mentioned("التجالف الدولي") == []  # غ/ج/ك are not folded in names that are not people's


def test_a_surname_or_head_noun_after_the_full_name_is_the_same_actor():
    text = "اعتقلت قسد أحمد الخبيل قائد مجلس دير الزور العسكري.\nوقال الخبيل إن المجلس باق، ونفى المجلس الداخلي ذلك."
    assert mentioned(text) == [
        ("sdf", "قسد"), ("ahmad-al-khabil", "أحمد الخبيل"), ("deir-ez-zor-military-council", "مجلس دير الزور العسكري"),
        ("deir-ez-zor", "دير الزور"), ("ahmad-al-khabil", "الخبيل"), ("deir-ez-zor-military-council", "المجلس")]


HIFL = Entity("ibrahim-al-hifl", "إبراهيم الهفل", "Ibrahim al-Hifl", (), type="person")


@pytest.mark.parametrize("text, found", [
    ("قال إبراهيم خليل الهفل", "إبراهيم خليل الهفل"),  # the father's name
    ("للشيخ “إبراهيم عبود جدعان الهفل” شيخ", "إبراهيم عبود جدعان الهفل"),  # father's and grandfather's
    ("قال إبراهيم الجدعان الهفل", "إبراهيم الجدعان الهفل"),
    ("إبراهيم الهفل", "إبراهيم الهفل"),
    ("التقى إبراهيم وخليل الهفل", None), ("قال إبراهيم، ابن الهفل", None),  # two people; punctuation
    ("إبراهيم خليل عبود الجدعان الهفل", "إبراهيم خليل عبود الجدعان الهفل"),  # three, as a full name gives
    ("إبراهيم عبود جدعان محمد خليل الهفل", None),  # at most three middle names
])
def test_a_person_is_found_with_middle_names_the_registry_does_not_give(text, found):
    matches = NameMatcher({"ibrahim-al-hifl": HIFL}).find(text)
    assert [prepare(text)[m.start:m.end] for m in matches] == ([found] if found else [])


@pytest.mark.parametrize("name, text, found", [
    ("تركي ضاري الخلف", "قال تركي الخلف إن", "تركي الخلف"),  # a middle name the text leaves out
    ("محمد بن سلمان", "قال محمد سلمان إن", None),  # بن binds the name
    ("رامي عبد الرحمن", "قال رامي الرحمن إن", None),
])
def test_a_person_registered_with_a_middle_name_is_found_without_it(name, text, found):
    person = Entity("someone", name, "Someone", (), type="person")
    matches = NameMatcher({"someone": person}).find(text)
    assert [prepare(text)[m.start:m.end] for m in matches] == ([found] if found else [])


@pytest.mark.parametrize("text, actors", [
    ("بأنّ قسداً بقيادة مظلوم عبدي", ["sdf", "mazloum-abdi"]),  # the accusative's tanwin alef
    ("قسدًا", ["sdf"]),
    ("قوات سوريا الديمقراطية", ["sdf"]),  # a bare final alef is part of the name
])
def test_an_indefinite_accusative_ending_does_not_hide_a_name(text, actors):
    assert [a for a, _ in mentioned(text)] == actors


@pytest.mark.parametrize("text, found", [
    ("أعلنت السفارة الأمريكية في دمشق أن", "السفارة الأمريكية في دمشق"),  # registered as "... بدمشق"
    ("أعلنت السفارة الأمريكية بدمشق أن", "السفارة الأمريكية بدمشق"),
    ("أعلنت السفارة الأمريكية أن الوفد في دمشق", "السفارة الأمريكية"),  # في must follow the name
    ("أعلنت السفارة الأمريكية لدمشق أن", "السفارة الأمريكية لدمشق"),  # or ل
])
def test_a_locative_attached_or_written_with_fi_is_the_same_name(text, found):
    assert [m for a, m in mentioned(text) if a == "us-embassy-damascus"] == [found]


@pytest.mark.parametrize("text, name", [("المجلس العسكري في دير الزور يعلن حظر التجوال", "المجلس العسكري في دير الزور"),
                                        ("إن المجلس العسكري لدير الزور يعلن", "المجلس العسكري لدير الزور")])
def test_a_registered_name_with_its_place_after_it_is_the_same_name(text, name):
    """Registered as "المجلس العسكري بدير الزور"; the place inside it is named too (nested)."""
    assert mentioned(text) == [("deir-ez-zor-military-council", name), ("deir-ez-zor", "دير الزور")]


@pytest.mark.parametrize("text, tribes", [
    ("سيطر المقاتلون على حواجز في جديد عكيدات وجديدة البكارة", []),  # villages named after the tribes
    ("اجتمع وجهاء قبيلة العكيدات والبكارة في جديد عكيدات", ["akidat-tribe", "bakara-tribe"]),
])
def test_a_tribe_name_after_jdid_is_a_village(text, tribes):
    assert [a for a, _ in mentioned(text) if a in ("akidat-tribe", "bakara-tribe")] == tribes


def test_of_two_names_beginning_at_one_word_the_longer_is_the_mention():
    """«قبائل العكيدات» is the al-Akidat tribe, not also the Arab tribes («قبائل»)."""
    found = find_mentions(paragraphs("اجتمعت قبائل العكيدات في القرية"), with_group_numbers(REGISTRY.actor_names), set())
    assert [(m.actor_id, m.matched) for m in found] == [("akidat-tribe", "قبائل العكيدات")]


def test_a_surname_before_the_full_name_is_not_resolved():
    assert mentioned("قال الخبيل إن أحمد الخبيل بخير") == [("ahmad-al-khabil", "أحمد الخبيل")]


def test_a_name_broken_across_two_lines_is_found():
    assert ("deir-ez-zor-military-council", "مجلس دير") in mentioned("وأعلن مجلس دير\nالزور العسكري أنه")
    assert mentioned("انتهى الاجتماع في دير.\nالزور العسكري") == []  # a sentence ended between them


@pytest.mark.parametrize("text, actor", [
    ("قصف المحتل التركي القرى", "turkey"), ("وصلت القوات الأمريكية", "us-military"),  # its armed force
    ("قال الجانب الأمريكي", "united-states"), ("قالت حكومة دمشق", "syrian-government"),
    ("وطالبت السلطة في دمشق", "syrian-government"),  # a seat of government after a noun of agency
    ("قالت الخارجية الأمريكية", "united-states"),  # a noun in -ية is no -ia name (سورية)
    ("قال وزير الخارجية الأمريكي", None), ("قال نائب مساعد وزير الخارجية الأميركي", None),  # a role's complement
    ("طائرات روسية قصفت", "russia"), ("الجيش الأمريكي", "us-military"), ("الميليشيات الإيرانية", "iran-backed-militias"),
    ("اتفق مسؤولون من الإدارة الأمريكية", "united-states"), ("أعلنت الإدارة الذاتية", "autonomous-administration"),
    ("أكدت وزارة الدفاع الأمريكية", "united-states"),  # the adjective after the construct "وزارة الدفاع"
    ("نفذت الطائرات الحربية الروسية غارات", None),  # "الطائرات الحربية" is a noun and its adjective, no construct
])
def test_an_adjective_after_a_noun_of_agency_names_the_government_unless_a_longer_name_does(text, actor):
    assert [a for a, _ in mentioned(text)] == ([actor] if actor else [])


@pytest.mark.parametrize("text, actor", [
    ("دعت واشنطن إلى إنهاء الاقتتال", "united-states"), ("ودعت واشنطن", "united-states"),  # subject of a verb
    ("أبدت واشنطن تخوفها", "united-states"),
    ("واشنطن تدعو إلى الحوار", "united-states"), ("قالت دمشق إن", "syrian-government"),
    ("الشيخ الموالي لدمشق", "syrian-government"), ("قسد المدعومة من واشنطن", "united-states"),  # allegiance
    ("تقدمت قوات دمشق", "syrian-government"), ("انتشرت قوات واشنطن", "us-military"),  # a noun of armed force
    ("وصل الوفد إلى دمشق", "damascus"), ("في واشنطن", "washington"), ("قصف دمشق", "damascus"),  # the city
])
def test_a_capital_names_its_government_only_where_the_context_says_so(text, actor):
    assert [a for a, _ in mentioned(text) if a != "sdf"] == [actor]


@pytest.mark.parametrize("text, found", [
    ("اعتقلت قسد قائد مجلس دير الزور وقادة آخرين", "مجلس دير الزور"),
    ("هاجم عناصر مجلس ديرالزور المقرات", "مجلس ديرالزور"),
    ("قال مجلس دير الزور العسكري", "مجلس دير الزور العسكري"),
    ("أصدر مجلس دير الزور المدني بيانا", None),  # the civil council: a definite qualifier says so
])
def test_the_deir_ez_zor_council_without_its_adjective_is_the_military_council(text, found):
    assert [m for a, m in mentioned(text) if a == "deir-ez-zor-military-council"] == ([found] if found else [])


GROUPS = with_group_numbers(REGISTRY.actor_names)


@pytest.mark.parametrize("text, actor", [
    ("قاتل أبناء عشيرة عربية", "arab-tribes"), ("هاجمت العشيرة العربية", "arab-tribes"),  # العشائر العربية
    ("تقدمت قوة العشائر", "arab-tribes"),  # قوات العشائر
    ("قصفت الميليشيا الإيرانية", "iran-backed-militias"), ("ميليشيا إيرانية", "iran-backed-militias"),
])
def test_groups_are_found_in_the_singular_and_the_plural(text, actor):
    assert [m.actor_id for m in find_mentions(paragraphs(text), GROUPS, set())] == [actor]


def test_a_tribe_registered_in_the_singular_is_found_in_the_plural():
    tribe = Entity("bakara", "قبيلة البكارة", "al-Baggara", ("عشيرة البكارة",), type="tribe")
    matcher = with_group_numbers(NameMatcher({"bakara": tribe}))
    assert [m.entity_id for m in matcher.find("اجتمع وجهاء قبائل البكارة وعشائر البكارة")] == ["bakara", "bakara"]


@pytest.mark.parametrize("text", ["قال شيخ العشيرة", "اجتمعت قبيلة", "عشيرة البكير"])
def test_a_common_noun_alone_is_not_made_a_group_in_the_other_number(text):
    assert find_mentions(paragraphs(text), GROUPS, set()) == []


@pytest.mark.parametrize("word, other", [
    ("عشيرة", "عشائر"), ("القبائل", "القبيلة"), ("قوات", "قوة"),  # broken plurals, from the dictionary
    ("الميليشيات", "الميليشيا"), ("منظمة", "منظمات"),  # sound feminine plurals, by rule
])
def test_the_other_number_of_a_noun(word, other):
    assert normalize(other) in other_numbers(normalize(word))


@pytest.mark.parametrize("text, expected", [
    ("في 30 آب/ أغسطس قتل", [("2023-08-30", "30 آب/ أغسطس", "year 2023 from the source's date")]),
    ("منذ الـ27 من آب", [("2023-08-27", "الـ27 من آب", "year 2023 from the source's date")]),
    ("في السابع من آب", [("2023-08-07", "السابع من آب", "year 2023 from the source's date")]),
    ("في الحادي والعشرين من تشرين الثاني", [("2022-11-21", "الحادي والعشرين من تشرين الثاني",
                                             "year 2022 from the source's date")]),
    ("في 27 آب/أغسطس 2023 و1 أيلول", [("2023-08-27", "27 آب/أغسطس 2023", None),
                                      ("2023-09-01", "1 أيلول", "year 2023 from a date earlier in the paragraph")]),
    ("في 12 صفر 1445 هـ", [("2023-08-28", "12 صفر 1445 هـ", "converted from the Hijri date")]),
    ("الجمعة 8 فيفري 2019 و3 أوت", [("2019-02-08", "8 فيفري 2019", None),  # Maghrebi month names
                                     ("2019-08-03", "3 أوت", "year 2019 from a date earlier in the paragraph")]),
    ("قال اليوم الثلاثاء إن", [("2023-08-29", "اليوم الثلاثاء", "the latest such weekday on or before")]),
    ("اعتقلوه الأحد الماضي", [("2023-08-27", "الأحد الماضي", "the latest such weekday before")]),
    ("اعتقلوه ليل الأحد", [("2023-08-27", "ليل الأحد", "the latest such weekday on or before")]),
    ("في السابع من الشهر الحالي", [("2023-08-07", "السابع من الشهر الحالي", "the month of the source's date")]),
    ("شن المقاتلون أمس هجوما", [("2023-08-29", "أمس", "the day before the source's date")]),  # yesterday alone
    ("وقعت أول أمس", [("2023-08-28", "أول أمس", "2 days before the source's date")]),
    ("منذ أمس الأول", [("2023-08-28", "أمس الأول", "2 days before the source's date")]),
    ("في أمسية شعرية", []),  # a longer word
    ("نشر بتاريخ 2023.09.14 في", [("2023-09-14", "2023.09.14", None)]),  # year first, with dots
    # a bare weekday set off by commas at the start of a clause is the report's time
    ("والجمعة، قتل وجرح العشرات", [("2023-08-25", "الجمعة", "the latest such weekday on or before")]),
    ("وقال، الأحد، إن", [("2023-08-27", "الأحد", "the latest such weekday on or before")]),
    ("الأحد، 27 آب قتل", [("2023-08-27", "27 آب", "year 2023 from the source's date")]),  # the date it names
    ("يزور ابنه الأحد، ثم يعود", []),  # not set off: it may be the next one
    ("بتاريخ 5-9-2023 و29.8.2023", [("2023-09-05", "5-9-2023", None), ("2023-08-29", "29.8.2023", None)]),
    ("في ٢٧ آب ٢٠٢٣", [("2023-08-27", "٢٧ آب ٢٠٢٣", None)]),
    ("يومي 27 و28 آب 2023", [("2023-08-27", "27", None), ("2023-08-28", "28 آب 2023", None)]),  # days of one month
    ("من 27 إلى 30 آب", [("2023-08-27", "27", "year 2023 from the source's date"),
                         ("2023-08-30", "30 آب", "year 2023 from the source's date")]),
    ("قتل 5 أشخاص و28 آب", [("2023-08-28", "28 آب", "year 2023 from the source's date")]),  # no day before و
    ("نشر في 2023-08-27 و2023/9/1", [("2023-08-27", "2023-08-27", None), ("2023-09-01", "2023/9/1", None)]),
    ("القرار 2023-13-40 والرقم 12023-08-27", []),  # no such month; a longer number
    ("وقع ذلك في 3/9/2023. ثم هدأ", [("2023-09-03", "3/9/2023", None)]),  # a date ending a sentence
    ("قال أب الضحية إنه يزور ابنه الأحد", []),  # آب is also "father"; a bare weekday may be the next one
    ("في 3أيلول/سبتمبر 2023 بدأ", [("2023-09-03", "3أيلول/سبتمبر 2023", None)]),  # the day joined to its month
    ("قتل 12آخرون", []),  # a number joined to a word that is no month
])
def test_dates_with_and_without_year_ordinals_hijri_and_relative_days(text, expected):
    found = find_dates(paragraphs(text), PartialDate(2023, 8, 30))
    assert [(d.date.iso(), d.matched) for d in found] == [e[:2] for e in expected]
    for d, (_, _, note) in zip(found, expected):
        assert (d.note is None) if note is None else d.note.text(SEEDS_LABELS["en"]).startswith(note)
        if d.note:  # worded in Arabic too, from the same values
            assert "{" not in d.note.text(SEEDS_LABELS["ar"])
    hijri = [d for d in found if "Hijri" in (d.note.text(SEEDS_LABELS["en"]) if d.note else "")]
    assert all(not d.inferred for d in hijri)  # written whole, only converted


@pytest.mark.parametrize("text, source_date, expected", [
    ("وتعهد في أيلول الماضي بالإصلاح", PartialDate(2023, 12, 4), ["2023-09"]),  # the latest September before
    ("منذ شهر آب المنصرم", PartialDate(2023, 10), ["2023-08"]),  # a source dated to the month is enough
    ("في أيلول الماضي", PartialDate(2023, 9, 20), ["2022-09"]),  # "last September" in September: a year before
    ("في أيلول الماضي", None, []),  # an undated source: nothing to count back from
    ("يوم 29 من تشرين الثاني الماضي", PartialDate(2023, 12, 4), ["2023-11-29"]),  # a day and month, read as such
    ("في 27 أغسطس/آب المنصرم", PartialDate(2023, 9, 6), ["2023-08-27"]),
])
def test_a_month_named_as_past_is_the_latest_such_month_before_the_source(text, source_date, expected):
    found = find_dates(paragraphs(text), source_date)
    assert [d.date.iso() for d in found] == expected
    assert all(d.inferred for d in found)  # each says how its year was found


@pytest.mark.parametrize("text, source_date, expected, reason", [
    ("في أواخر شهر آب من العام الفائت", PartialDate(2024, 3, 2), ["2023-08"], "last_year"),
    ("قتل في 27 آب من العام الماضي", PartialDate(2024, 3, 2), ["2023-08-27"], "last_year"),
    ("في السابع من آب من العام الجاري", PartialDate(2024, 3), ["2024-08-07"], "this_year"),
    ("في 27 آب من العام الماضي", None, [], None),  # an undated source: no year to count back from
])
def test_a_month_of_last_year_or_this_year_counts_from_the_source_and_says_so(text, source_date, expected, reason):
    found = find_dates(paragraphs(text), source_date)
    assert [d.date.iso() for d in found] == expected
    assert all(d.inferred and d.note.reason == reason for d in found)


def test_a_day_and_month_without_any_year_nearby_is_not_dated():
    assert find_dates(paragraphs("في السابع من آب"), None) == []


AUG_SEP_2023 = Period.parse({"from": "2023-08", "to": "2023-09"})


def test_an_undated_source_dates_a_day_and_month_in_the_archive_period():
    found = find_dates(paragraphs("وفي 27 آب الفائت اندلعت اشتباكات"), None, AUG_SEP_2023)
    assert [(d.date.iso(), d.matched) for d in found] == [("2023-08-27", "27 آب")]
    assert "archive's period" in found[0].note.text(SEEDS_LABELS["en"])
    assert "الفترة التي يغطيها الأرشيف" in found[0].note.text(SEEDS_LABELS["ar"])


@pytest.mark.parametrize("text, source_date, expected", [
    ("في 5 آذار", None, []),  # a month outside the period is not guessed
    ("في 27 آب", PartialDate(2024, 9, 1), ["2024-08-27"]),  # the source's own date comes first
    ("في 3 آب 2024 ثم في 27 آب", None, ["2024-08-03", "2024-08-27"]),  # and a year in the text
])
def test_the_archive_period_is_the_last_resort_for_a_missing_year(text, source_date, expected):
    assert [d.date.iso() for d in find_dates(paragraphs(text), source_date, AUG_SEP_2023)] == expected


PEOPLE = frozenset(i for i, e in REGISTRY.actors.items() if e.type == "person")


def found_demands(text: str):
    ps = paragraphs(text)
    by = {}
    for m in find_mentions(ps, REGISTRY.actor_names, set()):
        by.setdefault(m.paragraph.number, []).append((m.actor_id, m.start, m.end))
    return prose_demands(ps, lambda p: by.get(p.number, []), PEOPLE, feminine_names(REGISTRY.actor_names))


def demands_in(text: str):
    return [(d.speaker or d.speaker_text, d.addressees) for d in found_demands(text)]


@pytest.mark.parametrize("text, expected", [
    ("وطالبت العشائر في بيان مصور التحالف الدولي بالتدخل", [("arab-tribes", ("international-coalition",))]),
    ("ندعو المجتمع الدولي والأمم المتحدة إلى حماية المدنيين", [(None, ("international-community", "united-nations"))]),
    ("دعت الأمم المتحدة قسد والعشائر إلى ضبط النفس", [("united-nations", ("sdf", "arab-tribes"))]),
    ("دعا التحالف الدولي إلى وقف فوري للقتال", [("international-coalition", ())]),
    ("وطالب الشيخ حاجم البشير التحالف الدولي بالانسحاب", [("الشيخ حاجم البشير", ("international-coalition",))]),
    ("حث المبعوث الأممي قسد على الإفراج عن المعتقلين", [("un-special-envoy-syria", ("sdf",))]),
    ("وتطلب العشائر من قوات سوريا الديمقراطية أن تفرج عنهم", [("arab-tribes", ("sdf",))]),
    ("نناشد مجلس الأمن بإصدار قرار", [(None, ("un-security-council",))]),
    ("هاجمت العشائر قسد وحث التحالف الدولي الطرفين على الهدوء", [("international-coalition", ())]),  # و: new clause
    ("التحالف الدولي يدعو قسد إلى الحوار", [("international-coalition", ("sdf",))]),  # SVO
    ("دعت قسد الخبيل إلى اجتماع في الحسكة", []),  # an invitation
    ("وشدد التحالف الدولي على ضرورة وقف القتال", [("international-coalition", ())]),  # insist on the need
    ("وحضت الأمم المتحدة قسد على التهدئة", [("united-nations", ("sdf",))]),
    ("وشدد التحالف الدولي على أهمية الشراكة مع قسد", []),  # insisting on importance asks nothing
    ("جاءت الحملة بناء على طلب العشائر", []),  # a request as a noun
    ("حرمان 40 طالب من التعليم", []),  # students
    ("أصدرت العشائر بيانا يوم 5 أيلول 2023 دعت فيه التحالف الدولي إلى التدخل",  # a year is no count
     [("arab-tribes", ("international-coalition",))]),
])
def test_prose_demands_find_speaker_and_addressees(text, expected):
    assert demands_in(text) == expected


@pytest.mark.parametrize("text, expected", [
    # no name after the verb: the subject of the sentence, or of the paragraph's latest sentence, demands
    ("وجدد التحالف الدولي التزامه بدعم قسد، وحث في الوقت نفسه جميع القوى على وقف القتال",
     [("international-coalition", ())]),
    ("وقالت السفارة الأمريكية في بيان إن الولايات المتحدة قلقة، داعية جميع الأطراف إلى التهدئة",
     [("us-embassy-damascus", ())]),
    ("أعلنت الأمم المتحدة أنها قلقة. وطالبت بوقف فوري للقتال", [("united-nations", ())]),
    ("تدين الشبكة السورية لحقوق الإنسان القتل، وتطالب بوقف الاشتباكات", [("snhr", ())]),
    # the subject of the verb's own clause before the sentence's (a seed sentence credited ISIS with the tribes' call)
    ("وتأتي هذه الحملة ضمن الحملات التي تطلقها قسد مع التحالف الدولي للقضاء على خلايا داعش، وتدعم العشائر العربية "
     "هذه الحملات وتطلب من قسد باستمرار بالقضاء على الخلايا", [("arab-tribes", ("sdf",))]),
    # an institution after a role is the complement of the person who holds it, neither speaker nor asked
    ("اتهم قائد قوات سوريا الديمقراطية (قسد)، مظلوم عبدي، النظام بالتحريض، داعياً التحالف الدولي إلى الضغط",
     [("mazloum-abdi", ("international-coalition",))]),
    ("وطالب المتحدث باسم قسد فرهاد شامي التحالف الدولي بالتدخل", [("farhad-shami", ("international-coalition",))]),
    ("وطالب المتحدث باسم قسد التحالف الدولي بالتدخل", [("sdf", ("international-coalition",))]),  # no person
    # a title between the institution and the person who holds the role ("... الجنرال مظلوم عبدي")
    ("وقال قائد قوات سوريا الديمقراطية الجنرال مظلوم عبدي إن الوضع صعب.\nودعا إلى التهدئة", [("mazloum-abdi", ())]),
    # coordinated speakers joined with head nouns and adjectives between them
    ("دعت الولايات المتحدة الأمريكي وتركيا وقوات التحالف الدولي إلى وقف العنف", [("united-states", ())]),
    # a quoted statement that says who "we" are
    ("وجاء في البيان: نحن العشائر العربية في دير الزور ندعو قسد إلى الحوار", [("arab-tribes", ("sdf",))]),
    ("ندعو قسد إلى الحوار", [(None, ("sdf",))]),  # the source's own authors
])
def test_the_reported_speaker_of_a_prose_demand(text, expected):
    assert demands_in(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a definite noun for a group's leaders cannot govern the name after it: it demands, the name is asked
    ("ودعا المشايخ التحالف الدولي إلى تشكيل مجلس عسكري", [("المشايخ", ("international-coalition",))]),
    # without the article the noun governs the name: the tribes' sheikhs speak in the tribes' name
    ("ودعا مشايخ العشائر التحالف الدولي إلى تشكيل مجلس عسكري", [("arab-tribes", ("international-coalition",))]),
])
def test_a_definite_leaders_noun_after_the_verb_is_its_subject(text, expected):
    assert demands_in(text) == expected


@pytest.mark.parametrize("text, expected", [
    # طالب X، من Y بـ ...: who is asked follows من, once the subject has been named
    ("طالب عدد من شيوخ العشائر في دير الزور، من التحالف الدولي بدعم إدارة مدنية",
     [("arab-tribes", ("international-coalition",))]),
    # من with no name before it says of whom the subject is a part: no one is asked
    ("طالبت مجموعة من العشائر بتشكيل إدارة مدنية", [(None, ())]),
    ("طالب وجهاء من العشائر التحالف الدولي بدعم إدارة مدنية", [("وجهاء من العشائر", ("international-coalition",))]),
])
def test_the_asked_after_min_in_a_demand(text, expected):
    assert demands_in(text) == expected


@pytest.mark.parametrize("text, expected", [
    # the comma after a person set off by commas closes the apposition: the next name is asked
    ("ناشد قائد قسد، مظلوم عبدي، التحالف الدولي للتدخل", [("mazloum-abdi", ("international-coalition",))]),
    # with و the next name still joins the speaker; a list of bare commas without a person stays one chain
    ("ناشد قائد قسد، مظلوم عبدي، والتحالف الدولي العشائر للتهدئة", [("mazloum-abdi", ("arab-tribes",))]),
    ("دعت قسد، التحالف الدولي، الأمم المتحدة إلى التدخل", [("sdf", ())]),
])
def test_a_comma_closing_a_persons_apposition_is_no_coordination(text, expected):
    assert demands_in(text) == expected


@pytest.mark.parametrize("text, expected", [
    # "ودعا البيان X إلى": X is asked; the statement's author is the name right after the latest "بيان"
    ("نشرت الصفحة بياناً تحت اسم قسد، أكد وقوفها في وجه العدوان.\nودعا البيان جميع أبناء العشائر إلى النصرة",
     [("sdf", ("arab-tribes",))]),
    # no statement named before: the names are still asked, the author unknown
    ("ودعا البيان جميع أبناء العشائر إلى النصرة", [(None, ("arab-tribes",))]),
    # a name far after "بيان" is not its author: the statement's report goes on with و, its subject demands
    ("أصدرت الأمم المتحدة بياناً مطولاً عن الوضع الإنساني في مناطق سيطرة قسد.\nودعا البيان العشائر إلى التهدئة",
     [("united-nations", ("arab-tribes",))]),
])
def test_a_statement_as_subject_demands_for_its_author(text, expected):
    assert demands_in(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a verb agrees in gender with a subject after it: a name it disagrees with is asked
    ("وطالب ميليشيات قسد بإيقاف الحملة العسكرية", [(None, ("sdf",))]),
    ("وناشد الأمم المتحدة للقيام بكل ما هو ممكن", [(None, ("united-nations",))]),
    ("وطالبت قسد بإيقاف الحملة العسكرية", [("sdf", ())]),  # agrees: قسد demands
    ("دعت العشائر العربية إلى رص الصفوف", [("arab-tribes", ())]),
    ("دعا التحالف الدولي إلى وقف القتال", [("international-coalition", ())]),
    ("ودعا تنظيم الدولة الإسلامية إلى القتال", [("isis", ())]),  # a genitive (الدولة) does not make it feminine
    # those who lead or speak for a group demand in its name
    ("طالبت قيادة العشائر العربية بتوحيد الصفوف", [("arab-tribes", ())]),
    ("طالب قائد قسد، مظلوم عبدي، جميع العشائر العربية إلى الحوار", [("mazloum-abdi", ("arab-tribes",))]),
    # a quantifier says the names after the verb are asked; the sentence's subject demands
    ("أعلن التحالف الدولي موقفه، حيث دعا كافة العشائر العربية لرص الصفوف",
     [("international-coalition", ("arab-tribes",))]),
    # "بقيادة" is no ask; طالب ... إلى is
    ("طالب التحالف الدولي بقيادة الولايات المتحدة، في بيان له، إلى الوقف الفوري للاشتباكات",
     [("international-coalition", ())]),
    # a subject before auxiliaries (SVO)
    ("التحالف الدولي كان قد دعا إلى الحوار", [("international-coalition", ())]),
    # "الأخير": the actor named last
    ("التقى مظلوم عبدي بالتحالف الدولي، ودعا الأخير إلى الحوار", [("international-coalition", ())]),
    ("التقى مظلوم عبدي بالتحالف الدولي، ودعا إلى الحوار", [("mazloum-abdi", ())]),
])
def test_the_speaker_by_agreement_representatives_quantifiers_and_the_latter(text, expected):
    assert demands_in(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a report names who speaks once and goes on in later paragraphs
    ("أصدر التحالف الدولي بيانا، أعلن فيه دعمه لقسد.\nودعا البيان إلى إنهاء العنف", [("international-coalition", ())]),
    ("قال مظلوم عبدي إن الوضع صعب.\nوطالب ميليشيات داعش بالاستسلام", [("mazloum-abdi", ("isis",))]),
    # a sentence that names actors only after prepositions does not change who is reported
    ("دعت الأمم المتحدة إلى التهدئة.\nكما وجه دعوة إلى التحالف الدولي بدعم الحوار، وقال إن الوضع صعب.\n"
     "وطالب بوقف القتال", [("united-nations", ()), ("united-nations", ())]),
    # a verb after a subject of its own (not an actor) does not borrow an earlier one, nor do the verbs after it
    ("أصدر التحالف الدولي بيانا.\nالأهالي كانوا قد دعوا إلى التهدئة", [(None, ())]),
    ("هاجمت العشائر العربية قسد.\nتدعو المنظمات الموقعة إلى وقف القتال. وتطالب بحماية المدنيين",
     [(None, ()), (None, ())]),
    ("أعلنت قسد الحملة.\nودعا البيان إلى التهدئة", [("sdf", ())]),  # a statement stands for its author
])
def test_the_speaker_named_in_an_earlier_sentence_or_paragraph(text, expected):
    assert demands_in(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a report in a statement's words ("وحمّل البيان ...") goes on for the statement's author, named before
    # "بياناً" as the subject that issued it: the name after a later "وطالب" is asked, also in the sentence after
    ("أصدرت العشائر العربية، بيانا، عقب اجتماع موسع.\nوحمّل البيان قوات التحالف الدولي المسؤولية.\n"
     "وطالب التحالف الدولي، تسليم إدارة المنطقة لأصحابها.\nوطالب التحالف الدولي والدول الفاعلة، بالدفع نحو الحل",
     [("arab-tribes", ("international-coalition",)), ("arab-tribes", ("international-coalition",))]),
    # without a sentence whose subject is the statement, the name after the verb demands (VSO)
    ("أصدرت العشائر العربية، بيانا، عقب اجتماع موسع.\nوطالب التحالف الدولي بالدفع نحو الحل",
     [("international-coalition", ())]),
    # the statement's own words (after ':') name no author
    ("قالت الخارجية في بيان لها: على الولايات المتحدة الانسحاب.\nوطالب البيان الولايات المتحدة بالتوقف",
     [(None, ("united-states",))]),
    # "بحسب ما وثقت X": a verb continuing the report is X's
    ("نفذت قسد حملة اعتقال في ريف دير الزور، بحسب ما وثقت الشبكة السورية لحقوق الإنسان.\nوطالبت بتعويض الضحايا",
     [("snhr", ())]),
    ("نفذت قسد حملة اعتقال في ريف دير الزور.\nوطالبت بتعويض الضحايا", [("sdf", ())]),
])
def test_who_speaks_for_a_reported_statement(text, expected):
    assert demands_in(text) == expected


@pytest.mark.parametrize("text, expected", [
    # what is asked as a verbal noun without ب, right after the names that follow the verb
    ("الشبكة السورية لحقوق الإنسان تطالب قسد ومجلس دير الزور العسكري إيجاد حل",
     [("snhr", ("sdf", "deir-ez-zor-military-council"))]),
    # a number, a time or a definite word after the names is not what is asked
    ("طالب التحالف الدولي 40 مرة بالتهدئة", [("international-coalition", ())]),
])
def test_a_demand_whose_ask_is_a_bare_verbal_noun(text, expected):
    assert demands_in(text) == expected


@pytest.mark.parametrize("text, asked, expected", [
    # a detached لـ/بـ before a name governs the name: it is not what is asked, and the name is no one asked
    ('ودعا القائد العام لـ"قسد"، سكان المنطقة لتوخي الحذر', "لتوخي الحذر", (None, ())),
    # before a word that is no name it is the ask
    ('وطالب التحالف الدولي مجدداً بـ "الإفراج عن المعتقلين"', 'بـ "الإفراج عن المعتقلين"', ("international-coalition", ())),
])
def test_a_detached_preposition_before_a_name_is_not_the_ask(text, asked, expected):
    [demand] = found_demands(text)
    assert (demand.asked, (demand.speaker or demand.speaker_text, demand.addressees)) == (asked, expected)


@pytest.mark.parametrize("text, expected", [
    # a verb with a plural object pronoun is still the verb
    ("ونطالبهم بالحفاظ على الممتلكات العامة", [(None, ())]),
    ("مظلوم عبدي وهو يحثهم على التهدئة", [("mazloum-abdi", ())]),  # and "وهو" points to the name before it
    # the members of a group after the verb are asked, as a quantified group is
    ("مظلوم عبدي وهو يدعو أبناء العشائر العربية إلى التهدئة", [("mazloum-abdi", ("arab-tribes",))]),
    ("قال مظلوم عبدي إن الوضع صعب.\nودعا خلالها مقاتلي العشائر إلى التهدئة", [("mazloum-abdi", ("arab-tribes",))]),
    # a delegation speaks for whom it represents
    ("وشدد وفد التحالف الدولي على ضرورة وقف القتال", [("international-coalition", ())]),
    # an unregistered subject before a present-tense verb demands; the names after the verb are asked
    ("سورية تدعو مجلس الأمن إلى تحمل مسؤولياته", [("سورية", ("un-security-council",))]),
    ("وقالت مصادر إن الأهالي يطالبون التحالف الدولي بالتدخل", [("الأهالي", ("international-coalition",))]),
    ("وفي سياق متصل دعا التحالف الدولي إلى الهدوء", [("international-coalition", ())]),  # past tense: VSO
    ("وفي سياق متصل يطالب التحالف الدولي قسد بالتهدئة", [("international-coalition", ("sdf",))]),  # no subject
    ("نازحو العزبة في دير الزور شرقي سورية يطالبون التحالف الدولي باستعادة أراضيهم",
     [("نازحو العزبة في دير الزور شرقي سورية", ("international-coalition",))]),
    # a person described by a role before the name demands; "لجنة" after a role is its complement, not the ask
    ("دعا رئيس لجنة العلاقات الخارجية، مظلوم عبدي، إلى التهدئة", [("mazloum-abdi", ())]),
    ('طالب مينينديز "قسد" بوقف الاعتقالات', [("مينينديز", ("sdf",))]),  # who speaks, without the quotation mark
    ("أحث جميع الأطراف على الالتزام", [(None, ())]),  # the first person singular
    ("ودعا شبان العشائر العربية إلى الانشقاق", [(None, ("arab-tribes",))]),  # a group's young men are asked
    ("ونطالب من قسد الانسحاب من القرى", [(None, ("sdf",))]),  # من right after the verb: who is asked
    ("وحث المسؤول الأمريكي “جميع الأطراف إلى تجنب التصعيد", [(None, ())]),  # حث ... إلى as well as على
    # a place after the institution of a role does not hide the person who holds it
    ("أعلن شيخ مشايخ قبيلة العكيدات في سوريا، الشيخ إبراهيم خليل الهفل، تشكيل قيادة، داعياً إلى التصعيد",
     [("ibrahim-al-hifl", ())]),
    # a broken plural of a feminine noun takes a feminine verb: after a masculine one it is asked
    ("قال إبراهيم الهفل إن الوضع صعب.\nيدعو العشائر بأن تهب هبة رجل واحد", [("ibrahim-al-hifl", ("arab-tribes",))]),
    # طالب ... لـ; the description "أحد شيوخ قبيلة ..." names neither who demands nor who is asked;
    # "أبناء" before a name is no verbal noun asked
    ("طالب إبراهيم الهفل أحد شيوخ قبيلة العكيدات أبناء القبائل العربية للوقوف صفاً واحداً",
     [("ibrahim-al-hifl", ("arab-tribes",))]),
    ("كما دعا المنضوين تحت قوات سوريا الديمقراطية للتخلي عنها", [(None, ())]),  # تحت governs the name
    ("وطالب أهالي العشائر العربية بالوقوف إلى جانب قسد", [(None, ("arab-tribes",))]),  # residents are asked
    # a name before a comma ends its clause: it is not the subject of the verb after the comma
    ("قتل الشيخ على يد قسد، طالبت العشائر العربية بفتح الجبهات", [("arab-tribes", ())]),
    # a name governed by the unregistered speaker's words is part of who speaks, not one asked
    ("ناشد شيخاً من شيوخ العشائر في دير الزور التحالف الدولي بتعليق العمليات",
     [("شيخاً من شيوخ العشائر", ("international-coalition",))]),
])
def test_pronouns_members_delegations_and_unregistered_subjects_in_demands(text, expected):
    assert demands_in(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("طلبنا من إبراهيم الهفل القدوم للحوار", [(None, ("ibrahim-al-hifl",))]),  # first person, past
    ("مظلوم عبدي: طلبنا من إبراهيم الهفل القدوم للحوار", [("mazloum-abdi", ("ibrahim-al-hifl",))]),  # quoted
    ("وقال إبراهيم الهفل: «ندعو التحالف الدولي إلى وقف دعمه لقسد»", [("ibrahim-al-hifl", ("international-coalition",))]),
    ("وحثثنا قسد على الإفراج عن المعتقلين", [(None, ("sdf",))]),  # a doubled verb's first person
    ("الولايات المتحدة وفرنسا دعتا قسد إلى وقف القتال", [("united-states", ("sdf",))]),  # feminine dual
    ("وقرر الأهالي أن يطالبوا التحالف الدولي بالتدخل", [(None, ("international-coalition",))]),  # subjunctive
    ("وقدمت العشائر طلباً بالإفراج عن المعتقلين", []),  # a request (noun), not the past dual "they two asked"
    ("وأكد إبراهيم الهفل استمرار القتال، طالباً من أبناء العشائر في الجزيرة المساندة بالقتال",
     [("ibrahim-al-hifl", ("arab-tribes",))]),  # the participle of طلب
    # a role's complement before the colon is not whom the words are given to
    ("وجاء في التسجيل أنه لشيخ قبيلة العكيدات: أدعو جميع العشائر العربية إلى توحيد الصف",
     [(None, ("arab-tribes",))]),
])
def test_every_person_and_tense_of_a_demand_verb_is_read(text, expected):
    assert demands_in(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("ودعا إبراهيم الهفل أبناء القبائل العربية المنضوين في صفوف قسد إلى الانشقاق الفوري",
     [("ibrahim-al-hifl", ("arab-tribes",))]),
    ("ودعا إبراهيم الهفل أبناء العرب العاملين ضمن قوات قسد إلى الانشقاق", [("ibrahim-al-hifl", ())]),
    ("داعياً العناصر العرب المنضوين في تشكيلات “قوات سوريا الديمقراطية - قسد” إلى الانشقاق عنها", [(None, ())]),
])
def test_where_those_asked_serve_is_not_asked(text, expected):
    """"المنضوين في صفوف قسد" says who the asked are; the SDF is not asked to defect from itself."""
    assert demands_in(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("وأصدرت قبيلة العكيدات بياناً طالبت فيه قوات التحالف الدولي بالإفراج عن المعتقلين",
     [("akidat-tribe", ("international-coalition",))]),  # who made the statement asks whom فيه is followed by
    ("وظهر شقيق أحمد الخبيل، إبراهيم الهفل، في شريط مصور يناشد فيه العشائر العربية لمحاربة قسد",
     [("ibrahim-al-hifl", ("arab-tribes",))]),  # the last person named before it made the recording
])
def test_a_demand_made_in_a_statement_is_its_authors(text, expected):
    assert demands_in(text) == expected


def test_a_comma_after_a_group_named_by_its_leaders_ends_who_demands():
    """"وطالب شيوخ ووجهاء العشائر، التحالف الدولي بـ": the leaders' phrase, a comma, then whom they ask."""
    assert demands_in("وطالب شيوخ ووجهاء العشائر، التحالف الدولي بزيادة الدعم") == [
        ("arab-tribes", ("international-coalition",))]
    assert demands_in("وطالب شيوخ العشائر، والتحالف الدولي بالتهدئة")[0][1] == ()  # with و they demand together


@pytest.mark.parametrize("text, expected", [
    # a first-person call in quotation marks is the words of the person named before the quotation
    ("وقال، شيخ قبيلة العكيدات، إبراهيم الهفل، \"نناشد التحالف الدولي بوقف دعم قسد\"",
     [("ibrahim-al-hifl", ("international-coalition",))]),
    ("وأكد مظلوم عبدي في منشور على منصة إكس أن القتال انتهى، مضيفاً: «وندعو العشائر إلى الحوار»",
     [("mazloum-abdi", ("arab-tribes",))]),
    # outside quotation marks (a statement's own words), or after the quotation closed, no one is inferred
    ("وقال إبراهيم الهفل إن العشائر ستقاتل. ندعو التحالف الدولي إلى الحياد", [(None, ("international-coalition",))]),
    ("وقال إبراهيم الهفل «القتال مستمر»، وندعو التحالف الدولي إلى الحياد", [(None, ("international-coalition",))]),
])
def test_a_first_person_demand_in_quotation_marks_is_the_quoted_persons(text, expected):
    assert demands_in(text) == expected


@pytest.mark.parametrize("text, expected", [
    # "one of the largest tribes": a description of who demands, not one asked
    ("طالبت قبيلة العكيدات إحدى أكبر العشائر العربية بضمانات أمريكية للتهدئة", [("akidat-tribe", ())]),
    # a participle of saying says the sentence's speaker goes on: the name after the verb is asked ...
    ("وقال مظلوم عبدي إن قسد لا تريد القتال، مضيفاً أنها منفتحة على الحوار، وطالب العشائر بتسليم السلاح",
     [("mazloum-abdi", ("arab-tribes",))]),
    ("وقال الشيخ حاجم البشير في تصريح، إن قسد لا تريد التهدئة، مؤكداً أن العشائر لن تتراجع، وطالب التحالف الدولي "
     "بوقف القتال", [("الشيخ حاجم البشير", ("international-coalition",))]),
    # ... without it, "وطالب X بـ" after a comma is a new clause in which X demands
    ("وقال الشيخ حاجم البشير إن قسد لا تريد التهدئة، وطالب التحالف الدولي بوقف القتال",
     [("international-coalition", ())]),
    # a masculine verb does not take a feminine noun (or its broken plural) as its subject: it is asked
    ("وظهر إبراهيم الهفل وهو يحث عشائر قبيلة العكيدات إلى المشاركة", [("ibrahim-al-hifl", ("akidat-tribe",))]),
    # who backs the one demanding is not asked: "المدعومة من ..." is no "طالب X، من Y"
    ("ودعت قسد، المدعومة من الولايات المتحدة، المدنيين إلى مغادرة البلدة", [("sdf", ())]),
    # a description between commas: the role's holder after it speaks, not the class described
    ("نشر تسجيلاً لشيخ قبيلة العكيدات، أكبر القبائل العربية في شرق سورية، إبراهيم الهفل، دعا فيه إلى توحيد العشائر",
     [("ibrahim-al-hifl", ())]),
    # a demand made "in" a letter asks whom the letter was sent to
    ("ووجه إبراهيم الهفل رسالة للتحالف الدولي طالب فيها بتشكيل مجلس عسكري",
     [("ibrahim-al-hifl", ("international-coalition",))]),
    ("ووجه إبراهيم الهفل رسالة من التحالف الدولي طالب فيها بتشكيل مجلس عسكري", [("ibrahim-al-hifl", ())]),
    # a person named after their role is set off as by a comma: the name after the next comma is asked
    ("دعا شيخ قبيلة العكيدات إبراهيم الهفل، التحالف الدولي لسحب قسد من دير الزور",
     [("ibrahim-al-hifl", ("international-coalition",))]),
    # طلب ... من X: also after a subject of several words, and after "باقي" (the rest of)
    ("طلب قادة عشائر عربية من الجيش الأميركي العمل لإبعاد مقاتلي قسد", [("arab-tribes", ("us-military",))]),
    ("وطلب إبراهيم الهفل المساندة من باقي العشائر لصد الهجوم", [("ibrahim-al-hifl", ("arab-tribes",))]),
    # but not a name further on: "من الأهالي" names no one
    ("طلبت مساجد البلدة عبر مكبرات الصوت من الأهالي مساندة العشائر", []),
])
def test_descriptions_and_a_speaker_adding_act_to_act_in_demands(text, expected):
    assert demands_in(text) == expected


def test_candidates_are_ranked_by_evidence_and_noise_is_not_proposed():
    text = ("وقال الشيخ حاجم البشير شيخ قبيلة الشعيطات إن أبو محمد الجدعان وصل.\n"
            "وقال المتحدث باسم جيش الثوار إن «الوضع» صعب، وأكد حاجم البشير ذلك.")
    found = find_candidates(paragraphs(text), [REGISTRY.actor_names, REGISTRY.organisation_names], set())
    assert [c.score for c in found] == sorted((c.score for c in found), reverse=True)
    assert {c.name for c in found} == {"حاجم البشير", "قبيلة الشعيطات", "أبو محمد الجدعان", "جيش الثوار"}
    hajim = next(c for c in found if c.name == "حاجم البشير")
    assert hajim.evidence == ("after the title الشيخ", "named 2 times") and hajim.score == 3
    assert hajim.context.startswith("وقال الشيخ [حاجم البشير]")
    assert found[0].name == "جيش الثوار" and found[0].evidence == ("after المتحدث باسم", "after جيش")


def test_matching_is_linear_in_text_length():
    import time
    line = "قالت قسد إن التحالف الدولي ومجلس دير الزور العسكري والعشائر العربية في دير الزور. "
    start = time.perf_counter()
    REGISTRY.actor_names.find(line * 4000)  # 20,000 mentions (the old pairwise filter took 36 s)
    assert time.perf_counter() - start < 5


# --- registry checks (pull-request safety) ----------------------------------------------------------

def append_actor(project, entry: str) -> int:
    """Append ``entry`` (YAML) to data/actors.yml; return the line where it starts."""
    path = project.data_dir / "actors.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + entry, encoding="utf-8")
    return text.count("\n") + 1


@pytest.mark.parametrize("fields, message", [
    ("  links: 5\n", r"links must be a list of addresses \(- https://...\), not 5"),
    ("  links: \"http://example.org\"\n", r"links must be a list of addresses"),
    ("  links: [\"javascript:alert(1)\"]\n", r"links: address 'javascript:alert\(1\)' is not an http"),
    ("  links: [\"https://exa\u202emple.org\"]\n", r"links: address .* contains the invisible or control character U\+202E"),
    ("  description: just text\n", r"description must be a mapping \{en: text, ar: text\}"),
    ("  description: {fr: texte}\n", r"description must be a mapping"),
    ("  aliases: [قسد]\n", r"the name 'قسد' is also a name of 'sdf': a name may mean one entry only"),
    ("  aliases: [قوات سورية الديمقراطية]\n", r"the name .* is also a name of 'sdf'"),  # the same after normalisation
    ("  aliases: [الحكومة]\n", r"the alias 'الحكومة' is a common word; write it as \{name: الحكومة, context: unqualified\}"),
    ("  aliases: [في الذي]\n", r"the alias 'في الذي' is made of common function words only"),
    ("  aliases: [{name: في, context: proper-name}]\n", r"the alias 'في' is made of common function words only"),
    ("  aliases: [{name: الحكومة, context: sometimes}]\n", r"an alias with a context is \{name: ..., context:"),
])
def test_bad_registry_entries_are_one_line_errors_naming_file_and_line(archive, fields, message):
    line = append_actor(archive, f"- id: new-actor\n  type: person\n  ar: شخص جديد\n  en: New person\n{fields}")
    with pytest.raises(ArchiveError, match=rf"^data/actors.yml:{line + 4}: {message}"):
        load_corpus(archive)


def test_a_common_word_alias_with_a_context_rule_is_accepted(archive):
    append_actor(archive, "- id: new-actor\n  type: government\n  ar: حكومة جديدة\n  en: New government\n"
                          "  aliases: [{name: الحكومة, context: unqualified}]\n")
    matcher = load_registry(archive).actor_names
    assert [m.entity_id for m in matcher.find("قالت الحكومة إن الحكومة المؤقتة")] == ["new-actor"]


@pytest.mark.parametrize("text, actors", [
    ("وجدد التحالف التزامه بدعم الشركاء", ["international-coalition"]),  # an object with a pronoun is no qualifier
    ("دعم دمشق للقبائل العربية", ["damascus", "arab-tribes"]),  # the actor's own word (العربية) does not qualify it
    ("من بلدة الذيبان إلى الباغوز", ["dhiban", "al-baghuz"]),  # place names with or without the article
    ("قالت الحكومة السورية إن", ["syrian-government"]),  # an adjective the registry gives (سوري)
])
def test_qualifiers_own_words_and_articles_of_places(text, actors):
    assert [a for a, _ in mentioned(text)] == actors


def test_candidates_after_roles_place_words_lists_and_media():
    text = ("وقال وزير الخارجية التركي هاكان فيدان لوكالة أنباء سبوتنيك إن الاشتباكات امتدت من بلدة الطيانة "
            "إلى قرى الجاسمي والعزبة والحريجية.")
    found = find_candidates(paragraphs(text), [REGISTRY.actor_names, REGISTRY.organisation_names], set())
    assert {c.name: c.evidence[0] for c in found} == {
        "هاكان فيدان": "a name after the role وزير", "سبوتنيك": "after لوكالة", "الطيانة": "after بلدة",
        "الجاسمي": "listed after قرى", "العزبة": "listed after قرى", "الحريجية": "listed after قرى"}  # as written


def candidates(text: str) -> dict[str, tuple[str, ...]]:
    found = find_candidates(paragraphs(text), [REGISTRY.actor_names, REGISTRY.organisation_names], set(),
                            gazetteers(Project(REPO)))
    return {c.name: c.evidence for c in found}


@pytest.mark.parametrize("text, name", [
    ("وأكد ناشطون في شبكة “فرات بوست” أن الهجوم بدأ", "شبكة فرات بوست"),  # quotes end a name after a head word
    ("وقال مدير مركز \"الشرق نيوز\" إن", "مركز الشرق نيوز"),  # not "مركز الشرق"
    ("وقائد العمليات اللواء فويل في الاجتماع", "فويل"),  # one word after a military rank
    ("وقال فراس علاوي، مدير مركز الدراسات، إن", "فراس علاوي"),  # a name before its role
    ("وقال خليل الوحش، قائد المجلس، إن", "خليل الوحش"),  # also a role whose normalised form differs (قائد)
    ("واعتقلت قائد المجلس و نائبُه “خليل الوحش”.", "خليل الوحش"),  # quoted after a role with a pronoun
    ("توجه شيخ مشايخ قبيلة البكارة، حاجم عبود البشير، برسالة", "حاجم عبود البشير"),  # middle names
    ("نقلت تعزيزات إلى منطقة المعامل شمالي المدينة", "المعامل"), ("بحجة عصيان في سجن غويران", "غويران"),
    ("وذكر مراسل سانا أن", "سانا"), ("عبروا نهر الفرات", "الفرات"),  # a short word in ات may be a name
    ("بحسب ما نقلته نورث برس عن مصادر", "نورث برس"), ("ونقلت الشرقية بوست عن مصادر", "الشرقية بوست"),  # a medium's end
    ("وقال لشبكة CNN إن", "CNN"),  # an acronym in Latin capitals
    ("كتب د. إسماعيل النجار مقالاً", "إسماعيل النجار"),  # after an abbreviated title with its period
    ("دعا وجهاء العشائر في مقاطعة قامشلو", "قامشلو"), ("وصلت إلى محافظة حلب", "حلب"),  # a governorate's name
    ("وقال المتحدث باسم التحالف الدولي، مايلز كاغينز، إن", "مايلز كاغينز"),  # the spokesman himself
])
def test_candidates_from_quotes_ranks_apposition_and_place_words(text, name):
    assert name in candidates(text)


@pytest.mark.parametrize("text, name", [
    ("في شبكة الطرق", "شبكة الطرق"),  # an institutional word alone is not enough
    ("وقال الشيخ حاجم إن", "حاجم"),  # one word after a title that is no rank
    ("وقال مصدر أمني إن الوضع صعب", "مصدر أمني"),  # no role after a comma
    ("مستمرة في منطقة الاشتباكات", "الاشتباكات"),  # a plural in -ات after a place word is a common noun
    ("وقائد مكتب إدارة الداخلية اللواء فويل", "إدارة الداخلية"),  # a noun and its adjective in ة
    ("اشتباكات بين قسد وعناصر “المجلس العسكري” في القرية", "المجلس العسكري"),  # a registry name's short form
    ("وقال نائبه إن الوضع صعب", "الوضع"),  # a role with a pronoun and no quoted name
    ("في الساعة 13:00 GMT", "GMT"),  # a Latin word after a number is a unit or a time zone
    ("وقال مكتب OCHA إن", "OCHA"),  # the acronym of a registry actor's English name
])
def test_candidates_that_are_not_names_are_not_proposed(text, name):
    assert name not in candidates(text)


@pytest.mark.parametrize("text, expected", [
    ("عبر معبر البوكمال الحدودي مع العراق", {"البوكمال", "العراق"}),  # an adjective of position describes the place
    ("أفرجت قسد عن أعضاء حركة الشباب المعتقلين", {"حركة الشباب"}),  # a participle in the plural describes
    ("الناشط “زين العابدين” قال", {"زين العابدين"}),  # but a person's name may end so
    ("من شيوخ ناحية تل حميس التابعة لمقاطعة قامشلو", {"حميس", "تل حميس", "قامشلو"}),  # a word of belonging ends it (the town whole: data/places.yml)
    ("بحسب وكالة إخبارية محلية", set()),  # an indefinite adjective after a medium's word says what kind
    ("وقالت “الشبكة” إن “الشبكة” وثقت", set()),  # the head noun a registry name begins with (الشبكة السورية ...)
    ("تبين أن الشيخ الهفل التقى بالوفد", set()),  # a verb of meeting after a title is no name
    ("وصلت وكالة فرات للأنباء لقاءات مع الأهالي", {"فرات للأنباء"}),  # a purpose ends the name
    ("في منطقة غنية بالنفط", set()),  # an indefinite adjective after a place's word
    ("حقل العمر النفطي", {"العمر"}),  # an adjective of what a place holds describes it
    ("وعين المجلس أبو الليث خشام قائداً جديداً", {"أبو الليث"}),  # a role in the accusative ends a name
    ("بحسب القائد العام للقوات الروسية في سوريا", set()),  # an adjective of the title, then no name
    ("وقال مسؤول في وزارة الخارجية الأمريكية في تصريح خاص لراديو", set()),  # في: still the complement
    ("بريف مدينة منبج", {"منبج"}),  # a place's word after another is no name: the name comes after both
    ("وقال “الخبيل” إن “الخبيل” باق", set()),  # a registered person's surname alone is a short form
    ("وقال الرئيس المشترك للمجلس إن", set()),
    ("وقال نائب المتحدث باسم الخارجية الأميركية، فيدانت باتل، إن",  # باسم after a spokesman is no given name
     {"الخارجية الأميركية", "فيدانت باتل"}),
])
def test_descriptions_verbs_and_short_forms_are_not_part_of_names(text, expected):
    assert set(candidates(text)) == expected


def test_no_name_is_looked_for_after_a_role_whose_holder_the_registry_knows():
    """"شيخ قبيلة العكيدات إبراهيم الهفل": the holder is named; the words after him are no one."""
    text = "تزامنا مع إعلان شيخ عشيرة العكيدات إبراهيم الهفل بدء معركة جديدة ضد قسد"
    assert not any("معركة" in name for name in candidates(text))


@pytest.mark.parametrize("text", ["وشيخ مشايخ العكيدات ينفي علاقة الحراك بالنظام",
                                  "وشيخ مشايخ قبيلة البكارة يؤكد دعم الحراك"])
def test_a_verb_of_saying_after_a_role_is_no_name(text):
    """The role's complement ends at the verb: the words after it are the predicate, not a person."""
    assert not any("علاقة" in name or "دعم" in name for name in candidates(text))


@pytest.mark.parametrize("text, name", [
    ("وقالت شبكة رصد سوريا لحقوق الإنسان إن", "شبكة رصد سوريا لحقوق الإنسان"),
    ("بحسب دراسة لمركز جسور للدراسات", "مركز جسور للدراسات"),
])
def test_an_organisation_named_up_to_its_purpose_is_proposed(text, name):
    """A head word, indefinite name words, then ل with a definite noun or لل: an institution's name."""
    assert name in candidates(text)


@pytest.mark.parametrize("text, name", [
    ("وشهدت المنطقة حركة نزوح كبيرة للأهالي", "حركة نزوح كبيرة للأهالي"),  # an adjective in ة
    ("في مركز المدينة للتسوق", "مركز المدينة للتسوق"),  # a definite word: an ordinary phrase
    ("تمت إعادة تأهيل شبكة مياه، وللأهالي حصة", "شبكة مياه، وللأهالي"),  # punctuation ends the name
])
def test_a_phrase_that_only_looks_like_a_purpose_is_not_proposed(text, name):
    assert name not in candidates(text)


@pytest.mark.parametrize("text, name", [
    ("وقال مجلس دير الزور المدني في بيان إن", "مجلس دير الزور المدني"),  # a registry place inside, an adjective after
    ("وأعلن مجلس منبج العسكري أن", "مجلس منبج العسكري"),  # the head's adjective after what it is of
    ("وقال مجلس المنطقة الشرقية إن", "مجلس المنطقة الشرقية"),  # (a descriptive adjective ends a place's name, not this)
    ("وأدان المجلس الوطني الكردي في سوريا الهجوم", "المجلس الوطني الكردي"),  # a definite head and two adjectives
    ("وهاجم جيش العشائر مواقع قسد", "جيش العشائر"),  # an armed group named after the tribes the registry knows
])
def test_an_institution_named_after_a_place_or_with_its_adjective_is_proposed(text, name):
    """Longest name wins: a place or tribe the registry knows inside an institution's name does not hide it."""
    assert name in candidates(text)


@pytest.mark.parametrize("text, name", [
    ("وقال شيخ عشيرة العقيدات إن", "عشيرة العقيدات"),  # a tribe's own word with its name is the tribe
    ("وتقدمت قوات العشائر نحو ذيبان", "قوات العشائر"),  # a noun that is not a group's head word
    ("وقال المجلس العسكري إن", "المجلس العسكري"),  # one adjective alone: a short reference
    ("وقال مدير المجلس المحلي إن", "المجلس المحلي"),
])
def test_a_registry_actor_or_a_short_reference_is_not_proposed_as_an_institution(text, name):
    assert name not in candidates(text)


@pytest.mark.parametrize("text, name", [
    ("وقال مصعب الهفل إن المفاوضات فشلت", "مصعب الهفل"),
    ("والتقى الوفد إبراهيم ومصعب الهفل", "مصعب الهفل"),  # after و, the given name without it
    ("وقال جلال الخبيل إن", "جلال الخبيل"),
])
def test_a_given_name_before_a_registry_persons_family_name_is_another_person(text, name):
    assert name in candidates(text)


@pytest.mark.parametrize("text", [
    "وأضاف الهفل أن المعارك مستمرة", "وكشف الهفل عن خطة", "بعد اعتقال الخبيل في الحسكة",  # a verb, a verbal noun
    "وفي تصريحات الهفل الأخيرة",  # a plural in ات
])
def test_a_verb_or_verbal_noun_before_a_family_name_is_not_a_given_name(text):
    assert not any(len(name.split()) == 2 for name in candidates(text))


@pytest.mark.parametrize("text, expected", [
    ("التحالف الدولي يدعو الشيخ الهفل لمفاوضة قسد", ("ibrahim-al-hifl", "الهفل")),  # a title, then a surname
    ("وقال السيد “عبدي” إن", ("mazloum-abdi", "عبدي")),
])
def test_a_title_before_a_registry_persons_surname_names_that_person(text, expected):
    assert expected in mentioned(text)


@pytest.mark.parametrize("text", ["وقال الهفل إن", "وقالت عائلة الهفل إن"])  # no title, no full name before
def test_a_bare_surname_alone_is_not_a_mention(text):
    assert not any(actor == "ibrahim-al-hifl" for actor, _ in mentioned(text))


def test_a_surname_after_another_given_name_is_not_the_registry_person():
    """After "إبراهيم الهفل", "الهفل" alone is al-Hifl again, but "مصعب الهفل" is his relative."""
    text = "وقال إبراهيم الهفل إن مصعب الهفل وصل، وأضاف الهفل أن"
    assert [m for m in mentioned(text) if m[0] == "ibrahim-al-hifl"] == [("ibrahim-al-hifl", "إبراهيم الهفل"),
                                                                        ("ibrahim-al-hifl", "الهفل")]


@pytest.mark.parametrize("text, name", [
    ("وصل الوفد إلى طهران أمس", "طهران"),  # a city that names a time zone in CLDR
    ("وزار الوفد أربيل وبغداد", "بغداد"),  # without its و
    ("وقالت وزارة الخارجية في المملكة المتحدة إن", "المملكة المتحدة"),  # a country of two words
])
def test_countries_and_large_cities_are_proposed(text, name):
    assert name in candidates(text)


@pytest.mark.parametrize("text", [
    "تقع ذيبان في سوريا",  # a word of registry names: geography, not an actor to add
    "بلدة ذيبان مسقط رأس الهفل",  # "birthplace": a derived noun, not Muscat
    "ترك الهفل البلدة",  # "he left", not Chuuk's Arabic name
])
def test_words_that_are_registry_names_or_derived_words_are_not_proposed_as_places(text):
    assert not any(name in ("سوريا", "مسقط", "ترك") for name in candidates(text))


@pytest.mark.parametrize("text, name", [
    ("امتدت الاشتباكات إلى منبج ومحيطها", "منبج"),  # a Syrian town of data/places.yml, no clue word
    ("وصل مقاتلون من جرابلس وإدلب", "جرابلس"),
    ("ونقلوا الجرحى إلى حلب", "حلب"),  # also "he milked": a town this big is named all the same
])
def test_towns_of_the_gazetteer_are_proposed_without_a_clue_word(text, name):
    assert any("data/places.yml" in why for why in candidates(text)[name])


@pytest.mark.parametrize("text, word", [
    ("خرجت مظاهرات سلمية في البلدة", "سلمية"),  # "peaceful", not Salamiyah (a town of 95,000)
    ("وأعلنت عن مرحلة جديدة من العملية", "جديدة"),  # "new", not one of the villages named Jdeideh
])
def test_a_small_towns_name_that_is_an_ordinary_word_is_read_as_the_word(text, word):
    assert word not in candidates(text)


@pytest.mark.parametrize("text, name", [
    ("وقالت ماريا زاخاروفا إن موسكو تتابع", "ماريا زاخاروفا"),  # a given name, then a word no dictionary has
    ("وأضاف خالد زنكلو أن الاشتباكات", "خالد زنكلو"),
    ("وبحسب محمد خليل الشويخ فإن", "محمد خليل الشويخ"),  # a father's name, then the family's: the last
])
def test_a_person_without_a_title_is_proposed_by_given_name_and_family_name(text, name):
    assert any("data/given_names.yml" in why for why in candidates(text)[name])


@pytest.mark.parametrize("text, name", [
    ("وأصيب خالد الحسين وسعيد الأحمد العايد في القصف", "سعيد الأحمد العايد"),  # و attached; a father named al-Ahmad
    ("وكان بين المعتقلين أحمد الموسى", "أحمد الموسى"),  # a family name that is a given name with ال, and a word
])
def test_a_person_listed_after_another_or_named_after_a_father_is_proposed(text, name):
    assert any("data/given_names.yml" in why for why in candidates(text)[name])


@pytest.mark.parametrize("text, name", [("وأصيب علي الفياض في القصف", "علي الفياض"),
                                        ("وقال مدير المكتب الإعلامي علي الحمود، إن", "علي الحمود")])
def test_the_given_name_ali_is_told_from_the_preposition_ala_as_written(text, name):
    """Normalising ى to ي makes علي (Ali) the function word على (on): names holding it were dropped."""
    assert name in candidates(text)


def test_a_listed_given_name_that_begins_like_a_prefix_or_the_article_follows_a_role():
    """"فرحان" looks like ف + رحان and "إلهام" like ال + هام; the list of given names says they are names."""
    assert "فرحان حق" in candidates("وقال نائب المتحدث باسم الأمم المتحدة فرحان حق إن الأمين العام")


@pytest.mark.parametrize("text", ["وقف على الحياد في القتال", "سيطروا على الحقل"])
def test_the_preposition_ala_starts_no_name(text):
    assert not candidates(text)


@pytest.mark.parametrize("text, names", [
    ("وأعلن أبناء عشائر الحويجات، الطوايرة، البوعمر، وجميع العشائر الدعم", ["الحويجات", "الطوايرة", "البوعمر"]),
    ("اندلع اقتتال بين عائلتي الحمدان والخضير في البلدة", ["الحمدان", "الخضير"]),  # a dual
    ("قصفت قرى الكبر، الصعوة، والجنينة", ["الكبر", "الصعوة", "الجنينة"]),  # commas, and a و after one
    ('سيطروا على قرى "رجم الغزال" و"خربة الشعير"، "السفح" شرقاً', ["رجم الغزال", "خربة الشعير", "السفح"]),  # quoted
])
def test_names_listed_after_a_plural_of_places_or_tribes_are_proposed(text, names):
    assert set(names) <= set(candidates(text))


@pytest.mark.parametrize("text", ["اشتباكات بين عشائر عربية وتنظيم داعش", "لجميع عشائر المنطقة، وحمل السلاح"])
def test_a_tribes_list_holds_definite_names_only(text):
    assert not candidates(text)


@pytest.mark.parametrize("text, name", [("وقالت كوفاليوفا، إن موسكو تتابع", "كوفاليوفا"),
                                        ("وأضاف شتاينماير أن الحل سياسي", "شتاينماير")])
def test_who_said_it_is_proposed_between_a_verb_of_saying_and_what_was_said(text, name):
    assert name in candidates(text)


@pytest.mark.parametrize("text", ["وقال المصدر إن الهجوم بدأ", "وأضاف مدير المكتب أن", "وقال الأمين العام إن"])
def test_an_ordinary_noun_after_a_verb_of_saying_is_not_proposed(text):
    assert not candidates(text)


@pytest.mark.parametrize("text, name", [("وصلت التعزيزات إلى البوكمال", "البوكمال"),
                                        ("في قرى الطيانة والبوحسن", "البوحسن")])
def test_al_bu_joined_to_a_given_name_is_proposed_as_a_clan_or_village(text, name):
    assert name in candidates(text)


@pytest.mark.parametrize("text", ["عند البوابة الرئيسية للحقل", "ارتفعت البورصة أمس"])
def test_words_that_begin_like_al_bu_are_not_clans(text):
    assert not candidates(text)


@pytest.mark.parametrize("text", ["ويبقى أمل كبير في الحل", "وأعلن نجاح العملية", "بيان رسمي صدر أمس"])
def test_a_given_name_that_is_a_word_before_ordinary_words_is_not_a_person(text):
    assert not any("data/given_names.yml" in why for whys in candidates(text).values() for why in whys)


def test_without_the_gazetteer_a_town_needs_a_clue_word():
    found = find_candidates(paragraphs("امتدت الاشتباكات إلى منبج ومحيطها"),
                            [REGISTRY.actor_names, REGISTRY.organisation_names], set())
    assert "منبج" not in {c.name for c in found}


@pytest.mark.parametrize("text, name", [
    ("وقالت مصادر محلية، لـ\"العربي الجديد\"، إن", "العربي الجديد"),  # told, in quotes
    ("وقال لـ “عنب بلدي” إن الوضع صعب", "عنب بلدي"),
    ("وقال مصدر للجزيرة نت إن الهدوء عاد", "للجزيرة نت"),  # a medium's transliterated ending
])
def test_the_medium_a_source_spoke_to_is_proposed(text, name):
    assert name in candidates(text)


def test_a_person_between_commas_after_a_role_keeps_an_initial_letter_of_his_name():
    assert "فرحان حق" in candidates("وقال نائب المتحدث باسم الأمم المتحدة، فرحان حق، في مؤتمر صحفي")


@pytest.mark.parametrize("text, name", [
    ("وقال مدير المكتب الإعلامي، وتحجيم دوره، في مؤتمر صحفي", "وتحجيم دوره"),  # و after a comma is "and"
    ("وقال مدير المكتب الإعلامي، فبادر حق في مؤتمر صحفي", "فبادر حق"),  # no closing comma: ف may be "so"
])
def test_words_after_a_role_not_set_off_by_commas_keep_the_prefix_rule(text, name):
    assert name not in candidates(text)


@pytest.mark.parametrize("text, expected", [
    ("30 Aug 2023 12:57", ["2023-08-30"]),  # a captured page's dateline in English
    ("نشر في 5 September 2023", ["2023-09-05"]), ("1 Sept 2023", ["2023-09-01"]),
    ("the Mayor 2023 report", []), ("Augustus 5", []),  # a month's letters inside another word
    ("26th, September 2023", ["2023-09-26"]), ("3rd September 2023", ["2023-09-03"]),  # ordinal days
    ("— Joel Vowell (@CJTFOIR) September 25, 2023", ["2023-09-25"]),  # a tweet's signature: month first
    ("August 5 2023", ["2023-08-05"]),
    ("September 25", []), ("Sept. 5, 2023", ["2023-09-05"]),  # month first: only with its year
])
def test_english_month_names_in_dates(text, expected):
    assert [d.date.iso() for d in find_dates(paragraphs(text), None)] == expected


@pytest.mark.parametrize("text, names", [
    ("تجددت الاشتباكات في كل من بلدات وقرى الطكيحي والنملية ومويلح", ["الطكيحي", "النملية", "مويلح"]),
    ("وطردوهم من مواقعهم في كل من الرويشد وأبو النيتل والزر", ["الرويشد", "الزر"]),
])
def test_names_listed_after_each_of_are_proposed(text, names):
    assert set(names) <= set(candidates(text))


@pytest.mark.parametrize("text, names", [
    ("وامتدت الاشتباكات إلى ذيبان والطكيحي والنملية", ["الطكيحي", "النملية"]),  # after a registry place
    ("قطع الأهالي الطرق في محيميدة والرويشد وذيبان", ["محيميدة", "الرويشد"]),  # before it
])
def test_villages_listed_with_a_known_place_are_proposed(text, names):
    assert set(names) <= set(candidates(text))


@pytest.mark.parametrize("text", [
    "يعاقب كل من يتحرك ويخالف الأوامر",  # no name with the article: verbs
    "سيطرت القوات على ذيبان وبدأت حملة تفتيش",  # one word after the place: no list
    "انتشرت القوات في ذيبان ووسط المدينة والريف",  # وسط is a word, not و + a name; ordinary words
])
def test_words_joined_to_a_place_or_after_each_of_that_are_not_names(text):
    assert not candidates(text)


@pytest.mark.parametrize("text, name", [("التقى الوفد بالوجيه خالد العلي في مضافته", "خالد العلي"),
                                        ("وكان مهند العلي من بين الموقوفين", "مهند العلي"),
                                        ("وانضم لواء الشمال الثوري إلى الفصائل", "لواء الشمال الثوري")])
def test_a_preposition_of_the_stop_words_list_with_the_article_is_a_name_word(text, name):
    """«العلي» and «الشمال»: the list holds them as forms of على and شمال, which never take the article."""
    assert name in candidates(text)


def test_north_of_a_place_is_still_no_name():
    assert not candidates("تقع البلدة شمال دير الزور")


@pytest.mark.parametrize("text, names", [("إعداد: رهف الحسن – تحرير: وليد الجاسم", ["رهف الحسن", "وليد الجاسم"]),
                                         ("تصوير: سيبان كوجر", ["سيبان كوجر"])])
def test_names_credited_after_a_colon_are_proposed(text, names):
    assert set(names) <= set(candidates(text))


@pytest.mark.parametrize("text", ["أعلنوا تحرير القرى الشرقية من التنظيم", "تحرير: الإدارة العامة للإعلام"])
def test_a_credit_word_without_its_colon_or_before_ordinary_words_names_no_one(text):
    assert not candidates(text)


@pytest.mark.parametrize("text, name", [
    ("قتل شاب يدعى دلشاد كوجر برصاص مجهولين", "دلشاد كوجر"),
    ("وأشرف على المعسكر قيادي يدعى “صالح الحمود” من أبناء البلدة", "صالح الحمود"),
    ("وقال إن منذر حسين العواد الملقب بـ«أبو جاسم» وصل إلى الحسكة", "منذر حسين العواد"),
    ("وقال الناطق الرسمي باسم وحدات حماية الشعب “آرام حنا”، إن", "آرام حنا"),
])
def test_a_name_given_by_what_a_person_is_called_or_nicknamed_is_proposed(text, name):
    assert name in candidates(text)


@pytest.mark.parametrize("text", ["وهو ما يدعى إلى القلق", "عنصرين من قواته الملقب قائدها"])
def test_words_of_calling_before_no_name_propose_nothing(text):
    assert not candidates(text)


@pytest.mark.parametrize("text, name", [("وقال مصدر لتلفزيون سوريا إن القصف مستمر", "تلفزيون سوريا"),
                                        ("بحسب ما نقل راديو روزنة عن الأهالي", "راديو روزنة")])
def test_a_broadcaster_named_after_a_place_is_proposed(text, name):
    assert name in candidates(text)


@pytest.mark.parametrize("text, name", [("وامتدت الاشتباكات إلى ذيبان وجديد بكارة", "جديد بكارة"),
                                        ("في بلدة جديدة عكيدات شرقي دير الزور", "جديدة عكيدات")])
def test_a_village_named_new_and_a_tribe_is_proposed_whole(text, name):
    assert name in candidates(text)


@pytest.mark.parametrize("text", ["تم افتتاح بناء جديد للمدرسة", "وصلت تعزيزات جديدة بحق المعتقلين",
                                  "ظهرت مجموعة جديدة يتزعمها قيادي"])
def test_new_before_an_ordinary_word_names_no_village(text):
    assert not [name for name in candidates(text) if name.startswith("جديد")]


def test_a_diwan_named_in_quotes_is_proposed():
    """«ديوان» heads a body's name as «مجلس» does, weighed as it is: with another clue, here the quotes."""
    assert "ديوان الزكاة" in candidates("وأعلن التنظيم تشكيل “ديوان الزكاة”، وهو جهاز للجباية")


@pytest.mark.parametrize("text, name", [("وقعت الاشتباكات قرب دوار الحلبية وسط البلدة", "الحلبية"),
                                        ("أقامت القوات حاجز الجسر القديم عند المدخل", "الجسر القديم"),
                                        ("تحصن المسلحون في تلة الصالحية", "الصالحية")])
def test_the_name_after_a_landmark_word_is_proposed(text, name):
    """As after «بلدة»: the name, not the word ("دوار الحلبية" is the roundabout of al-Halabiya)."""
    assert name in candidates(text)


def test_a_matchers_answer_for_a_text_it_has_seen_is_the_same_and_the_callers_own():
    """NameMatcher keeps its last answers (extraction asks for each paragraph twice): a caller changing
    the list it was given changes nothing for the next caller."""
    matcher = load_registry(Project(REPO)).actor_names
    text = "وطالبت قوات سوريا الديمقراطية التحالف الدولي بدعم أكبر"
    first = matcher.find(text)
    first.clear()
    assert [m.entity_id for m in matcher.find(text)] == ["sdf", "international-coalition"]


def test_every_name_of_a_list_of_people_is_proposed():
    """Two of the four begin with a common given name; the others («عواد», «مخلف») need the list."""
    text = "وعرف من القتلى: عواد حمدان الراشد، محمد سليمان الحسين، مخلف العنيزان، خالد الجاسم (40 عاماً)."
    assert {"عواد حمدان الراشد", "مخلف العنيزان", "محمد سليمان الحسين", "خالد الجاسم"} <= set(candidates(text))


@pytest.mark.parametrize("text", [
    "وشارك في الاجتماع وفود المجالس المحلية، لجان الأحياء، وجهاء المنطقة، ممثلو الإدارة",  # no given names
    "وأصيب عواد حمدان الراشد، مخلف العنيزان في القصف",  # two people: no list to go by
])
def test_a_comma_list_without_two_given_names_or_three_items_is_no_list_of_people(text):
    assert not {"مخلف العنيزان", "لجان الأحياء", "وجهاء المنطقة"} & set(candidates(text))
