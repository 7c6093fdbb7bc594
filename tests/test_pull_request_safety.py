"""Issue 9's catalogue: what a pull request that CI builds can try, and what the build does.

Every case plants one hostile or careless input in a throwaway archive (a copy of one
built once per module), runs the build the way CI does (``python -m build_tools``, or
plain ``mkdocs build``, as a subprocess) and asserts

- the one-line error (``error: <file>[:<line>]: ...``, exit status 1, no traceback), or the safe output;
- that nothing outside the archive was touched (a sentinel folder beside it: bytes and mtimes);
- that site/ (built before) and the data files are byte-identical afterwards.
"""
from __future__ import annotations

import csv
import fcntl
import io
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from build_tools.files import MAX_DATA_BYTES, MAX_FRONT_MATTER_BYTES, MAX_SOURCE_BYTES
from build_tools.project import Project
from build_tools.site import build_site
from build_tools.sources import segment_key

from .conftest import front_matter, make_archive, write_file, write_source

BODY = "نص الفقرة الأولى.\n"
TIMEOUT = 120
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
BOMB = "".join(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}" if i else "lol"] * 9) + "]\n" for i in range(9))


def _tree(root: Path, with_mtime: bool = False) -> dict[str, object]:
    """Every entry under ``root`` (not following links): file bytes, link targets, folders."""
    found: dict[str, object] = {}
    if not os.path.lexists(root):
        return found
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(folder, name)
            st = os.lstat(path)
            if stat.S_ISLNK(st.st_mode):
                found[str(path)] = ("link", os.readlink(path))
            elif stat.S_ISREG(st.st_mode):
                found[str(path)] = (path.read_bytes(), st.st_mtime_ns if with_mtime else None)
            else:
                found[str(path)] = ("dir" if stat.S_ISDIR(st.st_mode) else "special", None)
    return found


@dataclass
class Archive:
    """A throwaway archive at tmp/archive, with a folder of other people's files beside it at tmp/outside."""
    project: Project
    outside: Path

    @property
    def root(self) -> Path:
        return self.project.root

    def write(self, rel: str, content: str | bytes) -> Path:
        return write_file(self.root / rel, content)

    def append(self, rel: str, text: str) -> int:
        """Append ``text`` to a file; return the line number of its first line."""
        path = self.root / rel
        old = path.read_text(encoding="utf-8")
        if not old.endswith("\n"):
            old += "\n"
        path.write_text(old + text, encoding="utf-8")
        return old.count("\n") + 1

    def link(self, rel: str, target: Path | str) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if os.path.lexists(path):
            shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()
        path.symlink_to(target)
        return path

    def source(self, content: str | bytes, folder: str = "bad") -> Path:
        return write_source(self.project, folder, content)

    def memory(self, folder: str, entries: str, source_id: str = "good") -> Path:
        return self.write(f"sources/{folder}/translation.en.yaml",
                          f"source: {source_id}\nlanguage: en\nentries:\n{entries}")

    def guard(self) -> "Guard":
        return Guard(self)

    def cli(self, *args, env: dict | None = None, timeout: int = TIMEOUT, prefix: list[str] = (), **kwargs):
        return subprocess.run([*prefix, sys.executable, "-m", "build_tools", *args], cwd=self.root,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
                              capture_output=True, text=True, timeout=timeout, **kwargs)

    def mkdocs(self, *args, timeout: int = TIMEOUT):
        return subprocess.run([sys.executable, "-m", "mkdocs", "build", *args], cwd=self.root,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
                              capture_output=True, text=True, timeout=timeout)


class Guard:
    """What must not change: everything outside the archive, the published site/, and the
    files people write (data/, sources/, docs/)."""

    def __init__(self, archive: Archive):
        self.archive = archive
        self.outside = _tree(archive.outside, with_mtime=True)
        self.site = _tree(archive.project.site_dir)
        self.inputs = {d: _tree(archive.root / d) for d in ("data", "sources", "docs")}

    def check(self, site: bool = True) -> None:
        a = self.archive
        assert _tree(a.outside, with_mtime=True) == self.outside, "a file outside the archive was touched"
        for d, before in self.inputs.items():
            assert _tree(a.root / d) == before, f"{d}/ was changed by the build"
        if site:
            assert _tree(a.project.site_dir) == self.site, "site/ is not byte-identical to the last good build"
        assert not [p.name for p in a.root.iterdir() if p.name.startswith(".site-")], "leftovers of a publication"


def assert_error_after_progress(result, pattern: str) -> None:
    """For a failure once mkdocs has started (it logs its progress, INFO lines, to stderr):
    no traceback, exit status 1, and the last line, the only error line, is ``error: <pattern>``."""
    lines = result.stderr.strip().splitlines()
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert result.returncode == 1, (result.returncode, result.stderr[-3000:])
    assert [line for line in lines if line.startswith("error:")] == lines[-1:], result.stderr[-3000:]
    assert re.match("error: " + pattern, lines[-1]), lines[-1]


def assert_one_error(result, pattern: str) -> None:
    """Exit status 1 and stderr exactly one line ``error: <pattern...>`` (a regular expression)."""
    lines = result.stderr.strip().splitlines()
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert result.returncode == 1, (result.returncode, result.stderr[-3000:])
    assert len(lines) == 1, result.stderr[-3000:]
    assert re.match("error: " + pattern, lines[0]), lines[0]


# -- the archives ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def baseline(tmp_path_factory) -> Path:
    """One good source, built once as CI would build it."""
    project = make_archive(tmp_path_factory.mktemp("baseline"), with_seeds=False)
    write_source(project, "good", front_matter(id="good") + BODY)
    build_site(project)
    return project.root


