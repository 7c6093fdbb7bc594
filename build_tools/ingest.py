"""`python -m build_tools add FILE`: turn a raw Arabic text into a new source.

The front-matter is pre-filled from what extraction finds, and every guess is
marked as one in a comment for the maintainer to review: a title (the first
line, when it is short), a date (the latest date the text mentions, a lower
bound for publication), a kind, and the signatories, actors and possible new
names found. Nothing is written unless the new source loads and validates.
"""
from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import yaml

from .errors import ArchiveError
from .extract import Extraction, dismissed_names, extract
from .files import MAX_SOURCE_BYTES, read_text
from .normalize import normalize, tokenize
from .project import Project
from .registry import load_registry
from .sources import ID_PATTERN, SOURCE_FILE, load_source, load_sources

TITLE_MAX_WORDS = 25
_AUTHOR = re.compile(r"^(?:اعداد وتحرير|إعداد وتحرير|بقلم|كتبه|اعداد|إعداد)\s*:?\s*(.+)$")
_FIRST_PERSON_PLURAL = re.compile(r"(^| )(ندعو|نطالب|نؤكد|نعلن|نجدد|نحن)( |$)")


def add_source(project: Project, file: Path, source_id: str | None) -> tuple[Path, Extraction]:
    text = read_text(file, file, limit=MAX_SOURCE_BYTES).removeprefix("\ufeff").replace("\r\n", "\n").strip()
    if not text:
        raise ArchiveError(file, "the file is empty")
    source_id = source_id or _id_from(file, text)
    if not ID_PATTERN.match(source_id):
        raise ArchiveError(file, f"id {source_id!r} is not lower-case letters, digits and single hyphens; "
                                 "give one with --id")
    taken = {s.id for s in load_sources(project)}
    folder = project.sources_dir / source_id
    if source_id in taken or folder.exists():
        raise ArchiveError(file, f"a source with id {source_id!r} already exists; choose another with --id")

    folder.mkdir(parents=True)
    try:
        path = folder / SOURCE_FILE
        lines = text.split("\n")
        path.write_text(_front_matter(source_id, lines, kind="news-report", date=None) + "---\n" + text + "\n",
                        encoding="utf-8")
        registry, dismissed = load_registry(project), dismissed_names(project)
        found = extract(project, load_source(project, folder), registry, dismissed)
        date = max((d.date for d in found.dates), key=lambda d: d.sort_key(), default=None)
        path.write_text(_front_matter(source_id, lines, _guess_kind(found, text), date) + _review(found)
                        + "---\n" + text + "\n", encoding="utf-8")
        return path, extract(project, load_source(project, folder), registry, dismissed)  # the final file
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise


def _id_from(file: Path, text: str) -> str:
    stem = re.sub(r"[^a-z0-9]+", "-", file.stem.lower()).strip("-")
    return stem if ID_PATTERN.match(stem) and not stem.isdigit() else \
        "source-" + hashlib.sha256(text.encode()).hexdigest()[:8]


def _front_matter(source_id: str, lines: list[str], kind: str, date) -> str:
    first = lines[0].strip()
    short_first_line = len(tokenize(first)) <= TITLE_MAX_WORDS and not first.startswith("- ")
    author = next((m.group(1).strip() for line in lines[-3:] if (m := _AUTHOR.match(line.strip()))), None)
    fields = {
        "id": source_id,
        "title": first if short_first_line else " ".join(first.split()[:12]) + "…",
        "title_supplied": not short_first_line,
        "date": date.iso() if date else None,
        "date_note": (f"Guessed by `add`: the latest date the text mentions ({date.iso()}); "
                      "publication is on or after it. Review." if date else None),
        "kind": kind,
        "publisher": None,
        "author": author,
        "url": None,
    }
    dumped = yaml.safe_dump({k: v for k, v in fields.items() if v is not None or k in
                             ("date", "publisher", "author", "url")},
                            allow_unicode=True, sort_keys=False, width=1000)
    notes = ("# Pre-filled by `python -m build_tools add`: review every field, then run `make check`.\n"
             "# title: the first line when short, otherwise a supplied title (title_supplied: true).\n"
             "# kind: guessed from the text's form. publisher, url: unknown until you fill them in.\n")
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
    lines += [f"# possible name not in the registry: {c.name} (paragraph {c.paragraph.number})"
              for c in found.candidates]
    if found.demands:
        lines.append(f"# demands found: {len(found.demands)}")
    return "\n".join(lines) + "\n"
