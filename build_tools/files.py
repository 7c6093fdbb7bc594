"""Reading what people write (sources, translation memories, registry, data files), safely.

Everything the build reads can come from a contributor's pull request, so it is
read as untrusted input:

- only regular files, never through a symbolic link, and only inside the
  checkout (a symlink to /etc/passwd or a FIFO is refused, naming the path);
- at most ``limit`` bytes, valid UTF-8, no NUL or other control characters;
- YAML through one loader: libyaml's C parser when present (26-30x faster on
  translation memories), safe tags only, anchors and aliases refused (an alias
  bomb of 500 bytes can otherwise expand to gigabytes), duplicate keys refused
  (the later one would silently win), nesting bounded.

Every refusal is one ``ArchiveError`` naming the file, and the line where known.
"""
from __future__ import annotations

import json
import os
import re
import stat
import tempfile
from pathlib import Path

import yaml

from .errors import ArchiveError

KiB, MiB = 1024, 1024 * 1024
# Size limits, documented in the README ("Security"). A real statement is a few hundred KB.
MAX_SOURCE_BYTES = 32 * MiB  # source.md and its translation memory
MAX_DATA_BYTES = 4 * MiB  # data/*.yml
MAX_FRONT_MATTER_BYTES = 64 * KiB
MAX_YAML_DEPTH = 32

# C0 controls other than tab, line feed and carriage return, DEL, C1 controls and Unicode's
# noncharacters (U+FDD0-FDEF, U+FFFE, U+FFFF, U+1FFFE ...): never in a text anyone means; they reach
# terminals as escape sequences and make the Atom feeds ill-formed XML. One list, looked for two
# ways: in a text, and in the UTF-8 bytes of a file as read (read_text), which finds the same
# characters six times faster in Arabic text (0.67 -> 0.11 s for the 23 MB of 1,000 sources).
_CONTROL_CODES = (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0), *range(0xFDD0, 0xFDF0),
                  *(plane + last for plane in range(0, 0x110000, 0x10000) for last in (0xFFFE, 0xFFFF)))
_CONTROL = re.compile("[" + "".join(re.escape(chr(c)) for c in _CONTROL_CODES) + "]")
_CONTROL_UTF8 = re.compile(b"|".join(re.escape(chr(c).encode("utf-8")) for c in _CONTROL_CODES))

_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class SafeLoader(_BASE_LOADER):
    """Safe YAML (C parser when available). Composition only: ``load_with_lines`` checks
    the node tree before anything is constructed."""


class TextDatesLoader(SafeLoader):
    """The same, with dates kept as written: 2023-09-05 stays a string, so partial and
    full dates go through the same check."""


TextDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in SafeLoader.yaml_implicit_resolvers.items()
}


def read_text(shown: Path | str, path: Path, *, limit: int, inside: Path | None = None) -> str:
    """The UTF-8 text of the regular file ``path`` (shown in messages as ``shown``).

    With ``inside``, the file must lie inside that folder once every link is resolved;
    a symbolic link is refused wherever it is, a FIFO or device is never opened."""
    data = read_bytes(shown, path, limit=limit, inside=inside)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise ArchiveError(shown, f"not valid UTF-8 (byte {e.start}); save the file as UTF-8", line) from e
    if _CONTROL_UTF8.search(data):  # valid UTF-8: a match is a whole character, which the text search names
        check_no_controls(shown, text)
    return text


def read_bytes(shown: Path | str, path: Path, *, limit: int, inside: Path | None = None) -> bytes:
    check_regular_file(shown, path, inside)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as e:
        raise ArchiveError(shown, f"cannot read: {e.strerror}") from e
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):  # replaced between the check and the open
            raise ArchiveError(shown, "is not a regular file")
        data = f.read(limit + 1)
    if len(data) > limit:
        raise ArchiveError(shown, f"is larger than {limit // MiB or limit // KiB} "
                                  f"{'MiB' if limit >= MiB else 'KiB'}, the limit for this kind of file")
    return data