@pytest.fixture
def archive(tmp_path, baseline) -> Archive:
    """A copy of the built baseline, with a sentinel folder beside it."""
    root = tmp_path / "archive"

    def copy_or_link(source: str, dest: str) -> None:
        """Hard links for what the build only replaces by renaming, never rewrites (site/,
        build/docs/): fast; real copies of what people write (the cases edit it in place)."""
        parts = Path(source).relative_to(baseline).parts
        if parts[0] == "site" or parts[:2] == ("build", "docs"):
            os.link(source, dest)
        else:
            shutil.copy2(source, dest)

    shutil.copytree(baseline, root, symlinks=True, copy_function=copy_or_link,
                    ignore=lambda folder, names: {"site", "site.key"} if Path(folder) == baseline / "build" else set())
    outside = tmp_path / "outside"
    (outside / "folder").mkdir(parents=True)
    (outside / "sentinel.txt").write_text("someone else's file\n", encoding="utf-8")
    (outside / "folder" / "index.md").write_text("someone else's page\n", encoding="utf-8")
    return Archive(Project(root), outside)


# -- refusals: one error line, nothing touched -------------------------------------------------
# name: (plant the case, command, expected error line after "error: ", as a regular expression)

def _fm(**fields) -> str:
    return front_matter(id="bad", **fields) + BODY


def _entry(ar: str, en: str = "English", **extra) -> str:
    fields = {"key": segment_key(ar), "ar": json.dumps(ar), "en": json.dumps(en), "origin": "maintainer", "date": "'2026-11-22'",
              "translator": "the maintainers", **extra}
    return "- " + "\n  ".join(f"{k}: {v}" for k, v in fields.items()) + "\n"


def _org(org_id: str, ar: str, **extra) -> str:
    return f"- id: {org_id}\n  ar: {ar}\n  en: {org_id}\n" + "".join(f"  {k}: {v}\n" for k, v in extra.items())


def _actor(actor_id: str, ar: str, **extra) -> str:
    return f"- id: {actor_id}\n  type: person\n  ar: {ar}\n  en: {actor_id}\n" + "".join(
        f"  {k}: {v}\n" for k, v in extra.items())


def _fifo(a: Archive, rel: str) -> None:
    path = a.root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)


def _sparse(a: Archive, rel: str, size: int) -> None:
    path = a.root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as f:
        f.write(b"---\nid: big\n")
        f.truncate(size)


def _outside_source(a: Archive) -> Path:
    (a.outside / "source.md").write_text(front_matter(id="stolen") + BODY, encoding="utf-8")
    return a.outside / "source.md"


def _outside_folder_source(a: Archive) -> Path:
    folder = a.outside / "src"
    folder.mkdir()
    (folder / "source.md").write_text(front_matter(id="stolen") + BODY, encoding="utf-8")
    return folder


def _outside_data(a: Archive) -> Path:
    shutil.copytree(a.root / "data", a.outside / "data")
    return a.outside / "data"


def _replace(a: Archive, rel: str, old: str, new: str) -> None:
    path = a.root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _drop_ui_label(a: Archive, key: str) -> None:
    path = a.root / "data/labels.yml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    en = next(i for i, line in enumerate(lines) if line.startswith("en:"))
    i = next(i for i in range(en, len(lines)) if lines[i].startswith(f"  {key}:"))
    del lines[i]
    path.write_text("".join(lines), encoding="utf-8")


