"""A rebuild after a change re-extracts and re-renders only what the change touches, and
publishes exactly what a clean build of the same checkout publishes."""
from __future__ import annotations

import datetime
import json
import os
import shutil
import stat
import tempfile

import pytest
from jinja2 import DictLoader, Environment
from mkdocs import utils as mkdocs_utils

from build_tools import cache, pipeline, render
from build_tools import site as site_module
from build_tools.cache import ExtractionCache, PageKeys
from build_tools.render import compiled_templates
from build_tools.site import build_site
from build_tools.sources import load_sources

from .conftest import front_matter, make_archive, write_source

SOURCE = "sources/coalition-calls-to-end-fighting/source.md"


def snapshot(site) -> dict:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def clean_build(project) -> dict:
    for name in ("build", "site"):
        shutil.rmtree(project.root / name)
    return snapshot(build_site(project))


def edit_paragraph(project):
    path = project.root / SOURCE
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + " وأضاف المصدر تفصيلاً.\n", encoding="utf-8")


def add_source(project):
    folder = project.sources_dir / "added-report"
    folder.mkdir()
    text = (project.root / SOURCE).read_text(encoding="utf-8")
    (folder / "source.md").write_text(text.replace("id: coalition-calls-to-end-fighting", "id: added-report", 1)
                                      .replace("date: 2023-09", "date: 2023-08-29", 1), encoding="utf-8")


def mention_sdf_once_more_early(project):
    """One more paragraph naming the SDF in the earliest source: every later item of the SDF's
    listing moves one place, across page boundaries, while their sources stay the same."""
    path = project.sources_dir / "sdf-launches-enhancing-security" / "source.md"
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n\nوأكدت قوات سوريا الديمقراطية ذلك لاحقاً.\n",
                    encoding="utf-8")


def remove_source(project):
    shutil.rmtree(project.sources_dir / "sharqia-post-results-of-the-campaign")


def rename_actor(project):
    path = project.data_dir / "actors.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("en: Islamic State (ISIS)", "en: ISIS", 1),
                    encoding="utf-8")


@pytest.mark.parametrize("change", [edit_paragraph, add_source, remove_source, rename_actor])
def test_a_rebuild_after_a_change_equals_a_clean_build(tmp_path, change):
    """Built twice first: the rebuild brings the site published two builds before up to date."""
    project = make_archive(tmp_path, with_seeds=True)
    build_site(project)
    build_site(project)
    change(project)
    rebuilt = snapshot(build_site(project))
    assert rebuilt == clean_build(project)


@pytest.mark.parametrize("change", [edit_paragraph, add_source, remove_source, mention_sdf_once_more_early])
def test_listings_split_into_pages_are_rebuilt_right_when_items_move_between_pages(tmp_path, monkeypatch, change):
    """With two items a page, a change moves items across page boundaries: a page whose
    items' sources did not change may still show other items of them, and must follow."""
    monkeypatch.setattr(render, "PER_PAGE", 2)
    monkeypatch.setattr(render, "DEMANDING_SOURCES_PER_PAGE", 1)
    project = make_archive(tmp_path, with_seeds=True)
    build_site(project)
    change(project)
    rebuilt = snapshot(build_site(project))
    assert rebuilt == clean_build(project)


def test_editing_one_source_rewrites_only_the_pages_that_show_it(tmp_path):
    project = make_archive(tmp_path, with_seeds=True)
    build_site(project)
    staged = project.stage_dir
    before = {p: p.stat().st_mtime_ns for p in staged.rglob("*.md")}
    edit_paragraph(project)
    build_site(project)
    changed = {p.relative_to(staged).as_posix() for p, t in before.items() if p.stat().st_mtime_ns != t}
    assert "ar/sources/coalition-calls-to-end-fighting.md" in changed
    assert not any(p.startswith(("ar/sources/civil-society", "en/sources/civil-society", "ar/organisations/"))
                   for p in changed), changed
    assert len(changed) < len(before) // 4


def test_adding_a_source_leaves_the_pages_that_do_not_show_it_as_they_were(tmp_path, monkeypatch):
    """An early source with demands moves every later source down the demands listing, one page
    each: the pages of the organisations and sources that link to their demands must not follow
    (they did: 118 organisation pages of 200 sources changed for a source that names none)."""
    monkeypatch.setattr(render, "DEMANDING_SOURCES_PER_PAGE", 1)
    project = make_archive(tmp_path, with_seeds=True)
    before = snapshot(build_site(project))
    add_source(project)
    after = snapshot(build_site(project))
    changed = {p for p in before if before[p] != after.get(p)}
    assert any(p.startswith("demands/from/") for p in changed)  # the listing itself moved
    assert not [p for p in changed if p.startswith(("organisations/", "en/organisations/", "sources/civil-society",
                                                    "en/sources/civil-society"))]


