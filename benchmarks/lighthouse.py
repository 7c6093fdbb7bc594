"""Lighthouse (mobile) scores and page weights of the built site, as a reader's phone sees it.

    make site && .venv/bin/python -m benchmarks.lighthouse [--runs 3] [--serve gzip|plain|both]

Needs npm and Debian's chromium; installs the Lighthouse CLI into build/lighthouse/ on
first run (not globally). Serves site/ on 127.0.0.1:8000 (the address `make site` builds
for, so canonical links match) and runs Lighthouse's mobile audit (simulated slow 4G and a
4x slower CPU) on the home, a source and the search page in both languages, ``--runs`` times
each, printing the median of each score and timing. Two servers: ``gzip`` compresses text
(HTML, CSS, JavaScript, JSON, XML) as any web host does (GitHub Pages, Netlify, nginx's
gzip on); ``plain`` sends every file as it is, the worst case. Columns: the four scores,
first and largest contentful paint and total blocking time (as Lighthouse simulates them),
the bytes the page transferred, what the same files weigh gzipped, and of that the fonts.
Lighthouse's timings follow the machine's load (printed): compare runs made side by side.
Not part of `make test`: about 20 s a page and run."""
from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import statistics
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
TIMINGS = ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time"]
COMPRESSED = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".map"}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _Gzip(_Quiet):
    """Text files gzipped (Content-Encoding: gzip) when the browser accepts it; the rest as is."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if (path.suffix not in COMPRESSED or not path.is_file()
                or "gzip" not in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


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
    """Bytes transferred (as served), and the same files gzipped, in all and fonts only."""
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


def measure(path: str, runs: int, site: Path) -> dict:
    reports = [audit(ADDRESS + path) for _ in range(runs)]
    row = {c: statistics.median(round(100 * r["categories"][c]["score"]) for r in reports) for c in CATEGORIES}
    row.update({t: statistics.median(r["audits"][t]["numericValue"] for r in reports) for t in TIMINGS})
    row.update(weights(reports[0], site))
    row["failing"] = sorted({a["title"] for r in reports for a in r["audits"].values()
                             if a.get("score") is not None and a["score"] < 0.9
                             and a.get("scoreDisplayMode") == "binary"})
    return row


def table(serve: str, runs: int, site: Path) -> None:
    handler = _Gzip if serve == "gzip" else _Quiet
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 8000), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        print(f"{serve} server, median of {runs} run{'s' if runs > 1 else ''}, "
              f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        print(f"{'page':<45} {'perf':>4} {'a11y':>4} {'best':>4} {'seo':>4} {'FCP s':>5} {'LCP s':>5} {'TBT ms':>6}"
              f" {'KB sent':>7} {'KB gzip':>7} {'font gz':>7}")
        for path in PAGES:
            row = measure(path, runs, site)
            print(f"/{path:<44} " + " ".join(f"{row[c]:>4.0f}" for c in CATEGORIES)
                  + f" {row[TIMINGS[0]] / 1000:>5.1f} {row[TIMINGS[1]] / 1000:>5.1f} {row[TIMINGS[2]]:>6.0f}"
                  + f" {row['transferred'] / 1024:>7.0f} {row['gzipped'] / 1024:>7.0f} {row['font_gzipped'] / 1024:>7.0f}")
            if row["failing"]:
                print("    failing: " + "; ".join(row["failing"][:6]))
        print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    finally:
        server.shutdown()
        server.server_close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=REPO / "site")
    parser.add_argument("--runs", type=int, default=3, help="audits of each page; the median is printed")
    parser.add_argument("--serve", choices=["gzip", "plain", "both"], default="both")
    args = parser.parse_args()
    ensure_cli()
    for serve in (["gzip", "plain"] if args.serve == "both" else [args.serve]):
        table(serve, args.runs, args.site)


if __name__ == "__main__":
    main()