LINES_BEFORE_BODY = 9  # front_matter(): 7 fields between two '---' lines
REFUSED = {
    # symbolic links, FIFOs, devices, folders
    "source.md that is a symlink to a file outside": (
        lambda a: a.link("sources/bad/source.md", _outside_source(a)), "check",
        r"sources/bad/source.md: is a symbolic link"),
    "source folder that is a symlink outside": (
        lambda a: a.link("sources/bad", _outside_folder_source(a)), "check",
        r"sources/bad: is a symbolic link"),
    "sources/ itself a symlink": (
        lambda a: (shutil.move(a.root / "sources", a.outside / "sources"), a.link("sources", a.outside / "sources")),
        "check", r"sources: must be a folder inside the checkout"),
    "source.md a symlink to /dev/zero": (
        lambda a: a.link("sources/bad/source.md", "/dev/zero"), "check", r"sources/bad/source.md: is a symbolic link"),
    "source.md a FIFO": (
        lambda a: _fifo(a, "sources/bad/source.md"), "check", r"sources/bad/source.md: is not a regular file"),
    "source.md a folder": (
        lambda a: (a.root / "sources/bad/source.md").mkdir(parents=True), "check",
        r"sources/bad/source.md: is a folder"),
    "translation memory a symlink to /etc/passwd": (
        lambda a: a.link("sources/good/translation.en.yaml", "/etc/passwd"), "check",
        r"sources/good/translation.en.yaml: is a symbolic link"),
    "translation memory a FIFO": (
        lambda a: _fifo(a, "sources/good/translation.en.yaml"), "check",
        r"sources/good/translation.en.yaml: is not a regular file"),
    "registry a symlink to /etc/passwd": (
        lambda a: a.link("data/actors.yml", "/etc/passwd"), "check", r"data/actors.yml: is a symbolic link"),
    "data/ a symlink to a folder outside": (
        lambda a: a.link("data", _outside_data(a)), "check",
        r"data: must be a folder inside the checkout"),
    "unused data file a FIFO": (
        lambda a: _fifo(a, "data/extra.yml"), "build", r"data/extra.yml: is not a regular file"),
    "unused data file a symlink to /dev/zero": (
        lambda a: a.link("data/extra.yml", "/dev/zero"), "build", r"data/extra.yml: is a symbolic link"),
    "docs/ar/secret.txt a symlink to /etc/passwd": (
        lambda a: a.link("docs/ar/secret.txt", "/etc/passwd"), "build", r"docs/ar/secret.txt: is a symbolic link"),
    "symlink at a generated page's path": (
        lambda a: a.link("docs/ar/actors/sdf.md", a.outside / "sentinel.txt"), "build",
        r"docs/ar/actors/sdf.md: is a symbolic link"),
    "symlinked folder in docs/": (
        lambda a: a.link("docs/ar/extra", a.outside / "folder"), "build", r"docs/ar/extra: is a symbolic link"),
    "theme asset in overrides/ a symlink to /etc/passwd": (
        lambda a: a.link("overrides/assets/passwd.txt", "/etc/passwd"), "build",
        r"overrides/assets/passwd.txt: is a symbolic link"),
    "docs/ itself a symlink": (
        lambda a: (shutil.move(a.root / "docs", a.outside / "docs"), a.link("docs", a.outside / "docs")), "build",
        r"docs: is a symbolic link"),
    "build/ a symlink to a folder outside": (
        lambda a: (shutil.rmtree(a.root / "build"), a.link("build", a.outside / "folder")), "build",
        r"build: .*(link|folder)"),
    "build/docs a symlink to a folder outside": (
        lambda a: (shutil.rmtree(a.root / "build/docs"), a.link("build/docs", a.outside / "folder")), "build",
        r"build/docs: .*(link|folder)"),
    "build/site a symlink to a folder outside": (
        lambda a: a.link("build/site", a.outside / "folder"), "build", r"build/site: .*(link|folder)"),
    "build/site-previous a symlink to a folder outside": (
        lambda a: a.link("build/site-previous", a.outside / "folder"), "build",
        r"build/site-previous: .*(link|folder)"),
    "docs/ page a FIFO": (
        lambda a: _fifo(a, "docs/ar/pipe.md"), "build", r"docs/ar/pipe.md: is not a regular file"),
    "site/ a symlink to a folder outside": (
        lambda a: (shutil.rmtree(a.root / "site"), a.link("site", a.outside / "folder")), "build",
        r"site: .*(link|folder)"),

    # stored XSS through addresses
    "javascript: link in an organisation": (
        lambda a: a.append("data/organisations.yml", _org("evil-org", "منظمة الشر", links='["javascript:alert(1)"]')),
        "check", r"data/organisations.yml:\d+: links: address 'javascript:alert\(1\)' is not an http"),
    "data: link in an actor": (
        lambda a: a.append("data/actors.yml", _actor("evil-actor", "فلان الفلاني",
                                                     links='["data:text/html,<script>alert(1)</script>"]')),
        "check", r"data/actors.yml:\d+: links: address 'data:text/html"),
    "links: 5": (
        lambda a: a.append("data/organisations.yml", _org("evil-org", "منظمة الشر", links="5")), "check",
        r"data/organisations.yml:\d+: links must be a list of addresses"),
    "links: a single address instead of a list": (
        lambda a: a.append("data/actors.yml", _actor("evil-actor", "فلان الفلاني", links='"http://x"')), "check",
        r"data/actors.yml:\d+: links must be a list of addresses"),
    "registry link with U+202E": (
        lambda a: a.append("data/organisations.yml",
                           _org("evil-org", "منظمة الشر", links='["https://good.example/\u202egpj.exe"]')),
        "check", r"data/organisations.yml:\d+: links: .*U\+202E"),
    "source url with U+202E": (
        lambda a: a.source(_fm(url='"https://example.org/\u202etxt.exe"')), "check",
        r"sources/bad/source.md:8: url: .*U\+202E"),
    "source url with a zero-width space": (
        lambda a: a.source(_fm(url='"https://exa\u200bmple.org/"')), "check",
        r"sources/bad/source.md:8: url: .*U\+200B"),
    "other_versions url with U+2066": (
        lambda a: a.source(_fm(other_versions='[{language: en, url: "https://example.org/\u2066x"}]')), "check",
        r"sources/bad/source.md:9: other_versions: .*U\+2066"),
    "other_versions language that is markup, not a language code": (
        lambda a: a.source(_fm(other_versions=json.dumps([{"language": '"><script>alert(1)</script>',
                                                           "url": "https://example.org/"}]))), "check",
        r"sources/bad/source.md:9: other_versions: language .* is not a language code"),
    "other_versions javascript: url": (
        lambda a: a.source(_fm(other_versions='[{language: en, url: "javascript:alert(1)"}]')), "check",
        r"sources/bad/source.md:9: other_versions: .*not an http"),

    # YAML
    "alias bomb in front-matter": (
        lambda a: a.source("---\n" + BOMB + "---\n" + BODY), "check",
        r"sources/bad/source.md:\d+: malformed front-matter: anchors and aliases"),
    "alias bomb in a translation memory": (
        lambda a: a.write("sources/good/translation.en.yaml", BOMB), "check",
        r"sources/good/translation.en.yaml:\d+: malformed translation memory: anchors and aliases"),
    "alias bomb in the registry": (
        lambda a: a.write("data/actors.yml", BOMB), "check", r"data/actors.yml:\d+: malformed registry: anchors"),
    "alias bomb in a data file": (
        lambda a: a.write("data/kinds.yml", BOMB), "check", r"data/kinds.yml:\d+: malformed data file: anchors"),
    "duplicate key in front-matter": (
        lambda a: a.source(_fm().replace("title: عنوان\n", "title: عنوان\ntitle: عنوان آخر\n")), "check",
        r"sources/bad/source.md:4: malformed front-matter: the key 'title' appears twice"),
    "duplicate key in a memory entry": (
        lambda a: a.memory("good", _entry("عنوان") + "  en: again\n"), "check",
        r"sources/good/translation.en.yaml:\d+: malformed translation memory: the key 'en' appears twice"),
    "same Arabic twice in a memory": (
        lambda a: a.memory("good", _entry("عنوان") + _entry("عنوان", "Another title")), "check",
        r"sources/good/translation.en.yaml:10: a second entry for the same Arabic .*first at line 4"),
    "duplicate key in a registry entry": (
        lambda a: a.append("data/organisations.yml", _org("evil-org", "منظمة الشر") + "  ar: منظمة أخرى\n"), "check",
        r"data/organisations.yml:\d+: malformed registry: the key 'ar' appears twice"),
    "flow YAML nested 30,000 deep in front-matter": (
        lambda a: a.source(_fm(title="[" * 30000 + "]" * 30000)), "check",
        r"sources/bad/source.md:3: malformed front-matter: nested more than"),
    "flow YAML nested 100,000 deep in a data file": (
        lambda a: a.write("data/kinds.yml", "x: " + "[" * 100000 + "]" * 100000 + "\n"), "check",
        r"data/kinds.yml:1: malformed data file: nested more than"),
    "block YAML nested 100,000 deep in a memory": (
        lambda a: a.write("sources/good/translation.en.yaml", "entries:\n" + "- " * 100000 + "x\n"), "check",
        r"sources/good/translation.en.yaml:\d+: malformed translation memory: .*nesting depth"),
    "!!python/object tag in front-matter": (
        lambda a: a.source(_fm(title="!!python/object/apply:os.system ['touch /tmp/pwned']")), "check",
        r"sources/bad/source.md:3: malformed front-matter: could not determine a constructor"),
    "!!python/name tag in the registry": (
        lambda a: a.append("data/actors.yml", _actor("evil-actor", "!!python/name:os.system")), "check",
        r"data/actors.yml:\d+: malformed registry: could not determine a constructor"),

    # sizes
    "source larger than MAX_SOURCE_BYTES": (
        lambda a: _sparse(a, "sources/bad/source.md", MAX_SOURCE_BYTES + 1), "check",
        r"sources/bad/source.md: is larger than 32 MiB"),
    "translation memory larger than MAX_SOURCE_BYTES": (
        lambda a: _sparse(a, "sources/good/translation.en.yaml", MAX_SOURCE_BYTES + 1), "check",
        r"sources/good/translation.en.yaml: is larger than 32 MiB"),
    "data file larger than MAX_DATA_BYTES": (
        lambda a: _sparse(a, "data/actors.yml", MAX_DATA_BYTES + 1), "check",
        r"data/actors.yml: is larger than 4 MiB"),
    "front-matter larger than MAX_FRONT_MATTER_BYTES": (
        lambda a: a.source(_fm(notes="x" * MAX_FRONT_MATTER_BYTES)), "check",
        r"sources/bad/source.md:2: front-matter is larger than 64 KiB"),

    # registry data loss
    "alias shared by two registry entries": (
        lambda a: a.append("data/organisations.yml", _org("org-one", "منظمة الأولى", aliases="[منظمة مشتركة]")
                           + _org("org-two", "منظمة الثانية", aliases="[منظمة مشتركة]")), "check",
        r"data/organisations.yml:\d+: the name 'منظمة مشتركة' is also a name of 'org-one'"),
    "alias that is a common word": (
        lambda a: a.append("data/actors.yml", _actor("evil-actor", "فلان الفلاني", aliases="[الحكومة]")), "check",
        r"data/actors.yml:\d+: the alias 'الحكومة' is a common word"),

    # tracebacks instead of error lines
    "kinds.yml entry without its English label": (
        lambda a: _replace(a, "data/kinds.yml", "  en: News report\n", ""), "check",
        r"data/kinds.yml(:\d+)?: 'news-report' needs a label in each language"),
    "actor_types.yml entry without its English label": (
        lambda a: _replace(a, "data/actor_types.yml", "{ar: أشخاص, en: People}", "{ar: أشخاص}"), "check",
        r"data/actor_types.yml(:\d+)?: 'person' needs a label in each language"),
    "labels.yml without a label the pages use": (
        lambda a: _drop_ui_label(a, "cite_plain"), "build",
        r"data/labels.yml(:\d+)?: no label 'cite_plain' in the 'en' block"),
    "labels.yml without its 'en' block": (
        lambda a: _replace(a, "data/labels.yml", "\nen:", "\nx-en:"),
        "build", r"data/labels.yml(:\d+)?: needs a block 'en:'"),
    "translator given as a list": (
        lambda a: a.memory("good", _entry("عنوان", translator="[a, b]")), "check",
        r"sources/good/translation.en.yaml:4: entry field 'translator' must be text"),
    "mkdocs.yml without site_url": (
        lambda a: _replace(a, "mkdocs.yml", "\nsite_url:", "\n# site_url:"), "build",
        r"mkdocs.yml(:\d+)?: .*site_url"),

    # accepted silently before
    "NUL byte in a source": (
        lambda a: a.source(front_matter(id="bad") + "سطر أول\nسطر\x00ثان\n"), "check",
        r"sources/bad/source.md:11: contains the control character U\+0000"),
    "title made only of zero-width spaces": (
        lambda a: a.source(_fm(title='"\u200b\u200b\u200b"')), "check",
        r"sources/bad/source.md:3: field 'title' must be non-empty text \(with visible characters\)"),
    "title made only of bidi marks": (
        lambda a: a.source(_fm(title='"\u202e\u200f"')), "check",
        r"sources/bad/source.md:3: field 'title' must be non-empty text"),
    "title made only of Hangul fillers, which draw nothing": (
        lambda a: a.source(_fm(title='"\u3164\u3164"')), "check",
        r"sources/bad/source.md:3: field 'title' must be non-empty text"),

    # found by a red-team session (27 November): tracebacks, escapes, silent losses
    "an escape sequence written as a YAML escape in a title": (
        lambda a: a.source(_fm(title='"عنوان \\x1b[31m أحمر"')), "check",
        r"sources/bad/source.md:3: malformed front-matter: a value holds the control character U\+001B"),
    "an escape sequence in a memory's translates_earlier": (
        lambda a: a.memory("good", _entry("عنوان", translates_earlier='{ar: x, noticed: "\\x1b]0;PWNED\\x07"}')),
        "check", r"sources/good/translation.en.yaml:\d+: malformed translation memory: a value holds the control "
                 r"character U\+001B"),
    "a noncharacter in a paragraph (ill-formed XML in the feeds)": (
        lambda a: a.source(front_matter(id="bad") + "سطر أول\nسطر\uffff ثان\n"), "check",
        r"sources/bad/source.md:11: contains the control character U\+FFFF"),
    "a C1 control character in a paragraph": (
        lambda a: a.source(front_matter(id="bad") + "سطر\x9b أول\n"), "check",
        r"sources/bad/source.md:10: contains the control character U\+009B"),
    "a day that does not exist, unquoted, in the registry (a traceback)": (
        lambda a: _replace(a, "data/actors.yml", "- id: sdf\n", "- id: sdf\n  since: 2026-13-01\n"), "check",
        r"data/actors.yml:31: malformed registry: 2026-13-01 is not a real date \(month must be in 1..12\)"),
    "a merge key in the front-matter": (
        lambda a: a.source(front_matter(id="bad").replace("---\n", "---\n<<: {title: LOST}\n", 1) + BODY),
        "check", r"sources/bad/source.md:2: malformed front-matter: the merge key << is not allowed"),
    "a source folder whose name holds a line break and an escape": (
        lambda a: a.source(_fm(kind="poem"), folder="zz\nerror: data-actors.yml:1: \x1b[31mall good"), "check",
        r"sources/'zz\\nerror: data-actors.yml:1: \\x1b\[31mall good': a name with unprintable characters"),
    "a registry id ending in a line break": (
        lambda a: a.append("data/actors.yml", _actor('"zzz\\n"', "زززز")), "check",
        r"data/actors.yml:\d+: id 'zzz\\n' is not lower-case letters"),
    "a registry type given as a list": (
        lambda a: a.append("data/actors.yml", _actor("list-type", "فلان الفلاني").replace("type: person",
                                                                                           "type: [person]")),
        "check", r"data/actors.yml:\d+: field 'type' must be text, not list"),
    "a registry seat given as a list": (
        lambda a: a.append("data/actors.yml", _actor("list-seat", "فلان الفلاني", seat="[x]")), "check",
        r"data/actors.yml:\d+: field 'seat' must be text, not list"),
    "an alias context given as a list": (
        lambda a: a.append("data/actors.yml", _actor("list-context", "فلان الفلاني",
                                                     aliases="[{name: ققق, context: [x]}]")), "check",
        r"data/actors.yml:\d+: an alias with a context is"),
    "not_names.yml that is not a list": (
        lambda a: a.write("data/not_names.yml", "not_names: 5\n"), "check",
        r"data/not_names.yml: needs a list 'not_names:' of phrases"),
    "a label whose placeholder is misspelt in one language": (
        lambda a: _replace(a, "data/labels.yml", '"page {page} of {pages}"', '"page {page} of {pagse}"'), "build",
        r"data/labels.yml: label 'page_of': 'en' has the placeholders \['page', 'pagse'\], 'ar' has "
        r"\['page', 'pages'\]"),
    "a plural label without its 'other' form": (
        lambda a: _replace(a, "data/labels.yml", ', other: "{count} of {n} paragraphs"}', "}"), "build",
        r"data/labels.yml: label 'count_paragraphs' \('en'\): a plural label needs an 'other' form"),
    "a kind whose key is not a safe path segment": (
        lambda a: a.append("data/kinds.yml", "'../../../../tmp/x': {ar: قصيدة, en: Poem}\n"), "check",
        r"data/kinds.yml: '../../../../tmp/x' is not lower-case letters, digits and single hyphens"),
    "a memory's English made only of zero-width spaces": (
        lambda a: a.memory("good", _entry("عنوان", en="\u200b\u200b")), "check",
        r"sources/good/translation.en.yaml:\d+: entry field 'en' must be non-empty text \(with visible"),
    "an other version whose title is not text": (
        lambda a: a.source(_fm(other_versions='[{language: en, title: [x], url: "https://example.org/x"}]')), "check",
        r"sources/bad/source.md:\d+: other_versions: title must be text with visible characters"),
    "a memory's translator made only of a zero-width space": (
        lambda a: a.memory("good", _entry("عنوان", translator='"\\u200b"')), "check",
        r"sources/good/translation.en.yaml:\d+: entry field 'translator' must have visible characters"),
}


