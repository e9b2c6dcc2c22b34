"""The promises the README and CI make to a new user."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


# Spelled in pieces so that this file does not match itself.
MACHINE_PATHS = ["/" + "work/", "/" + "root/", "/" + "home/"]


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return [block.strip() for block in re.findall(r"```bash\n(.*?)```", text, re.S)]


def test_readme_opens_with_serve_then_test_command():
    head = (ROOT / "README.md").read_text(encoding="utf-8").split("---", 1)[0]
    blocks = re.findall(r"```bash\n(.*?)```", head, re.S)
    assert len(blocks) == 2, "the README starts with exactly two commands"
    serve, test = (block.strip() for block in blocks)
    assert "mkdocs serve" in serve and "pip install" in serve
    assert "pytest" in test and "pip install -e '.[test]'" in test


def test_ci_runs_the_readme_test_command_verbatim():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert readme_commands()[1] in ci
    assert "apt-get install" in ci and "chromium" in ci


def test_no_machine_paths_in_the_repository():
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split("\n")
    for name in filter(None, tracked):
        path = ROOT / name
        if not path.is_file():
            continue
        if path.suffix in {".png", ".gz", ".pyc"}:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for machine_path in MACHINE_PATHS:
            assert machine_path not in text, f"{name} mentions {machine_path}"


@pytest.mark.slow
def test_a_clone_with_nothing_beside_it_skips_the_seed_tests_and_fails_them_under_ci(tmp_path):
    """The README's test command, in a fresh clone with no ../shared beside it, on the
    modules that read the seed postmortems: they skip with the reason, and nothing errors.

    Only those modules: the rest of the suite reads nothing outside the repository, and
    running it all a second time here would double the suite's time. Under CI=true the same
    clone must fail them instead, as the browser tests do without Chromium.
    """
    clone = tmp_path / "clone"
    cloned = subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], capture_output=True, text=True)
    assert cloned.returncode == 0, cloned.stderr
    assert not (tmp_path / "shared").exists()
    readers = sorted(
        path.relative_to(clone).as_posix()
        for path in (clone / "tests").glob("test_*.py")
        # Not this module: it would clone again, without end.
        if path.name != Path(__file__).name and re.search(r"\bseeds_dir\b|\bSEEDS\b", path.read_text(encoding="utf-8"))
    )
    assert "tests/test_read_seeds.py" in readers and "tests/test_rules_seeds.py" in readers
    environment = {key: value for key, value in os.environ.items() if key != "CI"}
    # The clone's own package, ahead of the one installed from this checkout.
    environment["PYTHONPATH"] = str(clone)
    command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "-rs", *readers]

    alone = subprocess.run(command, cwd=clone, capture_output=True, text=True, env=environment, timeout=600)
    summary = alone.stdout.strip().split("\n")[-1]
    assert alone.returncode == 0, alone.stdout + alone.stderr
    assert "skipped" in summary and "error" not in summary and "failed" not in summary, summary
    assert "seed postmortems are not beside this checkout" in alone.stdout

    under_ci = subprocess.run(command, cwd=clone, capture_output=True, text=True, env={**environment, "CI": "true"}, timeout=600)
    assert under_ci.returncode != 0
    assert "seed postmortems are missing under CI" in under_ci.stdout
