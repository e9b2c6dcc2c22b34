"""The front matter as a JSON Schema (draft 2020-12), for editors and other tools.

Built from what the reader accepts: its field names (`read.fields`), the
incident phases (`model.PHASES`), the site's severity levels and aliases
(`Settings`), and the document statuses of the reader's vocabulary, in any
case and with or without accents, as the reader folds them. A test feeds
every field's example and a wrongly typed value of every field through the
reader, so the schema and the reader cannot drift apart unnoticed.

Patterns are written for both Python's `re` and JavaScript's `RegExp`
(editors run the YAML language server in JavaScript): no inline flags, no
look-behind, no Unicode property classes. Case-insensitivity is spelled out
letter by letter (`[pP]`), accents included (`[eEéÉèÈ...]`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from . import __version__
from .config import Settings
from .model import DOCUMENT_STATUSES, PHASES
from .read.fields import LIST_FIELDS
from .text import fold, strip_accents
from .read.vocabulary import vocabulary

DIALECT = "https://json-schema.org/draft/2020-12/schema"

# French names shown first in completion lists, after the canonical values.
_FRENCH_STATUSES = ("brouillon", "en révision", "approuvé", "clos")

# ISO 8601 date and time as authors write it in YAML: `T` or a space, seconds
# optional, then `Z`, an offset, or nothing (the postmortem's timezone).
_DATE = r"\d{4}-\d{2}-\d{2}"
_DATE_TIME = (
    rf"^\s*{_DATE}[Tt ]\s*\d{{1,2}}:\d{{2}}(?::\d{{2}}(?:\.\d+)?)?"
    r"\s*(?:[Zz]|(?:UTC|GMT)?\s*[+-]\d{1,2}(?::?\d{2})?|UTC|GMT)?\s*$"
)
_DAY = rf"^\s*{_DATE}(?:[Tt ].*)?$"
# What the reader strips after a level or status: "P2 (Major)", "Draft - v2".
_QUALIFIER = r"(?:\s*(?:\(|\s[-–—:]\s|,)[^|/]*)?"
# Separators as the reader folds them: anything but letters and digits. `|`
# and `/` are left out: "P1/P2" is a template's list of choices, not a level.
_SEPARATOR = r"[^0-9A-Za-z\u00C0-\u024F|/]"

_LIST_OF_NAMES = {
    "anyOf": [
        {"type": "array", "items": {"type": ["string", "number"]}},
        {"type": "string", "description": "several names separated by commas"},
        {"type": "number"},
    ]
}

_DESCRIPTIONS = {
    "title": "The incident's title.",
    "id": "Unique id of the incident across the handbook (default: the file name without .md).",
    "severity": "Severity level of the site, or an alias (SEV1, critical/critique, major/majeur, "
    "minor/mineur, low/faible).",
    "status": "Document status: draft, in-review, approved, closed "
    "(fr: brouillon, en révision, approuvé, clos).",
    "services": "Affected services; at least one.",
    "timezone": "IANA time zone of the times written without offset, e.g. Europe/Paris.",
    "started": "When the impact began (ISO 8601). Required outside drafts.",
    "detected": "When the incident was detected (ISO 8601).",
    "acknowledged": "When someone acknowledged the alert (ISO 8601).",
    "mitigated": "When the impact was mitigated (ISO 8601).",
    "resolved": "When the incident was resolved (ISO 8601). Required outside drafts.",
    "published": "The day the postmortem was completed (YYYY-MM-DD).",
    "authors": "Authors of the postmortem.",
    "reviewers": "Reviewers of the postmortem.",
    "teams": "Teams involved.",
    "tags": "Free tags.",
    "related": "Ids of related incidents.",
    "impact": "Impact figures: users, revenue, data_loss, sla_breached, and any other key.",
    "timeline": "Timeline events, when not written as a table under the Timeline heading.",
    "actions": "Action items, when not written as tables or checklists under the action headings.",
    "five_whys": "The 5 Whys, when not written under the root cause heading.",
    "postmortem": "Rule settings for this file, e.g. {ignore: [PM201]}.",
    "template": "A page template of the site's theme to render this postmortem with, e.g. main.html.",
}


def front_matter_schema(settings: Settings) -> dict[str, Any]:
    """The JSON Schema of a postmortem's front matter for this site's settings."""
    properties: dict[str, Any] = {
        "title": {"type": ["string", "number"], "examples": ["Checkout unavailable after a secret rotation"]},
        "id": {"type": ["string", "number"], "examples": ["2026-03-04-checkout-secret-rotation"]},
        "severity": _severity(settings),
        "status": _status(),
        "services": {**_LIST_OF_NAMES, "examples": [["checkout", "payments-api"]]},
        "timezone": {"type": "string", "examples": ["UTC", "Europe/Paris", "America/New_York"]},
        **{
            phase: {
                "type": "string",
                "pattern": _DATE_TIME,
                "examples": [f"2026-03-04 14:{5 + 7 * number:02d}", "2026-03-04T13:05:00Z"],
            }
            for number, phase in enumerate(PHASES)
        },
        "published": {"type": "string", "pattern": _DAY, "examples": ["2026-03-06"]},
        **{name: {**_LIST_OF_NAMES, "examples": [_list_example(name)]} for name in LIST_FIELDS},
        "impact": {
            "type": "object",
            "properties": {
                "users": {"type": ["number", "string"], "description": "Users affected."},
                "revenue": {"type": ["number", "string"], "description": "Revenue lost."},
                "data_loss": {"type": "boolean", "description": "Was data lost?"},
                "sla_breached": {"type": "boolean", "description": "Was an SLA breached?"},
            },
            "additionalProperties": True,
            "examples": [{"users": 2318, "revenue": 9600, "data_loss": False, "sla_breached": True}],
        },
        "timeline": {
            "type": "array",
            "items": {
                "anyOf": [
                    {
                        "type": "object",
                        "properties": {"time": {"type": "string"}, "event": {"type": "string"}},
                        "additionalProperties": True,
                    },
                    {"type": "string", "description": "\"14:05 what happened\""},
                ]
            },
            "examples": [[{"time": "14:05", "event": "Error rate of checkout rises to 12 %"}]],
        },
        "actions": {
            "type": "array",
            "items": {
                "anyOf": [
                    {
                        "type": "object",
                        "properties": {
                            "action": {"type": "string"},
                            "owner": {"type": "string"},
                            "due": {"type": "string"},
                            "status": {"type": "string"},
                            "priority": {"type": ["string", "number"]},
                        },
                        "additionalProperties": True,
                    },
                    {"type": "string"},
                ]
            },
            "examples": [
                [{"action": "Alert on pool saturation", "owner": "Payments team", "due": "2026-04-03", "status": "open"}]
            ],
        },
        "five_whys": {
            "type": "array",
            "items": {
                "anyOf": [
                    {
                        "type": "object",
                        "properties": {"why": {"type": "string"}, "because": {"type": "string"}},
                        "additionalProperties": True,
                    },
                    {"type": "string", "description": "\"Why ...? Because ...\""},
                ]
            },
            "examples": [[{"why": "Why did checkout fail?", "because": "The payment service timed out."}]],
        },
        "postmortem": {
            "type": "object",
            "properties": {
                "ignore": {
                    "anyOf": [
                        {"type": "array", "items": {"type": "string", "pattern": r"^\s*[pP][mM]\d{3}\s*$"}},
                        {"type": "string"},
                    ],
                    "description": "Rule codes not to check in this file.",
                }
            },
            "additionalProperties": True,
            "examples": [{"ignore": ["PM201"]}],
        },
        "template": {"type": "string", "minLength": 1, "pattern": r"\S", "examples": ["main.html"]},
    }
    for name, spec in properties.items():
        spec["description"] = _DESCRIPTIONS.get(name, "")
    return {
        "$schema": DIALECT,
        "$comment": f"Generated by mkdocs-postmortem {__version__} (mkdocs-postmortem schema).",
        "title": "Incident postmortem front matter (mkdocs-postmortem)",
        "type": "object",
        "properties": properties,
        # Teams extend the front matter with their own fields; the reader keeps them.
        "additionalProperties": True,
    }


def _severity(settings: Settings) -> dict[str, Any]:
    levels = list(settings.severities)
    aliases = [alias for alias, level in settings.severity_aliases.items() if level in levels]
    choices: list[dict[str, Any]] = [
        {"enum": levels},
        {"type": "string", "pattern": any_case_pattern([*levels, *aliases])},
    ]
    # The reader also takes a number when a level or alias is one (`severity: 1`).
    numbers = sorted({int(word) for word in [*levels, *aliases] if word.strip().isdigit()})
    if numbers:
        choices.append({"type": "integer", "enum": numbers})
    return {"anyOf": choices, "examples": levels}


def _status() -> dict[str, Any]:
    words = list(vocabulary().document_statuses)
    return {
        "anyOf": [
            {"enum": [*DOCUMENT_STATUSES, *_FRENCH_STATUSES]},
            {"type": "string", "pattern": any_case_pattern(words)},
        ],
        "examples": list(DOCUMENT_STATUSES),
    }


def _list_example(name: str) -> list[str]:
    return {
        "authors": ["Ana Lima"],
        "reviewers": ["Sofia Brandt"],
        "teams": ["payments"],
        "tags": ["postgres", "failover"],
        "related": ["2025-12-03-postgres-primary-wal-disk-full"],
    }.get(name, [name])


def any_case_pattern(words: Iterable[str]) -> str:
    """A pattern matching what folds to one of `words` (case, accents and
    punctuation ignored), optionally followed by a qualifier: "P2 (Major)"."""
    alternatives = sorted({_word_pattern(fold(str(word))) for word in words if fold(str(word))}, key=len, reverse=True)
    return rf"^{_SEPARATOR}*(?:{'|'.join(alternatives)}){_SEPARATOR}*{_QUALIFIER}$"


def _word_pattern(folded: str) -> str:
    parts = []
    for word in folded.split(" "):
        parts.append("".join(_letter_class(ch) for ch in word))
    return f"{_SEPARATOR}+".join(parts)


def _letter_class(ch: str) -> str:
    variants = _variants().get(ch)
    if not variants:
        return re.escape(ch)
    return "[" + "".join(sorted(variants)) + "]"


@lru_cache(maxsize=1)
def _variants() -> dict[str, frozenset[str]]:
    """ASCII letter -> itself, its capital and every Latin letter with an accent that folds to it."""
    groups: dict[str, set[str]] = {ch: {ch, ch.upper()} for ch in "abcdefghijklmnopqrstuvwxyz"}
    for code in range(0xC0, 0x250):
        ch = chr(code)
        base = strip_accents(ch).lower()
        if len(base) == 1 and base in groups:
            groups[base].add(ch)
    return {letter: frozenset(chars) for letter, chars in groups.items()}
