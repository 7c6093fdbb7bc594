"""Independent work shared among the cores: the build machines have two, and Python runs
one thread at a time, so a long step whose parts do not depend on each other (extracting
each source, rendering each language) runs in forked worker processes.

Forked workers inherit everything already loaded (the sources, the registry, the corpus),
so nothing large is sent to them; each part's result comes back pickled, between this
process and its own children only. Results are yielded in the order of the parts, and
the first bad input (ArchiveError) in that order stops the build as it would in one
process. Where forking is unsafe (a process running threads, such as mkdocs serve) or
pointless (one core, little work), the parts run here, one after the other.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections.abc import Callable, Iterator, Sequence

from .errors import ArchiveError

WORTH_FORKING = 40  # sources in the archive before a second process pays for its start
_work: tuple = ()  # (function, parts): inherited by the workers when they fork


def in_order(function: Callable, parts: Sequence, workers: int, chunk: int = 1) -> Iterator:
    """function(part) for each part, in order, on up to ``workers`` processes."""
    workers = min(workers, os.cpu_count() or 1, len(parts))
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods() or threading.active_count() > 1:
        yield from map(function, parts)
        return
    global _work
    _work = (function, parts)
    try:
        with multiprocessing.get_context("fork").Pool(workers, initializer=_leave_ctrl_c_to_the_parent) as pool:
            for failed, value in pool.imap(_run, range(len(parts)), chunksize=chunk):
                if failed:
                    raise ArchiveError(*value)
                yield value
    finally:
        _work = ()


def _leave_ctrl_c_to_the_parent() -> None:
    """Ctrl-C reaches every process of the terminal's group: the parent stops the workers (the
    pool's exit), which would otherwise each print a traceback of their own before its message."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run(index: int) -> tuple[bool, object]:
    """In a worker: (False, the result) or (True, the parts of the ArchiveError raised)."""
    function, parts = _work
    try:
        return False, function(parts[index])
    except ArchiveError as e:
        return True, (e.path, e.message, e.line)
