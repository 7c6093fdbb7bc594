"""Bad sources are refused with one line naming the file and line, and nothing built is lost."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from build_tools.errors import ArchiveError
from build_tools.site import check

from .conftest import front_matter, write_source

BODY = "نص الفقرة الأولى.\n"

CASES = {
    # name: (file content, expected line, words the message must contain)
    "no front-matter": (BODY, 1, "missing front-matter"),
    "unclosed front-matter": ("---\nid: x\n" + BODY, 1, "not closed"),
    "malformed yaml": ("---\nid: [x\ntitle: t\n---\n" + BODY, 2, "malformed front-matter"),
    "unclosed bracket": ("---\nid: x\ndate: [2023-08\ntitle: t\n---\n" + BODY, 3, "(after the [ opened on this line)"),
    "unclosed quote": ('---\nid: x\ntitle: "unclosed\nkind: report\n---\n' + BODY, 3,
                       "(after the quote opened on this line)"),
    "missing field": (front_matter(kind=...) + BODY, 2, "missing field 'kind'"),
    "unknown field": (front_matter(colour="red") + BODY, 9, "unknown field 'colour'"),
    "unknown kind": (front_matter(kind="poem") + BODY, 5, "unknown kind 'poem'"),
    "invalid date": (front_matter(date="2023-02-30") + BODY, 4, "invalid date"),
    "date not a date": (front_matter(date="September 2023") + BODY, 4, "not YYYY"),
    "unsafe id": (front_matter(id="../../etc") + BODY, 2, "not a safe path segment"),
    "id with capitals": (front_matter(id="Statement") + BODY, 2, "not a safe path segment"),
    "non-http url": (front_matter(url="javascript:alert(1)") + BODY, 8, "not an http:// or https://"),
    "ftp url": (front_matter(url="ftp://example.org/x") + BODY, 8, "not an http:// or https://"),
    "empty body": (front_matter() + "\n  \n", 10, "empty"),
    "empty title": (front_matter(title="''") + BODY, 3, "must be non-empty text"),
}


@pytest.mark.parametrize("name", CASES)
def test_bad_source_is_refused_naming_file_and_line(archive, name):
    content, line, words = CASES[name]
    write_source(archive, "bad", content)
    with pytest.raises(ArchiveError) as caught:
        check(archive)
    message = str(caught.value)
    assert message.startswith(f"sources/bad/source.md:{line}: "), message
    assert words in message
    assert "\n" not in message


def test_non_utf8_file_is_refused_with_its_line(archive):
    write_source(archive, "bad", (front_matter() + "سطر\n").encode("utf-8") + "é\n".encode("latin-1"))
    with pytest.raises(ArchiveError, match=r"^sources/bad/source.md:11: not valid UTF-8"):
        check(archive)


# Every character the control check refuses (C0 and C1 controls, DEL, noncharacters), the
# characters on either side of each range, and characters Arabic text carries that share their
# first UTF-8 byte (« » and the no-break space: C2; presentation forms and the BOM: EF; emoji: F0).
_REFUSED = [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0), *range(0xFDD0, 0xFDF0),
            *(plane + last for plane in range(0, 0x110000, 0x10000) for last in (0xFFFE, 0xFFFF))]
_NEIGHBOURS = [0x09, 0x0A, 0x0D, 0x20, 0x7E, 0xA0, 0xAB, 0xBB, 0xC0, 0xFDCF, 0xFDF0, 0xFEFF, 0xFFFD, 0xFB50, 0x1F600,
               *(plane + 0xFFFD for plane in range(0x10000, 0x110000, 0x10000)),
               *(plane for plane in range(0x10000, 0x110000, 0x10000))]


def test_a_file_is_refused_for_exactly_the_control_characters_and_noncharacters(tmp_path):
    from build_tools.files import read_text

    path = tmp_path / "f.md"
    refused = []
    for code in _REFUSED + _NEIGHBOURS:
        path.write_text(f"سطر «أول»\nثان{chr(code)}ي\n", encoding="utf-8", newline="")
        try:
            read_text("f.md", path, limit=1000)
        except ArchiveError as e:
            assert str(e) == f"f.md:2: contains the control character U+{code:04X}; remove it"
            refused.append(code)
    assert refused == _REFUSED


def test_duplicate_id_names_both_files(archive):
    write_source(archive, "a", front_matter(id="same") + BODY)
    write_source(archive, "b", front_matter(id="same") + BODY)
    with pytest.raises(ArchiveError, match=r"^sources/b/source.md:2: duplicate id 'same', already used by sources/a/source.md"):
        check(archive)


def test_bad_translation_memory_is_refused_with_its_line(archive):
    write_source(archive, "ok", front_matter() + BODY)
    (archive.sources_dir / "ok" / "translation.en.yaml").write_text(
        "source: test-source\nentries:\n- key: abc\n  ar: x\n  en: y\n  origin: guess\n  date: '2026-01-01'\n",
        encoding="utf-8")
    with pytest.raises(ArchiveError, match=r"^sources/ok/translation.en.yaml:3: origin 'guess'"):
        check(archive)


def test_a_day_that_does_not_exist_written_unquoted_is_refused_with_its_line(archive):
    """An unquoted date is loaded as a date by YAML: 2026-13-45 was a traceback, not an error line."""
    write_source(archive, "ok", front_matter() + BODY)
    (archive.sources_dir / "ok" / "translation.en.yaml").write_text(
        "source: test-source\nentries:\n- key: abc\n  ar: x\n  en: y\n  origin: maintainer\n  date: 2026-13-45\n",
        encoding="utf-8")
    with pytest.raises(ArchiveError, match=r"^sources/ok/translation.en.yaml:7: malformed translation memory: "
                                           r"2026-13-45 is not a real date \(month must be in 1..12\)$"):
        check(archive)


def run_cli(project, *args):
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "build_tools", *args], cwd=project.root, env=env,
                          capture_output=True, text=True, timeout=300)


def test_cli_refuses_bad_source_with_one_line_and_keeps_the_built_site(archive):
    write_source(archive, "good", front_matter(id="good") + BODY)
    first = run_cli(archive, "build")
    assert first.returncode == 0, first.stderr
    built = {p: p.read_bytes() for p in archive.site_dir.rglob("*") if p.is_file()}
    assert archive.site_dir / "sources/good/index.html" in built

    write_source(archive, "bad", front_matter(id="bad", kind="poem") + BODY)
    for command in ("check", "build"):
        result = run_cli(archive, command)
        assert result.returncode == 1
        assert result.stderr.strip().splitlines() == [
            "error: sources/bad/source.md:5: unknown kind 'poem' (known kinds: joint-statement, "
            "official-statement, news-report, opinion)"]
    after = {p: p.read_bytes() for p in archive.site_dir.rglob("*") if p.is_file()}
    assert after == built
    assert not [p for p in archive.root.iterdir() if p.name.startswith(".site-")]


def test_mkdocs_build_on_its_own_refuses_bad_source(archive):
    write_source(archive, "bad", front_matter(url="file:///etc/passwd") + BODY)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=archive.root, capture_output=True,
                            text=True, timeout=300, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode != 0
    assert "sources/bad/source.md:8: url: address 'file:///etc/passwd' is not an http:// or https:// address" in result.stderr
    assert not archive.site_dir.exists()


@pytest.mark.parametrize("content", ["places: {en: Manbij}\n", "places:\n- {en: Manbij, ar: [منبج]}\n",
                                     "places:\n- {en: Manbij, population: many, ar: [منبج]}\n"])
def test_a_malformed_gazetteer_is_refused_naming_its_file(archive, content):
    write_source(archive, "ok", front_matter() + BODY)
    (archive.data_dir / "places.yml").write_text(content, encoding="utf-8")
    with pytest.raises(ArchiveError, match=r"^data/places.yml: (needs a list 'places:'|place 1 of the list needs)"):
        check(archive)


def test_an_archive_without_the_gazetteers_is_checked_without_them(archive):
    """data/places.yml and data/given_names.yml are optional: a fork may delete them."""
    write_source(archive, "ok", front_matter() + BODY)
    for name in ("places.yml", "given_names.yml"):
        (archive.data_dir / name).unlink(missing_ok=True)
    assert check(archive).extractions


def test_a_malformed_list_of_given_names_is_refused_naming_its_file(archive):
    write_source(archive, "ok", front_matter() + BODY)
    (archive.data_dir / "given_names.yml").write_text("given_names: [محمد, 7]\n", encoding="utf-8")
    with pytest.raises(ArchiveError, match=r"^data/given_names.yml: needs a list 'given_names:'"):
        check(archive)


def test_a_malformed_archive_period_is_refused_naming_its_file_and_a_fix_is_read(archive):
    """data/period.yml is read once per build, remembered against the file: an edit is still seen."""
    write_source(archive, "ok", front_matter() + BODY)
    period = archive.data_dir / "period.yml"
    period.write_text("period: {from: 2023-09, to: 2023-08}\n", encoding="utf-8")
    with pytest.raises(ArchiveError, match=r"^data/period.yml: period is \{from: YYYY-MM, to: YYYY-MM\}"):
        check(archive)
    period.write_text("period: {from: 2023-08, to: 2023-09}  # fixed\n", encoding="utf-8")
    check(archive)


def test_a_broken_link_in_a_hand_written_page_is_named_with_the_page(archive):
    """mkdocs' strict mode stops at the warning and says only "Aborted with 1 warnings": the error named mkdocs.yml."""
    about = archive.docs_dir / "en" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\n[more](missing.md)\n", encoding="utf-8")
    result = run_cli(archive, "build")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == (
        "error: docs/en/about.md: Doc file 'en/about.md' contains a link 'missing.md', but the target 'en/missing.md' "
        "is not found among documentation files. (mkdocs stops at a warning: strict in mkdocs.yml)")
    assert not (archive.root / "site").exists()


def test_a_hand_written_page_with_broken_front_matter_is_refused_naming_its_line(archive):
    """mkdocs would publish it silently, the YAML line shown as the page's first heading."""
    about = archive.docs_dir / "en" / "about.md"
    about.write_text(about.read_text(encoding="utf-8").replace("title: ", "title: [oops ", 1), encoding="utf-8")
    for command in ("check", "build"):
        result = run_cli(archive, command)
        assert result.returncode == 1
        assert result.stderr.strip().splitlines() == ["error: docs/en/about.md:2: malformed front-matter: did not "
                                                      "find expected ',' or ']' (after the [ opened on this line)"], \
            result.stderr
