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
