"""The mkdocs side of the pipeline, so `mkdocs build` and `mkdocs serve` work on their own.

- before the build: generate the pages of every source into docs/ (build_tools.render);
- after each page: put the text direction on <html> (Material puts it on <body>)
  and make the hreflang alternates absolute, as search engines require.
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.exceptions import PluginError

from build_tools.errors import ArchiveError
from build_tools.project import Project
from build_tools.render import generate

RTL_LANGUAGES = {"ar"}
_HTML_TAG = re.compile(r'<html lang="([a-z-]+)"')
_ALTERNATE = re.compile(r'(<link rel="alternate" href=")([^"]*)(" hreflang="[^"]+">)')


def on_pre_build(config) -> None:
    project = Project(Path(config.config_file_path).parent)
    try:
        generate(project, config.site_url or "/")
    except ArchiveError as e:
        raise PluginError(str(e)) from e


def on_post_page(output: str, page, config) -> str:
    output = _HTML_TAG.sub(lambda m: f'{m.group(0)} dir="{"rtl" if m.group(1) in RTL_LANGUAGES else "ltr"}"',
                           output, count=1)
    page_address = urljoin(config.site_url or "/", page.url)
    return _ALTERNATE.sub(lambda m: m.group(1) + urljoin(page_address, m.group(2)) + m.group(3), output)
