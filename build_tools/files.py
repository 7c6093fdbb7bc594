"""Reading the archive's text and YAML files (front-matter, translation memories, registry,
raw texts to add) so that every complaint names the file, and the line where it can."""
from __future__ import annotations

from pathlib import Path

import yaml

from .errors import ArchiveError


def load_with_lines(shown: Path, text: str, what: str, loader=yaml.SafeLoader,
                    first_line: int = 1) -> tuple[object, yaml.Node | None]:
    """(data, node tree) of ``text``, which starts at line ``first_line`` of file ``shown``.
    Node ``start_mark.line + first_line`` is a line number in the file."""
    try:
        return yaml.load(text, Loader=loader), yaml.compose(text, Loader=loader)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        raise ArchiveError(shown, f"malformed {what}: {problem}", mark.line + first_line if mark else None) from e


def read_text(shown: Path, path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        raise ArchiveError(shown, f"not valid UTF-8 (byte {e.start}); save the file as UTF-8") from e
    except OSError as e:
        raise ArchiveError(shown, f"cannot read: {e.strerror}") from e
