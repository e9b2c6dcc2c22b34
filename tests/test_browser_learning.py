"""The learning pages in Chromium: the tracker's follow-through chart is drawn in
both palettes, at phone width too, and the Similar incidents box and the Themes
bars show without a script error."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_mkdocs, write_site
from test_learning_pages import OPTIONS, fixture_files

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def learning_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("learning-browser")
    write_site(root, fixture_files(), options=OPTIONS)
    result = run_mkdocs("build", cwd=root)
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.mark.parametrize(("scheme", "width"), [("light", 1280), ("dark", 390)])
def test_the_follow_through_chart_is_drawn(browser, serve_folder, learning_site, scheme, width):
    base = serve_folder(learning_site)
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(base + "postmortems/actions/")
    plot = ".postmortem-chart--follow-through .postmortem-chart__plot"
    page.wait_for_selector(f"{plot}.js-plotly-plot .main-svg", timeout=20_000)
    # Two stacked series (done, open), one bar per quarter of the corpus (2025-Q1 to 2026-Q2).
    assert page.locator(f"{plot} .barlayer .trace").count() == 2
    assert page.locator(f"{plot} .xtick").count() == 6
    cards = page.locator("[data-follow-through] .postmortem-glance__card")
    assert cards.count() == 3 and all(cards.nth(n).is_visible() for n in range(3))
    page.goto(base + "postmortems/2026-01-27-broker-messages-accumules/")
    assert page.locator(".postmortem-similar li").first.is_visible()
    page.goto(base + "postmortems/themes/")
    bars = page.locator('tr[data-theme="certificates"] .postmortem-bars__bar[data-count="1"]')
    assert bars.count() == 3 and bars.first.bounding_box()["height"] > 10
    assert errors == []
    context.close()
