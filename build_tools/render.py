"""Step 4 of the pipeline: render the pages that mkdocs builds.

Each page is a raw HTML block produced by Jinja2 with autoescaping on, so any
markup inside a source, a translation or the registry reaches the reader as
text, never as HTML. Rendering only returns the files; stage.py puts them
where mkdocs reads them, apart from what people write in docs/.
"""
from __future__ import annotations

import hashlib
import html
import os
from collections import Counter
from dataclasses import dataclass
from collections.abc import Iterator
from functools import cached_property, lru_cache
from typing import NamedTuple

import yaml
from babel import Locale
from babel.units import format_unit
from jinja2 import Environment, FileSystemBytecodeCache, PackageLoader, StrictUndefined
from markdown.extensions.toc import slugify
from markupsafe import Markup, escape
from mkdocs.utils import get_relative_url

from .citation import citations, json_ld
from .cache import JsonStore, PageKeys
from .corpus import Corpus
from .dates import PartialDate
from .export import export_files
from .layout import HTML_PAGE, doc_path, excerpt, page_url
from .normalize import ARABIC_RUN, is_arabic
from .project import LANGUAGES, SOURCE_LANGUAGE, Project
from .feeds import feed_files
from .plurals import counted
from .textlinks import linkify
from .search_index import search_files
from .sources import Paragraph, Source, added_last, segment_key
from .stage import UNCHANGED


class _CompiledTemplates(FileSystemBytecodeCache):
    def load_bytecode(self, bucket) -> None:
        """A kept template that does not load (cut short by a crash, its folder replaced) is
        compiled again, and kept again, as if it had never been kept: the cache is shared by
        every checkout of this user, and must never stop a build."""
        try:
            super().load_bytecode(bucket)
        except Exception:
            bucket.reset()

    def dump_bytecode(self, bucket) -> None:
        """A template compiled but not kept (the folder removed meanwhile, the disk full) is
        only compiled again next time: it does not stop the build."""
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def compiled_templates() -> FileSystemBytecodeCache | None:
    """Jinja's cache of compiled templates, kept between builds (compiling the theme's templates
    was 0.3 s of a 7 s rebuild at 1,000 sources) in a folder of the system's temporary directory
    that only this user can write, as Jinja checks: never in the checkout, where a committed
    file would run as code. None when there is no such folder: the templates are then
    compiled at every build."""
    try:
        return _CompiledTemplates()
    except (OSError, RuntimeError):
        return None


_env = Environment(loader=PackageLoader("build_tools", "templates"), autoescape=True,
                   undefined=StrictUndefined, keep_trailing_newline=True, bytecode_cache=compiled_templates())
_env.filters["counted"] = counted  # {{ L | counted("key", n) }}: a count in words
_env.filters["linkify"] = linkify  # addresses in free text as links
_env.tests["arabic"] = is_arabic  # {% if name is arabic %}: an alias's lang on a page of either language


def _arabic_marked(text: str, lang: str) -> Markup:
    """``text`` escaped, its Arabic words marked as Arabic on a page of another language (a screen
    reader then reads them with an Arabic voice): for interface wording such as the home page's."""
    escaped = str(escape(text))
    if lang == SOURCE_LANGUAGE:
        return Markup(escaped)
    return Markup(ARABIC_RUN.sub(lambda m: f'<span lang="ar" dir="rtl">{m.group()}</span>', escaped))


_env.filters["arabic_marked"] = _arabic_marked  # {{ L.home_intro | arabic_marked(lang) }}


