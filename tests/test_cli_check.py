"""`mkdocs-postmortem check` and `stats`, run as a user runs them: every format,
the exit codes of design section 10, and GitHub's escaping rules."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import run_cli, write_site

from mkdocs_postmortem.cli.check import github_annotation
from mkdocs_postmortem.model import Diagnostic

FIXTURES = Path(__file__).parent / "fixtures" / "build"
DNS = "docs/postmortems/2026-03-04-dns.md"
RESOLVER = "docs/postmortems/2026-02-10-resolver.md"


def good() -> dict[str, str]:
    return {path.name: path.read_text(encoding="utf-8") for path in sorted(FIXTURES.glob("*.md"))}


def line_of(text: str, start: str) -> int:
    return next(number for number, line in enumerate(text.split("\n"), 1) if line.startswith(start))


def without_owner(text: str, action: str = "Alert on SERVFAIL ratio per upstream") -> str:
    return re.sub(rf"(\| {re.escape(action)}\s*\|) Li Wei    \|", r"\1           |", text)


@pytest.fixture
def broken_site(tmp_path) -> tuple[Path, int]:
    """The DNS postmortem with an action item that lost its owner (PM301, an error)."""
    dns = without_owner(good()["2026-03-04-dns.md"])
    write_site(tmp_path, {**good(), "2026-03-04-dns.md": dns})
    return tmp_path, line_of(dns, "| Alert on SERVFAIL")


# --- check: formats -----------------------------------------------------------


def test_text_format_clean_and_broken(tmp_path, broken_site):
    clean = tmp_path / "clean"
    write_site(clean, good())
    result = run_cli("check", cwd=clean)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "2 postmortems checked, no problems"

    root, line = broken_site
    result = run_cli("check", cwd=root)
    assert result.returncode == 1
    lines = result.stdout.strip().split("\n")
    assert re.fullmatch(rf"{re.escape(DNS)}:{line}: PM301 \[error\] .*owner.*", lines[0]), lines
    assert lines[-1] == "1 error, 0 warnings in 1 postmortem (2 checked)"


def test_text_lines_say_warning_and_json_has_totals_and_rule_pages(tmp_path, repo_root):
    dns = good()["2026-03-04-dns.md"].replace("## Impact", "## Impact\n\nThis was human error.", 1)
    write_site(tmp_path, {**good(), "2026-03-04-dns.md": without_owner(dns)})
    text = run_cli("check", cwd=tmp_path).stdout.strip().split("\n")
    assert any(": PM401 [warning] " in line for line in text), text
    assert any(": PM301 [error] " in line for line in text), text
    report = json.loads(run_cli("check", "--format", "json", cwd=tmp_path).stdout)
    assert report["totals"] == {"errors": 1, "warnings": 1, "postmortems_with_problems": 1}
    for diagnostic in report["diagnostics"]:
        assert diagnostic["rule_page"] == f"rules/{diagnostic['code']}.md"
        assert (repo_root / "docs" / diagnostic["rule_page"]).is_file()
    assert report["rules"]["PM301"] == {"name": "action-without-owner", "page": "rules/PM301.md"}


def test_json_format(broken_site):
    root, line = broken_site
    result = run_cli("check", "--format", "json", cwd=root)
    assert result.returncode == 1
    report = json.loads(result.stdout)
    # The contract's keys (design section 10), plus totals and the rule pages.
    assert set(report) == {"files", "diagnostics", "totals", "rules"} and report["files"] == 2
    (diagnostic,) = report["diagnostics"]
    assert set(diagnostic) == {"path", "line", "code", "level", "message", "rule_page"}
    assert (diagnostic["path"], diagnostic["line"], diagnostic["code"], diagnostic["level"]) == (DNS, line, "PM301", "error")
    assert result.stderr == ""


def test_github_format_annotates_file_and_line(broken_site):
    root, line = broken_site
    warned = (root / RESOLVER).read_text(encoding="utf-8").replace(
        "The resolver cache filled up and evicted hot entries, raising latency.",
        "The resolver cache filled up because of human error and evicted hot entries.",
    )
    (root / RESOLVER).write_text(warned, encoding="utf-8")
    result = run_cli("check", "--format", "github", cwd=root)
    assert result.returncode == 1
    annotations = result.stdout.strip().split("\n")
    assert any(a.startswith(f"::error file={DNS},line={line},title=PM301::") for a in annotations), annotations
    assert any(a.startswith(f"::warning file={RESOLVER},line=") and ",title=PM401::" in a for a in annotations)
    assert all(re.match(r"^::(error|warning) file=[^,]+,line=\d+,title=PM\d{3}::\S", a) for a in annotations)


def test_github_format_escapes_percent_and_property_separators(tmp_path):
    """`%` in a message, `,` and `:` in a file name: GitHub would cut or mangle them."""
    dns = without_owner(good()["2026-03-04-dns.md"]).replace(
        "Alert on SERVFAIL ratio per upstream     |", "Alert at 5% SERVFAIL, per upstream      |"
    )
    name = "2026-03-04-dns,eu:west.md"
    write_site(tmp_path, {**good(), name: dns.replace("id: 2026-03-04-dns", "id: dns-eu-west")})
    result = run_cli("check", "--format", "github", f"docs/postmortems/{name}", cwd=tmp_path)
    assert result.returncode == 1
    (annotation,) = result.stdout.strip().split("\n")
    assert annotation.startswith("::error file=docs/postmortems/2026-03-04-dns%2Ceu%3Awest.md,line=")
    message = annotation.split("::", 2)[2]
    assert "5%25 SERVFAIL" in message and "5% " not in message


def test_github_format_escapes_line_breaks_in_file_names(tmp_path):
    name = "2026-03-04-dns\r\nnext.md"
    write_site(tmp_path, {name: without_owner(good()["2026-03-04-dns.md"])})
    result = run_cli("check", "--format", "github", cwd=tmp_path)
    assert result.returncode == 1
    annotations = result.stdout.rstrip("\n").split("\n")
    assert "\r" not in result.stdout
    assert any(",title=PM301::" in a for a in annotations)
    for annotation in annotations:  # one command per line, whatever the file name holds
        assert annotation.startswith("::error file=docs/postmortems/2026-03-04-dns%0D%0Anext.md,line=")


@pytest.mark.parametrize(
    "message, expected",
    [
        ("100% of requests", "100%25 of requests"),
        ("first line\nsecond line", "first line%0Asecond line"),
        ("windows\r\nline", "windows%0D%0Aline"),
        ("already %0A escaped", "already %250A escaped"),
        ("a: b, c", "a: b, c"),  # data keeps `:` and `,`; only properties escape them
    ],
)
def test_github_annotation_escaping_of_the_message(message, expected):
    diagnostic = Diagnostic("docs/a,b:c.md", 3, "PM301", "error", message)
    assert github_annotation(diagnostic) == f"::error file=docs/a%2Cb%3Ac.md,line=3,title=PM301::{expected}"


def test_strict_fails_on_warnings(tmp_path):
    warned = good()["2026-02-10-resolver.md"].replace(
        "The resolver cache filled up and evicted hot entries, raising latency.",
        "The resolver cache filled up because of human error and evicted hot entries.",
    )
    write_site(tmp_path, {**good(), "2026-02-10-resolver.md": warned})
    relaxed = run_cli("check", cwd=tmp_path)
    assert relaxed.returncode == 0 and "PM401" in relaxed.stdout
    strict = run_cli("check", "--strict", cwd=tmp_path)
    assert strict.returncode == 1 and "PM401" in strict.stdout


# --- check: files named among the whole folder (what pre-commit passes) -----------


def test_a_named_file_is_judged_among_the_whole_folder(tmp_path):
    write_site(tmp_path, good())
    # DNS links to the resolver incident: not missing although only DNS is named.
    alone = run_cli("check", "--format", "json", DNS, cwd=tmp_path)
    assert alone.returncode == 0, alone.stdout
    report = json.loads(alone.stdout)
    assert (report["files"], report["diagnostics"], report["totals"]["errors"]) == (1, [], 0)
    # A new file that reuses an existing id is a duplicate (PM602), reported on it alone.
    copy = tmp_path / "docs" / "postmortems" / "2026-02-11-resolver-again.md"
    copy.write_text(good()["2026-02-10-resolver.md"], encoding="utf-8")
    dup = run_cli("check", "--format", "json", str(copy.relative_to(tmp_path)), cwd=tmp_path)
    assert dup.returncode == 1
    report = json.loads(dup.stdout)
    assert {d["code"] for d in report["diagnostics"]} == {"PM602"}
    assert {d["path"] for d in report["diagnostics"]} == {"docs/postmortems/2026-02-11-resolver-again.md"}


def test_show_judges_a_named_file_among_the_whole_folder_as_check_does(tmp_path):
    write_site(tmp_path, good())
    shown = run_cli("show", "--format", "json", DNS, cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    (entry,) = json.loads(shown.stdout)["postmortems"]
    # DNS names the resolver incident in `related`: it exists in the folder, so no PM601.
    assert "related:" in (tmp_path / DNS).read_text(encoding="utf-8")
    assert entry["diagnostics"] == []


# --- check and stats: usage errors ------------------------------------------------


@pytest.mark.parametrize("command", ["check", "stats"])
def test_usage_errors_exit_2(tmp_path, command):
    write_site(tmp_path, good())
    unknown = run_cli(command, "--colour", cwd=tmp_path)
    assert unknown.returncode == 2 and "unrecognized arguments: --colour" in unknown.stderr
    bad_format = run_cli(command, "--format", "xml", cwd=tmp_path)
    assert bad_format.returncode == 2 and "invalid choice: 'xml'" in bad_format.stderr
    missing = run_cli(command, "docs/nowhere", cwd=tmp_path)
    assert missing.returncode == 2 and "docs/nowhere: no such file or folder" in missing.stderr
    for stream in (unknown, bad_format, missing):
        assert "Traceback" not in stream.stderr and stream.stdout == ""


@pytest.mark.parametrize(
    "config, words",
    [
        ("site_name: [unclosed\n", ["mkdocs.yml:", "cannot read the site config"]),
        ("- just\n- a list\n", ["not a mapping"]),
        ("site_name: x\nplugins:\n  - postmortem:\n      publish_deadline_days: soon\n", ["publish_deadline_days"]),
        ("site_name: x\nplugins:\n  - postmortem:\n      default_timezone: Mars/Olympus\n", ["default_timezone", "Mars/Olympus"]),
        ("site_name: x\nplugins:\n  - postmortem:\n      rules: {PM999x: off}\n", ["rules"]),
    ],
)
@pytest.mark.parametrize("command", ["check", "stats", "schema"])
def test_an_invalid_site_config_exits_2(tmp_path, config, words, command):
    write_site(tmp_path, good())
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = run_cli(command, cwd=tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    for word in words:
        assert word in result.stderr
    assert "Traceback" not in result.stderr


def test_the_postmortem_folder_must_exist(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - postmortem:\n      folder: incidents\n")
    (tmp_path / "docs").mkdir()
    result = run_cli("check", cwd=tmp_path)
    assert result.returncode == 2
    assert "docs/incidents: no such file or folder" in result.stderr


# --- stats ---------------------------------------------------------------------


def test_stats_json_and_text(tmp_path):
    write_site(tmp_path, good())
    result = run_cli("stats", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    incidents = {incident["id"]: incident for incident in report["incidents"]}
    # By hand: DNS 14:00 -> 14:12 -> 14:20 -> 14:45 -> 15:10 (Paris); resolver 09:00 -> 05 -> 07 -> 30 -> 40.
    assert {k: incidents["2026-03-04-dns"][k] for k in ("ttd", "tta", "ttm", "ttr")} == {"ttd": 12, "tta": 8, "ttm": 45, "ttr": 70}
    assert {k: incidents["2026-02-10-resolver"][k] for k in ("ttd", "tta", "ttm", "ttr")} == {"ttd": 5, "tta": 2, "ttm": 30, "ttr": 40}
    assert incidents["2026-03-04-dns"]["services"] == ["edge-dns", "checkout"]
    assert incidents["2026-03-04-dns"]["path"] == DNS
    groups = {(row["by"], row["key"]): row for row in report["aggregates"]}
    both = groups[("service", "edge-dns")]
    assert both["incidents"] == 2 and both["ttr"]["count"] == 2 and both["ttr"]["median"] == 55
    assert groups[("severity", "P2")]["ttd"]["median"] == 12
    assert groups[("quarter", "2026-Q1")]["incidents"] == 2

    text = run_cli("stats", cwd=tmp_path)
    assert text.returncode == 0
    out = text.stdout
    assert out.startswith("2 incidents\n")
    for title in ("By severity (median / p90 / mean)", "By service (median / p90 / mean)", "By quarter (median / p90 / mean)"):
        assert title in out
    edge = next(line for line in out.split("\n") if line.startswith("edge-dns "))
    # Median TTD of 5 and 12 minutes is 8.5 (shown in whole minutes), p90 11.3, mean 8.5; TTR 40 and 70.
    assert edge.split()[:5] == ["edge-dns", "2", "8", "min", "/"], edge
    assert "55 min / 1 h 7 min / 55 min" in edge, edge
    dns = next(line for line in out.split("\n") if line.startswith("2026-03-04-dns"))
    assert "1 h 10 min" in dns  # its TTR, readable


def test_stats_since_csv_and_plurals(tmp_path):
    write_site(tmp_path, good())
    since = run_cli("stats", "--since", "2026-03-01", cwd=tmp_path)
    assert since.returncode == 0, since.stderr
    assert since.stdout.startswith("1 incident\n") and "2026-02-10-resolver" not in since.stdout
    report = json.loads(run_cli("stats", "--format", "json", "--since", "2026-03-01", cwd=tmp_path).stdout)
    assert [row["id"] for row in report["incidents"]] == ["2026-03-04-dns"]
    assert {(row["by"], row["key"]): row["incidents"] for row in report["aggregates"]}[("all", "all")] == 1
    table = run_cli("stats", "--format", "csv", cwd=tmp_path)
    assert table.returncode == 0, table.stderr
    import csv as csv_module

    rows = list(csv_module.DictReader(table.stdout.splitlines()))
    by_id = {row["id"]: row for row in rows}
    assert set(by_id) == {"2026-03-04-dns", "2026-02-10-resolver"}
    assert by_id["2026-03-04-dns"]["services"] == "edge-dns;checkout" and by_id["2026-03-04-dns"]["ttr"] == "70"
    bad = run_cli("stats", "--since", "March", cwd=tmp_path)
    assert bad.returncode == 2 and "YYYY-MM-DD" in bad.stderr and "Traceback" not in bad.stderr


def test_the_lint_box_links_each_code_to_the_sites_rule_page():
    from mkdocs_postmortem.render.problems import problems_admonition

    diagnostics = [
        Diagnostic(path="a.md", line=3, code="PM301", level="error", message="no owner <b>"),
        Diagnostic(path="a.md", line=9, code="PM401", level="warning", message="blame"),
    ]
    html = problems_admonition(diagnostics, lambda code: f"../rules/{code}/" if code == "PM301" else None)
    assert '<a href="../rules/PM301/">PM301</a>' in html
    assert "<strong>PM401</strong>" in html and "no owner &lt;b&gt;" in html


@pytest.mark.parametrize("command", ["check", "stats"])
def test_outside_a_site_says_there_is_no_mkdocs_yml_and_suggests_f(tmp_path, command):
    result = run_cli(command, cwd=tmp_path)
    assert result.returncode == 2
    assert "no mkdocs.yml in" in result.stderr and "-f path/to/mkdocs.yml" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
