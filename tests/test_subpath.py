"""A site published under a sub-path (https://example.org/archive/): built for
http://127.0.0.1:PORT/archive/ and served there, with nothing at the host's root, and read
in Chromium. Links, the language switch, search, downloads and feeds all stay under
/archive/, and no request fails."""
from __future__ import annotations

import functools
import http.server
import os
import socket
import threading
from urllib.parse import urljoin
from urllib.request import urlopen

import pytest

from build_tools.site import build_site

from .conftest import make_archive
from .test_browser import CHROMIUM_ARGS, SOURCE, browser  # noqa: F401 (a fixture)

PREFIX = "/archive/"


class SubPathHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site at /archive/ only; anything else is a 404, as on a shared host."""

    def translate_path(self, path):
        if not path.startswith(PREFIX):
            return "/nonexistent"
        return super().translate_path("/" + path[len(PREFIX):])

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def archive_url(tmp_path_factory):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}{PREFIX}"
    os.environ["ARCHIVE_SITE_URL"] = url
    try:
        site = build_site(make_archive(tmp_path_factory.mktemp("subpath"), with_seeds=True))
    finally:
        del os.environ["ARCHIVE_SITE_URL"]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port),
                                             functools.partial(SubPathHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield url
    server.shutdown()


@pytest.fixture
def reader(browser, archive_url):  # noqa: F811
    context = browser.new_context(viewport={"width": 390, "height": 844})
    pages = []

    def open_page(path: str):
        page = context.new_page()
        page.errors, page.requests = [], []
        page.on("request", lambda r: page.requests.append(r.url))
        page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
        page.on("response", lambda r: page.errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        page.goto(archive_url + path)
        page.wait_for_load_state("networkidle")
        pages.append(page)
        return page
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
