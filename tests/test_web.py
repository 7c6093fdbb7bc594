"""The archive on the open web: what a page says about itself to search engines and link
previews (description in its own language, Open Graph, Twitter card), robots.txt, the one
sitemap. Checked on the built seed site."""
from __future__ import annotations

import re

import pytest
from babel import Locale, localedata

from .conftest import REPO, page, write_source, front_matter
from build_tools.site import build_site

SOURCE = "sources/civil-society-joint-statement"


def _meta(soup, attribute: str, name: str) -> str:
    return soup.find("meta", attrs={attribute: name})["content"]


def test_description_is_in_the_page_language_on_every_kind_of_page(seed_site):
    for url in ("", SOURCE, f"{SOURCE}/parallel", "actors", "about"):
        arabic, english = page(seed_site, url), page(seed_site, f"en/{url}".rstrip("/"))
        assert any("\u0600" <= ch <= "\u06ff" for ch in _meta(arabic, "name", "description")), url
        assert not any("\u0600" <= ch <= "\u06ff" for ch in _meta(english, "name", "description")), url


def test_source_page_description_is_the_start_of_its_own_text(seed_site):
    soup = page(seed_site, f"en/{SOURCE}")
    assert _meta(soup, "name", "description").startswith("On 27 August 2023, the Syrian Democratic Forces")
    assert page(seed_site, SOURCE).find("meta", attrs={"name": "description"})["content"].startswith("بتاريخ 27")


def test_link_previews_carry_title_description_language_and_canonical_address(seed_site):
    soup = page(seed_site, f"en/{SOURCE}")
    canonical = soup.find("link", rel="canonical")["href"]
    assert canonical == "http://127.0.0.1:8000/en/sources/civil-society-joint-statement/"
    assert _meta(soup, "property", "og:url") == canonical
    assert _meta(soup, "property", "og:title").startswith("Joint statement of Syrian civil-society organisations")
    assert _meta(soup, "property", "og:description") == _meta(soup, "name", "description")
    assert _meta(soup, "property", "og:locale") == "en_GB" and _meta(soup, "property", "og:type") == "article"
    assert _meta(soup, "name", "twitter:card") == "summary"
    assert _meta(page(seed_site, SOURCE), "property", "og:locale") == "ar_SY"
    assert _meta(page(seed_site, "actors"), "property", "og:type") == "website"


def test_open_graph_locales_are_real_cldr_locales_of_the_page_language(seed_site):
    """Not Facebook's "ar_AR" (Arabic of Argentina, a locale CLDR does not have): language_TERRITORY
    as the Open Graph protocol asks, each a locale Babel's CLDR data knows, in the page's language."""
    for url, lang in ((SOURCE, "ar"), (f"en/{SOURCE}", "en"), ("", "ar"), ("en", "en")):
        locale = _meta(page(seed_site, url), "property", "og:locale")
        assert re.fullmatch(r"[a-z]{2}_[A-Z]{2}", locale) and localedata.exists(locale), (url, locale)
        assert Locale.parse(locale).language == lang


def test_quotes_and_markup_in_a_source_stay_text_in_description_and_preview_tags(archive):
    write_source(archive, "quoted", front_matter(id="quoted", title="'<b>\"عنوان\" & <script>'")
                 + 'قال "المتحدث" <img src=x onerror=alert(1)> & انتهى.\n')
    site = build_site(archive)
    soup = page(site, "sources/quoted")
    assert _meta(soup, "name", "description") == 'قال "المتحدث" <img src=x onerror=alert(1)> & انتهى.'
    assert _meta(soup, "property", "og:title") == '<b>"عنوان" & <script>'
    assert soup.head.find("img") is None and soup.head.find("b") is None


def test_robots_txt_points_to_the_sitemap_at_the_root(seed_site):
    assert (seed_site / "robots.txt").read_text("utf-8") == (
        "User-agent: *\nAllow: /\n\nSitemap: http://127.0.0.1:8000/sitemap.xml\n")


def test_pages_carry_no_hreflang_link_that_makes_the_theme_fetch_a_missing_sitemap(seed_site):
    for url in ("", SOURCE, f"en/{SOURCE}"):
        assert page(seed_site, url).select('link[rel="alternate"]') == []  # (exactly "alternate": see main.html)
    assert (seed_site / "404.html").read_text("utf-8").count('hreflang="en"') == 1  # the switcher link only


