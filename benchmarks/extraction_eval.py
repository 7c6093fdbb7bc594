"""Extraction measured on real Arabic pages the archive has never seen (benchmarks/eval/).

Each annotated passage is run through the archive's extraction (build_tools.extract.extract)
as a one-source text dated with its page's publication date (as `add` dates a saved page),
and compared with the hand annotations. It prints four figures:

- actors: precision and recall of the actor ids named in each passage. The registry is
  data/actors.yml plus the eval's `new_entities` not already in it (as if a maintainer had
  accepted those proposals; a one-definite-word alias of theirs, such as العكيدات, is taken
  as a proper name). Following the annotation convention "longest name wins", a mention lying
  inside a longer mention of another actor (دير الزور in مجلس دير الزور العسكري) is not
  counted. Ids the annotators list under actors_context are neither required nor false.
  The figure with the registry alone (new-entity ids left out of the gold) is printed too.
- dates: the share of annotated dates found in their passage with the same value (the day
  included), and how many dates were found that are not annotated.
- prose demands: the share of annotated demands for which the passage has a demand with
  the same set of addressees; with the same speaker too, for information. The annotations give
  the reported speaker also when only an earlier paragraph names it ("وطالب ميليشيات قسد بـ ..."
  after a paragraph on al-Hifl), so for demands each passage is read after the page's earlier
  passages, as the page's text, and the demands found in the passage itself are compared.
  (Until 2026-11-27 each passage was read alone, which made such speakers unreachable.)
- new names: with the registry alone, the share of annotated new names proposed as
  candidates, and the share of proposals that are not annotated new names (noise). A
  proposal and a name agree when, without attached و ف ب ل ك and diacritics, one's words
  are a contiguous part of the other's. Annotated new names that data/ now holds (the
  annotators' registry lacked the UN, OCHA, SNHR, SOHR) are no longer new: they are left out.

Usage: .venv/bin/python benchmarks/extraction_eval.py [SET] [--verbose]
SET is an annotated set, benchmarks/eval/pages.yml by default. Each set was measured once
before anything was tuned on it (the figure in benchmarks/eval/README.md); all are tuning
material now.
"""
from __future__ import annotations

import argparse
import hashlib
import sys
from dataclasses import replace
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from build_tools.dates import PartialDate  # noqa: E402
from build_tools.extract import dismissed_names, extract  # noqa: E402
from build_tools.normalize import DEFINITE, name_tokens, prefixed_forms  # noqa: E402
from build_tools.project import Project  # noqa: E402
from build_tools.registry import Entity, Registry, load_registry  # noqa: E402
from build_tools.sources import Paragraph, Source  # noqa: E402

EVAL = ROOT / "benchmarks/eval/pages.yml"


def passage_source(page: dict, n: int, quote: str) -> Source:
    """The passage as a one-source text; several passages (joined with newlines) make one text."""
    lines = [line.strip() for line in quote.split("\n") if line.strip()]
    paragraphs = tuple(Paragraph(i + 1, line, i + 1, False, f"p{i}") for i, line in enumerate(lines))
    date = PartialDate.parse(page["published"]) if page.get("published") else None
    return Source(id=f"eval-{n}", title=lines[0], title_supplied=True, date=date, date_note=None,
                  kind=page.get("kind", "news-report"), publisher=None, author=None, url=None, other_versions=(),
                  added=None, notes=None, paragraphs=paragraphs, folder=ROOT / "build" / "eval",
                  text_sha256=hashlib.sha256(quote.encode()).hexdigest())


def with_new_entities(registry: Registry, new: list[dict]) -> Registry:
    actors = dict(registry.actors)
    for e in new:
        if e["id"] in actors:
            continue
        aliases = tuple(e.get("aliases") or ())
        contexts = tuple((a, "proper-name") for a in aliases
                         if len(name_tokens(a)) == 1 and name_tokens(a)[0].startswith(DEFINITE))
        actors[e["id"]] = Entity(e["id"], e["ar"], e["en"], aliases, type=e["type"], contexts=contexts)
    return replace(registry, actors=actors)


def outermost(mentions) -> set[str]:
    """Actor ids of the mentions not inside a longer mention of another actor."""
    return {m.actor_id for m in mentions if not any(
        o.paragraph is m.paragraph and o.actor_id != m.actor_id and o.start <= m.start and m.end <= o.end
        and (o.end - o.start) > (m.end - m.start) for o in mentions)}


def words(name: str) -> list[tuple[str, ...]]:
    """The name's words, with its first word as written and without what may be attached to it:
    "للأمم المتحدة" -> "الامم المتحده"; "فرات بوست" stays (its ف is no conjunction). Until
    2026-11-27 only the shortest form was kept, so "فرات بوست" and "شبكة فرات بوست" never agreed."""
    tokens = name_tokens(name)
    return [(form, *tokens[1:]) for form in prefixed_forms(tokens[0]) if form] if tokens else []


def same_name(a: str, b: str) -> bool:
    for x in words(a):
        for y in words(b):
            short, long = sorted((x, y), key=len)
            if any(long[i:i + len(short)] == short for i in range(len(long) - len(short) + 1)):
                return True
    return False


