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