def test_atom_feed_per_language_lists_sources_by_date_added_and_parses(seed_site):
    import feedparser
    # all five were added the same day: the newest by date first, as on the home page
    for path, lang, first_title in (("feed.xml", "ar", "يدعو لوقف القتال"), ("en/feed.xml", "en", "calls for an end")):
        feed = feedparser.parse((seed_site / path).read_bytes())
        assert not feed.bozo, feed.get("bozo_exception")
        assert feed.version == "atom10" and feed.feed.language == lang
        assert feed.feed.links[0].href == f"http://127.0.0.1:8000/{path}"
        assert len(feed.entries) == 5
        assert all(e.link.startswith(f"http://127.0.0.1:8000/{'en/' if lang == 'en' else ''}sources/")
                   for e in feed.entries)
        assert [e.updated for e in feed.entries] == sorted((e.updated for e in feed.entries), reverse=True)
        assert first_title in feed.entries[0].title
        home = page(seed_site, "en" if lang == "en" else "")
        recent = [a["href"].rstrip("/").split("/")[-1] for a in home.select("#sources + ul a[href*='sources/']")]
        assert [e.link.rstrip("/").split("/")[-1] for e in feed.entries] == recent  # one order, "added last"
    for home in (page(seed_site, ""), page(seed_site, "en")):
        assert home.find("a", type="application/atom+xml")["href"] == "./feed.xml"


def test_arabic_pages_carry_no_english_theme_credit(seed_site):
    for url in ("", SOURCE, "actors"):
        footer = page(seed_site, url).find("footer").get_text(" ", strip=True)
        assert "Made with" not in footer and "Material for MkDocs" not in footer, url


def test_address_in_a_note_is_a_left_to_right_link_and_the_rest_stays_text():
    from build_tools.textlinks import linkify
    html_text = str(linkify('أوردت نورث برس (https://npasyria.com/en/103999/). <b>"x"</b>'))
    assert html_text == ('أوردت نورث برس (<a href="https://npasyria.com/en/103999/" dir="ltr" rel="nofollow noopener">'
                         'https://npasyria.com/en/103999/</a>). &lt;b&gt;&#34;x&#34;&lt;/b&gt;')


def test_an_address_in_a_note_that_would_display_as_another_is_no_link():
    """U+202E in an address showed https://archive.example/gpj.exe as .../exe.jpg, and a zero-width space
    hid a host: the one address validator decides what becomes a link in free text too."""
    from build_tools.textlinks import linkify
    html_text = str(linkify("Original at https://archive.example/\u202egpj.exe\u202c and https://evil.example\u200b.bank.example/x"))
    assert "<a " not in html_text and html_text.count('<bdi dir="ltr">') == 2


def test_an_other_versions_title_and_publisher_are_isolated(seed_site):
    """An override character in a version's title reversed the publisher after the link."""
    item = page(seed_site, "sources/civil-society-joint-statement").select_one("li[hreflang], li[lang=en]")
    assert item.select_one("a > bdi").get_text() == "Joint Statement on Recent Unrest in Deir Ezzor"


def test_note_address_on_the_arabic_source_page_is_a_link(seed_site):
    notes = page(seed_site, SOURCE).select(".archive-meta dd a[dir=ltr][href^='https://npasyria.com']")
    assert [a.get_text() for a in notes] == ["https://npasyria.com/en/103999/"]


def test_not_found_pages_are_described_in_their_own_language(seed_site):
    from bs4 import BeautifulSoup
    for path, arabic in (("404.html", True), ("en/404.html", False)):
        soup = BeautifulSoup((seed_site / path).read_text("utf-8"), "html.parser")
        description = _meta(soup, "name", "description")
        assert any("\u0600" <= ch <= "\u06ff" for ch in description) == arabic, path


# --- Weight on a phone (issue 11: Lighthouse mobile) ---------------------------------------

