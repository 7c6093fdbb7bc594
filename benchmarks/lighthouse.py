"""Lighthouse (mobile) scores and page weights of the built site, as a reader's phone sees it.

    make site && .venv/bin/python -m benchmarks.lighthouse

Needs npm and Debian's chromium; installs the Lighthouse CLI into build/lighthouse/ on
first run (not globally). Serves site/ on 127.0.0.1:8000 (the address `make site` builds
for, so canonical links match) with a plain, uncompressed static server, runs Lighthouse on
the home, a source and the search page in both languages, and prints each page's four
scores, the bytes it transferred, and what the same files weigh gzipped (what a server with
compression would send). Not part of `make test`: about 20 s a page."""
from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import subprocess
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlparse

REPO = Path(__file__).resolve().parent.parent
TOOL = REPO / "build" / "lighthouse"
CLI = TOOL / "node_modules" / ".bin" / "lighthouse"
ADDRESS = "http://127.0.0.1:8000/"
SOURCE = "sources/civil-society-joint-statement/"
PAGES = ["", SOURCE, "search/", "en/", f"en/{SOURCE}", "en/search/"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def ensure_cli() -> None:
    if not CLI.exists():
        TOOL.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--prefix", str(TOOL), "--no-audit", "--no-fund", "lighthouse@12"],
                       check=True)


def audit(url: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        subprocess.run([str(CLI), url, "--quiet", "--output=json", f"--output-path={out}",
                        f"--only-categories={','.join(CATEGORIES)}",
                        "--chrome-flags=--headless --no-sandbox --disable-gpu"],
                       check=True, env={**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")})
        return json.loads(out.read_text("utf-8"))


def weights(report: dict, site: Path) -> dict[str, int]:
    """Bytes transferred by kind (as served, uncompressed) and the same files gzipped."""
    totals = {"transferred": 0, "gzipped": 0, "font_gzipped": 0}
    for item in report["audits"]["network-requests"]["details"]["items"]:
        totals["transferred"] += item.get("transferSize", 0)
        path = urlparse(item["url"]).path
        local = site / (path.lstrip("/") + ("index.html" if path.endswith("/") else ""))
        if local.is_file():
            size = len(gzip.compress(local.read_bytes(), 9))
            totals["gzipped"] += size
            if item.get("resourceType") == "Font":
                totals["font_gzipped"] += size
    return totals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=REPO / "site")
    args = parser.parse_args()
    ensure_cli()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 8000), functools.partial(_Quiet, directory=str(args.site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        print(f"{'page':<45} {'perf':>4} {'a11y':>4} {'best':>4} {'seo':>4} {'KB sent':>8} {'KB gzip':>8} {'font gz':>8}")
        for path in PAGES:
            report = audit(ADDRESS + path)
            scores = [round(100 * report["categories"][c]["score"]) for c in CATEGORIES]
            w = weights(report, args.site)
            print(f"/{path:<44} " + " ".join(f"{s:>4}" for s in scores)
                  + f" {w['transferred'] / 1024:>8.0f} {w['gzipped'] / 1024:>8.0f} {w['font_gzipped'] / 1024:>8.0f}")
            failed = [a["title"] for a in report["audits"].values()
                      if a.get("score") is not None and a["score"] < 0.9 and a.get("scoreDisplayMode") == "binary"]
            if failed:
                print("    failing: " + "; ".join(failed[:6]))
    finally:
        server.shutdown()


if __name__ == "__main__":
    main()
