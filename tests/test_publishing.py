"""A build meant for the public refuses the builder's local address, and publishes one
whose every link carries the public one."""
from __future__ import annotations

from .conftest import front_matter, write_source
from .test_bad_input import BODY, run_cli


def test_publishing_with_the_local_preview_address_is_refused_in_one_line(archive, monkeypatch):
    write_source(archive, "s", front_matter() + BODY)
    monkeypatch.delenv("ARCHIVE_SITE_URL", raising=False)
    result = run_cli(archive, "build", "--publish")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "error: mkdocs.yml: site_url is the local address http://127.0.0.1:8000/; set the public one: "
        "ARCHIVE_SITE_URL=https://example.org/archive/ make publish"]
    assert not archive.site_dir.exists()


def test_a_published_site_names_only_its_public_address(archive, monkeypatch):
    write_source(archive, "s", front_matter() + BODY)
    monkeypatch.setenv("ARCHIVE_SITE_URL", "https://example.org/archive/")
    result = run_cli(archive, "build", "--publish")
    assert result.returncode == 0, result.stderr
    texts = {p: p.read_bytes() for p in archive.site_dir.rglob("*") if p.is_file()}  # every file, scripts included
    assert not [p for p, t in texts.items() if b"127.0.0.1" in t or b"localhost" in t]
    assert not [p for p in texts if p.suffix == ".map"]  # the theme's source maps are not published
    source_page = (archive.site_dir / "sources/test-source/index.html").read_text(encoding="utf-8")
    assert "https://example.org/archive/sources/test-source/" in source_page


def test_a_local_address_in_a_source_is_refused_naming_the_source_and_line(archive, monkeypatch):
    """Not the built file that shows it (build/site/downloads/archive.json, which no one edits)."""
    write_source(archive, "s", front_matter(url="http://localhost:8000/article") + BODY)
    monkeypatch.setenv("ARCHIVE_SITE_URL", "https://example.org/archive/")
    result = run_cli(archive, "build", "--publish")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == (
        "error: sources/s/source.md:8: names a local address (127.0.0.1 or localhost); nothing was published")
    assert not archive.site_dir.exists()
