"""The built HTML of the seed archive, as a reader's browser receives it."""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import re
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from bs4 import BeautifulSoup

from build_tools.project import Project
from build_tools.sources import load_sources

from .conftest import REPO, page

SEEDS = load_sources(Project(REPO))
SEED_IDS = [s.id for s in SEEDS]


def resolve(site: Path, from_url: str, href: str) -> Path:
    """The file a relative link on page ``from_url`` lands on."""
    target = urlparse(urljoin("http://x/" + from_url, href)).path.lstrip("/")
    return site / target / "index.html" if not target.endswith(".html") else site / target


@pytest.mark.parametrize("source_id", SEED_IDS)
def test_arabic_page_is_right_to_left_on_the_html_element(seed_site, source_id):
    html = page(seed_site, f"sources/{source_id}").html
    assert (html["lang"], html["dir"]) == ("ar", "rtl")


@pytest.mark.parametrize("source_id", SEED_IDS)
def test_english_page_is_left_to_right_on_the_html_element(seed_site, source_id):
    html = page(seed_site, f"en/sources/{source_id}").html
    assert (html["lang"], html["dir"]) == ("en", "ltr")


@pytest.mark.parametrize("source_id", SEED_IDS)
def test_each_page_links_to_its_counterpart_and_the_switcher_lands_on_it(seed_site, source_id):
    for lang, url, other in (("ar", f"sources/{source_id}/", f"en/sources/{source_id}/"),
                             ("en", f"en/sources/{source_id}/", f"sources/{source_id}/")):
        soup = page(seed_site, url)
        counterpart = soup.select_one("a.archive-counterpart")
        assert resolve(seed_site, url, counterpart["href"]) == seed_site / other / "index.html"
        switcher = {a["hreflang"]: a["href"] for a in soup.select("a.md-select__link")}
        other_lang = "en" if lang == "ar" else "ar"
        assert resolve(seed_site, url, switcher[other_lang]) == seed_site / other / "index.html"


def test_hreflang_alternates_are_absolute_and_in_the_one_sitemap(seed_site):
    sitemap = BeautifulSoup((seed_site / "sitemap.xml").read_text("utf-8"), "xml")
    by_page = {url.loc.text: {link["hreflang"]: link["href"] for link in url.find_all("link")}
               for url in sitemap.find_all("url")}
    both = {"ar": "http://127.0.0.1:8000/sources/civil-society-joint-statement/",
            "en": "http://127.0.0.1:8000/en/sources/civil-society-joint-statement/"}
    assert by_page[both["ar"]] == both and by_page[both["en"]] == both
    assert [p.relative_to(seed_site).as_posix() for p in seed_site.rglob("sitemap.xml")] == ["sitemap.xml"]


def test_arabic_font_is_served_by_the_site_itself(seed_site):
    css = (seed_site / "assets/stylesheets/archive.css").read_text(encoding="utf-8")
    fonts = re.findall(r'url\("([^"]+\.woff2)"\)', css)
    assert fonts, "no @font-face in archive.css"
    for font in fonts:
        assert (seed_site / "assets/stylesheets" / font).resolve().is_file()
    for html in seed_site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, html


@pytest.mark.parametrize("source", SEEDS, ids=SEED_IDS)
def test_paragraph_anchors_are_the_same_in_both_languages(seed_site, source):
    ar = [p["id"] for p in page(seed_site, f"sources/{source.id}").select(".archive-text [id^=p-]")]
    en = [p["id"] for p in page(seed_site, f"en/sources/{source.id}").select(".archive-text [id^=p-]")]
    assert ar == en == [p.anchor for p in source.paragraphs]
    assert len(set(ar)) == len(ar)


def test_arabic_text_is_published_unchanged(seed_site):
    seed = (REPO.parent / "shared/seeds/000_18c31e291c359222.txt")
    original = seed.read_text(encoding="utf-8") if seed.exists() else None
    soup = page(seed_site, "sources/civil-society-joint-statement")
    shown = [el.get_text(" ", strip=True) for el in soup.select(".archive-text [id^=p-]")]
    texts = [t.split(" ", 1)[1] for t in shown]  # drop the paragraph number
    source = next(s for s in SEEDS if s.id == "civil-society-joint-statement")
    assert texts == [p.text for p in source.paragraphs]
    if original is not None:
        assert source.text_sha256 == hashlib.sha256(original.strip().encode()).hexdigest()


