"""A newcomer's first hour, from docs/getting-started.md as written: the plugin's
config, `new`, the CI recipe on the fresh draft, filling it in, `check`, the
recipe again and the build; an archive let in with `enforce_from`; the problem
box the page shows; both other engines on the one mkdocs.yml. Commands and
expected output are read from the docs, so a doc that drifts from the real
output fails here."""

from __future__ import annotations

import re
import shlex
import subprocess
from datetime import datetime, timezone
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT, fetch, mkdocs_serve, run_cli, run_mkdocs, wait_for

DOCS = ROOT / "docs"
# The day after the example incident (2026-03-04), as a newcomer writing it up.
FIRST_DAY = {"SOURCE_DATE_EPOCH": str(int(datetime(2026, 3, 6, tzinfo=timezone.utc).timestamp()))}
WARNING_LINE = re.compile(r"^WARNING\b.*$", re.MULTILINE)


def section(page: str, heading: str) -> str:
    """The text of a `## ` section of a docs page, up to the next one (headings
    inside fenced blocks, such as an example postmortem's, are text)."""
    lines = (DOCS / page).read_text(encoding="utf-8").splitlines(keepends=True)
    fence, taken, inside = "", [], False
    for line in lines:
        opening = re.match(r"^(`{3,})", line)
        if opening and (not fence or line.strip() == fence):
            fence = "" if fence else opening[1]
        elif not fence and line.startswith("## "):
            inside = line.strip() == f"## {heading}"
        if inside:
            taken.append(line)
    assert taken, f"{page} has no section {heading!r}"
    return "".join(taken)


def blocks(text: str, language: str) -> list[str]:
    return re.findall(rf"^(?:````|```){language}\n(.*?)^(?:````|```)\s*$", text, re.DOTALL | re.MULTILINE)


def commands(block: str) -> list[list[str]]:
    """Shell lines of a doc block: continuations joined, comments dropped."""
    joined = block.replace("\\\n", " ")
    return [shlex.split(line, comments=True) for line in joined.splitlines() if shlex.split(line, comments=True)]


