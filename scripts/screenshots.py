"""Regenerate the screenshots of the docs (docs/charts.md, docs/pages.md).

    python scripts/screenshots.py [--page postmortems/2026-05-12-checkout-payment-retry-storm/]

Builds the handbook of this repository (mkdocs.yml, on the day its samples
were written unless SOURCE_DATE_EPOCH says otherwise) into a temporary
folder, serves it over local HTTP, opens it in the system Chromium through
Playwright, and saves:

    docs/assets/screenshots/postmortem-light.png   the timeline section, 1280 px, light palette
    docs/assets/screenshots/postmortem-dark.png    the same after switching to the dark palette
    docs/assets/screenshots/postmortem-phone.png   the top of the page at 390 px: title, header
    docs/assets/screenshots/overview-light.png     the overview's first screen, 1280 x 900
    docs/assets/screenshots/trends-light.png       the overview's trend chart
    docs/assets/screenshots/tracker-light.png      the action tracker's first screen
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "assets" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
DEFAULT_PAGE = "postmortems/2026-05-12-checkout-payment-retry-storm/"
CHART = "figure.postmortem-chart--timeline"
SAMPLES_WRITTEN_EPOCH = "1795392000"  # 2026-11-23, the day the sample handbook's dates are relative to


def build(site_dir: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site_dir)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"SOURCE_DATE_EPOCH": SAMPLES_WRITTEN_EPOCH, **os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    if result.returncode != 0:
        raise SystemExit(f"mkdocs build failed:\n{result.stderr[-3000:]}")


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # one line per request would drown the output
        pass


def serve(folder: Path) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def section_clip(page) -> dict:
    """From the timeline heading to the end of the chart, across the content column.

    The page is scrolled so that the section sits below Material's sticky
    header, and the clip is taken in the viewport: a full-page screenshot
    resizes the viewport, which makes the charts redraw while being captured.
    """
    return page.evaluate(
        """(selector) => {
            const chart = document.querySelector(selector);
            const heading = chart.previousElementSibling || chart;
            window.scrollTo(0, heading.getBoundingClientRect().top + window.scrollY - 120);
            const content = chart.closest('article') || chart.parentElement;
            const top = heading.getBoundingClientRect().top - 16;
            const bottom = chart.getBoundingClientRect().bottom + 16;
            const area = content.getBoundingClientRect();
            return {x: area.left, y: top, width: area.width, height: bottom - top};
        }""",
        CHART,
    )


def shoot(base: str, page_path: str) -> list[Path]:
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page(viewport={"width": 1280, "height": 1000}, device_scale_factor=1)
        # Material's palette follows the system preference until a reader picks one.
        page.emulate_media(color_scheme="light")
        page.goto(base + page_path)
        page.wait_for_selector(f"{CHART} .js-plotly-plot .main-svg", timeout=30_000)
        page.wait_for_timeout(500)
        for scheme in ("light", "dark"):
            if scheme == "dark":
                page.locator("form[data-md-component=palette] label:visible").first.click()
                page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
                page.wait_for_timeout(500)
            target = OUT / f"postmortem-{scheme}.png"
            clip = section_clip(page)
            page.wait_for_timeout(300)
            page.screenshot(path=str(target), clip=clip)
            written.append(target)
        page.close()
        written += shoot_pages(browser, base, page_path)
        browser.close()
    return written


def _drawn(page) -> None:
    page.wait_for_function(
        "Array.from(document.querySelectorAll('.postmortem-chart__plot'))"
        ".every(plot => plot.closest('details:not([open])') || plot.querySelector('.main-svg'))",
        timeout=30_000,
    )
    page.wait_for_timeout(500)


def shoot_pages(browser, base: str, page_path: str) -> list[Path]:
    written = []
    phone = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=1, is_mobile=True)
    phone.emulate_media(color_scheme="light")
    phone.goto(base + page_path)
    _drawn(phone)
    written.append(OUT / "postmortem-phone.png")
    phone.screenshot(path=str(written[-1]))
    phone.close()

    wide = browser.new_page(viewport={"width": 1280, "height": 900}, device_scale_factor=1)
    wide.emulate_media(color_scheme="light")
    wide.goto(base + "postmortems/")
    _drawn(wide)
    written.append(OUT / "overview-light.png")
    wide.screenshot(path=str(written[-1]))
    trend = wide.locator("figure.postmortem-chart--trend").first
    trend.scroll_into_view_if_needed()
    wide.wait_for_timeout(300)
    written.append(OUT / "trends-light.png")
    trend.screenshot(path=str(written[-1]))
    wide.goto(base + "postmortems/actions/")
    wide.wait_for_selector("[data-postmortem-tracker][data-ready=true]")
    written.append(OUT / "tracker-light.png")
    wide.screenshot(path=str(written[-1]))
    wide.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--page", default=DEFAULT_PAGE, help=f"page path in the site (default {DEFAULT_PAGE})")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"{CHROMIUM} is missing: install Debian's chromium package")
    with tempfile.TemporaryDirectory(prefix="screenshots-") as work:
        site = Path(work) / "site"
        build(site)
        server, base = serve(site)
        try:
            for path in shoot(base, args.page):
                print(path.relative_to(ROOT))
        finally:
            server.shutdown()
            server.server_close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
