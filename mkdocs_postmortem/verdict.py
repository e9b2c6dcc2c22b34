"""What a check found: the diagnostics of a handbook and the counts `check` and the build report.

The handbook (handbook.py) is one; so is the verdict `check` keeps in its cache
(cache.py), which answers a run where no file changed without reading any.
"""

from __future__ import annotations

from collections.abc import Iterable

from .model import ARCHIVE, DRAFT, ERROR, WARNING, Diagnostic

# Where the warnings `--strict` lets pass are, by Diagnostic.excused.
EXCUSED_WHERE = {DRAFT: "on drafts", ARCHIVE: "before enforce_from"}


class Verdict:
    """Diagnostics, and how many of each kind, in the words of the report's last line."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics: list[Diagnostic] = list(diagnostics)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.level == ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.level == WARNING]

    @property
    def excused(self) -> list[Diagnostic]:
        """Warnings of drafts and of the accepted archive, which `--strict` lets pass."""
        return [d for d in self.diagnostics if not d.fails_strict]

    @property
    def postmortems_with_problems(self) -> int:
        # Not cached: `check` narrows `diagnostics` to the files it names.
        return len({d.path for d in self.diagnostics})

    def summary_line(self) -> str:
        """`3 errors, 2 warnings in 2 postmortems`, and how many warnings `--strict` lets pass."""
        errors, warnings = len(self.errors), len(self.warnings)
        files = self.postmortems_with_problems
        line = (
            f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)} "
            f"in {files} postmortem{'s' * (files != 1)}"
        )
        excused = self.excused
        if excused:
            where = " and ".join(EXCUSED_WHERE[reason] for reason in sorted({d.excused for d in excused}, reverse=True))
            line += f"; {'the' if len(excused) == warnings else 'of them, the'} {len(excused)} {where} do not fail --strict"
        return line
