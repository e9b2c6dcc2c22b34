"""Where the page assets are, in the package and in the built site: our scripts, styles and plotly.js.

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
from importlib import resources
from pathlib import Path

ASSET_DIR = "assets/postmortem"
CHARTS_JS = f"{ASSET_DIR}/postmortem-charts.js"
PLOTLY_BUNDLE_NAME = "plotly-basic.min.js"
PLOTLY_JS = f"{ASSET_DIR}/{PLOTLY_BUNDLE_NAME}"
PLOTLY_LICENSE = f"{ASSET_DIR}/plotly-basic.LICENSE.txt"
STYLES = f"{ASSET_DIR}/postmortem.css"
TRACKER_JS = f"{ASSET_DIR}/postmortem-tracker.js"  # the tracker page names it in its own content


def package_asset(name: str) -> Path:
    return Path(str(resources.files("mkdocs_postmortem").joinpath(f"assets/{name}")))


def plotly_js_path() -> Path:
    """The plotly.js basic bundle shipped with this package."""
    return package_asset(f"plotly/{PLOTLY_BUNDLE_NAME}")


def plotly_license_path() -> Path:
    return package_asset("plotly/LICENSE")


def charts_js_path() -> Path:
    return package_asset("postmortem-charts.js")


@lru_cache(maxsize=1)
def plotly_js_version() -> str:
    """The version written in the bundle's header comment (`plotly.js (basic - minified) v4.1.1`)."""
    with plotly_js_path().open(encoding="utf-8") as bundle:
        head = bundle.read(300)
    # A bounded gap: `[^\n]*?` would read to the line's end from every "plotly.js" of a line.
    match = re.search(r"plotly\.js\b[^\n]{0,80}?v(\d+\.\d+\.\d+)", head)
    return match.group(1) if match else ""


def cdn_url(configured: str) -> str:
    """The configured URL, else plotly's CDN file of the bundled version."""
    if configured.strip():
        return configured.strip()
    version = plotly_js_version()
    return f"https://cdn.plot.ly/plotly-basic-{version}.min.js" if version else "https://cdn.plot.ly/plotly-basic-latest.min.js"
