"""A saved web page (HTML) as a source: its main text and metadata, by trafilatura.

Maintainers collect sources as saved pages. trafilatura (with htmldate for the
publication date) is a maintained extractor that keeps the article and drops
menus, share buttons, comments and "read also" blocks; parsing pages by hand
would break on the next site's template. Nothing is fetched: the page is parsed
from the saved bytes only (no URL is passed on, so htmldate never downloads).
"""
from __future__ import annotations

import datetime as dt
import ipaddress
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..errors import ArchiveError
from ..files import check_no_controls
from ..normalize import tokenize
from ..sources import Paragraph
from ..untrusted import url_problem

# What marks a file as HTML whatever its name: a doctype or a structural tag near the start.
_HTML = re.compile(rb"<\s*(?:!doctype\s+html|html|head|body|meta|div|p|article|title)\b", re.IGNORECASE)
SNIFF_BYTES = 4096
# Lines that are the site's, not the article's, when the extractor lets them through ("read also"
# inside the article body): their first words, compared once normalised, so that أيضًا, أيضاً and
# ايضا are one. Never a word alone that news also starts with: "شارك مئات ..." (took part) is news.
_BOILERPLATE = {tuple(t.norm for t in tokenize(start)) for start in (
    "اقرأ أيضا", "إقرأ أيضا", "اقرأ المزيد", "اقرأ كذلك", "شاهد أيضا", "طالع أيضا", "انظر أيضا",
    "مواضيع ذات صلة", "أخبار ذات صلة", "مقالات ذات صلة", "لمتابعة آخر الأخبار", "لمتابعة أخبارنا",
    "تابعونا على", "تابعنا على", "شارك هذا", "شارك الخبر", "شارك المقال", "شارك على", "شارك عبر",
    "مشاركة على", "مشاركة عبر", "الآراء الواردة", "جميع الحقوق محفوظة")}
MIN_ARTICLE_WORDS = 20  # fewer, and what was found is a menu or a caption, not an article
_TITLE_SUFFIX = re.compile(r"\s+[-|–—]\s+[^-|–—]{1,60}$")  # "Headline - Site name"


@dataclass(frozen=True)
class WebPage:
    text: str  # one paragraph per line, list items as "- ..."
    title: str | None
    author: str | None
    publisher: str | None
    date: str | None  # YYYY-MM-DD, from the page: the date shown with the article, or its metadata (htmldate)
    dateline: bool  # the date is the one shown with the article
    url: str | None  # the page's own address (canonical link), when it is a valid http(s) one
    later_date: str | None = None  # a date the page's metadata gives after the capture day: not used


def looks_like_html(data: bytes) -> bool:
    return bool(_HTML.search(data[:SNIFF_BYTES]))


def read_page(shown, data: bytes, captured: dt.date) -> WebPage:
    """The article of the saved page ``data``, saved on ``captured``; an ArchiveError when there is none.

    trafilatura finds the article and the metadata; what it gets wrong on real Arabic pages is
    checked against the page as readers see it (``_Page``): the headline (<h1>) rather than a
    title decorated with the site's name, a lead printed above the article body, the date shown
    with the article, the canonical address; and an author that is the site itself, its
    developer or a logo's address is no author."""
    import trafilatura  # heavy: imported only when a page is added

    if b"\x00" in data:
        raise ArchiveError(shown, "contains NUL bytes: not a saved web page (a binary file?)")
    # Never htmldate's extensive search: it takes a copyright line's year as 1 January of it.
    dates = {"extensive_search": False, "original_date": True}
    doc = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False, include_tables=True,
                                      include_images=False, include_links=False, favor_precision=True,
                                      date_extraction_params=dates)
    page = _Page(data)
    title = page.headline_in(doc.title) or _clean_title(doc.title, doc.sitename) if doc else None
    lines = [line.strip() for line in (doc.text or "").split("\n") if line.strip() and not _boilerplate(line)] \
        if doc else []
    lines = page.with_lead(doc.description, lines) if doc else lines
    while lines and title and _same_words(lines[0], title):
        lines.pop(0)  # the headline is the title, not paragraph 1
    text = "\n".join(lines)
    if (words := len(tokenize(text))) < MIN_ARTICLE_WORDS:
        raise ArchiveError(shown, f"no article text found in this HTML page ({words} words outside menus and "
                                  "boilerplate); save the article's page, or paste its text into a .txt file")
    for field in (text, title or "", doc.author or "", doc.sitename or ""):
        if "\ufffd" in field:
            raise ArchiveError(shown, "has bytes that are not text in the page's character encoding; save the page "
                                      "again (as UTF-8), or paste its text into a .txt file")
    check_no_controls(shown, text)
    later = doc.date if doc.date and doc.date > captured.isoformat() else None  # never after the capture
    date, dateline = _publication_date(None if later else doc.date, page.dateline(captured))
    publisher, url = _site_name(doc.sitename) or page.site_name(), page.canonical() or _address(doc.url)
    site = (publisher or "", urlsplit(url).hostname or "" if url else "", doc.title or "")
    return WebPage(text, title, _author(doc.author, site), publisher, date, dateline, url, later)


