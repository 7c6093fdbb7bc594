"""Step 5 of the pipeline: run mkdocs and publish site/ in one step.

mkdocs writes into a fresh folder beside site/; only a build that succeeded
replaces site/, so a bad source or a failed build leaves the last good site
exactly as it was.
"""
from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from .corpus import Corpus, load_corpus
from .errors import ArchiveError
from .project import Project
from .translate import missing, translate_corpus
from .translate.engine import find_engine

log = logging.getLogger("build_tools")


def check(project: Project) -> Corpus:
    """Validate every source, translation memory and registry entry without writing anything."""
    return load_corpus(project)


def build_site(project: Project, strict: bool = False) -> Path:
    """Translate what is missing (when a model is installed), then build and publish site/.

    Without a model, untranslated segments are built as "translation pending"
    with a warning, or, with ``strict``, refused."""
    corpus = check(project)  # fail before anything is written, with the file named
    needed = any(missing(corpus, s) for s in corpus.sources)  # load no model when nothing is missing
    summary = translate_corpus(corpus, find_engine() if needed else None)
    if summary.translated:
        log.info("machine translation: %s", summary.line())
    if summary.pending:
        message = (f"{summary.pending} segments have no English and no ar->en model is installed "
                   "(python -m build_tools model install --from FILE)")
        if strict:
            raise ArchiveError(project.relative(project.sources_dir), message)
        log.warning("%s; they are shown as 'Translation pending'", message)
    fresh = Path(tempfile.mkdtemp(prefix=".site-new-", dir=project.root))
    try:
        build(load_config(str(project.config_file), site_dir=str(fresh)))
    except BaseException as e:
        shutil.rmtree(fresh, ignore_errors=True)
        if isinstance(e, MkDocsException):
            raise ArchiveError(project.relative(project.config_file), f"mkdocs build failed: {e}") from e
        raise
    _replace(fresh, project.site_dir)
    return project.site_dir


def _replace(fresh: Path, site: Path) -> None:
    """Swap the new site in with two renames; the old one is deleted only after."""
    old = None
    if site.exists():
        old = site.with_name(f".site-old-{fresh.name}")
        site.rename(old)
    fresh.rename(site)
    if old is not None:
        shutil.rmtree(old)
