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


def _shown_rows(page) -> list[dict]:
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('.postmortem-tracker-open tbody tr')).filter(r => !r.hidden)
            .map(r => ({owner: r.dataset.owner, id: r.dataset.postmortemId, status: r.dataset.status,
                        services: JSON.parse(r.dataset.services), due: r.cells[2].dataset.value}))"""
    )


def _exercise_tracker(page) -> None:
    every = _shown_rows(page)
    open_items = [(i.id, a) for i in incidents() for a in i.actions if a.is_open]
    assert len(every) == len(open_items)
    # Sorting by due date, both ways.
    page.click(".postmortem-tracker-open th:nth-child(3) button")
    dues = [row["due"] for row in _shown_rows(page)]
    assert dues == sorted(dues)
    page.click(".postmortem-tracker-open th:nth-child(3) button")
    assert [row["due"] for row in _shown_rows(page)] == sorted(dues, reverse=True)
    # Sorting by owner.
    page.click(".postmortem-tracker-open th:nth-child(2) button")
    owners = [row["owner"] for row in _shown_rows(page)]
    assert owners == sorted(owners, key=str.casefold)
    # Filters: an owner, then a service narrows it, then the owner chip again widens it.
    page.click("button[data-filter=owner][data-value='Ana Lopez']")
    shown = _shown_rows(page)
    assert shown and {row["owner"] for row in shown} == {"Ana Lopez"}
    assert len(shown) == sum(1 for _, a in open_items if a.owner == "Ana Lopez")
    page.click("button[data-filter=service][data-value='payments']")
    both = _shown_rows(page)
    assert both and all(row["owner"] == "Ana Lopez" and "payments" in row["services"] for row in both)
    assert len(both) < len(shown)
    page.click("button[data-filter=owner][data-value='Ana Lopez']")
    services_only = _shown_rows(page)
    assert all("payments" in row["services"] for row in services_only) and len(services_only) >= len(both)
    page.click("button[data-filter=status][data-value='in-progress']")
    assert {row["status"] for row in _shown_rows(page)} == {"in-progress"}
    assert "shown" in page.inner_text(".postmortem-filter-state")


@pytest.mark.parametrize("instant", [False, True], ids=["page-load", "instant-navigation"])
def test_tracker_sorts_and_filters(browser, instant_site, instant):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    if instant:
        page.goto(instant_site + "postmortems/")
        page.wait_for_load_state("networkidle")
        page.evaluate("window.__sameDocument = true")
        page.click(".postmortem-pages-nav a:last-child")
        page.wait_for_selector("[data-postmortem-tracker][data-ready=true]")
        assert page.evaluate("window.__sameDocument === true"), "expected instant navigation"
    else:
        page.goto(instant_site + "postmortems/actions/")
        page.wait_for_selector("[data-postmortem-tracker][data-ready=true]")
    _exercise_tracker(page)
    context.close()
    assert errors == []


def test_tracker_row_link_lands_on_its_item(browser, instant_site):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(instant_site + "postmortems/actions/")
    page.wait_for_load_state("networkidle")
    row = page.locator(".postmortem-tracker-open tbody tr").nth(2)
    text = row.locator("td").first.inner_text().strip()
    row.locator("td a").first.click()
    page.wait_for_url("**/postmortems/*/#action-*")
    anchor = page.url.rsplit("#", 1)[1]
    item = page.locator(f"[id='{anchor}']")
    item.wait_for()
    assert text in item.inner_text()
    box = item.bounding_box()
    assert 0 <= box["y"] < 900, box
    context.close()


def test_owner_anchor_and_incident_filter(browser, instant_site):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(instant_site + "postmortems/actions/#owner-li-wei")
    page.wait_for_selector("[data-postmortem-tracker][data-ready=true]")
    shown = _shown_rows(page)
    assert shown and {row["owner"] for row in shown} == {"Li Wei"}
    # From a postmortem's header: the tracker shows that incident's items only.
    incident = next(i for i in incidents() if sum(a.is_open for a in i.actions) >= 1)
    page.goto(instant_site + f"postmortems/{incident.id}/")
    page.wait_for_load_state("networkidle")
    page.click(".postmortem-header__actions a")
    page.wait_for_selector("[data-postmortem-tracker][data-ready=true]")
    shown = _shown_rows(page)
    assert len(shown) == sum(a.is_open for a in incident.actions)
    assert {row["id"] for row in shown} == {incident.id}
    assert incident.id in page.inner_text(".postmortem-filter-state")
    context.close()


def test_overview_first_screen_shows_the_figures_at_a_glance(browser, instant_site, tmp_path):
    """At 1280 x 900, without scrolling: incidents of the last 90 days against the 90
    before, median TTD and TTR, open and overdue actions, postmortems to finish;
    the numbers are those `mkdocs-postmortem stats --format json` gives."""
    import json
    import statistics
    from datetime import date, datetime, timedelta

    from conftest import run_cli

    stats = run_cli("stats", "--format", "json", cwd=tmp_path)
    assert stats.returncode == 0, stats.stderr
    reported = json.loads(stats.stdout)["incidents"]
    today = date.fromisoformat(BUILD_DATE)
    start = today - timedelta(days=89)

    def day(row):
        return datetime.fromisoformat(row["started"]).date()

    now = [row for row in reported if start <= day(row) <= today]
    before = [row for row in reported if start - timedelta(days=90) <= day(row) < start]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(instant_site + "postmortems/")
    page.wait_for_load_state("networkidle")
    cards = page.locator(".postmortem-glance__card")
    assert cards.count() == 5
    for index in range(cards.count()):
        box = cards.nth(index).bounding_box()
        assert box["y"] + box["height"] <= 900, f"card {index} is below the first screen"
        assert cards.nth(index).is_visible()
    figures = page.evaluate(
        "() => Object.fromEntries(Array.from(document.querySelectorAll('[data-glance]'))"
        ".map(card => [card.dataset.glance, Object.assign({}, card.dataset)]))"
    )
    assert int(figures["incidents"]["value"]) == len(now) and int(figures["incidents"]["before"]) == len(before)
    assert page.inner_text("[data-glance=incidents] .postmortem-glance__value") == str(len(now))
    for name in ("ttd", "ttr"):
        values = [row[name] for row in now if row[name] is not None and row["status"] != "draft"]
        assert float(figures[name]["minutes"]) == pytest.approx(statistics.median(values)), name
    open_items = [a for i in incidents() for a in i.actions if a.is_open]
    assert int(figures["actions"]["value"]) == len(open_items)
    assert int(figures["actions"]["overdue"]) == sum(a.is_overdue for a in open_items)
    assert int(figures["postmortems"]["drafts"]) == sum(row["status"] == "draft" for row in reported)
    context.close()


@pytest.mark.parametrize("path", ["postmortems/actions/", "postmortems/", "postmortems/services/payments/"])
def test_phone_sees_action_due_date_and_status_without_scrolling_sideways(browser, instant_site, path):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(instant_site + path)
    page.wait_for_load_state("networkidle")
    table = page.locator("table[data-postmortem-table=tracker], table[data-postmortem-table=actions]").first
    table.wait_for(state="attached")
    if not table.is_visible():
        page.locator("details").first.evaluate("d => d.open = true")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    cells = page.evaluate(
        """(selector) => {
            const row = document.querySelector(selector);
            const labelled = Array.from(row.querySelectorAll('td')).map(td => {
                const box = td.getBoundingClientRect();
                return {label: td.dataset.label || 'main', text: td.innerText.trim(), left: box.left, right: box.right, width: box.width};
            });
            let node = row.closest('table'), scrolled = false;
            while (node && node !== document.body) {
                if (node.scrollWidth > node.clientWidth + 1 && getComputedStyle(node).overflowX !== 'visible') scrolled = true;
                node = node.parentElement;
            }
            return {labelled, scrolled};
        }""",
        "table[data-postmortem-table=tracker] tbody tr, table[data-postmortem-table=actions] tbody tr",
    )
    assert not cells["scrolled"], "the table scrolls sideways"
    by_label = {cell["label"]: cell for cell in cells["labelled"]}
    for label in ("main", "Due", "Status"):
        cell = by_label[label]
        assert cell["width"] > 0 and cell["left"] >= 0 and cell["right"] <= 390, (label, cell)
    context.close()


def test_the_filter_state_counts_open_and_closed_items_apart(browser, instant_site):
    """The line above "Open items" counted the closed items below with the open ones,
    as "N of N items shown"; it says each count for what it is."""
    every = [a for i in incidents() for a in i.actions]
    still_open = [a for a in every if a.is_open]
    assert still_open and len(still_open) < len(every)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(instant_site + "postmortems/actions/")
    page.wait_for_selector("[data-postmortem-tracker][data-ready=true]")
    closed = len(every) - len(still_open)
    assert page.inner_text(".postmortem-filter-state").strip() == (
        f"{len(still_open)} of {len(still_open)} open items shown; {closed} of {closed} closed."
    )
    page.click("button[data-filter=owner][data-value='Ana Lopez']")
    ana_open = sum(1 for a in still_open if a.owner == "Ana Lopez")
    ana_closed = sum(1 for a in every if a.owner == "Ana Lopez" and not a.is_open)
    assert page.inner_text(".postmortem-filter-state").startswith(
        f"{ana_open} of {len(still_open)} open items shown; {ana_closed} of {closed} closed."
    )
    context.close()


def test_desktop_tracker_fits_its_column_without_scrolling_sideways(browser, tmp_path, serve_folder):
    """At 1280 px, with the table of contents beside it, the open-items table showed
    its Postmortem column cut and scrolled sideways: the lateness beside each date,
    sort arrows that never wrapped and a host name in a title kept it wider than the
    content column."""
    from pages_site import Action, Incident

    incident = Incident(
        id="PM-2026-040",
        title="Expired TLS certificate on static.assetsnorthwindexample.cloud",
        severity="P2",
        services=["paymentsgateway", "notifications"],
        started="2026-05-04T09:00:00+00:00",
        actions=[
            Action(f"Renew certificate {n} and track it in northwind-cloud/certificates#{4200 + n}", "Camille Roux", "2026-05-20", "In Progress")
            for n in range(3)
        ],
    )
    text = incident.markdown().replace("| Action | Owner | Due | Status |\n|--------|-------|-----|--------|",
                                        "| Action | Owner | Due | Status | Priority |\n|---|---|---|---|---|")
    text = text.replace("| In Progress |", "| In Progress | Medium |")
    site = tmp_path / "site"
    site.mkdir()
    base = serve_folder(site)
    write_site(tmp_path, {incident.file_name: text}, options={"build_date": BUILD_DATE})
    result = run_mkdocs("build", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base + "postmortems/actions/")
    table = page.locator("table[data-postmortem-table=tracker]").first
    table.wait_for(state="visible")
    headers = page.evaluate("Array.from(document.querySelectorAll('table[data-postmortem-table=tracker] thead th')).map(th => th.textContent.trim())")
    assert any("Priority" in h for h in headers) and len(headers) == 7, headers
    assert page.locator(".md-sidebar--secondary").is_visible()
    scrolled = table.evaluate(
        """table => {
            let node = table, scrolled = [];
            while (node && node !== document.body) {
                if (node.scrollWidth > node.clientWidth + 1 && getComputedStyle(node).overflowX !== 'visible') scrolled.push(node.className);
                node = node.parentElement;
            }
            return scrolled;
        }"""
    )
    assert scrolled == [], f"the tracker scrolls sideways inside {scrolled}"
    context.close()
