"""When a postmortem's status last changed, from the repository's history.

A postmortem records its status, not the day it reached it. The feed says when
an entry changed (`<updated>`), so that readers show a postmortem again when it
moves from in review to approved or closed: that day is the date of the last
commit that changed the file's status line (`git log -G`), as other MkDocs
plugins take page dates from git. The same history gives the same dates, so
builds stay reproducible. Outside a git checkout, for a file never committed,
or when git is missing, there is no such date and the caller falls back to what
the postmortem states.

Run for the few postmortems a feed lists, never for the whole handbook: one
`git log` for all of them (one per way the status key is written).
"""

from __future__ import annotations

import os
import re
import subprocess
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

_KEY = re.compile(r"^\s*([^\s:#][^:]{0,40}?)\s*:")
_BRE_SPECIAL = re.compile(r"([\\.\[\]*^$])")


def status_changes(files: Sequence[tuple[str, str | None]]) -> dict[str, datetime]:
    """path -> the commit time of the last commit that changed the status line of that file.

    `files` are (path, the file's status line as written); files whose status key is the same
    are looked up with one `git log`, which lists, newest first, the commits and the files in
    which a line matching the key was added or removed."""
    by_key: dict[str, list[Path]] = defaultdict(list)
    for path, line in files:
        key = _KEY.match(line or "")
        if key is not None:
            by_key[key.group(1)].append(Path(os.path.abspath(path)))
    found: dict[str, datetime] = {}
    wanted = {Path(os.path.abspath(path)): path for path, _ in files}
    for key, paths in by_key.items():
        folder = Path(os.path.commonpath([path.parent for path in paths]))
        pattern = "^[[:space:]]*" + _BRE_SPECIAL.sub(r"\\\1", key) + "[[:space:]]*:"
        relative = [path.relative_to(folder).as_posix() for path in paths]
        output = _git(folder, "log", "--relative", "--name-only", "--format=%x00%cI", "-G", pattern, "--", *relative)
        when = None
        for line in (output or "").splitlines():
            if line.startswith("\0"):
                when = _moment(line[1:])
                continue
            name = line.strip()
            if not name or when is None:
                continue
            path = wanted.get(folder / name)
            if path is not None and path not in found:
                found[path] = when
    return found


def _git(folder: Path, *args: str) -> str | None:
    try:
        run = subprocess.run(
            ["git", "-c", "core.quotePath=false", *args], cwd=folder, capture_output=True, text=True,
            encoding="utf-8", errors="replace", timeout=120, check=False,
        )
    except (OSError, subprocess.SubprocessError):  # no git, or a folder that went away
        return None
    return run.stdout if run.returncode == 0 else None


def _moment(stamp: str) -> datetime | None:
    try:
        return datetime.fromisoformat(stamp.strip())
    except ValueError:
        return None