@pytest.mark.parametrize("source_id", SEED_IDS)
def test_seed_translations_are_labelled_as_the_maintainers_own(seed_site, source_id):
    soup = page(seed_site, f"en/sources/{source_id}")
    origins = {p["data-origin"] for p in soup.select(".archive-text [data-origin]")}
    assert origins == {"maintainer"}
    summary = soup.select_one(".archive-provenance").get_text(" ", strip=True)
    assert "Translated from the Arabic by the archive's maintainers" in summary
    assert "Not machine translation" in summary


def test_unknown_metadata_is_shown_as_unknown(seed_site):
    soup = page(seed_site, "en/sources/sdf-command-calls-for-international-court")
    meta = {dt.get_text(strip=True): dd.get_text(" ", strip=True)
            for dt, dd in zip(soup.select(".archive-meta dt"), soup.select(".archive-meta dd"))}
    assert meta["Date"].startswith("Unknown")
    assert "2020 or 2021" in meta["Date"]
    assert meta["Publisher"] == "Unknown"
    assert meta["Original address"] == "Unknown"
    assert meta["Author"] == "General Command of the Syrian Democratic Forces"
    assert meta["Kind"] == "Official statement"


def test_source_listing_lists_every_source_by_date_unknown_dates_last(seed_site):
    for url in ("browse", "en/browse"):
        soup = page(seed_site, url)
        links = [a["href"] for a in soup.select(".archive-source-list a")]
        ids = [href.rstrip("/").split("/")[-1] for href in links]
        assert ids == [s.id for s in SEEDS]
        dated = [s.date.sort_key() for s in SEEDS if s.date]
        assert dated == sorted(dated) and all(s.date is None for s in SEEDS[len(dated):])
        for href in links:
            assert resolve(seed_site, url + "/", href).is_file()


def test_metadata_dates_are_formatted_per_language(seed_site):
    ar = page(seed_site, "sources/sdf-launches-enhancing-security").select_one(".archive-meta time")
    en = page(seed_site, "en/sources/sdf-launches-enhancing-security").select_one(".archive-meta time")
    assert ar["datetime"] == en["datetime"] == "2023-08"
    assert ar.get_text() == "آب/أغسطس 2023" and en.get_text() == "August 2023"


def test_mkdocs_build_strict_on_its_own_builds_the_site(tmp_path):
    from .conftest import make_archive

    archive = make_archive(tmp_path, with_seeds=True)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=archive.root,
                            capture_output=True, text=True, timeout=300,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr
    assert (archive.site_dir / "en/sources/civil-society-joint-statement/index.html").is_file()
    assert "WARNING" not in result.stderr


def test_words_in_the_other_language_say_which_language_they_are_in(seed_site):
    """A screen reader reads each text with its language's voice: the Arabic page's badges inside an
    English cell are Arabic; an actor's Arabic names on an English page are Arabic."""
    parallel = page(seed_site, "sources/civil-society-joint-statement/parallel")
    badges = parallel.select("td[lang=en] .archive-badge")
    assert badges and all(b["lang"] == "ar" for b in badges)
    names = page(seed_site, "en/actors/sdf").select_one(".archive-names")
    aliases = names.find("dt", string="Other forms of the name").find_next_sibling("dd").select("bdi")
    arabic = [a for a in aliases if any("\u0621" <= c <= "\u064a" for c in a.get_text())]
    assert arabic and all(a.get("lang") == "ar" for a in arabic)
    assert all(a.get("lang") is None for a in aliases if a not in arabic)  # Latin forms: no language claimed
    intro = page(seed_site, "en").select_one(".md-content p")
    assert [s.get_text() for s in intro.select("span[lang=ar]")] == ["تعزيز الأمن"]
    assert page(seed_site, "").select_one(".md-content p").select("span[lang]") == []  # Arabic on the Arabic page
    citation = page(seed_site, "en/sources/civil-society-joint-statement").select_one('pre[data-cite="plain"]')
    assert [s.get_text() for s in citation.select("span[lang=ar]")] == [
        "بيان مشترك لمنظمات المجتمع المدني السورية حول الأحداث الأخيرة في دير الزور"]  # the original title
