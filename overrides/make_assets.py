"""Regenerates the two theme assets that are derived from packages, so that a phone downloads
and parses only what the archive uses (mkdocs does not publish this file: it skips *.py).

    .venv/bin/python overrides/make_assets.py --css     # after upgrading mkdocs-material
    .venv/bin/python overrides/make_assets.py --fonts   # needs npm, and: pip install fonttools brotli

- ``assets/stylesheets/theme.css``: Material for MkDocs' own stylesheets (main and palette, as
  the installed package ships them) without the rules of the features the archive does not
  turn on (theme search, tabs, code highlighting and copy buttons, annotations, tooltips,
  blog, tags, versions, consent, content tabs, task lists, footnotes, ...) and without the
  colours of the palettes it does not use: about 60 KB instead of 150 KB. The selectors are
  dropped, never rewritten; what stays is Material's text byte for byte. tests/test_web.py
  rebuilds it and checks that no built page uses a class it dropped.
- ``assets/fonts/noto-naskh-arabic-{400,700}.woff2``: Noto Naskh Arabic as the
  @fontsource/noto-naskh-arabic npm package ships it (its "arabic" file), reduced to the
  Arabic script's blocks (FONT_UNICODES), with every glyph, OpenType feature (joining forms,
  ligatures, mark positioning), hinting and name record of those characters kept: about
  27 KB per weight instead of 53 KB. Dropped: the Arabic Extended-A/B letters of other
  languages and the presentation-form ligatures (Presentation Forms-A: ﷺ, ﷽, ...).
"""
from __future__ import annotations

import argparse
import hashlib
import io
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
THEME_CSS = HERE / "assets" / "stylesheets" / "theme.css"
FONTS = HERE / "assets" / "fonts"

# --- The theme's stylesheet -------------------------------------------------------------

# Class-name prefixes of the Material features and Markdown extensions the archive does not use
# (mkdocs.yml: no search plugin, no repo_url, features navigation.sections/indexes/top only,
# Markdown extensions attr_list/admonition/toc). A selector naming one of them is dropped.
UNUSED_CLASSES = (
    "md-search", "md-tabs", "md-source", "md-version", "md-consent", "md-feedback", "md-tag", "md-post",
    "md-author", "md-path", "md-pagination", "md-annotation", "md-tooltip", "md-clipboard", "md-code__",
    "md-status", "md-banner", "md-social", "md-sponsor", "md-draft", "md-pin",
    "tabbed-", "highlight", "linenos", "linenodiv", "filename", "keys", "critic", "task-list", "footnote",
    "grid", "arithmatex", "twemoji", "emojione", "gemoji", "mermaid",
)
# The icons and colours of those features (custom properties on :root).
UNUSED_PROPERTIES = (
    "--md-annotation", "--md-clipboard", "--md-code-copy", "--md-code-select", "--md-footnotes", "--md-path",
    "--md-post", "--md-search", "--md-source", "--md-tabbed", "--md-tag", "--md-tasklist", "--md-version",
    "--md-status",
)
# The palette in use (mkdocs.yml theme.palette): the rules of every other colour are dropped.
PALETTE = {"scheme": "default", "primary": "brown", "accent": "deep-orange"}
_COLOUR = re.compile(r"\[data-md-color-(scheme|primary|accent)=([\w-]+)\]")
_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")


def _scan(text: str, start: int, stop_at: str) -> int:
    """The index of the first character of ``stop_at`` at nesting depth 0 from ``start``
    (strings, comments, brackets and braces skipped), or len(text)."""
    depth, i = 0, start
    while i < len(text):
        ch = text[i]
        if ch in "\"'":
            i += 1
            while i < len(text) and text[i] != ch:
                i += 2 if text[i] == "\\" else 1
        elif text.startswith("/*", i):
            i = text.index("*/", i + 2) + 1
        elif ch in "([{":
            if depth == 0 and ch in stop_at:
                return i
            depth += 1
        elif ch in ")]}":
            if depth == 0 and ch in stop_at:
                return i
            depth -= 1
        elif depth == 0 and ch in stop_at:
            return i
        i += 1
    return i


def _split(text: str, separator: str) -> list[str]:
    parts, at = [], 0
    while at <= len(text):
        end = _scan(text, at, separator)
        parts.append(text[at:end])
        at = end + 1
    return parts


def _rules(css: str) -> list[tuple[str, str | None]]:
    """The top-level items of a stylesheet: (prelude, block content), or (statement, None)."""
    items, at = [], 0
    while at < len(css):
        while at < len(css) and css[at].isspace():
            at += 1
        if css.startswith("/*", at):  # comments (the source map's) are not kept
            at = css.index("*/", at) + 2
            continue
        end = _scan(css, at, "{;")
        if end >= len(css):
            break
        if css[end] == ";":
            items.append((css[at:end + 1].strip(), None))
            at = end + 1
            continue
        close = _scan(css, end + 1, "}")
        items.append((css[at:end].strip(), css[end + 1:close]))
        at = close + 1
    return items


def _keep_selector(selector: str) -> bool:
    if any(name.startswith(UNUSED_CLASSES) for name in _CLASS.findall(selector)):
        return False
    return all(PALETTE[kind] == value for kind, value in _COLOUR.findall(selector))


def _keep_declaration(declaration: str) -> bool:
    return not declaration.strip().startswith(UNUSED_PROPERTIES)


