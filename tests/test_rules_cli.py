"""Every rule, broken alone, through the command authors and CI run:
`mkdocs-postmortem check --format json` on a real site, as a subprocess."""

from __future__ import annotations

import json
import re

from conftest import run_cli, write_site
from test_rules_variants import CASES, EN, FR, body_line, line_of


def expected_line(source: str, where) -> int:
    if where == "BODY":
        return body_line(source)
    return where if isinstance(where, int) else line_of(source, where)


def test_check_reports_each_broken_rule_at_its_line_and_nothing_else(tmp_path):
    files, expected = {"good-en.md": EN, "good-fr.md": FR}, {}
    for number, (_name, source, code, where) in enumerate(CASES):
        # Each file its own id, on the same line: PM602 must not join in.
        unique = re.sub(r"^id: .*$", f"id: case-{number}", source, count=1, flags=re.MULTILINE)
        file_name = f"case-{number:02d}.md"
        files[file_name] = unique
        expected[f"docs/postmortems/{file_name}"] = {(code, expected_line(unique, where))}
    write_site(tmp_path, files, options={"build_date": "2026-06-01"})
    result = run_cli("check", "--format", "json", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert report["files"] == len(files)
    found: dict[str, set] = {}
    for diagnostic in report["diagnostics"]:
        found.setdefault(diagnostic["path"], set()).add((diagnostic["code"], diagnostic["line"]))
        assert diagnostic["level"] in ("error", "warning")
    assert "docs/postmortems/good-en.md" not in found and "docs/postmortems/good-fr.md" not in found
    assert found == expected


def test_rules_off_and_warning_levels_from_mkdocs_yml(tmp_path):
    no_owner = EN.replace("| Ana Lopez | 2026-09-01 |", "|           | 2026-09-01 |")
    blaming = EN.replace("expiry date of ours.", "expiry date of ours. Thomas forgot to renew it.")
    blaming = blaming.replace("id: 2026-03-04-webhook-secret", "id: blaming")
    config = write_site(
        tmp_path, {"no-owner.md": no_owner, "blaming.md": blaming},
        options={"build_date": "2026-06-01", "rules": {"PM301": "warning", "PM401": "off"}},
    )
    # As people write it: unquoted, which YAML 1.1 reads as false.
    text = config.read_text(encoding="utf-8")
    assert "PM401: 'off'" in text
    config.write_text(text.replace("PM401: 'off'", "PM401: off"), encoding="utf-8")
    result = run_cli("check", "--format", "json", cwd=tmp_path)
    report = json.loads(result.stdout)
    assert [(d["path"], d["code"], d["level"]) for d in report["diagnostics"]] == [
        ("docs/postmortems/no-owner.md", "PM301", "warning")
    ]
    assert result.returncode == 0, result.stderr
    strict = run_cli("check", "--strict", cwd=tmp_path)
    assert strict.returncode == 1
    assert "docs/postmortems/no-owner.md:" in strict.stdout and " PM301 " in strict.stdout
