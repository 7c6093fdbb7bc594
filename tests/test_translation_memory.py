import os
import stat

import pytest

from build_tools.errors import ArchiveError
from build_tools.memory import MEMORY_FILE, Entry, load_memory
from build_tools.sources import segment_key

from .conftest import front_matter, write_source


def test_memory_round_trips_through_its_file_and_leaves_no_temporary_files(archive):
    folder = write_source(archive, "doc", front_matter() + "نص.\n").parent
    memory = load_memory(archive, folder, "test-source")
    assert memory.entries == {}
    key = segment_key("نص.")
    memory.entries[key] = Entry(key=key, ar="نص.", en="Text.", origin="machine", date="2026-11-22",
                                engine="argostranslate 1.12", model="translate-ar_en 1.0")
    memory.save()
    assert sorted(p.name for p in folder.iterdir()) == sorted([MEMORY_FILE, "source.md"])
    assert load_memory(archive, folder, "test-source").entries == memory.entries
    assert (folder / MEMORY_FILE).read_text(encoding="utf-8").startswith("# English translation memory")


def test_a_saved_memory_gets_the_mode_of_a_new_file_not_a_private_one(archive):
    """Written through a temporary file (mkstemp makes it 0600); saved, it must read like any file
    the maintainer creates, or a shared checkout's group loses it on the first translate."""
    folder = write_source(archive, "doc", front_matter() + "نص.\n").parent
    memory = load_memory(archive, folder, "test-source")
    key = segment_key("نص.")
    memory.entries[key] = Entry(key=key, ar="نص.", en="Text.", origin="machine", date="2026-11-22",
                                engine="argostranslate 1.12", model="translate-ar_en 1.0")
    old = os.umask(0o022)
    try:
        memory.save()
    finally:
        os.umask(old)
    assert stat.S_IMODE((folder / MEMORY_FILE).stat().st_mode) == 0o644


def test_entry_whose_arabic_was_edited_in_the_memory_is_refused(archive):
    folder = write_source(archive, "doc", front_matter() + "نص.\n").parent
    (folder / MEMORY_FILE).write_text(
        f"source: test-source\nentries:\n- key: {segment_key('نص.')}\n  ar: نص آخر.\n  en: Text.\n"
        "  origin: maintainer\n  translator: me\n  date: 2026-11-22\n", encoding="utf-8")
    with pytest.raises(ArchiveError, match=r"^sources/doc/translation.en.yaml:3: entry key is not the SHA-256"):
        load_memory(archive, folder, "test-source")


@pytest.mark.parametrize("origin_fields, missing", [("origin: maintainer", "translator"),
                                                    ("origin: machine\n  engine: argos", "model")])
def test_entry_must_say_who_or_what_translated_it(archive, origin_fields, missing):
    folder = write_source(archive, "doc", front_matter() + "نص.\n").parent
    (folder / MEMORY_FILE).write_text(
        f"source: test-source\nentries:\n- key: {segment_key('نص.')}\n  ar: نص.\n  en: Text.\n"
        f"  {origin_fields}\n  date: '2026-11-22'\n", encoding="utf-8")
    with pytest.raises(ArchiveError, match=f"needs '{missing}'"):
        load_memory(archive, folder, "test-source")


def test_memory_of_another_source_is_refused(archive):
    folder = write_source(archive, "doc", front_matter() + "نص.\n").parent
    (folder / MEMORY_FILE).write_text("source: other\nentries: []\n", encoding="utf-8")
    with pytest.raises(ArchiveError, match="belongs to source 'other'"):
        load_memory(archive, folder, "test-source")


def test_a_memory_in_another_language_is_refused(archive):
    folder = write_source(archive, "doc", front_matter() + "نص.\n").parent
    (folder / MEMORY_FILE).write_text("source: test-source\nlanguage: fr\nentries: []\n", encoding="utf-8")
    with pytest.raises(ArchiveError, match=r"^sources/doc/translation.en.yaml:1: language 'fr': this file holds "):
        load_memory(archive, folder, "test-source")


