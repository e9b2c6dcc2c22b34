"""Every rule the plugin knows, as data: code, slug, default level, one-line summary.

The catalogue is the one list the checks, the configuration, the `check` CLI
and the rule reference (`docs/rules/`) agree on; a test keeps the reference
pages and this list in step.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import ERROR, WARNING


@dataclass(frozen=True)
class Rule:
    code: str
    name: str  # a slug that says what is wrong, e.g. "action-without-owner"
    level: str  # default level: "error" or "warning"
    summary: str  # one line, as in the rule reference table
    # Drafts are still being written: an incomplete body is expected there, so
    # these rules report warnings instead of errors on a draft.
    completeness: bool = False


RULES: tuple[Rule, ...] = (
    Rule("PM001", "front-matter-invalid", ERROR,
         "front matter missing, not YAML, or not a mapping"),
    Rule("PM002", "required-field-missing", ERROR,
         "required field missing (title, severity, services; started and resolved outside drafts)"),
    Rule("PM003", "field-invalid", ERROR,
         "field of the wrong type or value (bad date, unknown severity, status or time zone)"),
    Rule("PM004", "phases-out-of-order", ERROR,
         "started ≤ detected ≤ acknowledged ≤ mitigated ≤ resolved is violated"),
    Rule("PM005", "field-typo", WARNING,
         "unknown front matter field that looks like a typo of a known one"),
    Rule("PM101", "section-missing", ERROR,
         "mandatory section missing", completeness=True),
    Rule("PM102", "section-empty", ERROR,
         "mandatory section present but empty", completeness=True),
    Rule("PM103", "placeholder-left", ERROR,
         "template placeholder left in the text", completeness=True),
    Rule("PM104", "mis-encoded-text", WARNING,
         "text looks mis-encoded (mojibake); shows the repaired text"),
    Rule("PM105", "file-too-large", WARNING,
         "file larger than max_file_size: only its front matter and headings are checked"),
    Rule("PM201", "five-whys-incomplete", ERROR,
         "5 Whys not completed: fewer than five why/answer pairs, or an empty answer",
         completeness=True),
    Rule("PM301", "action-without-owner", ERROR,
         "action item without an owner", completeness=True),
    Rule("PM302", "action-without-deadline", ERROR,
         "action item without a deadline", completeness=True),
    Rule("PM303", "action-deadline-invalid", ERROR,
         "action item deadline is not a date, or is before the incident"),
    Rule("PM304", "action-overdue", WARNING,
         "open action item past its deadline"),
    Rule("PM305", "no-action-items", ERROR,
         "no action items at all", completeness=True),
    Rule("PM401", "blaming-language", WARNING,
         "blaming language, or a person named as the subject of a failure"),
    Rule("PM501", "published-late", ERROR,
         "P1/P2 postmortem published more than 5 days after resolution"),
    Rule("PM502", "draft-past-deadline", WARNING,
         "P1/P2 postmortem still a draft more than 5 days after resolution"),
    Rule("PM601", "related-id-unknown", ERROR,
         "related incident id that does not exist"),
    Rule("PM602", "duplicate-id", ERROR,
         "incident id used by more than one postmortem"),
    Rule("PM603", "stated-metric-mismatch", WARNING,
         "a duration or metric written in the body disagrees with the timestamps"),
    Rule("PM701", "timeline-unreadable", WARNING,
         "timeline entry whose time or date cannot be read for certain, or entries out of order"),
)

BY_CODE: dict[str, Rule] = {rule.code: rule for rule in RULES}

RULE_PAGES = "rules"  # the rule reference in the plugin's docs: docs/rules/PM301.md


def rule_page(code: str) -> str | None:
    """The rule's page in the rule reference, relative to the docs folder."""
    return f"{RULE_PAGES}/{code}.md" if code in BY_CODE else None
