"""The mkdocs side of the pipeline, so `mkdocs build` and `mkdocs serve` work on their own.
This file is the adapter between the archive and its site engine: everything else in
build_tools/ knows nothing of mkdocs' events.

- on config: assemble build/docs/ (docs/ plus the generated pages, build_tools.pipeline)
  and point mkdocs at it; a bad source stops the build here, before anything is written
  (when serving, it is reported and the last good pages are served until it is fixed);
- for each generated page: publish its HTML as it is, without Markdown; leave the theme's
  source maps out; keep the theme's compiled templates between builds (render.compiled_templates);
- when serving: watch docs/ and the inputs, not build/docs/ (which the build itself writes);
  remove the pages of a source removed meanwhile (mkdocs' dirty mode keeps every page it wrote);
  say a bad edit once per edit, not once per language;
- after each page: give every page a "skip to content" link and a menu button a keyboard can
  reach (with overrides/assets/javascripts/archive-menu.js), put the text direction on <html>
  (Material puts it on <body>), give the language switcher's links the language of their
  text, describe the page in its own
  language with Open Graph and Twitter card tags (build_tools/web_meta.py), and drop the
  <link rel="alternate" hreflang> tags: Material's script fetches a sitemap.xml beside every
  such link (a 404 in the reader's console for each page), and the sitemap carries the
  same alternates, which search engines accept in its place;
- after the build: robots.txt, pointing to the sitemap at the root (mkdocs-static-i18n's
  lists the pages of both languages with their hreflang alternates).
"""
from __future__ import annotations

import html
import logging
import os
import re
import sys
from functools import cache
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.exceptions import PluginError

from build_tools.errors import ArchiveError
from build_tools.layout import HTML_PAGE
from build_tools.project import LANGUAGES, SOURCE_LANGUAGE, Project
from build_tools.pipeline import input_fingerprint, prepare
from build_tools.render import compiled_templates
from build_tools.web_meta import not_found_page, robots_txt, with_description, with_social_tags
from build_tools.stage import mirror_static, walked_path

RTL_LANGUAGES = {"ar"}
_HTML_TAG = re.compile(r'<html lang="([a-z-]+)"')
_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]+">')
_SWITCHER_LINK = re.compile(r'hreflang="([a-z-]+)" class="md-select__link"')


