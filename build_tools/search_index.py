"""The archive's own search index, one per language, searched in the browser by
overrides/assets/javascripts/archive-search.js.

Why not the theme's search: its Arabic support (lunr-languages) does not
unify hamza forms, ta marbuta or diacritics, so "الامن" and "الأمن" find
different documents. Here every word is indexed under its normalised forms
(normalize.py), with and without attached و ف ب ل ك and ال, and the index
carries the character table and prefixes so that the browser normalises a
query exactly as the index was built.
"""
from __future__ import annotations

import json

from mkdocs.utils import get_relative_url

from .corpus import Corpus
from .layout import excerpt, page_url
from .normalize import CHARACTER_MAP, CONJUNCTIONS, MIN_STEM, PREPOSITIONS, prefixed_forms, tokenize

ARTICLE = "ال"


def word_forms(norm: str) -> set[str]:
    """A normalised word and its forms without attached prefixes and without ال."""
    forms = set(prefixed_forms(norm))
    forms |= {f[len(ARTICLE):] for f in forms if f.startswith(ARTICLE) and len(f) - len(ARTICLE) >= MIN_STEM}
    return forms


def keys(*texts: str) -> str:
    return " ".join(sorted({form for text in texts for t in tokenize(text) for form in word_forms(t.norm)}))


def build_index(corpus: Corpus, renderer) -> str:
    """search.json for the renderer's language: every source (title and metadata), every paragraph,
    every organisation and actor, with URLs relative to the search page."""
    lang = renderer.lang
    here = page_url(lang, "search")
    docs = []

    def add(path: str, title: str, text: str, *indexed: str, anchor: str = "") -> None:
        url = get_relative_url(page_url(lang, path), here) + (f"#{anchor}" if anchor else "")
        docs.append({"u": url, "t": title, "x": excerpt(text), "k": keys(*indexed)})

    for source in corpus.sources:
        title = renderer.title(source).text
        people = [v.pick(lang)[0] for v in (source.publisher, source.author) if v]
        add(f"sources/{source.id}", title, " — ".join(people), title, source.title, *people)
        for p in source.paragraphs:
            text = renderer.text(source, p.text).text
            add(f"sources/{source.id}", f"{title} ¶{p.number}", text, text, anchor=p.anchor)
    for kind, entities in (("organisations", corpus.registry.organisations), ("actors", corpus.registry.actors)):
        for e in entities.values():
            description = e.description.pick(lang)[0] if e.description else ""
            add(f"{kind}/{e.id}", e.name(lang), description, *e.names, description)
    index = {
        "lang": lang,
        "normalization": {"map": CHARACTER_MAP, "conjunctions": CONJUNCTIONS, "prepositions": PREPOSITIONS,
                          "article": ARTICLE, "min_stem": MIN_STEM},
        "docs": docs,
    }
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"