def test_the_same_segment_twice_is_refused_naming_both_lines(archive):
    folder = write_source(archive, "doc", front_matter() + "نص.\n").parent
    entry = (f"- key: {segment_key('نص.')}\n  ar: نص.\n  en: Text.\n  origin: maintainer\n  translator: me\n"
             "  date: '2026-11-22'\n")
    (folder / MEMORY_FILE).write_text("source: test-source\nentries:\n" + entry + entry, encoding="utf-8")
    with pytest.raises(ArchiveError, match=r"^sources/doc/translation.en.yaml:9: a second entry for the same "
                                           r"Arabic \(key [0-9a-f]{12}\.\.\., first at line 3\)"):
        load_memory(archive, folder, "test-source")


@pytest.mark.parametrize("field, value, expected", [
    ("translator", "[me, you]", "'translator' must be text, not list"),
    ("reviewed_by", "{name: me}", "'reviewed_by' must be text, not dict"),
    ("stale", "'yes'", "'stale' must be true or false, not str"),
    ("previous", "[1]", "'previous' must be a mapping, not list"),
    ("truncated", "1", "'truncated' must be true or false, not int"),
    ("translates_earlier", "{ar: x}", "translates_earlier needs 'ar'"),
    ("proposal", "{en: x}", "proposal needs 'en', 'engine' and 'model'"),
    ("date", "'not a date'", "entry field 'date' 'not a date' is not a day written YYYY-MM-DD"),
    ("key", "0000000000000000000000000000000000000000000000000000000000000000",
     "entry field 'key' must be text, not a number: put it in quotes"),
])
def test_a_field_of_the_wrong_type_is_one_error_line(archive, field, value, expected):
    folder = write_source(archive, "doc", front_matter() + "نص.\n").parent
    fields = {"key": segment_key("نص."), "ar": "نص.", "en": "Text.", "origin": "maintainer", "translator": "me",
              "date": "'2026-11-22'", field: value}
    (folder / MEMORY_FILE).write_text("source: test-source\nentries:\n- " + "\n  ".join(
        f"{name}: {text}" for name, text in fields.items()) + "\n", encoding="utf-8")
    with pytest.raises(ArchiveError, match=r"^sources/doc/translation.en.yaml:3: ") as raised:
        load_memory(archive, folder, "test-source")
    assert expected in str(raised.value)


@pytest.mark.parametrize("origin, extra, expected", [
    ("maintainer", "  translator: me\n  engine: argos\n  model: m 1.0\n",
     "origin maintainer has the machine fields ['engine', 'model']"),
    ("maintainer", "  translator: me\n  reviewed_by: R\n  truncated: true\n",
     "origin maintainer has the machine fields ['reviewed_by', 'truncated']"),
    ("machine", "  engine: argos\n  model: m 1.0\n  translator: me\n", "origin machine has a translator"),
    ("machine", "  engine: argos\n  model: m 1.0\n  reviewed_by: R\n  truncated: true\n", "reviewed_by and truncated"),
])
def test_an_entry_whose_fields_contradict_its_origin_is_refused(archive, origin, extra, expected):
    """The site labels a paragraph by these fields: a maintainer's English shown as a model's, or
    reviewed English still flagged as cut off, would tell readers something untrue."""
    folder = write_source(archive, "doc", front_matter() + "نص.\n").parent
    (folder / MEMORY_FILE).write_text(
        f"source: test-source\nentries:\n- key: {segment_key('نص.')}\n  ar: نص.\n  en: Text.\n"
        f"  origin: {origin}\n  date: '2026-11-22'\n{extra}", encoding="utf-8")
    with pytest.raises(ArchiveError, match=r"^sources/doc/translation.en.yaml:3: ") as raised:
        load_memory(archive, folder, "test-source")
    assert expected in str(raised.value)