PAGER_REACH = 2  # pages linked on each side of the current one
PER_PAGE = 100  # items per page of a listing (sources, mentions, demands, dates): pages stay small
DEMANDING_SOURCES_PER_PAGE = 10  # each comes with its demands and signatory list (pages under 300 KB)
RECENT = 10  # sources on the home page
DESCRIPTION_CHARS = 160  # a source page's <meta name="description">: what search results and link previews show
# Folders of generated pages that have no page of their own, and the page that lists what is in
# them (with the label that names it): a reader who shortens /en/sources/x/ to /en/sources/ lands
# there instead of on "page not found".
FOLDERS = {"sources": ("browse", "sources"), "browse/kind": ("browse", "sources"),
           "browse/publisher": ("browse/publishers", "by_publisher"),
           "demands/to": ("demands#by-addressee", "by_addressee")}


@dataclass(frozen=True)
class Pager:
    """Page ``number`` of ``count`` of the listing at ``path`` (page 1 is ``path`` itself)."""
    path: str
    number: int
    count: int
    total: int  # items in the whole listing
    per_page: int

    def page(self, number: int) -> str:
        return page_path(self.path, number)

    @property
    def shown(self) -> list[int | None]:
        """The page numbers the pager links to: the first and last, and two on each side of this
        one; None where numbers are left out. A listing of 58 pages was a column of 58 links."""
        near = {1, self.count} | set(range(max(1, self.number - PAGER_REACH), min(self.count, self.number + PAGER_REACH) + 1))
        numbers: list[int | None] = []
        for n in sorted(near):
            if numbers and n - numbers[-1] > 1:
                numbers.append(None)
            numbers.append(n)
        return numbers


def page_path(path: str, number: int) -> str:
    """Page ``number`` of the listing at ``path``."""
    return path if number == 1 else f"{path}/page-{number}"


