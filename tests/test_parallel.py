"""Work shared among the cores gives the same results, in the same order, and the same
one-line errors as work done in one process."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import threading

import pytest

from build_tools import parallel
from build_tools.errors import ArchiveError
from build_tools.site import build_site

from .conftest import REPO, front_matter, make_archive, write_source
from .test_incremental_build import snapshot


@pytest.fixture
def no_threads():
    if threading.active_count() > 1:  # in_order runs in this process then, by design
        pytest.skip("another test left a thread running in this process")


def test_parts_run_in_other_processes_and_come_back_in_order(no_threads):
    results = list(parallel.in_order(lambda n: (n * n, os.getpid()), list(range(20)), workers=2, chunk=3))
    assert [square for square, _ in results] == [n * n for n in range(20)]
    assert os.getpid() not in {pid for _, pid in results}


def test_the_first_bad_part_in_order_stops_with_its_error(no_threads):
    def check(n):
        if n in (7, 12):
            raise ArchiveError(f"sources/s{n}/source.md", "bad", n)
        return n

    results = []
    with pytest.raises(ArchiveError) as e:
        for value in parallel.in_order(check, list(range(20)), workers=2):
            results.append(value)
    assert str(e.value) == "sources/s7/source.md:7: bad"
    assert results == list(range(7))


def test_parts_run_here_while_this_process_runs_threads():
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert {pid for pid in parallel.in_order(lambda _: os.getpid(), [1, 2, 3], workers=2)} == {os.getpid()}
    finally:
        stop.set()
        thread.join()


def test_a_build_shared_among_processes_equals_one_made_in_one(tmp_path, monkeypatch, no_threads):
    project = make_archive(tmp_path, with_seeds=True)
    alone = snapshot(build_site(project))
    for name in ("build", "site"):
        shutil.rmtree(project.root / name)
    monkeypatch.setattr(parallel, "WORTH_FORKING", 1)  # five sources: extraction and languages forked
    assert snapshot(build_site(project)) == alone


def test_a_bad_source_stops_a_shared_build_with_its_one_line_error(tmp_path, monkeypatch, no_threads):
    monkeypatch.setattr(parallel, "WORTH_FORKING", 1)
    project = make_archive(tmp_path, with_seeds=True)
    write_source(project, "unknown-signatory", front_matter(id="unknown-signatory", signatories="[no-such-org]")
                 + "\nنص.\n")
    with pytest.raises(ArchiveError) as e:
        build_site(project)
    assert str(e.value).startswith("sources/unknown-signatory/source.md:")
    assert "no-such-org" in str(e.value) and "\n" not in str(e.value)
    assert not project.site_dir.exists()


def test_ctrl_c_while_workers_run_prints_no_traceback_of_theirs():
    """Ctrl-C reaches the terminal's whole process group: each worker printed its own
    "Process ForkPoolWorker-1: Traceback ... KeyboardInterrupt" before the build's message."""
    script = textwrap.dedent("""
        import os, signal, sys, time
        from build_tools import parallel

        def work(part):
            if part == 0:
                os.killpg(0, signal.SIGINT)  # as a terminal does: every process of the group
            time.sleep(3)
            return part

        try:
            list(parallel.in_order(work, [0, 1], 2))
        except KeyboardInterrupt:
            print("interrupted")
            sys.exit(130)
    """)
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True,
                            start_new_session=True, timeout=60)
    assert (result.returncode, result.stdout, result.stderr) == (130, "interrupted\n", "")
