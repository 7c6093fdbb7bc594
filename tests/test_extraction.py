"""Extraction against gold annotations of the seeds, Arabic normalisation, and `add` on an unseen text."""
from __future__ import annotations


import pytest
import yaml

from build_tools.corpus import load_corpus
from build_tools.errors import ArchiveError
from build_tools.ingest import add_source
from build_tools.normalize import normalize
from build_tools.project import Project
from build_tools.registry import load_registry

from .conftest import REPO, front_matter, write_source

GOLD = yaml.safe_load((REPO / "tests/gold/seeds.yml").read_text(encoding="utf-8"))
SEEDS = load_corpus(Project(REPO))
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
])
def test_normalisation_unifies_spelling_variants(a, b):
    assert normalize(a) == normalize(b)


@pytest.mark.parametrize("text, actor", [
    ("قسد", "sdf"), ("وقسد", "sdf"), ("لـقسد", "sdf"), ("بقسد", "sdf"),
    ("قوات سوريا الديمقراطية", "sdf"), ("قوات سوريا الديموقراطية", "sdf"), ("لقوات سوريا الديمقراطيّة", "sdf"),
    ("أبو خولة", "ahmad-al-khabil"), ("أبي خولة", "ahmad-al-khabil"), ("أبا خولة", "ahmad-al-khabil"),
    ("غولدريتش", "ethan-goldrich"), ("جولدريتش", "ethan-goldrich"),
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
    assert "إبراهيم الهفل" in [c.name for c in found.candidates]
    meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
    assert meta["date"] == "2023-09-05" and "Guessed" in meta["date_note"]
    assert meta["title"] == "المبعوث الأمريكي يلتقي وجهاء العشائر في ديرالزور"
    assert meta["kind"] == "news-report" and meta["publisher"] is None
    assert path.read_text(encoding="utf-8").endswith(
        (FIXTURES / "unseen_report.txt").read_text(encoding="utf-8").strip() + "\n")
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
