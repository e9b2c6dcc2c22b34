"""The views of the generated pages, called directly on a Handbook read from postmortem files:
no MkDocs build, no site. What each page shows is compared with what the source files say."""

from __future__ import annotations

import posixpath
from datetime import date

import jinja2
import pytest
from conftest import ROOT
from pages_site import BUILD_DATE, families_of, incidents, severity_counts, site_files

from mkdocs_postmortem.handbook import Handbook
from mkdocs_postmortem.render.kept_rows import page_with_rows
from mkdocs_postmortem.render.slots import LISTING_END, LISTING_START, PageSlots
from mkdocs_postmortem.render.views.base import (
    ACTIONS,
    FAMILIES,
    OVERVIEW,
    SERVICES,
    Pages,
)
from mkdocs_postmortem.render.views.families import related_box
from mkdocs_postmortem.render.views.header import header
from mkdocs_postmortem.render.views.registry import VIEWS, page_context, plan_pages
from mkdocs_postmortem.settings import Settings
from mkdocs_postmortem.sources import Source
from mkdocs_postmortem.text import labels_for

FOLDER = "postmortems"
PATHS = {
    "overview": "index.md",
    "severity": "severity",
    "services": "services",
    "families": "families.md",
    "actions": "actions.md",
    "repeats": "repeats.md",
    "themes": "themes.md",
}


class RelativeLinks:
    """Links as relative paths between source files, the way an author writes them."""

    def __init__(self, here: str) -> None:
        self.here = here

    def to(self, src_uri: str, anchor: str | None = None) -> str | None:
        url = posixpath.relpath(src_uri, posixpath.dirname(self.here))
        return f"{url}#{anchor}" if anchor else url

    def to_output(self, path: str) -> str:
        return posixpath.relpath(path, posixpath.dirname(self.here))


def place(option: str, page: bool = True) -> str:
    path = posixpath.join(FOLDER, PATHS[option])
    return path if not page or path.endswith(".md") else f"{path}.md"


@pytest.fixture(scope="module")
def handbook(tmp_path_factory) -> Handbook:
    folder = tmp_path_factory.mktemp("views") / FOLDER
    folder.mkdir()
    sources = []
    for name, text in site_files().items():
        (folder / name).write_text(text, encoding="utf-8")
        sources.append(Source(path=f"docs/{FOLDER}/{name}", src_uri=f"{FOLDER}/{name}", content=(folder / name).read_bytes()))
    settings = Settings(build_date=date.fromisoformat(BUILD_DATE))
    return Handbook.load(sources, settings, workers=1)


@pytest.fixture(scope="module")
def pages(handbook) -> Pages:
    return plan_pages(Pages(handbook, labels=labels_for("en"), deadline_days={"P1": 14}), place)


def context_of(pages: Pages, src_uri: str) -> dict:
    return page_context(pages, pages.plans[src_uri], RelativeLinks(src_uri))


def test_the_handbook_is_read_without_errors(handbook):
    assert not handbook.errors, [d.format() for d in handbook.errors]
    assert len(handbook.postmortems) == len(incidents())


def test_pages_are_planned_in_the_registry_order_with_their_titles(pages, handbook):
    kinds = [plan.kind for plan in pages.plans.values()]
    service_names = sorted({name for incident in incidents() for name in incident.services}, key=str.casefold)
    assert kinds == (
        ["overview"] + ["severity"] * 4 + ["services"] + ["service"] * len(service_names) + ["families", "actions", "repeats", "themes"]
    )
    assert list(pages.severity_uri) == ["P1", "P2", "P3", "P4"]
    assert pages.severity_uri["P3"] == "postmortems/severity/p3.md"
    assert set(pages.service_uri) == set(service_names)
    # A hostile service name cannot leave the services folder.
    assert all(uri.startswith("postmortems/services/") and ".." not in uri for uri in pages.service_uri.values())
    assert pages.plans[pages.uri(OVERVIEW)].title == "Incident overview"
    assert pages.plans[pages.severity_uri["P2"]].title == "P2 incidents"
    assert pages.plans[pages.service_uri["auth"]].title == "Service: auth"


def test_custom_titles_replace_the_labels(handbook):
    pages = plan_pages(Pages(handbook, labels=labels_for("en")), place, {"actions": "Follow-ups"})
    assert pages.plans[pages.uri(ACTIONS)].title == "Follow-ups"


def test_every_view_has_a_template_of_the_package():
    templates = ROOT / "mkdocs_postmortem" / "templates"
    assert len({view.kind for view in VIEWS}) == len(VIEWS)
    for view in VIEWS:
        assert (templates / view.template).is_file(), view.template


