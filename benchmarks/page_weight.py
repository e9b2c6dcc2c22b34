"""Page weight and chart-ready time of the handbook's chart pages, in Chromium.

    python benchmarks/page_weight.py [--runs 5] [--throttle 20]

Builds this repository's handbook (mkdocs.yml, web fonts off as the offline
test machine needs) into a temporary folder, serves it over local HTTP, and
opens a postmortem page and the overview in a fresh browser context each
run (empty cache). For each page it prints:

  bytes     what the page downloaded (every response body, uncompressed:
            Python's static server does not gzip) and the same files gzipped,
            as a server that compresses would send them;
  ready     milliseconds from navigation start until every chart of the page
            is drawn (its plot holds plotly's SVG), median of the runs, both
            on loopback and with the network throttled to --throttle Mbit/s
            and 40 ms latency (Chrome DevTools' network emulation).
"""

from __future__ import annotations

import argparse
import gzip
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(ROOT))

from benchmarks.measure import CHROMIUM, SAMPLES_WRITTEN_EPOCH, static_server

PAGES = ("postmortems/2026-05-12-checkout-payment-retry-storm/", "postmortems/")
READY = """() => {
    const plots = document.querySelectorAll('.postmortem-chart__plot');
    return plots.length > 0 && Array.from(plots).every(p => p.querySelector('.main-svg'));
}"""


def build(into: Path) -> Path:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["theme"]["font"] = False
    config["docs_dir"] = str(ROOT / "docs")
    if (ROOT / "overrides").is_dir():
        config["theme"]["custom_dir"] = str(ROOT / "overrides")
    config_file = into / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    site = into / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": SAMPLES_WRITTEN_EPOCH}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config_file), "-d", str(site)],
        capture_output=True,
        text=True,
        env=env,
    )
    if done.returncode != 0:
        raise SystemExit(done.stderr[-3000:])
    return site


def measure(browser, base: str, path: str, site: Path, throttle_mbit: float | None) -> tuple[int, int, float]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    fetched: list[str] = []
    page.on("requestfinished", lambda request: fetched.append(request.url))
    if throttle_mbit:
        session = context.new_cdp_session(page)
        session.send("Network.enable")
        rate = throttle_mbit * 1_000_000 / 8
        session.send(
            "Network.emulateNetworkConditions",
            {"offline": False, "latency": 40, "downloadThroughput": rate, "uploadThroughput": rate},
        )
    page.goto(base + path)
    page.wait_for_function(READY, timeout=120_000)
    ready = page.evaluate("performance.now()")
    page.wait_for_load_state("networkidle")
    raw = packed = 0
    for url in set(fetched):
        local = url[len(base):].split("#")[0].split("?")[0]
        file = site / local
        if file.is_dir() or local.endswith("/") or local == "":
            file = file / "index.html"
        if file.is_file():
            body = file.read_bytes()
            raw += len(body)
            packed += len(gzip.compress(body, 6))
    context.close()
    return raw, packed, ready


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--throttle", type=float, default=20.0, help="Mbit/s of the throttled runs")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as temporary:
        site = build(Path(temporary))
        with static_server(site) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"]
            )
            print(f"{'page':<55} {'bytes':>10} {'gzipped':>10} {'ready ms':>9} {f'@{args.throttle:g}Mbit':>11}")
            for path in PAGES:
                fast = [measure(browser, base, path, site, None) for _ in range(args.runs)]
                slow = [measure(browser, base, path, site, args.throttle) for _ in range(args.runs)]
                raw, packed, _ = fast[-1]
                print(
                    f"{path:<55} {raw:>10,} {packed:>10,} "
                    f"{statistics.median(r for _, _, r in fast):>9.0f} {statistics.median(r for _, _, r in slow):>11.0f}"
                )
            browser.close()


if __name__ == "__main__":
    main()