def check_regular_file(shown: Path | str, path: Path, inside: Path | None) -> None:
    """Refuse symbolic links, FIFOs, devices, folders, and (with ``inside``) paths leading out of it."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        raise ArchiveError(shown, "does not exist") from None
    except OSError as e:
        raise ArchiveError(shown, f"cannot read: {e.strerror}") from e
    if stat.S_ISLNK(mode):
        raise ArchiveError(shown, "is a symbolic link; the build reads only regular files inside the checkout")
    if not stat.S_ISREG(mode):
        what = "a folder" if stat.S_ISDIR(mode) else "not a regular file (a FIFO, socket or device)"
        raise ArchiveError(shown, f"is {what}; expected a regular file")
    if inside is not None and not is_inside(path, inside):
        raise ArchiveError(shown, "resolves to a place outside the checkout (through a symbolic link); refused")


def is_inside(path: Path, folder: Path) -> bool:
    return Path(os.path.realpath(path)).is_relative_to(os.path.realpath(folder))


def check_no_controls(shown: Path | str, text: str) -> None:
    bad = _CONTROL.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        raise ArchiveError(shown, f"contains the control character U+{ord(bad.group()):04X}; remove it", line)


def _check_scalar(shown, node: yaml.ScalarNode, what: str, first_line: int) -> None:
    """A YAML escape ("\\x1b", "\\u0000") writes a control character the file itself does not hold."""
    if (bad := _CONTROL.search(node.value)):
        raise ArchiveError(shown, f"malformed {what}: a value holds the control character U+{ord(bad.group()):04X} "
                                  "(written as an escape); remove it", node.start_mark.line + first_line)
    if node.tag == "tag:yaml.org,2002:timestamp":  # an unquoted date: a day that does not exist fails to load
        try:
            yaml.SafeLoader("").construct_yaml_timestamp(node)
        except ValueError as e:
            raise ArchiveError(shown, f"malformed {what}: {node.value} is not a real date ({e})",
                               node.start_mark.line + first_line) from e


def load_with_lines(shown: Path | str, text: str, what: str, loader=SafeLoader,
                    first_line: int = 1) -> tuple[object, yaml.Node | None]:
    """(data, node tree) of the YAML ``text``, which starts at line ``first_line`` of ``shown``.
    Node ``start_mark.line + first_line`` is a line number in the file."""
    _check_flow_depth(shown, text, what, first_line)
    try:
        node = yaml.compose(text, Loader=loader)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        opened = _OPENED.get(getattr(e, "context", None))
        if opened and e.context_mark:  # the parser gives up lines later, or at the end: name where it opened
            mark, problem = e.context_mark, f"{problem} (after the {opened} opened on this line)"
        raise ArchiveError(shown, f"malformed {what}: {problem}", mark.line + first_line if mark else None) from e
    if node is None:
        return None, None
    _check_tree(shown, node, what, first_line)
    try:
        return loader("").construct_document(node), node
    except yaml.YAMLError as e:  # e.g. an unknown !tag
        mark = getattr(e, "problem_mark", None)
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        raise ArchiveError(shown, f"malformed {what}: {problem}", mark.line + first_line if mark else None) from e


# The parser's contexts that an unclosed bracket or quote leaves open: what was opened.
_OPENED = {"while parsing a flow sequence": "[", "while parsing a flow mapping": "{",
           "while scanning a quoted scalar": "quote"}


def _check_flow_depth(shown, text: str, what: str, first_line: int) -> None:
    """Refuse "[[[[..." before the parser recurses into it. Counting brackets inside quoted
    text too over-estimates the depth, which only matters past MAX_YAML_DEPTH."""
    depth = 0
    for m in re.finditer(r"[\[\]{}]", text):
        depth += 1 if m.group() in "[{" else -1
        if depth > MAX_YAML_DEPTH:
            raise ArchiveError(shown, f"malformed {what}: nested more than {MAX_YAML_DEPTH} levels deep",
                               text.count("\n", 0, m.start()) + first_line)
        depth = max(depth, 0)


def _check_tree(shown, root: yaml.Node, what: str, first_line: int) -> None:
    """No node reached twice (anchors/aliases), no key twice in a mapping, no merge key (<<: its
    values would be silently overridden), bounded depth, no control character in a value."""
    seen: set[int] = set()
    stack = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        line = node.start_mark.line + first_line
        if id(node) in seen:
            raise ArchiveError(shown, f"malformed {what}: anchors and aliases (&name, *name) are not allowed", line)
        seen.add(id(node))
        if depth > MAX_YAML_DEPTH:
            raise ArchiveError(shown, f"malformed {what}: nested more than {MAX_YAML_DEPTH} levels deep", line)
        if isinstance(node, yaml.ScalarNode):
            _check_scalar(shown, node, what, first_line)
        elif isinstance(node, yaml.MappingNode):
            keys: set[str] = set()
            for key, value in node.value:
                if key.tag == "tag:yaml.org,2002:merge":
                    raise ArchiveError(shown, f"malformed {what}: the merge key << is not allowed; write the "
                                              "fields out", key.start_mark.line + first_line)
                if isinstance(key, yaml.ScalarNode):
                    if key.value in keys:
                        raise ArchiveError(shown, f"malformed {what}: the key {key.value!r} appears twice "
                                                  "in the same mapping (the first would be lost)",
                                           key.start_mark.line + first_line)
                    keys.add(key.value)
                stack += [(key, depth + 1), (value, depth + 1)]
        elif isinstance(node, yaml.SequenceNode):
            stack += [(item, depth + 1) for item in node.value]


def read_json(path: Path, holds: type, default):
    """What the build kept in ``path`` (a cache, a manifest), when it is JSON of the type ``holds``;
    else ``default``: missing, damaged, a link, or valid JSON of another shape, all are made again."""
    try:
        if os.path.islink(path):
            return default
        value = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return default
    return value if isinstance(value, holds) else default


def same_copy(source: Path | str, copy: Path | str, mode: int | None = None) -> bool:
    """``copy`` is a regular file (not a link) with the size and modification time of
    ``source``: what shutil.copy2 made of it, unchanged since (and with ``mode``, if given)."""
    try:
        a, b = os.stat(source), os.lstat(copy)
    except (FileNotFoundError, NotADirectoryError):  # (a file where the copy has a folder)
        return False
    return stat.S_ISREG(b.st_mode) and a.st_size == b.st_size and a.st_mtime_ns == b.st_mtime_ns and \
        mode in (None, stat.S_IMODE(b.st_mode))


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write(dest: Path, data: str | bytes, prefix: str = ".tmp-") -> None:
    """Write ``dest`` whole or not at all: a crash or kill leaves the old file or the new one, never
    half of one. The temporary file (named ``prefix``..., beside ``dest``) gets the mode a new file
    would get (mkstemp's is 0600, which would lock a maintainer's group out of a memory file)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=prefix)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.chmod(tmp, 0o666 & ~current_umask())
        os.replace(tmp, dest)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
