"""Charts in a real browser: the built handbook served over local HTTP, Chromium
driven by Playwright. Drawn, themed, redrawn after instant navigation, and
hostile text shown as text."""

from __future__ import annotations

import shutil
import threading
from datetime import date
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml
from charts_site import (
    BUILD_DATE,
    NEW_YORK_SPRING_FORWARD,
    NEW_YORK_WINTER,
    PARIS_WINTER,
    postmortem,
)
from conftest import free_port, run_mkdocs, write_site

from mkdocs_postmortem.handbook import Handbook
from mkdocs_postmortem.settings import Settings
from mkdocs_postmortem.sources import Source

pytestmark = pytest.mark.browser

PLOT = ".postmortem-chart--timeline .postmortem-chart__plot"
HOSTILE_TITLE = "Outage <script>alert('title')</script> </script> <img src=x onerror=alert('title-img')>"
HOSTILE_CELL = "Payload <img src=x onerror=alert('cell')> then </script><script>alert('cell-script')</script>"

HOSTILE = postmortem(
    title=HOSTILE_TITLE,
    timezone="UTC",
    services="[\"<img src=x onerror=alert('service')>\", \"</script><script>alert('service2')</script>\"]",
    phases={
        "started": "2026-04-02 10:00",
        "detected": "2026-04-02 10:05",
        "acknowledged": "2026-04-02 10:07",
        "mitigated": "2026-04-02 10:30",
        "resolved": "2026-04-02 10:45",
    },
    rows=[
        ("10:00", HOSTILE_CELL),
        ("10:05", "<script>alert('row2')</script>"),
        ("10:07", "On-call acknowledges"),
        ("10:30", "Rolled back"),
        ("10:45", "Recovered"),
    ],
)

# A link from one postmortem to the other, for instant navigation between them.
WINTER_WITH_LINK = NEW_YORK_WINTER.replace(
    "raising latency.\n", "raising latency. The same cache failed again: [the spring incident](spring.md).\n", 1
)


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


class Watched:
    """A page with its console errors, uncaught errors and dialogs recorded."""

    def __init__(self, browser, **context):
        self.context = browser.new_context(**context)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("dialog", self._dialog)
        self.page.on("request", lambda request: self.requests.append(request.url))

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def drawn(self, selector: str = PLOT) -> None:
        self.page.wait_for_selector(f"{selector}.js-plotly-plot .main-svg", timeout=20_000)

    def count(self, selector: str) -> int:
        return self.page.evaluate("(s) => document.querySelectorAll(s).length", selector)

    def close(self):
        self.context.close()


@pytest.fixture
def watched(browser):
    pages: list[Watched] = []

    def open_page(**context) -> Watched:
        pages.append(Watched(browser, **context))
        return pages[-1]

    yield open_page
    for page in pages:
        page.close()


def build_and_serve(root: Path, serve_folder, postmortems: dict, theme, **options) -> str:
    site = root / "site"
    site.mkdir(parents=True)
    base = serve_folder(site)
    # Material navigates instantly only within site_url's host and port.
    write_site(
        root,
        postmortems,
        options={"build_date": BUILD_DATE, **options},
        theme=theme,
        extra={"site_url": base},
    )
    result = run_mkdocs("build", cwd=root)
    assert result.returncode == 0, result.stderr
    return base


MATERIAL = {
    "name": "material",
    "font": False,  # no Google Fonts request: the test machine is offline
    "features": ["navigation.instant"],
    "palette": [
        {"scheme": "default", "toggle": {"icon": "material/weather-night", "name": "Dark"}},
        {"scheme": "slate", "toggle": {"icon": "material/weather-sunny", "name": "Light"}},
    ],
}


