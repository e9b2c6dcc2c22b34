"""What `zensical build` cannot build, said by `check` before the build fails.

The plugin reads a postmortem saved in a legacy code page as Windows-1252 and
only warns (PM104); Zensical reads every page as UTF-8 and stops the whole
build at that file. On a site set up for Zensical, the warning becomes an
error that says so, whatever PM104's level: it is the engine's limit, not a
matter of style.
"""

from __future__ import annotations

from ..handbook import Handbook
from ..model import ERROR, Diagnostic, ProblemKind

CODE = "PM104"
MESSAGE = (
    "the file is not UTF-8 (first bad byte on this line): `zensical build` reads pages as UTF-8 and fails "
    "on it, though the plugin reads it as Windows-1252; save it as UTF-8 "
    "(iconv -f WINDOWS-1252 -t UTF-8), then check the accented letters"
)


def with_zensical_limits(handbook: Handbook) -> list[Diagnostic]:
    """The handbook's diagnostics, with an error for each postmortem Zensical cannot read."""
    lines = {
        pm.path: problem.line
        for pm in handbook.postmortems
        for problem in pm.problems
        if problem.kind is ProblemKind.NOT_UTF8
    }
    kept = [d for d in handbook.diagnostics if not (d.code == CODE and d.path in lines)]
    added = [Diagnostic(path, line, CODE, ERROR, MESSAGE) for path, line in lines.items()]
    return sorted(kept + added, key=lambda d: (d.path, d.line, d.code))
