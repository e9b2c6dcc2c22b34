"""Page weight and chart-ready time of the handbook's chart pages, in Chromium.

    python benchmarks/page_weight.py [--runs 5] [--throttle 20] [--serve plain|gzip|both]
                                     [--phases] [--waterfall]

Builds this repository's handbook (mkdocs.yml, web fonts off as the offline
test machine needs) into a temporary folder, serves it over local HTTP, and
opens a postmortem page and the overview in a fresh browser context each
run (empty cache). For each page it prints:

  bytes     what the page downloaded (every response body, uncompressed)
            and the same files gzipped, as a server that compresses sends them;
  ready     milliseconds from navigation start until every chart of the page
            is drawn (its plot holds plotly's SVG), median of the runs, both
            on loopback and with the network throttled to --throttle Mbit/s
            and 40 ms latency (Chrome DevTools' network emulation). The moment
            is taken in the page, by a check run on every animation frame, so
            that the benchmark's own round trips to the browser do not count.

With --phases it also prints where that time goes, medians in milliseconds
from navigation start: the HTML received, DOMContentLoaded, plotly.js asked
for and received, plotly.js run (window.Plotly set) and the charts drawn; and
the same after a click on a link to the page (Material's instant navigation,
which needs the site's site_url to be the address served): from the home
page, which has no chart (plotly.js is then fetched and run after the click),
and from the other chart page (plotly.js already in memory); milliseconds
from the click until the page's charts are drawn.

--serve says how the site is served: `plain` sends files as they are (Python's
static server), `gzip` sends text files gzipped as GitHub Pages, Netlify, Read
the Docs or nginx with `gzip on` do, `both` measures the two in turn, run by run.

--waterfall prints, for one first visit of each page on each network, every
request the page made: when it was asked for, its first byte and its last, in
milliseconds from navigation start, the bytes that crossed the network, and
who asked (the HTML parser, a preload, a script); then the requests that a
click from the home page (instant navigation) made.
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path

import yaml

from mkdocs_postmortem.render.assets import CHARTS_JS

ROOT = Path(__file__).resolve().parents[1]
if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(ROOT))

from benchmarks.measure import CHROMIUM, SAMPLES_WRITTEN_EPOCH, free_port, static_server  # noqa: E402 - importable once the path is set

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
        drawn: window.__drawnAt,
    };
}"""
# Every request of the page so far: [url, asked, first byte, last byte, bytes transferred, who asked].
REQUESTS = """() => {
    const navigation = performance.getEntriesByType("navigation")[0];
    const rows = [[location.href, 0, navigation.responseStart, navigation.responseEnd,
                   navigation.encodedBodySize, "navigation"]];
    for (const entry of performance.getEntriesByType("resource")) {
        rows.push([entry.name, entry.startTime, entry.responseStart, entry.responseEnd,
                   entry.encodedBodySize, entry.initiatorType]);
    }
    return rows;
}"""
# True once every chart of the page is drawn; notes the moment in the page the first time.
# Plots of the page a click left (marked `__left`) do not count.
READY = """() => {
    const plots = document.querySelectorAll('.postmortem-chart__plot');
    const drawn = plots.length > 0 && Array.from(plots).every(p => !p.__left && p.querySelector('.main-svg'));
    if (drawn && window.__drawnAt === undefined) window.__drawnAt = performance.now();
    return drawn;
}"""


def build(into: Path, site_url: str) -> Path:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["theme"]["font"] = False
    # Material's instant navigation (a feature of the handbook) works only within site_url's host and port.
    config["site_url"] = site_url
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
        _throttle(context, page, throttle_mbit)
    page.goto(base + path)
    page.wait_for_function(READY, timeout=120_000, polling="raf")
    ready = page.evaluate("window.__drawnAt")
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
    page.wait_for_function(READY, timeout=120_000, polling="raf")
    found = page.evaluate(PHASES)
    context.close()
    return found


