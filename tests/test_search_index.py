"""The search index: every word under its normalised forms, in each language's own index."""
from __future__ import annotations

import json

from build_tools.search_index import keys, word_forms

from .conftest import page


def test_words_are_indexed_without_attached_prefixes_article_or_spelling_variants():
    indexed = set(keys("والمدنيين وللتحالف الأمنيّة خولة").split())
    assert {"مدنيين", "المدنيين", "والمدنيين", "التحالف", "تحالف", "امنيه", "الامنيه", "خوله"} <= indexed


def test_short_stems_are_not_produced():
    assert word_forms("بل") == {"بل"}


def test_each_language_has_its_own_index_of_its_own_pages(seed_site):
    for lang, folder in (("ar", "search"), ("en", "en/search")):
        index = json.loads((seed_site / folder / "search.json").read_text(encoding="utf-8"))
        assert index["lang"] == lang
        assert index["normalization"]["map"]["أ"] == "ا"
        titles = [doc["t"] for doc in index["docs"]]
        assert ("Joint statement of Syrian civil-society organisations on the recent events in Deir ez-Zor"
                in titles) == (lang == "en")
    assert page(seed_site, "search").select_one("#archive-search")["data-index"] == "search.json"
