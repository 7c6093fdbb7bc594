"""What a page tells the open web about itself, added to each finished page by the mkdocs
hook (build_tools/mkdocs_hooks.py) so that it depends on no theme template: the link
preview of messengers and social sites (Open Graph, Twitter card), a description in the
page's own language, and the robots.txt that points crawlers to the one sitemap."""
from __future__ import annotations

import html
import re

# og:locale is language_TERRITORY (the Open Graph protocol; en_US when absent). Facebook's own
# list spells Arabic "ar_AR", an umbrella code of its own: AR is Argentina, and CLDR has no such
# locale. The archive uses real CLDR locales: Syrian Arabic (the documents are Syrian) and
# British English (the translations' spelling). og:locale is a hint; a reader of an unknown
# locale still gets the preview.
OG_LOCALES = {"ar": "ar_SY", "en": "en_GB"}
_DESCRIPTION = re.compile(r'<meta name="description" content="([^"]*)">')
_CANONICAL = re.compile(r'<link rel="canonical" href="([^"]*)">')
# The theme's tag for a page without its own description, on a line of its own: it prints
# mkdocs.yml's site_description unescaped, so quotes may end its attribute early.
_ANY_DESCRIPTION = re.compile(r'<meta name="description" content="[^\n]*">')


def with_description(page_html: str, description: str) -> str:
    """The page with its <meta name="description"> set to ``description`` (plain text):
    pages written by hand get the site's description in their own language, not the
    English one of mkdocs.yml."""
    tag = f'<meta name="description" content="{html.escape(description, quote=True)}">'
    return _ANY_DESCRIPTION.sub(lambda m: tag, page_html, count=1)


def with_social_tags(page_html: str, title: str, lang: str, site_name: str, article: bool) -> str:
    """The page with Open Graph and Twitter card tags after its description: title,
    description, language and canonical address. ``title`` is plain text; the description
    and address are read from the page, where they are already escaped."""
    description = _DESCRIPTION.search(page_html)
    canonical = _CANONICAL.search(page_html)
    tags = {"og:type": "article" if article else "website", "og:title": html.escape(title, quote=True),
            "og:site_name": html.escape(site_name, quote=True), "og:locale": OG_LOCALES.get(lang, lang)}
    if description:
        tags["og:description"] = description.group(1)
    if canonical:
        tags["og:url"] = canonical.group(1)
    block = "".join(f'\n      <meta property="{name}" content="{value}">' for name, value in tags.items())
    block += '\n      <meta name="twitter:card" content="summary">'
    anchor = description or canonical
    if not anchor:
        return page_html.replace("</head>", block + "\n</head>", 1)
    return page_html[:anchor.end()] + block + page_html[anchor.end():]


def robots_txt(site_url: str) -> str:
    """Every page may be crawled; the sitemap at the site's root lists both languages."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {site_url.rstrip('/')}/sitemap.xml\n"


_HTML_OPEN = re.compile(r'<html lang="[a-z-]+"( dir="[a-z]+")?')
_TITLE = re.compile(r"<title>[^<]*</title>")
_NOT_FOUND_HEADING = "<h1>404 - Not found</h1>"


def not_found_page(page_html: str, lang: str, labels, home: str) -> str:
    """The theme's 404 page in ``lang``: its language and direction, and in place of the
    theme's English heading, the archive's words with a way back home."""
    direction = "rtl" if lang == "ar" else "ltr"
    page_html = _HTML_OPEN.sub(f'<html lang="{lang}" dir="{direction}"', page_html, count=1)
    title = html.escape(labels["not_found_title"])
    page_html = _TITLE.sub(f"<title>{title}</title>", page_html, count=1)
    body = (f"<h1>{title}</h1>\n<p>{html.escape(labels['not_found_text'])} "
            f'<a href="{html.escape(home)}">{html.escape(labels["not_found_home"])}</a></p>')
    return page_html.replace(_NOT_FOUND_HEADING, body, 1)
