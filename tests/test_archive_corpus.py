"""An archive of postmortems written before the plugin, in the shapes real
teams use (lists and paragraphs for timelines, zone abbreviations, dates in
titles and file names, plain action bullets, other tools' front matter), read
through `mkdocs-postmortem show --format json` and compared with values an SRE
wrote down by hand (tests/fixtures/archive/expected.yml)."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest
import yaml
from conftest import run_cli

ARCHIVE = Path(__file__).parent / "fixtures" / "archive"
EXPECTED = yaml.safe_load((ARCHIVE / "expected.yml").read_text(encoding="utf-8"))
READ = ("severity", "started", "resolved", "ttr", "timeline", "actions")  # `missing` and `alarms` are for check
FRENCH = {"2025-06-03-panne-paiement.md", "2025-09-29-flags-down.md", "incident-dns-fr.md", "rapport-incident-stockage.md"}


@pytest.fixture(scope="module")
def shown() -> dict[str, dict]:
    result = run_cli("show", *sorted(str(ARCHIVE / name) for name in EXPECTED), "--format", "json", cwd=ARCHIVE)
    assert result.returncode == 0, result.stderr
    return {Path(entry["path"]).name: entry for entry in json.loads(result.stdout)["postmortems"]}


def _utc(value: str | None) -> str | None:
    if value is None:
        return None
    return datetime.fromisoformat(value).astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M")


def test_the_corpus_is_large_enough_and_has_french_files():
    files = {path.name for path in ARCHIVE.glob("*.md")}
    assert files == set(EXPECTED) and len(files) >= 25
    assert FRENCH <= files


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_show_reads_what_the_file_states(shown, name):
    expected = {key: EXPECTED[name][key] for key in READ}
    entry = shown[name]
    got = {
        "severity": entry["severity"],
        "started": _utc(entry["started"]),
        "resolved": _utc(entry["resolved"]),
        "ttr": entry["ttr"],
        "timeline": len(entry["timeline"]),
        "actions": len(entry["actions"]),
    }
    assert got == expected


def test_show_names_where_each_value_came_from_and_what_it_noticed(shown):
    entry = shown["2023-07-19-cache-warmup.md"]
    assert entry["sources"]["started"] == {"from": "body", "line": 10, "stage": "timeline_phase"}
    assert entry["timeline_date_from"] == "file_name"
    assert [event["approximate"] for event in entry["timeline"]] == [True, True, False, True, False, False]
    notes = {note["line"]: note["message"] for note in entry["notes"]}
    assert "approximate" in notes[10] and "unknown time" in notes[12] and "unknown time" in notes[14]
    batch = shown["2021-10-30-batch-alarms.md"]
    assert any("'Oct 30th' has no year" in note["message"] for note in batch["notes"])
    dns = shown["incident-dns-fr.md"]
    assert dns["sources"]["started"] == {"from": "front_matter", "line": 4, "key": "start_time"}
    assert dns["sources"]["services"]["key"] == "services_affected"
    assert dns["id"] == "INC-2024-031"


def test_show_text_format(tmp_path):
    result = run_cli("show", str(ARCHIVE / "2019-02-05.md"), cwd=ARCHIVE)
    assert result.returncode == 0
    assert "started:      2019-02-05T14:02:00+00:00  (body, line 11)" in result.stdout
    assert "timeline: 4 entries (times on the date of the title)" in result.stdout
    assert "started:      2019-02-05T14:02:00+00:00  (body, line 11) by timeline phase" in result.stdout


def test_a_site_chooses_its_reading_of_ambiguous_abbreviations_and_adds_aliases(tmp_path):
    from conftest import write_site

    text = (ARCHIVE / "2024-09-12-mumbai-latency.md").read_text(encoding="utf-8")
    config = write_site(
        tmp_path,
        {"2024-09-12-dublin.md": "---\nopened_by_pager: 2024-09-12 14:30\n---\n" + text},
        options={"zone_abbreviations": {"IST": "+01:00"}, "field_aliases": {"opened_by_pager": "started"}},
    )
    result = run_cli("show", str(tmp_path / "docs/postmortems/2024-09-12-dublin.md"), "--format", "json", "-f", str(config), cwd=tmp_path)
    entry = json.loads(result.stdout)["postmortems"][0]
    assert [_utc(event["time"]) for event in entry["timeline"]][0] == "2024-09-12 13:30"  # Irish Standard Time
    assert not any("IST" in note["message"] for note in entry["notes"])
    assert entry["sources"]["started"]["key"] == "opened_by_pager"
    check = run_cli("check", "--format", "json", "-f", str(config), cwd=tmp_path)
    assert "PM005" not in {d["code"] for d in json.loads(check.stdout)["diagnostics"]}
    bad = write_site(tmp_path, {}, options={"zone_abbreviations": {"IST": "Dublin"}})
    refused = run_cli("show", str(tmp_path / "docs/postmortems"), "-f", str(bad), cwd=tmp_path)
    assert refused.returncode == 2 and "zone_abbreviations" in refused.stderr
