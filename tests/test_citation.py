"""Citations say the truth about the English (who translated it, or that it is pending)
and cannot be reordered by direction marks in the source's fields."""
from __future__ import annotations

import json

from build_tools.citation import citations, json_ld
from build_tools.site import build_site, check
from build_tools.untrusted import FSI, PDI

from .conftest import front_matter, page, write_source

OVERRIDE = "\u202e"


def one_source(archive, **fields):
    write_source(archive, "s", front_matter(**fields) + "نص الفقرة.\n")
    return check(archive).sources[0]


def test_a_direction_override_in_a_title_stays_inside_the_title_in_plain_text(archive):
    source = one_source(archive, title=f"عنوان {OVERRIDE}مقلوب", author="كاتب")
    plain = citations(source, "ar", source.title, "https://example.org/s/", [], "الأرشيف")["plain"]
    assert f"“{FSI}عنوان {OVERRIDE}مقلوب{PDI}”" in plain
    assert plain.index(PDI) < plain.index("الأرشيف")
    assert plain.startswith(f"{FSI}كاتب{PDI}. ")


def test_an_english_page_without_translation_is_cited_as_pending_not_as_translated_by_nobody(archive):
    source = one_source(archive)
    cite = citations(source, "en", source.title, "https://example.org/en/s/", [], "Archive")
    assert "English translation pending." in cite["plain"] and "by ." not in cite["plain"]
    assert "n.d.." not in cite["plain"]
    assert "by }" not in cite["bibtex"] and "pending" in cite["bibtex"]
    assert "translator" not in json.loads(cite["csl"])[0]
    ld = json.loads(str(json_ld(source, "en", source.title, "https://example.org/en/s/", "https://example.org/s/", [])))
    assert "translator" not in ld and "translationOfWork" not in ld and ld["inLanguage"] == "ar"


def test_the_built_english_page_of_an_untranslated_source_has_a_consistent_citation(archive):
    write_source(archive, "s", front_matter(date="null") + "نص الفقرة.\n")
    plain = page(build_site(archive), "en/sources/test-source").select_one("pre[data-cite=plain]").get_text()
    assert "n.d. English translation pending." in plain


def test_bibtex_fields_carry_no_invisible_direction_marks(archive):
    """BibTeX goes into reference managers one field a line: an isolate or override would be imported
    into the author's or title's name there."""
    source = one_source(archive, title=f"عنوان {OVERRIDE}مقلوب", author="كاتب")
    bibtex = citations(source, "en", "A title", "https://example.org/en/s/", ["Argos"], "Archive")["bibtex"]
    assert "author = {{كاتب}}" in bibtex and "عنوان مقلوب" in bibtex
    assert not set(bibtex) & {FSI, PDI, OVERRIDE, "\u200f", "\u200e"}


def test_json_ld_types_a_byline_as_a_person_and_an_issuer_as_an_organisation(archive):
    def author_type(**fields):
        write_source(archive, "s", front_matter(**fields) + "نص الفقرة.\n")
        source = check(archive).sources[0]
        return json.loads(str(json_ld(source, "ar", source.title, "https://example.org/s/", "", [])))["author"]["@type"]

    assert author_type(kind="opinion", author="حسام المحمود", publisher="عنب بلدي") == "Person"
    assert author_type(kind="news-report", author="عنب بلدي", publisher="عنب بلدي") == "Organization"
    assert author_type(kind="official-statement", author="القيادة العامة", publisher="null") == "Organization"


def test_a_kind_added_to_data_kinds_yml_is_cited_as_a_generic_document(archive):
    """The README says to add a kind to data/kinds.yml: the citation code must not need one more edit
    (a new kind was a KeyError in the build)."""
    kinds = archive.data_dir / "kinds.yml"
    kinds.write_text(kinds.read_text(encoding="utf-8") + "interview:\n  ar: مقابلة\n  en: Interview\n", encoding="utf-8")
    source = one_source(archive, kind="interview")
    assert json.loads(citations(source, "en", source.title, "https://example.org/en/s/", [], "A")["csl"])[0]["type"] \
        == "document"
    ld = json.loads(str(json_ld(source, "en", source.title, "https://example.org/en/s/", "https://example.org/s/", [])))
    assert ld["@type"] == "CreativeWork"


def test_a_title_the_archive_supplied_is_cited_in_square_brackets_not_as_the_sources_own(archive):
    source = one_source(archive, title="نص بلا عنوان", title_supplied="true")
    cite = citations(source, "ar", source.title, "https://example.org/s/", [], "الأرشيف")
    assert f"[{FSI}نص بلا عنوان{PDI}]" in cite["plain"] and "“" not in cite["plain"]
    assert "title = {[نص بلا عنوان]}" in cite["bibtex"]
    assert json.loads(cite["csl"])[0]["title"] == "[نص بلا عنوان]"


def test_a_news_report_is_cited_in_its_newspaper_and_the_archive_as_the_archive(archive):
    source = one_source(archive, kind="news-report", publisher="{ar: الشرقية بوست, en: Sharqia Post}")
    csl = json.loads(citations(source, "en", "Title", "https://example.org/en/s/", ["us"], "The archive")["csl"])[0]
    assert (csl["container-title"], csl["archive"]) == ("Sharqia Post", "The archive")
    plain = citations(source, "ar", source.title, "https://example.org/s/", [], "الأرشيف")["plain"]
    assert plain.endswith("الأرشيف، https://example.org/s/.")  # Arabic punctuation in an Arabic citation
