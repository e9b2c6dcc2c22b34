"""In a real browser: from the overview to a service page to a postmortem and back,
with Material's instant navigation (no full page load between them)."""

from __future__ import annotations

import pytest
from conftest import run_mkdocs, write_site
from pages_site import BUILD_DATE, incidents, site_files

pytestmark = pytest.mark.browser


@pytest.fixture
def instant_site(tmp_path, serve_folder) -> str:
    """Built and served; returns the base URL."""
    site = tmp_path / "site"
    site.mkdir()
    base = serve_folder(site)
    theme = {"name": "material", "features": ["navigation.instant"]}
    # Material navigates instantly only to pages listed in the sitemap, and it
    # matches them by host and port: site_url must be the address served.
    write_site(tmp_path, site_files(), options={"build_date": BUILD_DATE}, theme=theme, extra={"site_url": base})
    result = run_mkdocs("build", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return base


# The chart containers of the charts module; Plotly marks a container it has drawn into.
CHART = ".postmortem-chart__plot"
DRAWN = ".postmortem-chart__plot.js-plotly-plot"


def _all_charts_drawn(page) -> int:
    """Waits until every chart container on the page is drawn; returns how many there are."""
    page.wait_for_function(
        f"document.querySelectorAll('{CHART}').length > 0"
        f" && document.querySelectorAll('{DRAWN}').length === document.querySelectorAll('{CHART}').length"
    )
    return page.evaluate(f"document.querySelectorAll('{DRAWN}').length")


def test_overview_to_service_to_postmortem_and_back(browser, instant_site):
    base = instant_site
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(base + "postmortems/")
    page.wait_for_selector("[data-postmortem-page=overview]")
    # Material intercepts links once it has read the sitemap.
    page.wait_for_load_state("networkidle")
    assert _all_charts_drawn(page) >= 1
    # A full page load would wipe this marker; instant navigation keeps it.
    page.evaluate("window.__stillTheSameDocument = true")

    incident = next(i for i in incidents() if "Edge Router" in i.services and i.severity == "P1")
    page.click("[data-postmortem-page=overview] .postmortem-recent a:text-is('Edge Router')")
    page.wait_for_selector("[data-postmortem-page=service]")
    assert page.url.endswith("/postmortems/services/edge-router/")
    assert page.evaluate("window.__stillTheSameDocument === true")
    assert page.is_visible(f"[data-postmortem-page=service] [data-incident-id='{incident.id}']")
    assert _all_charts_drawn(page) >= 1

    page.click(f"[data-postmortem-page=service] [data-incident-id='{incident.id}'] a:text-is('{incident.title}')")
    page.wait_for_url(f"**/postmortems/{incident.id}/")
    page.wait_for_selector("article h1")
    assert incident.title in page.inner_text("article h1")
    assert page.evaluate("window.__stillTheSameDocument === true")
    assert _all_charts_drawn(page) >= 1  # the incident's timeline

    page.go_back()
    page.wait_for_selector("[data-postmortem-page=service]")
    assert page.url.endswith("/postmortems/services/edge-router/")
    assert _all_charts_drawn(page) >= 1
    page.go_back()
    page.wait_for_selector("[data-postmortem-page=overview]")
    assert page.evaluate("window.__stillTheSameDocument === true")
    assert _all_charts_drawn(page) >= 1
    assert errors == []


def test_postmortem_header_links_lead_to_their_pages(browser, instant_site):
    incident = next(i for i in incidents() if len(i.services) > 1 and any(a.is_open for a in i.actions))
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    url = f"{instant_site}postmortems/{incident.id}/"
    expected = [
        (".postmortem-chip--severity", "severity"),
        *((f".postmortem-header__services a >> nth={n}", "service") for n in range(len(set(incident.services)))),
        (".postmortem-header__actions a", "actions"),
        (".postmortem-header__back a >> nth=0", "overview"),
    ]
    for selector, kind in expected:
        page.goto(url)
        page.wait_for_load_state("networkidle")
        header = page.locator(".postmortem-header")
        assert header.is_visible()
        header.locator(selector).click()
        page.wait_for_selector(f"[data-postmortem-page='{kind}']")
        if kind in ("severity", "service"):
            assert page.locator(f"tr[data-incident-id='{incident.id}']").count() == 1
    context.close()
    assert errors == []
