"""Faults found by fuzzing, reproduced as a user meets them: through `check`,
`stats`, `mkdocs build` and `mkdocs serve`. Each ends in a diagnostic with its
path and line, never a traceback, and each diagnostic is one line."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import fetch, mkdocs_serve, run_cli, run_mkdocs, wait_for, write_site

FIXTURES = Path(__file__).parent / "fixtures" / "build"
DNS = "docs/postmortems/2026-03-04-dns.md"
DIAGNOSTIC_LINE = re.compile(r"^docs/postmortems/[^:]+\.md:\d+: PM\d{3} ")


def good() -> dict[str, str]:
    return {path.name: path.read_text(encoding="utf-8") for path in sorted(FIXTURES.glob("*.md"))}


def dns(**replacements: str) -> str:
    text = good()["2026-03-04-dns.md"]
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new)
    return text


def line_of(text: str, start: str) -> int:
    return next(number for number, line in enumerate(text.split("\n"), 1) if line.startswith(start))


def check_json(root: Path, *args: str) -> tuple[subprocess.CompletedProcess, dict]:
    result = run_cli("check", "--format", "json", *args, cwd=root)
    assert "Traceback" not in result.stderr, result.stderr
    return result, json.loads(result.stdout)


def codes_at(report: dict, path: str = DNS) -> set[tuple[str, int]]:
    return {(d["code"], d["line"]) for d in report["diagnostics"] if d["path"] == path}


# --- dates out of range -------------------------------------------------------

OUT_OF_RANGE = [
    # (zone, field, value): each a valid wall time whose UTC instant Python cannot hold, or a year no incident has
    ("America/New_York", "resolved", "9999-12-31 23:00"),
    ("Asia/Tokyo", "started", "0001-01-01 00:00"),
    ("UTC", "detected", "2400-01-01 10:00"),
]


@pytest.mark.parametrize("zone, name, value", OUT_OF_RANGE)
def test_a_date_out_of_range_is_pm003_on_its_line_and_reading_goes_on(tmp_path, zone, name, value):
    text = dns(**{"timezone: Europe/Paris": f"timezone: {zone}"})
    text = re.sub(rf"^{name}: .*$", lambda _: f"{name}: {value}", text, flags=re.M)
    write_site(tmp_path, {**good(), "2026-03-04-dns.md": text})
    result, report = check_json(tmp_path)
    assert result.returncode == 1
    found = codes_at(report)
    assert ("PM003", line_of(text, f"{name}:")) in found
    message = next(d["message"] for d in report["diagnostics"] if d["code"] == "PM003")
    assert value in message and "check the year" in message
    # The rest of the file was read: its sections, timeline and actions are all there
    # (without a start, the timeline's clock times have no date: PM701 says so).
    unexpected = {"PM001", "PM101", "PM305"} | ({"PM701"} if name != "started" else set())
    assert not {code for code, _ in found} & unexpected, found

    stats = run_cli("stats", "--format", "json", cwd=tmp_path)
    assert stats.returncode == 0 and "Traceback" not in stats.stderr
    incident = next(i for i in json.loads(stats.stdout)["incidents"] if i["id"] == "2026-03-04-dns")
    affected = {"resolved": ("ttr",), "started": ("ttd", "ttm", "ttr"), "detected": ("ttd", "tta")}[name]
    # The value out of range is never used: the phase is unknown, or read where the body
    # states it (the timeline's "alert fires" is the detection), as `show` says.
    shown = run_cli("show", "docs/postmortems/2026-03-04-dns.md", "--format", "json", cwd=tmp_path)
    entry = json.loads(shown.stdout)["postmortems"][0]
    if entry[name] is None:
        assert all(incident[metric] is None for metric in affected), incident
    else:
        assert entry["sources"][name]["from"] == "body", entry["sources"][name]
        assert value[:4] not in entry[name]

    build = run_mkdocs("build", cwd=tmp_path)
    assert build.returncode == 1 and "Traceback" not in build.stderr
    assert f"{DNS}:{line_of(text, f'{name}:')}: PM003" in build.stderr


def test_a_timeline_row_out_of_range_is_pm003_on_the_row(tmp_path):
    text = dns(**{"| 15:10 | Error rates back to baseline            |": "| 9999-12-31 23:59 | Error rates back |"})
    text = text.replace("timezone: Europe/Paris", "timezone: America/New_York")
    write_site(tmp_path, {**good(), "2026-03-04-dns.md": text})
    _, report = check_json(tmp_path)
    assert ("PM003", line_of(text, "| 9999-12-31")) in codes_at(report)


def test_serve_keeps_serving_a_date_out_of_range_and_shows_it_on_the_page(tmp_path):
    text = dns(**{"resolved: 2026-03-04 15:10": "resolved: 9999-12-31 23:00", "timezone: Europe/Paris": "timezone: America/New_York"})
    write_site(tmp_path, {**good(), "2026-03-04-dns.md": text})
    with mkdocs_serve(tmp_path) as (base, server):
        url = base + "postmortems/2026-03-04-dns/"
        page = wait_for(lambda: (p := fetch(url)) and "postmortem-problems" in p and p, "the problems box", server)
        assert "PM003" in page and "9999-12-31 23:00" in page
        assert fetch(base + "postmortems/") is not None  # the overview builds too
        assert server.poll() is None


# --- build hooks as careful as the CLI ------------------------------------------


def test_dangling_and_outside_links_are_reported_in_check_and_build(tmp_path):
    write_site(tmp_path, good())
    folder = tmp_path / "docs" / "postmortems"
    (folder / "gone.md").symlink_to(tmp_path / "nowhere.md")
    outside = tmp_path / "elsewhere.md"
    outside.write_text(good()["2026-03-04-dns.md"], encoding="utf-8")
    (folder / "linked.md").symlink_to(outside)

    result, report = check_json(tmp_path)
    assert result.returncode == 1
    by_path = {d["path"]: d for d in report["diagnostics"] if d["code"] == "PM001"}
    assert "does not exist" in by_path["docs/postmortems/gone.md"]["message"]
    assert "outside the docs folder" in by_path["docs/postmortems/linked.md"]["message"]

    build = run_mkdocs("build", cwd=tmp_path)
    assert build.returncode == 1 and "Traceback" not in build.stderr
    assert "docs/postmortems/gone.md:1: PM001" in build.stderr
    assert "docs/postmortems/linked.md:1: PM001" in build.stderr
    assert outside.read_text(encoding="utf-8") == good()["2026-03-04-dns.md"]  # nothing written


def _without_root_powers(command: list[str], cwd: Path) -> subprocess.CompletedProcess:
    """Permissions mean nothing to root: as root, the command runs without the
    capabilities that bypass them (setpriv, from util-linux), so mode 000 denies."""
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            if os.environ.get("CI"):
                pytest.fail("setpriv (util-linux) is needed to test unreadable files as root")
            pytest.skip("running as root without setpriv: permissions cannot be tested")
        dropped = "-dac_override,-dac_read_search"
        command = [setpriv, f"--bounding-set={dropped}", f"--inh-caps={dropped}", *command]
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1795392000"}
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env, timeout=300)


def test_unreadable_file_and_folder_are_reported_not_skipped(tmp_path):
    root = tmp_path
    write_site(root, good())
    folder = root / "docs" / "postmortems"
    locked_file = folder / "2026-05-01-locked.md"
    locked_file.write_text(good()["2026-03-04-dns.md"].replace("id: 2026-03-04-dns", "id: locked"), encoding="utf-8")
    locked_folder = folder / "archive"
    locked_folder.mkdir()
    (locked_folder / "2019-01-01-old.md").write_text("---\ntitle: Old\n---\n", encoding="utf-8")
    locked_file.chmod(0)
    locked_folder.chmod(0)
    try:
        check = _without_root_powers([*_cli(), "check", "--format", "json"], root)
        assert "Traceback" not in check.stderr, check.stderr
        report = json.loads(check.stdout)
        by_path = {d["path"]: d["message"] for d in report["diagnostics"] if d["code"] == "PM001"}
        assert "permission denied" in by_path["docs/postmortems/2026-05-01-locked.md"]
        assert "cannot be listed" in by_path["docs/postmortems/archive"]
        assert check.returncode == 1

        build = _without_root_powers([sys.executable, "-m", "mkdocs", "build"], root)
        assert build.returncode == 1 and "Traceback" not in build.stderr, build.stderr
        assert "docs/postmortems/2026-05-01-locked.md:1: PM001" in build.stderr
        assert "docs/postmortems/archive:1: PM001" in build.stderr
    finally:
        locked_file.chmod(0o644)
        locked_folder.chmod(0o755)


def _cli() -> list[str]:
    script = Path(sys.executable).parent / "mkdocs-postmortem"
    return [str(script)] if script.exists() else [sys.executable, "-m", "mkdocs_postmortem"]


def test_postmortems_json_that_cannot_be_written_is_a_clear_build_error(tmp_path):
    # A page of the site whose folder takes the index file's name: writing the file fails.
    write_site(tmp_path, good(), pages={"postmortems.json/index.md": "# In the way\n"})
    build = run_mkdocs("build", cwd=tmp_path)
    assert build.returncode == 1
    assert "Traceback" not in build.stderr
    assert "cannot write site/postmortems.json" in build.stderr


@pytest.mark.parametrize("template", ["[[a]]", "no-such-page.html", "''"])
def test_a_bad_template_is_pm003_and_never_reaches_mkdocs(tmp_path, template):
    text = dns(**{"status: approved": f"status: approved\ntemplate: {template}"})
    write_site(tmp_path, {**good(), "2026-03-04-dns.md": text}, options={"rules": {"PM003": "warning"}})
    _, report = check_json(tmp_path)
    assert ("PM003", line_of(text, "template:")) in codes_at(report)
    build = run_mkdocs("build", cwd=tmp_path)
    assert build.returncode == 0, build.stderr
    assert f"{DNS}:{line_of(text, 'template:')}: PM003" in build.stderr
    page = (tmp_path / "site" / "postmortems" / "2026-03-04-dns" / "index.html").read_text(encoding="utf-8")
    assert "DNS resolution failures in eu-west" in page and 'class="md-content"' in page


def test_a_template_the_theme_has_is_used(tmp_path):
    text = dns(**{"status: approved": "status: approved\ntemplate: bare.html"})
    write_site(tmp_path, {**good(), "2026-03-04-dns.md": text}, extra={"theme": {"name": "material", "custom_dir": "overrides"}})
    (tmp_path / "overrides").mkdir()
    (tmp_path / "overrides" / "bare.html").write_text("<p id='bare'>{{ page.title }}</p>{{ page.content }}", encoding="utf-8")
    _, report = check_json(tmp_path)
    assert not any(d["code"] == "PM003" for d in report["diagnostics"])
    assert run_mkdocs("build", cwd=tmp_path).returncode == 0
    page = (tmp_path / "site" / "postmortems" / "2026-03-04-dns" / "index.html").read_text(encoding="utf-8")
    assert page.startswith("<p id='bare'>DNS resolution failures in eu-west</p>")


# --- one line per diagnostic --------------------------------------------------

HOSTILE_VALUES = {
    # case: (front matter line as written in YAML, the escape the diagnostic shows, the exact text JSON keeps);
    # PM601 quotes a `related` id as written.
    "forged": (r'related: "a\nb.md:1: PM999 forged"', r"a\nb.md:1: PM999 forged", "a\nb.md:1: PM999 forged"),
    "escapes": (r'related: "\e[2J\e[31mred"', r"\x1b[2J\x1b[31mred", "\x1b[2J\x1b[31mred"),
    "nul": (r'related: "id\0"', r"id\x00", "id\x00"),
    "bidi": (r'related: "id\u202etxt.exe"', r"id\u202etxt.exe", "id\u202etxt.exe"),
}
HIDDEN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u202e]")


@pytest.mark.parametrize("case", sorted(HOSTILE_VALUES))
def test_each_diagnostic_is_one_line_whatever_the_file_holds(tmp_path, case):
    written, shown, exact = HOSTILE_VALUES[case]
    key = written.split(":")[0]
    text = re.sub(rf"^{key}: .*$", lambda _: written, dns(), flags=re.M)
    write_site(tmp_path, {**good(), "2026-03-04-dns.md": text})
    result = run_cli("check", cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stdout.rstrip("\n").split("\n")
    assert all(DIAGNOSTIC_LINE.match(line) for line in lines[:-1]), lines
    assert not HIDDEN.search(result.stdout)
    assert any(shown in line for line in lines), (shown, lines)

    build = run_mkdocs("build", cwd=tmp_path)
    # Every line of the log that names a rule is one whole diagnostic (Material's
    # own banner, which colours itself with escape sequences, names none).
    logged = [line for line in build.stderr.split("\n") if re.search(r"PM\d{3}|2026-03-04-dns", line)]
    pattern = re.compile(r"^(ERROR|WARNING) +-  mkdocs_postmortem: docs/postmortems/2026-03-04-dns\.md:\d+: PM\d{3} ")
    assert logged and all(pattern.match(line) for line in logged), logged
    assert not any(HIDDEN.search(line) for line in logged)

    _, report = check_json(tmp_path)
    assert any(exact in d["message"] for d in report["diagnostics"]), case  # JSON keeps the exact text


def test_a_file_name_with_control_characters_is_shown_escaped(tmp_path):
    write_site(tmp_path, {**good(), "2026-04-01-a\x1b[31mred\nnext.md": "# Untitled\n"})
    result = run_cli("check", cwd=tmp_path)
    lines = result.stdout.rstrip("\n").split("\n")
    assert any(line.startswith("docs/postmortems/2026-04-01-a\\x1b[31mred\\nnext.md:1: PM001") for line in lines), lines
    assert "\x1b" not in result.stdout


def test_a_two_line_file_gets_line_numbers_inside_it(tmp_path):
    write_site(tmp_path, {**good(), "2026-04-02-empty.md": "---\n---"})
    _, report = check_json(tmp_path)
    lines = [d["line"] for d in report["diagnostics"] if d["path"].endswith("2026-04-02-empty.md")]
    assert lines and all(1 <= line <= 2 for line in lines), lines


# --- bounded work and internal errors ------------------------------------------


def test_a_7_mb_file_of_one_blame_phrase_is_one_warning(tmp_path):
    blame = "The outage was human error by the on-call engineer. " * 20 + "\n\n"
    text = dns() + "\n## Notes\n\n" + blame * 7000
    assert len(text.encode()) > 7_000_000
    write_site(tmp_path, {**good(), "2026-03-04-dns.md": text})
    result, report = check_json(tmp_path)
    assert result.returncode == 0, report
    assert [(d["code"], d["level"]) for d in report["diagnostics"]] == [("PM105", "warning")]


def test_an_internal_error_says_so_with_its_own_exit_code(tmp_path):
    write_site(tmp_path, good())
    program = (
        "import sys\n"
        "import mkdocs_postmortem.handbook as handbook\n"
        "def broken(*args, **kwargs): raise RuntimeError('simulated bug')\n"
        "handbook.Handbook.load = broken\n"
        "from mkdocs_postmortem.cli import main\n"
        "sys.exit(main(['check', '--format', 'json']))\n"
    )
    result = subprocess.run([sys.executable, "-c", program], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 3
    assert result.stdout == ""
    assert "internal error (RuntimeError: simulated bug)" in result.stderr and "report it" in result.stderr
    assert "Traceback" not in result.stderr


# --- scripts in postmortem bodies -----------------------------------------------


def test_new_escapes_the_title_it_writes_into_the_body(tmp_path):
    write_site(tmp_path, good())
    title = "<img src=x onerror=alert(1)> & co"
    created = run_cli("new", title, "--service", "edge", "--date", "2026-11-20", cwd=tmp_path)
    assert created.returncode == 0, created.stderr
    path = tmp_path / created.stdout.strip().splitlines()[0]
    text = path.read_text(encoding="utf-8")
    assert "# &lt;img src=x onerror=alert(1)&gt; &amp; co" in text
    import yaml

    assert yaml.safe_load(text.split("---")[1])["title"] == title

