"""Ticket references in action items: read from the rows as authors write them, linked on the
postmortem page and the tracker, listed in postmortems.json, and required by PM306 when a site
switches it on. Hostile references stay text; the expressions run in linear time."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import run_cli, run_mkdocs, write_site
from test_rules_variants import EN, read

from mkdocs_postmortem.read.tickets import (
    Ticket,
    issue_label,
    references_in,
    ticket_links,
)

JIRA = "https://jira.example.com/browse/{id}"
GITHUB = "https://github.com/acme/ops/issues/{id}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Alert on failures (#123)", ("#123",)),
        ("Alert on failures OPS-42, see OPS-42", ("OPS-42",)),
        ("https://github.com/acme/ops/issues/7.", ("https://github.com/acme/ops/issues/7",)),
        ("fixed in https://github.com/acme/ops/pull/8", ("https://github.com/acme/ops/pull/8",)),
        ("https://gitlab.example.com/platform/payments/api/-/issues/31", ("https://gitlab.example.com/platform/payments/api/-/issues/31",)),
        ("https://gitlab.com/acme/web/-/merge_requests/5", ("https://gitlab.com/acme/web/-/merge_requests/5",)),
        ("https://acme.atlassian.net/browse/PAY-9", ("https://acme.atlassian.net/browse/PAY-9",)),
        ("https://acme.atlassian.net/jira/software/projects/PAY/boards/1?selectedIssue=PAY-10", (
            "https://acme.atlassian.net/jira/software/projects/PAY/boards/1?selectedIssue=PAY-10",)),
        ("[the ticket](https://github.com/acme/ops/issues/9)", ("https://github.com/acme/ops/issues/9",)),
        # Not tickets: a dashboard link, an entity, a fragment, a path, a lower-case word, a date.
        ("see https://grafana.example.com/d/abc?from=now-1h", ()),
        ("&#123; page#12 docs/#3 abc-12 2026-09-01 x-OPS-1", ()),
    ],
)
def test_references_as_authors_write_them(text, expected):
    assert references_in(text) == expected


def test_labels_and_links_through_the_sites_templates():
    references = ("#12", "OPS-7", "SHA-256", "https://gitlab.com/acme/web/-/merge_requests/5")
    by_kind = ticket_links(references, (("#", GITHUB), ("OPS", JIRA)))
    assert by_kind == [
        Ticket("#12", "https://github.com/acme/ops/issues/12"),
        Ticket("OPS-7", "https://jira.example.com/browse/OPS-7"),
        Ticket("SHA-256", None),  # a project key the site did not name links nowhere
        Ticket("acme/web!5", "https://gitlab.com/acme/web/-/merge_requests/5"),
    ]
    anything = ticket_links(references[:2], (("*", JIRA),))
    assert [t.url for t in anything] == ["https://jira.example.com/browse/12", "https://jira.example.com/browse/OPS-7"]
    assert ticket_links(references[:2], ()) == [Ticket("#12", None), Ticket("OPS-7", None)]
    assert issue_label("https://github.com/acme/ops/issues/7") == "acme/ops#7"


def test_the_reader_finds_references_in_cells_columns_checklists_and_front_matter():
    text = EN.replace(
        "| Action                                     | Owner     | Due        | Status      |\n"
        "|--------------------------------------------|-----------|------------|-------------|\n"
        "| Alert on the webhook failure rate          | Ana Lopez | 2026-09-01 | In Progress |",
        "| Action                                     | Owner     | Due        | Status      | Ticket |\n"
        "|--------------------------------------------|-----------|------------|-------------|--------|\n"
        "| Alert on the webhook failure rate (#12)    | Ana Lopez | 2026-09-01 | In Progress | [OPS-7](https://jira.example.com/browse/OPS-7) |",
    ).replace(
        "### Backlog",
        "- [ ] Page the payments on-call - Owner: Li Wei - Due: 2026-10-01 - Ticket: https://github.com/acme/ops/issues/3\n\n"
        "### Backlog",
    )
    pm = read(text)
    by_text = {action.text: action.references for action in pm.actions}
    assert by_text["Alert on the webhook failure rate (#12)"] == ("#12", "https://jira.example.com/browse/OPS-7")
    assert by_text["Page the payments on-call"] == ("https://github.com/acme/ops/issues/3",)

    front = EN.replace(
        "authors: [Ana Lopez]\n",
        "authors: [Ana Lopez]\nactions:\n  - {action: Rotate the key, owner: Li Wei, due: 2026-09-01, tickets: [OPS-1, '#4']}\n",
    )
    (from_front_matter,) = [a for a in read(front).actions if a.source == "front-matter"]
    assert from_front_matter.references == ("OPS-1", "#4")


# --- a real site -------------------------------------------------------------------------

TRACKED = EN.replace(
    "| Alert on the webhook failure rate          | Ana Lopez | 2026-09-01 | In Progress |",
    "| Alert on the webhook failure rate OPS-7    | Ana Lopez | 2026-09-01 | In Progress |",
).replace(
    "| Track secret expiry dates in the inventory | Li Wei    | 2026-10-01 | To Do       |",
    "| Track secret expiry https://github.com/acme/ops/issues/3 | Li Wei | 2026-10-01 | To Do |",
)
HOSTILE = EN.replace("id: 2026-03-04-webhook-secret", "id: hostile").replace(
    "| Action                                     | Owner     | Due        | Status      |\n"
    "|--------------------------------------------|-----------|------------|-------------|\n"
    "| Alert on the webhook failure rate          | Ana Lopez | 2026-09-01 | In Progress |",
    "| Action | Owner | Due | Status | Ticket |\n|---|---|---|---|---|\n"
    "| Alert on the webhook failure rate | Ana Lopez | 2026-09-01 | In Progress "
    '| https://github.com/a/b/issues/1"><script>alert(1)</script> #9 javascript:alert(1) <b onclick=x>OPS-1</b> |',
)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("tickets")
    write_site(
        root, {"tracked.md": TRACKED, "hostile.md": HOSTILE},
        options={"build_date": "2026-06-01", "ticket_url": {"OPS": JIRA, "#": GITHUB}},
    )
    result = run_mkdocs("build", cwd=root)
    assert result.returncode == 0, result.stderr
    return root / "site"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_the_postmortem_page_links_the_references_in_its_rows(site):
    page = soup(site / "postmortems" / "tracked" / "index.html")
    links = {a.get_text(): a["href"] for a in page.select("article a.postmortem-ticket")}
    assert links == {
        "OPS-7": "https://jira.example.com/browse/OPS-7",
        "https://github.com/acme/ops/issues/3": "https://github.com/acme/ops/issues/3",
    }
    row = page.select_one("#action-1")
    assert row.name == "tr" and row.select_one("a.postmortem-ticket").get_text() == "OPS-7"


def test_the_tracker_shows_each_items_tickets(site):
    tracker = soup(site / "postmortems" / "actions" / "index.html")
    rows = {
        row.select_one("td a").get_text(): [(a.get_text(), a["href"]) for a in row.select("a.postmortem-ticket")]
        for row in tracker.select("table[data-postmortem-table=tracker] tbody tr")
        if row["data-postmortem-id"] == "2026-03-04-webhook-secret"
    }
    assert rows["Alert on the webhook failure rate OPS-7"] == [("OPS-7", "https://jira.example.com/browse/OPS-7")]
    assert rows["Track secret expiry https://github.com/acme/ops/issues/3"] == [
        ("acme/ops#3", "https://github.com/acme/ops/issues/3")
    ]


def test_postmortems_json_lists_ticket_urls(site):
    document = json.loads((site / "postmortems.json").read_text(encoding="utf-8"))
    actions = {a["text"]: a["tickets"] for i in document["incidents"] for a in i["actions"]}
    assert actions["Alert on the webhook failure rate OPS-7"] == ["https://jira.example.com/browse/OPS-7"]
    assert actions["Deploy a new signing secret"] == []


def test_hostile_references_stay_text(site):
    for path in (site / "postmortems" / "hostile" / "index.html", site / "postmortems" / "actions" / "index.html"):
        html = path.read_text(encoding="utf-8")
        assert "<script>alert(1)" not in html
        assert not [tag for tag in soup(path).find_all(True) if any(name.startswith("on") for name in tag.attrs)]
        scope = "article" if path.parent.name == "hostile" else 'tr[data-postmortem-id="hostile"]'
        hrefs = {a["href"] for a in soup(path).select(f"{scope} a.postmortem-ticket")}
        assert hrefs == {
            "https://github.com/a/b/issues/1", "https://github.com/acme/ops/issues/9", "https://jira.example.com/browse/OPS-1"
        }, path
        assert not soup(path).select('a[href^="javascript"]')


def test_a_ticket_url_without_id_is_refused_with_a_clear_message(tmp_path):
    write_site(tmp_path, {"good.md": EN}, options={"ticket_url": "https://jira.example.com/browse/"})
    build = run_mkdocs("build", cwd=tmp_path)
    assert build.returncode == 1 and "Traceback" not in build.stderr
    assert "ticket_url" in build.stderr and "{id}" in build.stderr
    check = run_cli("check", cwd=tmp_path)
    assert check.returncode == 2 and "ticket_url" in check.stderr


def test_pm306_is_off_until_switched_on_then_asks_for_a_ticket_on_open_items(tmp_path):
    write_site(tmp_path, {"tracked.md": TRACKED}, options={"build_date": "2026-06-01"})
    assert "PM306" not in run_cli("check", cwd=tmp_path).stdout
    write_site(
        tmp_path, {"tracked.md": TRACKED},
        options={"build_date": "2026-06-01", "rules": {"PM306": "error"}},
    )
    report = json.loads(run_cli("check", "--format", "json", cwd=tmp_path).stdout)
    found = [d for d in report["diagnostics"] if d["code"] == "PM306"]
    # OPS-7 links nowhere without ticket_url; the GitHub URL is a ticket whatever the site says.
    assert [d["message"].split(";")[0] for d in found] == [
        'open action item "Alert on the webhook failure rate OPS-7" has no ticket'
    ]
    assert "ticket_url" in found[0]["message"]
    write_site(
        tmp_path, {"tracked.md": TRACKED},
        options={"build_date": "2026-06-01", "rules": {"PM306": "error"}, "ticket_url": JIRA},
    )
    result = run_cli("check", cwd=tmp_path)
    assert "PM306" not in result.stdout, result.stdout


ADVERSARIAL = [
    "http://" + "a" * 4000,
    "#" * 4000,
    "A" * 4000,
    "AB-" * 1500,
    "https://x/" + "a/" * 2000 + "-",
    "https://x/" + "a?" * 2000,
    "https://x/" + "&" * 4000,
    "[" * 2000 + "](" * 1000,
]


@pytest.mark.parametrize("unit", ADVERSARIAL, ids=range(len(ADVERSARIAL)))
def test_reading_references_is_linear_on_adversarial_text(unit):
    """Eight times the text may take about eight times as long, never sixty-four."""

    def cost(text: str) -> float:
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            for reference in references_in(text):
                issue_label(reference)
            issue_label(text)
            best = min(best, time.perf_counter() - start)
        return best

    # Both sizes past the processor caches (about 80 KB): below them, time jumps for reasons of memory, not of the expressions.
    small, large = cost(unit * 20), cost(unit * 160)
    assert large < small * 24, (small, large)


def test_linking_in_the_page_keeps_every_character_and_skips_existing_links():
    from mkdocs_postmortem.render.ticket_links import link_tickets

    pm = read(TRACKED)
    row = '<tr id="action-1"><td>Alert on the webhook failure rate OPS-7 &lt; <a href="x">OPS-7</a> a < b <<</td></tr>'
    html = f"<p>OPS-7 outside the item</p><table>{row}</table>"
    linked = link_tickets(html, pm, (("OPS", JIRA),))
    anchor = '<a class="postmortem-ticket" href="https://jira.example.com/browse/OPS-7" title="OPS-7">OPS-7</a>'
    assert linked == html.replace("rate OPS-7", f"rate {anchor}")


@pytest.mark.parametrize("unit", ["<", "<tr ", '<tr id="action-1"', "<a ", "OPS-7 "], ids=range(5))
def test_linking_in_the_page_is_linear_on_adversarial_html(unit):
    from mkdocs_postmortem.render.ticket_links import link_tickets

    pm = read(TRACKED)

    def cost(count: int) -> float:
        html = '<table><tr id="action-1"><td>' + unit * count + "</td></tr></table>"
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            link_tickets(html, pm, (("OPS", JIRA),))
            best = min(best, time.perf_counter() - start)
        return best

    small, large = cost(20_000), cost(160_000)
    assert large < small * 24, (small, large)


def test_an_item_with_inline_html_gets_its_anchor_and_its_ticket_link(tmp_path):
    """`<kbd>` in the action's cell: the page shows markup, the model keeps the text with its
    tags; the two are compared without tags, so the row still gets its anchor and link."""
    inline = EN.replace(
        "| Alert on the webhook failure rate          | Ana Lopez | 2026-09-01 | In Progress |",
        "| Set <kbd>volatile-ttl</kbd> on the webhook cache OPS-8 | Ana Lopez | 2026-09-01 | In Progress |",
    )
    write_site(tmp_path, {"inline.md": inline}, options={"build_date": "2026-06-01", "ticket_url": {"OPS": JIRA}})
    result = run_mkdocs("build", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    page = soup(tmp_path / "site" / "postmortems" / "inline" / "index.html")
    row = page.select_one("#action-1")
    assert row is not None and row.name == "tr" and "volatile-ttl" in row.get_text()
    assert row.select_one("a.postmortem-ticket")["href"] == "https://jira.example.com/browse/OPS-8"
