"""Every command's text output is one line per line, whatever the files hold: a file name
or a `related` value carrying a newline and `::error ...` forges no GitHub workflow
command, and terminal escapes and bidirectional characters never pass raw."""

from __future__ import annotations

import csv
import io
import re

import pytest
from conftest import run_cli, write_site
from test_cli_check import good

FORGED = "\n::error file=forged.md,line=1::forged\x1b]0;pwned\x07\x1b[2J\u202etxt"
NAME = f"2026-03-04-dns{FORGED}.md"
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f\x85\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("one-line")
    dns = good()["2026-03-04-dns.md"]
    assert "title: DNS resolution failures in eu-west" in dns and "status: approved" in dns
    dns = dns.replace("title: DNS resolution failures in eu-west", 'title: "DNS\\n::error::forged title\\e[31m"', 1)
    assert "related: [2026-02-10-resolver]" in dns
    dns = dns.replace("related: [2026-02-10-resolver]", 'related: ["x\\n::error file=a::forged related\\u202e"]', 1)
    others = {name: text for name, text in good().items() if name != "2026-03-04-dns.md"}
    write_site(root, {**others, NAME: dns})
    # A postmortem with a body only, for fix, named as hostilely.
    (root / "docs" / "postmortems" / f"2024-05-02-body{FORGED}.md").write_text(
        "# Checkout\x1b[2J outage\n\nSeverity: P2\n", encoding="utf-8")
    return root


def assert_one_line(output: str, *, commands: tuple[str, ...] = ()) -> None:
    assert not RAW.search(output), repr(RAW.search(output))
    for line in output.split("\n"):
        if line.lstrip().startswith("::"):
            assert line.startswith(commands) and commands, f"a workflow command was forged: {line!r}"


@pytest.mark.parametrize(
    "args",
    [
        ("check",),
        ("show", "docs/postmortems"),
        ("stats",),
        ("stats", "--format", "csv"),
    ],
    ids=["check", "show", "stats", "stats-csv"],
)
def test_text_output_is_one_line_per_line(hostile_site, args):
    result = run_cli(*args, cwd=hostile_site)
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
    assert_one_line(result.stdout)
    assert_one_line(result.stderr)
    assert "\\n::error file=forged.md" in result.stdout  # shown, escaped, not dropped


def test_show_escapes_the_title_and_related_values(hostile_site):
    shown = run_cli("show", f"docs/postmortems/{NAME}", cwd=hostile_site).stdout
    assert "DNS\\n::error::forged title\\x1b[31m" in shown
    assert "x\\n::error file=a::forged related\\u202e" in shown


def test_stats_csv_is_quoted_csv_with_one_row_per_incident(hostile_site):
    result = run_cli("stats", "--format", "csv", cwd=hostile_site)
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert len(rows) == 1 + len(good()) + 1  # the header, the incidents and the body-only file
    assert all(cell.isprintable() for row in rows for cell in row)
    paths = [row[1] for row in rows[1:]]
    assert f"docs/postmortems/2026-03-04-dns{FORGED}.md".replace("\n", "\\n").replace("\x1b", "\\x1b").replace(
        "\x07", "\\x07").replace("\u202e", "\\u202e") in paths


def test_github_annotations_escape_the_file_property(hostile_site):
    result = run_cli("check", "--format", "github", cwd=hostile_site)
    assert_one_line(result.stdout, commands=("::error file=", "::warning file="))
    lines = result.stdout.strip().split("\n")
    forged = [line for line in lines if "2024-05-02-body" in line]
    assert forged and all(
        line.startswith("::error file=docs/postmortems/2024-05-02-body%0A%3A%3Aerror file=forged.md%2Cline=1%3A%3Aforged\\x1b]0;pwned")
        for line in forged
    ), forged
    assert any("x%0A::error file=a::forged related\\u202e" in line for line in lines)


def test_fix_prints_file_names_on_one_line(hostile_site, tmp_path):
    result = run_cli("fix", "docs/postmortems", cwd=hostile_site)
    assert "Traceback" not in result.stderr, result.stderr
    assert_one_line(result.stdout)
    assert_one_line(result.stderr)
    assert "2024-05-02-body\\n::error file=forged.md" in result.stdout


def test_new_and_generate_print_on_one_line(tmp_path):
    write_site(tmp_path, good())
    made = run_cli("new", "Checkout \x1b[2J outage\n::error::x", "--date", "2026-03-05", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert_one_line(made.stdout)
    assert_one_line(made.stderr)
    generated = run_cli("generate", cwd=tmp_path)
    assert generated.returncode == 0, generated.stderr
    assert_one_line(generated.stdout)
    assert_one_line(generated.stderr)


def test_usage_errors_quote_what_was_typed_on_one_line(tmp_path):
    result = run_cli("check", "--no-such\n::error::forged\x1b[2J", cwd=tmp_path)
    assert result.returncode == 2
    assert_one_line(result.stderr)
    assert "unrecognized arguments: --no-such\\n::error::forged\\x1b[2J" in result.stderr


def test_stats_csv_cells_never_start_a_spreadsheet_formula(tmp_path):
    """A title a spreadsheet would run (`=HYPERLINK(...)`, `+`, `-`, `@`): the cell starts with
    an apostrophe, as OWASP advises for CSV injection; numbers and dates stay as they are."""
    dns = good()["2026-03-04-dns.md"].replace(
        "title: DNS resolution failures in eu-west", "title: '=HYPERLINK(\"https://evil.example\",\"x\")'", 1)
    write_site(tmp_path, {**good(), "2026-03-04-dns.md": dns})
    result = run_cli("stats", "--format", "csv", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    (row,) = [row for row in rows if row["id"] == "2026-03-04-dns"]
    assert row["title"] == "'=HYPERLINK(\"https://evil.example\",\"x\")"
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row.values())
    assert row["started"][:4].isdigit() and float(row["ttr"]) > 0