def trim(css: str) -> str:
    out = []
    for prelude, block in _rules(css):
        if block is None:
            out.append(prelude)
        elif prelude.startswith(("@media", "@supports", "@layer", "@container")):
            inner = trim(block)
            if inner:
                out.append(f"{prelude}{{{inner}}}")
        elif prelude.startswith("@"):
            out.append(f"{prelude}{{{block}}}")
        else:
            selectors = [s for s in _split(prelude, ",") if _keep_selector(s)]
            declarations = [d for d in _split(block, ";") if _keep_declaration(d)]
            if selectors and any(d.strip() for d in declarations):
                out.append(f"{','.join(selectors)}{{{';'.join(declarations)}}}")
    return "".join(out)


def _unused_keyframes(css: str) -> str:
    """Without the @keyframes no kept rule animates with (those of the dropped features)."""
    names = re.findall(r"@keyframes ([\w-]+)\{", css)
    for name in names:
        rule = re.search(r"@keyframes " + re.escape(name) + r"\{", css)
        close = _scan(css, rule.end(), "}")
        rest = css[:rule.start()] + css[close + 1:]
        if not re.search(r"animation(-name)?:[^;}]*\b" + re.escape(name) + r"\b", rest):
            css = rest
    return css


def material_stylesheets() -> tuple[str, Path, Path]:
    import material
    folder = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
    main, = folder.glob("main.*.min.css")
    palette, = folder.glob("palette.*.min.css")
    from importlib.metadata import version
    return version("mkdocs-material"), main, palette


def theme_css() -> str:
    """theme.css as this script makes it from the installed Material."""
    version, main, palette = material_stylesheets()
    css = ""
    for sheet in (main, palette):
        text = sheet.read_text("utf-8").removeprefix('@charset "UTF-8";')
        css += _unused_keyframes(trim(text)) if sheet is main else trim(text)
    undefined = {name for name in re.findall(r"var\((--[\w-]+)\)", css)
                 if not re.search(re.escape(name) + r":", css)} - {"--md-text-font", "--md-code-font"}
    if undefined:
        raise SystemExit(f"trimmed too much: {sorted(undefined)} are used but no longer defined")
    header = (f"/* Material for MkDocs {version} (MIT License, (c) Martin Donath): {main.name} and {palette.name}\n"
              f"   without the features and colours the archive does not use. Generated by\n"
              f"   overrides/make_assets.py --css; do not edit. */\n")
    return '@charset "UTF-8";\n' + header + css + "\n"


# --- The Arabic font --------------------------------------------------------------------

FONTSOURCE = "@fontsource/noto-naskh-arabic@5.3.0"
FONT_SOURCES = {  # weight -> the package's file, and its SHA-256 (Noto Naskh Arabic 2.021)
    400: ("noto-naskh-arabic-arabic-400-normal.woff2", "9cc2d2e90f7b51904468558b4ed529de8a8206497c8edb5e33122bd077e0158c"),
    700: ("noto-naskh-arabic-arabic-700-normal.woff2", "d2d8e6b155248d6706e2e9c6019e88d435873801efe3d5a3ed6f0ab69aa1511e"),
}
# The Arabic block and Arabic Supplement, the isolated/initial/medial/final letter forms of
# Presentation Forms-B (in copied text), the joiners and direction marks, and the spaces.
# archive.css gives the same list as the fonts' unicode-range.
FONT_UNICODES = "U+0020,U+00A0,U+0600-06FF,U+0750-077F,U+200C-200F,U+2010,U+FE70-FEFF"


def font_path(weight: int) -> Path:
    return FONTS / f"noto-naskh-arabic-{weight}.woff2"


def make_fonts() -> None:
    try:
        from fontTools import subset
    except ImportError:
        raise SystemExit("needs fonttools and brotli: .venv/bin/pip install fonttools brotli")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["npm", "pack", FONTSOURCE, "--pack-destination", tmp, "--silent"], check=True,
                       stdout=subprocess.DEVNULL)
        archive, = Path(tmp).glob("*.tgz")
        with tarfile.open(archive) as tar:
            for weight, (name, sha256) in FONT_SOURCES.items():
                data = tar.extractfile(f"package/files/{name}").read()
                if hashlib.sha256(data).hexdigest() != sha256:
                    raise SystemExit(f"{FONTSOURCE} {name} is not the file this script was written for")
                options = subset.Options()
                options.layout_features = ["*"]   # every OpenType feature: joining, ligatures, marks
                options.name_IDs = ["*"]          # copyright, licence and version records
                options.name_languages = ["*"]
                options.notdef_outline = True
                options.flavor = "woff2"
                font = subset.load_font(io.BytesIO(data), options)
                subsetter = subset.Subsetter(options)
                subsetter.populate(unicodes=subset.parse_unicodes(FONT_UNICODES))
                subsetter.subset(font)
                subset.save_font(font, str(font_path(weight)), options)
                print(f"{font_path(weight).relative_to(REPO)}: {font_path(weight).stat().st_size} bytes "
                      f"(from {len(data)})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--css", action="store_true", help="regenerate assets/stylesheets/theme.css")
    parser.add_argument("--fonts", action="store_true", help="regenerate the Arabic font files")
    args = parser.parse_args()
    if not (args.css or args.fonts):
        parser.error("say --css, --fonts or both")
    if args.css:
        THEME_CSS.write_text(theme_css(), encoding="utf-8")
        print(f"{THEME_CSS.relative_to(REPO)}: {THEME_CSS.stat().st_size} bytes")
    if args.fonts:
        make_fonts()


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    main()
