"""What the reading tests share: read a postmortem's text as the plugin reads a
file, print its moments in UTC, and run `check` on it as a user runs it."""

from __future__ import annotations

import json
from datetime import datetime, timezone

from conftest import run_cli

from mkdocs_postmortem.read import read_postmortem
from mkdocs_postmortem.settings import Settings

SETTINGS = Settings(default_timezone="UTC")


def read(text: str, name: str = "2025-06-10-x.md"):
    return read_postmortem(text, path=f"docs/postmortems/{name}", src_uri=f"postmortems/{name}", settings=SETTINGS)


def utc(moment: datetime | None) -> str | None:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M") if moment else None


def times(pm) -> list[str | None]:
    return [utc(event.time) for event in pm.timeline]


def check_codes(tmp_path, name: str, text: str) -> list[tuple[str, str]]:
    """(code, message) of each diagnostic `check --format json` gives on the text written to a file."""
    (tmp_path / name).write_text(text, encoding="utf-8")
    result = run_cli("check", str(tmp_path / name), "--format", "json", cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    return [(d["code"], d["message"]) for d in json.loads(result.stdout)["diagnostics"]]


def check_lines(tmp_path, name: str, text: str) -> list[str]:
    """Each diagnostic of `check` on the text as "CODE message"."""
    return [f"{code} {message}" for code, message in check_codes(tmp_path, name, text)]