def instant(browser, base: str, start: str, path: str, throttle_mbit: float | None) -> float | None:
    """Milliseconds from a click on a link to `path` on the page `start` until the charts of
    `path` are drawn, under Material's instant navigation; None when the click loaded a whole
    new page instead."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    if throttle_mbit:
        _throttle(context, page, throttle_mbit)
    page.goto(base + start, timeout=120_000)
    if start in PAGES:
        page.wait_for_function(READY, timeout=120_000, polling="raf")
    page.wait_for_load_state("networkidle", timeout=120_000)  # Material intercepts links once it has the sitemap
    page.evaluate(f"""() => {{
        document.querySelectorAll('.postmortem-chart__plot').forEach(plot => {{ plot.__left = true; }});
        const link = document.createElement("a");
        link.href = {base + path!r};
        link.textContent = "go";
        document.querySelector("article").appendChild(link);
        window.__drawnAt = undefined;
        window.__clickAt = performance.now();
        link.click();
    }}""")
    page.wait_for_function(READY, timeout=120_000, polling="raf")
    # Material swaps the content in place (the window survives) only for a same-site link.
    swapped = page.evaluate("window.__clickAt !== undefined")
    took = page.evaluate("window.__drawnAt - window.__clickAt") if swapped else None
    context.close()
    return took


def waterfall(browser, base: str, path: str, throttle_mbit: float | None) -> list[str]:
    """Lines of every request a first visit of `path` made until the page was quiet, and of those
    a click from the home page to `path` made (instant navigation), in the order they were asked."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    if throttle_mbit:
        _throttle(context, page, throttle_mbit)
    page.goto(base + path, timeout=120_000)
    page.wait_for_function(READY, timeout=120_000, polling="raf")
    page.wait_for_load_state("networkidle", timeout=120_000)
    drawn = page.evaluate("window.__drawnAt")
    lines = [f"  first visit, charts drawn at {drawn:.0f} ms"]
    lines += _request_lines(page.evaluate(REQUESTS), base, since=0)
    context.close()
    # A fresh context, so that the click finds nothing in the browser's cache but what the home page fetched.
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    if throttle_mbit:
        _throttle(context, page, throttle_mbit)
    page.goto(base, timeout=120_000)
    page.wait_for_load_state("networkidle", timeout=120_000)
    page.evaluate(f"""() => {{
        const link = document.createElement("a");
        link.href = {base + path!r};
        document.querySelector("article").appendChild(link);
        window.__clickAt = performance.now();
        link.click();
    }}""")
    page.wait_for_function(READY, timeout=120_000, polling="raf")
    page.wait_for_load_state("networkidle", timeout=120_000)
    click = page.evaluate("window.__clickAt")
    if click is None:
        lines.append("  the click from the home page loaded a whole page (no instant navigation)")
    else:
        lines.append(f"  from the home page (instant navigation), charts drawn {page.evaluate('window.__drawnAt') - click:.0f} ms after the click")
        lines += _request_lines(page.evaluate(REQUESTS), base, since=click)
    context.close()
    return lines