def known(registry: Registry, name: str) -> bool:
    """Whether the registry's names cover the whole of ``name``."""
    for matcher in (registry.actor_names, registry.organisation_names):
        if any(m.end - m.start >= len(name.strip()) - 2 for m in matcher.find(name.strip())):
            return True
    return False


def ratio(a: int, b: int) -> str:
    return f"{a / b:.3f} ({a}/{b})" if b else "n/a (0/0)"


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    args.add_argument("set", nargs="?", type=Path, default=EVAL, help="annotated set (default: %(default)s)")
    args.add_argument("--verbose", action="store_true", help="list every miss and false hit")
    options = args.parse_args()
    verbose, eval_set = options.verbose, options.set.resolve()
    data = yaml.safe_load(eval_set.read_text(encoding="utf-8"))
    project = Project(ROOT)
    base = load_registry(project)
    full = with_new_entities(base, data["new_entities"])
    new_ids = {e["id"] for e in data["new_entities"]} - set(base.actors)
    dismissed = dismissed_names(project)
    c = dict(tp=0, fp=0, fn=0, tp_r=0, fp_r=0, fn_r=0, dates=0, dates_ok=0, dates_extra=0,
             demands=0, demands_ok=0, speakers_ok=0, names=0, names_ok=0, proposals=0, noise=0)

    def log(*parts):
        if verbose:
            print("  ", *parts)

    n = 0
    for page in data["pages"]:
        for k, passage in enumerate(page["passages"]):
            n += 1
            source = passage_source(page, n, passage["quote"])
            found = extract(project, source, full, dismissed)
            earlier = "\n".join(q["quote"] for q in page["passages"][:k])
            read_on = extract(project, passage_source(page, n, earlier + "\n" + passage["quote"]), full, dismissed)
            own = {p.number for p in read_on.source.paragraphs[-len(source.paragraphs):]}
            demands = [d for d in read_on.demands if d.paragraph.number in own]
            alone = extract(project, source, base, dismissed)
            gold, context = set(passage.get("actors") or ()), set(passage.get("actors_context") or ())
            for hits, g, key in ((outermost(found.mentions), gold, ""),
                                 (outermost(alone.mentions), gold - new_ids, "_r")):
                hits = hits - (context - g)
                c["tp" + key] += len(hits & g)
                c["fp" + key] += len(hits - g)
                c["fn" + key] += len(g - hits)
                if not key and hits != g:
                    log(f"#{n} actors extra {sorted(hits - g)} missed {sorted(g - hits)}")
            written = [d.date.iso() for d in found.dates]
            for d in passage.get("dates") or ():
                c["dates"] += 1
                ok = str(d["date"]) in written
                c["dates_ok"] += ok
                if not ok:
                    log(f"#{n} date missed {d['as_written']} = {d['date']}; found {written}")
            c["dates_extra"] += len(set(written) - {str(d["date"]) for d in passage.get("dates") or ()})
            for d in passage.get("demands") or ():
                c["demands"] += 1
                speakers = set(d["speaker"]) if isinstance(d["speaker"], list) else {d["speaker"]}
                match = [f for f in demands if set(f.addressees) == set(d["addressees"] or ())]
                c["demands_ok"] += bool(match)
                c["speakers_ok"] += any(f.speaker in speakers for f in match)
                if not match:
                    log(f"#{n} demand missed {d['as_written']!r} -> {d['addressees']}; found "
                        f"{[(f.speaker or f.speaker_text, f.addressees) for f in demands]}")
                elif not any(f.speaker in speakers for f in match):
                    log(f"#{n} demand's speaker missed {d['as_written']!r}: {sorted(speakers)}; found "
                        f"{[f.speaker or f.speaker_text for f in match]}")
            names = [g for g in passage.get("new_names") or () if not known(base, g)]
            proposals = [x.name for x in alone.candidates]
            c["names"] += len(names)
            c["names_ok"] += sum(any(same_name(g, p) for p in proposals) for g in names)
            c["proposals"] += len(proposals)
            noise = [p for p in proposals if not any(same_name(g, p) for g in names)]
            c["noise"] += len(noise)
            if noise or len(names) > sum(any(same_name(g, p) for p in proposals) for g in names):
                log(f"#{n} names {names} proposals {proposals} noise {noise}")

    shown = eval_set.relative_to(ROOT) if eval_set.is_relative_to(ROOT) else eval_set
    print(f"evaluation set: {shown}: {len(data['pages'])} pages, {n} passages")
    print(f"actors (registry + eval new_entities): precision {ratio(c['tp'], c['tp'] + c['fp'])}, "
          f"recall {ratio(c['tp'], c['tp'] + c['fn'])}")
    print(f"actors (registry alone):               precision {ratio(c['tp_r'], c['tp_r'] + c['fp_r'])}, "
          f"recall {ratio(c['tp_r'], c['tp_r'] + c['fn_r'])}")
    print(f"dates found with the right value: {ratio(c['dates_ok'], c['dates'])}; "
          f"dates found that are not annotated: {c['dates_extra']}")
    print(f"prose demands with the right addressees: {ratio(c['demands_ok'], c['demands'])}; "
          f"and the right speaker: {ratio(c['speakers_ok'], c['demands'])}")
    print(f"new names proposed: {ratio(c['names_ok'], c['names'])}; "
          f"proposals that are noise: {ratio(c['noise'], c['proposals'])}")


if __name__ == "__main__":
    main()