def test_overview_counts_lists_and_order(pages):
    context = context_of(pages, pages.uri(OVERVIEW))
    chosen = incidents()
    assert context["total"] == len(chosen)
    counts = {row["name"]: row["count"] for row in context["severity_counts"]}
    assert counts == {level: severity_counts(chosen).get(level, 0) for level in ("P1", "P2", "P3", "P4")}
    newest_first = sorted(chosen, key=lambda incident: incident.started, reverse=True)
    assert [row["id"] for row in context["recent"]] == [incident.id for incident in newest_first]
    overdue = sorted(
        (action.due, incident.id, action.text) for incident in chosen for action in incident.actions if action.is_overdue
    )
    assert [(row["due"], row["postmortem_id"], row["text"]) for row in context["overdue"]] == overdue
    assert context["glance"]["overdue_actions"] == len(overdue)
    assert context["nav"]["actions"] == "actions.md"
    assert context["json_url"] == "../postmortems.json"
    assert context["charts"] == ""  # no chart maker given: a view needs none


def test_severity_page_lists_its_incidents_newest_first_with_links(pages):
    context = context_of(pages, pages.severity_uri["P3"])
    expected = sorted((i for i in incidents() if i.severity == "P3"), key=lambda i: i.started, reverse=True)
    assert [row["id"] for row in context["incidents"]] == [i.id for i in expected]
    first = context["incidents"][0]
    assert first["url"] == f"../{expected[0].id}.md"
    assert first["severity_url"] == "p3.md"
    assert context["summary"]["ttr"]["count"] == len(expected)
    assert context_of(pages, pages.severity_uri["P4"])["incidents"] == []


def test_services_index_and_a_service_page(pages):
    index = context_of(pages, pages.uri(SERVICES))
    counts = {row["name"]: row["count"] for row in index["services"]}
    expected = {}
    for incident in incidents():
        for name in incident.services:
            expected[name] = expected.get(name, 0) + 1
    assert counts == expected
    assert [row["name"] for row in index["services"]] == sorted(expected, key=str.casefold)
    payments = context_of(pages, pages.service_uri["payments"])
    assert {row["id"] for row in payments["incidents"]} == {"2026-01-08-router", "2026-02-14-payments"}
    # Open actions of the service: overdue ones first, then by due date.
    assert [row["text"] for row in payments["open_actions"]] == [
        "Add a retry budget to the router",
        "Load-test the payment provider",
        "Document the sale runbook",
    ]
    assert [row["overdue"] for row in payments["open_actions"]] == [True, True, False]


def test_families_group_the_related_incidents(pages):
    context = context_of(pages, pages.uri(FAMILIES))
    groups = [{row["id"] for row in family["incidents"]} for family in context["families"]]
    assert sorted(map(sorted, groups)) == sorted(map(sorted, families_of(incidents())))
    assert [family["anchor"] for family in context["families"]] == [f"family-{n}" for n in range(1, len(groups) + 1)]


def test_action_tracker_orders_open_items_and_keeps_closed_ones(pages):
    context = context_of(pages, pages.uri(ACTIONS))
    chosen = incidents()
    still_open = [(a, i) for i in chosen for a in i.actions if a.is_open]
    expected_open = [a.text for a, _ in sorted(still_open, key=lambda pair: (not pair[0].is_overdue, pair[0].due))]
    assert [row["text"] for row in context["items"]] == expected_open
    assert context["open_count"] == len(expected_open)
    assert context["overdue_count"] == sum(1 for a, _ in still_open if a.is_overdue)
    closed = {a.text for i in chosen for a in i.actions if not a.is_open}
    assert {row["text"] for row in context["closed_items"]} == closed
    owners = {a.owner for i in chosen for a in i.actions}
    assert [owner["name"] for owner in context["owners"]] == sorted(owners, key=str.casefold)
    # P1 items are due 14 days after the incident: the router's open item is past that target.
    (router,) = [row for row in context["items"] if row["postmortem_id"] == "2026-01-08-router"]
    assert router["target"] == "2026-01-22" and router["over_target"]
    assert context["script_url"] == "../assets/postmortem/postmortem-tracker.js"
    assert {status["key"] for status in context["statuses"]} == {"open", "in-progress", "done", "wont-do"}