def _publication_date(metadata: str | None, shown: str | None) -> tuple[str | None, bool]:
    """(date, whether it is the one shown with the article). The metadata's, unless the page shows
    the article's date within a day of it: then that one, as readers see it (metadata is often in
    UTC: an article published after local midnight is a day early there). Neither is after the
    capture: the caller leaves out a later metadata date, and dateline() never finds one."""
    if shown and (not metadata or abs(dt.date.fromisoformat(shown) - dt.date.fromisoformat(metadata)).days <= 1):
        return shown, True
    return metadata, False


# An author field that names no one: a web address, an image, the site's developer.
_NO_AUTHOR = re.compile(r"https?\b|www\.|\.(?:com|net|org|png|jpe?g|svg)\b|\blogo\b|developed by", re.IGNORECASE)


def _author(value: str | None, site: tuple[str, ...]) -> str | None:
    """trafilatura's author, unless any part of it (parts are joined with ";") is not a person's
    name: an address, or the site itself (in its name, its host or the page's <title>, where a
    site names itself). Then the whole field is dropped, as it cannot be told which part is
    right: a wrong author is worse than none."""
    parts = [part.strip() for part in (value or "").split(";") if part.strip()]
    names = [_squashed(name) for name in site if name]
    if not parts or any(_NO_AUTHOR.search(part) or len(part) < 3 or any(_squashed(part) in n for n in names)
                        for part in parts):
        return None
    return "; ".join(parts)


def _site_name(value: str | None) -> str | None:
    """A site's name, not its address ("https://akhbarelyom.com/", "beirutobserver.com")."""
    value = (value or "").strip()
    return None if not value or _NO_AUTHOR.search(value) or re.fullmatch(r"[\w-]+(\.[\w-]+)+/?", value) else value


def _squashed(text: str) -> str:
    return re.sub(r"\W+", "", text).lower()


def _address(url: str | None) -> str | None:
    """A page's own address when it is a plain http(s) one on a named host (not a bare IP: a
    server's, not the outlet's)."""
    if not url or url_problem(url):
        return None
    try:
        ipaddress.ip_address(urlsplit(url).hostname or "")
    except ValueError:
        return url
    return None


