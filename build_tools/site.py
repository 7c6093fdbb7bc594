"""Step 5b of the pipeline: run mkdocs and publish site/.

- One build at a time: a lock in build/; a second build (or translate run) waits for the first, saying so.
- Incremental: mkdocs builds into build/site/, which is kept between builds. When only
  pages changed (build/docs/ is rewritten file by file, only where content changed), mkdocs
  runs in its "dirty" mode and re-renders just those pages; anything that can change every
  page (configuration, theme, templates, code, hand-written pages, a page removed) makes a
  clean build. The result is byte-identical to a clean build (tests/test_incremental_build.py).
- Atomic publishing: the site published before site/ (kept in build/site-previous/) is
  brought up to date with the new build, only the files that changed replaced, then
  exchanged with site/ in one rename, so site/ always holds the old build or the new one.
  Files follow the umask. Leftovers of a killed build are removed by the next one.
"""
from __future__ import annotations

import ctypes
import fcntl
import hashlib
import json
import logging
import os
import re
import shutil
import stat
import sys
import time
import traceback
from collections.abc import Collection
from contextlib import contextmanager
from pathlib import Path

import jinja2
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException
from mkdocs.utils import get_build_date

from . import __file__ as package_file
from .cache import with_libraries
from .corpus import Corpus, load_corpus
from .errors import ArchiveError
from .files import current_umask, read_json, same_copy
from .pipeline import prepare
from .project import Project
from .stage import check_output_folders, hand_written, mirror_static, mirrored
from .translate import counted, missing, relink_all, translate_corpus
from .translate.engine import find_engine

log = logging.getLogger("build_tools")
LOCAL_ADDRESSES = ("127.0.0.1", "//localhost", "[::1]")
SOURCES_NAMED = 5  # sources without English named in the build's warning, the rest counted
# What turns the staged pages into the site: an upgrade of one of them must reach every page.
ENGINE = ("mkdocs", "mkdocs-material", "mkdocs-static-i18n", "markdown", "pymdown-extensions", "jinja2")


def check(project: Project) -> Corpus:
    """Validate every source, translation memory and registry entry, and the hand-written pages,
    without writing anything. Reviewed English of a changed paragraph is moved to it in the
    loaded memories, as the next build will, so that the warnings name it now."""
    corpus = load_corpus(project)
    hand_written(project)
    relink_all(corpus)
    return corpus


def build_site(project: Project, strict: bool = False, publishing: bool = False) -> Path:
    """Translate what is missing (when a model is installed), then build and publish site/.

    Without a model, untranslated segments are built as "translation pending" with a
    warning, or, with ``strict``, refused. With ``publishing``, a site whose address is a
    local one is refused before anything is built."""
    with lock(project):
        work = project.build_dir / "site"
        config = _config(project, work)
        if publishing and _local(config.site_url):
            raise ArchiveError(project.relative(project.config_file),
                               f"site_url is the local address {config.site_url}; set the public one: "
                               "ARCHIVE_SITE_URL=https://example.org/archive/ make publish")
        corpus = load_corpus(project, cached=True)  # fail before anything is written, with the file named
        hand_written(project)  # docs/ too (a link there is refused), before a translation is written
        needed = any(missing(corpus, s) for s in corpus.sources)  # load no model when nothing is missing
        summary = translate_corpus(corpus, find_engine() if needed else None)
        if summary.translated:
            log.info("machine translation: %s", summary.line())
        message = _pending(corpus, summary.pending) if summary.pending else ""
        if summary.pending and strict:
            raise ArchiveError(project.relative(project.sources_dir), message)
        prepare(project, config.site_url, corpus)
        if summary.pending:  # after the pages are made: a build that fails says one thing, its error
            log.warning("%s; they are shown as 'Translation pending'", message)
        if summary.outdated:  # published labelled as such, but waiting for a maintainer: say so at every build
            log.warning("%s of an earlier version of its paragraph, shown labelled so; `python -m build_tools "
                        "check` lists them", counted(summary.outdated, "reviewed translation"))
        _mkdocs(project, config, work)
        if publishing:
            _refuse_local_addresses(project, work)
        _publish(project, work)
    return project.site_dir


def _config(project: Project, site_dir: Path):
    shown = project.relative(project.config_file)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is not None and not epoch.strip().isdigit():
        raise ArchiveError("SOURCE_DATE_EPOCH", f"must be a number of seconds since 1970 (it is {epoch!r})")
    try:
        config = load_config(str(project.config_file), site_dir=str(site_dir))
    except MkDocsException as e:
        raise ArchiveError(shown, f"cannot read: {e}".splitlines()[0]) from e
    if not config.site_url:
        raise ArchiveError(shown, "needs site_url (the public address; permalinks and citations are built from it)")
    return config


