"""`mkdocs serve --dirty` (make serve) rebuilds once per edit: the generator writes into build/docs/,
which the server does not watch, so its own writes never trigger another rebuild."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
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
        server.terminate()
        server.wait(timeout=30)
    assert log.count("Detected file changes") == 1, log
    assert "فقرة ثانية" in served
