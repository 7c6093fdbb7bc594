"""Step 1 of the pipeline: load and validate the sources.

A source is a folder ``sources/<name>/`` holding ``source.md``: YAML
front-matter written by a maintainer, then the Arabic text exactly as
published. Each non-blank line of the text is one paragraph; a line starting
with "- " is a list item. Nothing in the text is rewritten: the archive's
promise is that the Arabic page is the original.

Any problem is raised as one ``ArchiveError`` naming the file and line,
before anything is written.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
import os
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .dates import PartialDate
from .errors import ArchiveError
from .project import ID_PATTERN, LANGUAGES, Project
from .untrusted import has_visible_text, url_problem
from .files import MAX_FRONT_MATTER_BYTES, MAX_SOURCE_BYTES, TextDatesLoader, load_with_lines, read_bytes, read_text

SOURCE_FILE = "source.md"
CAPTURED_FILE = "original.html"  # a saved web page as captured; kept, never published as HTML
ID_MAX_LENGTH = 80

# The front-matter schema: field -> (required, description). A required field
# may still be null where the archive does not know it (date, publisher,
# author, url): writing `null` is how a maintainer says "unknown", and the page
# shows it. The free-text fields publisher, author, date_note and notes take
# plain text, or one text per language ({ar: ..., en: ...}) so that each page
# shows its own language.
FIELDS: dict[str, tuple[bool, str]] = {
    "id": (True, "stable ASCII permalink: lower-case letters, digits and single hyphens"),
    "title": (True, "Arabic title, as published or supplied by the archive"),
    "title_supplied": (False, "true when the original has no title and the archive wrote one"),
    "date": (True, "date of publication: YYYY, YYYY-MM or YYYY-MM-DD, or null when unknown"),
    "date_note": (False, "how the date was established, when it is inferred or uncertain"),
    "kind": (True, "one of the kinds in data/kinds.yml"),
    "publisher": (True, "who published it, or null when unknown"),
    "author": (True, "who wrote it, or null when unknown"),
    "url": (True, "http(s) address of the original, or null when unknown"),
    "other_versions": (False, "list of {language, title, publisher, url}: the same text published elsewhere"),
    "added": (False, "date the source was added to the archive, YYYY-MM-DD"),
    "notes": (False, "what else is known of the provenance, in plain text"),
    "signatories": (False, "organisation ids (data/organisations.yml): replaces the extracted signatory list"),
    "demands": (False, "list of {paragraph: N, addressees: [actor ids]}: replaces the extracted demands"),
    "actors_exclude": (False, "actor ids whose matches in this source are false (e.g. 'النظام' meaning 'system')"),
    "captured": (False, "the saved web page the text was taken from, kept in the source's folder: "
                        "{file: original.html, sha256: ..., date: YYYY-MM-DD}"),
}
NULLABLE = {"date", "publisher", "author", "url"}
VERSION_FIELDS = {"language", "title", "publisher", "url"}
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*\Z")  # BCP 47, as in lang="..."


@lru_cache(maxsize=1 << 16)  # pages look the same paragraphs up many times (titles above all)
def segment_key(text: str) -> str:
    """Identity of a piece of Arabic text: SHA-256 of its NFC form, stripped.

    Translation memory entries and paragraph anchors are keyed by it, so they
    follow the text itself, not its position in the document."""
    normal = unicodedata.normalize("NFC", text).strip()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def text_sha256(body: str) -> str:
    """Fixity of a source's text as stored: what ``add`` compares to refuse the same text twice."""
    return hashlib.sha256(body.strip().encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Paragraph:
    number: int  # 1-based position in the document, shown to readers as ¶N
    text: str  # the Arabic text of the line, list marker removed
    line: int  # line in source.md
    list_item: bool
    anchor: str  # stable HTML id derived from the text

    @property
    def key(self) -> str:
        return segment_key(self.text)


@dataclass(frozen=True)
class Localized:
    """Free text given once (language unstated) or once per language."""
    texts: dict[str, str]  # language code -> text; "" when the language is not stated

    def pick(self, lang: str) -> tuple[str, str | None]:
        """(text to show on a ``lang`` page, its language if stated): that language's
        text if there is one, otherwise whatever was given."""
        if lang in self.texts:
            return self.texts[lang], lang
        code, text = next(iter(self.texts.items()))
        return text, code or None


@dataclass(frozen=True)
class Version:
    language: str
    title: str | None
    publisher: str | None
    url: str | None


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    title_supplied: bool
    date: PartialDate | None
    date_note: Localized | None
    kind: str
    publisher: Localized | None
    author: Localized | None
    url: str | None
    other_versions: tuple[Version, ...]
    added: PartialDate | None
    notes: Localized | None
    paragraphs: tuple[Paragraph, ...]
    folder: Path
    text_sha256: str = field(repr=False)  # fixity of the Arabic text as stored
    # Maintainer corrections to what extraction finds (checked against the registry by extract/).
    signatories: tuple[str, ...] | None = None
    demands: tuple[dict, ...] | None = None
    actors_exclude: tuple[str, ...] = ()
    captured: "Captured | None" = None
    field_lines: dict[str, int] = field(default_factory=dict, repr=False, compare=False)

    @property
    def path(self) -> Path:
        return self.folder / SOURCE_FILE

    @property
    def title_key(self) -> str:
        return segment_key(self.title)

    @property
    def segments(self) -> list[str]:
        """The Arabic texts a translation covers: the title, then each paragraph (once each)."""
        return list(dict.fromkeys([self.title] + [p.text for p in self.paragraphs]))


def load_sources(project: Project) -> list[Source]:
    """Every source of the archive, oldest first (by date, then id); raise on the first bad one."""
    folders = source_folders(project)
    sources: list[Source] = []
    seen: dict[str, Path] = {}
    for folder in folders:
        source = load_source(project, folder)
        if source.id in seen:
            raise ArchiveError(project.relative(source.path),
                               f"duplicate id {source.id!r}, already used by {project.relative(seen[source.id])}", 2)
        seen[source.id] = source.path
        sources.append(source)
    return sorted(sources, key=lambda s: (s.date is None, s.date.sort_key() if s.date else (), s.id))


def added_last(sources) -> list[Source]:
    """Sources by `added`, newest first, then by date and id: the home page's "added last" and the
    feeds list them in this one order (the feeds leave out those without `added`)."""
    return sorted(sources, key=lambda s: (s.added.sort_key() if s.added else (),
                                          s.date.sort_key() if s.date else (), s.id), reverse=True)


def source_folders(project: Project) -> list[Path]:
    """The folders sources/<name>/ that hold a source.md. A symbolic link among them is
    refused: through it a pull request could publish any file of the building machine."""
    root = project.sources_dir
    if os.path.islink(root) or not root.is_dir():
        raise ArchiveError(project.relative(root), "must be a folder inside the checkout (not a symbolic link)")
    folders = []
    for entry in sorted(os.scandir(root), key=lambda e: e.name):
        if not entry.name.isprintable():  # a line break or an escape sequence would reach every message
            raise ArchiveError(f"{project.relative(root)}/{entry.name!r}", "a name with unprintable characters; "
                                                                         "name the folder as its source's id")
        if entry.is_symlink():
            raise ArchiveError(project.relative(Path(entry.path)), "is a symbolic link; sources must be real folders")
        if entry.is_dir(follow_symlinks=False) and os.path.lexists(os.path.join(entry.path, SOURCE_FILE)):
            folders.append(Path(entry.path))
    return folders


def load_source(project: Project, folder: Path) -> Source:
    path = folder / SOURCE_FILE
    shown = project.relative(path)
    text = read_text(shown, path, limit=MAX_SOURCE_BYTES, inside=project.root)
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    meta, lines, body_start = split_front_matter(shown, text)
    paragraphs = _paragraphs(lines, body_start)
    if not paragraphs:
        raise ArchiveError(shown, "the text after the front-matter is empty", body_start)
    return _build_source(project, folder, shown, meta, paragraphs, "\n".join(lines))


def split_front_matter(shown: Path, text: str) -> tuple[dict, list[str], int]:
    """(front-matter mapping with key lines, body lines, line number of the first body line)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise ArchiveError(shown, "missing front-matter: the file must start with a line '---'", 1)
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise ArchiveError(shown, "front-matter is not closed by a line '---'", 1) from None
    block = "\n".join(lines[1:end])
    if len(block.encode("utf-8")) > MAX_FRONT_MATTER_BYTES:
        raise ArchiveError(shown, f"front-matter is larger than {MAX_FRONT_MATTER_BYTES // 1024} KiB", 2)
    data, node = load_with_lines(shown, block, "front-matter", TextDatesLoader, first_line=2)
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        raise ArchiveError(shown, "front-matter must be a mapping of 'field: value' lines", 2)
    key_lines = {k.value: k.start_mark.line + 2 for k, _ in node.value}
    return {"fields": data, "lines": key_lines}, lines[end + 1:], end + 2


def _paragraphs(lines: list[str], first_line: int) -> tuple[Paragraph, ...]:
    found: list[Paragraph] = []
    times: Counter = Counter()  # of each anchor: the same paragraph twice in one text gets p-…-2
    for offset, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        list_item = stripped.startswith("- ")
        content = stripped[2:].strip() if list_item else stripped
        base = "p-" + segment_key(content)[:8]
        times[base] += 1
        anchor = base if times[base] == 1 else f"{base}-{times[base]}"
        found.append(Paragraph(len(found) + 1, content, first_line + offset, list_item, anchor))
    return tuple(found)


def _build_source(project: Project, folder: Path, shown: Path, meta: dict, paragraphs, body: str) -> Source:
    fields, lines = meta["fields"], meta["lines"]

    def fail(name: str, message: str):
        raise ArchiveError(shown, message, lines.get(name, 2))

    for name in fields:
        if name not in FIELDS:
            fail(name, f"unknown field {name!r} (known fields: {', '.join(FIELDS)})")
    for name, (required, description) in FIELDS.items():
        if required and name not in fields:
            raise ArchiveError(shown, f"missing field {name!r}: {description}", 2)
        if name in fields and fields[name] is None and name not in NULLABLE:
            fail(name, f"field {name!r} is empty: {description}")

    def text(name: str) -> str | None:
        value = fields.get(name)
        if value is None:
            return None
        if not isinstance(value, str) or not has_visible_text(value):
            fail(name, f"field {name!r} must be non-empty text (with visible characters)")
        return value.strip()

    def localized(name: str) -> Localized | None:
        value = fields.get(name)
        if isinstance(value, dict):
            if not value or set(value) - set(LANGUAGES) or not all(isinstance(v, str) and has_visible_text(v)
                                                                   for v in value.values()):
                fail(name, f"field {name!r} must be text, or a mapping of {'/'.join(LANGUAGES)} to text")
            return Localized({k: v.strip() for k, v in value.items()})
        plain = text(name)
        return Localized({"": plain}) if plain else None

    def date(name: str) -> PartialDate | None:
        if fields.get(name) is None:
            return None
        try:
            return PartialDate.parse(fields[name])
        except ValueError as e:
            fail(name, f"invalid {name}: {e}")

    source_id = text("id")
    if not ID_PATTERN.match(source_id) or len(source_id) > ID_MAX_LENGTH:
        fail("id", f"id {source_id!r} is not a safe path segment ({FIELDS['id'][1]}, at most {ID_MAX_LENGTH})")
    kind = text("kind")
    if kind not in project.kinds:
        fail("kind", f"unknown kind {kind!r} (known kinds: {', '.join(project.kinds)})")
    url = text("url")
    if url is not None and (problem := url_problem(url)):
        fail("url", f"url: {problem}")
    def ids(name: str) -> tuple[str, ...] | None:
        value = fields.get(name)
        if value is None:
            return None
        if not isinstance(value, list) or not all(isinstance(v, str) and ID_PATTERN.match(v) for v in value):
            fail(name, f"field {name!r} must be a list of ids")
        return tuple(value)

    demands = fields.get("demands")
    if demands is not None:
        if not isinstance(demands, list) or not all(
                isinstance(d, dict) and set(d) == {"paragraph", "addressees"}
                and isinstance(d["paragraph"], int) and 1 <= d["paragraph"] <= len(paragraphs)
                and isinstance(d["addressees"], list) and all(isinstance(a, str) for a in d["addressees"])
                for d in demands):
            fail("demands", f"demands must be a list of {{paragraph: 1..{len(paragraphs)}, addressees: [actor ids]}}")
        demands = tuple(demands)
    title_supplied = fields.get("title_supplied", False)
    if not isinstance(title_supplied, bool):
        fail("title_supplied", "title_supplied must be true or false")

    captured = _captured(project, folder, shown, fields.get("captured"), lambda m: fail("captured", m))
    published, added = date("date"), date("added")
    for later_than, what in ((captured and captured.date, "the page was captured"), (added, "the source was added")):
        if later_than and published and published.after(later_than):
            fail("date", f"date {published.iso()} is after the day {what} ({later_than.iso()})")
    return Source(
        id=source_id, title=text("title"), title_supplied=title_supplied,
        date=published, date_note=localized("date_note"), kind=kind,
        publisher=localized("publisher"), author=localized("author"), url=url,
        other_versions=_versions(fields.get("other_versions"), lambda m: fail("other_versions", m)),
        added=added, notes=localized("notes"), paragraphs=paragraphs, folder=folder,
        text_sha256=text_sha256(body),
        signatories=ids("signatories"), demands=demands, actors_exclude=ids("actors_exclude") or (),
        captured=captured, field_lines=lines,
    )


@dataclass(frozen=True)
class Captured:
    """The original as captured (a saved web page): its file in the source's folder, SHA-256 and date."""
    file: str
    sha256: str
    date: PartialDate


def _captured(project: Project, folder: Path, shown: Path, value, fail) -> Captured | None:
    """Check the ``captured`` field and the file's fixity: the file must be there, unchanged."""
    if value is None:
        return None
    if not isinstance(value, dict) or set(value) != {"file", "sha256", "date"} or value["file"] != CAPTURED_FILE \
            or not re.fullmatch(r"[0-9a-f]{64}", str(value["sha256"])):
        fail(f"captured must be {{file: {CAPTURED_FILE}, sha256: <64 hex digits>, date: YYYY-MM-DD}}")
    try:
        date = PartialDate.parse(value["date"])
    except ValueError as e:
        fail(f"captured: {e}")
    data = read_bytes(project.relative(folder / CAPTURED_FILE), folder / CAPTURED_FILE, limit=MAX_SOURCE_BYTES,
                      inside=project.root)
    if hashlib.sha256(data).hexdigest() != value["sha256"]:
        fail(f"captured: {CAPTURED_FILE} does not match its sha256 (the original changed after capture)")
    return Captured(CAPTURED_FILE, value["sha256"], date)


def _versions(value, fail) -> tuple[Version, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        fail("other_versions must be a list of mappings")
    versions = []
    for item in value:
        unknown = set(item) - VERSION_FIELDS
        if unknown or "language" not in item or not item.get("url"):
            fail(f"each of other_versions needs language and url (and may have title, publisher); got {sorted(item)}")
        if problem := url_problem(item["url"]):
            fail(f"other_versions: {problem}")
        if not isinstance(item["language"], str) or not LANGUAGE_CODE.match(item["language"]):
            fail(f"other_versions: language {item['language']!r} is not a language code (en, fr, ku-Latn); "
                 "it becomes the lang attribute of the link")
        for name in ("title", "publisher"):
            if item.get(name) is not None and not (isinstance(item[name], str) and has_visible_text(item[name])):
                fail(f"other_versions: {name} must be text with visible characters")
        versions.append(Version(*(item.get(k) for k in ("language", "title", "publisher", "url"))))
    return tuple(versions)

