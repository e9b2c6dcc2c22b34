"""The rules stage: one small check per rule code, and the two entry points the
handbook calls.

    check_postmortem(pm, settings)   one file (every rule but PM601 and PM602)
    check_handbook(pms, settings)    across files (PM601, PM602)

Both decide each problem's level the same way: the configured level
(`rules: {PM401: off}`) over the catalogue's default, the file's own
`postmortem: {ignore: [...]}`, and drafts, whose incomplete body is expected,
get warnings instead of errors for the completeness rules. With
`enforce_from`, every error of an incident before that day is a warning.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date

from ..config import Settings
from ..model import ERROR, WARNING, Diagnostic, Postmortem
from ..read.dates import file_name_date
from . import (
    actions,
    consistency,
    encoding,
    frontmatter,
    links,
    placeholders,
    sections,
    timeliness,
    whys,
    wording,
)
from .catalogue import BY_CODE, RULES, Rule
from .context import Context, Finding

__all__ = [
    "RULES", "BY_CODE", "Rule", "check_postmortem", "check_handbook", "level_of", "is_archived", "incident_day",
]

FileCheck = Callable[[Context], Iterable[Finding]]
HandbookCheck = Callable[[Sequence[Postmortem]], Iterator[tuple[Postmortem, Finding]]]

FILE_CHECKS: dict[str, FileCheck] = {
    **frontmatter.CHECKS,
    **sections.CHECKS,
    **placeholders.CHECKS,
    **encoding.CHECKS,
    **whys.CHECKS,
    **actions.CHECKS,
    **wording.CHECKS,
    **timeliness.CHECKS,
    **consistency.CHECKS,
}
HANDBOOK_CHECKS: dict[str, HandbookCheck] = dict(links.HANDBOOK_CHECKS)

# Problems only the reader can see arrive in `pm.problems`; for these codes no
# check of this package adds anything: a value of the wrong type (PM003), and a
# timeline row that cannot be placed in time (PM701), which needs the table's
# time zone, the incident's date and the day roll-over the reader works out.
READER_ONLY = ("PM003", "PM701")


def level_of(code: str, pm: Postmortem, settings: Settings) -> str | None:
    """The level a problem of `code` has in `pm`, or None when it is switched off there."""
    if code in {str(ignored).strip().upper() for ignored in pm.ignore}:
        return None
    rule = BY_CODE.get(code)
    level = settings.rules.get(code, rule.level if rule else ERROR)
    if level == "off":
        return None
    if level == ERROR and pm.is_draft and rule is not None and rule.completeness:
        return WARNING
    return level


def check_postmortem(pm: Postmortem, settings: Settings) -> list[Diagnostic]:
    ctx = Context(pm, settings)
    template_rows = {
        event.line for event in pm.timeline if placeholders.is_placeholder_value(event.raw_time)
    }
    findings = [
        Finding(problem.code, problem.line, problem.message)
        for problem in pm.problems
        # A template's "HH:MM" row is one problem, a placeholder (PM103), not two.
        if not (problem.code == "PM701" and problem.line in template_rows)
    ]
    from_reader = {(finding.code, finding.line) for finding in findings}
    for code, check in FILE_CHECKS.items():
        if level_of(code, pm, settings) is None:
            continue  # cheaper not to look at all
        findings.extend(
            finding for finding in check(ctx) if (finding.code, finding.line) not in from_reader
        )
    return _diagnostics(pm, findings, settings)


def check_handbook(pms: Sequence[Postmortem], settings: Settings) -> list[Diagnostic]:
    diagnostics: list[Diagnostic] = []
    for check in HANDBOOK_CHECKS.values():
        for pm, finding in check(pms):
            diagnostics.extend(_diagnostics(pm, [finding], settings))
    return sorted(diagnostics)


def is_archived(pm: Postmortem, settings: Settings) -> bool:
    """An incident before `enforce_from` (or a file with no date at all): part of
    an archive moved in, whose problems are warnings rather than errors."""
    if settings.enforce_from is None:
        return False
    day = incident_day(pm)
    return day is None or day < settings.enforce_from


def incident_day(pm: Postmortem) -> date | None:
    """The incident's day: its phases, else its timeline, else the day its title,
    a date line or its file name gives."""
    if pm.date is not None:
        return pm.date
    for event in pm.timeline:
        if event.time is not None:
            return event.time.date()
    return pm.named_day or file_name_date(pm.src_uri)


def _diagnostics(pm: Postmortem, findings: Iterable[Finding], settings: Settings) -> list[Diagnostic]:
    result = []
    archived = is_archived(pm, settings)
    for finding in findings:
        level = level_of(finding.code, pm, settings)
        if level == ERROR and archived:
            level = WARNING
        if level is not None:
            result.append(Diagnostic(pm.path, max(finding.line, 1), finding.code, level, finding.message))
    return sorted(set(result), key=lambda d: (d.line, d.code, d.message))