def _make_assets():
    """overrides/make_assets.py, which makes the trimmed theme stylesheet and the font files."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("make_assets", REPO / "overrides" / "make_assets.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _code_points(ranges: str) -> set[int]:
    points = set()
    for part in re.split(r"\s*,\s*", ranges.strip()):
        first, _, last = part.removeprefix("U+").partition("-")
        points.update(range(int(first, 16), int(last or first, 16) + 1))
    return points


def test_theme_stylesheet_is_the_installed_materials_own_less_what_the_archive_does_not_use():
    """theme.css is what make_assets.py makes from the installed Material (so an upgrade that
    changes Material's stylesheet fails here until it is made again), and much smaller."""
    assets = _make_assets()
    committed = (REPO / "overrides/assets/stylesheets/theme.css").read_text("utf-8")
    assert committed == assets.theme_css(), "run: .venv/bin/python overrides/make_assets.py --css"
    _, main, palette = assets.material_stylesheets()
    assert len(committed) < 0.5 * (main.stat().st_size + palette.stat().st_size)
    assert "[data-md-color-primary=brown]" in committed and "[data-md-color-primary=indigo]" not in committed


def test_no_page_uses_a_class_or_colour_the_theme_stylesheet_left_out(seed_site):
    assets = _make_assets()
    classes, colours = set(), set()
    for path in seed_site.rglob("*.html"):
        html = path.read_text("utf-8")
        for value in re.findall(r'class="([^"]*)"', html):
            classes.update(value.split())
        colours.update(re.findall(r'data-md-color-(scheme|primary|accent)="([^"]*)"', html))
    scripts = "".join(p.read_text("utf-8") for p in (REPO / "overrides/assets/javascripts").glob("*.js"))
    classes.update(re.findall(r'className = "([\w-]+)"', scripts))
    assert len(classes) > 50
    assert sorted(c for c in classes if c.startswith(assets.UNUSED_CLASSES)) == []
    assert colours == set(assets.PALETTE.items())


def test_pages_ask_for_one_theme_stylesheet_and_defer_every_script(seed_site):
    for url in ("", SOURCE, "search", "en", f"en/{SOURCE}", "en/search", "actors"):
        soup = page(seed_site, url)
        sheets = [link["href"].rsplit("/", 1)[-1] for link in soup.select('link[rel="stylesheet"]')]
        assert sheets == ["theme.css", "archive.css"], url
        scripts = soup.select("script[src]")
        assert len(scripts) == 5 and all(s.has_attr("defer") for s in scripts), url
        base = seed_site / url
        assets = soup.select('link[rel="stylesheet"], link[rel="preload"], link[rel="icon"]')
        for ref in [link["href"] for link in assets] + [s["src"] for s in scripts]:
            assert (base / ref).resolve().is_file(), (url, ref)


def test_arabic_pages_preload_their_regular_font_and_english_pages_do_not(seed_site):
    for url in ("", SOURCE, "search"):
        preload = page(seed_site, url).select('link[rel="preload"][as="font"]')
        assert [link["href"].rsplit("/", 1)[-1] for link in preload] == ["noto-naskh-arabic-400.woff2"], url
        assert preload[0].has_attr("crossorigin") and preload[0]["type"] == "font/woff2"
    for url in ("en", f"en/{SOURCE}"):
        assert page(seed_site, url).select('link[rel="preload"]') == []


ARABIC_SCRIPT = re.compile("[\u0600-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")


def test_arabic_font_covers_every_arabic_character_of_the_pages_in_a_fraction_of_the_size(seed_site):
    """The font files hold the Arabic script's blocks (make_assets.py FONT_UNICODES), which the
    stylesheet's unicode-range repeats: every Arabic character the pages show is in them. (The
    browser test checks that Chromium really draws the text with them.)"""
    assets = _make_assets()
    css = (REPO / "overrides/assets/stylesheets/archive.css").read_text("utf-8")
    ranges = re.findall(r"unicode-range:\s*([^;]+);", css)
    assert len(ranges) == 2 and {frozenset(_code_points(r)) for r in ranges} == {
        frozenset(_code_points(assets.FONT_UNICODES.replace(",", ", ")))}
    covered = _code_points(ranges[0])
    used = set()
    for path in seed_site.rglob("*.html"):
        used.update(ord(ch) for ch in ARABIC_SCRIPT.findall(path.read_text("utf-8")))
    assert len(used) > 40 and sorted(f"U+{c:04X}" for c in used - covered) == []
    for weight in (400, 700):
        size = (seed_site / f"assets/fonts/noto-naskh-arabic-{weight}.woff2").stat().st_size
        assert 15_000 < size < 32_000, (weight, size)  # the package's file: 53 KB


def test_a_source_page_with_its_fonts_weighs_under_200_kb_gzipped(seed_site):
    """What a phone downloads for the Arabic joint statement, compressed as a web server sends
    it: the page, its stylesheets and scripts, and both weights of the font."""
    import gzip
    base = seed_site / SOURCE
    soup = page(seed_site, SOURCE)
    files = {base / "index.html"} | {(base / link["href"]).resolve() for link in soup.select('link[rel="stylesheet"]')}
    files |= {(base / s["src"]).resolve() for s in soup.select("script[src]")}
    files |= set((seed_site / "assets/fonts").glob("*.woff2"))
    total = sum(len(gzip.compress(f.read_bytes(), 9)) for f in files)
    assert len(files) == 10 and total < 200 * 1024, total


@pytest.mark.parametrize("path, feed", [("", "feed.xml"), ("sources/civil-society-joint-statement/parallel", "feed.xml"),
                                        ("en", "en/feed.xml"), ("en/actors/sdf", "en/feed.xml")])
def test_every_page_names_the_feed_of_its_language_for_feed_readers(seed_site, path, feed):
    link = page(seed_site, path).select_one('link[rel~=alternate][type="application/atom+xml"]')
    target = (seed_site / path / link["href"]).resolve()
    assert target == (seed_site / feed).resolve() and target.is_file()
