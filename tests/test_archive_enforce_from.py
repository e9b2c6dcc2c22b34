"""`enforce_from`: an archive of old postmortems without front matter builds on
the first day, listed on the overview and severity pages, while a new
postmortem with an error still fails the build."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_cli, run_mkdocs, write_site
from pages_site import generated_body, incident_ids, page

ARCHIVE = Path(__file__).parent / "fixtures" / "archive"
OLD = {
    "2019-02-05.md": "P1",
    "payments-gmt.md": "P2",
    "2024-09-12-mumbai-latency.md": "P3",
    "2024-04-15-low-sev.md": "P4",
    "2023-07-19-cache-warmup.md": None,
}
UNDATED = """
# Someone restarted the wrong cluster

## Summary

Nobody wrote down when this happened.
"""
NEW_WITH_AN_ERROR = """
---
title: Queue stalled
severity: P2
services: [queue]
started: 2026-02-03 10:00
resolved: 2026-02-03 10:40
---

## Summary

The queue stalled.
"""
OPTIONS = {"enforce_from": "2025-01-01", "build_date": "2026-03-01"}


def archive_files() -> dict[str, str]:
    files = {name: (ARCHIVE / name).read_text(encoding="utf-8") for name in OLD}
    files["undated-restart.md"] = UNDATED
    return files


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("archive")
    write_site(root, archive_files(), options=OPTIONS)
    result = run_mkdocs("build", cwd=root)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "ERROR" not in result.stderr and "WARNING" in result.stderr  # problems reported, as warnings
    return root


def test_the_overview_lists_the_archive_and_counts_it(built):
    overview = generated_body(page(built / "site", "postmortems/"))
    listed = set(incident_ids(overview.select_one(".postmortem-recent")))
    assert listed == {Path(name).stem for name in OLD} | {"undated-restart"}
    archived = overview.select_one(".postmortem-archived")
    assert archived is not None and archived["data-archived"] == "6"
    assert "2025-01-01" in archived.get_text()


@pytest.mark.parametrize("level", ["P1", "P2", "P3", "P4"])
def test_severity_pages_list_the_old_files_by_the_severity_their_body_states(built, level):
    listed = incident_ids(generated_body(page(built / "site", f"postmortems/severity/{level.lower()}/")))
    assert listed == [Path(name).stem for name, severity in OLD.items() if severity == level]


def test_postmortems_json_carries_timeline_entries(built):
    document = json.loads((built / "site" / "postmortems.json").read_text(encoding="utf-8"))
    by_id = {incident["id"]: incident for incident in document["incidents"]}
    timeline = by_id["2019-02-05"]["timeline"]
    assert [(entry["time"], entry["phase"]) for entry in timeline] == [
        ("2019-02-05T14:02:00+00:00", "started"),
        ("2019-02-05T14:09:00+00:00", None),
        ("2019-02-05T14:31:00+00:00", None),
        ("2019-02-05T14:40:00+00:00", "resolved"),
    ]
    assert timeline[0]["text"] == "cart service deploy. Outage begins"
    unknown = by_id["2023-07-19-cache-warmup"]["timeline"]
    assert [entry["time"] for entry in unknown].count(None) == 2  # "[???]", "--:--"


def test_a_new_postmortem_with_an_error_still_fails_the_build(tmp_path):
    write_site(tmp_path, {**archive_files(), "2026-02-03-queue.md": NEW_WITH_AN_ERROR}, options=OPTIONS)
    result = run_mkdocs("build", cwd=tmp_path)
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR") and "PM" in line]
    assert errors and all("2026-02-03-queue.md" in line for line in errors)
    assert any("PM101" in line for line in errors)


def test_check_agrees_and_without_the_option_the_archive_fails(tmp_path):
    config = write_site(tmp_path, archive_files(), options=OPTIONS)
    result = run_cli("check", "--format", "json", "-f", str(config), cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    levels = {d["level"] for d in json.loads(result.stdout)["diagnostics"]}
    assert levels == {"warning"}
    config = write_site(tmp_path, archive_files(), options={"build_date": "2026-03-01"})
    assert run_cli("check", "-f", str(config), cwd=tmp_path).returncode == 1


def test_severity_unknown_is_its_own_group_last(built):
    site = built / "site"
    overview = generated_body(page(site, "postmortems/"))
    rows = overview.select("tr[data-severity]")
    assert [row["data-severity"] for row in rows] == ["P1", "P2", "P3", "P4", "Unknown"]
    assert rows[-1]["data-count"] == "2"
    href = rows[-1].select_one("a")["href"]
    unknown = generated_body(page(site, "postmortems/severity/unknown/"))
    assert "severity/unknown" in href
    assert incident_ids(unknown) == ["2023-07-19-cache-warmup", "undated-restart"]


def test_incidents_without_a_start_sort_by_the_date_their_file_or_title_gives(tmp_path):
    files = {
        "2021-06-01-old.md": "# Old\n\n## Summary\n\nNo times.\n",
        "2024-02-01-newer.md": "# Newer\n\n## Summary\n\nNo times.\n",
        "titled.md": "# March 3rd, 2023 outage\n\n## Summary\n\nNo times.\n",
        "undated.md": "# Undated\n\n## Summary\n\nNo times.\n",
    }
    config = write_site(tmp_path, files, options=OPTIONS)
    result = run_cli("stats", "--format", "json", "-f", str(config), cwd=tmp_path)
    incidents = json.loads(result.stdout)["incidents"]
    assert [i["id"] for i in incidents] == ["2024-02-01-newer", "titled", "2021-06-01-old", "undated"]
    # No timestamps: every metric is absent, never zero.
    assert all(i[name] is None for i in incidents for name in ("ttd", "tta", "ttm", "ttr"))


def test_stats_has_an_unknown_severity_group_last(tmp_path):
    config = write_site(tmp_path, archive_files(), options=OPTIONS)
    result = run_cli("stats", "--format", "json", "-f", str(config), cwd=tmp_path)
    groups = [(row["key"], row["incidents"]) for row in json.loads(result.stdout)["aggregates"] if row["by"] == "severity"]
    assert groups == [("P1", 1), ("P2", 1), ("P3", 1), ("P4", 1), ("unknown", 2)]
