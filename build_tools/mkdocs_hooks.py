"""The mkdocs side of the pipeline, so `mkdocs build` and `mkdocs serve` work on their own.
This file is the adapter between the archive and its site engine: everything else in
build_tools/ knows nothing of mkdocs' events.

- on config: assemble build/docs/ (docs/ plus the generated pages, build_tools.pipeline)
  and point mkdocs at it; a bad source stops the build here, before anything is written;
- for each generated page: publish its HTML as it is, without Markdown;
- when serving: watch docs/ and the inputs, not build/docs/ (which the build itself writes);
- after each page: put the text direction on <html> (Material puts it on <body>),
  make the hreflang alternates absolute, as search engines require, and give the
  language switcher's links the language of their text;
- after each language's build: write the sitemaps Material's language switcher fetches
  and mkdocs-static-i18n does not write, en/sitemap.xml and one beside each page (without
  them every page logs 404s in the reader's console).
"""
from __future__ import annotations

import logging
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.exceptions import PluginError

from build_tools.errors import ArchiveError
from build_tools.layout import HTML_PAGE
from build_tools.project import LANGUAGES, SOURCE_LANGUAGE, Project
from build_tools.pipeline import prepare

RTL_LANGUAGES = {"ar"}
_HTML_TAG = re.compile(r'<html lang="([a-z-]+)"')
_ALTERNATE = re.compile(r'(<link rel="alternate" href=")([^"]*)(" hreflang="[^"]+">)')
_SWITCHER_LINK = re.compile(r'hreflang="([a-z-]+)" class="md-select__link"')
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


class _DirtyBuildNotice(logging.Filter):
    """mkdocs warns that a dirty build (`make serve`, incremental builds) may leave the
    navigation stale; the archive's navigation holds the sections only, so no page's
    sidebar depends on another page's content. Without this, strict mode would abort."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(("A 'dirty' build is being performed",
                                                   "The directory contains stale files"))


def on_config(config):
    build_log = logging.getLogger("mkdocs.commands.build")
    if not any(isinstance(f, _DirtyBuildNotice) for f in build_log.filters):
        build_log.addFilter(_DirtyBuildNotice())
    project = Project(Path(config.config_file_path).parent)
    try:
        prepare(project, config.site_url or "/")
    except ArchiveError as e:
        raise PluginError(str(e)) from e
    config.docs_dir = str(project.stage_dir)
    return config


_html_pages: dict[str, str] = {}  # page source path -> its finished HTML, between the two events below


def on_page_markdown(markdown: str, page, config, files) -> str:
    """A generated page is finished, escaped HTML: keep it away from Markdown, which would
    only parse it again (the largest cost of a build at 1,000 sources)."""
    if markdown.startswith(HTML_PAGE):
        _html_pages[page.file.src_uri] = markdown[len(HTML_PAGE):]
        return ""
    return markdown


def on_page_content(html: str, page, config, files) -> str:
    return _html_pages.pop(page.file.src_uri, html)


def on_nav(nav, config, files):
    """In a dirty build mkdocs reads only the changed pages, so the sidebar entries of the
    others would have no title: read those few (the nav holds the sections only)."""
    for page in nav.pages:
        if page.title is None:
            page.read_source(config)
    return nav


def on_serve(server, config, builder):
    project = Project(Path(config.config_file_path).parent)
    server.unwatch(str(project.stage_dir))
    server.watch(str(project.docs_dir))
    return server


def on_post_page(output: str, page, config) -> str:
    output = _HTML_TAG.sub(lambda m: f'{m.group(0)} dir="{"rtl" if m.group(1) in RTL_LANGUAGES else "ltr"}"',
                           output, count=1)
    page_address = urljoin(config.site_url or "/", page.url)
    output = _SWITCHER_LINK.sub(lambda m: f'{m.group(0)} lang="{m.group(1)}"', output)
    return _ALTERNATE.sub(lambda m: m.group(1) + urljoin(page_address, m.group(2)) + m.group(3), output)


def on_post_build(config) -> None:
    lang = config.theme["language"]
    root = Path(config.site_dir)  # mkdocs-static-i18n builds the other languages into the same site_dir
    if root.name == lang:
        root = root.parent
    sitemap = (root / "sitemap.xml").read_text("utf-8")
    if lang != SOURCE_LANGUAGE:
        sitemap = language_sitemap(sitemap, lang)
        (root / lang / "sitemap.xml").write_text(sitemap, encoding="utf-8")
    for path, text in page_sitemaps(sitemap, config.site_url or "/").items():
        (root / path / "sitemap.xml").write_text(text, encoding="utf-8")


def language_sitemap(sitemap: str, lang: str) -> str:
    """The sitemap of one language, from the site's: each page's ``lang`` alternate becomes its <loc>."""
    root = _parse(sitemap)
    for url in root.findall(f"{SITEMAP}url"):
        own = [link.get("href") for link in url.findall(f"{XHTML}link") if link.get("hreflang") == lang]
        if own:
            url.find(f"{SITEMAP}loc").text = own[0]
        else:
            root.remove(url)
    return _serialise(root)


def page_sitemaps(sitemap: str, site_url: str) -> dict[str, str]:
    """{page folder: a sitemap of that page alone}. Material's language switcher fetches
    sitemap.xml beside every hreflang alternate, and ours point to pages, not language roots."""
    pages = {}
    for url in _parse(sitemap).findall(f"{SITEMAP}url"):
        path = url.find(f"{SITEMAP}loc").text.removeprefix(site_url).strip("/")
        if path in ("", *LANGUAGES):  # a language root: its full sitemap is there
            continue
        single = ET.Element(f"{SITEMAP}urlset")
        single.append(url)
        pages[path] = _serialise(single)
    return pages


def _parse(sitemap: str) -> ET.Element:
    ET.register_namespace("", SITEMAP[1:-1])
    ET.register_namespace("xhtml", XHTML[1:-1])
    return ET.fromstring(sitemap)


def _serialise(root: ET.Element) -> str:
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


_ALTERNATE_OR_SWITCHER = re.compile(r'(<(?:link rel="alternate"|a) href=")[^"]*(" hreflang="([a-z-]+)")')


def on_post_template(output: str, template_name: str, config) -> str:
    """The 404 page belongs to no page, but mkdocs-static-i18n gives it the language links
    of whichever page was rendered last: point them at the language home pages instead,
    so every build writes the same 404.html."""
    if template_name != "404.html":
        return output
    root = urljoin(config.site_url or "/", "/") if not config.site_url else config.site_url
    return _ALTERNATE_OR_SWITCHER.sub(
        lambda m: m.group(1) + urljoin(root, "" if m.group(3) == SOURCE_LANGUAGE else f"{m.group(3)}/")
        + m.group(2), output)
