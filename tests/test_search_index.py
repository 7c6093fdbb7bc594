"""The sharded search index: every word filed where a query for any of its forms looks,
passages readable per chunk, and files that change only where the content did."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from build_tools.corpus import load_corpus
from build_tools.normalize import normalize, tokenize
from build_tools.render import Renderer
from build_tools.search_index import (MAX_SHARDS, MIN_SHARDS, PER_CHUNK, SHARD_BYTES, doc_ids, root, shard, shard_count,
                                      shards_of, search_files, word_forms)

from .conftest import REPO, front_matter, make_archive, page, write_source


def index_dir(site: Path, lang: str) -> Path:
    return site / ("" if lang == "ar" else "en") / "search" / "index"


def description(site: Path, lang: str) -> dict:
    """The index's description, which the search page holds for its script."""
    return json.loads(page(site, "search" if lang == "ar" else "en/search").select_one("#archive-search-index").string)


def shards(site: Path, lang: str) -> int:
    return description(site, lang)["shards"]


def postings(site: Path, lang: str, word: str) -> dict[str, set[int]]:
    """{doc id: paragraph numbers} for a query word, read as the browser reads it."""
    wanted = word_forms(normalize(word))
    found: dict[str, set[int]] = {}
    for s in shards_of(normalize(word), shards(site, lang)):
        words = json.loads((index_dir(site, lang) / "w" / f"{s:03x}.json").read_text(encoding="utf-8"))
        for token, docs in words.items():
            if word_forms(token) & wanted:
                for doc, *numbers in (entry.split(".") for entry in docs.split(" ")):
                    found.setdefault(doc, set()).update(int(n, 36) for n in numbers)
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
    for count in (MIN_SHARDS, 1024, MAX_SHARDS):
        assert all(shards_of(a, count) & shards_of(b, count) for a, b in connected)


def test_words_are_spread_over_all_the_shards():
    for count in (MIN_SHARDS, 1024):
        assert {shard(w, count) for w in ("امن", "تحالف", "قسد", "coalition", "دير", "الزور")} <= set(range(count))
        assert len({shard(f"word{i}", count) for i in range(20 * count)}) == count


def test_the_shard_count_follows_the_size_of_the_index_in_powers_of_two():
    assert shard_count(0) == shard_count(SHARD_BYTES) == MIN_SHARDS  # a small archive: a few files, not a thousand
    assert shard_count(1000 * SHARD_BYTES) == 1024
    assert shard_count(1300 * SHARD_BYTES) == 1024  # changes only when the index has about doubled
    assert shard_count(1500 * SHARD_BYTES) == 2048
    assert shard_count(10 ** 9) == MAX_SHARDS


def test_document_ids_are_distinct_and_do_not_depend_on_the_other_documents():
    ids = doc_ids(["sources/a", "sources/b", "actors/sdf"])
    assert len(set(ids.values())) == 3
    assert doc_ids(["sources/a"])["sources/a"] == ids["sources/a"]


def test_query_variants_find_the_same_documents_and_paragraphs(seed_site):
    variants = [postings(seed_site, "ar", q) for q in ("الأمن", "الامن", "أمن", "امن", "الأَمْن", "بالأمن")]
    assert variants[0] and all(v == variants[0] for v in variants)


def test_each_language_has_its_own_index_of_its_own_pages(seed_site):
    for lang in ("ar", "en"):
        meta = description(seed_site, lang)
        assert meta["lang"] == lang and meta["shards"] == MIN_SHARDS  # five sources: the smallest index
        assert meta["normalization"]["map"]["أ"] == "ا"
    assert postings(seed_site, "en", "civilians") and not postings(seed_site, "ar", "civilians")
    assert page(seed_site, "search").select_one("#archive-search")["data-index"] == "index/"


def test_every_hit_leads_to_a_paragraph_holding_the_word_with_its_anchor(seed_site):
    folder = index_dir(seed_site, "ar")
    numbers = set()
    for word in ("خولة", "الأمن", "الحقيقة"):  # the last: in a list of signatories, paragraph 36 or later
        wanted = word_forms(normalize(word))
        found = postings(seed_site, "ar", word)
        for doc, found_in in found.items():
            numbers |= found_in
            for number in found_in - {0}:
                chunk = json.loads((folder / "d" / f"{doc}-{(number - 1) // PER_CHUNK}.json").read_text("utf-8"))
                _, anchor, text = next(p for p in chunk["p"] if p[0] == number)
                assert any(word_forms(t.norm) & wanted for t in tokenize(text))
                assert chunk["t"] and chunk["k"]
                if chunk["u"].startswith("../sources/"):  # a source's paragraph; an entity's description has no anchor
                    assert anchor.startswith("p-") and chunk["d"]
    assert max(numbers) >= 36  # paragraph numbers are written in base 36


def index_files(project) -> tuple[dict[str, str], int]:
    """The files of the Arabic index, and its shard count (from the description search_files returns)."""
    corpus = load_corpus(project)
    files, written = search_files(corpus, Renderer(project, corpus, "ar", "http://127.0.0.1:8000/")), {}
    while True:
        try:
            path, content = next(files)
        except StopIteration as end:
            return written, end.value["shards"]
        written[path] = content


def test_index_files_are_the_same_for_the_same_sources_and_change_only_where_a_new_source_reaches(tmp_path):
    project = make_archive(tmp_path, with_seeds=True)
    before, count_before = index_files(project)
    assert index_files(project) == (before, count_before)
    write_source(project, "added", front_matter(id="added", title="مصدر مضاف") + "نص قصير عن الأمن والتحالف\n")
    after, count = index_files(project)
    changed = {path for path in after if before.get(path) != after[path]}
    words = [t.norm for t in tokenize("مصدر مضاف نص قصير عن الأمن والتحالف")]
    assert count == count_before
    reached = {f"ar/search/index/w/{s:03x}.json" for w in words for s in shards_of(w, count)}
    added = doc_ids(["sources/added"])["sources/added"]
    assert changed == reached | {f"ar/search/index/d/{added}-0.json"}
    assert set(before) <= set(after)


@pytest.mark.parametrize("joined, apart", [("ديرالزور", "دير الزور"), ("أبوخولة", "أبو خولة")])
def test_a_name_written_joined_or_apart_finds_the_same_documents(seed_site, joined, apart):
    """The seeds write «ديرالزور» and «دير الزور»: a reader's query found only the documents written its way."""
    one = set(postings(seed_site, "ar", joined))
    both = set.intersection(*(set(postings(seed_site, "ar", w)) for w in apart.split()))
    assert one and one == both
