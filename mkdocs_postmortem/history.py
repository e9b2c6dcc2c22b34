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
`git log` each.
"""

from __future__ import annotations

import re
import subprocess
from datetime import datetime
from pathlib import Path

_KEY = re.compile(r"^\s*([^\s:#][^:]{0,40}?)\s*:")
_BRE_SPECIAL = re.compile(r"([\\.\[\]*^$])")


def status_changed_at(path: str | Path, status_line: str | None) -> datetime | None:
    """The commit time of the last commit that changed `status_line`'s key in `path`, or None."""
    key = _KEY.match(status_line or "")
    if key is None:
        return None
    file = Path(path)
    pattern = "^[[:space:]]*" + _BRE_SPECIAL.sub(r"\\\1", key.group(1)) + "[[:space:]]*:"
    try:
        run = subprocess.run(
            ["git", "log", "-1", "--format=%cI", "-G", pattern, "--", file.name],
            cwd=file.parent if str(file.parent) else ".",
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):  # no git, or a file on a folder that went away
        return None
    stamp = run.stdout.strip()
    if run.returncode != 0 or not stamp:
        return None
    try:
        return datetime.fromisoformat(stamp)
    except ValueError:
        return None
