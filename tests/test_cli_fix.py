"""`mkdocs-postmortem fix`, run as a user runs it: front matter written from
the body, existing keys and every body line kept, twice is the same as once."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from conftest import run_cli

ARCHIVE = Path(__file__).parent / "fixtures" / "archive"


def pm002(folder: Path) -> int:
    result = run_cli("check", str(folder), "--format", "json", cwd=folder)
    return sum(1 for d in json.loads(result.stdout)["diagnostics"] if d["code"] == "PM002")


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    assert text.startswith("---\n")
    return yaml.safe_load(text.split("\n---\n", 1)[0][4:])


def fix_twice(folder: Path, *names: str) -> None:
    before = pm002(folder)
    first = run_cli("fix", *names, cwd=folder)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "Traceback" not in first.stderr
    second = run_cli("fix", *names, cwd=folder)
    assert (second.returncode, second.stdout.strip()) == (0, "nothing to write")
    assert pm002(folder) < before


def copy(tmp_path: Path, name: str, text: str | None = None) -> Path:
    target = tmp_path / name
    target.write_bytes((text or (ARCHIVE / name).read_text(encoding="utf-8")).encode("utf-8"))
    return target


def test_a_file_without_front_matter_gets_what_its_body_states(tmp_path):
    path = copy(tmp_path, "2025-03-11-writer-db-failover.md")
    original = path.read_text(encoding="utf-8")
    fix_twice(tmp_path, path.name)
    assert front_matter(path) == {
        "id": "2025-03-11-writer-db-failover",
        "title": "Writer database failover left checkout read-only",
        "severity": "P1",
        "started": "2025-03-11 16:58",
        "detected": "2025-03-11 17:03",  # "checkout error rate alert fires"
        "resolved": "2025-03-11 18:46",
    }
    assert path.read_text(encoding="utf-8").endswith(original)  # no body line changed


def test_times_and_zone_are_written_on_the_timeline_clock(tmp_path):
    path = copy(tmp_path, "deploy-outage.md")
    fix_twice(tmp_path, path.name)
    shown = json.loads(run_cli("show", path.name, "--format", "json", cwd=tmp_path).stdout)["postmortems"][0]
    assert (shown["started"], shown["resolved"], shown["timezone"]) == (
        "2021-05-26T08:47:00-07:00", "2021-05-26T09:35:00-07:00", "UTC-07:00")
    assert shown["sources"]["started"] == {"from": "front_matter", "line": 5, "key": "started"}


def test_partial_front_matter_keeps_its_keys_and_gets_the_missing_ones(tmp_path):
    body = (ARCHIVE / "payments-gmt.md").read_text(encoding="utf-8")
    text = "---\ntitle: Our own title\nservices: [payments]\nowner: team-payments  # kept as is\n---\n" + body
    path = copy(tmp_path, "2024-03-08-payments.md", text)
    fix_twice(tmp_path, path.name)
    written = path.read_text(encoding="utf-8")
    assert written.startswith("---\ntitle: Our own title\nservices: [payments]\nowner: team-payments  # kept as is\n")
    assert written.endswith("---\n" + body)
    data = front_matter(path)
    assert data["title"] == "Our own title" and data["services"] == ["payments"]
    assert (data["id"], data["severity"]) == ("2024-03-08-payments", "P2")
    assert "started" in data and "resolved" in data


def test_crlf_files_stay_crlf_and_byte_identical_below_the_front_matter(tmp_path):
    body = (ARCHIVE / "2024-09-12-mumbai-latency.md").read_text(encoding="utf-8").replace("\n", "\r\n")
    path = tmp_path / "2024-09-12-mumbai-latency.md"
    path.write_bytes(body.encode("utf-8"))
    fix_twice(tmp_path, path.name)
    raw = path.read_bytes()
    assert raw.endswith(body.encode("utf-8"))
    head = raw[: len(raw) - len(body.encode("utf-8"))]
    assert head.startswith(b"---\r\n") and b"\n" not in head.replace(b"\r\n", b"")
    assert front_matter(path)["severity"] == "P3"


def test_french_files(tmp_path):
    for name in ("2025-06-03-panne-paiement.md", "rapport-incident-stockage.md"):
        copy(tmp_path, name)
    fix_twice(tmp_path, ".")
    data = front_matter(tmp_path / "2025-06-03-panne-paiement.md")
    assert (data["title"], data["severity"]) == ("Panne du paiement par carte", "P1")
    data = front_matter(tmp_path / "rapport-incident-stockage.md")
    assert (data["title"], data["severity"]) == ("Saturation du stockage objet", "P2")


def test_diff_shows_the_change_and_writes_nothing(tmp_path):
    path = copy(tmp_path, "cdn-503.md")
    before = path.read_bytes()
    result = run_cli("fix", "--diff", path.name, cwd=tmp_path)
    assert result.returncode == 1
    assert path.read_bytes() == before
    assert "+++ b/cdn-503.md" in result.stdout and "+severity: P2" in result.stdout
    assert all(not line.startswith("-") or line.startswith("---") for line in result.stdout.splitlines())


def test_a_file_with_unreadable_front_matter_is_left_alone(tmp_path):
    path = copy(tmp_path, "x.md", "---\ntitle: [unclosed\n---\n# X\n\nSeverity: P2\n")
    before = path.read_bytes()
    result = run_cli("fix", path.name, cwd=tmp_path)
    assert (result.returncode, path.read_bytes()) == (1, before)  # a file fix could not fix, as ruff exits
    assert "x.md: not fixed: line 3: the front matter cannot be read" in result.stderr


def test_a_missing_path_is_a_usage_error(tmp_path):
    assert run_cli("fix", "nope.md", cwd=tmp_path).returncode == 2