def _local(text: str) -> bool:
    return any(host in text for host in LOCAL_ADDRESSES)


def _pending(corpus: Corpus, segments: int) -> str:
    """What a build without a model leaves untranslated, naming the first sources."""
    waiting = [s.id for s in corpus.sources if missing(corpus, s)]
    return (f"no English for {counted(segments, 'segment')} of {counted(len(waiting), 'source')} ("
            + ", ".join(waiting[:SOURCES_NAMED]) + (", ..." if len(waiting) > SOURCES_NAMED else "")
            + ") and no ar->en model is installed (python -m build_tools model install --from FILE)")


def _refuse_local_addresses(project: Project, work: Path) -> None:
    """A site for the public must not point readers at the builder's own machine."""
    for path in sorted(work.rglob("*")):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".csv", ".txt", ".js") and \
                _local(path.read_text(encoding="utf-8", errors="replace")):
            where, line = _local_address_written(project) or (path, None)
            raise ArchiveError(project.relative(where), "names a local address (127.0.0.1 or localhost); "
                                                        "nothing was published", line)


def _local_address_written(project: Project) -> tuple[Path, int] | None:
    """The first file people write (a source, a memory, data/, docs/, overrides/) and line that
    names a local address: what to correct, rather than the built file that shows it. (mkdocs.yml
    names one as its preview address; its site_url is checked before the build.)"""
    for top in (project.sources_dir, project.data_dir, project.docs_dir, project.root / "overrides"):
        for path in sorted(top.rglob("*")):
            if path.is_file() and not path.is_symlink():
                for number, text in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
                    if _local(text):
                        return path, number
    return None


# -- incremental mkdocs build -----------------------------------------------------------------

def _mkdocs(project: Project, config, work: Path) -> None:
    """Build into ``work``: dirty when the previous build there allows it, and not at all when
    it was made from these very files (a rebuild that changed no page: mkdocs would rewrite
    nothing, and took seconds at 1,000 sources to find so); the files that are not pages are
    brought up to date either way. What mkdocs wrote there must be as it left it, none of it
    dated in the future (a clock set back): mkdocs' dirty mode rebuilds only pages older than
    their source, and would publish a damaged or stale one, build after build."""
    key_file = project.build_dir / "site.key"
    staged = _files_in(project.stage_dir)  # what mkdocs builds from: staging writes only what changed
    made = {"key": _global_key(project, config), "pages": sorted(staged),
            # (the build date: the sitemap gives it to every page)
            "staged": hashlib.sha256(json.dumps([staged, get_build_date()], sort_keys=True).encode()).hexdigest()}
    previous = read_json(key_file, dict, {})
    pages = previous.get("pages")
    dirty = (work.is_dir() and previous.get("key") == made["key"] and isinstance(pages, list)
             and all(isinstance(page, str) and page in staged for page in pages)
             and (built := _built_by_mkdocs(project, work)) is not None and previous.get("built") == built)
    if dirty and previous.get("staged") == made["staged"]:
        mirror_static(project, work)  # (what the hook does after mkdocs)
        return
    key_file.unlink(missing_ok=True)  # a failed build leaves no key: the next one is clean
    try:
        with _dirty_mode(dirty), _warnings() as warned:
            build(config, dirty=dirty)
    except MkDocsException as e:
        raise _failure(project, e, warned) from e
    except jinja2.TemplateError as e:  # a theme override (overrides/) that does not render
        where, line = _template_location(project, e)
        raise ArchiveError(where, f"theme template error: {e.message or type(e).__name__}", line) from e
    made["built"] = _built_by_mkdocs(project, work)
    key_file.write_text(json.dumps(made), encoding="utf-8")


def _files_in(top: Path, leaving_out: Collection[str] = ()) -> dict[str, tuple[int, int]]:
    """{path under ``top``, with /: (size, modification time)} of every file there but those
    ``leaving_out``. (os.scandir and plain strings: tens of thousands of files at 1,000 sources.)"""
    found, folders = {}, [""]
    while folders:
        rel = folders.pop()
        with os.scandir(os.path.join(top, rel)) as entries:
            for entry in entries:
                path = f"{rel}/{entry.name}" if rel else entry.name
                if entry.is_dir(follow_symlinks=False):
                    folders.append(path)
                elif path not in leaving_out:
                    st = entry.stat(follow_symlinks=False)
                    found[path] = (st.st_size, st.st_mtime_ns)
    return found


def _built_by_mkdocs(project: Project, work: Path) -> str | None:
    """A digest of the path, size and modification time of every file mkdocs wrote in ``work``
    (not the search index and downloads: stage.mirror_static keeps those); None when one is
    dated in the future."""
    built, now = _files_in(work, mirrored(project)), time.time_ns()
    if any(mtime > now for _, mtime in built.values()):
        return None
    return hashlib.sha256(json.dumps(built, sort_keys=True).encode()).hexdigest()