@pytest.fixture(scope="module")
def material_base(tmp_path_factory, browser):
    """Built once for the module and served on a port chosen first: Material
    navigates instantly only within site_url's host and port."""
    root = tmp_path_factory.mktemp("browser-charts")
    base = f"http://127.0.0.1:{free_port()}/"
    write_site(
        root,
        {"winter.md": WINTER_WITH_LINK, "spring.md": NEW_YORK_SPRING_FORWARD, "hostile.md": HOSTILE, "hiver.md": PARIS_WINTER},
        # Hostile text in front matter looks like a placeholder to PM103; that is not this test's subject.
        options={"build_date": BUILD_DATE, "rules": {"PM103": "off"}},
        theme=MATERIAL,
        extra={"site_url": base},
    )
    result = run_mkdocs("build", cwd=root)
    assert result.returncode == 0, result.stderr
    handler = partial(QuietHandler, directory=str(root / "site"))
    server = ThreadingHTTPServer(("127.0.0.1", int(base.rsplit(":", 1)[1].strip("/"))), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield base
    server.shutdown()
    server.server_close()


def test_timeline_chart_draws_one_bar_per_phase_and_a_marker_per_row(watched, material_base):
    tab = watched()
    tab.page.goto(material_base + "postmortems/winter/")
    tab.drawn()
    assert tab.count(f"{PLOT} .main-svg") >= 1
    assert tab.count(f"{PLOT} .barlayer .point") == 4  # detection, acknowledgement, mitigation, resolution
    assert tab.count(f"{PLOT} .scatterlayer .point") == 5  # the timeline table's five rows
    tab.page.wait_for_load_state("networkidle")
    assert tab.errors == []


def test_palette_toggle_restyles_the_chart(watched, material_base):
    tab = watched()
    tab.page.goto(material_base + "postmortems/winter/")
    tab.drawn()

    def chart_background() -> str:
        return tab.page.evaluate(f"getComputedStyle(document.querySelector('{PLOT} .main-svg')).backgroundColor")

    def page_background() -> str:
        return tab.page.evaluate("getComputedStyle(document.body).backgroundColor")

    before = chart_background()
    assert before == page_background()
    tab.page.locator("form[data-md-component=palette] label:visible").first.click()
    tab.page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    tab.page.wait_for_function(
        f"getComputedStyle(document.querySelector('{PLOT} .main-svg')).backgroundColor !== {before!r}"
    )
    assert chart_background() == page_background() != before
    assert tab.errors == []


def test_instant_navigation_draws_the_next_postmortems_chart(watched, material_base):
    tab = watched()
    tab.page.goto(material_base + "postmortems/winter/")
    tab.drawn()
    tab.page.wait_for_load_state("networkidle")  # Material intercepts links once it has read the sitemap
    tab.page.evaluate("window.__sameDocument = true")
    tab.page.click("article a:text('the spring incident')")
    tab.page.wait_for_url("**/postmortems/spring/")
    tab.page.wait_for_function(
        f"document.querySelector('{PLOT} .scatterlayer .point') !== null"
        " && document.querySelector('.md-content h1, .md-content h2') !== null"
    )
    assert tab.page.evaluate("window.__sameDocument === true"), "expected instant navigation, got a page load"
    tab.drawn()
    assert tab.count(f"{PLOT} .barlayer .point") == 4
    # The spring chart, not the winter one left over.
    assert "EDT" in tab.page.text_content(f"{PLOT} .xaxislayer-above")
    assert sum(url.endswith("plotly-basic.min.js") for url in tab.requests) == 1
    assert tab.errors == []


def test_hostile_title_services_and_cells_stay_text(watched, material_base):
    tab = watched()
    tab.page.goto(material_base + "postmortems/hostile/")
    tab.drawn()
    body = tab.page.inner_text("article")
    assert "<script>alert('title')</script>" in tab.page.inner_text("article h1")
    assert "<img src=x onerror=alert('cell')>" in body
    assert "<script>alert('row2')</script>" in body
    # The chart's hover label shows the cell as text too.
    marker = tab.page.locator(f"{PLOT} .scatterlayer .point").first
    marker.scroll_into_view_if_needed()
    box = marker.bounding_box()
    # Plotly's drag layer lies over the markers: move the mouse there as a reader would.
    tab.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    tab.page.wait_for_selector(f"{PLOT} .hoverlayer .hovertext")
    assert "<img src=x onerror=alert('cell')>" in tab.page.text_content(f"{PLOT} .hoverlayer")
    # Pages listing the services and titles.
    for path in ("postmortems/", "postmortems/severity/p3/"):
        tab.page.goto(material_base + path)
        tab.page.wait_for_load_state("networkidle")
    tab.page.wait_for_timeout(300)
    assert tab.dialogs == []
    assert tab.count("img[src='x']") == 0
    assert tab.errors == []


def test_pages_without_charts_do_not_load_plotly(watched, material_base):
    tab = watched()
    tab.page.goto(material_base)
    tab.page.wait_for_load_state("networkidle")
    assert not any("plotly" in url or "postmortem-charts" in url for url in tab.requests)


# Notes, in the page, the moment the first chart holds plotly's SVG.
FIRST_DRAWN = """new MutationObserver((changes, observer) => {
    if (document.querySelector('.postmortem-chart__plot .main-svg')) {
        window.__firstDrawnAt = performance.now();
        observer.disconnect();
    }
}).observe(document, {childList: true, subtree: true});"""
SEARCH_INDEX_ASKED = """() => {
    const entry = performance.getEntriesByType('resource').find(e => e.name.endsWith('/search/search_index.json'));
    return entry ? entry.startTime : null;
}"""


def search_finds(tab, word: str) -> int:
    """How many results Material's search box lists for `word`, once its index is read (Material
    drops a query typed while it says "Initializing search")."""
    tab.page.wait_for_function(
        "!document.querySelector('.md-search-result__meta').textContent.includes('Initializing')", timeout=20_000
    )
    # Typed key by key: Material reads the query on keyup.
    tab.page.focus("input.md-search__input")
    tab.page.keyboard.type(word)
    tab.page.wait_for_selector(".md-search-result__item", state="attached", timeout=20_000)
    return tab.count(".md-search-result__item")


def test_the_search_index_waits_for_the_first_charts_and_search_still_works(watched, material_base):
    # Material asks for its search index at DOMContentLoaded; on a slow line it shared the line with
    # plotly.js and delayed the charts. It is asked for once the charts are drawn, and only then.
    tab = watched()
    tab.context.add_init_script(FIRST_DRAWN)
    tab.page.goto(material_base + "postmortems/winter/")
    tab.drawn()
    tab.page.wait_for_function(f"({SEARCH_INDEX_ASKED})() !== null", timeout=20_000)
    drawn_at = tab.page.evaluate("window.__firstDrawnAt")
    assert tab.page.evaluate(SEARCH_INDEX_ASKED) >= drawn_at
    assert [url for url in tab.requests if url.endswith("/search/search_index.json")] == [material_base + "search/search_index.json"]
    assert search_finds(tab, "resolver") >= 1
    # Instant navigation to another chart page asks for nothing of the sort again.
    tab.page.click("a[href$='spring/']")
    tab.drawn()
    tab.page.wait_for_load_state("networkidle")
    assert len([url for url in tab.requests if url.endswith("/search/search_index.json")]) == 1
    assert len([url for url in tab.requests if "plotly" in url]) == 1
    assert tab.errors == []


def test_without_plotly_the_numbers_stay_and_search_still_works(watched, material_base):
    tab = watched()
    tab.page.route("**/plotly-basic.min.js", lambda route: route.abort())
    tab.page.goto(material_base + "postmortems/winter/")
    tab.page.wait_for_function(f"({SEARCH_INDEX_ASKED})() !== null", timeout=20_000)
    assert tab.count(".postmortem-chart__plot .main-svg") == 0
    assert tab.count("details.postmortem-chart__numbers table") >= 1
    assert search_finds(tab, "resolver") >= 1


def test_builtin_mkdocs_theme_draws_the_chart(watched, tmp_path, serve_folder):
    # highlight.js would come from a CDN, which this offline machine cannot reach.
    theme = {"name": "mkdocs", "highlightjs": False}
    base = build_and_serve(tmp_path, serve_folder, {"winter.md": NEW_YORK_WINTER}, theme)
    tab = watched()
    tab.page.goto(base + "postmortems/winter/")
    tab.drawn()
    assert tab.count(f"{PLOT} .barlayer .point") == 4
    assert tab.count(f"{PLOT} .scatterlayer .point") == 5
    # MkDocs' theme switches colour mode with data-bs-theme on <html>, as its toggle does.
    background = f"getComputedStyle(document.querySelector('{PLOT} .main-svg')).backgroundColor"
    before = tab.page.evaluate(background)
    tab.page.evaluate("document.documentElement.setAttribute('data-bs-theme', 'dark')")
    tab.page.wait_for_function(f"{background} !== {before!r}")
    assert tab.page.evaluate(background) == tab.page.evaluate("getComputedStyle(document.body).backgroundColor")
    tab.page.wait_for_load_state("networkidle")
    assert tab.errors == [], (tab.errors, [u for u in tab.requests if "127.0.0.1" not in u])


def test_resizes_with_the_page(watched, material_base):
    tab = watched(viewport={"width": 1280, "height": 900})
    tab.page.goto(material_base + "postmortems/winter/")
    tab.drawn()
    width = f"document.querySelector('{PLOT} .main-svg').getBoundingClientRect().width"
    wide = tab.page.evaluate(width)
    tab.page.set_viewport_size({"width": 480, "height": 900})
    tab.page.wait_for_function(f"{width} < {wide} - 50")
    narrow = tab.page.evaluate(width)
    # The chart fits its column again: no wider than the content.
    assert narrow <= tab.page.evaluate("document.querySelector('article').getBoundingClientRect().width")
    assert tab.errors == []


# --- the project's own handbook ---------------------------------------------------------


@pytest.fixture(scope="module")
def handbook(tmp_path_factory, browser, repo_root):
    """The repository's handbook (mkdocs.yml, docs/, overrides/) built and served,
    with site_url set to the address served (instant navigation needs it) and
    web fonts off (the test machine is offline)."""
    root = tmp_path_factory.mktemp("handbook")
    shutil.copytree(repo_root / "docs", root / "docs")
    if (repo_root / "overrides").is_dir():
        shutil.copytree(repo_root / "overrides", root / "overrides")
    config = yaml.safe_load((repo_root / "mkdocs.yml").read_text(encoding="utf-8"))
    base = f"http://127.0.0.1:{free_port()}/"
    config["site_url"] = base
    config["theme"]["font"] = False
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = run_mkdocs("build", cwd=root)
    assert result.returncode == 0, result.stderr
    handler = partial(QuietHandler, directory=str(root / "site"))
    server = ThreadingHTTPServer(("127.0.0.1", int(base.rsplit(":", 1)[1].strip("/"))), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    book = Handbook.load(
        [
            Source(path=path.name, src_uri=f"postmortems/{path.name}", content=path.read_bytes())
            for path in sorted((root / "docs" / "postmortems").glob("*.md"))
        ],
        Settings(build_date=date.fromisoformat(BUILD_DATE)),
    )
    yield base, book
    server.shutdown()
    server.server_close()


def test_every_handbook_postmortem_draws_its_phases_and_rows(watched, handbook):
    base, book = handbook
    tab = watched()
    for pm in book.postmortems:
        phases = len(pm.phase_times()) - 1
        rows = len([event for event in pm.timeline if event.time is not None])
        tab.page.goto(base + pm.src_uri[: -len(".md")] + "/")
        if phases < 1:
            assert tab.count(PLOT) == 0, pm.src_uri
            continue
        tab.drawn()
        assert tab.count(f"{PLOT} .barlayer .point") == phases, pm.src_uri
        assert tab.count(f"{PLOT} .scatterlayer .point") == rows, pm.src_uri
    assert tab.errors == []


def test_handbook_instant_navigation_between_related_postmortems(watched, handbook):
    base, book = handbook
    pm = next(pm for pm in book.postmortems if pm.related and book.by_id.get(pm.related[0]))
    other = book.by_id[pm.related[0]]
    tab = watched()
    tab.page.goto(base + pm.src_uri[: -len(".md")] + "/")
    tab.drawn()
    tab.page.wait_for_load_state("networkidle")
    tab.page.evaluate("window.__sameDocument = true")
    tab.page.click(f".postmortem-related [data-incident-id='{other.id}'] a")
    tab.page.wait_for_url("**/" + other.src_uri[: -len(".md")] + "/")
    tab.page.wait_for_function(f"document.querySelector('{PLOT}.js-plotly-plot .barlayer .point') !== null")
    assert tab.page.evaluate("window.__sameDocument === true"), "expected instant navigation, got a page load"
    assert tab.count(PLOT) == 1
    assert tab.count(f"{PLOT} .barlayer .point") == len(other.phase_times()) - 1
    assert tab.errors == []


# Every drawn chart of the page, as Plotly lays it out with its own stylesheet: its
# layers (.main-svg) stacked on one another over the plot's box, the legend and the
# title inside that box. Without the sheet the layers follow one another down the page.
CHART_LAYOUT = """() => Array.from(document.querySelectorAll('.postmortem-chart__plot.js-plotly-plot')).map((plot) => {
    const box = plot.getBoundingClientRect();
    const inside = (node) => {
        if (!node) return true;
        const r = node.getBoundingClientRect();
        return r.top >= box.top - 1 && r.bottom <= box.bottom + 1 && r.left >= box.left - 1 && r.right <= box.right + 1;
    };
    return {
        chart: plot.closest('figure').className,
        layersOnThePlot: Array.from(plot.querySelectorAll('.main-svg')).every(
            (layer) => Math.abs(layer.getBoundingClientRect().top - box.top) <= 1),
        legendInside: inside(plot.querySelector('.legend')),
        titleInside: inside(plot.querySelector('.gtitle')),
    };
})"""


def _laid_out(tab) -> list[dict]:
    """Waits for every chart of the page to be drawn; returns the charts laid out wrong
    and, if it is missing, Plotly's stylesheet."""
    tab.page.wait_for_function(
        "document.querySelectorAll('.postmortem-chart__plot').length > 0 && Array.from("
        "document.querySelectorAll('.postmortem-chart__plot')).every((p) => p.querySelector('.main-svg'))",
        timeout=20_000,
    )
    charts = tab.page.evaluate(CHART_LAYOUT)
    assert charts
    wrong = [chart for chart in charts if not (chart["layersOnThePlot"] and chart["legendInside"] and chart["titleInside"])]
    if not tab.page.evaluate("document.getElementById('plotly.js-style-global') !== null"):
        wrong.append({"page": tab.page.url, "missing": "plotly.js-style-global"})
    return wrong


def _navigate(tab, link: str, url: str) -> None:
    tab.page.locator(link).first.click()
    tab.page.wait_for_url(url)
    assert tab.page.evaluate("window.__sameDocument === true"), f"expected instant navigation to {url}, got a page load"


def test_charts_keep_plotlys_stylesheet_through_instant_navigations(watched, handbook):
    """Plotly, loaded on the overview, fills its stylesheet once; Material's instant navigation
    drops the <head> children the next page lacks. The tracker's follow-through chart, a
    postmortem's timeline and the overview's charts are still laid out after a chain of them."""
    base, _ = handbook
    tab = watched(viewport={"width": 1280, "height": 900})
    missing: list[str] = []
    tab.page.on("response", lambda response: response.status >= 400 and missing.append(response.url))
    tab.page.goto(base + "postmortems/")
    assert _laid_out(tab) == []
    tab.page.wait_for_load_state("networkidle")
    tab.page.evaluate("window.__sameDocument = true")
    # Material makes every link absolute; the overview links the tracker from its figures and its text.
    _navigate(tab, ".md-content a[href$='/postmortems/actions/']", "**/postmortems/actions/")
    tab.page.wait_for_selector(".postmortem-chart--follow-through .postmortem-chart__plot .main-svg", timeout=20_000)
    assert _laid_out(tab) == []
    _navigate(tab, ".postmortem-tracker-open td.postmortem-cell--main a", "**/postmortems/*/#action-*")
    tab.drawn()
    assert _laid_out(tab) == []
    _navigate(tab, ".md-nav--primary a[href$='/postmortems/']", "**/postmortems/")
    tab.page.wait_for_selector(".postmortem-chart--trend .postmortem-chart__plot .main-svg", timeout=20_000)
    assert _laid_out(tab) == []
    assert missing == []
    assert tab.errors == []


@pytest.mark.parametrize("path", ["postmortems/winter/", "postmortems/"])
def test_chart_keeps_its_height_when_the_window_height_changes_then_the_palette_toggles(watched, material_base, path):
    """A phone's address bar hiding, or devtools opening, then a palette switch:
    the plot must not collapse and draw over its caption and what follows."""
    tab = watched(viewport={"width": 1280, "height": 900})
    tab.page.goto(material_base + path)
    plot = ".postmortem-chart__plot"
    tab.drawn(plot)
    measure = f"""() => {{
        const plot = document.querySelector('{plot}');
        const svg = plot.querySelector('.main-svg');
        const next = plot.closest('figure').querySelector('figcaption');
        return {{plot: plot.getBoundingClientRect().height, svg: svg.getBoundingClientRect().height,
                 bottom: svg.getBoundingClientRect().bottom, next: next.getBoundingClientRect().top}};
    }}"""
    before = tab.page.evaluate(measure)
    assert before["plot"] > 200
    tab.page.set_viewport_size({"width": 1280, "height": 700})
    tab.page.wait_for_timeout(500)
    scheme = tab.page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    tab.page.locator("form[data-md-component=palette] label:visible").first.click()
    tab.page.wait_for_function(f"document.body.getAttribute('data-md-color-scheme') !== {scheme!r}")
    tab.page.wait_for_timeout(500)
    after = tab.page.evaluate(measure)
    assert after["plot"] == pytest.approx(before["plot"], abs=1)
    assert after["svg"] == pytest.approx(before["svg"], abs=1)
    assert after["bottom"] <= after["next"] + 1, after
    assert tab.errors == []


def test_clicking_a_trend_point_opens_its_postmortem(watched, material_base):
    tab = watched(viewport={"width": 1280, "height": 900})
    tab.page.goto(material_base + "postmortems/")
    trend = ".postmortem-chart--trend .postmortem-chart__plot"
    tab.drawn(trend)
    tab.page.wait_for_load_state("networkidle")
    point = tab.page.locator(f"{trend} .scatterlayer .trace .points .point").first
    point.scroll_into_view_if_needed()
    box = point.bounding_box()
    tab.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    tab.page.wait_for_selector(f"{trend} .hoverlayer .hovertext")
    hover = tab.page.text_content(f"{trend} .hoverlayer")
    tab.page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    tab.page.wait_for_url("**/postmortems/*/")
    slug = tab.page.url.rstrip("/").rsplit("/", 1)[1]
    assert slug in ("winter", "spring", "hostile")
    # The page opened is the incident the point's label named (by its id).
    assert slug in hover
    assert tab.errors == []


def test_a_french_postmortem_draws_its_chart_in_french(watched, material_base):
    tab = watched(viewport={"width": 1280, "height": 900})
    tab.page.goto(material_base + "postmortems/hiver/")
    tab.drawn()
    axis_labels = tab.page.text_content(f"{PLOT} .infolayer") + tab.page.text_content(f"{PLOT} .yaxislayer-above")
    assert "Heure locale" in axis_labels and "Jusqu'à la détection" in axis_labels
    assert "Until detection" not in axis_labels and "Local time" not in axis_labels
    # Plotly's date ticks in French: "janv." rather than "Jan".
    ticks = tab.page.text_content(f"{PLOT} .xaxislayer-above")
    assert "janv." in ticks and "Jan" not in ticks, ticks
    assert tab.errors == []


def test_the_toolbar_shown_on_hover_stays_above_the_timeline_plot(watched, material_base):
    tab = watched(viewport={"width": 1280, "height": 900})
    tab.page.goto(material_base + "postmortems/winter/")
    tab.drawn()
    tab.page.hover(PLOT)
    tab.page.wait_for_selector(f"{PLOT} .modebar", state="visible", timeout=5_000)
    boxes = tab.page.evaluate(
        """(plot) => {
            const root = document.querySelector(plot);
            const rect = (node) => node.getBoundingClientRect().toJSON();
            return {toolbar: rect(root.querySelector('.modebar')), area: rect(root.querySelector('rect.nsewdrag'))};
        }""",
        PLOT,
    )
    # The toolbar's bottom edge is at or above the top of the plotting area (bars, grid).
    assert boxes["toolbar"]["bottom"] <= boxes["area"]["top"] + 1, boxes
    assert tab.errors == []


@pytest.mark.parametrize("path", ["winter", "spring"])
@pytest.mark.parametrize("opened_at", [390, 1280], ids=["opened at 390 px", "opened at 1280 px, then 390 px"])
def test_the_time_axis_caption_stays_whole_inside_the_chart_at_390_px(watched, material_base, path, opened_at):
    tab = watched(viewport={"width": opened_at, "height": 900})
    tab.page.goto(material_base + f"postmortems/{path}/")
    tab.drawn()
    if opened_at != 390:
        tab.page.set_viewport_size({"width": 390, "height": 900})
        tab.page.wait_for_function(
            "(plot) => document.querySelector(plot).getBoundingClientRect().width < 390", arg=PLOT
        )
        tab.page.wait_for_timeout(500)  # the redraw after the resize: one animation frame, then plotly
    found = tab.page.evaluate(
        """(plot) => {
            const root = document.querySelector(plot);
            const figure = JSON.parse(root.closest('figure').querySelector('template').content.textContent);
            const rect = (node) => node.getBoundingClientRect().toJSON();
            const title = root.querySelector('.xtitle');
            return {caption: figure.layout.xaxis.title.text, shown: title.textContent,
                    title: rect(title), chart: rect(root.querySelector('.main-svg'))};
        }""",
        PLOT,
    )
    # Every word of the caption is drawn (on as many lines as it needs)...
    assert found["caption"].startswith("Local time, America/New_York")
    assert "".join(found["shown"].split()) == "".join(found["caption"].split())
    # ... and inside the chart, none of it cut off at an edge.
    title, chart = found["title"], found["chart"]
    assert chart["left"] <= title["left"] and title["right"] <= chart["right"], found
    assert chart["top"] <= title["top"] and title["bottom"] <= chart["bottom"], found
    assert tab.errors == []
