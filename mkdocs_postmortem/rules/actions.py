"""Action item rules: PM301 (no owner), PM302 (no deadline), PM303 (deadline not a
date or before the incident), PM304 (open past its deadline), PM305 (no items).

Items marked done need no deadline; `wont-do` items keep an idea on record and
need neither owner nor deadline. Items under a sub-heading that names a
backlog (`backlog_sections`, compared after folding case and accents) are
ideas, not commitments: they need neither either.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from ..model import ActionItem
from ..read.values import read_date
from .context import Context, Finding, fold, quote
from .placeholders import is_placeholder_value

_OPEN = ("open", "in-progress")


def _is_backlog(ctx: Context, action: ActionItem) -> bool:
    if not action.group:
        return False
    group = fold(action.group)
    return any(fold(name) in group for name in ctx.settings.backlog_sections)


def _committed(ctx: Context) -> Iterator[ActionItem]:
    """Items someone must do: not won't-do, not in a backlog, not a template's "[Action 1]"
    (PM103 already asks to replace that)."""
    for action in ctx.pm.actions:
        if action.status == "wont-do" or _is_backlog(ctx, action) or is_placeholder_value(action.text):
            continue
        yield action


def _where_to_write(action: ActionItem, column: str, checklist: str) -> str:
    if action.source == "checklist":
        return f"append `- {checklist}` to the item"
    if action.source == "front-matter":
        return f"add `{checklist.split(':')[0].lower()}:` to the item in the front matter"
    return f"add one in the {column} column"


def pm301(ctx: Context) -> Iterator[Finding]:
    for action in _committed(ctx):
        if not (action.owner or "").strip():
            yield Finding(
                "PM301", action.line,
                f"action item {quote(action.text)} has no owner; "
                + _where_to_write(action, "Owner", "Owner: Name"),
            )


def pm302(ctx: Context) -> Iterator[Finding]:
    for action in _committed(ctx):
        if action.status == "done" or (action.due_raw or "").strip() or action.due is not None:
            continue
        yield Finding(
            "PM302", action.line,
            f"action item {quote(action.text)} has no deadline; "
            + _where_to_write(action, "Due", "Due: YYYY-MM-DD"),
        )


def pm303(ctx: Context) -> Iterator[Finding]:
    incident_day = ctx.pm.date
    for action in ctx.pm.actions:
        if action.due is None and (action.due_raw or "").strip():
            if is_placeholder_value(action.due_raw):
                continue  # a template's "[Date]" is PM103's to report
            yield Finding("PM303", action.line, _not_a_date(action))
        elif action.due is not None and incident_day is not None and action.due < incident_day:
            yield Finding(
                "PM303", action.line,
                f"deadline {action.due.isoformat()} of action item {quote(action.text)} is before "
                f"the incident ({incident_day.isoformat()}); correct the date",
            )


_DAY_MONTH = re.compile(r"^\d{1,2}[/.]\d{1,2}$")


def _not_a_date(action: ActionItem) -> str:
    """The reader leaves a deadline it cannot read as None: say why, and how to write it."""
    raw = action.due_raw.strip()
    if _DAY_MONTH.match(raw) and read_date(raw, date(2000, 1, 1)) is not None:
        return (
            f"deadline {quote(raw)} of action item {quote(action.text)} has no year and the incident "
            "date is unknown; write the full date, e.g. 2026-03-01"
        )
    return (
        f"deadline {quote(raw)} of action item {quote(action.text)} is not a date; write it as "
        "YYYY-MM-DD (or 01/03/2026, 1 mars 2026)"
    )


def pm304(ctx: Context) -> Iterator[Finding]:
    today = ctx.settings.build_date
    for action in ctx.pm.actions:
        if action.status in _OPEN and action.due is not None and action.due < today:
            days = (today - action.due).days
            yield Finding(
                "PM304", action.line,
                f"action item {quote(action.text)} was due {action.due.isoformat()} "
                f"({days} day{'s' * (days != 1)} ago) and is still {action.status}; "
                "mark it done, or agree a new deadline and write it down",
            )


def pm305(ctx: Context) -> Iterator[Finding]:
    pm = ctx.pm
    if pm.actions:
        return
    section = pm.section("actions")
    if section is None:
        if "actions" in ctx.settings.mandatory_sections:
            return  # PM101 already asks for the section
        line = pm.body_line
    elif not section.has_content:
        return  # PM102 already says the section is empty
    else:
        line = section.line
    yield Finding(
        "PM305", line,
        "no action items; list what will change, as a table (Action | Owner | Due | Status) "
        "or a checklist (`- [ ] Add a canary - Owner: Ana - Due: 2026-04-01`)",
    )


CHECKS = {"PM301": pm301, "PM302": pm302, "PM303": pm303, "PM304": pm304, "PM305": pm305}