@pytest.mark.parametrize("case", REFUSED)
def test_pull_request_input_is_refused_in_one_line_touching_nothing(archive, case):
    plant, command, expected = REFUSED[case]
    plant(archive)
    guard = archive.guard()
    started = time.monotonic()
    result = archive.cli(command, timeout=60)
    assert_one_error(result, expected)
    assert time.monotonic() - started < 30, "refused, but not quickly"
    guard.check()


@pytest.mark.parametrize("env", [{"SOURCE_DATE_EPOCH": "yesterday"}, {"SOURCE_DATE_EPOCH": "-1e99"}],
                         ids=["word", "float"])
def test_source_date_epoch_that_is_not_a_number_is_one_error_line(archive, env):
    guard = archive.guard()
    result = archive.cli("build", env=env)
    assert_one_error(result, r"SOURCE_DATE_EPOCH: .*")
    guard.check()


def test_argos_packages_dir_that_is_a_file_is_one_error_line(archive):
    (archive.outside / "packages").write_text("not a folder\n", encoding="utf-8")
    guard = archive.guard()
    for command in ("build", "model"):
        result = archive.cli(*([command, "status"] if command == "model" else [command]),
                             env={"ARGOS_PACKAGES_DIR": str(archive.outside / "packages")})
        assert_one_error(result, rf"{archive.outside / 'packages'}: .*")
    guard.check()