@contextmanager
def _warnings():
    """The warnings mkdocs logs during a build, in order."""
    warned: list[str] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = lambda record: warned.append(record.getMessage())
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield warned
    finally:
        logger.removeHandler(handler)


_DOC_FILE = re.compile(r"Doc file '([^']+)'")


def _failure(project: Project, error: MkDocsException, warned: list[str]) -> ArchiveError:
    """mkdocs' strict mode stops at a warning saying only how many there were: name the first
    one, and the hand-written page it is about ("Doc file 'en/about.md' contains a link ...")."""
    if not (warned and "strict mode" in str(error)):  # ("Aborted with 1 warnings in strict mode!")
        return ArchiveError(project.relative(project.config_file), f"mkdocs build failed: {error}")
    found = _DOC_FILE.search(warned[0])
    page = project.docs_dir / found.group(1) if found else None
    where = page if page and page.is_file() else project.config_file
    return ArchiveError(project.relative(where), f"{warned[0].splitlines()[0]} (mkdocs stops at a warning: "
                                                 "strict in mkdocs.yml)")


def _template_location(project: Project, error: Exception) -> tuple[Path, int | None]:
    """The template file (and line) of a Jinja error: the deepest frame in the checkout,
    as Jinja rewrites tracebacks to point into templates."""
    filename, line = getattr(error, "filename", None), getattr(error, "lineno", None)
    if not filename:
        for frame, frame_line in traceback.walk_tb(error.__traceback__):
            name = frame.f_code.co_filename
            if name.endswith((".html", ".j2", ".xml")) and os.path.isfile(name):
                filename, line = name, frame_line
    if not filename:
        return project.relative(project.root / "overrides"), None
    return project.relative(Path(filename)), line


_ENVIRONMENT = re.compile(r"!ENV\s+(?:\[([^\]]*)\]|(\w+))")  # !ENV NAME, !ENV [NAME, OTHER, default]


