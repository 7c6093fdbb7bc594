"""Step 5 of the pipeline: run mkdocs and publish site/ in one step.

mkdocs writes into a fresh folder beside site/; only a build that succeeded
replaces site/, so a bad source or a failed build leaves the last good site
exactly as it was.
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from .corpus import Corpus, load_corpus
from .errors import ArchiveError
from .project import Project


def check(project: Project) -> Corpus:
    """Validate every source, translation memory and registry entry without writing anything."""
    return load_corpus(project)


def build_site(project: Project) -> Path:
    check(project)  # fail before mkdocs starts, with the file named
    fresh = Path(tempfile.mkdtemp(prefix=".site-new-", dir=project.root))
    try:
        config = load_config(str(project.config_file), site_dir=str(fresh))
        build(config)
    except MkDocsException as e:
        shutil.rmtree(fresh, ignore_errors=True)
        raise ArchiveError(project.relative(project.config_file), f"mkdocs build failed: {e}") from e
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
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
