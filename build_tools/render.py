"""Step 4 of the pipeline: render the Markdown pages that mkdocs builds.

Each page is a raw HTML block produced by Jinja2 with autoescaping on, so any
markup inside a source (title, metadata or text) reaches the reader as text,
never as HTML. The generator owns ``docs/<lang>/index.md`` and
``docs/<lang>/sources/``; every other file under docs/ is written by hand.
"""
from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml
from jinja2 import Environment, PackageLoader, StrictUndefined
from mkdocs.utils import get_relative_url

from .memory import TranslationMemory, load_memory
from .project import LANGUAGES, SOURCE_LANGUAGE, Project
from .sources import Paragraph, Source, load_sources

GENERATED_FILES = ("index.md",)
GENERATED_DIRS = ("sources",)

_env = Environment(loader=PackageLoader("build_tools", "templates"), autoescape=True,
                   undefined=StrictUndefined, keep_trailing_newline=True, trim_blocks=False)


def page_url(lang: str, path: str) -> str:
    """Site-relative URL of a page: the source language lives at the root, others under /<lang>/."""
    prefix = "" if lang == SOURCE_LANGUAGE else f"{lang}/"
    return f"{prefix}{path}/" if path else prefix


def source_path(source_id: str) -> str:
    return f"sources/{source_id}"


@dataclass(frozen=True)
class RenderedParagraph:
    number: int
    anchor: str
    list_item: bool
    text: str
    origin: str | None  # None on the original; maintainer, machine or pending on a translation


@dataclass(frozen=True)
class Block:
    list: bool
    paragraphs: list[RenderedParagraph]


class Renderer:
    def __init__(self, project: Project, site_url: str):
        self.project = project
        self.site_url = site_url.rstrip("/") + "/"

    def labels(self, lang: str) -> dict[str, str]:
        return self.project.labels[lang]

    def title(self, source: Source, memory: TranslationMemory, lang: str) -> tuple[str, bool]:
        """(title shown in ``lang``, whether it is a translation); an untranslated title stays Arabic."""
        if lang == SOURCE_LANGUAGE:
            return source.title, False
        entry = memory.get(source.title_key)
        return (entry.en, True) if entry else (source.title, False)

    def source_page(self, source: Source, memory: TranslationMemory, lang: str) -> str:
        L = self.labels(lang)
        path = source_path(source.id)
        url = page_url(lang, path)
        other = next(code for code in LANGUAGES if code != lang)
        paragraphs = [self._paragraph(p, memory, lang) for p in source.paragraphs]
        title, title_translated = self.title(source, memory, lang)
        body = _env.get_template("source.md.j2").render(
            L=L, lang=lang, source=source, title=title, title_translated=title_translated,
            kind_label=self.project.kinds[source.kind][lang],
            permalink=self.site_url + url,
            counterpart_url=get_relative_url(page_url(other, path), url), counterpart_lang=other,
            blocks=_blocks(paragraphs),
            mixed=len({p.origin for p in paragraphs}) > 1,
            origin_summary=self._origin_summary(source, memory, L) if lang != SOURCE_LANGUAGE else [],
        )
        return _front_matter(title) + body

    def home_page(self, sources: list[Source], memories: dict[str, TranslationMemory], lang: str) -> str:
        L = self.labels(lang)
        items = []
        for source in sources:
            title, translated = self.title(source, memories[source.id], lang)
            items.append({
                "source": source, "title": title,
                "title_lang": "ar" if lang != SOURCE_LANGUAGE and not translated else None,
                "kind_label": self.project.kinds[source.kind][lang],
                "url": get_relative_url(page_url(lang, source_path(source.id)), page_url(lang, "")),
            })
        body = _env.get_template("home.md.j2").render(
            L=L, lang=lang, items=items,
            about_url=get_relative_url(page_url(lang, "about"), page_url(lang, "")))
        return _front_matter(L["archive_name"]) + body

    @staticmethod
    def _paragraph(p: Paragraph, memory: TranslationMemory, lang: str) -> RenderedParagraph:
        if lang == SOURCE_LANGUAGE:
            return RenderedParagraph(p.number, p.anchor, p.list_item, p.text, None)
        entry = memory.get(p.key)
        if entry is None:
            return RenderedParagraph(p.number, p.anchor, p.list_item, p.text, "pending")
        return RenderedParagraph(p.number, p.anchor, p.list_item, entry.en, entry.origin)

    @staticmethod
    def _origin_summary(source: Source, memory: TranslationMemory, L: dict[str, str]) -> list[dict]:
        """One line per distinct provenance of the English paragraphs, e.g. who translated how many."""
        counts: Counter[tuple[str, str]] = Counter()
        for p in source.paragraphs:
            entry = memory.get(p.key)
            if entry is None:
                counts["pending", L["origin_pending"]] += 1
            elif entry.origin == "maintainer":
                counts["maintainer", L["origin_maintainer"].format(translator=entry.translator)] += 1
            else:
                counts["machine", L["origin_machine"].format(engine=entry.engine, model=entry.model,
                                                              date=entry.date)] += 1
        total = len(source.paragraphs)
        return [{"origin": origin, "text": text,
                 "count": L["count_paragraphs"].format(count=count, total=total)}
                for (origin, text), count in counts.items()]


def _blocks(paragraphs: list[RenderedParagraph]) -> list[Block]:
    """Group consecutive list items into one list; every other paragraph is its own block."""
    blocks: list[Block] = []
    for p in paragraphs:
        if p.list_item and blocks and blocks[-1].list:
            blocks[-1].paragraphs.append(p)
        else:
            blocks.append(Block(p.list_item, [p]))
    return blocks


def _front_matter(title: str) -> str:
    """mkdocs front-matter of a generated page. Material prints ``page.title`` unescaped
    (in <title>, the navigation and the header), so the title is escaped here, once.
    Quotes stay as they are: Material escapes its attribute uses itself."""
    meta = {"title": html.escape(title, quote=False)}
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, width=1000) + "---\n\n"


def render_site(project: Project, site_url: str) -> dict[str, str]:
    """Every generated page, as {path under docs/: content}. Raises ArchiveError on bad input."""
    sources = load_sources(project)
    memories = {s.id: load_memory(project, s.folder, s.id) for s in sources}
    renderer = Renderer(project, site_url)
    pages: dict[str, str] = {}
    for lang in LANGUAGES:
        pages[f"{lang}/index.md"] = renderer.home_page(sources, memories, lang)
        for source in sources:
            pages[f"{lang}/{source_path(source.id)}.md"] = renderer.source_page(source, memories[source.id], lang)
    return pages


def write_pages(project: Project, pages: dict[str, str]) -> None:
    """Bring docs/ in line with ``pages``: write what changed, delete generated pages no longer wanted.

    Unchanged files are not touched, so ``mkdocs serve`` (which watches docs/)
    does not rebuild in a loop."""
    docs = project.docs_dir
    for rel, content in pages.items():
        target = docs / rel
        if not target.exists() or target.read_text(encoding="utf-8") != content:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")
    wanted = {docs / rel for rel in pages}
    for lang in LANGUAGES:
        owned = [docs / lang / name for name in GENERATED_FILES]
        owned += [p for d in GENERATED_DIRS for p in (docs / lang / d).glob("**/*.md")]
        for stale in (p for p in owned if p.exists() and p not in wanted):
            stale.unlink()


def generate(project: Project, site_url: str) -> None:
    write_pages(project, render_site(project, site_url))