def _request_lines(rows, base: str, since: float) -> list[str]:
    lines = [f"  {'asked':>7} {'1st byte':>8} {'last':>7} {'bytes':>10}  {'by':<15} url"]
    for url, asked, first, last, size, by in sorted(rows, key=lambda row: row[1]):
        if asked < since:
            continue
        lines.append(f"  {asked - since:7.0f} {first - since:8.0f} {last - since:7.0f} {size:>10,}  {by:<15} /{url.removeprefix(base)}")
    return lines


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
    parser.add_argument(
        "--serve", choices=("plain", "gzip", "both"), default="plain",
        help="send files as they are (plain), gzipped like a real web server, or both in turn",
    )
    parser.add_argument("--phases", action="store_true", help="also print where the time to charts goes")
    parser.add_argument("--waterfall", action="store_true", help="also print every request of a first visit")
    parser.add_argument(
        "--charts-js-before", type=Path, metavar="FILE",
        help="also measure, run by run, the same site with FILE as its postmortem-charts.js (a change's "
        "before: `git show REV:mkdocs_postmortem/assets/postmortem-charts.js > FILE`); first visits only",
    )
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    ways = ("plain", "gzip") if args.serve == "both" else (args.serve,)
    networks = (("loopback", None), (f"{args.throttle:g} Mbit/s", args.throttle))
    with tempfile.TemporaryDirectory() as temporary, ExitStack() as servers, sync_playwright() as playwright:
        sites, bases = _serve(Path(temporary), servers, ways, args.charts_js_before)
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        _print_first_visits(browser, sites, bases, networks, args.runs)
        if args.phases:
            _print_phases(browser, {way: bases[way] for way in ways}, networks, args.runs)
        if args.waterfall:
            for path in PAGES:
                for label, throttle in networks:
                    for way in ways:
                        print(f"\n{path}, {label}, served {way}")
                        print("\n".join(waterfall(browser, bases[way], path, throttle)))
        browser.close()


def _serve(temporary: Path, servers: ExitStack, ways, charts_js_before: Path | None) -> tuple[dict, dict]:
    """The site built and served once per way of serving (Material's instant navigation needs
    site_url to be the address served), and a copy of each with the script before a change."""
    sites, bases = {}, {}
    for way in ways:
        port = free_port()
        into = temporary / way
        into.mkdir()
        sites[way] = build(into, f"http://127.0.0.1:{port}/")
        bases[way] = servers.enter_context(static_server(sites[way], port, compress=way == "gzip"))
    if charts_js_before:
        for way in ways:
            before = temporary / way / "site-before"
            shutil.copytree(sites[way], before)
            shutil.copyfile(charts_js_before, before / CHARTS_JS)
            sites[f"{way}, before"] = before
            bases[f"{way}, before"] = servers.enter_context(static_server(before, compress=way == "gzip"))
    return sites, bases


def _print_first_visits(browser, sites: dict, bases: dict, networks, runs: int) -> None:
    throttled = networks[1][1]
    print(f"{'page':<55} {'served':<14} {'bytes':>10} {'gzipped':>10} {'ready ms':>9} {f'@{throttled:g}Mbit':>11}")
    for path in PAGES:
        # The variants in turn, run by run, so that a change in the machine's load falls on each alike.
        ready = {(way, throttle): [] for way in bases for _, throttle in networks}
        weight = {}
        for _ in range(runs):
            for way in bases:
                for _, throttle in networks:
                    raw, packed, took = measure(browser, bases[way], path, sites[way], throttle)
                    ready[way, throttle].append(took)
                    weight[way] = (raw, packed)
        for way in bases:
            raw, packed = weight[way]
            print(
                f"{path:<55} {way:<14} {raw:>10,} {packed:>10,} "
                f"{statistics.median(ready[way, None]):>9.0f} {statistics.median(ready[way, throttled]):>11.0f}"
            )


def _print_phases(browser, bases: dict, networks, runs: int) -> None:
    names = ("html", "domcontentloaded", "plotly_asked", "plotly_received", "plotly_run", "drawn")
    print(
        f"\n{'page, network, served':<55} " + " ".join(f"{name:>16}" for name in names)
        + f" {'instant, home':>14} {'instant, other':>15}"
    )
    for path in PAGES:
        other = next(page for page in PAGES if page != path)
        for label, throttle in networks:
            for way, base in bases.items():
                found = [phases(browser, base, path, throttle) for _ in range(runs)]
                from_home = [instant(browser, base, "", path, throttle) for _ in range(runs)]
                from_other = [instant(browser, base, other, path, throttle) for _ in range(runs)]
                cells = " ".join(f"{_median(run[name] for run in found):>16}" for name in names)
                row = f"{path}, {label}, {way}"
                print(f"{row:<55} {cells} {_median(from_home):>14} {_median(from_other):>15}")


if __name__ == "__main__":
    main()
