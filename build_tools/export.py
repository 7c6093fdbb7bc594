"""The archive as open data: one JSON file with everything, and CSV tables for
spreadsheets (sources, signatures, organisations, actors, mentions, demands,
dates). Rows are in a fixed order and carry no build time, so unchanged
sources give byte-identical files.

The CSVs are made for spreadsheets: they start with a UTF-8 byte-order mark (without
it Excel reads the Arabic as Latin-1), and a cell that a spreadsheet would run as a
formula (starting with = + - @, a tab or a carriage return) is prefixed with a single
quote, as OWASP advises against CSV injection. The JSON keeps every text exactly."""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator

from .cache import JsonStore
from .corpus import Corpus
from .layout import page_url
from .project import SOURCE_LANGUAGE
from .sources import Localized, Source

BOM = "\ufeff"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _localized(value: Localized | None) -> dict | None:
    return dict(value.texts) if value else None


def _source_record(corpus: Corpus, source: Source, site_url: str) -> dict:
    memory = corpus.memories[source.id]
    paragraphs = [{"number": p.number, "anchor": p.anchor, "ar": p.text, **_english("en", memory.get(p.key))}
                  for p in source.paragraphs]
    return {
        "id": source.id,
        "permalink": site_url.rstrip("/") + "/" + page_url(SOURCE_LANGUAGE, f"sources/{source.id}"),
        "title": source.title,
        "title_supplied": source.title_supplied,
        **_english("title_en", memory.get(source.title_key)),
        "date": source.date.iso() if source.date else None,
        "date_note": _localized(source.date_note),
        "kind": source.kind,
        "publisher": _localized(source.publisher),
        "author": _localized(source.author),
        "url": source.url,
        "other_versions": [vars(v) for v in source.other_versions],
        "added": source.added.iso() if source.added else None,
        "notes": _localized(source.notes),
        "text_sha256": source.text_sha256,
        "paragraphs": paragraphs,
    }


def _english(name: str, entry) -> dict:
    """An English text with what the pages say of it: who or what produced it (origin, model,
    reviewer), whether it may be incomplete, and whether it translates an earlier Arabic."""
    return {name: entry.en if entry else None, f"{name}_origin": entry.origin if entry else "pending",
            f"{name}_model": entry.model if entry else None, f"{name}_reviewed_by": entry.reviewed_by if entry else None,
            f"{name}_truncated": bool(entry and entry.truncated),
            f"{name}_translates_earlier": entry.translates_earlier["noticed"] if entry and entry.translates_earlier
            else None}


SOURCE_TABLES = ("sources", "signatures", "mentions", "demands", "dates")  # rows made from one source each
REGISTRY_TABLES = ("organisations", "actors")


def source_tables(corpus: Corpus, source: Source, site_url: str) -> dict[str, list[dict]]:
    """The rows ``source`` gives each of SOURCE_TABLES."""
    found = corpus.extractions[source.id]
    return {
        "sources": [_source_record(corpus, source, site_url)],
        "signatures": [{"source": source.id, "organisation": s.organisation,
                        "as_written": s.paragraph.text if s.paragraph else None} for s in found.signatories],
        "mentions": [{"source": source.id, "actor": m.actor_id, "paragraph": m.paragraph.number,
                      "anchor": m.paragraph.anchor, "as_written": m.matched} for m in found.mentions],
        "demands": [{"source": source.id, "paragraph": d.paragraph.number, "anchor": d.paragraph.anchor,
                     "addressees": list(d.addressees), "demanded_by": d.speaker,
                     "demanded_by_as_written": d.speaker_text, "asked_as_written": d.asked,
                     "ar": d.paragraph.text} for d in found.demands],
        "dates": [{"source": source.id, "date": d.date.iso(), "as_written": d.matched,
                   "paragraph": d.paragraph.number, "anchor": d.paragraph.anchor} for d in found.dates],
    }


def registry_tables(corpus: Corpus) -> dict[str, list[dict]]:
    """The rows of REGISTRY_TABLES (who signed what is in them: they change with the corpus)."""
    reg = corpus.registry
    return {
        "organisations": [{"id": o.id, "ar": o.ar, "en": o.en, "en_source": o.en_source,
                           "aliases": list(o.aliases), "description": _localized(o.description),
                           "links": list(o.links),
                           "signed": [s.id for s in corpus.signed.get(o.id, [])]}
                          for o in reg.organisations.values()],
        "actors": [{"id": a.id, "type": a.type, "ar": a.ar, "en": a.en, "aliases": list(a.aliases),
                    "description": _localized(a.description), "links": list(a.links)}
                   for a in reg.actors.values()],
    }


def export_files(corpus: Corpus, site_url: str, store: JsonStore | None = None,
                 key: Callable[[Source], str] | None = None) -> Iterator[tuple[str, str]]:
    """(file name, content) of one CSV per table (lists joined with ';', nested as JSON), then of
    archive.json, one at a time: together they are tens of MB at 1,000 sources.

    With ``store`` (build/cache/export/), a source's rows, as written in both formats, are taken
    from the last build when ``key(source)`` is the same: at 1,000 sources writing the rows is
    most of the time the downloads take, and a rebuild after one edit writes one source's."""
    written: dict[str, list[dict]] = {name: [] for name in SOURCE_TABLES + REGISTRY_TABLES}
    for source in corpus.sources:
        entry = store.get(source.id, key(source)) if store else None
        if not _well_formed(entry):  # missing, stale, or damaged by hand: made again
            entry = {name: _written(rows) for name, rows in source_tables(corpus, source, site_url).items()}
            if store:
                store.put(source.id, key(source), entry)
        for name in SOURCE_TABLES:
            if entry[name]["json"]:
                written[name].append(entry[name])
    for name, rows in registry_tables(corpus).items():
        written[name].append(_written(rows))
    tables = []
    for name in list(written):  # a table at a time, each let go once written
        parts = written.pop(name)
        lines = ",\n".join(w["json"] for w in parts if w["json"])
        tables.append(json.dumps(name) + ": [" + ("\n" if lines else "") + lines + "]")
        header = _csv_lines([next((w["fields"] for w in parts if w["json"]), ["id"])])
        yield f"{name}.csv", BOM + header + "".join(w["csv"] for w in parts)
    yield "archive.json", "{\n" + ",\n".join(tables) + "\n}\n"


def _written(rows: list[dict]) -> dict:
    """Rows as the downloads write them: one JSON object per line (json's C encoder: an indented
    dump goes through its pure-Python one, which took seconds at 1,000 sources), the CSV lines, and
    the CSV's fields. Each as one string: tens of thousands of small ones take far more memory."""
    return {"json": ",\n".join(json.dumps(row, ensure_ascii=False) for row in rows),
            "csv": _csv_lines([[_cell(v) for v in row.values()] for row in rows]),
            "fields": list(rows[0]) if rows else []}


def _well_formed(entry) -> bool:
    return isinstance(entry, dict) and all(
        isinstance(w := entry.get(name), dict) and isinstance(w.get("json"), str) and isinstance(w.get("csv"), str)
        and isinstance(w.get("fields"), list) for name in SOURCE_TABLES)


def _csv_lines(rows: list[list]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows(rows)
    return out.getvalue()


def _cell(value) -> str:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        text = ";".join(value)
    elif isinstance(value, (list, dict)):
        text = json.dumps(value, ensure_ascii=False)
    else:
        text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text
