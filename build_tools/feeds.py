"""An Atom feed per language of the sources by the date they were added to the archive, for
readers who follow the archive in a feed reader: /feed.xml (Arabic) and /en/feed.xml. A
small autoescaped Jinja template writes it (build_tools/templates/feed.xml.j2), so no text
of a source can break the XML. Sources without an ``added`` date are not in the feed:
Atom needs a date for every entry, and guessing one would announce old sources as new."""
from __future__ import annotations

from .layout import page_url
from .sources import added_last

FEED = "feed.xml"
ENTRIES = 50  # the newest sources: a feed reader needs what changed, not the whole archive
SUMMARY_CHARS = 300


def feed_files(renderer, template) -> dict[str, str]:
    """{path under build/docs/: the Atom feed of ``renderer``'s language}."""
    added = [s for s in added_last(renderer.corpus.sources) if s.added][:ENTRIES]
    lang, site = renderer.lang, renderer.site_url
    entries = [{"title": renderer.title(s), "url": site + page_url(lang, f"sources/{s.id}"),
                "updated": _timestamp(s.added), "summary": _summary(renderer, s)} for s in added]
    home = site + page_url(lang, "")
    content = template.render(
        lang=lang, title=renderer.L["archive_name"], subtitle=renderer.L["site_description"], home=home,
        feed_url=home + FEED, updated=entries[0]["updated"] if entries else "1970-01-01T00:00:00Z",
        entries=entries)
    return {f"{lang}/{FEED}": content}


def _timestamp(date) -> str:
    """Atom dates are full timestamps; a source is added on a day, so its midnight UTC."""
    year, month, day = date.sort_key()
    return f"{year:04d}-{month or 1:02d}-{day or 1:02d}T00:00:00Z"


def _summary(renderer, source) -> str | None:
    """The start of the text in the feed's language; none while that translation is pending."""
    if not source.paragraphs:
        return None
    segment = renderer.text(source, source.paragraphs[0].text)
    return renderer.preview(segment, SUMMARY_CHARS) if segment.lang == renderer.lang else None
