"""A saved web page (HTML) as a source: its main text and metadata, by trafilatura.

Maintainers collect sources as saved pages. trafilatura (with htmldate for the
publication date) is a maintained extractor that keeps the article and drops
menus, share buttons, comments and "read also" blocks; parsing pages by hand
would break on the next site's template. Nothing is fetched: the page is parsed
from the saved bytes only (no URL is passed on, so htmldate never downloads).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import ArchiveError
from ..files import check_no_controls
from ..normalize import tokenize
from ..untrusted import url_problem

# What marks a file as HTML whatever its name: a doctype or a structural tag near the start.
_HTML = re.compile(rb"<\s*(?:!doctype\s+html|html|head|body|meta|div|p|article|title)\b", re.IGNORECASE)
SNIFF_BYTES = 4096
# Lines that are the site's, not the article's, when the extractor lets them through.
_BOILERPLATE = re.compile(r"^\s*(?:اقرأ|إقرأ|اقرا)\s+(?:أيضا|أيضاً|ايضا|ايضاً|المزيد)|^\s*(?:شارك|مشاركة)\s*(?:على|عبر)?\s*"
                          r"(?:فيسبوك|تويتر|واتساب|تيليجرام)|^\s*(?:تابعونا|تابعنا)\s+على")
_TITLE_SUFFIX = re.compile(r"\s+[-|–—]\s+[^-|–—]{1,60}$")  # "Headline - Site name"


@dataclass(frozen=True)
class WebPage:
    text: str  # one paragraph per line, list items as "- ..."
    title: str | None
    author: str | None
    publisher: str | None
    date: str | None  # YYYY-MM-DD, from the page (htmldate)
    url: str | None  # the page's own address (canonical link), when it is a valid http(s) one


def looks_like_html(data: bytes) -> bool:
    return bool(_HTML.search(data[:SNIFF_BYTES]))


def read_page(shown, data: bytes) -> WebPage:
    """The article of the saved page ``data``; an ArchiveError when there is none."""
    import trafilatura  # heavy: imported only when a page is added

    doc = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False, include_tables=True,
                                      include_images=False, include_links=False, favor_precision=True)
    if doc is None or not (doc.text or "").strip():
        raise ArchiveError(shown, "no article text found in this HTML page; save the article's page, "
                                  "or paste its text into a .txt file")
    title = _clean_title(doc.title, doc.sitename)
    lines = [line.strip() for line in doc.text.split("\n") if line.strip() and not _BOILERPLATE.search(line)]
    while lines and title and _same_words(lines[0], title):
        lines.pop(0)  # the headline is the title, not paragraph 1
    text = "\n".join(lines)
    check_no_controls(shown, text)
    url = doc.url if doc.url and not url_problem(doc.url) else None
    return WebPage(text, title, (doc.author or "").strip() or None, (doc.sitename or "").strip() or None,
                   doc.date, url)


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