def test_a_published_file_is_never_changed_in_place_by_the_next_build(tmp_path):
    """A reader (or a web server) holding a published file while a rebuild replaces it still
    reads it whole: the search index and downloads are hard links to what the build staged,
    and every file unchanged by the second build is shared with the site the third one
    starts from (build/site-previous/)."""
    project = make_archive(tmp_path, with_seeds=True)
    build_site(project)
    site = build_site(project)
    published = {rel: (site / rel).open("rb") for rel in ("downloads/sources.csv", "downloads/archive.json",
                                                          "sources/coalition-calls-to-end-fighting/index.html")}
    before = {rel: (site / rel).read_bytes() for rel in published}
    try:
        edit_paragraph(project)
        build_site(project)
        for rel, held in published.items():
            assert held.read() == before[rel]  # the old file, unchanged
            assert (site / rel).read_bytes() != before[rel]  # the new one published beside it
    finally:
        for held in published.values():
            held.close()


def demanding_source(project, name: str, date: str, demands: int) -> None:
    """A source with ``demands`` paragraphs, each a demand to the SDF (given in its front-matter)."""
    listed = "".join(f"\n  - {{paragraph: {n}, addressees: [sdf]}}" for n in range(1, demands + 1))
    text = front_matter(id=name, date=date, demands=listed) + "".join(
        f"\nالفقرة {n}: مطلب موجه إلى الجهة المعنية.\n" for n in range(1, demands + 1))
    write_source(project, name, text)


def test_a_listing_page_follows_items_that_move_while_their_sources_do_not_change(tmp_path, monkeypatch):
    """Demands to the SDF, two a page: [a1 b1 | b2 b3 | c1 c2]. The first source gains a demand
    and the last loses one: [a1 a2 | b1 b2 | b3 c1]. Page 2 still lists only source b, b is
    unchanged and so is the page count, yet it shows other demands of b."""
    monkeypatch.setattr(render, "PER_PAGE", 2)
    project = make_archive(tmp_path, with_seeds=False)
    for name, date, count in (("a", "2023-08-01", 1), ("b", "2023-08-02", 3), ("c", "2023-08-03", 2)):
        demanding_source(project, name, date, count)
    build_site(project)
    demanding_source(project, "a", "2023-08-01", 2)
    demanding_source(project, "c", "2023-08-03", 1)
    rebuilt = snapshot(build_site(project))
    assert "d-b-" in rebuilt["demands/to/sdf/page-2/index.html"].decode()
    assert rebuilt == clean_build(project)


def test_a_damaged_cache_entry_is_made_again(tmp_path):
    """An entry with the right key but a value that is not an extraction (edited by hand,
    or by a pull request that commits build/) is extracted again, not trusted."""
    project = make_archive(tmp_path, with_seeds=True)
    build_site(project)
    entry = project.build_dir / "cache" / "extract" / "coalition-calls-to-end-fighting.json"
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["value"] = {"type": "NotAnExtraction", "fields": {}}
    entry.write_text(json.dumps(data), encoding="utf-8")
    rebuilt = snapshot(build_site(project))  # every build loads every source's entry
    assert rebuilt == clean_build(project)


def test_a_damaged_download_rows_entry_is_made_again(tmp_path):
    """A source's rows in the downloads are cached as written; an entry of the right key but the
    wrong shape is written again, not copied into archive.json or crashed on."""
    project = make_archive(tmp_path, with_seeds=True)
    build_site(project)
    entry = project.build_dir / "cache" / "export" / "coalition-calls-to-end-fighting.json"
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["value"]["mentions"] = {"json": "not a list", "csv": 1}
    entry.write_text(json.dumps(data), encoding="utf-8")
    rebuilt = snapshot(build_site(project))
    assert rebuilt == clean_build(project)


def test_upgrading_an_arabic_library_that_extraction_reads_makes_every_entry_and_page_again(tmp_path, monkeypatch):
    """Letter forms, plurals, stop words and verb forms come from libraries: a new version may read
    a source differently, so no extraction made under the old version is used, nor any page showing it."""
    project = make_archive(tmp_path, with_seeds=True)
    source = load_sources(project)[0]
    before = ExtractionCache(project).key(source), PageKeys(project).shared
    real = cache.metadata.version
    monkeypatch.setattr(cache.metadata, "version", lambda name: "9.9" if name == "libqutrub" else real(name))
    after = ExtractionCache(project).key(source), PageKeys(project).shared
    assert after[0] != before[0] and after[1] != before[1]
    monkeypatch.setattr(cache.metadata, "version", real)
    assert (ExtractionCache(project).key(source), PageKeys(project).shared) == before


