"""The archive on the open web: what a page says about itself to search engines and link
previews (description in its own language, Open Graph, Twitter card), robots.txt, the one
sitemap. Checked on the built seed site."""
from __future__ import annotations

import re

from babel import Locale, localedata

from .conftest import page, write_source, front_matter
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
        assert page(seed_site, url).select('link[rel="alternate"][hreflang]') == []
    assert (seed_site / "404.html").read_text("utf-8").count('hreflang="en"') == 1  # the switcher link only


def test_atom_feed_per_language_lists_sources_by_date_added_and_parses(seed_site):
    import feedparser
    for path, lang, first_title in (("feed.xml", "ar", "نتائج حملة"), ("en/feed.xml", "en", "The results of")):
        feed = feedparser.parse((seed_site / path).read_bytes())
        assert not feed.bozo, feed.get("bozo_exception")
        assert feed.version == "atom10" and feed.feed.language == lang
        assert feed.feed.links[0].href == f"http://127.0.0.1:8000/{path}"
        assert len(feed.entries) == 5
        assert all(e.link.startswith(f"http://127.0.0.1:8000/{'en/' if lang == 'en' else ''}sources/")
                   for e in feed.entries)
        assert [e.updated for e in feed.entries] == sorted((e.updated for e in feed.entries), reverse=True)
        assert first_title in feed.entries[0].title
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


def test_note_address_on_the_arabic_source_page_is_a_link(seed_site):
    notes = page(seed_site, SOURCE).select(".archive-meta dd a[dir=ltr][href^='https://npasyria.com']")
    assert [a.get_text() for a in notes] == ["https://npasyria.com/en/103999/"]


def test_not_found_pages_are_described_in_their_own_language(seed_site):
    from bs4 import BeautifulSoup
    for path, arabic in (("404.html", True), ("en/404.html", False)):
        soup = BeautifulSoup((seed_site / path).read_text("utf-8"), "html.parser")
        description = _meta(soup, "name", "description")
        assert any("\u0600" <= ch <= "\u06ff" for ch in description) == arabic, path