def test_header_and_related_box_of_one_postmortem(pages, handbook):
    pm = handbook.get("postmortems/2026-02-14-payments.md")
    here = RelativeLinks(pm.src_uri)
    parts = header(pages, pm, here, labels_for("en"))
    assert parts["severity"] == {"name": "P2", "url": "severity/p2.md"}
    assert parts["actions"]["open"] == 2 and parts["actions"]["overdue"] == 1
    assert parts["actions"]["url"] == "actions.md?incident=2026-02-14-payments"
    assert [service["name"] for service in parts["services"]] == ["payments", "Paiement été"]
    box = related_box(pages, pm, here)
    family = next(group for group in families_of(incidents()) if pm.id in group)
    # Directly linked incidents first: it names the router, and the queue names it.
    assert {row["id"] for row in box["incidents"]} == family - {pm.id}
    assert {row["id"] for row in box["incidents"][:2]} == {"2026-01-08-router", "2026-04-11-queue"}
    assert box["families_url"].startswith("families.md#family-")
    assert related_box(pages, handbook.get("postmortems/2026-05-03-login.md"), here) is None


def test_render_outside_its_site_part_never_imports_mkdocs():
    """The views, charts and slots are engine-free: MkDocs' files and config are engines/mkdocs'."""
    render = ROOT / "mkdocs_postmortem" / "render"
    modules = [*render.glob("*.py"), *(render / "views").glob("*.py")]
    assert len(modules) > 20
    for module in modules:
        imports = [line.strip() for line in module.read_text(encoding="utf-8").splitlines() if line.strip().startswith(("import ", "from "))]
        assert not [line for line in imports if line.split()[1].split(".")[0] == "mkdocs" or ".site" in line], module


def test_slots_fill_what_they_reserved_and_templates_never_spell_the_markers():
    slots = PageSlots()
    page = f"<p>{slots.reserve('<b>rows</b>')}</p>{slots.reserve_later('chart a', lambda: '<i>chart</i>')}"
    assert "rows" not in page and "chart" not in page
    assert slots.fill(page) == "<p><b>rows</b></p><i>chart</i>"
    held = slots.hold_listings(f"<h2>x</h2>{LISTING_START}<table>t</table>{LISTING_END}")
    assert "<table>" not in held and slots.fill(held) == "<h2>x</h2><table>t</table>"
    # An author's comment that looks like a slot is made inert, never filled.
    forged = slots.disarm(page)
    assert slots.fill(forged) == forged
    for template in (ROOT / "mkdocs_postmortem" / "templates" / "postmortem").rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        assert LISTING_START not in text and LISTING_END not in text, template


def test_held_html_is_let_go_once_every_page_holding_it_is_written():
    """A build's slots would otherwise keep every listing, header and box to its end."""
    slots = PageSlots()
    shared = "<figure>chart of a group shown on two pages</figure>"
    first = f"<h1>Service</h1>{slots.reserve(shared)}{slots.reserve('<table>rows</table>')}"
    second = f"<h1>Overview</h1>{slots.reserve(shared)}"
    assert slots.held == 2
    assert slots.fill(first) == f"<h1>Service</h1>{shared}<table>rows</table>"
    # The rows are let go with their page; the chart still waits for the second page.
    assert slots.held == 1
    assert slots.fill(second) == f"<h1>Overview</h1>{shared}"
    assert slots.held == 0


def test_large_held_listings_come_back_character_for_character():
    """Listings are held and filled as UTF-8 in pieces (the tracker's page is several MB): a
    character cut at a piece's edge, text in any script, and a lone surrogate in the page's own
    text come back as they were, and a template gathered chunk by chunk is what it renders."""
    slots = PageSlots()
    row = "<tr><td>Ünïcode — 日本語 🚒 ≥ 3</td></tr>\n"
    rows = row * 5000  # longer than one piece, and emoji fall on the pieces' edges
    page = f"<h2>Actions \ud800 é</h2>{LISTING_START}<table>{rows}</table>{LISTING_END}<p>après 🚒</p>"
    held = slots.hold_listings(page)
    assert "日本語" not in held and len(held) < 200
    assert slots.fill(held) == page.replace(LISTING_START, "").replace(LISTING_END, "")
    assert slots.held == 0
    template = jinja2.Environment(autoescape=True).from_string(
        "{% for item in items %}<li>{{ item }}</li>{% endfor %}"
    )
    items = ["a < b", "日本語", "🚒", "\ud800"] * 1000
    assert page_with_rows(lambda: template.generate(items=items)) == template.render(items=items)


def test_every_page_context_is_plain_data(pages):
    """The stored parts key a page body on a digest of its context (render/stored.py): a view
    that put a date or a helper into it would fail here (no digest), not be stringified."""
    from mkdocs_postmortem.render.stored import context_digest

    digests = {context_digest(context_of(pages, src_uri)) for src_uri in pages.plans}
    assert None not in digests
    assert len(digests) == len(pages.plans)  # every page shows something of its own