def test_a_file_that_becomes_a_folder_is_published_as_one(tmp_path):
    """A hand-written file docs/ar/notes, then a page docs/ar/notes/index.md: the sites kept
    from earlier builds hold a file where the new one has a folder, and are brought up to date."""
    project = make_archive(tmp_path, with_seeds=False)
    (project.docs_dir / "ar" / "notes").write_text("plain notes\n", encoding="utf-8")
    build_site(project)
    build_site(project)
    (project.docs_dir / "ar" / "notes").unlink()
    (project.docs_dir / "ar" / "notes").mkdir()
    (project.docs_dir / "ar" / "notes" / "index.md").write_text("# ملاحظات\n", encoding="utf-8")
    rebuilt = snapshot(build_site(project))
    assert "notes/index.html" in rebuilt
    assert rebuilt == clean_build(project)


class MkdocsRuns:
    """Counts mkdocs builds (and whether each was dirty) while still running them."""

    def __init__(self, monkeypatch):
        self.runs: list[bool] = []
        real = site_module.build
        monkeypatch.setattr(site_module, "build", lambda config, dirty: (self.runs.append(dirty), real(config, dirty=dirty)))


def test_a_rebuild_that_changes_no_page_does_not_run_mkdocs_and_publishes_the_same_site(tmp_path, monkeypatch):
    project = make_archive(tmp_path, with_seeds=True)
    first = snapshot(build_site(project))
    mkdocs = MkdocsRuns(monkeypatch)
    assert snapshot(build_site(project)) == first
    assert mkdocs.runs == []
    edit_paragraph(project)  # and the next change is built, as a clean build would be
    rebuilt = snapshot(build_site(project))
    assert mkdocs.runs == [True]
    assert rebuilt == clean_build(project)


def test_a_rebuild_on_another_day_runs_mkdocs_for_the_sitemap_date(tmp_path, monkeypatch):
    """The sitemap gives every page the build's date (SOURCE_DATE_EPOCH's, or today's): the
    pages did not change, the sitemap did; a clean build that day would write it."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    project = make_archive(tmp_path, with_seeds=False)
    build_site(project)
    mkdocs = MkdocsRuns(monkeypatch)
    tomorrow = mkdocs_utils.get_build_datetime() + datetime.timedelta(days=1)
    monkeypatch.setattr(mkdocs_utils, "get_build_datetime", lambda: tomorrow)
    rebuilt = snapshot(build_site(project))
    assert mkdocs.runs == [True]
    assert f"<lastmod>{tomorrow:%Y-%m-%d}</lastmod>".encode() in rebuilt["sitemap.xml"]
    assert rebuilt == clean_build(project)


def test_upgrading_the_theme_rebuilds_every_page(tmp_path, monkeypatch):
    """A dirty build would re-render only the pages that changed: the site would mix two versions of the theme."""
    project = make_archive(tmp_path, with_seeds=False)
    build_site(project)
    mkdocs = MkdocsRuns(monkeypatch)
    real = cache.metadata.version
    monkeypatch.setattr(cache.metadata, "version", lambda name: "99.0" if name == "mkdocs-material" else real(name))
    build_site(project)
    assert mkdocs.runs == [False]


def test_compiled_templates_are_kept_between_builds_outside_the_checkout(tmp_path, monkeypatch):
    """In a folder of the temporary directory only this user can write, as Jinja makes it: a file in
    the checkout (a pull request can commit one) is never loaded as compiled code."""
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    (tmp_path / "archive").mkdir()
    project = make_archive(tmp_path / "archive", with_seeds=False)
    build_site(project)
    folders = list(temporary.glob("_jinja2-cache-*"))
    assert len(folders) == 1 and stat.S_IMODE(folders[0].stat().st_mode) == 0o700
    assert any(folders[0].glob("__jinja2_*.cache"))  # the theme's templates, compiled once
    assert not [p for p in project.root.rglob("*") if p.name.startswith("__jinja2_")]


def test_a_machine_without_a_usable_temporary_directory_still_builds(tmp_path, monkeypatch):
    """The templates are then compiled at every build, as before the cache."""
    not_a_folder = tmp_path / "tmp"
    not_a_folder.write_text("", encoding="utf-8")
    monkeypatch.setattr(tempfile, "tempdir", str(not_a_folder))
    (tmp_path / "archive").mkdir()
    project = make_archive(tmp_path / "archive", with_seeds=False)
    assert (build_site(project) / "index.html").is_file()


def test_a_compiled_template_that_cannot_be_kept_is_still_rendered(tmp_path):
    """The cache's folder removed while a build runs (a cleaner of the temporary directory)."""
    kept = compiled_templates()
    kept.directory = str(tmp_path / "removed")
    env = Environment(loader=DictLoader({"page.html": "<p>{{ text }}</p>"}), autoescape=True, bytecode_cache=kept)
    assert env.get_template("page.html").render(text="<b>") == "<p>&lt;b&gt;</p>"


