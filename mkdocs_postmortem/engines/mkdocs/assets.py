"""The page assets in an MkDocs build: files added to the site, the script tag of pages with charts."""

from __future__ import annotations

from html import escape

from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from ...render.assets import (
    CHARTS_JS,
    PLOTLY_BUNDLE_NAME,
    PLOTLY_JS,
    PLOTLY_LICENSE,
    STYLES,
    TRACKER_JS,
    cdn_url,
    charts_js_path,
    package_asset,
    plotly_js_path,
    plotly_license_path,
)
from ...render.embed import has_charts


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
            files.append(File.generated(config, dest, abs_src_path=str(package_asset(name))))
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


def with_plotly_preload(output: str, page_url: str, plotly_js: str, plotly_js_cdn_url: str) -> str:
    """A written page that draws charts, with plotly.js preloaded from its <head>.

    The browser then fetches plotly.js (1.2 MB) as soon as it reads the
    page's head, while it parses the theme's scripts, instead of when our
    script asks for it after DOMContentLoaded (docs/performance.md). In the
    head, not in the content: Material's instant navigation swaps only the
    content, where a preload would fetch plotly.js again on every page.
    """
    if script_tags(page_url, plotly_js, plotly_js_cdn_url) not in output:
        return output
    head_end = output.find("</head>")
    if head_end < 0:
        return output
    plotly = cdn_url(plotly_js_cdn_url) if plotly_js == "cdn" else get_relative_url(PLOTLY_JS, page_url)
    preload = f'<link rel="preload" as="script" href="{escape(plotly, quote=True)}">'
    return output[:head_end] + preload + output[head_end:]


def with_chart_scripts(page_html: str, page_url: str, plotly_js: str, plotly_js_cdn_url: str) -> str:
    """Pages with a chart get the drawing script; every other page stays without it."""
    if not has_charts(page_html):
        return page_html
    return page_html + script_tags(page_url, plotly_js, plotly_js_cdn_url)
