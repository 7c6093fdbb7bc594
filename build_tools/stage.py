"""Step 5a of the pipeline: assemble the folder mkdocs builds from, build/docs/, and the
generated files that are not pages, build/static/.

What people write (docs/: the about pages and any hand-written asset) and what the
generator makes (source pages, indexes, listings, search index, downloads) never share
a folder: docs/ is only read, and both are assembled into build/docs/, which the
generator owns entirely and git ignores.

- A hand-written file is copied with its modification time; the generator never deletes
  or overwrites one. A hand-written file at the path of a generated one is an error.
- A generated file is written only when its content changed (atomically), so mkdocs'
  dirty builds and ``mkdocs serve`` see only real changes.
- Anything else found in build/docs/ is removed; a symbolic link there is removed as a
  link, never followed, so a committed link cannot make the build write outside it.
- Generated files that are not pages (thousands of search-index files, the downloads) go
  to build/static/, laid out as on the site, and are copied into the built site after
  mkdocs (``mirror_static``): mkdocs and its language plugin would only examine and copy
  each of them once per language.
"""
from __future__ import annotations

import json
import os
import shutil
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from .errors import ArchiveError
from .files import MAX_SOURCE_BYTES, atomic_write, check_regular_file, read_json, read_text, same_copy
from .layout import site_path
from .project import Project
from .sources import split_front_matter

UNCHANGED = object()  # in place of a generated page's content: the staged file is still right


def hand_written(project: Project) -> dict[str, Path]:
    """{path under docs/: file}: every regular file under docs/. A symbolic link, FIFO or
    device there is refused: docs/ is published as it is."""
    root = project.docs_dir
    found: dict[str, Path] = {}
    if not os.path.lexists(root):
        return found
    if os.path.islink(root):
        raise ArchiveError(project.relative(root), "is a symbolic link; docs/ must be a real folder")
    for folder, dirs, files in os.walk(root):
        for name in sorted(dirs):
            if os.path.islink(os.path.join(folder, name)):
                raise ArchiveError(project.relative(Path(folder, name)), "is a symbolic link; docs/ holds only "
                                                                        "regular files and folders")
        for name in files:
            path = Path(folder, name)
            check_regular_file(project.relative(path), path, inside=project.root)
            if name.endswith(".md"):
                _check_front_matter(project.relative(path), path)
            found[path.relative_to(root).as_posix()] = path
    return found


def _check_front_matter(shown: Path, path: Path) -> None:
    """A hand-written page's front-matter, when it has one, is checked as a source's is: mkdocs
    would publish a broken one silently as the page's first heading."""
    text = read_text(shown, path, limit=MAX_SOURCE_BYTES).removeprefix("\ufeff")
    if text.split("\n", 1)[0].strip() == "---":
        split_front_matter(shown, text)


class Staging:
    """Bringing build/docs/ (and build/static/) in line with docs/ plus the generated files.

    ``write`` takes generated files one at a time ((path, content, or UNCHANGED for a page
    known to be staged already)), so that the pages of a large archive are never all in
    memory, and may run in several processes at once, one per language (pipeline.py);
    ``finish`` then removes what no one wrote and copies the hand-written files. A
    hand-written file at a generated path stops staging (ArchiveError): build/docs/ may
    then be half made, which the next build repairs; site/ is untouched."""

    def __init__(self, project: Project):
        self.project = project
        self.written = hand_written(project)
        self.addresses = {_address(rel): rel for rel in self.written}  # where each is published
        for folder in (project.stage_dir, project.static_dir):
            _make_real_dir(project, folder)
            _remove_links(folder)  # before anything is written there, so nothing is written through one
        self.generated: set[str] = set()

    def write(self, generated: Iterable[tuple[str, str | bytes | object]]) -> set[str]:
        """Write what changed; return the paths of this call's files, for ``add`` (in this
        process or the one that forked it)."""
        project, paths = self.project, set()
        for rel, content in generated:
            if (mine := self.addresses.get(_address(rel))):
                raise ArchiveError(project.relative(project.docs_dir / mine),
                                   "has the path of a generated page; move it (docs/ is for hand-written pages only)")
            paths.add(rel)
            if content is UNCHANGED:
                continue
            data = content.encode("utf-8") if isinstance(content, str) else content
            dest = staged_path(project, rel)
            if not _has_content(dest, data):
                atomic_write(dest, data, prefix=".staging-")
        return paths

    def add(self, paths: set[str]) -> None:
        """Take note of what a ``write`` staged."""
        self.generated |= paths

    def finish(self) -> None:
        """Remove what was not staged, copy the hand-written files."""
        project = self.project
        pages = {rel for rel in self.generated if _is_page(rel)}
        _remove_unwanted(project.stage_dir, set(self.written) | pages)
        _remove_unwanted(project.static_dir, {site_path(rel) for rel in self.generated - pages})
        for rel, path in self.written.items():
            dest = project.stage_dir / rel
            if not same_copy(path, dest):
                _atomic_copy(path, dest)


def staged_path(project: Project, rel: str) -> Path:
    """Where the generated file ``rel`` (a path under build/docs/) is staged: a page in
    build/docs/, any other file in build/static/ at its place on the site."""
    return project.stage_dir / rel if _is_page(rel) else project.static_dir / site_path(rel)


def _is_page(rel: str) -> bool:
    return rel.endswith(".md")