class _DirtyBuildNotice(logging.Filter):
    """mkdocs warns that a dirty build (`make serve`, incremental builds) may leave the
    navigation stale; the archive's navigation holds the sections only, so no page's
    sidebar depends on another page's content. Without this, strict mode would abort."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(("A 'dirty' build is being performed",
                                                   "The directory contains stale files"))


_serving = False  # `mkdocs serve`: a bad edit must not stop the preview (on_config)
_reported: tuple | None = None  # (the error, the inputs' fingerprint) last printed while serving


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_config(config):
    global _reported
    build_log = logging.getLogger("mkdocs.commands.build")
    if not any(isinstance(f, _DirtyBuildNotice) for f in build_log.filters):
        build_log.addFilter(_DirtyBuildNotice())
    project = Project(Path(config.config_file_path).parent)
    try:
        prepare(project, config.site_url or "/")
    except ArchiveError as e:
        if not (_serving and project.stage_dir.is_dir()):
            raise PluginError(str(e)) from e
        # mkdocs serve answers no request after a failed build until one succeeds: keep building
        # the pages last prepared, so the preview stays up while the maintainer fixes the file.
        # (Printed, not logged: the site's strict mode would count a logged error as a failure.)
        # Once per edit: the language plugin configures the build again for each language.
        reported = (str(e), input_fingerprint(project))
        if reported != _reported:
            print(f"ERROR    -  {e} (still serving the last good build: fix the file and save)", file=sys.stderr,
                  flush=True)
            _reported = reported
    config.docs_dir = str(project.stage_dir)
    return config


def on_files(files, config):
    """Leave out the theme's source maps: 1.3 MB of debugging data for code the archive mostly does
    not use (Material's own search), which readers never need, and which name localhost."""
    for file in [f for f in files if f.src_uri.endswith(".map")]:
        files.remove(file)
    return files


_pages_made: dict[str, set[str]] = {}  # when serving: language -> the pages its build makes, under the site's root


def _remove_pages_of_removed_sources(root: Path, lang: str, pages: set[str]) -> None:
    """`mkdocs serve --dirty` never removes a page it wrote: a source removed while serving stayed
    served. (A build removes it by building afresh, site._mkdocs.) The site's root holds the
    source language's pages and a folder for each other language's."""
    top = root if lang == SOURCE_LANGUAGE else root / lang
    for folder, dirs, files in os.walk(top):
        if lang == SOURCE_LANGUAGE and folder == str(top):
            dirs[:] = [d for d in dirs if d not in LANGUAGES]
        if "index.html" in files and walked_path(str(root), folder, "index.html") not in pages:
            os.unlink(os.path.join(folder, "index.html"))


_html_pages: dict[str, str] = {}  # page source path -> its finished HTML, between the two events below


def on_env(env, config, files):
    """Keep the theme's compiled templates between builds, as the archive's own (render.compiled_templates)."""
    env.bytecode_cache = compiled_templates()
    return env


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
    if _serving:  # (the files as the language plugin left them for this language's build)
        _pages_made[config.theme["language"]] = {f.dest_uri for f in files if f.is_documentation_page()}
    return nav


def on_serve(server, config, builder):
    project = Project(Path(config.config_file_path).parent)
    server.unwatch(str(project.stage_dir))
    server.watch(str(project.docs_dir))
    return server


def on_post_page(output: str, page, config) -> str:
    lang = config.theme["language"]
    # mkdocs keeps every page's HTML until the end of the build, and the language plugin
    # builds the second language inside the first one's build: at 1,000 sources that is
    # most of the build's memory. This page is rendered into ``output`` now and nothing
    # reads its HTML again, so let it go. (Not page.markdown: the page's title is read
    # from it; a generated page's is empty anyway, see on_page_markdown.)
    page.content = None
    output = _HTML_TAG.sub(lambda m: f'{m.group(0)} dir="{"rtl" if m.group(1) in RTL_LANGUAGES else "ltr"}"',
                           output, count=1)
    output = _ALTERNATE.sub("", output)
    labels = _labels(config.config_file_path)[lang]
    output = _for_every_reader(output, labels)
    if not (page.meta or {}).get("description"):  # a hand-written page: the site's, in the page's language
        output = with_description(output, labels["site_description"])
    return with_social_tags(output, html.unescape(page.title or ""), lang, config.site_name,
                            article=page.url.startswith("sources/") or "/sources/" in page.url)


_MENU_LABEL = '<label class="md-header__button md-icon" for="__drawer">'  # a button (archive-menu.js)
_EMPTY_SKIP = re.compile(r'(<div data-md-component="skip">)\s*(</div>)')
_CONTENT = '<article class="md-content__inner md-typeset">'


def _for_every_reader(output: str, labels) -> str:
    """What every page, the 404 pages too, gets: the language of the switcher's links (each in its
    own language), a skip link, and a menu button a keyboard can reach."""
    output = _SWITCHER_LINK.sub(lambda m: f'{m.group(0)} lang="{m.group(1)}"', output)
    output = _with_skip_link(output, labels["skip_to_content"])
    return output.replace(_MENU_LABEL, _MENU_LABEL[:-1] + f' role="button" tabindex="0" aria-label='
                          f'"{html.escape(labels["menu"])}" aria-controls="__drawer">', 1)


def _with_skip_link(output: str, label: str) -> str:
    """Material offers "skip to content" only on a page with a table of contents, and the generated
    pages write their headings as HTML, so have none: every page gets the link, first in the tab
    order, to its content."""
    if _CONTENT not in output or not _EMPTY_SKIP.search(output):
        return output
    output = output.replace(_CONTENT, _CONTENT[:-1] + ' id="archive-content">', 1)
    return _EMPTY_SKIP.sub(lambda m: f'{m.group(1)}<a href="#archive-content" class="md-skip">'
                                     f'{html.escape(label)}</a>{m.group(2)}', output, count=1)


@cache
def _labels(config_file: str):
    return Project(Path(config_file).parent).labels


def on_post_build(config) -> None:
    lang = config.theme["language"]
    root = Path(config.site_dir)  # mkdocs-static-i18n builds the other languages into the same site_dir
    if root.name == lang:
        root = root.parent
    if lang == SOURCE_LANGUAGE:  # the site's root: the search index and downloads go in once
        mirror_static(Project(Path(config.config_file_path).parent), root)
    (root / "robots.txt").write_text(robots_txt(config.site_url or "/"), encoding="utf-8")
    for lang_code, text in _not_found.items():  # /404.html and /en/404.html, each in its language
        (root / ("" if lang_code == SOURCE_LANGUAGE else lang_code) / "404.html").write_text(text, encoding="utf-8")
    if _serving and lang in _pages_made:
        _remove_pages_of_removed_sources(root, lang, _pages_made.pop(lang))


_ALTERNATE_OR_SWITCHER = re.compile(r'(<(?:link rel="alternate"|a) href=")[^"]*(" hreflang="([a-z-]+)")')


def on_post_template(output: str, template_name: str, config) -> str:
    """The 404 page belongs to no page, but mkdocs-static-i18n gives it the language links
    of whichever page was rendered last: point them at the language home pages instead,
    so every build writes the same 404.html."""
    if template_name != "404.html":
        return output
    root = urljoin(config.site_url or "/", "/") if not config.site_url else config.site_url
    output = _ALTERNATE.sub("", output)  # as on every page: Material would fetch a sitemap beside each
    output = _ALTERNATE_OR_SWITCHER.sub(
        lambda m: m.group(1) + urljoin(root, "" if m.group(3) == SOURCE_LANGUAGE else f"{m.group(3)}/")
        + m.group(2), output)
    lang = config.theme["language"]
    home = root if lang == SOURCE_LANGUAGE else urljoin(root, f"{lang}/")
    labels = _labels(config.config_file_path)[lang]
    output = _for_every_reader(output, labels)
    _not_found[lang] = not_found_page(with_description(output, labels["site_description"]), lang, labels, home)
    return _not_found[lang]


_not_found: dict[str, str] = {}  # language -> its 404 page, written by on_post_build
