"""Charts in built sites: where they go, when they are left out, what the site serves.

Every test builds a real site with the `mkdocs` command and reads the HTML back.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from charts_site import (
    BUILD_DATE,
    NEW_YORK_SPRING_FORWARD,
    NEW_YORK_WINTER,
    PARIS_WINTER,
    figures,
    page_html,
    postmortem,
)
from conftest import run_mkdocs, write_site

PLOTLY_BUNDLE = "assets/postmortem/plotly-basic.min.js"
PLOTLY_LICENSE = "assets/postmortem/plotly-basic.LICENSE.txt"
CHARTS_SCRIPT = "assets/postmortem/postmortem-charts.js"


def build(root: Path, postmortems: dict[str, str], **site) -> Path:
    options = {"build_date": BUILD_DATE, **site.pop("options", {})}
    write_site(root, postmortems, options=options, **site)
    result = run_mkdocs("build", "--strict", cwd=root)
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.fixture(scope="module")
def material_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("material")
    return build(
        root,
        {"winter.md": NEW_YORK_WINTER, "spring.md": NEW_YORK_SPRING_FORWARD},
        theme={"name": "material", "font": False},
    )


def scripts_of(html: str) -> list[str]:
    return [tag.get("src", "") for tag in BeautifulSoup(html, "html.parser").find_all("script")]


def test_timeline_chart_sits_right_after_the_timeline_heading(material_site):
    soup = BeautifulSoup(page_html(material_site, "postmortems/winter.md"), "html.parser")
    heading = soup.find("h2", string=re.compile("Timeline"))
    chart = heading.find_next_sibling()
    assert chart.name == "figure" and "postmortem-chart--timeline" in chart["class"]
    # The chart comes before the table it draws.
    assert chart.find_next_sibling("table") is not None
    # Marked as the table the chart draws: the page's styles number its rows like the markers.
    assert chart.find_next_sibling("table").has_attr("data-postmortem-timeline")
    plot = chart.select_one(".postmortem-chart__plot")
    assert plot["role"] == "img" and "America/New_York" in plot["aria-label"]
    assert chart.find("figcaption").get_text(strip=True)
    numbers = chart.find("details")
    assert numbers.find("summary").get_text(strip=True)
    cells = [td.get_text() for td in numbers.find_all("td")]
    assert "Latency alert fires" in cells and "2026-01-15 14:12 EST" in cells


def test_plotly_js_is_in_the_site_once_and_only_pages_with_charts_load_it(material_site):
    bundles = [p for p in material_site.rglob("*.js") if "plotly" in p.name.lower()]
    assert [p.relative_to(material_site).as_posix() for p in bundles] == [PLOTLY_BUNDLE]
    shipped = Path(__import__("mkdocs_postmortem").__file__).parent / "assets" / "plotly" / "plotly-basic.min.js"
    assert bundles[0].read_bytes() == shipped.read_bytes()
    # The basic partial bundle (bar and scatter), not the 4.8 MB full one, and plotly.js 3 or later
    # (typed arrays); its MIT licence travels with it.
    head = shipped.read_text(encoding="utf-8")[:200]
    assert "plotly.js (basic - minified) v" in head
    assert int(head.split(" v", 1)[1].split(".")[0]) >= 3
    assert bundles[0].stat().st_size < 1_500_000
    licence = (material_site / PLOTLY_LICENSE).read_text(encoding="utf-8")
    assert "MIT License" in licence and "Plotly" in licence

    with_charts = 0
    for html_file in material_site.rglob("*.html"):
        html = html_file.read_text(encoding="utf-8")
        loads_charts = any(src.endswith("postmortem-charts.js") for src in scripts_of(html))
        has_chart = "postmortem-chart__plot" in html
        assert loads_charts == has_chart, html_file
        # plotly.js is fetched by our script on first use, never by a tag of its own.
        assert not any("plotly" in src for src in scripts_of(html))
        if has_chart:
            with_charts += 1
            src = next(s for s in scripts_of(html) if s.endswith("postmortem-charts.js"))
            # The relative URL resolves, from this page, to the file in the site.
            assert (html_file.parent / src).resolve() == (material_site / CHARTS_SCRIPT).resolve()
            # ...and the browser starts fetching plotly.js as soon as it reads the page (the very
            # file our script loads, so the preload is used, not fetched twice).
            (preload,) = preloads_of(html)
            assert (html_file.parent / preload).resolve() == (material_site / PLOTLY_BUNDLE).resolve()
        else:
            assert preloads_of(html) == []
    assert with_charts >= 3  # two postmortems and the overview at least
    assert "postmortem-chart" not in (material_site / "index.html").read_text(encoding="utf-8")


def test_script_urls_resolve_without_directory_urls(tmp_path):
    site = build(tmp_path, {"winter.md": NEW_YORK_WINTER}, extra={"use_directory_urls": False})
    page = site / "postmortems" / "winter.html"
    src = next(s for s in scripts_of(page.read_text(encoding="utf-8")) if s.endswith("postmortem-charts.js"))
    assert (page.parent / src).resolve() == (site / CHARTS_SCRIPT).resolve()
    (preload,) = preloads_of(page.read_text(encoding="utf-8"))
    assert (page.parent / preload).resolve() == (site / PLOTLY_BUNDLE).resolve()


def preloads_of(html: str) -> list[str]:
    """Scripts the page preloads; from its head only, which instant navigation does not swap
    (a preload in the content would fetch plotly.js again on every page)."""
    soup = BeautifulSoup(html, "html.parser")
    assert all(link.find_parent("head") for link in soup.find_all("link", rel="preload"))
    return [link["href"] for link in soup.head.find_all("link", rel="preload") if link.get("as") == "script"]


def test_marker_places_the_chart_where_the_author_wants_it(tmp_path):
    source = postmortem(
        title="Marker placement",
        timezone="UTC",
        phases={"started": "2026-02-01 10:00", "resolved": "2026-02-01 11:00"},
        rows=[("10:00", "Start"), ("11:00", "End")],
        before_timeline="\nThe chart goes here:\n\n<!-- postmortem:timeline -->\n",
    )
    site = build(tmp_path, {"marker.md": source})
    soup = BeautifulSoup(page_html(site, "postmortems/marker.md"), "html.parser")
    charts = soup.select("figure.postmortem-chart")
    assert len(charts) == 1
    assert charts[0].find_previous_sibling("p").get_text() == "The chart goes here:"
    assert charts[0].find_next_sibling("h2").get_text().startswith("Timeline")


def test_switched_off_per_site_and_per_file(tmp_path):
    own_switch = postmortem(
        title="No chart for me",
        timezone="UTC",
        phases={"started": "2026-02-01 10:00", "resolved": "2026-02-01 11:00"},
        rows=[("10:00", "Start"), ("11:00", "End")],
        extra_front_matter="postmortem:\n  timeline_chart: false\n",
    )
    site = build(tmp_path / "file", {"own.md": own_switch, "winter.md": NEW_YORK_WINTER})
    assert "postmortem-chart" not in page_html(site, "postmortems/own.md")
    assert "postmortem-chart--timeline" in page_html(site, "postmortems/winter.md")

    site = build(tmp_path / "site", {"winter.md": NEW_YORK_WINTER}, options={"timeline_chart": False})
    html = page_html(site, "postmortems/winter.md")
    assert "postmortem-chart" not in html
    assert not any(src.endswith("postmortem-charts.js") for src in scripts_of(html))


def test_too_few_timestamps_give_no_chart_and_no_problem(tmp_path):
    source = postmortem(
        title="Only a start",
        timezone="UTC",
        phases={"started": "2026-02-01 10:00"},
        rows=[("10:00", "Start")],
    ).replace("status: closed", "status: draft")  # a draft may lack `resolved`
    write_site(tmp_path, {"short.md": source}, options={"build_date": BUILD_DATE})
    result = run_mkdocs("build", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "postmortem-chart" not in page_html(tmp_path / "site", "postmortems/short.md")
    assert "Traceback" not in result.stderr


def test_builtin_mkdocs_theme_gets_the_charts(tmp_path):
    site = build(tmp_path, {"winter.md": NEW_YORK_WINTER}, theme="mkdocs")
    html = page_html(site, "postmortems/winter.md")
    assert len(figures(html)) == 1
    assert any(src.endswith("postmortem-charts.js") for src in scripts_of(html))
    assert (site / PLOTLY_BUNDLE).exists()
    # MkDocs' own search indexes the timeline section's words, not the figure's JSON.
    index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "Latency alert fires" in index
    assert "hovertext" not in index and "categoryarray" not in index


def test_cdn_option_serves_no_bundle(tmp_path):
    url = "https://cdn.example.org/plotly-test.min.js"
    site = build(tmp_path, {"winter.md": NEW_YORK_WINTER}, options={"plotly_js": "cdn", "plotly_js_cdn_url": url})
    assert not (site / PLOTLY_BUNDLE).exists()
    tag = BeautifulSoup(page_html(site, "postmortems/winter.md"), "html.parser").find(
        "script", src=re.compile("postmortem-charts.js")
    )
    assert tag["data-plotly-src"] == url
    assert preloads_of(page_html(site, "postmortems/winter.md")) == [url]


def test_figures_carry_no_plotly_template_and_stay_small(material_site):
    html = page_html(material_site, "postmortems/winter.md")
    (figure,) = figures(html)
    assert "template" not in figure["layout"]
    chart_json = re.search(r'<script type="application/json">(.*?)</script>', html, re.DOTALL).group(1)
    # Five bars' worth of data and the event markers: well under plotly's 6.5 KB template alone.
    assert len(chart_json) < 4000


def test_the_chart_speaks_the_postmortems_language_whatever_the_site(tmp_path):
    site = build(
        tmp_path, {"winter.md": NEW_YORK_WINTER, "hiver.md": PARIS_WINTER}, theme={"name": "material", "language": "fr"}
    )
    (figure,) = figures(page_html(site, "postmortems/hiver.md"))
    assert figure["layout"]["xaxis"]["title"]["text"].startswith("Heure locale")
    assert "Jusqu'à la détection" in figure["data"][0]["y"]
    # French month names for plotly's date axis travel with the figure.
    assert figure["config"]["locale"] == "fr" and "févr." in figure["config"]["locales"]["fr"]["format"]["shortMonths"]
    # An English postmortem on a French site keeps English labels: its reader reads English.
    (figure,) = figures(page_html(site, "postmortems/winter.md"))
    assert figure["layout"]["xaxis"]["title"]["text"].startswith("Local time")
    assert "config" not in figure or not figure["config"]