def edit_a_staged_page_by_hand(project):
    page = project.stage_dir / "en" / "sources" / "coalition-calls-to-end-fighting.md"
    page.write_text(page.read_text(encoding="utf-8") + "<p>edited by hand</p>\n", encoding="utf-8")
    pipeline._prepared.clear()  # the next build is a new run (a process remembers what it staged itself)


def delete_a_built_page(project):
    (project.build_dir / "site" / "sources" / "coalition-calls-to-end-fighting" / "index.html").unlink()


def empty_a_built_page(project):
    (project.build_dir / "site" / "en" / "sources" / "coalition-calls-to-end-fighting" / "index.html").write_text("")


def date_built_pages_in_the_future_then_edit(project):
    """A clock set back between builds: mkdocs' dirty mode would keep the old page, as newer than its source."""
    future = datetime.datetime(2100, 1, 1).timestamp()
    for page in (project.build_dir / "site").rglob("coalition-calls-to-end-fighting/index.html"):
        os.utime(page, (future, future))
    edit_paragraph(project)


@pytest.mark.parametrize("damage", [edit_a_staged_page_by_hand, delete_a_built_page, empty_a_built_page,
                                    date_built_pages_in_the_future_then_edit])
def test_a_rebuild_repairs_what_was_changed_in_the_builds_own_folders(tmp_path, damage):
    project = make_archive(tmp_path, with_seeds=True)
    build_site(project)
    damage(project)
    rebuilt = snapshot(build_site(project))
    assert rebuilt == clean_build(project)


@pytest.mark.parametrize("path, content", [
    ("cache/pages.json", "[]"), ("cache/static.json", "null"), ("site.key", "[]"), ("site.key", "7"),
    ("site.key", '{"pages": 5}'), ("cache/extract/coalition-calls-to-end-fighting.json", "[]"),
    ("cache/memory/coalition-calls-to-end-fighting.json", "5"),
    ("cache/search/en/" + "*", '{"key": 1, "value": []}')])
def test_a_cache_file_of_valid_json_but_the_wrong_shape_is_made_again(tmp_path, path, content):
    """It stopped every build with a traceback until deleted by hand."""
    project = make_archive(tmp_path, with_seeds=True)
    build_site(project)
    for file in project.build_dir.glob(path):
        file.write_text(content, encoding="utf-8")
    rebuilt = snapshot(build_site(project))
    assert rebuilt == clean_build(project)


@pytest.mark.parametrize("damage", ["cut short", "a file in place of the folder"])
def test_a_damaged_compiled_template_is_compiled_again(tmp_path, damage):
    """The cache is shared by every checkout of this user: a file cut short by a crash stopped every build of all of them."""
    kept = compiled_templates()
    kept.directory = str(tmp_path / "cache")
    os.mkdir(kept.directory)
    templates = DictLoader({"page.html": "<p>{{ text }}</p>"})
    Environment(loader=templates, autoescape=True, bytecode_cache=kept).get_template("page.html")
    (entry,) = (tmp_path / "cache").iterdir()
    if damage == "cut short":
        entry.write_bytes(entry.read_bytes()[:30])
    else:
        shutil.rmtree(tmp_path / "cache")
        (tmp_path / "cache").write_text("")
    env = Environment(loader=templates, autoescape=True, bytecode_cache=kept)
    assert env.get_template("page.html").render(text="<b>") == "<p>&lt;b&gt;</p>"


def test_a_setting_mkdocs_yml_reads_from_the_environment_reaches_every_page(tmp_path, monkeypatch):
    """Not only the site address: a rebuild took the pages as built with the old value."""
    project = make_archive(tmp_path, with_seeds=False)
    config = project.config_file.read_text(encoding="utf-8")
    project.config_file.write_text(config.replace("\nsite_url:", '\ncopyright: !ENV [ARCHIVE_NOTICE, "none"]\nsite_url:', 1),
                                   encoding="utf-8")
    monkeypatch.setenv("ARCHIVE_NOTICE", "first notice")
    build_site(project)
    monkeypatch.setenv("ARCHIVE_NOTICE", "second notice")
    rebuilt = snapshot(build_site(project))
    assert b"second notice" in rebuilt["index.html"]
    assert rebuilt == clean_build(project)
