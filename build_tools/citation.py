"""How a source is cited (plain text, BibTeX, CSL-JSON) and described to machines
(schema.org JSON-LD), always with the stable permalink and the truth about the
translation: who or what produced the English."""
from __future__ import annotations

import json
import re

from markupsafe import Markup

from .sources import Source
from .untrusted import isolate

# CSL and schema.org types for the archive's kinds of source; a kind added to data/kinds.yml
# without one here is cited as a generic document.
CSL_TYPES = {"news-report": "article-newspaper", "opinion": "article-newspaper",
             "joint-statement": "document", "official-statement": "document"}
SCHEMA_TYPES = {"news-report": "NewsArticle", "opinion": "OpinionNewsArticle",
                "joint-statement": "CreativeWork", "official-statement": "CreativeWork"}
_BIBTEX_SPECIAL = re.compile(r"([\\{}&%$#_^~])")
_DIRECTION_MARKS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Statements are issued by organisations; a report's or opinion's byline names a person unless it
# is the publisher's own.
_AUTHOR_TYPES = {"joint-statement": "Organization", "official-statement": "Organization"}


def _in(value, lang: str) -> str | None:
    return value.pick(lang)[0] if value else None


def citations(source: Source, lang: str, title: str, permalink: str, translators: list[str],
              archive_name: str) -> dict[str, str]:
    """{"plain", "bibtex", "csl"} for one page of ``source`` (its ``title`` in ``lang``).

    ``translators`` name who or what produced this page's English; none means the English
    page still shows the Arabic (translation pending), and the citation says so. In the
    plain text and BibTeX every field taken from the source is a bidi isolate, so a
    direction mark in a title cannot reorder the rest of the citation; BibTeX, one field a line
    and read by reference managers, has the fields without any direction marks. A title the
    archive supplied (the source has none) is in square brackets, as catalogues write one."""
    author, publisher = _in(source.author, lang), _in(source.publisher, lang)
    date = source.date.iso() if source.date else None
    translated = lang != "ar"
    by = " and ".join(translators)
    shown, original = (f"[{title}]", f"[{source.title}]") if source.title_supplied else (title, source.title)
    translation = (f"English translation by {by}" if by else "English translation pending") if translated else None
    plain = _sentences([
        isolate(author) if author else None,
        (f"[{isolate(title)}]" if source.title_supplied else f"“{isolate(title)}”")
        + (f" [{isolate(source.title)}]" if translated and title != source.title else ""),
        isolate(publisher) if publisher else None,
        source.date.format(lang) if source.date else ("n.d." if translated else "د.ت."),
        translation, f"{archive_name}{'، ' if lang == 'ar' else ', '}{permalink}"])
    fields = {
        "title": shown, "author": "{" + _bibtex(author) + "}" if author else None, "publisher": publisher,
        "year": str(source.date.year) if source.date else None,
        "month": str(source.date.month) if source.date and source.date.month else None,
        "url": permalink, "howpublished": archive_name, "language": "english" if translated and by else "arabic",
        "note": (f"Translation of the Arabic original “{original}”, by {by}" if by else
                 "English translation pending: the page shows the Arabic original") if translated else None,
    }
    bibtex = f"@misc{{{source.id.replace('-', '_')}_{lang},\n" + "".join(
        f"  {k} = {{{_bibtex(v) if k not in ('url', 'author') else v}}},\n"  # author: escaped above
        for k, v in fields.items() if v) + "}"
    bibtex = _DIRECTION_MARKS.sub("", bibtex)  # each field on its own line: nothing to isolate, nothing to import
    csl = {
        "id": f"{source.id}-{lang}", "type": CSL_TYPES.get(source.kind, "document"), "title": shown,
        "language": lang if not translated or by else "ar",
        "URL": permalink, "archive": archive_name,
        # a newspaper article's container is the newspaper, not the archive that keeps a copy
        **({"container-title": publisher} if publisher and CSL_TYPES.get(source.kind) == "article-newspaper" else {}),
        **({"author": [{"literal": author}]} if author else {}),
        **({"publisher": publisher} if publisher else {}),
        **({"issued": {"date-parts": [[int(x) for x in date.split("-")]]}} if date else {}),
        **({"original-title": original, "translator": [{"literal": t} for t in translators]}
           if translated and by else {}),
    }
    return {"plain": plain, "bibtex": bibtex, "csl": json.dumps([csl], ensure_ascii=False, indent=2)}


def _sentences(parts: list[str | None]) -> str:
    """The parts joined as sentences: "a. b. c." without doubling a final period ("n.d.")."""
    present = [p for p in parts if p]
    return "".join(p + ("" if p.endswith(".") else ".") + (" " if i < len(present) - 1 else "")
                   for i, p in enumerate(present))


def json_ld(source: Source, lang: str, title: str, permalink: str, original_permalink: str,
            translators: list[dict]) -> Markup:
    """schema.org description of the page, safe to put inside <script type="application/ld+json">."""
    data = {
        "@context": "https://schema.org", "@type": SCHEMA_TYPES.get(source.kind, "CreativeWork"), "@id": permalink,
        "url": permalink, "name": title, "inLanguage": lang,
        **({"datePublished": source.date.iso()} if source.date else {}),
        **({"author": {"@type": _author_type(source), "name": _in(source.author, lang)}} if source.author else {}),
        **({"publisher": {"@type": "Organization", "name": _in(source.publisher, lang)}}
           if source.publisher else {}),
        **({"sameAs": source.url} if source.url else {}),
    }
    if lang != "ar" and translators:
        data["translationOfWork"] = {"@id": original_permalink, "name": source.title, "inLanguage": "ar"}
        data["translator"] = translators
    elif lang != "ar":  # nothing translated yet: the page shows the Arabic original
        data["inLanguage"] = "ar"
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    # Inside <script>, "</script>" or "<!--" in a title would end the block: escape < > & as JSON does.
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def _author_type(source: Source) -> str:
    own = source.author == source.publisher
    return "Organization" if own else _AUTHOR_TYPES.get(source.kind, "Person")


def _bibtex(text: str) -> str:
    return _BIBTEX_SPECIAL.sub(lambda m: "\\" + m.group(1) if m.group(1) not in "\\^~"
                               else {"\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\~{}"}[m.group(1)], text)
