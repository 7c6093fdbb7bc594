"""The archive's own search index, one per language, sharded so that a query fetches only
what it needs; searched in the browser by overrides/assets/javascripts/archive-search.js.

Why not the theme's search: its Arabic support (lunr-languages) does not unify hamza
forms, ta marbuta or diacritics, so "الامن" and "الأمن" find different documents. Why not
Pagefind: on a 1,000-source copy of the archive it fetched 200-280 KB per query, and its
stemmer misses attached prepositions (بالأمن).

Here a query word matches a document word when their forms (normalize.py; the words with
and without attached و ف ب ل ك and ال) meet. The index is, under ``<lang>/search/index/``:

- (in the search page itself, not a file: ``search_files`` returns it) the index's description:
  the character table and prefixes, so that the browser normalises a query exactly as the
  index was built, and the shard count. Inline, the page's script reads the query's shards
  as soon as it runs, rather than after a round trip that waited for the theme's script;
- ``w/<shard>.json``: {normalised word: "<document id>.<paragraph>.<paragraph> <document id>..."},
  paragraph numbers in base 36, 0 being the title and byline (compact: the postings of a
  word found in every source are what a query pays for). A word is filed under the *root*
  of each of its forms (the form's shortest form), hashed into ``shards`` files; two words
  that share a form share that form's root, so the query reads the shards of its own
  words' roots, usually one per query word;
- ``d/<document id>-<chunk>.json``: the document's title, address, kind and date and the
  text of PER_CHUNK paragraphs, from which the browser shows and highlights the passage.

Document ids come from the page's path, not its position, and the shard count follows the
size of the index in powers of two (a few KB a shard: an archive of five sources has 16
shard files, not a thousand), so adding or editing a source rewrites only its own text
files and the shards of its words, except when the index has doubled or halved since the
last build: then every shard is rewritten, once.
"""
from __future__ import annotations

import base64
import hashlib
import json
import math
from collections.abc import Generator
from functools import lru_cache

from mkdocs.utils import get_relative_url

from .cache import JsonStore
from .corpus import Corpus
from .layout import page_url
from .stage import UNCHANGED
from .normalize import CHARACTER_MAP, CONJUNCTIONS, MIN_STEM, PREPOSITIONS, normalize, prefixed_forms, tokenize

ARTICLE = "ال"
SHARD_BYTES = 4096  # the index's size over this, rounded to a power of two, is the shard count
MIN_SHARDS, MAX_SHARDS = 16, 4096  # (archive-search.js names shards with three hex digits)
PER_CHUNK = 4  # paragraphs per text file: a passage costs a reader a few KB, not the whole source (8 took the worst query over 100 KB)
ID_CHARS = 6  # base32 letters of a document id (30 bits), more only if two pages collide
# First words of names written joined to the next word as often as apart (normalised: أبو -> ابو).
JOINED_FIRST = tuple(normalize(w) for w in ("دير", "أبو", "عبد"))
ENTITY_MARK = "_"  # first character of the id of an actor's or organisation's page (not a base32 letter)
ENTITY_SECTIONS = ("actors/", "organisations/")
FOLDER = "search/index"


def word_forms(norm: str) -> set[str]:
    """A normalised word and its forms without attached prefixes and without ال."""
    forms = set(prefixed_forms(norm))
    forms |= {f[len(ARTICLE):] for f in forms if f.startswith(ARTICLE) and len(f) - len(ARTICLE) >= MIN_STEM}
    return forms


def root(form: str) -> str:
    """The shortest of a form's own forms (ties: the first in code point order)."""
    return min(word_forms(form), key=lambda f: (len(f), f))


def shard_count(index_bytes: int) -> int:
    """The power of two nearest to ``index_bytes`` / SHARD_BYTES, within MIN_SHARDS..MAX_SHARDS.
    A function of the index alone, so that a rebuild and a clean build agree; it moves only
    when the index doubles or halves, which is when rewriting every shard is worth it."""
    exponent = round(math.log2(max(index_bytes, 1) / SHARD_BYTES))
    return min(MAX_SHARDS, max(MIN_SHARDS, 2 ** max(exponent, 0)))


def shard(key: str, shards: int) -> int:
    """FNV-1a (32 bits) of the UTF-8 of ``key``, modulo ``shards``; archive-search.js computes the same."""
    h = 0x811C9DC5
    for byte in key.encode("utf-8"):
        h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF
    return h % shards


@lru_cache(maxsize=1 << 17)  # once per distinct word, not per occurrence
def shards_of(norm: str, shards: int) -> frozenset[int]:
    """The shards a word is filed in, and that a query for it reads."""
    return frozenset(shard(root(f), shards) for f in word_forms(norm))


def doc_ids(paths: list[str]) -> dict[str, str]:
    """{page path: id}: the first base32 letters of the path's SHA-256, as few as keep ids distinct,
    after ENTITY_MARK for the page of an actor or organisation: the browser ranks such a page first
    when its names hold every query word (a search for "SDF" is most likely for the SDF's page,
    which came after hundreds of reports with "SDF" in their titles)."""
    digests = {p: base64.b32encode(hashlib.sha256(p.encode("utf-8")).digest()).decode().lower() for p in paths}
    length = ID_CHARS
    while len({d[:length] for d in digests.values()}) < len(digests):
        length += 1
    return {p: (ENTITY_MARK if p.startswith(ENTITY_SECTIONS) else "") + d[:length] for p, d in digests.items()}


