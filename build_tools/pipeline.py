"""The pipeline in one call, for both ways of building: load and extract -> render -> stage.

``python -m build_tools build`` runs it (after translating), then mkdocs; ``mkdocs build``
and ``mkdocs serve`` run it from the hook. mkdocs-static-i18n re-runs mkdocs' build once
per language in the same process, so the result is remembered against a fingerprint of
every input file: the corpus is loaded, extracted and rendered once per build, not once
per language, and not again when the CLI has just done it.
"""
from __future__ import annotations

import hashlib
import os

from .cache import PageKeys
from . import parallel
from .corpus import Corpus, load_corpus
from .project import LANGUAGES, Project
from .render import render_downloads, render_language
from .stage import Staging, check_output_folders, check_theme_files
from .translate import relink_all

DOWNLOADS = "downloads"  # the part of the rendering that is in no language
_prepared: dict[str, tuple[str, str]] = {}  # checkout -> (site_url, fingerprint) of what build/docs holds


def prepare(project: Project, site_url: str, corpus: Corpus | None = None) -> None:
    """Make build/docs/ match the inputs; a no-op when nothing changed since the last call
    in this process. Raises ArchiveError, naming the file, on bad input (nothing written)."""
    check_theme_files(project)
    key = (site_url, input_fingerprint(project))
    if _prepared.get(str(project.root)) == key:
        return
    check_output_folders(project)  # before the extraction cache is written into build/
    if corpus is None:  # mkdocs on its own (make serve): show reviewed work as a build would, writing no memory
        corpus = load_corpus(project, cached=True)
        relink_all(corpus)
    reuse = PageKeys(project)
    staging = Staging(project)

    def one_part(part: str):
        files = render_downloads(project, corpus, site_url, reuse) if part == DOWNLOADS else \
            render_language(project, corpus, part, site_url, reuse)
        return staging.write(files), reuse.new

    # Three independent parts on the cores in turn: each language's pages, and the downloads, in none.
    workers = len(LANGUAGES) if len(corpus.sources) >= parallel.WORTH_FORKING else 1
    for paths, keys in parallel.in_order(one_part, (*LANGUAGES, DOWNLOADS), workers):
        staging.add(paths)
        reuse.new.update(keys)
    staging.finish()
    reuse.save()
    _prepared[str(project.root)] = (site_url, input_fingerprint(project))


def input_fingerprint(project: Project) -> str:
    """Path, size and modification time of every file people write, and of the staged
    folders and the page keys (someone may have deleted build/): cheap, and any save
    changes it. (Not every staged file: tens of thousands at 1,000 sources, and only the
    build writes there.)"""
    digest = hashlib.sha256()
    for top in (project.sources_dir, project.data_dir, project.docs_dir):
        for folder, dirs, files in os.walk(top):
            dirs.sort()
            for name in sorted(files):
                st = os.lstat(os.path.join(folder, name))
                digest.update(f"{folder}/{name}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    for path in (project.stage_dir, project.static_dir, PageKeys.location(project)):
        try:
            st = os.lstat(path)
            digest.update(f"{path}\0{st.st_ino}\0{st.st_mtime_ns}\n".encode())
        except FileNotFoundError:
            digest.update(f"{path}\0-\n".encode())
    return digest.hexdigest()
