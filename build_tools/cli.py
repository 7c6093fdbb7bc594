"""Command line: ``python -m build_tools COMMAND``.

    build      validate, machine-translate what is missing (if a model is installed), build site/
    check      validate sources, memories and registry; list names not in the registry; write nothing
    add        make a new source from a raw Arabic text or a saved web page, front-matter pre-filled for review
    translate  machine-translate what is missing in the translation memories
    model      install the ar->en Argos Translate model, or say which is installed

Bad input ends with one line on stderr naming the file (and line), exit status 1.
"""
from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
from contextlib import nullcontext
from pathlib import Path

from .corpus import load_corpus
from .errors import ArchiveError
from .ingest import add_source
from .project import Project
from .site import build_site, check, lock
from .sources import segment_key
from .translate import engine as engine_module
from .translate import plan, translate_corpus
from .translate.install import install_from_file, install_from_index, interrupted_installs


def _build(project: Project, args) -> None:
    site = build_site(project, strict=args.strict, publishing=args.publish)
    print(f"built {project.relative(site)}/")


def _translate(project: Project, args) -> None:
    # One run at a time with builds and other runs (a dry run writes nothing and need not wait):
    # the memories are loaded once the run before has saved them.
    with nullcontext() if args.dry_run else lock(project):
        corpus = load_corpus(project, extracted=False)  # every source and memory checked; nothing to extract
        unknown = sorted(set(args.sources) - {s.id for s in corpus.sources})
        if unknown:
            raise ArchiveError(project.relative(project.sources_dir), f"no source with id {', '.join(unknown)}")
        engine = engine_module.find_engine()  # in a dry run too: a broken model is an error there as well
        if args.dry_run:
            print(plan(corpus, engine and engine.model, args.sources or None, refresh=args.refresh).line())
            return
        if engine is None:
            raise ArchiveError(engine_module.packages_dir(), "no ar->en model installed: "
                               "run python -m build_tools model install --from FILE")
        summary = translate_corpus(corpus, engine, args.sources or None, refresh=args.refresh)
        print(f"{engine.name}, model {engine.model}: {summary.line()}")


def _model(project: Project, args) -> None:
    if args.file and args.action != "install":
        raise ArchiveError(args.file, "--from is for model install (model status takes no file)")
    if args.action == "install":
        before = {p.package_path: engine_module.describe(p) for p in engine_module.installed_packages()}
        package = install_from_file(Path(args.file)) if args.file else install_from_index()
        replaced, now = before.get(package.package_path), engine_module.describe(package)
        print(f"already installed: {now} in {package.package_path} (installed again)" if replaced == now else
              f"installed {now} in {package.package_path}" + (f", replacing {replaced}" if replaced else ""))
        in_use = engine_module.installed_packages()[0]
        if in_use.package_path != package.package_path:
            print(f"not in use: translate uses the newest version, {engine_module.describe(in_use)} "
                  f"({in_use.package_path}); remove that folder to use this one")
        return
    packages = engine_module.installed_packages()
    print(f"packages folder: {engine_module.packages_dir()}")
    if not packages:
        print("no ar->en model installed: English pages show untranslated text as 'Translation pending'")
    for i, p in enumerate(packages):
        print(f"{'in use' if i == 0 else 'also  '}: {engine_module.describe(p)} ({p.package_path})")
    for leftover in interrupted_installs():
        print(f"left by an interrupted install: {leftover} (not used; the next model install removes it)")
    if packages:  # loaded as translate would load it: a package broken since it was installed is one error line
        engine_module.ArgosEngine(packages[0], inter_threads=1)


def _check(project: Project, args) -> None:
    corpus = check(project)
    for found in corpus.extractions.values():
        _report(project, found)
    for source in corpus.sources:
        _report_translations(project, corpus.memories[source.id], source)
    print(f"{len(corpus.sources)} sources OK")