def page_holding(path: str, index: int, per_page: int | None = None) -> str:
    """The page of the listing at ``path`` that shows its item ``index`` (from 0)."""
    return page_path(path, index // (per_page or PER_PAGE) + 1)


class Segment(NamedTuple):
    text: str
    lang: str  # the language the text is in
    origin: str | None  # None for the original; maintainer, reviewed or machine for a translation


@dataclass(frozen=True)
class RenderedParagraph:
    number: int
    anchor: str
    list_item: bool
    text: str
    origin: str | None  # None on the original; maintainer, reviewed, machine or pending on a translation
    replaced: bool = False  # the entry keeps the translation of an earlier version of this paragraph
    earlier: str | None = None  # the English translates an earlier Arabic, changed on this date
    truncated: bool = False  # machine output that looks cut off
    model: str | None = None  # the model that produced machine output


@dataclass(frozen=True)
class Block:
    list: bool
    paragraphs: list[RenderedParagraph]


class Renderer:
    """Renders every page of one language from the corpus."""

    def __init__(self, project: Project, corpus: Corpus, lang: str, site_url: str, reuse: PageKeys | None = None):
        self.project, self.corpus, self.lang, self.reuse = project, corpus, lang, reuse
        self.site_url = site_url.rstrip("/") + "/"
        self.L = project.labels[lang]
        self._source_keys: dict[str, str] = {}

    # -- what templates call --------------------------------------------------------------
    def title(self, source: Source) -> Segment:
        """The title in this language; an untranslated title stays Arabic."""
        return self.text(source, source.title)

    def text(self, source: Source, arabic: str) -> Segment:
        """A segment of ``source`` in this language when translated (with its origin), else the Arabic."""
        if self.lang != SOURCE_LANGUAGE:
            entry = self.corpus.memories[source.id].get(segment_key(arabic))
            if entry:
                return Segment(entry.en, self.lang, entry.shown_origin)
        return Segment(arabic, SOURCE_LANGUAGE, None)

    def credits(self, source: Source) -> list:
        """The distinct producers of this source's English: one memory entry standing for each."""
        memory, found = self.corpus.memories[source.id], {}
        for text in source.segments:
            entry = memory.get(segment_key(text))
            if entry:
                found.setdefault((entry.origin, entry.translator, entry.engine, entry.model), entry)
        return list(found.values())

    # -- pages ----------------------------------------------------------------------------
    def pages(self) -> Iterator[tuple[str, str | object]]:
        """(path under build/docs/, content or UNCHANGED) of every page of this language, one
        at a time: at 1,000 sources the pages of a language would not fit in memory at once."""
        corpus, registry, L = self.corpus, self.corpus.registry, self.L
        yield self._one("home.md.j2", "", L["archive_name"], recent=self._recent())
        for source in corpus.sources:
            for path, make in ((f"sources/{source.id}", self._source_page),
                               (f"sources/{source.id}/parallel", self._parallel_page)):
                fresh = self.reuse and self.reuse.fresh(doc_path(self.lang, path), self.source_key(source))
                yield doc_path(self.lang, path), UNCHANGED if fresh else make(source)
        kind_counts = [(kind, len(sources)) for kind, sources in self._by_kind.items()]  # on every browse page
        publishers = self._by_publisher
        yield from self._listing("publishers.md.j2", "browse/publishers", L["by_publisher"], list(publishers), None)
        browsed = [("browse", L["sources"], corpus.sources, None, None)]  # (path, title, sources, kind, publisher)
        browsed += [(f"browse/kind/{kind}", self.project.kinds[kind][self.lang], sources, kind, None)
                    for kind, sources in self._by_kind.items()]
        browsed += [(f"browse/publisher/{slug}", name or L["unknown"], sources, None, name or L["unknown"])
                    for slug, (name, sources) in publishers.items()]
        for path, title, sources, kind, publisher in browsed:
            months = self._by_month(path, [s.date for s in sources])
            yield from self._listing("browse.md.j2", path, title, sources, (kind_counts, months), facet=kind,
                                     publisher=publisher, months=months)
        yield self._one("organisations.md.j2", "organisations", L["organisations"])
        for org in registry.organisations.values():
            yield from self._listing("organisation.md.j2", f"organisations/{org.id}", org.name(self.lang),
                                     corpus.signed.get(org.id, []), (), org=org)
        yield self._one("actors.md.j2", "actors", L["actors"])
        for actor in registry.actors.values():
            demands = corpus.demands_to.get(actor.id, [])
            shown_too = (self.mention_count(actor.id), len(demands),  # and its first demands:
                         self._item_keys(demands[:PER_PAGE]) if self.reuse else ())
            yield from self._listing("actor.md.j2", f"actors/{actor.id}", actor.name(self.lang),
                                     corpus.mentions.get(actor.id, []), shown_too, actor=actor)
        yield self._one("demands.md.j2", "demands", L["demands"])
        for actor_id, demands in list(corpus.demands_to.items()):
            if not demands:  # (a template asked for an actor nobody addresses: no page of nothing)
                continue
            actor = registry.actors[actor_id]
            yield from self._listing("demands_to.md.j2", f"demands/to/{actor_id}",
                                     f"{L['demands']}: {actor.name(self.lang)}", demands, (), actor=actor)
        yield from self._listing("demands_from.md.j2", "demands/from", L["by_source"], self._demanding_sources, (),
                                 per_page=DEMANDING_SOURCES_PER_PAGE)
        months = self._by_month("timeline", [d.date for _, d in corpus.dates], anchored=True)
        yield from self._listing("timeline.md.j2", "timeline", L["timeline"], corpus.dates, months, months=months)
        yield from self._folder_redirects()

    def _folder_redirects(self) -> Iterator[tuple[str, str]]:
        """An HTML file at each of FOLDERS that sends the reader on to its listing (as the
        mkdocs-redirects plugin does: a refresh, the link, and no indexing by search engines)."""
        template = _env.get_template("redirect.html.j2")
        for folder, (target, label) in FOLDERS.items():
            path, _, fragment = target.partition("#")
            there, anchor = page_url(self.lang, path), f"#{fragment}" if fragment else ""
            yield f"{self.lang}/{folder}/index.html", template.render(
                lang=self.lang, title=self.L[label], canonical=self.site_url + there,
                url=get_relative_url(there, page_url(self.lang, folder)) + anchor)

    def search_page(self, index: dict) -> tuple[str, str]:
        """The search page, holding the description of its index (search_index.search_files)."""
        return self._one("search.md.j2", "search", self.L["search"], index=index)

    def downloads_page(self, sizes: dict[str, int]) -> tuple[str, str]:
        """The downloads page, each file listed with its size in bytes (``sizes``)."""
        return self._one("downloads.md.j2", "downloads", self.L["downloads"], sizes=sizes)

    def _one(self, template: str, path: str, title: str, **context) -> tuple[str, str]:
        """A page that sums up the whole archive (counts of everything): always rendered, and cheap."""
        return doc_path(self.lang, path), self._page(template, path, title, **context)

    # -- listings: every long list is split into pages of at most PER_PAGE items ----------------
    def _listing(self, template: str, path: str, title: str, items: list, shown_too, per_page: int | None = None,
                 **context) -> Iterator[tuple[str, str | object]]:
        """Pages ``path``, ``path/page-2``, ... of ``template``, each given its ``items`` and a ``pager``.

        A page is rendered again only when what it shows changed (``reuse``): its items (each
        named by its source, its place among that source's items, and the source's key), its
        place in the listing, and ``shown_too``, everything else the template shows that the
        registry and code do not fix (counts over the whole corpus, the first demands on an
        actor's page). None for a listing whose items are not a source's (always rendered).
        A template that starts showing more must say so here, or its pages go stale (the
        incremental tests compare rebuilds with clean builds)."""
        per_page = per_page or PER_PAGE
        chunks = [items[i:i + per_page] for i in range(0, len(items), per_page)] or [[]]
        keys = self._item_keys(items) if self.reuse and shown_too is not None else None
        for number, chunk in enumerate(chunks, 1):
            pager = Pager(path, number, len(chunks), len(items), per_page)
            page = pager.page(number)
            shown = title if number == 1 else f"{title} ({self.L['page_of'].format(page=number, pages=len(chunks))})"
            if keys is not None:
                key = hashlib.sha256(repr((self._shared, template, shown, pager, shown_too,
                                           keys[(number - 1) * per_page:number * per_page])).encode()).hexdigest()
                if self.reuse.fresh(doc_path(self.lang, page), key):
                    yield doc_path(self.lang, page), UNCHANGED
                    continue
            yield doc_path(self.lang, page), self._page(template, page, shown, items=chunk, pager=pager, **context)

    def _item_keys(self, items: list) -> list[str]:
        """For each listed item (a source, or a tuple that starts with its source): the source,
        which of that source's items in this listing it is, and the source's key. A source's
        items in a listing come from it alone and in its own order, so this names the item."""
        seen: Counter[str] = Counter()
        keys = []
        for item in items:
            source = item if isinstance(item, Source) else item[0]
            keys.append(f"{source.id}:{seen[source.id]}:{self.source_key(source)}")
            seen[source.id] += 1
        return keys

    @cached_property
    def _timeline_pages(self) -> dict[str, str]:
        """The page of the split timeline where each date (ISO) starts, for links into it."""
        where: dict[str, str] = {}
        for i, (source, d) in enumerate(self.corpus.dates):
            where.setdefault(d.date.iso(), page_holding("timeline", i))
        return where

    def timeline_link(self, date) -> str:
        """The timeline page and anchor of ``date``."""
        return f"{self._timeline_pages[date.iso()]}#{date.iso()}"

    def _by_month(self, path: str, dates: list, anchored: bool = False) -> tuple[tuple[str, str], ...]:
        """(month as the page writes it, the page of the listing at ``path`` where it starts) for each
        month (or year, for dates of a year only) of a listing whose items have ``dates`` (in order;
        None for an undated one): split pages said nothing of the dates they hold. With ``anchored``,
        the link goes to the month's first date (the timeline's items have their date as id)."""
        first: dict[str, tuple] = {}
        for i, date in enumerate(dates):
            if date is not None:
                first.setdefault(date.iso()[:7], (date, i))
        return tuple((PartialDate.parse(month).format(self.lang),
                      page_holding(path, i) + (f"#{date.iso()}" if anchored else ""))
                     for month, (date, i) in first.items())

    @cached_property
    def _demanding_sources(self) -> list[Source]:
        return [s for s in self.corpus.sources if self.corpus.extractions[s.id].demands]

    @cached_property
    def _shared(self) -> str:
        """What every page of this language depends on: data/, templates, code, language, address."""
        return f"{self.reuse.shared}\0{self.lang}\0{self.site_url}\0"

    def source_key(self, source: Source) -> str:
        """What a source's own pages are made from (cache.PageKeys): the source and its memory,
        with everything shared, and where its dates sit in the split timeline."""
        if source.id not in self._source_keys:
            self._source_keys[source.id] = self._hash_source(source)
        return self._source_keys[source.id]

    def _hash_source(self, source: Source) -> str:
        digest = hashlib.sha256(self._shared.encode())
        for path in (source.path, self.corpus.memories[source.id].path):
            digest.update(_file_digest(path))
        found = self.corpus.extractions[source.id]
        digest.update("\0".join(self.timeline_link(d.date) for d in found.dates).encode())
        return digest.hexdigest()

    def file_size(self, size: int) -> str:
        """A file's size in words, in kilobytes under a megabyte: "350 kilobytes", "12.3 ميغابايت"."""
        if size < 1_000_000:
            return format_unit(max(1, round(size / 1000)), "digital-kilobyte", locale=self.lang)
        return format_unit(size / 1_000_000, "digital-megabyte", locale=self.lang, format="#,##0.0")

    def language_name(self, code: str) -> str:
        """A language named in words in this page's language (CLDR, through Babel): "الفرنسية", "French"."""
        return self._locale.languages.get(code, code)

    @cached_property
    def _locale(self) -> Locale:
        return Locale.parse(self.lang)

    def mention_count(self, actor_id: str) -> int:
        return sum(len(mentions) for _, _, mentions in self.corpus.mentions.get(actor_id, ()))

    @cached_property
    def _by_publisher(self) -> dict[str, tuple[str | None, list[Source]]]:
        """{slug: (publisher as shown in this language, its sources)}, by name; unknown last.
        Sources share a publisher when its Arabic (or only) name is the same; the slug is made
        from the same data in both languages, so both share the address."""
        groups: dict[str, tuple[str | None, list[Source]]] = {}
        slugs: dict[str, str] = {}  # publisher's name -> slug
        for source in self.corpus.sources:
            key = " ".join(source.publisher.pick(SOURCE_LANGUAGE)[0].split()) if source.publisher else ""
            if key not in slugs:
                slugs[key] = _publisher_slug(source.publisher, key, set(slugs.values()))
            shown = source.publisher.pick(self.lang)[0] if source.publisher else None
            groups.setdefault(slugs[key], (shown, []))[1].append(source)
        return dict(sorted(groups.items(), key=lambda kv: (kv[1][0] is None, kv[1][0] or "")))

    def publisher_group(self, slug: str) -> tuple[str | None, list[Source]]:
        return self._by_publisher[slug]

    def kind_count(self, kind: str) -> int:
        return len(self._by_kind.get(kind, ()))

    @cached_property
    def _by_kind(self) -> dict[str, list[Source]]:
        groups: dict[str, list[Source]] = {kind: [] for kind in self.project.kinds}
        for source in self.corpus.sources:
            groups[source.kind].append(source)
        return {kind: sources for kind, sources in groups.items() if sources}

    def _recent(self) -> list[Source]:
        return added_last(self.corpus.sources)[:RECENT]

    def preview(self, text, chars: int) -> str:
        """The start of a paragraph (a Segment or RenderedParagraph) for link previews and feeds, said
        to be machine translation when it is: there it stands without the page's labels."""
        shown = excerpt(text.text, chars)
        return f"{self.L['badge_' + text.origin]}: {shown}" if text.origin in ("machine", "reviewed") else shown

    def _page(self, template: str, path: str, title: str, description: str | None = None, **context) -> str:
        here = page_url(self.lang, path)

        def link(target: str, lang: str | None = None) -> str:
            """Relative URL from this page to ``target`` ("actors/sdf", "sources/x#p-1a2b") in ``lang``."""
            target_path, _, fragment = target.partition("#")
            url = get_relative_url(page_url(lang or self.lang, target_path), here)
            return url + (f"#{fragment}" if fragment else "")

        body = _env.get_template(template).render(
            L=self.L, lang=self.lang, r=self, c=self.corpus, kinds=self.project.kinds, link=link, excerpt=excerpt,
            language_name=self.language_name,
            permalink=self.site_url + here, **context)
        return _front_matter(title, description or self.L["site_description"]) + HTML_PAGE + body

    def _source_page(self, source: Source) -> str:
        paragraphs = [self._paragraph(source, p, self.lang) for p in source.paragraphs]
        title = self.title(source).text
        other = next(code for code in LANGUAGES if code != self.lang)
        path = f"sources/{source.id}"
        permalink = self.site_url + page_url(self.lang, path)
        credits = self.credits(source) if self.lang != SOURCE_LANGUAGE else []
        names = [e.translator if e.origin == "maintainer" else f"{e.engine} ({e.model}, machine translation)"
                 for e in credits]
        producers = [{"@type": "Organization", "name": e.translator} if e.origin == "maintainer" else
                     {"@type": "SoftwareApplication", "name": e.engine, "softwareVersion": e.model}
                     for e in credits]
        first = paragraphs[0] if paragraphs else None
        return self._page(
            "source.md.j2", path, title,
            description=self.preview(first, DESCRIPTION_CHARS) if first and first.origin != "pending" else None,
            source=source, found=self.corpus.extractions[source.id], other_lang=other,
            blocks=_blocks(paragraphs), mixed=len({(p.origin, p.model) for p in paragraphs}) > 1,
            origin_summary=self._origin_summary(source) if self.lang != SOURCE_LANGUAGE else [],
            cite=citations(source, self.lang, title, permalink, names, self.L["archive_name"]),
            structured=json_ld(source, self.lang, title, permalink,
                               self.site_url + page_url(SOURCE_LANGUAGE, path), producers))

    def _parallel_page(self, source: Source) -> str:
        title = self.title(source).text
        rows = [(p, self._paragraph(source, p, "en")) for p in source.paragraphs]
        return self._page("parallel.md.j2", f"sources/{source.id}/parallel", f"{title} — {self.L['parallel']}",
                          source=source, rows=rows)

    def _paragraph(self, source: Source, p: Paragraph, lang: str) -> RenderedParagraph:
        """Paragraph ``p`` in ``lang``: the original, or its translation labelled with its origin."""
        if lang == SOURCE_LANGUAGE:
            return RenderedParagraph(p.number, p.anchor, p.list_item, p.text, None)
        entry = self.corpus.memories[source.id].get(p.key)
        if entry is None:
            return RenderedParagraph(p.number, p.anchor, p.list_item, p.text, "pending")
        return RenderedParagraph(p.number, p.anchor, p.list_item, entry.en, entry.shown_origin,
                                 replaced=entry.previous is not None,
                                 earlier=(entry.translates_earlier or {}).get("noticed"),
                                 truncated=bool(entry.truncated), model=entry.model)

    def _origin_summary(self, source: Source) -> list[dict]:
        """One line per distinct provenance of the English paragraphs, e.g. who translated how many."""
        L, memory = self.L, self.corpus.memories[source.id]
        counts: Counter[tuple[str, str]] = Counter()
        for p in source.paragraphs:
            entry = memory.get(p.key)
            if entry is None:
                counts["pending", L["origin_pending"]] += 1
            else:
                origin = entry.shown_origin
                text = L[f"origin_{origin}"].format(**entry.as_yaml())
                if entry.translates_earlier:
                    text += " " + L["origin_earlier"].format(**entry.translates_earlier)
                counts[origin, text] += 1
        total = len(source.paragraphs)
        return [{"origin": origin, "text": text,
                 "count": counted(L, "count_paragraphs", total, count=count)}
                for (origin, text), count in counts.items()]


def _publisher_slug(publisher, key: str, taken: set[str]) -> str:
    """The address of a publisher's listing: its English (or only) name in Latin letters as words
    ("north-press"), or a short hash of its name when it has none, or when another publisher has
    those words already (an address stays ASCII); "unknown" for sources without a publisher."""
    if not key:
        return "unknown"
    words = slugify(publisher.texts.get("en") or key, "-")
    if words and words not in taken | {"unknown"}:
        return words
    return hashlib.sha256(key.casefold().encode()).hexdigest()[:10]


def _file_digest(path) -> bytes:
    """SHA-256 of a file's bytes (b"-" when there is none), read once per build and language
    pair rather than once per language: remembered against its size and modification time."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return b"-"
    return _digest_of(str(path), st.st_size, st.st_mtime_ns)


@lru_cache(maxsize=1 << 14)
def _digest_of(path: str, size: int, mtime_ns: int) -> bytes:
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).digest()


def _blocks(paragraphs: list[RenderedParagraph]) -> list[Block]:
    """Group consecutive list items into one list; every other paragraph is its own block."""
    blocks: list[Block] = []
    for p in paragraphs:
        if p.list_item and blocks and blocks[-1].list:
            blocks[-1].paragraphs.append(p)
        else:
            blocks.append(Block(p.list_item, [p]))
    return blocks


def _front_matter(title: str, description: str) -> str:
    """mkdocs front-matter of a generated page. Material prints ``page.title`` unescaped
    (in <title>, the navigation and the header), so the title is escaped here, once.
    Quotes stay as they are: Material escapes its attribute uses itself. It also prints
    ``page.meta.description`` unescaped, inside an attribute: that one is escaped with quotes."""
    meta = {"title": html.escape(title, quote=False), "description": html.escape(description, quote=True)}
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, width=1000) + "---\n\n"


def render_language(project: Project, corpus: Corpus, lang: str, site_url: str,
                    reuse: PageKeys | None = None) -> Iterator[tuple[str, str | object]]:
    """Every generated file of one language, one at a time, as (path under build/docs/,
    content, or UNCHANGED when the page already staged is still right (``reuse``))."""
    renderer = Renderer(project, corpus, lang, site_url, reuse)
    yield from renderer.pages()
    index = yield from search_files(corpus, renderer, JsonStore(project, "search", dict) if reuse else None)
    yield renderer.search_page(index)
    yield from feed_files(renderer, _env.get_template("feed.xml.j2")).items()


def render_downloads(project: Project, corpus: Corpus, site_url: str,
                     reuse: PageKeys | None = None) -> Iterator[tuple[str, str | bytes]]:
    """The downloads, which are in no language (under the source language's folder), one file at a
    time, then the page of each language that lists them with their sizes (a reader on a phone
    sees that archive.json is megabytes before opening it); with ``reuse``, each source's rows
    are kept for the next build under its page key."""
    renderer = Renderer(project, corpus, SOURCE_LANGUAGE, site_url, reuse)
    store = JsonStore(project, "export", dict) if reuse else None
    sizes = {}
    for name, content in export_files(corpus, site_url, store, renderer.source_key):
        data = content.encode("utf-8")
        sizes[name] = len(data)
        yield f"{SOURCE_LANGUAGE}/downloads/{name}", data
    for lang in LANGUAGES:
        yield Renderer(project, corpus, lang, site_url).downloads_page(sizes)
