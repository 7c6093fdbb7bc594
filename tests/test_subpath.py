"""A site published under a sub-path (https://example.org/archive/): built for
http://127.0.0.1:PORT/archive/ and served there, with nothing at the host's root, and read
in Chromium. Links, the language switch, search, downloads and feeds all stay under
/archive/, and no request fails."""
from __future__ import annotations

from urllib.parse import urljoin
from urllib.request import urlopen

import pytest

from .test_browser import SOURCE, QuietHandler, browser, page_opener, served  # noqa: F401 (a fixture)

PREFIX = "/archive/"


class SubPathHandler(QuietHandler):
    """Serves the built site at /archive/ only; anything else is a 404, as on a shared host."""

    def translate_path(self, path):
        if not path.startswith(PREFIX):
            return "/nonexistent"
        return super().translate_path("/" + path[len(PREFIX):])


@pytest.fixture(scope="module")
def archive_url(tmp_path_factory):
    url, server = served(tmp_path_factory, PREFIX, SubPathHandler)
    yield url
    server.shutdown()


@pytest.fixture
def reader(browser, archive_url):  # noqa: F811
    context = browser.new_context(viewport={"width": 390, "height": 844})
    pages = []
    open_page = page_opener(context, archive_url, pages)
    yield open_page
    for page in pages:
        assert page.errors == [], f"errors on {page.url}: {page.errors}"
        assert all(PREFIX in url for url in page.requests), page.requests
    context.close()


@pytest.mark.parametrize("path", ["", f"sources/{SOURCE}/", "downloads/", "en/", f"en/sources/{SOURCE}/parallel/"])
def test_every_link_on_a_page_under_a_sub_path_reaches_a_page(reader, archive_url, path):
    page = reader(path)
    hrefs = page.evaluate("[...document.querySelectorAll('a[href]')].map(a => a.href)")
    inside = {h.split("#")[0] for h in hrefs if h.startswith(archive_url.split(PREFIX)[0])}
    assert inside and all(h.startswith(archive_url) for h in inside), sorted(inside)
    for href in sorted(inside):
        with urlopen(href) as response:
            assert response.status == 200, href


def test_language_switch_and_counterpart_stay_under_the_sub_path(reader, archive_url):
    page = reader(f"sources/{SOURCE}/")
    page.click("a.archive-counterpart")
    page.wait_for_url(f"{archive_url}en/sources/{SOURCE}/")
    english = page.evaluate("document.querySelector('a.md-select__link[hreflang=ar]').href")
    assert english == f"{archive_url}sources/{SOURCE}/"


def test_search_finds_a_word_under_the_sub_path(reader, archive_url):
    page = reader("search/?q=" + "الأمن")
    page.wait_for_selector(".archive-search-results li", timeout=10_000)
    first = page.locator(".archive-search-results li a").first.evaluate("a => a.href")
    assert first.startswith(archive_url)


def test_permalinks_feeds_and_sitemap_name_the_sub_path(archive_url):
    with urlopen(urljoin(archive_url, "feed.xml")) as r:
        feed = r.read().decode()
    assert f"<id>{archive_url}feed.xml</id>" in feed and f"{archive_url}sources/" in feed
    with urlopen(urljoin(archive_url, "sitemap.xml")) as r:
        sitemap = r.read().decode()
    assert f"<loc>{archive_url}en/sources/{SOURCE}/</loc>" in sitemap
    with urlopen(urljoin(archive_url, "robots.txt")) as r:
        assert f"Sitemap: {archive_url}sitemap.xml" in r.read().decode()
