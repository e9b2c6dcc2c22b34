"""The rules stage: one small check per rule code, and the two entry points the
handbook calls.

    check_postmortem(pm, settings)   one file (every rule but PM601 and PM602)
    check_handbook(pms, settings)    across files (PM601, PM602, PM604)

A file's checks split in two (`check_postmortem(pm, settings, DATELESS)` and
`..., DATED)`): those whose answer depends only on the file and the settings,
which the cache keeps, and those that measure against the day of the build
(PM304, PM501, PM502), which run on every build. `merge_diagnostics` joins
the two halves into exactly what one pass over all the rules gives.

Both decide each problem's level the same way: the configured level
(`rules: {PM401: off}`) over the catalogue's default, the file's own
`postmortem: {ignore: [...]}`, and drafts, whose incomplete body is expected,
get warnings instead of errors for the completeness rules. With
`enforce_from`, every error of an incident before that day is a warning.

Those two relaxations are choices the team made (write drafts in the open, accept
the archive as it is), so their warnings are marked excused: reported on every
build, but `--strict` does not fail on them (design: CI stays green on an accepted
archive and on drafts still being written).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice

from ..incident import is_archived
from ..model import ARCHIVE, DRAFT, ERROR, WARNING, Diagnostic, Postmortem
from ..settings import Settings
from .catalogue import BY_CODE, RULES, Rule
from .context import Context, Finding
from .rule import FILE, HANDBOOK

__all__ = [
    "RULES", "BY_CODE", "Rule", "check_postmortem", "check_handbook", "level_of",
    "DATED", "DATELESS", "merge_diagnostics",
]

FileCheck = Callable[[Context], Iterable[Finding]]
HandbookCheck = Callable[[Sequence[Postmortem]], Iterator[tuple[Postmortem, Finding]]]
# A finding with the code of the rule that found it.
Coded = tuple[str, Finding]

FILE_RULES: tuple[Rule, ...] = tuple(rule for rule in RULES if rule.scope == FILE)
FILE_CHECKS: dict[str, FileCheck] = {rule.code: rule.check for rule in FILE_RULES}
DATED: tuple[Rule, ...] = tuple(rule for rule in FILE_RULES if rule.dated)
DATELESS: tuple[Rule, ...] = tuple(rule for rule in FILE_RULES if not rule.dated)
HANDBOOK_CHECKS: dict[str, HandbookCheck] = {rule.code: rule.check for rule in RULES if rule.scope == HANDBOOK}

# Findings one rule reports in one file: a pasted log can repeat a phrase
# thousands of times, and the rules stop looking after this many.
MOST_FINDINGS = 100


def level_of(code: str, pm: Postmortem, settings: Settings) -> str | None:
    """The level a problem of `code` has in `pm`, or None when it is switched off there."""
    if code in {str(ignored).strip().upper() for ignored in pm.ignore}:
        return None
    rule = BY_CODE.get(code)
    default = rule.default_setting if rule else ERROR
    level = settings.rules.get(code, default)
    if level == "off":
        return None
    if level == ERROR and _relaxed_for_draft(rule, pm):
        return WARNING
    return level


def _relaxed_for_draft(rule: Rule | None, pm: Postmortem) -> bool:
    return pm.is_draft and rule is not None and rule.completeness


def check_postmortem(pm: Postmortem, settings: Settings, rules: Sequence[Rule] = FILE_RULES) -> list[Diagnostic]:
    """The findings of `rules` (by default every single-file rule) in one postmortem."""
    ctx = Context(pm, settings)
    findings: list[Coded] = []
    for rule in rules:
        if level_of(rule.code, pm, settings) is None or (rule.reads_body and not pm.body_read):
            continue  # cheaper not to look at all
        findings.extend((rule.code, finding) for finding in _run(rule, ctx))
    return _diagnostics(pm, findings, settings)


def merge_diagnostics(*parts: Sequence[Diagnostic]) -> list[Diagnostic]:
    """One file's diagnostics from several sets of rules, in the order one pass gives."""
    return sorted((d for part in parts for d in part), key=_file_order)


def _file_order(diagnostic: Diagnostic) -> tuple:
    return (diagnostic.line, diagnostic.code, diagnostic.message)


def _run(rule: Rule, ctx: Context) -> list[Finding]:
    """One rule's findings; a rule that fails on this file says so instead of stopping the build."""
    code = rule.code
    try:
        found = rule.check(ctx)
        findings = list(islice(found, MOST_FINDINGS + 1) if rule.capped else found)
    except Exception as error:  # noqa: BLE001 - one file must not stop the checks of the others
        return [_bug(error)]
    if rule.capped and len(findings) > MOST_FINDINGS:
        findings[MOST_FINDINGS] = Finding(
            findings[MOST_FINDINGS].line,
            f"{code} found more than {MOST_FINDINGS} times in this file; only the first {MOST_FINDINGS} are listed",
        )
    return findings


def check_handbook(pms: Sequence[Postmortem], settings: Settings) -> list[Diagnostic]:
    diagnostics: list[Diagnostic] = []
    for code, check in HANDBOOK_CHECKS.items():
        if settings.rules.get(code, BY_CODE[code].default_setting) == "off":
            continue  # a file can ignore a rule but not switch it on: nothing to look for
        try:
            found = list(check(pms))
        except Exception as error:  # noqa: BLE001 - one rule must not stop the others
            found = [(pm, _bug(error)) for pm in pms[:1]]
        for pm, finding in found:
            diagnostics.extend(_diagnostics(pm, [(code, finding)], settings))
    return sorted(diagnostics)


def _bug(error: Exception) -> Finding:
    return Finding(
        1,
        f"this rule could not check the file ({type(error).__name__}: {error}); this is a bug "
        "in mkdocs-postmortem: report the file to its maintainers",
    )


def _diagnostics(pm: Postmortem, findings: Iterable[Coded], settings: Settings) -> list[Diagnostic]:
    result = []
    archived = is_archived(pm, settings)
    for code, finding in findings:
        level = level_of(code, pm, settings)
        if level is None:
            continue
        excused = ""
        if archived:
            level, excused = WARNING, ARCHIVE
        elif level == WARNING and _relaxed_for_draft(BY_CODE.get(code), pm):
            excused = DRAFT
        line = min(max(finding.line, 1), pm.line_count)
        result.append(Diagnostic(pm.path, line, code, level, finding.message, excused))
    return sorted(result, key=_file_order)
