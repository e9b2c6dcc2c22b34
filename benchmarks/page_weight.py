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

With --phases it also prints where that time goes, medians in milliseconds
from navigation start: the HTML received, DOMContentLoaded, plotly.js asked
for and received, plotly.js run (window.Plotly set) and the charts drawn; and
the same after a click on a link to the page from another page of the site
(Material's instant navigation: plotly.js is then already in memory or in
the browser's cache).
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

from benchmarks.measure import CHROMIUM, SAMPLES_WRITTEN_EPOCH, static_server  # noqa: E402 - importable once the path is set

PAGES = ("postmortems/2026-05-12-checkout-payment-retry-storm/", "postmortems/")
# Notes the moment plotly.js has run: its bundle ends by setting window.Plotly.
PLOTLY_RUN = """(() => {
    let value;
    Object.defineProperty(window, "Plotly", {
        configurable: true,
        get() { return value; },
        set(plotly) { value = plotly; window.__plotlyRunAt = window.__plotlyRunAt || performance.now(); },
    });
})();"""
PHASES = """() => {
    const navigation = performance.getEntriesByType("navigation")[0];
    const plotly = performance.getEntriesByType("resource").find(entry => /plotly[^/]*\\.js/.test(entry.name));
    return {
        html: navigation ? navigation.responseEnd : null,
        domcontentloaded: navigation ? navigation.domContentLoadedEventEnd : null,
        plotly_asked: plotly ? plotly.startTime : null,
        plotly_received: plotly ? plotly.responseEnd : null,
        plotly_run: window.__plotlyRunAt || null,
        drawn: performance.now(),
    };
}"""
READY = """() => {
    const plots = document.querySelectorAll('.postmortem-chart__plot');
    return plots.length > 0 && Array.from(plots).every(p => p.querySelector('.main-svg'));
}"""


def build(into: Path) -> Path:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["theme"]["font"] = False
    # Material's instant navigation (a feature of the handbook) is active only with a site_url.
    config.setdefault("site_url", "https://handbook.example/")
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


def phases(browser, base: str, path: str, throttle_mbit: float | None) -> dict[str, float | None]:
    """Where the time to charts goes on a first visit of `path`, from navigation start."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(PLOTLY_RUN)
    page = context.new_page()
    if throttle_mbit:
        _throttle(context, page, throttle_mbit)
    page.goto(base + path, timeout=120_000)
    page.wait_for_function(READY, timeout=120_000)
    found = page.evaluate(PHASES)
    context.close()
    return found


def instant(browser, base: str, path: str, throttle_mbit: float | None) -> float:
    """Milliseconds from a click on a link to `path` (from the site's home page, which has
    no chart) until its charts are drawn, under Material's instant navigation; negative
    when the click loaded a whole new page instead."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    if throttle_mbit:
        _throttle(context, page, throttle_mbit)
    page.goto(base, timeout=120_000)
    page.wait_for_load_state("networkidle", timeout=120_000)
    page.evaluate(f"""() => {{
        const link = document.createElement("a");
        link.href = new URL({path!r}, document.baseURI).href;
        link.textContent = "go";
        document.querySelector("article").appendChild(link);
    }}""")
    page.evaluate("window.__beforeClick = true")
    start = page.evaluate("Date.now()")
    page.click("article a >> text=go")
    page.wait_for_function(READY, timeout=120_000)
    took = page.evaluate("Date.now()") - start
    # Material swaps the content in place (the window survives) only when the site has a site_url.
    swapped = page.evaluate("window.__beforeClick === true")
    context.close()
    return took if swapped else -took


def _throttle(context, page, throttle_mbit: float) -> None:
    session = context.new_cdp_session(page)
    session.send("Network.enable")
    rate = throttle_mbit * 1_000_000 / 8
    session.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 40, "downloadThroughput": rate, "uploadThroughput": rate},
    )


def _median(values) -> str:
    present = [value for value in values if value is not None]
    return f"{statistics.median(present):.0f}" if present else "n/a"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--throttle", type=float, default=20.0, help="Mbit/s of the throttled runs")
    parser.add_argument("--phases", action="store_true", help="also print where the time to charts goes")
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
            if args.phases:
                names = ("html", "domcontentloaded", "plotly_asked", "plotly_received", "plotly_run", "drawn")
                print(f"\n{'page, network':<55} " + " ".join(f"{name:>16}" for name in names) + f" {'instant nav':>12}")
                for path in PAGES:
                    for label, throttle in (("loopback", None), (f"{args.throttle:g} Mbit/s", args.throttle)):
                        runs = [phases(browser, base, path, throttle) for _ in range(args.runs)]
                        clicks = [instant(browser, base, path, throttle) for _ in range(args.runs)]
                        cells = " ".join(f"{_median(run[name] for run in runs):>16}" for name in names)
                        print(f"{path + ', ' + label:<55} {cells} {_median(clicks):>12}")
            browser.close()


if __name__ == "__main__":
    main()
