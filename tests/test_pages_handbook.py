"""The generated pages of the project's own sample handbook (docs/), read back and
compared with `mkdocs-postmortem stats --format json` and the files' `related` fields."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import frontmatter
import pytest
from conftest import ROOT, run_cli, run_mkdocs
from pages_site import generated_body, incident_ids, page


@pytest.fixture(scope="module")
def handbook(tmp_path_factory) -> tuple[Path, list[dict]]:
    site = tmp_path_factory.mktemp("handbook") / "site"
    result = run_mkdocs("build", "--site-dir", str(site), cwd=ROOT)
    assert result.returncode == 0, result.stderr[-3000:]
    stats = run_cli("stats", "--format", "json", cwd=ROOT)
    assert stats.returncode == 0, stats.stderr
    return site, json.loads(stats.stdout)["incidents"]


def test_each_postmortem_is_on_its_severity_page_and_its_services_pages(handbook):
    site, incidents = handbook
    assert len(incidents) >= 10
    by_severity: dict[str, set[str]] = {}
    by_service: dict[str, set[str]] = {}
    for incident in incidents:
        by_severity.setdefault(incident["severity"], set()).add(incident["id"])
        for service in incident["services"]:
            by_service.setdefault(service, set()).add(incident["id"])
    for level in ("P1", "P2", "P3", "P4"):
        listed = incident_ids(generated_body(page(site, f"postmortems/severity/{level.lower()}/")))
        assert sorted(listed) == sorted(by_severity.get(level, set())), level
    index = generated_body(page(site, "postmortems/services/"))
    linked = {row["data-service"]: row.select_one("a")["href"] for row in index.select("tr[data-service]")}
    assert set(linked) == set(by_service)
    for service, href in linked.items():
        listed = incident_ids(generated_body(page(site / "postmortems" / "services" / href, "")))
        assert sorted(listed) == sorted(by_service[service]), service


def test_overview_counts_equal_stats(handbook):
    site, incidents = handbook
    overview = generated_body(page(site, "postmortems/"))
    severity = {r["data-severity"]: int(r["data-count"]) for r in overview.select("tr[data-severity]")}
    status = {c["data-status"]: int(c["data-count"]) for c in overview.select("tr[data-totals] td[data-status]")}
    assert {k: v for k, v in severity.items() if v} == dict(Counter(i["severity"] for i in incidents))
    assert status == dict(Counter(i["status"] for i in incidents))


def test_families_and_back_links_follow_the_related_fields(handbook):
    site, incidents = handbook
    ids = {incident["id"] for incident in incidents}
    links: dict[str, set[str]] = {i: set() for i in ids}
    for incident in incidents:
        related = frontmatter.load(ROOT / incident["path"]).get("related") or []
        for other in related:
            if other in ids:
                links[incident["id"]].add(other)
                links[other].add(incident["id"])
    assert any(links.values()), "the sample handbook is expected to link related incidents"
    families = generated_body(page(site, "postmortems/related/"))
    shown = [set(incident_ids(group)) for group in families.select("[data-family]")]
    for family in shown:
        for member in family:
            assert links[member] <= family  # closed under `related`, both directions
    assert {m for f in shown for m in f} == {i for i, others in links.items() if others}
    for incident_id in ids:
        box = page(site, f"postmortems/{incident_id}/").select_one(".postmortem-related")
        family = next((f for f in shown if incident_id in f), None)
        if family is None:
            assert box is None, incident_id
        else:
            assert set(incident_ids(box)) == family - {incident_id}, incident_id


def test_the_tracker_links_every_item_to_its_action_section(handbook):
    site, _ = handbook
    tracker = generated_body(page(site, "postmortems/actions/"))
    rows = tracker.select("tr[data-status]")
    assert len(rows) >= 15
    for row in rows:
        path, _, anchor = row.select("a")[-1]["href"].partition("#")
        target = (site / "postmortems" / "actions" / path).resolve()
        assert anchor and page(target, "").find(id=anchor) is not None, (path, anchor)


def test_the_handbook_override_adds_its_note_to_the_tracker(handbook):
    site, _ = handbook
    tracker = generated_body(page(site, "postmortems/actions/"))
    assert tracker.select_one(".postmortem-team-note") is not None
