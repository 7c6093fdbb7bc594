"""What a search costs a reader: bytes fetched and time to the first result, per query,
in headless Chromium over a built site served on localhost.

For each query, in a fresh browser context (empty cache), the search page of the query's
language is opened (Arabic letters: /search/, otherwise /en/search/), and
- bytes: everything fetched from the search index (search/index/: shards,
  passages), headers included, as served without compression;
- first result: milliseconds from the query's input event to the first result in the page;
- cold: milliseconds from navigation to ``search/?q=...`` to its first result (page and
  index loaded from scratch; the site's own assets included).
Figures are medians over ``runs``; timings on a shared machine are noisy, compare medians.

Usage: .venv/bin/python benchmarks/search_cost.py --site SITE_DIR [QUERY ...] [--runs 5]
       .venv/bin/python benchmarks/search_cost.py --sources 1000 [QUERY ...]   (builds a synthetic archive)
"""
from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import quote

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from tests.test_browser import CHROMIUM_ARGS, QuietHandler  # noqa: E402  (the browser tests' Chromium flags)

QUERIES = ["قسد", "الأمن", "بالأمن", "التحالف الدولي", "أبو خولة", "coalition", "civilians"]
ARABIC = re.compile(r"[\u0600-\u06FF]")
INDEX = "search/index/"

# Timestamps of the query's input event and of the first result (performance.now()).
WATCH = """() => {
  const list = document.querySelector('.archive-search-results');
  window.__firstResult = null;
  window.__input = null;
  document.addEventListener('input', () => { window.__input = window.__input || performance.now(); }, true);
  new MutationObserver(() => {
    if (window.__firstResult === null && list.children.length) window.__firstResult = performance.now();
  }).observe(list, {childList: true});
}"""
# The same, from navigation start, installed before the page's own scripts run.
COLD = """new MutationObserver(() => {
  if (!window.__firstResult && document.querySelector('.archive-search-results li')) {
    window.__firstResult = performance.now();
  }
}).observe(document, {childList: true, subtree: true});"""


@contextlib.contextmanager
def serve(site: Path):
    """``site`` on a free localhost port; yields its base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def search_page(query: str) -> str:
    return "search/" if ARABIC.search(query) else "en/search/"


def shown(page, query: str) -> None:
    page.wait_for_function("q => document.getElementById('archive-search').dataset.shown === q", arg=query)


def index_bytes(requests: list) -> int:
    total = 0
    for request in requests:
        if INDEX in request.url:
            sizes = request.sizes()
            total += sizes["responseBodySize"] + sizes["responseHeadersSize"]
    return total


def one_query(browser, base: str, query: str) -> dict:
    """Bytes, first-result and cold milliseconds and result count of ``query``, each in a fresh context."""
    context = browser.new_context()
    try:
        page = context.new_page()
        requests: list = []
        page.on("requestfinished", lambda request: requests.append(request))
        page.goto(base + search_page(query))
        page.wait_for_selector("#archive-search[data-ready=true]")
        page.evaluate(WATCH)
        page.fill("#archive-search-input", query)
        shown(page, query)
        first = page.evaluate("window.__firstResult === null ? null : window.__firstResult - window.__input")
        results = int(page.get_attribute("#archive-search", "data-found") or 0)
        fetched = index_bytes(requests)
    finally:
        context.close()
    context = browser.new_context()
    try:
        context.add_init_script(COLD)
        page = context.new_page()
        page.goto(base + search_page(query) + "?q=" + quote(query))
        shown(page, query)
        cold = page.evaluate("window.__firstResult")
    finally:
        context.close()
    return {"bytes": fetched, "first_result_ms": first, "cold_ms": cold, "results": results}


def measure(site: Path, queries: list[str] = QUERIES, runs: int = 3) -> dict:
    """{"per_query": {query: medians}, "median_bytes", "max_bytes", "median_first_result_ms",
    "median_cold_ms"} for ``queries`` on the built ``site``."""
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or "/usr/bin/chromium"
    per_query = {}
    with serve(Path(site)) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            for query in queries:
                samples = [one_query(browser, base, query) for _ in range(runs)]
                per_query[query] = {key: statistics.median(s[key] for s in samples if s[key] is not None)
                                    if any(s[key] is not None for s in samples) else None
                                    for key in samples[0]}
        finally:
            browser.close()
    found = [f for f in per_query.values() if f["results"]]
    return {
        "per_query": per_query,
        "median_bytes": statistics.median(f["bytes"] for f in per_query.values()),
        "max_bytes": max(f["bytes"] for f in per_query.values()),
        "median_first_result_ms": statistics.median(f["first_result_ms"] for f in found) if found else None,
        "median_cold_ms": statistics.median(f["cold_ms"] for f in found) if found else None,
    }


def build_synthetic(sources: int, work: Path) -> Path:
    """A synthetic archive of ``sources`` sources (benchmarks/synthetic.py), built as users build it."""
    from benchmarks.synthetic import make_corpus

    root = make_corpus(work / f"archive-{sources}", sources)
    subprocess.run([sys.executable, "-m", "build_tools", "build"], cwd=root, check=True, capture_output=True)
    return root / "site"


def report(figures: dict) -> str:
    lines = [f"{'query':<20} {'KB':>7} {'first ms':>9} {'cold ms':>8} {'results':>8}"]
    for query, f in figures["per_query"].items():
        first, cold = (f"{f[key]:.0f}" if f[key] is not None else "-" for key in ("first_result_ms", "cold_ms"))
        lines.append(f"{query:<20} {f['bytes'] / 1000:7.1f} {first:>9} {cold:>8} {f['results']:8.0f}")
    lines.append(f"median {figures['median_bytes'] / 1000:.1f} KB per query "
                 f"(max {figures['max_bytes'] / 1000:.1f} KB), "
                 f"first result {figures['median_first_result_ms']:.0f} ms, cold {figures['median_cold_ms']:.0f} ms")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("queries", nargs="*", default=QUERIES)
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--site", type=Path, help="a built site/ folder")
    where.add_argument("--sources", type=int, help="build a synthetic archive of this many sources and measure it")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if args.site:
        print(report(measure(args.site, args.queries, args.runs)))
        return
    with tempfile.TemporaryDirectory() as work:
        site = build_synthetic(args.sources, Path(work))
        print(f"== {args.sources} sources ==")
        print(report(measure(site, args.queries, args.runs)))

if __name__ == "__main__":
    main()
