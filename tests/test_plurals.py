"""Counts read grammatically in both languages: CLDR's plural categories (through Babel)
choose the wording data/labels.yml gives for each."""
from __future__ import annotations

import re

import pytest

from build_tools.plurals import counted
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


@pytest.mark.parametrize("key", ["co_signatories", "mention_count", "in_documents", "demand_count", "signed_by",
                                 "count_paragraphs"])
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