def _global_key(project: Project, config) -> str:
    """What, when changed, can change every page: mkdocs.yml, with the environment variables
    it reads (!ENV: the site address, and any a maintainer adds), the installed engine and
    theme, the theme overrides, the templates and code, and the hand-written pages (they
    are in the nav)."""
    digest = hashlib.sha256(config.site_url.encode())
    for listed, single in _ENVIRONMENT.findall(project.config_file.read_text(encoding="utf-8")):
        for name in (listed.split(",") if listed else [single]):
            digest.update(f"{name.strip()}={os.environ.get(name.strip())}\0".encode())
    digest.update(with_libraries("", ENGINE).encode())
    code = Path(package_file).parent
    for top in (project.config_file, project.root / "overrides", code, project.docs_dir,
                project.data_dir / "labels.yml"):
        paths = [top] if top.is_file() else sorted(p for p in top.rglob("*") if p.is_file() and
                                                   "__pycache__" not in p.parts)
        for path in paths:
            st = path.stat()
            digest.update(f"{path}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return digest.hexdigest()


@contextmanager
def _dirty_mode(dirty: bool):
    """mkdocs-static-i18n builds the other languages itself and reads --dirty from the
    command line, not from the build call: tell it there too."""
    saved = list(sys.argv)
    if dirty:
        sys.argv.append("--dirty")
    try:
        yield
    finally:
        sys.argv[:] = saved


# -- publishing ---------------------------------------------------------------------------------

def _publish(project: Project, work: Path) -> None:
    site, spare = project.site_dir, project.previous_site_dir
    if os.path.islink(site) or (os.path.lexists(site) and not site.is_dir()):
        raise ArchiveError(project.relative(site), "is not a folder made by the build (a link or a file); delete it")
    _bring_up_to_date(spare, work, site, project.static_dir)
    try:
        if site.is_dir():
            _exchange(spare, site)  # spare now holds the site just replaced: the next build starts from it
        else:
            spare.rename(site)
    except OSError as e:
        raise ArchiveError(project.relative(spare), f"cannot be exchanged with site/ ({e.strerror}); build/ "
                                                    "and site/ must be on one file system") from e


def _bring_up_to_date(copy: Path, work: Path, published: Path, static: Path) -> None:
    """Make ``copy`` (the site published before ``published``, or nothing) a copy of ``work``,
    touching only what differs: at 1,000 sources a whole new copy was 5,000 folders made and
    20,000 files linked, then as many removed, on every rebuild.

    A file is unchanged when it has the size and modification time of its copy (shutil.copy2
    keeps them) and the mode this umask gives. A changed one is unlinked, never written in
    place (it may be shared with ``published``), then replaced by a hard link to the published
    one when that is unchanged, or to build/static/ when ``work`` holds a link there
    (``static``, only ever replaced file by file: stage.mirror_static), or else by a copy: mkdocs
    writes ``work`` in place. So each file is kept once, whichever of the two sites holds it.
    Anything else found in ``copy`` (a link, a pipe, a folder where a file should be) is
    removed, never followed. (os.scandir and plain strings: tens of thousands of files.)"""
    umask = current_umask()
    file_mode, folder_mode = 0o666 & ~umask, 0o777 & ~umask
    folders = [""]
    while folders:
        rel = folders.pop()
        here = os.path.join(copy, rel)
        _real_folder(here, folder_mode)
        with os.scandir(here) as entries:
            old = {entry.name: entry for entry in entries}
        with os.scandir(os.path.join(work, rel)) as entries:
            for entry in entries:
                found = old.pop(entry.name, None)
                if entry.is_dir(follow_symlinks=False):
                    if found is not None and not found.is_dir(follow_symlinks=False):
                        os.unlink(found.path)
                    folders.append(os.path.join(rel, entry.name))
                    continue
                if found is not None:
                    if same_copy(entry.path, found.path, file_mode):
                        continue
                    _remove(found)
                dest, live = os.path.join(here, entry.name), os.path.join(published, rel, entry.name)
                if same_copy(entry.path, live, file_mode):
                    os.link(live, dest)
                elif _mode(entry.path) == file_mode and _same_file(entry, os.path.join(static, rel, entry.name)):
                    os.link(entry.path, dest)
                else:
                    shutil.copy2(entry.path, dest)
                    os.chmod(dest, file_mode)
        for gone in old.values():
            _remove(gone)


def _real_folder(path: str, mode: int) -> None:
    """``path`` a folder (not a link to one) with ``mode``: folders are the copy's own, not shared."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        os.mkdir(path, mode)
        return
    if not stat.S_ISDIR(st.st_mode):
        os.unlink(path)
        os.mkdir(path, mode)
    elif stat.S_IMODE(st.st_mode) != mode:
        os.chmod(path, mode)


def _remove(entry: os.DirEntry) -> None:
    if entry.is_dir(follow_symlinks=False):
        shutil.rmtree(entry.path)  # never follows links
    else:
        os.unlink(entry.path)


def _same_file(entry: os.DirEntry, other: str) -> bool:
    """Whether ``entry`` and the file at ``other`` are one file (hard links to one inode)."""
    try:
        mine, theirs = entry.stat(follow_symlinks=False), os.lstat(other)
    except (FileNotFoundError, NotADirectoryError):
        return False
    return (mine.st_dev, mine.st_ino) == (theirs.st_dev, theirs.st_ino)


def _mode(path: Path | str) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> None:
    """Swap two folders in one step (Linux renameat2 RENAME_EXCHANGE). Where the system
    cannot, fall back to two renames; a build killed between them leaves the old site
    at .site-old-*, which the next build restores before anything else."""
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is not None and renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b),
                                           _RENAME_EXCHANGE) == 0:
        return
    old = b.with_name(".site-old")
    b.rename(old)
    try:
        a.rename(b)
    except OSError:
        old.rename(b)
        raise
    old.rename(a)


@contextmanager
def lock(project: Project):
    """One build or translate run at a time per checkout (two runs translating at once would do the
    same work, and the second would find its memories changed under it); then remove what killed
    builds left behind."""
    _check_own_folders(project)
    project.build_dir.mkdir(exist_ok=True)
    lock_path = project.build_dir / ".lock"
    if os.path.islink(lock_path):
        lock_path.unlink()
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log.warning("another build or translate run of this archive is running; waiting for it to finish")
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)
            except KeyboardInterrupt:  # (what the command line says of it: not that work was saved)
                raise KeyboardInterrupt("nothing was changed: it was still waiting for the other run") from None
        _clean_leftovers(project)
        yield
    finally:
        os.close(fd)


def _check_own_folders(project: Project) -> None:
    """build/, build/docs/, build/site/ and site/ are the build's own folders: a symbolic link
    or a file committed there is refused before anything is written through it. A link
    inside build/site/ (a cache) makes it be rebuilt from scratch, the link removed, not followed."""
    check_output_folders(project)
    work = project.build_dir / "site"
    for folder, dirs, files in os.walk(work):
        if any(os.path.islink(os.path.join(folder, name)) for name in dirs + files):
            shutil.rmtree(work)  # never follows links
            break


def _clean_leftovers(project: Project) -> None:
    site, old = project.site_dir, project.root / ".site-old"
    if not os.path.lexists(site) and old.is_dir() and not old.is_symlink():
        old.rename(site)  # killed between the two renames of the fallback: the old site comes back
    for leftover in project.root.glob(".site-*"):
        if leftover.is_symlink() or not leftover.is_dir():
            leftover.unlink()
        else:
            shutil.rmtree(leftover)
