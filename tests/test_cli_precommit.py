"""The pre-commit hook, run by the real `pre-commit` in a handbook repository.

pre-commit clones this repository at its current commit and installs it into
an environment of its own (through pip), so this is one slow test on purpose.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, write_site

FIXTURES = Path(__file__).parent / "fixtures" / "build"


def pre_commit_command() -> list[str]:
    script = Path(sys.executable).parent / "pre-commit"
    if script.exists():
        return [str(script)]
    found = shutil.which("pre-commit")
    return [found] if found else [sys.executable, "-m", "pre_commit"]


def git(*args: str, cwd: Path) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=60, env=_git_env())
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def _git_env() -> dict:
    return {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.com",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.com",
    }


@pytest.mark.slow
def test_the_hook_stops_a_commit_with_a_broken_postmortem(tmp_path):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    if git("status", "--porcelain", "--", ".pre-commit-hooks.yaml", cwd=ROOT):
        pytest.fail(".pre-commit-hooks.yaml has uncommitted changes: pre-commit would test the committed one")
    revision = git("rev-parse", "HEAD", cwd=ROOT)

    handbook = tmp_path / "handbook"
    good = {path.name: path.read_text(encoding="utf-8") for path in FIXTURES.glob("*.md")}
    write_site(handbook, good)
    (handbook / ".pre-commit-config.yaml").write_text(
        yaml.safe_dump(
            {"repos": [{"repo": str(ROOT), "rev": revision, "hooks": [{"id": "mkdocs-postmortem-check"}]}]}
        ),
        encoding="utf-8",
    )
    git("init", "-q", cwd=handbook)
    git("add", ".", cwd=handbook)
    git("commit", "-q", "-m", "handbook", cwd=handbook)

    env = {**_git_env(), "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "PRE_COMMIT_COLOR": "never"}

    def run_hook() -> subprocess.CompletedProcess:
        return subprocess.run(
            [*pre_commit_command(), "run"], cwd=handbook, capture_output=True, text=True, timeout=1200, env=env
        )

    # A new postmortem that relates to an unchanged one, and has an action without owner.
    broken = good["2026-03-04-dns.md"].replace("id: 2026-03-04-dns", "id: 2026-03-05-dns-again")
    broken = broken.replace("| Alert on SERVFAIL ratio per upstream     | Li Wei    |",
                            "| Alert on SERVFAIL ratio per upstream     |           |")
    line = next(n for n, text in enumerate(broken.split("\n"), 1) if text.startswith("| Alert on SERVFAIL"))
    new_file = handbook / "docs" / "postmortems" / "2026-03-05-dns-again.md"
    new_file.write_text(broken, encoding="utf-8")
    git("add", ".", cwd=handbook)
    stopped = run_hook()
    output = stopped.stdout + stopped.stderr
    assert stopped.returncode == 1, output
    assert f"docs/postmortems/2026-03-05-dns-again.md:{line}: PM301" in output
    # Only the staged file is reported, and its `related` link to an unchanged
    # incident is found in the rest of the folder.
    assert "PM601" not in output and "2026-03-04-dns.md" not in output

    fixed = broken.replace("| Alert on SERVFAIL ratio per upstream     |           |",
                           "| Alert on SERVFAIL ratio per upstream     | Li Wei    |")
    new_file.write_text(fixed, encoding="utf-8")
    git("add", ".", cwd=handbook)
    passed = run_hook()
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "check postmortems" in passed.stdout and "Passed" in passed.stdout

    # A page that is not a postmortem is not the hook's business.
    git("commit", "-q", "-m", "fixed", "--no-verify", cwd=handbook)
    (handbook / "docs" / "index.md").write_text("# Handbook\n\nNo front matter here.\n", encoding="utf-8")
    git("add", ".", cwd=handbook)
    skipped = run_hook()
    assert skipped.returncode == 0, skipped.stdout + skipped.stderr
    assert "no files to check" in skipped.stdout
