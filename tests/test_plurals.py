"""Counts read grammatically in both languages: CLDR's plural categories (through Babel)
choose the wording data/labels.yml gives for each."""
from __future__ import annotations

import re

import pytest

from build_tools.plurals import category, counted
from build_tools.project import Project

from .conftest import REPO

LABELS = Project(REPO).labels


@pytest.mark.parametrize("n, expected", [
    (0, "لا إشارات"), (1, "إشارة واحدة"), (2, "إشارتان"), (3, "3 إشارات"), (11, "11 إشارةً"), (100, "100 إشارة"),
])
def test_arabic_mentions_take_each_of_the_six_plural_forms(n, expected):
    assert counted(LABELS["ar"], "mention_count", n) == expected


@pytest.mark.parametrize("n, expected", [
    (0, "في أي وثيقة"), (1, "في وثيقة واحدة"), (2, "في وثيقتين"), (3, "في 3 وثائق"), (11, "في 11 وثيقةً"),
    (100, "في 100 وثيقة"), (103, "في 103 وثائق"),
])
def test_arabic_documents_follow_cldr_categories_not_the_last_digit(n, expected):
    assert counted(LABELS["ar"], "in_documents", n) == expected


@pytest.mark.parametrize("n, expected", [(0, "0 mentions"), (1, "1 mention"), (2, "2 mentions"), (11, "11 mentions")])
def test_english_counts_are_singular_for_one_only(n, expected):
    assert counted(LABELS["en"], "mention_count", n) == expected


COUNT_KEYS = ["co_signatories", "mention_count", "in_documents", "demand_count", "signed_by", "count_paragraphs",
              "document_count", "organisation_count", "statement_count", "actor_count", "demands_total", "search_count",
              "plural_category"]


@pytest.mark.parametrize("key", COUNT_KEYS)
def test_every_count_label_has_an_other_form_and_only_cldr_categories(key):
    for lang in ("ar", "en"):
        if key in LABELS[lang]:  # count_paragraphs is English only (the provenance of the translation)
            forms = LABELS[lang][key]
            assert "other" in forms and set(forms) <= {"zero", "one", "two", "few", "many", "other"}
    assert key not in LABELS["ar"] or set(LABELS["ar"][key]) == {"zero", "one", "two", "few", "many", "other"}


def test_actor_list_counts_read_grammatically_in_both_languages(seed_site):
    arabic = (seed_site / "actors/index.html").read_text("utf-8")
    english = (seed_site / "en/actors/index.html").read_text("utf-8")
    assert "إشارة واحدة في وثيقة واحدة" in arabic and not re.search(r"\b(1|2) (إشارة|وثيقة)", arabic)
    assert "1 mention in 1 document<" in english and not re.search(r"\b1 (mentions|documents)", english)


@pytest.mark.parametrize("key, expected", [
    ("document_count", ["لا وثائق", "وثيقة واحدة", "وثيقتان", "3 وثائق", "11 وثيقةً", "100 وثيقة"]),
    ("organisation_count", ["لا منظمات", "منظمة واحدة", "منظمتان", "3 منظمات", "11 منظمةً", "100 منظمة"]),
    ("statement_count", ["لا بيانات", "بيان واحد", "بيانان", "3 بيانات", "11 بياناً", "100 بيان"]),
    ("actor_count", ["لا فاعلين", "فاعل واحد", "فاعلان", "3 فاعلين", "11 فاعلاً", "100 فاعل"]),
    ("demands_total", ["لا مطالب", "مطلب واحد", "مطلبان", "3 مطالب", "11 مطلباً", "100 مطلب"]),
    ("search_count", ["لا نتائج", "نتيجة واحدة", "نتيجتان", "3 نتائج", "11 نتيجةً", "100 نتيجة"]),
])
def test_arabic_counts_of_listings_and_search_for_0_1_2_3_11_and_100(key, expected):
    assert [counted(LABELS["ar"], key, n) for n in (0, 1, 2, 3, 11, 100)] == expected


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_categories_the_search_page_hands_its_script_hold_for_every_number(lang):
    """The search page lists the category of 0-199 (the plural_category label through
    `counted`, i.e. Babel) and its script takes that of 100 + n % 100 past 199: true of every
    number for the archive's languages (checked here to 100,000 and at a few millions)."""
    listed = [counted(LABELS[lang], "plural_category", n) for n in range(200)]
    assert listed == [category(n, lang) for n in range(200)]
    for n in list(range(200, 100_001)) + [10**6, 10**6 + 1, 10**6 + 2, 10**6 + 3, 10**6 + 11, 10**7 + 100]:
        assert listed[100 + n % 100] == category(n, lang), n


BARE_COUNT = re.compile(r"\(\d+\)")


def test_listing_and_index_pages_show_no_bare_number_in_brackets(seed_site):
    """"(59 وثيقة)" / "(59 documents)", never "(59)": every count after a heading or a name in words."""
    from bs4 import BeautifulSoup
    checked = 0
    for path in sorted(seed_site.rglob("index.html")):
        soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        for tag in soup(["script", "style"]):
            tag.decompose()
        text = soup.get_text(" ")
        assert not BARE_COUNT.search(text), (path.relative_to(seed_site), BARE_COUNT.findall(text)[:3])
        checked += 1
    assert checked > 100
    source = (seed_site / "sources/civil-society-joint-statement/index.html").read_text("utf-8")
    assert "الموقّعون (59 منظمةً)" in source
    assert "Signatories (59 organisations)" in (seed_site / "en/sources/civil-society-joint-statement/index.html").read_text("utf-8")
