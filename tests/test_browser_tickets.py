"""In a real browser, on a desk and on a phone: an owner's anchor on the tracker shows that
owner's items only (really hidden, also where rows stack as blocks), their ticket links, and
the owner's calendar beside their name, which downloads as an iCalendar file."""

from __future__ import annotations

import urllib.request

import icalendar
import pytest
from conftest import run_mkdocs, write_site
from test_tickets import TRACKED

pytestmark = pytest.mark.browser

OTHER = TRACKED.replace("id: 2026-03-04-webhook-secret", "id: other").replace("2026-03-04", "2026-04-02").replace(
    "published: 2026-03-06", "published: 2026-04-04"
).replace("Ana Lopez | 2026-09-01", "Noor Haddad | 2026-09-01")


@pytest.fixture
def tracker(tmp_path, serve_folder) -> str:
    site = tmp_path / "site"
    site.mkdir()
    base = serve_folder(site)
    write_site(
        tmp_path, {"tracked.md": TRACKED, "other.md": OTHER},
        options={"build_date": "2026-06-01", "ticket_url": {"OPS": "https://jira.example.com/browse/{id}"}},
        extra={"site_url": base},
    )
    result = run_mkdocs("build", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return base + "postmortems/actions/"


@pytest.mark.parametrize("width", [1280, 390])
def test_an_owners_anchor_shows_their_items_tickets_and_calendar(browser, tracker, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(tracker + "#owner-ana-lopez")
    page.wait_for_selector("[data-postmortem-tracker][data-ready=true]")
    visible = page.evaluate(
        """() => Array.from(document.querySelectorAll('.postmortem-tracker-open tbody tr'))
            .filter(r => r.getBoundingClientRect().height > 0).map(r => r.dataset.owner)"""
    )
    assert visible == ["Ana Lopez"], visible  # Noor Haddad's and Li Wei's rows are not on screen
    ticket = page.locator(".postmortem-tracker-open tbody tr:visible a.postmortem-ticket")
    assert ticket.inner_text() == "OPS-7" and ticket.get_attribute("href") == "https://jira.example.com/browse/OPS-7"
    box = ticket.bounding_box()
    assert box["width"] > 0 and box["x"] + box["width"] <= width

    calendar = page.locator("#owner-ana-lopez + a.postmortem-owner-calendar")
    assert calendar.is_visible()
    href = calendar.evaluate("link => link.href")
    with urllib.request.urlopen(href) as response:
        events = list(icalendar.Calendar.from_ical(response.read()).walk("VEVENT"))
    assert {str(event["DESCRIPTION"]).split("\n")[0] for event in events} == {"Owner: Ana Lopez"}
    context.close()
