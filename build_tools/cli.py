"""Command line: ``python -m build_tools COMMAND``.

    build   validate the sources, generate the pages and build the site into site/
    check   validate sources, memories and registry; list names not in the registry; write nothing
    add     make a new source from a raw Arabic text file, front-matter pre-filled for review

Bad input ends with one line on stderr naming the file (and line), exit status 1.
"""
from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from .errors import ArchiveError
from .ingest import add_source
from .project import Project
from .site import build_site, check


def _build(project: Project, args) -> None:
    site = build_site(project)
    print(f"built {project.relative(site)}/")


def _check(project: Project, args) -> None:
    corpus = check(project)
    for found in corpus.extractions.values():
        _report(project, found)
    print(f"{len(corpus.sources)} sources OK")


def _add(project: Project, args) -> None:
    path, found = add_source(project, Path(args.file), args.id)
    _report(project, found)
    print(f"added {project.relative(path)}: review its front-matter, then run `make check`")


def _report(project: Project, found) -> None:
    """Warnings for the maintainer: what extraction saw but the registry does not know."""
    shown = project.relative(found.source.path)
    for s in found.unknown_signatories:
        print(f"warning: {shown}:{s.paragraph.line}: signatory not in data/organisations.yml: {s.paragraph.text}",
              file=sys.stderr)
    for c in found.candidates:
        print(f"warning: {shown}:{c.paragraph.line}: possible name not in the registry: {c.name}", file=sys.stderr)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m build_tools", description=__doc__.split("\n")[0])
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    sub.add_parser("build", help="build the site into site/").set_defaults(run=_build)
    sub.add_parser("check", help="validate sources without building").set_defaults(run=_check)
    add = sub.add_parser("add", help="add a raw Arabic text file as a new source")
    add.add_argument("file", help="UTF-8 text file, one paragraph per line")
    add.add_argument("--id", help="the new source's permanent id (default: from the file name)")
    add.set_defaults(run=_add)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life banner, see README
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s - %(message)s")
    try:
        args.run(Project.find(), args)
    except ArchiveError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    return 0
