"""No input stalls a build (issue 21): every regular expression of the package runs in linear time.

Each pattern, found by tests/regex_budget.py (compiled while `check` runs, reachable from a module,
or written literally in a `re` call: a new one is covered without being listed), is timed on text
built from repeats of its own pieces, and must stay within a linear budget up to 100 KB. Then
`check` and `mkdocs build` read small postmortems made of such runs, as the one that stalled a build
for 27 seconds was. Times are CPU times, so a loaded machine slows the test without failing it.
"""

from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import sys
from pathlib import Path

import pytest
import regex_budget as budget
from conftest import ENGINE, ROOT, SAMPLES_WRITTEN_EPOCH, cli_command, write_site

from mkdocs_postmortem.render import action_anchors, html_scan
from mkdocs_postmortem.text import load_data

# Patterns searched only through a function that keeps them linear: that function is timed instead.
WRAPPED = {
    (html_scan.HEADING.pattern, html_scan.HEADING.flags): ("html_scan.headings", lambda text: list(html_scan.headings(text))),
    (html_scan.TAG.pattern, html_scan.TAG.flags): ("html_scan.strip_tags", html_scan.strip_tags),
    **{
        (pattern.pattern, pattern.flags): (f"action_anchors._elements({tag!r})", lambda text, tag=tag: action_anchors._elements(text, tag))
        for tag, pattern in action_anchors._OPENING.items()
    },
}


@pytest.fixture(scope="module")
def inventory() -> list[dict]:
    done = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "regex_budget.py")], capture_output=True, text=True, timeout=600, check=False
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_the_inventory_holds_the_patterns_built_from_the_data_files(inventory):
    """The patterns written in data/*.yml are compiled into bigger ones: each piece is in one of them."""
    compiled = [entry["pattern"] for entry in inventory]
    placeholders, blame, reading = load_data("placeholders.yml"), load_data("blame.yml"), load_data("reading.yml")
    written = [entry["pattern"] for entry in placeholders["anywhere"]] + list(placeholders["whole_value"])
    written += [entry["pattern"] for entry in blame["phrases"]] + list(blame["person_failures"].values())
    written += [p for patterns in reading["phases"].values() for p in patterns] + list(reading["timezone_lines"])
    written += [part for line in reading["window_lines"] for part in re.split(r"\{start\}|\{end\}", line) if part]
    missing = [p for p in written if not any(p.lstrip("^") in pattern for pattern in compiled)]
    assert not missing, missing
    assert len(inventory) > 100, len(inventory)