def test_model_package_without_model_folder_is_one_error_line(archive):
    package = archive.outside / "packages" / "translate-ar_en-1_0"
    package.mkdir(parents=True)
    (package / "metadata.json").write_text(json.dumps(
        {"package_version": "1.0", "from_code": "ar", "to_code": "en", "from_name": "Arabic",
         "to_name": "English", "argos_version": "1.0"}), encoding="utf-8")
    guard = archive.guard()
    result = archive.cli("build", env={"ARGOS_PACKAGES_DIR": str(archive.outside / "packages")})
    assert_one_error(result, rf"{package}.*: .*model")
    guard.check()


def test_add_into_read_only_sources_is_one_error_line(archive):
    text = archive.outside / "new.txt"
    text.write_text("بيان جديد\nنص الفقرة.\n", encoding="utf-8")
    sources = archive.project.sources_dir
    prefix = []
    if os.geteuid() == 0:  # root writes anywhere: run the command without root's capabilities
        if not shutil.which("setpriv"):
            pytest.skip("running as root without setpriv: a read-only folder cannot be made")
        prefix = ["setpriv", "--bounding-set", "-all", "--"]
    os.chmod(sources, 0o555)
    try:
        guard = archive.guard()
        result = archive.cli("add", str(text), "--id", "new", prefix=prefix)
        assert_one_error(result, r"\S*sources(/new)?: Permission denied")
        guard.check()
    finally:
        os.chmod(sources, 0o755)


