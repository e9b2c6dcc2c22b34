"""`mkdocs-postmortem check --format sarif`: a SARIF 2.1.0 log that GitHub code scanning accepts.

The log is validated against the SARIF 2.1.0 JSON Schema (the OASIS schema as
published in the npm package @microsoft/jest-sarif 1.0.0-beta.0,
lib/schemas/sarif-2.1.0-rtm.5.json, MIT; kept in tests/fixtures/formats).
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import jsonschema
from conftest import run_cli, write_site
from test_rules_variants import EN

from mkdocs_postmortem.about import DOCUMENTATION_URL
from mkdocs_postmortem.rules import RULES

SCHEMA = json.loads((Path(__file__).parent / "fixtures" / "formats" / "sarif-schema-2.1.0.json").read_text("utf-8"))

NO_OWNER = EN.replace("| Ana Lopez | 2026-09-01 |", "|           | 2026-09-01 |")
BLAMING = EN.replace("expiry date of ours.", "expiry date of ours. Thomas forgot to renew it.").replace(
    "id: 2026-03-04-webhook-secret", "id: blaming"
)


def sarif(root: Path, *args: str) -> tuple[dict, subprocess.CompletedProcess]:
    result = run_cli("check", "--format", "sarif", *args, cwd=root)
    assert result.stderr == "" or "Traceback" not in result.stderr, result.stderr
    return json.loads(result.stdout), result


def site_in_a_repository(tmp_path: Path) -> Path:
    """A handbook in `handbook/` of a git repository, as monorepos keep one."""
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    write_site(root / "handbook", {"no-owner.md": NO_OWNER, "blaming.md": BLAMING}, options={"build_date": "2026-06-01"})
    return root


def test_the_log_is_valid_sarif_with_the_catalogue_and_located_results(tmp_path):
    root = site_in_a_repository(tmp_path)
    log, result = sarif(root / "handbook")
    assert result.returncode == 1  # PM301 is an error: the step fails as with the other formats
    jsonschema.validate(log, SCHEMA)
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "mkdocs-postmortem"
    assert [rule["id"] for rule in driver["rules"]] == [rule.code for rule in RULES]
    pm301 = next(rule for rule in driver["rules"] if rule["id"] == "PM301")
    assert pm301["name"] == "action-without-owner"
    assert pm301["shortDescription"]["text"] == "Action item without an owner"
    assert pm301["fullDescription"]["text"].startswith("An action item has no owner")
    assert pm301["helpUri"] == f"{DOCUMENTATION_URL}rules/PM301/"
    assert pm301["defaultConfiguration"]["level"] == "error"
    assert next(r for r in driver["rules"] if r["id"] == "PM401")["defaultConfiguration"]["level"] == "warning"
    pm306 = next(r for r in driver["rules"] if r["id"] == "PM306")  # off unless a site switches it on
    assert pm306["defaultConfiguration"] == {"level": "none", "enabled": False}

    found = {
        (r["ruleId"], r["level"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
         r["locations"][0]["physicalLocation"]["region"]["startLine"])
        for r in run["results"]
    }
    owner_line = NO_OWNER.split("\n").index(next(line for line in NO_OWNER.split("\n") if "|           | 2026-09-01" in line)) + 1
    assert ("PM301", "error", "handbook/docs/postmortems/no-owner.md", owner_line) in found
    assert any(code == "PM401" and level == "warning" and uri == "handbook/docs/postmortems/blaming.md"
               for code, level, uri, _ in found)
    for r in run["results"]:
        assert driver["rules"][r["ruleIndex"]]["id"] == r["ruleId"]
        assert r["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"] == "%SRCROOT%"


def test_fingerprints_are_stable_across_runs_and_follow_a_line_that_moves(tmp_path):
    root = site_in_a_repository(tmp_path)
    first, _ = sarif(root / "handbook")
    again, _ = sarif(root / "handbook")
    assert first == again  # same files, same bytes

    def fingerprints(log):
        return {
            (r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"]): r["partialFingerprints"]
            for r in log["runs"][0]["results"]
        }

    before = fingerprints(first)
    path = root / "handbook" / "docs" / "postmortems" / "no-owner.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("## Summary\n", "## Summary\n\nA line added above every problem.\n\n"), encoding="utf-8")
    moved, _ = sarif(root / "handbook")
    after = fingerprints(moved)
    (pm301_before,) = [fp for (code, _), fp in before.items() if code == "PM301"]
    (pm301_after,) = [(line, fp) for (code, line), fp in after.items() if code == "PM301"]
    assert pm301_after[1] == pm301_before  # two lines lower, the same alert
    assert len({json.dumps(fp) for fp in before.values()}) == len(before)  # one alert per problem


def test_a_site_without_problems_gives_an_empty_valid_log_and_exit_0(tmp_path):
    write_site(tmp_path, {"good.md": EN}, options={"build_date": "2026-06-01"})
    log, result = sarif(tmp_path)
    assert result.returncode == 0, result.stderr
    jsonschema.validate(log, SCHEMA)
    assert log["runs"][0]["results"] == []
    assert len(log["runs"][0]["tool"]["driver"]["rules"]) == len(RULES)
