"""The promises the README and CI make to a new user."""

import re
import subprocess
from pathlib import Path

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
