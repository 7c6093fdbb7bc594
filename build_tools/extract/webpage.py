"""A saved web page (HTML) as a source: its main text and metadata, by trafilatura.

Maintainers collect sources as saved pages. trafilatura (with htmldate for the
publication date) is a maintained extractor that keeps the article and drops
menus, share buttons, comments and "read also" blocks; parsing pages by hand
would break on the next site's template. Nothing is fetched: the page is parsed
from the saved bytes only (no URL is passed on, so htmldate never downloads).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

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
    "مشاركة على", "مشاركة عبر")}
MIN_ARTICLE_WORDS = 20  # fewer, and what was found is a menu or a caption, not an article
_TITLE_SUFFIX = re.compile(r"\s+[-|–—]\s+[^-|–—]{1,60}$")  # "Headline - Site name"


@dataclass(frozen=True)
class WebPage:
    text: str  # one paragraph per line, list items as "- ..."
    title: str | None
    author: str | None
    publisher: str | None
    date: str | None  # YYYY-MM-DD, from the page: its metadata (htmldate), else its dateline
    dateline: bool  # the date was read from the dateline (htmldate found none)
    url: str | None  # the page's own address (canonical link), when it is a valid http(s) one


def looks_like_html(data: bytes) -> bool:
    return bool(_HTML.search(data[:SNIFF_BYTES]))


def read_page(shown, data: bytes, captured: dt.date) -> WebPage:
    """The article of the saved page ``data``, saved on ``captured``; an ArchiveError when there is none.

    The publication date is one the page states (its metadata, or a date by the headline), never
    htmldate's extensive search, which takes a copyright line's year as 1 January of it; and never
    a day after the capture. Without one, ``add`` dates the source from its text."""
    import trafilatura  # heavy: imported only when a page is added

    if b"\x00" in data:
        raise ArchiveError(shown, "contains NUL bytes: not a saved web page (a binary file?)")
    dates = {"extensive_search": False, "original_date": True, "max_date": captured.isoformat()}
    doc = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False, include_tables=True,
                                      include_images=False, include_links=False, favor_precision=True,
                                      date_extraction_params=dates)
    title = _clean_title(doc.title, doc.sitename) if doc else None
    lines = [line.strip() for line in (doc.text or "").split("\n") if line.strip() and not _boilerplate(line)] \
        if doc else []
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
    url = doc.url if doc.url and not url_problem(doc.url) else None
    dateline = None if doc.date else _dateline(data, captured)
    return WebPage(text, title, (doc.author or "").strip() or None, (doc.sitename or "").strip() or None,
                   doc.date or dateline, bool(dateline), url)


# Elements that hold a page's date as readers see it; a short text only (not a list of related articles).
_DATELINE = ("//time | //*[contains(@class, 'date') or contains(@class, 'time') or contains(@class, 'tmstmp')"
             " or contains(@itemprop, 'date')]")
DATELINE_CHARS = 120


def _dateline(data: bytes, captured: dt.date) -> str | None:
    """The first whole date in an element marked as the article's date (<time>, class "date" ...),
    after the headline (or in the article when there is no <h1>: a site's header often shows the
    day it is read), read with the archive's own date finder: htmldate does not know the Levantine
    month names (آب، أيلول) Syrian outlets write."""
    import lxml.html

    from .dates_in_text import find_dates

    tree = lxml.html.fromstring(data)
    order = {element: n for n, element in enumerate(tree.iter())}
    headline = min((order[h] for h in tree.iter("h1")), default=None)
    articles = tree.xpath("//article | //main")
    for element in tree.xpath(_DATELINE):
        inside = order[element] > headline if headline is not None else \
            any(element is a or a in element.iterancestors() for a in articles)
        text = " ".join(element.text_content().split())
        if not inside or not text or len(text) > DATELINE_CHARS:
            continue
        for found in find_dates([Paragraph(1, text, 1, False, "")]):
            if found.date.day and not found.inferred and found.date.iso() <= captured.isoformat():
                return found.date.iso()
    return None


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
