"""`python -m build_tools add FILE`: turn a raw Arabic text or a saved web page into a new source.

A plain text is one paragraph per line. A saved web page (any file that looks
like HTML, whatever its name) goes through trafilatura (extract/webpage.py):
its main text, title, author, publisher, publication date and address come from
the page; the file itself is kept beside the source as ``original.html`` with its
SHA-256 and capture date (front-matter ``captured``), never published as HTML.

The front-matter is pre-filled from what is found, and every guess is marked as
one for the maintainer to review: a title (the page's, or the first line when it
is a headline, otherwise one supplied and marked so), a date (the page's, else
the latest date the text mentions, a lower bound for publication), a kind, and as
comments the signatories, actors and possible new names found. Nothing is written
unless the new source loads and validates.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import shutil
from pathlib import Path

import yaml

from .errors import ArchiveError
from .extract import Extraction, dismissed_names, extract
from .extract.webpage import WebPage, looks_like_html, read_page
from .files import MAX_SOURCE_BYTES, check_no_controls, read_bytes
from .normalize import normalize, tokenize
from .project import ID_PATTERN, Project
from .registry import load_registry
from .sources import CAPTURED_FILE, SOURCE_FILE, load_source, load_sources, text_sha256
from .untrusted import url_problem

TITLE_MAX_WORDS = 15  # a headline; a longer first line is a lead sentence
SUPPLIED_TITLE_WORDS = 8
_SENTENCE_END = re.compile(r"[.:؛!؟?]\s*$")
_AUTHOR = re.compile(r"^(?:اعداد وتحرير|إعداد وتحرير|بقلم|كتبه|اعداد|إعداد)\s*:?\s*(.+)$")
# A byline opening the text: "كتبت أسماء نصار", "حوار: آسيا العتروس" (a name of two to four words).
_BYLINE = re.compile(r"^(?:كتبت|كتبه|كتب|بقلم|حوار|تقرير|إعداد|اعداد)(?:\s*:\s*|\s+)((?:[^\W\d_]+\s+){1,3}[^\W\d_]+)$")
_FIRST_PERSON_PLURAL = re.compile(r"(^| )(ندعو|نطالب|نؤكد|نعلن|نجدد|نحن)( |$)")


def add_source(project: Project, file: Path, source_id: str | None, url: str | None = None,
               captured: str | None = None) -> tuple[Path, Extraction]:
    """Make sources/<id>/ from ``file``; ``url`` and ``captured`` (YYYY-MM-DD) describe a saved page."""
    data = read_bytes(file, file, limit=MAX_SOURCE_BYTES)
    if url is not None and (problem := url_problem(url)):
        raise ArchiveError(file, f"--url: {problem}")
    captured_on = _capture_date(file, captured)
    page = read_page(file, data, captured_on) if looks_like_html(data) else None
    latest = captured_on if page else dt.date.today()  # no source is dated after it was saved
    text = page.text if page else _plain_text(file, data)
    source_id = source_id or _id_from(file, text)
    if not ID_PATTERN.match(source_id):
        raise ArchiveError(file, f"id {source_id!r} is not lower-case letters, digits and single hyphens; "
                                 "give one with --id")
    sources = load_sources(project)
    folder = project.sources_dir / source_id
    if source_id in {s.id for s in sources} or folder.exists():
        raise ArchiveError(file, f"a source with id {source_id!r} already exists; choose another with --id")
    digest, url = hashlib.sha256(data).hexdigest(), url or (page.url if page else None)
    title, supplied, body = _title(page, text)
    text_digest = text_sha256(body)
    for other in sources:
        same = ("this very file" if other.captured and other.captured.sha256 == digest else
                "this text" if other.text_sha256 == text_digest else
                f"the address {url}" if url and other.url == url else None)
        if same:
            raise ArchiveError(file, f"{project.relative(other.folder)} already holds {same}; to record a later "
                                     "version, edit that source (or give a different --url)")

    fields = {
        "id": source_id, "title": title, "title_supplied": supplied, "date": None, "date_note": None,
        "kind": "news-report", "publisher": page.publisher if page else None,
        "author": (page.author if page else None) or _byline(body), "url": url,
        "added": dt.date.today().isoformat(),  # the feeds list sources by the day they were added
    }
    if page:
        fields["captured"] = {"file": CAPTURED_FILE, "sha256": digest, "date": captured_on.isoformat()}
    folder.mkdir(parents=True)
    try:
        if page:
            (folder / CAPTURED_FILE).write_bytes(data)
        path = folder / SOURCE_FILE
        if page and page.date:
            fields["date"], fields["date_note"] = page.date, {
                "en": "From the date shown with the article on the page.",
                "ar": "من التاريخ المعروض مع المقال في الصفحة."} if page.dateline else {
                "en": "From the page's own metadata (trafilatura/htmldate).",
                "ar": "من البيانات الوصفية للصفحة نفسها (trafilatura/htmldate)."}
        path.write_text(_front_matter(fields, page) + "---\n" + body + "\n", encoding="utf-8")
        registry, dismissed = load_registry(project), dismissed_names(project)
        found = extract(project, load_source(project, folder), registry, dismissed)
        written = [d.date for d in found.dates if not d.inferred and not d.date.after(latest)]
        if fields["date"] is None and (date := max(written, key=lambda d: d.sort_key(), default=None)):
            fields["date"], fields["date_note"] = date.iso(), {
                "en": f"Guessed when the source was added: the latest date the text mentions ({date.iso()}); "
                      "publication is on or after it.",
                "ar": f"تقدير عند إضافة المصدر: آخر تاريخ يذكره النص ({date.iso()})؛ النشر في هذا التاريخ أو بعده."}
        fields["kind"] = _guess_kind(found, body)
        path.write_text(_front_matter(fields, page) + _review(found) + "---\n" + body + "\n", encoding="utf-8")
        return path, extract(project, load_source(project, folder), registry, dismissed)  # the final file
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise


def _plain_text(file: Path, data: bytes) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ArchiveError(file, f"not valid UTF-8 (byte {e.start}); save the file as UTF-8",
                           data[: e.start].count(b"\n") + 1) from e
    check_no_controls(file, text)
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").strip()
    if not text:
        raise ArchiveError(file, "the file is empty")
    return text


def _title(page: WebPage | None, text: str) -> tuple[str, bool, str]:
    """(title, whether the archive supplied it, the text without its headline)."""
    if page and page.title and len(tokenize(page.title)) <= 2 * TITLE_MAX_WORDS:
        return page.title, False, text
    first, _, rest = text.partition("\n")
    first = first.strip()
    if not page and rest.strip() and _is_headline(first):
        second, _, after = rest.strip().partition("\n")
        return first, False, (after if second.strip() == first else rest).strip()  # a headline pasted twice
    words = first.removeprefix("- ").split()
    return " ".join(words[:SUPPLIED_TITLE_WORDS]) + ("…" if len(words) > SUPPLIED_TITLE_WORDS else ""), True, text


def _is_headline(line: str) -> bool:
    """A short line that does not end a sentence or introduce a list: a headline, not a lead sentence."""
    return (0 < len(tokenize(line)) <= TITLE_MAX_WORDS and not line.startswith("- ")
            and not _SENTENCE_END.search(line))


def _byline(body: str) -> str | None:
    """The byline opening the text, else the signature among its last lines."""
    lines = body.split("\n")
    if byline := _BYLINE.match(lines[0].strip()):
        return byline.group(1)
    return next((m.group(1).strip() for line in lines[-3:] if (m := _AUTHOR.match(line.strip()))), None)


def _capture_date(file: Path, captured: str | None) -> dt.date:
    """--captured, else the saved file's modification date; not after today."""
    if captured is None:
        return dt.datetime.fromtimestamp(file.stat().st_mtime, dt.timezone.utc).date()
    try:
        day = dt.date.fromisoformat(captured)
    except ValueError:
        raise ArchiveError(file, f"--captured {captured}: not a day written YYYY-MM-DD") from None
    if day > dt.date.today():
        raise ArchiveError(file, f"--captured {captured}: a day after today")
    return day