def _address(rel: str) -> str:
    """Where a file under docs/ is published: a page x.md, x/index.md or x/README.md at x/
    (mkdocs' directory URLs), as is a file x/index.html; any other file at its own path."""
    path = PurePosixPath(rel)
    if path.name.lower() == "index.html":
        return f"{path.parent}/"
    if not _is_page(rel):
        return rel
    page = path.with_suffix("")
    return f"{page.parent}/" if page.name.lower() in ("index", "readme") else f"{page}/"


def mirror_static(project: Project, site: Path) -> None:
    """Put build/static/ into the built ``site`` (only what changed), and remove what the last
    mirror put there and the archive no longer makes. Each file is a hard link, not a copy:
    build/static/ is only ever replaced file by file (atomic_write), never written in place, and
    mkdocs does not write these files, so a link cannot change under anyone; at 1,000 sources
    copying them was tens of thousands of files on every clean build."""
    manifest = _manifest(project)
    before = mirrored(project)
    now = set()
    top = str(project.static_dir)
    for folder, _, files in os.walk(top):  # (plain strings: tens of thousands of files at 1,000 sources)
        for name in files:
            rel = walked_path(top, folder, name)
            now.add(rel)
            source = os.path.join(folder, name)
            if not same_copy(source, site / rel):
                (site / rel).parent.mkdir(parents=True, exist_ok=True)
                _link(Path(source), site / rel)
    for rel in sorted(before - now):
        (site / rel).unlink(missing_ok=True)
    manifest.parent.mkdir(parents=True, exist_ok=True)
    manifest.write_text(json.dumps(sorted(now)), encoding="utf-8")


def mirrored(project: Project) -> set[str]:
    """The paths in the built site that the last ``mirror_static`` put there."""
    return {rel for rel in read_json(_manifest(project), list, []) if isinstance(rel, str)}


def _manifest(project: Project) -> Path:
    return project.build_dir / "cache" / "static.json"


def check_output_folders(project: Project) -> None:
    """The folders the build writes (build/, build/docs/, build/site/, build/cache/,
    build/site-previous/, site/) are its own: a symbolic link or a file committed at one of
    them is refused before anything is written through it."""
    for folder in (project.build_dir, project.stage_dir, project.build_dir / "site", project.build_dir / "cache",
                   project.previous_site_dir, project.site_dir):
        if os.path.islink(folder) or (os.path.lexists(folder) and not folder.is_dir()):
            raise ArchiveError(project.relative(folder), "must be a folder made by the build, not a link or a file; "
                                                         "delete it")


def check_theme_files(project: Project) -> None:
    """overrides/ is published too (its assets are copied into the site): like docs/, only
    regular files and folders, so a link cannot publish a file of the building machine."""
    root = project.root / "overrides"
    if os.path.islink(root):
        raise ArchiveError(project.relative(root), "is a symbolic link; overrides/ must be a real folder")
    for folder, dirs, files in os.walk(root):
        for name in sorted(dirs + files):
            path = Path(folder, name)
            if os.path.islink(path) or not (path.is_dir() or path.is_file()):
                check_regular_file(project.relative(path), path, inside=project.root)


def _make_real_dir(project: Project, folder: Path) -> None:
    for part in (project.build_dir, folder):
        if os.path.islink(part) or (os.path.lexists(part) and not part.is_dir()):
            raise ArchiveError(project.relative(part), "must be a folder made by the build, not a link or a file; "
                                                       "delete it")
        part.mkdir(exist_ok=True)


def _remove_links(root: Path) -> None:
    """Remove symbolic links (as links, never followed), FIFOs and devices under ``root``."""
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = os.path.join(folder, name)
            mode = os.lstat(path).st_mode
            if not (stat.S_ISDIR(mode) or stat.S_ISREG(mode)):
                os.unlink(path)


def _remove_unwanted(root: Path, wanted: set[str]) -> None:
    """Remove every file under ``root`` whose path (relative, with /) is not ``wanted``, every
    link (itself, never followed) and every folder left empty. (Plain strings, not pathlib:
    tens of thousands of files on every build at 1,000 sources.)"""
    top = str(root)
    for folder, dirs, files in os.walk(top, topdown=False):
        for name in files + dirs:
            path = os.path.join(folder, name)
            mode = os.lstat(path).st_mode
            if stat.S_ISDIR(mode):
                if not any(True for _ in os.scandir(path)):
                    os.rmdir(path)
            elif not stat.S_ISREG(mode) or walked_path(top, folder, name) not in wanted:
                os.unlink(path)


def walked_path(top: str, folder: str, name: str) -> str:
    """The path, with /, of the file ``name`` in ``folder`` (as os.walk gives it) under ``top``."""
    prefix = folder[len(top) + 1:].replace(os.sep, "/")
    return f"{prefix}/{name}" if prefix else name


def _has_content(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except FileNotFoundError:
        return False


def _link(source: Path, dest: Path) -> None:
    """``dest`` made a hard link to ``source``, or a copy where the file system has no links."""
    dest.unlink(missing_ok=True)
    try:
        os.link(source, dest)
    except OSError:
        _atomic_copy(source, dest)


def _atomic_copy(source: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=".staging-")
    os.close(fd)
    try:
        shutil.copy2(source, tmp)
        os.replace(tmp, dest)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
