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
    title = memory.get(source.title_key)
    paragraphs = []
    for p in source.paragraphs:
        entry = memory.get(p.key)
        paragraphs.append({"number": p.number, "anchor": p.anchor, "ar": p.text,
                           "en": entry.en if entry else None, "en_origin": entry.origin if entry else "pending"})
    return {
        "id": source.id,
        "permalink": site_url.rstrip("/") + "/" + page_url(SOURCE_LANGUAGE, f"sources/{source.id}"),
        "title": source.title,
        "title_supplied": source.title_supplied,
        "title_en": title.en if title else None,
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


def tables(corpus: Corpus, site_url: str) -> dict[str, list[dict]]:
    """Every record of the archive, as named tables of flat rows (the JSON nests nothing else)."""
    reg = corpus.registry
    rows: dict[str, list[dict]] = {
        "sources": [_source_record(corpus, s, site_url) for s in corpus.sources],
        "signatures": [], "mentions": [], "demands": [], "dates": [],
        "organisations": [{"id": o.id, "ar": o.ar, "en": o.en, "en_source": o.en_source,
                           "aliases": list(o.aliases), "links": list(o.links),
                           "signed": [s.id for s in corpus.signed.get(o.id, [])]}
                          for o in reg.organisations.values()],
        "actors": [{"id": a.id, "type": a.type, "ar": a.ar, "en": a.en, "aliases": list(a.aliases),
                    "description": _localized(a.description), "links": list(a.links)}
                   for a in reg.actors.values()],
    }
    for source in corpus.sources:
        found = corpus.extractions[source.id]
        rows["signatures"] += [{"source": source.id, "organisation": s.organisation,
                                "as_written": s.paragraph.text if s.paragraph else None}
                               for s in found.signatories]
        rows["mentions"] += [{"source": source.id, "actor": m.actor_id, "paragraph": m.paragraph.number,
                              "anchor": m.paragraph.anchor, "as_written": m.matched}
                             for m in found.mentions]
        rows["demands"] += [{"source": source.id, "paragraph": d.paragraph.number, "anchor": d.paragraph.anchor,
                             "addressees": list(d.addressees), "ar": d.paragraph.text}
                            for d in found.demands]
        rows["dates"] += [{"source": source.id, "date": d.date.iso(), "as_written": d.matched,
                           "paragraph": d.paragraph.number, "anchor": d.paragraph.anchor}
                          for d in found.dates]
    return rows


def export_files(corpus: Corpus, site_url: str) -> dict[str, str]:
    """{file name: content}: archive.json and one CSV per table (lists joined with ';', nested as JSON)."""
    data = tables(corpus, site_url)
    files = {"archive.json": _json_document(data)}
    for name, rows in data.items():
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(rows[0]) if rows else ["id"], lineterminator="\r\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _cell(v) for k, v in row.items()})
        files[f"{name}.csv"] = BOM + out.getvalue()
    return files


def _json_document(data: dict[str, list[dict]]) -> str:
    """{"table": [row, ...], ...} with one row per line: readable and diffable, and each row
    made by json's C encoder (an indented dump goes through its pure-Python one, which took
    seconds at 1,000 sources)."""
    tables = [json.dumps(name) + ": [" + ("\n" if rows else "")
              + ",\n".join(json.dumps(row, ensure_ascii=False) for row in rows) + "]"
              for name, rows in data.items()]
    return "{\n" + ",\n".join(tables) + "\n}\n"


def _cell(value) -> str:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        text = ";".join(value)
    elif isinstance(value, (list, dict)):
        text = json.dumps(value, ensure_ascii=False)
    else:
        text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text
