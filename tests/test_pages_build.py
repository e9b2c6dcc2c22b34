"""The generated pages of a real build, read back with an HTML parser and compared
with what the postmortem sources say (and with `mkdocs-postmortem stats`)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from conftest import run_cli, run_mkdocs, write_site
from pages_site import (
    BUILD_DATE,
    Action,
    Incident,
    families_of,
    generated_body,
    incident_ids,
    incidents,
    page,
    severity_counts,
    site_files,
)

OPTIONS = {"build_date": BUILD_DATE}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("pages")
    write_site(root, site_files(), options=OPTIONS)
    result = run_mkdocs("build", cwd=root)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return root


def service_pages(site: Path) -> dict[str, str]:
    """Service name -> URL path of its page, as the services index links them."""
    index = generated_body(page(site, "postmortems/services/"))
    result = {}
    for row in index.select("tr[data-service]"):
        href = row.select_one("a")["href"]
        result[row["data-service"]] = str(Path("postmortems/services", href)).replace("\\", "/") + "/"
    return result


def test_every_postmortem_is_on_exactly_its_severity_page(built):
    site = built / "site"
    expected = {"P1": set(), "P2": set(), "P3": set(), "P4": set()}
    for incident in incidents():
        expected[incident.severity].add(incident.id)
    for level, ids in expected.items():
        listed = incident_ids(generated_body(page(site, f"postmortems/severity/{level.lower()}/")))
        assert len(listed) == len(set(listed)), f"{level}: an incident is listed twice"
        assert set(listed) == ids, level


def test_severity_pages_list_newest_first(built):
    listed = incident_ids(generated_body(page(built / "site", "postmortems/severity/p3/")))
    by_id = {incident.id: incident for incident in incidents()}
    starts = [by_id[i].started for i in listed]
    assert starts == sorted(starts, reverse=True) and len(starts) == 3


def test_every_postmortem_is_on_each_of_its_services_pages(built):
    site = built / "site"
    pages = service_pages(site)
    expected: dict[str, set[str]] = {}
    for incident in incidents():
        for service in incident.services:
            expected.setdefault(service, set()).add(incident.id)
    assert set(pages) == set(expected)
    for service, url_path in pages.items():
        assert ".." not in url_path.replace("../services", ""), url_path
        listed = incident_ids(generated_body(page(site, url_path)))
        assert sorted(listed) == sorted(expected[service]), service


def test_service_names_become_safe_slugs(built):
    services = built / "site" / "postmortems" / "services"
    folders = sorted(p.name for p in services.iterdir() if p.is_dir())
    assert folders == sorted(["edge-dns", "edge-router", "notifications", "paiement-ete", "payments", "auth", "x"])
    # `../../x` stayed inside the services folder: nothing was written beside the site.
    assert not (built / "x").exists() and not (built / "site" / "x").exists()


def test_services_index_counts_and_median_ttr(built):
    index = generated_body(page(built / "site", "postmortems/services/"))
    counts = {row["data-service"]: int(row["data-count"]) for row in index.select("tr[data-service]")}
    expected = Counter(service for incident in incidents() for service in incident.services)
    assert counts == dict(expected)
    # Edge Router: TTRs of 60 and 30 minutes -> median 45 min.
    edge = index.select_one('tr[data-service="Edge Router"]')
    assert "45 min" in edge.get_text()


def test_overview_counts_equal_stats_json(built):
    stats = run_cli("stats", "--format", "json", cwd=built)
    assert stats.returncode == 0, stats.stderr
    reported = json.loads(stats.stdout)["incidents"]
    by_severity = Counter(row["severity"] for row in reported)
    by_status = Counter(row["status"] for row in reported)
    overview = generated_body(page(built / "site", "postmortems/"))
    shown_severity = {
        row["data-severity"]: int(row["data-count"]) for row in overview.select("tr[data-severity]")
    }
    shown_status = {cell["data-status"]: int(cell["data-count"]) for cell in overview.select("tr[data-totals] td[data-status]")}
    # The severity x status grid: each cell counts the incidents of that level and status.
    grid = Counter((row["severity"], row["status"]) for row in reported)
    for row in overview.select("tr[data-severity]"):
        for cell in row.select("td[data-status]"):
            assert int(cell["data-count"]) == grid[(row["data-severity"], cell["data-status"])]
    assert {k: v for k, v in shown_severity.items() if v} == dict(by_severity)
    assert shown_status == dict(by_status)
    assert by_severity == severity_counts(incidents())
    assert int(overview.select_one("[data-total]")["data-total"]) == len(reported)


def test_overview_shows_recent_incidents_and_overdue_actions(built):
    overview = generated_body(page(built / "site", "postmortems/"))
    recent = incident_ids(overview.select_one(".postmortem-recent"))
    assert recent == [i.id for i in sorted(incidents(), key=lambda i: i.started, reverse=True)]
    overdue = overview.select(".postmortem-overdue tr[data-overdue]")
    expected = [(i.id, a.text) for i in incidents() for a in i.actions if a.is_overdue]
    assert sorted((row["data-postmortem-id"], row.td.get_text()) for row in overdue) == sorted(expected)


def test_families_and_related_boxes_match_the_related_graph(built):
    site = built / "site"
    expected = families_of(incidents())
    assert len(expected) == 2
    families = generated_body(page(site, "postmortems/related/"))
    shown = [set(incident_ids(group)) for group in families.select("[data-family]")]
    assert sorted(map(sorted, shown)) == sorted(map(sorted, expected))
    members = {member for family in expected for member in family}
    for incident in incidents():
        body = page(site, f"postmortems/{incident.id}/")
        box = body.select_one(".postmortem-related")
        if incident.id not in members:
            assert box is None, incident.id
            continue
        family = next(f for f in expected if incident.id in f)
        assert set(incident_ids(box)) == family - {incident.id}, incident.id
        for link in box.select("li a"):
            target = (site / "postmortems" / incident.id / link["href"]).resolve()
            assert (target / "index.html").is_file(), link["href"]


def test_the_related_box_is_never_written_into_the_source(built):
    for path in (built / "docs").rglob("*.md"):
        assert "postmortem-related" not in path.read_text(encoding="utf-8")


def test_tracker_orders_overdue_first_and_shows_every_open_item(built):
    tracker = generated_body(page(built / "site", "postmortems/actions/"))
    rows = tracker.select("tr[data-status]")
    flags = [row.has_attr("data-overdue") for row in rows]
    assert any(flags)
    assert flags == sorted(flags, reverse=True), "an overdue item comes after one that is not"
    shown_open = sorted(
        (row["data-postmortem-id"], row.td.get_text())
        for row in rows
        if row["data-status"] in ("open", "in-progress")
    )
    expected_open = sorted((i.id, a.text) for i in incidents() for a in i.actions if a.is_open)
    assert shown_open == expected_open
    shown_all = sorted((row["data-postmortem-id"], row.td.get_text()) for row in rows)
    assert shown_all == sorted((i.id, a.text) for i in incidents() for a in i.actions)
    summary = tracker.select_one("[data-open]")
    assert int(summary["data-open"]) == len(expected_open)
    assert int(summary["data-overdue"]) == sum(a.is_overdue for i in incidents() for a in i.actions)


def test_tracker_is_one_table_overdue_first_then_by_deadline_with_closed_items_folded(built):
    tracker = generated_body(page(built / "site", "postmortems/actions/"))
    (open_table,) = tracker.select(".postmortem-tracker-open table")
    headers = [th.get_text(strip=True) for th in open_table.select("thead th")]
    # No item of this handbook has a priority: no empty Priority column.
    assert headers == ["Action", "Owner", "Due", "Status", "Service", "Postmortem"]
    rows = open_table.select("tbody tr")
    assert {row["data-status"] for row in rows} <= {"open", "in-progress"}
    keys = [(not row.has_attr("data-overdue"), row.select("td")[2]["data-value"]) for row in rows]
    assert keys == sorted(keys)
    closed = tracker.select("details.postmortem-tracker-closed tbody tr")
    expected_closed = sorted((i.id, a.text) for i in incidents() for a in i.actions if not a.is_open)
    assert sorted((row["data-postmortem-id"], row.td.get_text(strip=True)) for row in closed) == expected_closed
    # Each row names the services of its incident, each linked to its page.
    by_id = {i.id: i for i in incidents()}
    for row in rows + closed:
        cell = row.select("td")[4]
        assert [a.get_text() for a in cell.select("a")] == list(dict.fromkeys(by_id[row["data-postmortem-id"]].services))


def test_owner_anchors_are_readable_and_stable(built):
    tracker = generated_body(page(built / "site", "postmortems/actions/"))
    chips = {chip["data-value"]: chip["id"] for chip in tracker.select("button[data-filter=owner]")}
    owners = {a.owner for i in incidents() for a in i.actions}
    assert set(chips) == owners
    assert chips["Ana Lopez"] == "owner-ana-lopez" and chips["Zoé Martin"] == "owner-zoe-martin"
    for row in tracker.select("tbody tr[data-owner]"):
        assert row.select("td")[1].a["href"] == "#" + chips[row["data-owner"]]


def test_tracker_links_land_on_their_item(built):
    site = built / "site"
    tracker = generated_body(page(site, "postmortems/actions/"))
    rows = tracker.select("tbody tr[data-status]")
    assert rows
    for row in rows:
        link = row.select_one("td a")
        path, _, anchor = link["href"].partition("#")
        assert anchor.startswith("action-"), link["href"]
        target = (site / "postmortems" / "actions" / path).resolve() / "index.html"
        item = page(target.parent, "").find(id=anchor)
        assert item is not None and item.name == "tr", link["href"]
        assert row.td.get_text(strip=True) in item.get_text(), link["href"]


def test_service_pages_list_their_own_open_actions(built):
    site = built / "site"
    services = service_pages(site)
    assert services
    for name, path in services.items():
        listed = generated_body(page(site, path)).select(".postmortem-service-actions tbody tr")
        expected = sorted(
            (i.id, a.text) for i in incidents() if name in i.services for a in i.actions if a.is_open
        )
        assert sorted((row["data-postmortem-id"], row.td.get_text(strip=True)) for row in listed) == expected, name


def test_deadline_target_per_severity_marks_late_follow_ups(tmp_path):
    write_site(tmp_path, site_files(), options={**OPTIONS, "action_deadline_days": {"P1": 30, "P2": 60}})
    result = run_mkdocs("build", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    tracker = generated_body(page(tmp_path / "site", "postmortems/actions/"))
    marked = {(row["data-postmortem-id"], row.td.get_text(strip=True)) for row in tracker.select("tr[data-over-target]")}
    # The P1 router incident of 2026-01-08: its open item is due 2026-02-01 (24 days, inside 30 days).
    # The P2 payments incident of 2026-02-14: 2026-04-15 is 60 days later (inside), 2026-12-01 is not.
    # The P2 DNS incident of 2026-03-02: 2026-09-30 is past its 60 days. P3 items have no target.
    assert marked == {
        ("2026-02-14-payments", "Document the sale runbook"),
        ("2026-03-02-dns", "Canary resolver changes"),
    }
    assert "beyond the P2 target" in tracker.select_one("tr[data-over-target]").get_text()


def test_postmortems_json_lists_every_incident(built):
    document = json.loads((built / "site" / "postmortems.json").read_text(encoding="utf-8"))
    stats = json.loads(run_cli("stats", "--format", "json", cwd=built).stdout)["incidents"]
    by_id = {row["id"]: row for row in document["incidents"]}
    assert set(by_id) == {incident.id for incident in incidents()}
    for source in incidents():
        row = by_id[source.id]
        assert row["title"] == source.title and row["severity"] == source.severity
        assert row["services"] == source.services
        assert row["started"] is not None and row["started"][:19] == source.started[:19]
        assert row["started"][19:] in ("+00:00", "+01:00", "+02:00", "Z")
        assert [a["text"] for a in row["actions"]] == [a.text for a in source.actions]
        assert [a["overdue"] for a in row["actions"]] == [a.is_overdue for a in source.actions]
        stat = next(s for s in stats if s["id"] == source.id)
        assert row["metrics"] == {name: stat[name] for name in ("ttd", "tta", "ttm", "ttr")}
        assert (built / "site" / row["url"] / "index.html").is_file()


def test_generated_pages_are_searchable_by_title_but_their_rows_are_not(built):
    """A row points to a postmortem page that is indexed itself: indexing the
    listings too would put each incident in the results several times."""
    index = json.loads((built / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    text_of: dict[str, str] = {}
    for doc in index["docs"]:
        location = doc["location"].split("#")[0]
        text_of[location] = text_of.get(location, "") + " " + doc["title"] + " " + doc["text"]
    assert "Edge Router" in text_of["postmortems/services/edge-router/"]
    assert "postmortems/actions/" in text_of
    action = "Add a retry budget to the router"
    assert action not in text_of["postmortems/actions/"]
    owners = [loc for loc, text in text_of.items() if action in text]
    generated = ("postmortems/actions/", "postmortems/related/", "postmortems/severity/", "postmortems/services/")
    assert owners and all(loc != "postmortems/" and not loc.startswith(generated) for loc in owners), owners
    title = incidents()[0].title
    assert [loc for loc, text in text_of.items() if title in text and loc.startswith(generated)] == []
    # The rows are on the pages all the same.
    assert action in page(built / "site" / "postmortems" / "actions", "").get_text(" ")
    assert "<!-- postmortem:held" not in (built / "site" / "postmortems" / "actions" / "index.html").read_text("utf-8")


def test_outside_text_is_escaped_everywhere(tmp_path):
    chosen = incidents()[:2]
    chosen[0].title = "Latency </td><img src=x onerror=alert(1)>"
    chosen[0].services = ["<script>alert(2)</script>", "payments"]
    chosen[0].actions[0].text = "Fix <b onclick=alert(3)>retries</b>"
    write_site(tmp_path, site_files(chosen), options=OPTIONS)
    result = run_mkdocs("build", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    checked = 0
    for html in (site / "postmortems").rglob("*.html"):
        # What the plugin writes: generated pages, and the related box on postmortem pages.
        # (A postmortem's own Markdown body is its author's, raw HTML included.)
        soup = page(html.parent, "")
        for part in soup.select("[data-postmortem-page], .postmortem-related, .postmortem-header"):
            checked += 1
            assert not part.select("img[onerror], [onclick]"), html
            # Chart data may sit in <script type="application/json">; a name must never close it.
            assert not [s for s in part.select("script") if "<script" in s.get_text().lower()], html
        assert not soup.select("nav img[onerror], title img"), html
    assert checked >= 10
    box = page(site, f"postmortems/{chosen[1].id}/").select_one(".postmortem-related")
    assert "Latency </td><img src=x onerror=alert(1)>" in box.get_text()
    overview = generated_body(page(site, "postmortems/"))
    assert "Latency </td><img src=x onerror=alert(1)>" in overview.get_text()
    tracker = generated_body(page(site, "postmortems/actions/"))
    assert "Fix <b onclick=alert(3)>retries</b>" in tracker.get_text()
    header = page(site, f"postmortems/{chosen[0].id}/").select_one(".postmortem-header")
    assert "<script>alert(2)</script>" in header.get_text() and not header.select("script")


def test_overview_lists_drafts_and_postmortems_past_the_deadline(tmp_path):
    draft = Incident(
        "2026-05-10-draft", "Still a draft", "P1", ["auth"], "2026-05-10T09:00:00+00:00",
        status="draft", published_after_days=None,
        actions=[Action("Rotate the keys", "Sam Rivera", "2026-12-01")],
    )
    late = Incident(
        "2026-04-01-late", "Published late", "P2", ["auth"], "2026-04-01T09:00:00+00:00",
        published_after_days=12, actions=[Action("Add a canary", "Li Wei", "2026-12-01")],
    )
    on_time = incidents()[-1]
    # PM501 (published late) is an error by default; as a warning the site still builds.
    options = {**OPTIONS, "rules": {"PM501": "warning"}}
    write_site(tmp_path, site_files([draft, late, on_time]), options=options)
    result = run_mkdocs("build", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "PM501" in result.stderr and "PM502" in result.stderr
    overview = generated_body(page(tmp_path / "site", "postmortems/"))
    assert incident_ids(overview.select_one(".postmortem-drafts")) == [draft.id]
    flagged = {item["data-incident-id"]: item["data-code"] for item in overview.select(".postmortem-late li")}
    assert flagged == {draft.id: "PM502", late.id: "PM501"}

    # Lateness is a fact about the incident: with the rules switched off, the overview still lists them.
    write_site(tmp_path, site_files([draft, late, on_time]), options={**OPTIONS, "rules": {"PM501": "off", "PM502": "off"}})
    result = run_mkdocs("build", cwd=tmp_path)
    assert result.returncode == 0 and "PM501" not in result.stderr and "PM502" not in result.stderr, result.stderr
    overview = generated_body(page(tmp_path / "site", "postmortems/"))
    flagged_off = {item["data-incident-id"]: item["data-code"] for item in overview.select(".postmortem-late li")}
    assert flagged_off == flagged


def test_generated_pages_have_a_table_of_contents(built):
    overview = page(built / "site", "postmortems/")
    toc = [a["href"] for a in overview.select("nav.md-nav--secondary a.md-nav__link")]
    assert {"#at-a-glance", "#by-severity", "#trends", "#needs-attention", "#recent"} <= set(toc)
    for anchor in toc:
        assert overview.find(id=anchor[1:]) is not None, anchor


def test_a_large_family_keeps_each_box_small_and_direct_links_first(tmp_path):
    template = incidents()[-1]
    chain = []
    for n in range(26):
        day = f"2026-01-{n + 1:02d}"
        chain.append(
            Incident(
                f"{day}-chain", f"Recurring cache fault {n}", "P3", ["cache"], f"{day}T10:00:00+00:00",
                related=[f"2026-01-{n:02d}-chain"] if n else [],
                actions=[Action("Tune the cache", "Li Wei", "2026-12-01")],
                offsets=template.offsets,
            )
        )
    write_site(tmp_path, site_files(chain), options=OPTIONS)
    result = run_mkdocs("build", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    last = chain[-1]
    box = page(tmp_path / "site", f"postmortems/{last.id}/").select_one(".postmortem-related")
    listed = incident_ids(box)
    assert len(listed) == 20
    assert listed[0] == chain[-2].id  # the one it names comes first
    assert int(box.select_one("[data-more]")["data-more"]) == 25 - 20
    families = generated_body(page(tmp_path / "site", "postmortems/related/"))
    assert len(incident_ids(families)) == 26