def run(command: list[str], root: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    program, *args = command
    if program == "mkdocs-postmortem":
        return run_cli(*args, cwd=root, env=env)
    if program == "mkdocs":
        return run_mkdocs(*args, cwd=root, env=env)
    raise AssertionError(f"the docs ask for a command this test does not know: {command}")


def recipe() -> list[list[str]]:
    (block,) = blocks(section("getting-started.md", "6. CI from the first day"), "bash")
    return commands(block)


def example_postmortem() -> str:
    (example,) = blocks(section("getting-started.md", "3. Write a first postmortem"), "markdown")
    return example


def newcomer_site(root: Path) -> Path:
    (config,) = blocks(section("getting-started.md", "2. Enable the plugin"), "yaml")
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# Incident handbook\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    return root


def run_recipe(root: Path) -> dict[str, subprocess.CompletedProcess]:
    results = {}
    for command in recipe():
        result = run(command, root, FIRST_DAY)
        assert result.returncode == 0, (command, result.stdout, result.stderr)
        results[command[0]] = result
    return results


def test_the_ci_recipe_is_the_one_the_workflow_runs():
    assert recipe() == [
        ["mkdocs-postmortem", "check", "--format", "github"],
        ["mkdocs", "build", "--strict"],
    ]
    workflow = yaml.safe_load(blocks((DOCS / "ci.md").read_text(encoding="utf-8"), "yaml")[0])
    runs = [shlex.split(step["run"]) for step in workflow["jobs"]["check"]["steps"] if "run" in step]
    assert all(command in runs for command in recipe()), runs


def test_the_getting_started_path_passes_ci_from_the_first_day(tmp_path):
    root = newcomer_site(tmp_path)
    (new_command,) = commands(blocks(section("getting-started.md", "3. Write a first postmortem"), "bash")[0])
    made = run(new_command, root, FIRST_DAY)
    assert made.returncode == 0, made.stderr
    draft = root / made.stdout.strip().splitlines()[0]
    assert draft.is_file(), made.stdout

    # The fresh draft: its gaps are reported, as notices, and nothing fails.
    first = run_recipe(root)
    annotations = first["mkdocs-postmortem"].stdout.strip().splitlines()
    assert annotations and all(line.startswith("::notice ") for line in annotations), annotations
    assert {re.search(r"title=(PM\d{3})", line)[1] for line in annotations} <= {"PM102", "PM201", "PM305"}
    built = first["mkdocs"]
    assert not WARNING_LINE.search(built.stderr), WARNING_LINE.findall(built.stderr)
    assert "on drafts do not fail --strict" in built.stderr
    strict_check = run_cli("check", "--strict", cwd=root, env=FIRST_DAY)
    assert strict_check.returncode == 0 and "[warning] " in strict_check.stdout, strict_check.stdout

    # Filled in as the example shows: no problem at all, anywhere.
    draft.write_text(example_postmortem(), encoding="utf-8")
    checked = run_cli("check", cwd=root, env=FIRST_DAY)
    assert checked.returncode == 0 and checked.stdout.strip() == "1 postmortem checked, no problems", checked.stdout
    second = run_recipe(root)
    assert second["mkdocs-postmortem"].stdout.strip() == ""
    assert not WARNING_LINE.search(second["mkdocs"].stderr), second["mkdocs"].stderr
    assert "mkdocs_postmortem:" not in second["mkdocs"].stderr  # not even a draft's INFO line
    page = root / "site" / "postmortems" / draft.stem / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    assert soup.select_one("h1").get_text(strip=True).startswith("Checkout unavailable after a secret rotation")
    assert soup.select(".postmortem-chart--timeline"), "the timeline chart"


ARCHIVED = """\
---
title: Billing export stalled
severity: P2
---

# Billing export stalled

The export job stopped because of human error. Nobody wrote the rest.
"""


def test_the_recipe_passes_an_archive_let_in_and_fails_on_a_warning_in_force(tmp_path):
    root = newcomer_site(tmp_path)
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["plugins"] = ["search", {"postmortem": {"enforce_from": "2026-01-01"}}]
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    folder = root / "docs" / "postmortems"
    folder.mkdir()
    (folder / "2019-06-03-billing-export.md").write_text(ARCHIVED, encoding="utf-8")
    (folder / "2026-03-04-checkout.md").write_text(example_postmortem(), encoding="utf-8")

    results = run_recipe(root)
    annotations = results["mkdocs-postmortem"].stdout.strip().splitlines()
    assert annotations and all(line.startswith("::notice file=docs/postmortems/2019-06-03") for line in annotations)
    assert any("title=PM401" in line for line in annotations)  # reported, not failed
    assert not WARNING_LINE.search(results["mkdocs"].stderr), results["mkdocs"].stderr
    assert "before enforce_from do not fail --strict" in results["mkdocs"].stderr

    # The same blaming phrase in a postmortem in force fails the recipe's build.
    blamed = example_postmortem().replace("Checkout rejected every", "Because of human error, checkout rejected every")
    (folder / "2026-03-04-checkout.md").write_text(blamed, encoding="utf-8")
    built = run_mkdocs("build", "--strict", cwd=root, env=FIRST_DAY)
    assert built.returncode == 1
    (warning,) = WARNING_LINE.findall(built.stderr)
    assert "2026-03-04-checkout.md" in warning and "PM401" in warning
    strict_check = run_cli("check", "--strict", cwd=root, env=FIRST_DAY)
    assert strict_check.returncode == 1
    assert run_cli("check", "--strict", "docs/postmortems/2019-06-03-billing-export.md", cwd=root).returncode == 0


def documented_problem_box() -> tuple[str, list[str]]:
    """The title and lines of the `!!! failure` box getting-started shows, as plain text."""
    text = section("getting-started.md", "4. Preview it")
    match = re.search(r'^!!! failure "(.*?)"\n((?:    - .*\n)+)', text, re.MULTILINE)
    assert match, "getting-started shows the problem box"
    lines = [re.sub(r"[`*]", "", line.strip()[2:]) for line in match[2].splitlines()]
    return match[1], lines


def test_the_problem_box_in_getting_started_is_what_the_page_shows(tmp_path):
    root = newcomer_site(tmp_path)
    folder = root / "docs" / "postmortems"
    folder.mkdir()
    # The two slips getting-started describes above the box.
    broken = example_postmortem().replace(
        "| Alert on webhook signature failures > 1%   | Li Wei    |", "| Alert on webhook signature failures > 1%   |           |"
    ).replace(
        "The runbook predates the move of secrets to the vault.",
        "The runbook predates the move of secrets to the vault; the team should have updated it.",
    )
    assert broken.count("should have") == 1 and "|           |" in broken
    (folder / "2026-03-04-checkout.md").write_text(broken, encoding="utf-8")
    with mkdocs_serve(root) as (base, server):
        url = base + "postmortems/2026-03-04-checkout/"
        page = wait_for(lambda: (p := fetch(url)) and "postmortem-problems" in p and p, "the problem box", server)
    box = BeautifulSoup(page, "html.parser").select_one(".postmortem-problems")
    title, lines = documented_problem_box()
    assert box.select_one(".admonition-title").get_text() == title
    assert [" ".join(item.get_text(" ").split()) for item in box.select("li")] == lines


@pytest.fixture
def engines():
    from test_properdocs import properdocs  # skips without ProperDocs, fails under CI
    from test_zensical import add_config, zensical_command

    return properdocs, add_config, zensical_command


@pytest.mark.engine
def test_properdocs_and_zensical_both_serve_the_one_mkdocs_yml(tmp_path, engines):
    properdocs, add_config, zensical_command = engines
    root = newcomer_site(tmp_path)
    (root / "docs" / "postmortems").mkdir()
    (root / "docs" / "postmortems" / "2026-03-04-checkout.md").write_text(example_postmortem(), encoding="utf-8")
    table = section("getting-started.md", "MkDocs, ProperDocs or Zensical")
    served = dict(re.findall(r"^\| (MkDocs|ProperDocs|Zensical) \|[^|]*\| `([^`]*)`", table, re.MULTILINE))
    assert served == {"MkDocs": "mkdocs serve", "ProperDocs": "properdocs serve -f mkdocs.yml", "Zensical": "zensical serve"}

    # ProperDocs with -f: the plugin runs, and no note about a legacy file name.
    with mkdocs_serve(root, "-f", "mkdocs.yml", engine="properdocs") as (base, server):
        page = wait_for(lambda: fetch(base + "postmortems/2026-03-04-checkout/"), "properdocs serve", server)
    assert "postmortem-chart--timeline" in page
    built = properdocs("build", "--strict", "-f", "mkdocs.yml", cwd=root)
    assert built.returncode == 0, built.stderr
    assert "legacy" not in built.stderr.lower() and "renamed" not in built.stderr

    # Zensical finds the same mkdocs.yml, once the generated pages and its lines are there.
    generated = run_cli("generate", cwd=root)
    assert generated.returncode == 0, generated.stderr
    add_config(root / "mkdocs.yml", generated.stdout)
    zensical = subprocess.run(
        [*zensical_command(), "build", "--clean"], cwd=root, capture_output=True, text=True, timeout=600, check=False
    )
    assert zensical.returncode == 0, zensical.stdout + zensical.stderr
    assert (root / "site" / "postmortems" / "2026-03-04-checkout" / "index.html").is_file()
