"""Fixtures: a throwaway copy of the archive, built for real with mkdocs.

Each test that needs an archive gets its own folder with the repository's
mkdocs.yml, data, overrides and hand-written docs, so building it can never
touch the real site/ or docs/.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from build_tools.project import Project
from build_tools.site import build_site

REPO = Path(__file__).resolve().parent.parent
HAND_WRITTEN_DOCS = ("ar/about.md", "en/about.md")


def make_archive(root: Path, with_seeds: bool) -> Project:
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "data", root / "data")
    shutil.copytree(REPO / "overrides", root / "overrides")
    (root / "build_tools").symlink_to(REPO / "build_tools")
    for rel in HAND_WRITTEN_DOCS:
        (root / "docs" / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / "docs" / rel, root / "docs" / rel)
    if with_seeds:
        shutil.copytree(REPO / "sources", root / "sources")
    else:
        (root / "sources").mkdir()
    return Project(root)


def write_file(path: Path, content: str | bytes) -> Path:
    """Write ``content`` (UTF-8 text or bytes) at ``path``, making its folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def write_source(project: Project, folder: str, text: str | bytes) -> Path:
    return write_file(project.sources_dir / folder / "source.md", text)


def front_matter(**overrides) -> str:
    """Front-matter of a valid source, with fields replaced (or removed when given as ...)."""
    fields = {"id": "test-source", "title": "عنوان", "date": "2023-09-05", "kind": "news-report",
              "publisher": "null", "author": "null", "url": "null"}
    fields.update(overrides)
    return "---\n" + "".join(f"{k}: {v}\n" for k, v in fields.items() if v is not ...) + "---\n"


def page(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="session", autouse=True)
def no_installed_model(tmp_path_factory):
    """Tests never see a model installed on the machine: argostranslate looks in an empty
    folder (and keeps its settings and caches out of the home folder) unless a test installs one."""
    home = tmp_path_factory.mktemp("argos-home")
    saved = dict(os.environ)
    os.environ.update({"ARGOS_PACKAGES_DIR": str(home / "packages"), "XDG_DATA_HOME": str(home / "data"),
                       "XDG_CONFIG_HOME": str(home / "config"), "XDG_CACHE_HOME": str(home / "cache")})
    yield
    os.environ.clear()
    os.environ.update(saved)


@pytest.fixture
def archive(tmp_path) -> Project:
    return make_archive(tmp_path, with_seeds=False)


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory) -> Path:
    """The five seed documents built once, as a maintainer would with `python -m build_tools build`."""
    project = make_archive(tmp_path_factory.mktemp("seeds"), with_seeds=True)
    return build_site(project)
