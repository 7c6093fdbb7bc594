"""Where pages live on the site, shared by the renderer, the search index and the hooks.

The source language (Arabic) is at the root, English under /en/; a section
("actors") is its folder's index.md, an item ("actors/sdf") a file of its own,
and mkdocs turns both into directory URLs (.../actors/sdf/).
"""
from __future__ import annotations

from .project import SOURCE_LANGUAGE

EXCERPT_CHARS = 220
# First line of every generated page's body: it is finished HTML, which the site engine
# publishes as it is instead of running it through Markdown (mkdocs_hooks.py).
HTML_PAGE = "<!-- archive: generated HTML page -->\n"


def page_url(lang: str, path: str) -> str:
    """Site-relative URL of a page."""
    prefix = "" if lang == SOURCE_LANGUAGE else f"{lang}/"
    return f"{prefix}{path}/" if path else prefix


def site_path(rel: str) -> str:
    """Where a generated file under build/docs/<lang>/ is published: Arabic at the root."""
    lang, _, rest = rel.partition("/")
    return rest if lang == SOURCE_LANGUAGE else rel


def doc_path(lang: str, path: str) -> str:
    """Where page ``path`` is written under docs/."""
    if not path:
        return f"{lang}/index.md"
    return f"{lang}/{path}.md" if "/" in path else f"{lang}/{path}/index.md"


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """``text`` cut at a word boundary before ``limit`` characters, with … when cut."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[:cut if cut > 0 else limit].rstrip(" ،,") + "…"
