"""What a rule is, and the decorator that declares one where its check is written.

As in ruff, a rule is one place: the decorated function is its check, the
decorator gives its code, slug, default level and draft relaxation, and the
docstring is its documentation: the first line is the one-line summary of the
rule reference, the rest (What it checks, Why it matters, Example with
"Fails:" and "Passes:", How to fix it) is its page. `docs/rules/` is generated
from these (`python scripts/rule_docs.py`), and the examples run as tests.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# Where a rule looks: one file, or every file of the site at once.
FILE, HANDBOOK = "file", "handbook"

DEFAULT_SILENCE_HINT = "`warning` keeps it visible without failing the build"


@dataclass(frozen=True)
class Rule:
    code: str
    name: str  # a slug that says what is wrong, e.g. "action-without-owner"
    level: str  # default level: "error" or "warning"
    summary: str  # one line, as in the rule reference table
    # Drafts are still being written: an incomplete body is expected there, so
    # these rules report warnings instead of errors on a draft.
    completeness: bool = False
    scope: str = FILE
    # Whether a file's findings stop after the first hundred: a pasted log can
    # repeat a phrase thousands of times, while each fact the reader records
    # (a value, a timeline entry) is one thing the author wrote and can fix.
    capped: bool = True
    # Whether the check reads what the body holds: a file read for its front
    # matter and headings only (PM105) is not judged by it rather than judged empty.
    reads_body: bool = False
    # A rule a site switches on (`rules: {PM306: error}`): a policy some teams adopt, not
    # a fault of every postmortem. Off, it checks nothing; `level` is its level once on.
    default_off: bool = False
    # Whether the answer depends on the day of the build ("overdue", "late"): such a
    # check runs on every build, never answered from the cache (cache.py).
    dated: bool = False
    check: Callable[..., Any] | None = field(default=None, compare=False, repr=False)
    doc: str = field(default="", compare=False, repr=False)  # the page, from "## What it checks" on
    # What the rule page says about changing its level site-wide.
    silence_hint: str = field(default=DEFAULT_SILENCE_HINT, compare=False, repr=False)
    # Plugin settings the documented examples are checked with (e.g. a build date).
    example_settings: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def default_setting(self) -> str:
        """What a site gets without configuring the rule: its level, or "off" for a rule it must switch on."""
        return "off" if self.default_off else self.level


REGISTERED: dict[str, Rule] = {}


def rule(
    code: str,
    name: str,
    level: str,
    *,
    completeness: bool = False,
    scope: str = FILE,
    capped: bool = True,
    reads_body: bool = False,
    default_off: bool = False,
    dated: bool = False,
    silence_hint: str = DEFAULT_SILENCE_HINT,
    example_settings: dict[str, Any] | None = None,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Declare the decorated function as the check (and its docstring as the documentation) of `code`."""

    def register(function: Callable[..., Any]) -> Callable[..., Any]:
        if code in REGISTERED:
            raise ValueError(f"rule {code} is declared twice")
        summary, _, doc = inspect.cleandoc(function.__doc__ or "").partition("\n")
        if not summary or "## What it checks" not in doc:
            raise ValueError(f"rule {code} needs a docstring: a summary line, then its page")
        REGISTERED[code] = Rule(
            code=code,
            name=name,
            level=level,
            summary=summary.strip(),
            completeness=completeness,
            scope=scope,
            capped=capped,
            reads_body=reads_body,
            default_off=default_off,
            dated=dated,
            check=function,
            doc=doc.strip(),
            silence_hint=silence_hint,
            example_settings=dict(example_settings or {}),
        )
        return function

    return register