def _report_translations(project: Project, memory, source) -> None:
    """Warnings for the maintainer: reviewed English of an earlier Arabic, machine output (or a machine
    proposal beside reviewed English) that looks cut off, a proposal left after its update."""
    shown = project.relative(memory.path)
    for arabic in dict.fromkeys(source.segments):
        entry = memory.get(segment_key(arabic))
        if entry is None:
            continue
        where = f"warning: {shown}:{memory.lines.get(entry.key, 1)}:"
        if entry.translates_earlier:
            todo = ("the next build moves it to the new Arabic (still shown, labelled as of the earlier version); "
                    "then update 'en' and delete translates_earlier" if entry.key in memory.moved else
                    "update 'en' (a machine proposal is beside it) and delete translates_earlier and proposal")
            print(f"{where} outdated: this {entry.shown_origin} English translates an earlier version of the "
                  f"Arabic (changed {entry.translates_earlier['noticed']}); {todo}"
                  + ("; it is yours now: set origin: maintainer with translator, and delete the machine fields"
                     if entry.origin == "machine" else ""), file=sys.stderr)
        if entry.truncated:
            print(f"{where} machine translation looks truncated; check it against the Arabic", file=sys.stderr)
        if entry.proposal and entry.proposal.get("truncated"):
            print(f"{where} the machine proposal looks truncated; translate from the Arabic itself", file=sys.stderr)
        if entry.proposal and not entry.translates_earlier:
            print(f"{where} a machine proposal is left without translates_earlier: 'en' translates the current "
                  "Arabic, so delete the proposal", file=sys.stderr)


def _add(project: Project, args) -> None:
    path, found = add_source(project, Path(args.file), args.id, url=args.url, captured=args.captured)
    _report(project, found)
    print(f"added {project.relative(path)}: review its front-matter, then run `make check`")


def _report(project: Project, found) -> None:
    """Warnings for the maintainer: what extraction saw but the registry does not know."""
    shown = project.relative(found.source.path)
    for s in found.unknown_signatories:
        print(f"warning: {shown}:{s.paragraph.line}: signatory not in data/organisations.yml: {s.paragraph.text}",
              file=sys.stderr)
    for c in found.candidates:  # best evidence first, each with the line it was seen in
        print(f"warning: {shown}:{c.paragraph.line}: possible name not in the registry: {c.name} "
              f"({'; '.join(c.evidence)})\n    in: {c.context}", file=sys.stderr)


# What Ctrl-C leaves of a run that translates: memories are saved up to the last finished segment
# (translate/__init__.py) and site/ keeps the last good build.
_RESUMABLE = "what was finished is saved; run the same command again to continue"


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m build_tools", description=__doc__.split("\n")[0])
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    build = sub.add_parser("build", help="build the site into site/")
    build.add_argument("--strict", action="store_true",
                       help="fail instead of building 'translation pending' boxes when no model is installed")
    build.add_argument("--publish", action="store_true",
                       help="a build for the public site: refuse a local site address (set ARCHIVE_SITE_URL)")
    build.set_defaults(run=_build, interrupted=_RESUMABLE)
    sub.add_parser("check", help="validate sources without building").set_defaults(run=_check)
    add = sub.add_parser("add", help="add a raw Arabic text or a saved web page as a new source")
    add.add_argument("file", help="a saved web page (HTML), or a UTF-8 text file with one paragraph per line")
    add.add_argument("--id", help="the new source's permanent id (default: from the file name)")
    add.add_argument("--url", help="the address the page was saved from (default: the page's own canonical address)")
    add.add_argument("--captured", metavar="YYYY-MM-DD",
                     help="when the page was saved (default: the file's modification date)")
    add.set_defaults(run=_add)
    translate = sub.add_parser("translate", help="machine-translate what is missing")
    translate.add_argument("sources", nargs="*", metavar="SOURCE", help="source ids (default: all)")
    translate.add_argument("--refresh", action="store_true",
                           help="also translate again the unreviewed machine entries made by another model")
    translate.add_argument("--dry-run", action="store_true",
                           help="only say how many segments the run would translate (and --refresh again); "
                                "write nothing")
    translate.set_defaults(run=_translate, interrupted=_RESUMABLE)
    model = sub.add_parser("model", help="install or show the ar->en translation model")
    model.add_argument("action", choices=["install", "status"])
    model.add_argument("--from", dest="file", metavar="FILE",
                       help="a local .argosmodel file (default: download from the Argos index)")
    model.set_defaults(run=_model, interrupted="nothing was installed")
    return p


def _stop_once(signum, frame):
    """The first Ctrl-C stops the command; the ones after it are ignored, so that an impatient second
    press cannot cut short the saving of what was finished, nor end in a traceback from the
    interpreter's exit (a batch in progress may take seconds to end on a real model)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    signal.signal(signal.SIGINT, _stop_once)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life banner, see README
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s - %(message)s")
    try:
        args.run(Project.find(), args)
    except ArchiveError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    except OSError as e:  # a read-only folder, a full disk: the system's words, with the path
        print(f"error: {e.filename or Path.cwd()}: {e.strerror or e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt as e:  # what each command keeps: see the parser's `interrupted`, unless it says
        print(f"interrupted: {e.args[0] if e.args else getattr(args, 'interrupted', 'nothing was changed')}",
              file=sys.stderr)
        return 130
    return 0