def _id_from(file: Path, text: str) -> str:
    stem = re.sub(r"[^a-z0-9]+", "-", file.stem.lower()).strip("-")
    return stem if ID_PATTERN.match(stem) and not stem.isdigit() else \
        "source-" + hashlib.sha256(text.encode()).hexdigest()[:8]


def _front_matter(fields: dict, page: WebPage | None) -> str:
    dumped = yaml.safe_dump({k: v for k, v in fields.items() if v is not None or k in
                             ("date", "publisher", "author", "url")},
                            allow_unicode=True, sort_keys=False, width=1000)
    origin = ("title, author, publisher, date and url: from the saved page (trafilatura); "
              "captured: the page as saved, kept as original.html (not published as HTML).\n"
              if page else "title: the first line when it is a headline, otherwise supplied (title_supplied: true).\n")
    notes = ("# Pre-filled by `python -m build_tools add`: review every field, then run `make check`.\n"
             f"# {origin}"
             "# kind: guessed from the text's form. Unknown fields are null until you fill them in.\n")
    if page and page.later_date:
        notes += (f"# date: the page's metadata gives {page.later_date}, after the day it was captured "
                  f"({fields['captured']['date']}): not used. If the page was saved later, add it again "
                  "with --captured.\n")
    return "---\n" + notes + dumped


def _guess_kind(found: Extraction, text: str) -> str:
    if found.signatories:
        return "joint-statement"
    if _AUTHOR.match(text.strip().split("\n")[-1].strip()):
        return "opinion"
    if _FIRST_PERSON_PLURAL.search(normalize(text)) and "بيان" in text:
        return "official-statement"
    return "news-report"


def _review(found: Extraction) -> str:
    """What extraction found, as comments: it is recomputed at every build, so nothing here is frozen."""
    lines = []
    known = found.organisation_ids
    if found.signatories:
        lines.append(f"# signatories found ({len(found.signatories)}): {', '.join(known) or '-'}")
        lines += [f"#   not in data/organisations.yml: {s.paragraph.text}" for s in found.unknown_signatories]
    actors = sorted({m.actor_id for m in found.mentions})
    lines.append(f"# actors named: {', '.join(actors) or '-'}")
    lines += [f"# possible name not in the registry: {c.name} (paragraph {c.paragraph.number}; "
              f"{', '.join(c.evidence)})" for c in found.candidates]
    if found.demands:
        lines.append(f"# demands found: {len(found.demands)}")
    return "\n".join(lines) + "\n"
