"""False alarms an archive of real postmortems used to raise, run through
`mkdocs-postmortem check --format json` as a user runs it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_cli, write_site

ARCHIVE = Path(__file__).parent / "fixtures" / "archive"


def check(*paths: Path, cwd: Path | None = None) -> list[dict]:
    result = run_cli("check", *map(str, paths), "--format", "json", cwd=cwd or ARCHIVE)
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)["diagnostics"]


@pytest.fixture(scope="module")
def archive_diagnostics() -> list[dict]:
    return check(*sorted(ARCHIVE.glob("*.md")))


def of(diagnostics: list[dict], name: str, code: str) -> list[dict]:
    return [d for d in diagnostics if Path(d["path"]).name == name and d["code"] == code]


def test_blame_words_count_only_as_whole_words_and_not_in_the_passive(archive_diagnostics):
    # "A lazy-loaded model file", "The change should have been tested".
    assert of(archive_diagnostics, "2024-08-14-search-degraded.md", "PM401") == []


def test_blame_words_still_count_on_their_own(tmp_path):
    text = (ARCHIVE / "2024-08-14-search-degraded.md").read_text(encoding="utf-8")
    text = text.replace("The change should have been tested", "We should have tested the change").replace("lazy-loaded", "lazy")
    (tmp_path / "2024-08-14-blame.md").write_text(text, encoding="utf-8")
    quoted = {d["message"].split('"')[1] for d in check(tmp_path / "2024-08-14-blame.md", cwd=tmp_path) if d["code"] == "PM401"}
    assert quoted == {"lazy", "should have"}


def test_ascii_art_and_honest_unknowns_are_not_placeholders(archive_diagnostics):
    assert of(archive_diagnostics, "2024-10-02-status-page.md", "PM103") == []  # [░░██░░], [???]
    assert of(archive_diagnostics, "2023-07-19-cache-warmup.md", "PM103") == []  # "- [???] someone restarts..."
    assert of(archive_diagnostics, "2024-04-15-low-sev.md", "PM103") == []  # "| [???] |" in a table


def test_a_real_placeholder_is_still_reported(tmp_path):
    (tmp_path / "x.md").write_text("# T\n\n## Summary\n\nOwner: [Name]\n", encoding="utf-8")
    assert [d["code"] for d in check(tmp_path / "x.md", cwd=tmp_path) if d["code"] == "PM103"] == ["PM103"]


def test_timeline_times_in_the_archive_shapes_raise_no_pm701(archive_diagnostics):
    noisy = {Path(d["path"]).name for d in archive_diagnostics if d["code"] == "PM701"}
    # Only the two files that really leave a doubt: an ambiguous date, an unknown zone.
    assert noisy == {"ambiguous-dates.md", "2024-12-10-unknown-zone.md"}


def test_pm701_is_a_warning_that_names_the_entry(archive_diagnostics):
    ambiguous = of(archive_diagnostics, "ambiguous-dates.md", "PM701")
    assert [(d["line"], d["level"]) for d in ambiguous] == [(11, "warning")]
    assert "'03-04-2025'" in ambiguous[0]["message"] and "03 April 2025" in ambiguous[0]["message"]
    zone = of(archive_diagnostics, "2024-12-10-unknown-zone.md", "PM701")
    assert [(d["line"], d["level"]) for d in zone] == [(9, "warning"), (10, "warning"), (11, "warning")]
    assert all("'XYZ'" in d["message"] and "never" not in d["message"] for d in zone)


def test_an_unreadable_time_is_one_warning_for_its_row(tmp_path):
    (tmp_path / "2026-01-02-x.md").write_text(
        "# X\n\n## Timeline\n\n| Time | Event |\n|---|---|\n| 10:00 | a |\n| soon | b |\n| 10:30 | c |\n",
        encoding="utf-8",
    )
    found = [(d["line"], d["level"]) for d in check(tmp_path / "2026-01-02-x.md", cwd=tmp_path) if d["code"] == "PM701"]
    assert found == [(8, "warning")]


@pytest.mark.parametrize(
    "name",
    ["cdn-503.md", "payments-gmt.md", "2025-09-29-flags-down.md", "2025-06-03-panne-paiement.md"],
)
def test_sections_under_other_templates_names_are_found(archive_diagnostics, name):
    # Issue Summary, Incident Impact, Remediation, Insights, Corrective and Preventative
    # Measures, Leçons, Prévention, Chronologie...
    assert of(archive_diagnostics, name, "PM101") == []
    assert of(archive_diagnostics, name, "PM305") == []


def test_a_section_really_missing_is_still_reported(archive_diagnostics):
    # search-rollout.md has Follow-ups (actions) but no summary at all.
    assert ["Summary" in d["message"] for d in of(archive_diagnostics, "search-rollout.md", "PM101")] == [True]
    assert of(archive_diagnostics, "search-rollout.md", "PM305") == []


def test_aliases_of_other_tools_are_never_typos(tmp_path):
    site = write_site(tmp_path, {"2024-04-09-dns.md": (ARCHIVE / "incident-dns-fr.md").read_text(encoding="utf-8")})
    result = run_cli("check", "--format", "json", "-f", str(site), cwd=tmp_path)
    codes = {d["code"] for d in json.loads(result.stdout)["diagnostics"]}
    assert "PM005" not in codes and "PM002" not in codes
