"""Command line: ``python -m build_tools COMMAND``.

    build   validate the sources, generate the pages and build the site into site/
    check   validate the sources and translation memories; write nothing

Bad input ends with one line on stderr naming the file (and line), exit status 1.
"""
from __future__ import annotations

import argparse
import logging
import os
import sys

from .errors import ArchiveError
from .project import Project
from .site import build_site, check


def _build(project: Project, args) -> None:
    site = build_site(project)
    print(f"built {project.relative(site)}/")


def _check(project: Project, args) -> None:
    sources = check(project)
    print(f"{len(sources)} sources OK")


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m build_tools", description=__doc__.split("\n")[0])
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    sub.add_parser("build", help="build the site into site/").set_defaults(run=_build)
    sub.add_parser("check", help="validate sources without building").set_defaults(run=_check)
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
