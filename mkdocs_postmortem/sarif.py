"""`check --format sarif`: diagnostics as a SARIF 2.1.0 log, the format GitHub code
scanning reads (and ruff, ESLint and CodeQL write).

One run: the tool with the whole rule catalogue as `tool.driver.rules` (so a code
scanning alert can show a rule's page even for a rule that found nothing today),
and one result per diagnostic, located by a URI relative to the repository root.

Fingerprints: GitHub follows an alert from one commit to the next by
`partialFingerprints`. Ours hashes the rule, the file and the text of the line
the problem is on (not its number, which moves when a line is added above), plus
how many identical (rule, file, line text) results came before it: the same
problem keeps the same fingerprint from run to run, and two identical lines in
one file keep two alerts.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from .model import Diagnostic
from .rules.rule import Rule

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "mkdocsPostmortem/v1"
# SARIF's name for the folder that relative artifact URIs start from: the repository root.
SOURCE_ROOT = "%SRCROOT%"


def sarif_log(
    diagnostics: Sequence[Diagnostic],
    rules: Iterable[Rule],
    *,
    version: str,
    information_uri: str,
    help_uri: Callable[[str], str],
    uri_of: Callable[[str], str],
    line_text: Callable[[str, int], str],
) -> dict[str, Any]:
    """The SARIF document. `uri_of(path)` turns a diagnostic's path into a URI relative to the
    repository root; `line_text(path, line)` gives the text of that line ("" when unknown)."""
    catalogue = list(rules)
    index_of = {rule.code: index for index, rule in enumerate(catalogue)}
    seen: Counter[str] = Counter()
    results = []
    for diagnostic in diagnostics:
        uri = uri_of(diagnostic.path)
        key = _fingerprint_key(diagnostic.code, uri, line_text(diagnostic.path, diagnostic.line))
        seen[key] += 1
        results.append(_result(diagnostic, uri, index_of.get(diagnostic.code), _fingerprint(key, seen[key])))
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "mkdocs-postmortem",
                        "version": version,
                        "semanticVersion": version,
                        "informationUri": information_uri,
                        "rules": [_rule(rule, help_uri(rule.code)) for rule in catalogue],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def _rule(rule: Rule, help_uri: str) -> dict[str, Any]:
    summary = rule.summary[:1].upper() + rule.summary[1:]
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": _first_paragraph(rule.doc) or summary},
        "helpUri": help_uri,
        "help": {"text": f"{summary}. See {help_uri}", "markdown": rule.doc},
        # A rule off unless a site switches it on is listed, but as what it is.
        "defaultConfiguration": {"level": "none" if rule.default_off else rule.level, "enabled": not rule.default_off},
        "properties": {"tags": ["postmortem"]},
    }


def _first_paragraph(doc: str) -> str:
    """The text under "What it checks": the rule's one-paragraph description."""
    _, _, rest = doc.partition("## What it checks")
    paragraph = rest.strip().split("\n\n", 1)[0]
    return " ".join(paragraph.split())


def _result(diagnostic: Diagnostic, uri: str, rule_index: int | None, fingerprint: str) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": diagnostic.code,
        # A warning `--strict` lets pass (a draft's gaps, the archive) is a note, as `--format github` makes it a notice.
        "level": "error" if diagnostic.level == "error" else "warning" if diagnostic.fails_strict else "note",
        "message": {"text": diagnostic.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": uri, "uriBaseId": SOURCE_ROOT},
                    "region": {"startLine": max(diagnostic.line, 1)},
                }
            }
        ],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
    }
    if rule_index is not None:
        result["ruleIndex"] = rule_index
    return result


def _fingerprint_key(code: str, uri: str, line: str) -> str:
    return "\0".join((code, uri, " ".join(line.split())))


def _fingerprint(key: str, occurrence: int) -> str:
    digest = hashlib.sha256(f"{key}\0{occurrence}".encode("utf-8", "surrogatepass")).hexdigest()
    return f"{digest[:32]}:{occurrence}"
