"""Two builds of the same sources give byte-identical sites (on the same day: the sitemap's
lastmod is the build date unless SOURCE_DATE_EPOCH fixes it)."""
from __future__ import annotations

import shutil

from build_tools.site import build_site

from .conftest import make_archive


def snapshot(site) -> dict:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_builds_of_the_same_sources_are_byte_identical(tmp_path):
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    archive = make_archive(tmp_path / "one", with_seeds=True)
    first = snapshot(build_site(archive))
    shutil.rmtree(archive.site_dir)
    rebuilt = snapshot(build_site(archive))
    elsewhere = snapshot(build_site(make_archive(tmp_path / "two", with_seeds=True)))
    assert first.keys() == rebuilt.keys() == elsewhere.keys()
    assert [name for name in first if not first[name] == rebuilt[name] == elsewhere[name]] == []