def test_wrapped_patterns_are_searched_only_through_their_linear_function():
    """HEADING, TAG and the row openings would read to the end of a page from every unclosed tag."""
    searched = re.compile(r"\b(?:HEADING|TAG)\.(?:finditer|findall|search|sub|subn|split)\(|_OPENING\[[^\]]*\]\.finditer\(\w+\)")
    for path in sorted((ROOT / "mkdocs_postmortem").rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if searched.search(line) and path.name != "html_scan.py":
                pytest.fail(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")


def test_every_pattern_runs_in_linear_time_on_runs_of_its_own_pieces(inventory):
    failures = []
    for entry in inventory:
        regex = re.compile(entry["pattern"], entry["flags"])
        name, run = WRAPPED.get((regex.pattern, regex.flags), (None, budget.regex_runner(regex)))
        for verdict in budget.judge(run, regex.pattern, regex.flags):
            if verdict.problem:
                prefix, unit, ending = verdict.candidate
                failures.append(
                    f"{entry['where']}{f' (through {name})' if name else ''}: {regex.pattern[:80]!r} on "
                    f"{prefix!r} + {unit!r} * n + {ending!r}: {verdict.problem}"
                )
    assert not failures, "\n".join(failures)


def test_the_budget_catches_the_patterns_that_stalled_builds():
    """The test above can fail: the patterns issue 21 found are caught, the exponential one at once."""
    exponential = re.compile(r"^\s*(?:<!--.*?-->\s*)+$", re.DOTALL)
    caught = [v for v in budget.judge(budget.regex_runner(exponential), exponential.pattern, exponential.flags) if v.problem]
    assert caught and max(caught[0].timings) <= 1000, caught
    quadratic = re.compile(r"<!--.*?-->")  # rules/context.py's, on a run of unclosed "<!--"
    assert any(v.problem for v in budget.judge(budget.regex_runner(quadratic), quadratic.pattern, quadratic.flags))


def cpu_seconds_of(command: list[str], cwd: Path, timeout: float) -> tuple[subprocess.CompletedProcess, float]:
    """The command's result and the CPU time it used (a loaded machine does not count)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env={**os.environ, "SOURCE_DATE_EPOCH": SAMPLES_WRITTEN_EPOCH}, timeout=timeout, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return done, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def hostile_postmortems(repeats: int) -> dict[str, str]:
    return {
        f"2026-01-01-{name}-{times}.md": budget.hostile_postmortem(budget.hostile_body(name, repeats), times)
        for name in budget.HOSTILE_RUNS
        for times in (True, False)
    }


def test_the_331_byte_class_of_postmortem_is_checked_at_once(tmp_path):
    """Repeated empty comments, as in the report: each tries every way to cut the run."""
    write_site(tmp_path, {"2026-01-01-comments.md": budget.hostile_postmortem(budget.hostile_body("empty-comments", 40))})
    done, cpu = cpu_seconds_of([*cli_command(), "check"], tmp_path, timeout=120)
    assert done.returncode in (0, 1), done.stderr
    assert cpu < 10, f"check took {cpu:.1f} s of CPU on a {len(budget.hostile_body('empty-comments', 40))}-byte run"


def test_check_reads_postmortems_made_of_long_runs_in_linear_time(tmp_path):
    """Every hostile run at about 20 KB, twice (times in the front matter or read from the body):
    quadratic reading would take minutes, linear takes well under a second a file."""
    write_site(tmp_path, hostile_postmortems(3000))
    done, cpu = cpu_seconds_of([*cli_command(), "check"], tmp_path, timeout=600)
    assert done.returncode in (0, 1), done.stderr
    assert "internal error" not in done.stderr + done.stdout
    assert cpu < 60, f"check took {cpu:.1f} s of CPU"


def test_mkdocs_build_renders_postmortems_made_of_long_runs_in_linear_time(tmp_path):
    """The pages too: anchors for action items the page shows differently (an image's text is in
    the Markdown, not in the page's text: each such item was looked for in every later row), runs
    of backticks in timeline rows, of "{" in a heading, of unclosed "<h2>"."""
    rows = "".join(f"| Fix {i} ![pic{i}](p.png) | Ana |\n" for i in range(3000))
    timeline = "".join(f"| 10:{i % 60:02d} | {'`' * 300} x |\n" for i in range(20))
    unfindable = budget.hostile_postmortem(
        f"## Timeline\n\n| Time | Event |\n|---|---|\n{timeline}\n"
        f"## Action Items\n\n| Action | Owner |\n|---|---|\n{rows}\n## Notes {{{'{' * 5000}\n\n" + "<h2>" * 2000 + "\n"
    )
    # Before `enforce_from` every problem is a warning: the build goes on to render the pages.
    write_site(tmp_path, {**hostile_postmortems(300), "2026-01-02-rows.md": unfindable}, options={"enforce_from": "2027-01-01"})
    done, cpu = cpu_seconds_of([sys.executable, "-m", ENGINE, "build", "-q"], tmp_path, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    page = (tmp_path / "site" / "postmortems" / "2026-01-02-rows" / "index.html").read_text(encoding="utf-8")
    assert "Fix 2999" in page
    assert cpu < 60, f"the build took {cpu:.1f} s of CPU"


@pytest.mark.parametrize("unit, end", [("- ", "a"), ("1. ", "a"), ("> - ", "a"), ("- > ", "a"), ("x\na|b\n-|-\n\n", "- a\n- b\n")])
def test_the_block_parse_stays_linear_on_deep_nesting_and_many_tables(unit, end):
    """Not a regular expression, a budget of the same kind: the block walk looked through every
    open container for each item and line (a 100 KB list nested 50,000 deep took 17.6 s), and
    mapped lines past every blank added before a table (92 KB took 2.7 s). Timed at 50 and 200 KB,
    the collector off (deep nesting makes many objects at once, and a suite's live objects made
    its pauses grow with them): linear time is 4 times longer, quadratic 16."""
    import gc

    from mkdocs_postmortem.read.structure import parse_blocks

    def text(size: int) -> str:
        return unit * (size // len(unit)) + end

    gc.collect()
    gc.disable()
    try:
        small = budget.seconds(lambda body: parse_blocks(body, 1), text(50_000), repeats=5)
        large = budget.seconds(lambda body: parse_blocks(body, 1), text(200_000), repeats=5)
    finally:
        gc.enable()
    assert large < 2 * budget.CEILING, f"{large:.2f} s on 200 KB"
    assert large < budget.NOISE or large / max(small, 1e-6) < 8, f"{small:.2f} s on 50 KB, {large:.2f} s on 200 KB"


@pytest.mark.parametrize("unit", ["Le 3 mars 2026 outage 10:00 - 11:00 ", "outage 10:00 - 11:00. ", "10:00 - 11:00. ",
                                  "_a_ 10:00 UTC\n", "between 01:00 and 01:10 UTC, and again ",
                                  "from 23:00 to 01:00 UTC on 4 May 2026, then again\n",
                                  "from 0914 to 1047 (all times in UTC) ", "0914 1047 utc ",
                                  "de 4 h 10 à 7 h 45, puis du 9 mai 2026 à 23 h 30 jusqu'au ",
                                  "from 01:00 to 01:10 UTC, then ", "from 1200 to 1300 and the EST "])
def test_the_window_of_a_paragraph_of_many_ranges_is_read_in_linear_time(unit):
    """Not a regular expression, a budget of the same kind: the first paragraph that states a
    window, made of thousands of ranges, looked for each range's sentence from the paragraph's
    start, searched the paragraph for its own line once per range, and compared each reading
    of the window with every other (100 KB took 30 s); a paragraph of timed lines cut each
    line's duration sentence from the whole paragraph (100 KB took 37 s); a chain of periods
    joined by "and again" or "puis" is walked once. Timed at 25 and 100 KB: linear time is 4 times
    longer, quadratic 16."""
    _read_in_linear_time("# Incident\n\n## Summary\n\n", unit)


@pytest.mark.parametrize("unit", ["Début\n22 avr. 2026, 09:47 UTC\n", "## Resolved\n\nPosted Mar 12, 2026 - 15:40 UTC\n\n",
                                  "Resolved Jun 2, 2026 at 09:25am UTC\n\n4 mins of downtime.\n\n",
                                  "Resolved Mar 12, 2026 - 15:40 UTC\n\nok\n\n"])
def test_a_status_history_of_many_updates_is_read_in_linear_time(unit):
    """A status page's history made of thousands of updates, stamps or fields one a line
    (a paragraph of fields was read as one text, each time's clause cut from all of it:
    100 KB took 15 s; each stamp's message looked for among all the stamps of its heading:
    4,000 stamps took 5 s). Timed at 25 and 100 KB: linear time is 4 times longer, quadratic 16."""
    _read_in_linear_time("# Incident\n\n", unit)


@pytest.mark.parametrize("unit", ["We're adding a check. ", "We will add a check. ", "Nous allons ajouter une alerte. "])
def test_a_paragraph_of_many_commitments_is_read_in_linear_time(unit):
    """A paragraph under an action heading whose thousands of sentences each commit to work:
    each sentence's item looked for ticket references in the whole line (100 KB took 26 s).
    Timed at 25 and 100 KB: linear time is 4 times longer, quadratic 16."""
    _read_in_linear_time("# Incident\n\n## Action items\n\n", unit)


def _read_in_linear_time(head: str, unit: str) -> None:
    """A postmortem of `head` then `unit` repeated, read at 25 and 100 KB: linear time is 4 times longer."""
    from reading_helpers import read

    def text(size: int) -> str:
        return head + unit * (size // len(unit)) + "\n"

    small = budget.seconds(read, text(25_000), repeats=3)
    large = budget.seconds(read, text(100_000), repeats=3)
    assert large < 2 * budget.CEILING, f"{large:.2f} s on 100 KB"
    assert large < budget.NOISE or large / max(small, 1e-6) < 8, f"{small:.2f} s on 25 KB, {large:.2f} s on 100 KB"
