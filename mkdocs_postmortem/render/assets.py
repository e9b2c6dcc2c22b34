"""The chart scripts of the built site: our drawing script and plotly.js.

plotly.js is the basic partial bundle (bar and scatter traces, all the
charts use) shipped inside this package with its licence: about 1.2 MB, 400 KB
gzipped, against 4.8 MB for the full bundle of the plotly Python package.
It is the version that package bundles (4.1.1 with plotly 7.1), from npm's
`plotly.js-basic-dist-min`. Figures are plain dicts of plotly.js attributes,
so nothing else ties them to the Python package. It is served from the site
by default: internal handbooks are often offline. Pages load it only when
they have a chart, and our script fetches it on first use, so Material's
instant navigation never evaluates it twice.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import escape
from importlib import resources
from pathlib import Path

from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from .embed import has_charts

ASSET_DIR = "assets/postmortem"
CHARTS_JS = f"{ASSET_DIR}/postmortem-charts.js"
PLOTLY_BUNDLE_NAME = "plotly-basic.min.js"
PLOTLY_JS = f"{ASSET_DIR}/{PLOTLY_BUNDLE_NAME}"
PLOTLY_LICENSE = f"{ASSET_DIR}/plotly-basic.LICENSE.txt"
STYLES = f"{ASSET_DIR}/postmortem.css"
TRACKER_JS = f"{ASSET_DIR}/postmortem-tracker.js"  # the tracker page names it in its own content


def _package_asset(name: str) -> Path:
    return Path(str(resources.files("mkdocs_postmortem").joinpath(f"assets/{name}")))


def plotly_js_path() -> Path:
    """The plotly.js basic bundle shipped with this package."""
    return _package_asset(f"plotly/{PLOTLY_BUNDLE_NAME}")


def plotly_license_path() -> Path:
    return _package_asset("plotly/LICENSE")


def charts_js_path() -> Path:
    return _package_asset("postmortem-charts.js")


@lru_cache(maxsize=1)
def plotly_js_version() -> str:
    """The version written in the bundle's header comment (`plotly.js (basic - minified) v4.1.1`)."""
    with plotly_js_path().open(encoding="utf-8") as bundle:
        head = bundle.read(300)
    match = re.search(r"plotly\.js\b[^\n]*?v(\d+\.\d+\.\d+)", head)
    return match.group(1) if match else ""


def cdn_url(configured: str) -> str:
    """The configured URL, else plotly's CDN file of the bundled version."""
    if configured.strip():
        return configured.strip()
    version = plotly_js_version()
    return f"https://cdn.plot.ly/plotly-basic-{version}.min.js" if version else "https://cdn.plot.ly/plotly-basic-latest.min.js"


def add_chart_assets(files: Files, config, plotly_js: str) -> None:
    """Put our script, and plotly.js with its licence unless it comes from a CDN, into the built site once."""
    sources = [(CHARTS_JS, charts_js_path())]
    if plotly_js == "bundled":
        sources += [(PLOTLY_JS, plotly_js_path()), (PLOTLY_LICENSE, plotly_license_path())]
    for dest, source in sources:
        if files.get_file_from_path(dest) is None:
            files.append(File.generated(config, dest, abs_src_path=str(source)))


def add_page_assets(files: Files, config) -> None:
    """The header, tracker and table styles, on every page of a site with postmortems
    (a stylesheet in <head> survives Material's instant navigation), and the tracker's script."""
    for dest, name in ((STYLES, "postmortem.css"), (TRACKER_JS, "postmortem-tracker.js")):
        if files.get_file_from_path(dest) is None:
            files.append(File.generated(config, dest, abs_src_path=str(_package_asset(name))))
    if STYLES not in [str(entry) for entry in config.extra_css]:
        config.extra_css.append(STYLES)


def script_tags(page_url: str, plotly_js: str, plotly_js_cdn_url: str) -> str:
    """The tag that draws a page's charts; it loads plotly.js itself when needed.

    Placed inside the page content so that Material's instant navigation,
    which swaps the content and runs its scripts, brings it along. URLs are
    relative to the page, for `use_directory_urls` true and false.
    """
    charts = get_relative_url(CHARTS_JS, page_url)
    if plotly_js == "cdn":
        plotly = cdn_url(plotly_js_cdn_url)
    else:
        # Relative to our script, which sits beside it: valid whichever page the script runs on.
        plotly = PLOTLY_BUNDLE_NAME
    return f'<script src="{escape(charts, quote=True)}" data-plotly-src="{escape(plotly, quote=True)}"></script>'


def with_chart_scripts(page_html: str, page_url: str, plotly_js: str, plotly_js_cdn_url: str) -> str:
    """Pages with a chart get the drawing script; every other page stays without it."""
    if not has_charts(page_html):
        return page_html
    return page_html + script_tags(page_url, plotly_js, plotly_js_cdn_url)