class _Page:
    """The saved page as readers see it (lxml, which trafilatura brings)."""

    # Elements holding the article's date as shown; a short text only (not a list of related articles).
    DATELINE = ("//time | //*[contains(@class, 'date') or contains(@class, 'time') or contains(@class, 'tmstmp')"
                " or contains(@class, 'created') or contains(@class, 'publish') or contains(@itemprop, 'date')]")
    DATELINE_CHARS = 120

    def __init__(self, data: bytes):
        import lxml.etree
        import lxml.html

        try:
            self.tree = lxml.html.fromstring(data)
        except (lxml.etree.ParserError, ValueError):  # what trafilatura read, lxml could not: check nothing
            self.tree = lxml.html.fromstring("<html></html>")
        self.order = {element: n for n, element in enumerate(self.tree.iter())}
        self.h1s = list(self.tree.iter("h1"))
        self.h1 = self.h1s[0] if self.h1s else None  # the headline, once headline_in has found it among them

    def headline_in(self, title: str | None) -> str | None:
        """The <h1> the title is made of, decorated ("Site - headline"); not a site's logo in an
        <h1> (it must make at least half the title)."""
        words = [t.norm for t in tokenize(title or "")]
        for h1 in self.h1s:
            headline = " ".join(h1.text_content().split())
            inner = [t.norm for t in tokenize(headline)]
            if len(words) / 2 <= len(inner) and len(inner) >= 3 and _find(words, inner) is not None:
                self.h1 = h1
                return headline if len(inner) < len(words) else None
        return None

    def with_lead(self, description: str | None, lines: list[str]) -> list[str]:
        """``lines`` with the page's lead first, when readers see one above the article: the page's
        description, printed before the article's first line (Sputnik's standfirst, which the
        extraction drops or appends at the end)."""
        lead = [t.norm for t in tokenize(description or "")]
        if len(lead) < 8 or not lines:
            return lines
        shown = self.tree.xpath("//body//text()[not(ancestor::script or ancestor::style or ancestor::noscript"
                                " or ancestor::template)]")
        visible = [t.norm for t in tokenize(" ".join(shown))]
        first = [t.norm for t in tokenize(lines[0])][:8]
        where, start = _find(visible, lead), _find(visible, first)
        if where is None or first == lead[:8] or (start is not None and start < where):
            return lines
        kept = [line for line in lines if [t.norm for t in tokenize(line)] != lead]
        return [" ".join(description.split())] + kept

    def dateline(self, captured: dt.date) -> str | None:
        """The first whole date in an element marked as the article's date (<time>, class "date"
        ...), after the headline (or in the article when there is no <h1>: a site's header often
        shows the day it is read), read with the archive's own date finder: htmldate does not
        know the Levantine month names (آب، أيلول) Syrian outlets write."""
        from .dates_in_text import find_dates

        articles = self.tree.xpath("//article | //main")
        for element in self.tree.xpath(self.DATELINE):
            inside = self.order.get(element, -1) > self.order[self.h1] if self.h1 is not None else \
                any(element is a or a in element.iterancestors() for a in articles)
            text = " ".join(element.text_content().split())
            if not inside or not text or len(text) > self.DATELINE_CHARS:
                continue
            for found in find_dates([Paragraph(1, text, 1, False, "")]):
                if found.date.day and not found.inferred and not found.date.after(captured):
                    return found.date.iso()
        return None

    def site_name(self) -> str | None:
        return next((name for value in self.tree.xpath("//meta[@property='og:site_name']/@content")
                     if (name := _site_name(str(value)))), None)

    def canonical(self) -> str | None:
        return next((address for href in self.tree.xpath("//link[@rel='canonical']/@href")
                     if (address := _address(str(href)))), None)


def _find(words: list[str], part: list[str]) -> int | None:
    return next((i for i in range(len(words) - len(part) + 1) if words[i:i + len(part)] == part), None)


def _boilerplate(line: str) -> bool:
    words = tuple(t.norm for t in tokenize(line))
    return any(words[:len(start)] == start for start in _BOILERPLATE)


def _clean_title(title: str | None, sitename: str | None) -> str | None:
    if not title:
        return None
    title = title.strip()
    if sitename and title.endswith(sitename.strip()):
        title = title[: -len(sitename.strip())].rstrip(" -|–—")
    elif (suffix := _TITLE_SUFFIX.search(title)) and len(tokenize(title[:suffix.start()])) >= 3:
        title = title[:suffix.start()]
    return title.strip() or None


def _same_words(a: str, b: str) -> bool:
    return [t.norm for t in tokenize(a)] == [t.norm for t in tokenize(b)]
