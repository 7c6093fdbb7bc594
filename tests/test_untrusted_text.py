"""Source text is untrusted: whatever markup it holds reaches the reader as text."""
from __future__ import annotations

import json

from build_tools.site import build_site

from .conftest import front_matter, page, write_source

ATTACK = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_markup_in_any_field_or_paragraph_is_escaped(archive):
    write_source(archive, "evil", front_matter(
        id="evil", title=f"'عنوان {ATTACK}'", publisher=f"'{ATTACK}'", author="'**bold** [link](http://x)'",
        date_note=f"'{ATTACK}'", notes=f"'{ATTACK}'",
    ) + f"فقرة {ATTACK}\n- بند *مائل* <b>غامق</b>\n")
    site = build_site(archive)
    for url in ("sources/evil", "en/sources/evil", "", "en"):
        html = (site / url / "index.html").read_text(encoding="utf-8")
        assert "<script>alert" not in html and "<img src=x" not in html, url
        soup = page(site, url)
        assert not soup.select("img[onerror]") and not soup.select("b")
        code = [s for s in soup.select("script") if s.get("type") != "application/ld+json"]
        assert not [s for s in code if "alert" in s.get_text()]
        for data in soup.select('script[type="application/ld+json"]'):  # the title stays data
            assert ATTACK in json.loads(data.get_text())["name"]
    soup = page(site, "sources/evil")
    assert ATTACK in soup.select_one(".archive-source h1").get_text()
    assert soup.select_one(".archive-text p").get_text().endswith(ATTACK)
    assert "**bold** [link](http://x)" in soup.select_one(".archive-meta").get_text()
    assert soup.select_one(".archive-text li").get_text().endswith("بند *مائل* <b>غامق</b>")
    assert ATTACK in soup.title.get_text()


def test_untranslated_paragraph_shows_arabic_in_a_marked_pending_box(archive):
    write_source(archive, "new", front_matter(id="new") + "فقرة لم تترجم بعد.\n")
    site = build_site(archive)
    box = page(site, "en/sources/new").select_one(".archive-text [data-origin]")
    assert box["data-origin"] == "pending"
    assert (box["lang"], box["dir"]) == ("ar", "rtl")
    assert "Translation pending" in box.select_one(".archive-badge").get_text()
    assert box.select_one(".archive-badge")["lang"] == "en"
    assert "فقرة لم تترجم بعد." in box.get_text()
    title = page(site, "en/sources/new").select_one(".archive-source h1 bdi")
    assert (title["lang"], title.get_text()) == ("ar", "عنوان")


def test_paragraph_anchors_survive_rebuilds_and_edits_elsewhere(archive):
    write_source(archive, "doc", front_matter(id="doc") + "الأولى.\nالثانية.\n")
    first = [p["id"] for p in page(build_site(archive), "sources/doc").select(".archive-text [id]")]
    again = [p["id"] for p in page(build_site(archive), "sources/doc").select(".archive-text [id]")]
    assert first == again
    write_source(archive, "doc", front_matter(id="doc") + "فقرة جديدة.\nالأولى.\nالثانية.\n")
    edited = [p["id"] for p in page(build_site(archive), "sources/doc").select(".archive-text [id]")]
    assert edited[1:] == first


def test_removed_source_disappears_from_the_site(archive):
    write_source(archive, "a", front_matter(id="a") + "نص.\n")
    write_source(archive, "b", front_matter(id="b") + "نص.\n")
    build_site(archive)
    (archive.sources_dir / "b" / "source.md").unlink()
    site = build_site(archive)
    assert (site / "sources/a/index.html").exists()
    assert not (site / "sources/b").exists() and not (site / "en/sources/b").exists()