def test_html_given_to_add_is_never_ingested_as_text_with_tags(archive):
    page = archive.outside / "statement.html"
    page.write_text("<!DOCTYPE html><html><head><title>بيان</title><script>alert(1)</script></head>"
                    "<body><p>نص <b>البيان</b> الأول.</p><p>الفقرة الثانية.</p></body></html>\n", encoding="utf-8")
    guard = archive.guard()
    result = archive.cli("add", str(page), "--id", "from-html")
    if result.returncode == 0:  # ingested through an HTML path: the text, never the tags
        written = (archive.project.sources_dir / "from-html" / "source.md").read_text(encoding="utf-8")
        assert "<p>" not in written and "<b>" not in written and "<script>" not in written, written
        assert "الفقرة الثانية." in written
        shutil.rmtree(archive.project.sources_dir / "from-html")
    else:
        assert_one_error(result, r"\S*statement.html: .*")
    guard.check()


# -- the publishing machinery ------------------------------------------------------------------

def test_hand_written_files_in_generated_folders_are_kept_and_published(archive):
    license_text, logo = b"CC BY 4.0, hand-written\n", b"\x89PNG\r\n\x1a\nnot really\n"
    archive.write("docs/ar/downloads/LICENSE", license_text)
    archive.write("docs/ar/actors/logo.png", logo)
    guard = archive.guard()
    result = archive.cli("build")
    assert result.returncode == 0, result.stderr[-3000:]
    guard.check(site=False)
    site = archive.project.site_dir
    assert (site / "downloads" / "LICENSE").read_bytes() == license_text
    assert (site / "actors" / "logo.png").read_bytes() == logo
    assert (site / "downloads" / "archive.json").is_file() and (site / "actors" / "sdf" / "index.html").is_file()


@pytest.mark.parametrize("page", ["docs/ar/actors/sdf.md", "docs/ar/actors/sdf/index.md",
                                  "docs/en/sources/good/README.md", "docs/ar/index.html", "docs/en/sources/index.md"])
def test_hand_written_file_at_a_generated_page_path_is_an_error_naming_it(archive, page):
    """Also at another file name published at the same address (x/index.md or x/index.html for
    x.md): it replaced the generated page silently, or mkdocs refused it naming only mkdocs.yml."""
    archive.write(page, "# My own page\n")
    guard = archive.guard()
    assert_one_error(archive.cli("build"), rf"{page}: has the path of a generated page")
    guard.check()


def test_failed_build_leaves_site_byte_identical(archive):
    archive.source(_fm(kind="poem"))
    guard = archive.guard()
    assert_one_error(archive.cli("build"), r"sources/bad/source.md:5: unknown kind 'poem'")
    guard.check()


def test_broken_theme_override_fails_in_one_line_and_keeps_site(archive):
    archive.write("overrides/main.html", '{% extends "base.html" %}\n{% block content %}\n{% if %}\n')
    guard = archive.guard()
    assert_error_after_progress(archive.cli("build"), r"overrides/main.html:3: theme template error: Expected an")
    guard.check()


