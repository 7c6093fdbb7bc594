"""The sharded search index: every word filed where a query for any of its forms looks,
passages readable per chunk, and files that change only where the content did."""
from __future__ import annotations

import json
from pathlib import Path

from build_tools.normalize import normalize, tokenize
from build_tools.search_index import PER_CHUNK, SHARDS, doc_ids, root, shard, shards_of, word_forms

from .conftest import REPO, page


def index_dir(site: Path, lang: str) -> Path:
    return site / ("" if lang == "ar" else "en") / "search" / "index"


def postings(site: Path, lang: str, word: str) -> dict[str, set[int]]:
    """{doc id: paragraph numbers} for a query word, read as the browser reads it."""
    wanted = word_forms(normalize(word))
    found: dict[str, set[int]] = {}
    for s in shards_of(normalize(word)):
        words = json.loads((index_dir(site, lang) / "w" / f"{s:03x}.json").read_text(encoding="utf-8"))
        for token, docs in words.items():
            if word_forms(token) & wanted:
                for doc, numbers in docs.items():
                    found.setdefault(doc, set()).update(numbers)
    return found


def test_words_have_forms_without_attached_prefixes_article_or_spelling_variants():
    forms = set().union(*(word_forms(t.norm) for t in tokenize("والمدنيين وللتحالف الأمنيّة خولة")))
    assert {"مدنيين", "المدنيين", "والمدنيين", "التحالف", "تحالف", "امنيه", "الامنيه", "خوله"} <= forms


def test_short_stems_are_not_produced():
    assert word_forms("بل") == {"بل"}


def test_two_words_sharing_a_form_always_share_a_shard():
    """The index files a word under its forms' roots and a query reads its own forms' roots:
    checked on every pair of words of the seed texts that a search must connect."""
    vocabulary = {t.norm for path in (REPO / "sources").glob("*/source.md")
                  for t in tokenize(path.read_text(encoding="utf-8"))}
    by_form: dict[str, set[str]] = {}
    for word in vocabulary:
        for form in word_forms(word):
            by_form.setdefault(form, set()).add(word)
    connected = [(a, b) for words in by_form.values() for a in words for b in words if a != b]
    assert any(root(a) != root(b) for a, b in connected)  # the case that needs more than one shard
    assert all(shards_of(a) & shards_of(b) for a, b in connected)


def test_shards_are_spread_and_fixed_in_number():
    assert {shard(w) for w in ("امن", "تحالف", "قسد", "coalition", "دير", "الزور")} <= set(range(SHARDS))
    assert len({shard(f"word{i}") for i in range(2000)}) > SHARDS * 0.9


def test_document_ids_are_distinct_and_do_not_depend_on_the_other_documents():
    ids = doc_ids(["sources/a", "sources/b", "actors/sdf"])
    assert len(set(ids.values())) == 3
    assert doc_ids(["sources/a"])["sources/a"] == ids["sources/a"]


def test_query_variants_find_the_same_documents_and_paragraphs(seed_site):
    variants = [postings(seed_site, "ar", q) for q in ("الأمن", "الامن", "أمن", "امن", "الأَمْن", "بالأمن")]
    assert variants[0] and all(v == variants[0] for v in variants)


def test_each_language_has_its_own_index_of_its_own_pages(seed_site):
    for lang in ("ar", "en"):
        meta = json.loads((index_dir(seed_site, lang) / "meta.json").read_text(encoding="utf-8"))
        assert meta["lang"] == lang and meta["shards"] == SHARDS
        assert meta["normalization"]["map"]["أ"] == "ا"
    assert postings(seed_site, "en", "civilians") and not postings(seed_site, "ar", "civilians")
    assert page(seed_site, "search").select_one("#archive-search")["data-index"] == "index/"


def test_a_hit_leads_to_its_paragraph_text_and_anchor(seed_site):
    folder = index_dir(seed_site, "ar")
    found = postings(seed_site, "ar", "خولة")
    doc, numbers = next((d, n) for d, n in sorted(found.items()) if n - {0})
    number = min(numbers - {0})
    chunk = json.loads((folder / "d" / f"{doc}-{(number - 1) // PER_CHUNK}.json").read_text(encoding="utf-8"))
    paragraph = next(p for p in chunk["p"] if p[0] == number)
    assert "خولة" in paragraph[2] and paragraph[1].startswith("p-")
    assert chunk["u"].startswith("../sources/") and chunk["k"] and chunk["d"]
