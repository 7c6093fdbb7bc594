"""`mkdocs serve --dirty` (make serve) rebuilds once per edit: the generator writes into build/docs/,
which the server does not watch, so its own writes never trigger another rebuild."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

from .conftest import front_matter, write_source


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(log_path, text: str, count: int, seconds: float) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        log = log_path.read_text(encoding="utf-8", errors="replace")
        if log.count(text) >= count:
            return log
        time.sleep(0.2)
    return log_path.read_text(encoding="utf-8", errors="replace")


def test_one_edit_of_a_source_makes_one_rebuild(archive, tmp_path):
    path = write_source(archive, "s", front_matter() + "نص الفقرة الأولى.\n")
    log_path = tmp_path / "serve.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    port = free_port()
    with open(log_path, "w") as log:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
                                  cwd=archive.root, env=env, stdout=log, stderr=log)
    try:
        assert "Serving on" in wait_for(log_path, "Serving on", 1, 120)
        saved = path.with_name("source.md.new")  # saved as editors save: one replace, one event
        saved.write_text(path.read_text(encoding="utf-8") + "فقرة ثانية.\n", encoding="utf-8")
        os.replace(saved, path)
        wait_for(log_path, "Detected file changes", 1, 60)
        time.sleep(8)  # time for any rebuild the first one would trigger
        log = log_path.read_text(encoding="utf-8", errors="replace")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/en/sources/test-source/", timeout=30) as response:
            served = response.read().decode("utf-8")
    finally:
        server.send_signal(signal.SIGINT)  # as Ctrl-C: mkdocs removes its temporary site folder only then
        server.wait(timeout=30)
    assert log.count("Detected file changes") == 1, log
    assert "فقرة ثانية" in served


def test_a_bad_edit_is_reported_in_one_line_and_the_last_good_site_stays_served(archive, tmp_path):
    """mkdocs serve answers nothing after a failed build until one succeeds: a typo in a source
    must not take the preview down while the maintainer fixes it."""
    path = write_source(archive, "s", front_matter() + "نص الفقرة الأولى.\n")
    good = path.read_text(encoding="utf-8")
    log_path = tmp_path / "serve.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    port = free_port()
    url = f"http://127.0.0.1:{port}/en/sources/test-source/"
    with open(log_path, "w") as log:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
                                  cwd=archive.root, env=env, stdout=log, stderr=log)
    try:
        assert "Serving on" in wait_for(log_path, "Serving on", 1, 120)
        path.write_text(good.replace("title: عنوان", 'title: [unclosed "'), encoding="utf-8")
        wait_for(log_path, "still serving the last good build", 1, 60)
        time.sleep(3)  # the rebuild after the error, in both languages
        log = log_path.read_text(encoding="utf-8", errors="replace")
        with urllib.request.urlopen(url, timeout=20) as response:
            during = response.status, response.read().decode("utf-8")
        path.write_text(good + "فقرة ثانية.\n", encoding="utf-8")
        wait_for(log_path, "Detected file changes", 2, 60)
        time.sleep(8)
        with urllib.request.urlopen(url, timeout=20) as response:
            after = response.read().decode("utf-8")
    finally:
        server.send_signal(signal.SIGINT)  # as Ctrl-C: mkdocs removes its temporary site folder only then
        server.wait(timeout=30)
    errors = [line for line in log.splitlines() if "still serving" in line]
    assert len(errors) == 1 and "sources/s/source.md:" in errors[0] and "malformed front-matter" in errors[0], log
    assert during[0] == 200 and "نص الفقرة الأولى" in during[1]
    assert "فقرة ثانية" in after


def test_a_source_removed_while_serving_is_no_longer_served(archive, tmp_path):
    """mkdocs serve --dirty never removes a page it wrote."""
    write_source(archive, "s", front_matter() + "نص الفقرة الأولى.\n")
    gone = write_source(archive, "gone", front_matter(id="gone-report") + "نص آخر.\n")
    log_path = tmp_path / "serve.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    port = free_port()
    urls = [f"http://127.0.0.1:{port}/{lang}sources/gone-report/" for lang in ("", "en/")]
    with open(log_path, "w") as log:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
                                  cwd=archive.root, env=env, stdout=log, stderr=log)
    try:
        assert "Serving on" in wait_for(log_path, "Serving on", 1, 120)
        before = [status(url) for url in urls]
        os.rename(gone.parent, tmp_path / "moved-away")
        wait_for(log_path, "Detected file changes", 1, 60)
        time.sleep(8)
        after = [status(url) for url in urls] + [status(f"http://127.0.0.1:{port}/en/sources/test-source/")]
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
    assert before == [200, 200] and after == [404, 404, 200], log_path.read_text(encoding="utf-8", errors="replace")


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=20) as response:
            return response.status
    except urllib.error.HTTPError as e:
        return e.code