def test_plain_mkdocs_build_with_bad_source_fails_in_one_error_line_and_writes_nothing(archive):
    archive.source(_fm(url="file:///etc/passwd"))
    stage_before = _tree(archive.project.stage_dir)
    guard = archive.guard()
    result = archive.mkdocs()
    assert result.returncode != 0
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 1 and "Traceback" not in result.stderr, result.stderr[-3000:]
    assert "sources/bad/source.md:8: url: address 'file:///etc/passwd' is not an http" in errors[0]
    guard.check()
    assert _tree(archive.project.stage_dir) == stage_before


def test_plain_mkdocs_build_refuses_a_site_folder_that_is_a_symlink(archive):
    shutil.rmtree(archive.project.site_dir)
    archive.link("site", archive.outside / "folder")
    guard = archive.guard()
    result = archive.mkdocs()
    assert result.returncode != 0
    assert "site: " in result.stderr and "Traceback" not in result.stderr, result.stderr[-3000:]
    guard.check()


def test_next_build_clears_its_own_folders_without_following_links(archive):
    """Leftovers of a killed build, and links committed into build/docs/ or build/site/
    (git ignores build/, but a pull request can add ignored files), are removed, never followed."""
    (archive.root / ".site-new-99999" / "en").mkdir(parents=True)
    (archive.root / ".site-new-99999" / "index.html").write_text("half a site", encoding="utf-8")
    archive.link(".site-new-99998", archive.outside / "folder")
    archive.link("build/docs/ar/search", archive.outside / "folder")
    archive.link("build/docs/ar/actors/sdf.md", archive.outside / "sentinel.txt")
    os.mkfifo(archive.root / "build/docs/ar/pipe.md")
    (archive.root / "build/site/assets").mkdir(parents=True, exist_ok=True)
    archive.link("build/site/assets/javascripts", archive.outside / "folder")
    archive.link("build/site-previous/search", archive.outside / "folder")  # where the next build publishes from
    archive.link("build/site-previous/index.html", archive.outside / "sentinel.txt")
    os.mkfifo(archive.root / "build/site-previous/pipe.html")
    guard = archive.guard()
    result = archive.cli("build")
    assert result.returncode == 0, result.stderr[-3000:]
    guard.check(site=False)
    assert not [p.name for p in archive.root.iterdir() if p.name.startswith(".site-")]
    assert not [p for p in archive.project.build_dir.rglob("*") if p.is_symlink() or p.is_fifo()]
    site = archive.project.site_dir
    assert (site / "search/index.html").is_file() and (site / "assets/javascripts/archive-copy.js").is_file()
    assert "sdf" in (site / "actors/sdf/index.html").read_text(encoding="utf-8")
    assert (site / "sources/good/index.html").is_file()


def test_published_files_follow_the_umask(archive):
    """Two builds under umask 077 (a cron job), then one under 022 with nothing changed, which
    brings the first one's files and folders up to date: the site is world-readable again."""
    for _ in range(2):
        assert archive.cli("build", umask=0o077).returncode == 0
    assert {stat.S_IMODE(p.stat().st_mode) for p in archive.project.site_dir.rglob("*") if p.is_file()} == {0o600}
    result = archive.cli("build", umask=0o022)
    assert result.returncode == 0, result.stderr[-3000:]
    site = archive.project.site_dir
    assert {oct(stat.S_IMODE(p.stat().st_mode)) for p in site.rglob("*") if p.is_file()} == {oct(0o644)}
    assert {oct(stat.S_IMODE(p.stat().st_mode)) for p in site.rglob("*") if p.is_dir()} == {oct(0o755)}


def test_two_builds_at_once_run_one_after_the_other(archive):
    archive.source(front_matter(id="second") + BODY, folder="second")
    guard = archive.guard()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "build_tools", "build"]
    first = subprocess.Popen(command, cwd=archive.root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True)
    lock = os.open(archive.root / "build" / ".lock", os.O_RDWR | os.O_CREAT)
    try:  # wait until the first build holds the lock
        while first.poll() is None:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                break
            fcntl.flock(lock, fcntl.LOCK_UN)
            time.sleep(0.05)
    finally:
        os.close(lock)
    assert first.poll() is None, "the first build ended before the second could start"
    second = subprocess.Popen(command, cwd=archive.root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True)
    outputs = [p.communicate(timeout=TIMEOUT) for p in (first, second)]
    assert [first.returncode, second.returncode] == [0, 0], [e[-2000:] for _, e in outputs]
    assert "another build or translate run of this archive is running; waiting" in outputs[1][1]
    guard.check(site=False)
    site = archive.project.site_dir
    assert (site / "sources" / "second" / "index.html").is_file() and (site / "sources/good/index.html").is_file()
    assert not [p.name for p in archive.root.iterdir() if p.name.startswith(".site-")]


# -- what a successful build makes of hostile text ----------------------------------------------

ATTACK = '<script>alert("x")</script><img src=x onerror=alert(1)>'
RLO_TITLE = "عنوان \u202eمقلوب"
HYPERLINK = '=HYPERLINK("http://evil.example")'