def search_files(corpus: Corpus, renderer, store: JsonStore | None = None) \
        -> Generator[tuple[str, str | object], None, dict]:
    """(path under the docs root, content) of the search index of the renderer's language; returns
    the index's description, which the search page holds.

    With ``store`` (build/cache/search/) the words of a source are taken from the last
    build when the source's key (render.Renderer.source_key) is the same, and its text
    files are left as staged (UNCHANGED): a rebuild only re-reads the words of what changed.
    The word shards are made again (one source's words reach most of them)."""
    lang, L = renderer.lang, renderer.L
    here = page_url(lang, "search")
    docs = []  # (page path, key or None, title, kind, date, indexed title words, [(number, anchor, text)])
    for source in corpus.sources:
        title = renderer.title(source).text
        people = [v.pick(lang)[0] for v in (source.publisher, source.author) if v]
        date = source.date.format(lang) if source.date else L["date_unknown"]
        paragraphs = [(p.number, p.anchor, renderer.text(source, p.text).text) for p in source.paragraphs]
        docs.append((f"sources/{source.id}", renderer.source_key(source) if store else None, title,
                     renderer.project.kinds[source.kind][lang], date, [title, source.title, *people], paragraphs))
    for section, entities in (("organisations", corpus.registry.organisations), ("actors", corpus.registry.actors)):
        for e in entities.values():
            description = e.description.pick(lang)[0] if e.description else ""
            docs.append((f"{section}/{e.id}", None, e.name(lang), L[section], "", list(e.names),
                         [(1, "", description)] if description else []))

    ids = doc_ids([d[0] for d in docs])
    index: dict[str, dict[str, str]] = {}  # {word: {document id: paragraph numbers}}
    for path, key, title, kind, date, titles, paragraphs in docs:
        doc = ids[path]
        words = store.get(f"{lang}/{doc}", key) if key else None
        if words is None:
            words = _words([(0, t) for t in titles] + [(n, text) for n, _, text in paragraphs])
            if key:
                store.put(f"{lang}/{doc}", key, words)
        for norm, numbers in words.items():
            index.setdefault(norm, {})[doc] = numbers
        head = {"u": get_relative_url(page_url(lang, path), here), "t": title, "k": kind, "d": date}
        for chunk in range(max(1, -(-len(paragraphs) // PER_CHUNK))):
            name = f"{lang}/{FOLDER}/d/{doc}-{chunk}.json"
            if key and renderer.reuse.fresh(name, key):
                yield name, UNCHANGED
            else:
                yield name, _json({**head, "p": paragraphs[chunk * PER_CHUNK:(chunk + 1) * PER_CHUNK]})
    lines = {word: " ".join(f"{doc}.{numbers}" for doc, numbers in sorted(found.items()))
             for word, found in index.items()}
    shards = shard_count(sum(len(word.encode("utf-8")) + len(line) for word, line in lines.items()))
    postings: list[dict[str, str]] = [{} for _ in range(shards)]
    for word, line in lines.items():
        for s in shards_of(word, shards):
            postings[s][word] = line
    for s, words in enumerate(postings):
        yield f"{lang}/{FOLDER}/w/{s:03x}.json", _json(words)
    return {"lang": lang, "shards": shards, "per_chunk": PER_CHUNK,
            "normalization": {"map": CHARACTER_MAP, "conjunctions": CONJUNCTIONS, "prepositions": PREPOSITIONS,
                              "article": ARTICLE, "min_stem": MIN_STEM}}


def _words(texts: list[tuple[int, str]]) -> dict[str, str]:
    """{normalised word: the numbers of the paragraphs it is in, ascending, in base 36 joined
    by "." as in the shards} (0: title and byline). A name whose first word is written joined
    or apart (دير الزور / ديرالزور, أبو خولة / أبوخولة, عبد الرحمن / عبدالرحمن) is filed both
    ways, so a query written either way finds it (_spellings)."""
    words: dict[str, list[int]] = {}
    for number, text in texts:
        tokens = tokenize(text)
        for i, token in enumerate(tokens):
            for norm in (token.norm, *_spellings(token, tokens[i + 1] if i + 1 < len(tokens) else None, text)):
                numbers = words.setdefault(norm, [])
                if not numbers or numbers[-1] != number:  # numbers come in ascending order
                    numbers.append(number)
    return {word: ".".join(map(_base36, numbers)) for word, numbers in words.items()}


def _spellings(token, following, text: str) -> tuple[str, ...]:
    """The other spelling of a compound name at ``token``: its first word joined to the next one
    ("دير" "الزور" -> "ديرالزور"), or a joined one split ("ديرالزور" -> "دير", "الزور")."""
    if token.norm in JOINED_FIRST:
        return (token.norm + following.norm,) if following and not text[token.end:following.start].strip() else ()
    first = next((f for f in JOINED_FIRST if token.norm.startswith(f) and len(token.norm) - len(f) >= 3), None)
    return (first, token.norm[len(first):]) if first else ()


def _base36(n: int) -> str:
    digits = ""
    while True:
        n, digit = divmod(n, 36)
        digits = "0123456789abcdefghijklmnopqrstuvwxyz"[digit] + digits
        if not n:
            return digits


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"