@pytest.fixture(scope="module")
def attack(tmp_path_factory) -> tuple[Project, Path, dict]:
    """An archive whose every registry and translation field carries markup, formulas and
    direction overrides, built once; with a sentinel folder beside it."""
    tmp = tmp_path_factory.mktemp("attack")
    (tmp / "archive").mkdir()
    project = make_archive(tmp / "archive", with_seeds=False)
    outside = tmp / "outside"
    outside.mkdir()
    (outside / "sentinel.txt").write_text("someone else's file\n", encoding="utf-8")
    a = Archive(project, outside)
    a.append("data/organisations.yml", f"- id: evil-org\n  ar: {json.dumps('منظمة ' + ATTACK)}\n"
                                       "  en: " + json.dumps(HYPERLINK + ATTACK) + "\n")
    a.append("data/actors.yml", f"- id: evil-actor\n  type: person\n  ar: فلان الفلاني\n"
                                f"  en: {json.dumps('@SUM(1+1)' + ATTACK)}\n"
                                f"  description: {{en: {json.dumps(ATTACK)}, ar: {json.dumps(ATTACK)}}}\n")
    a.source(front_matter(id="formula-a", title="'=1+2'", publisher="'+3'", author="'-4'",
                          other_versions=json.dumps([{"language": "en", "title": ATTACK, "publisher": ATTACK,
                                                      "url": "https://example.org/x"}]),
                          notes=json.dumps({"en": ATTACK, "ar": ATTACK}), date_note=json.dumps({"en": ATTACK}))
             + "فلان الفلاني يتحدث.\n", folder="formula-a")
    a.memory("formula-a", _entry("=1+2", "\t=5+6", translator=json.dumps(ATTACK))
             + _entry("فلان الفلاني يتحدث.", ATTACK), source_id="formula-a")
    a.source(front_matter(id="formula-b", title="'@SUM(7)'") + "نص.\n", folder="formula-b")
    a.memory("formula-b", _entry("@SUM(7)", "\r=8"), source_id="formula-b")
    a.source(front_matter(id="bidi", title=json.dumps(RLO_TITLE), publisher=json.dumps("ناشر \u202eمقلوب"))
             + "نص.\n", folder="bidi")
    before = _tree(outside, with_mtime=True)
    build_site(project)
    return project, project.site_dir, {"outside": before}


def test_markup_in_registry_translations_and_other_versions_is_escaped_everywhere(attack):
    _, site, _ = attack
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert "<script>alert" not in html and "<img src=x" not in html, path
    actor = BeautifulSoup((site / "en/actors/evil-actor/index.html").read_text("utf-8"), "html.parser")
    assert ATTACK in actor.select_one("h1").get_text() and ATTACK in actor.get_text().replace(actor.h1.get_text(), "")
    org = BeautifulSoup((site / "organisations/evil-org/index.html").read_text("utf-8"), "html.parser")
    assert ATTACK in org.select_one("h1").get_text()
    english = BeautifulSoup((site / "en/sources/formula-a/index.html").read_text("utf-8"), "html.parser")
    assert ATTACK in english.select_one(".archive-text").get_text()  # the translation
    assert english.get_text().count(ATTACK) >= 3  # other version's title and publisher, the translator
    assert not english.select("img[onerror]")


def _csv(site: Path, name: str) -> tuple[bytes, list[dict]]:
    data = (site / "downloads" / name).read_bytes()
    return data, list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_csv_downloads_start_with_a_bom_and_neutralise_formula_cells(attack):
    _, site, _ = attack
    names = sorted(p.name for p in (site / "downloads").glob("*.csv"))
    assert {"sources.csv", "organisations.csv", "actors.csv"} <= set(names)
    for name in names:
        data, rows = _csv(site, name)
        assert data.startswith(b"\xef\xbb\xbf"), name
        for row in rows:
            for column, cell in row.items():
                assert not (cell or "").startswith(FORMULA_PREFIXES), (name, column, cell)
    sources = {r["id"]: r for r in _csv(site, "sources.csv")[1]}
    assert (sources["formula-a"]["title"], sources["formula-b"]["title"]) == ("'=1+2", "'@SUM(7)")
    assert (sources["formula-a"]["title_en"], sources["formula-b"]["title_en"]) == ("'\t=5+6", "'\r=8")
    orgs = {r["id"]: r for r in _csv(site, "organisations.csv")[1]}
    assert orgs["evil-org"]["en"] == "'" + HYPERLINK + ATTACK
    actors = {r["id"]: r for r in _csv(site, "actors.csv")[1]}
    assert actors["evil-actor"]["en"] == "'@SUM(1+1)" + ATTACK


def test_json_download_keeps_the_exact_text(attack):
    _, site, _ = attack
    data = json.loads((site / "downloads" / "archive.json").read_text(encoding="utf-8"))
    sources = {s["id"]: s for s in data["sources"]}
    assert (sources["formula-a"]["title"], sources["formula-a"]["title_en"]) == ("=1+2", "\t=5+6")
    assert sources["formula-b"]["title_en"] == "\r=8"
    assert sources["bidi"]["title"] == RLO_TITLE
    assert {o["id"]: o["en"] for o in data["organisations"]}["evil-org"].startswith("=HYPERLINK(")


@pytest.mark.parametrize("url", ["sources/bidi", "en/sources/bidi"])
def test_unterminated_override_in_a_title_does_not_reverse_the_rest_of_the_citation(attack, url):
    _, site, _ = attack
    soup = BeautifulSoup((site / url / "index.html").read_text("utf-8"), "html.parser")
    plain = soup.select_one('pre[data-cite="plain"]').get_text()
    assert "\u2068" + RLO_TITLE + "\u2069" in plain, repr(plain)
    assert "\u2068ناشر \u202eمقلوب\u2069" in plain, repr(plain)
    depth = 0  # every override or isolate the user opened is closed by an isolate before the archive's own text
    for c in plain:
        depth += 1 if c == "\u2068" else -1 if c == "\u2069" else 0
        assert depth >= 0
    assert depth == 0
    rest = plain.split(RLO_TITLE + "\u2069", 1)[1]
    assert "\u202e" not in rest.split("\u2068")[0]


def test_attack_build_touched_nothing_outside(attack):
    project, _, before = attack
    assert _tree(project.root.parent / "outside", with_mtime=True) == before["outside"]
