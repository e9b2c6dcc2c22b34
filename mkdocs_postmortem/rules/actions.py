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

from ..incident import is_overdue
from ..model import ERROR, WARNING, ActionItem
from ..read.values import read_date
from ..text import fold_keeping_punctuation
from .context import Context, Finding, quote
from .placeholders import is_placeholder_value
from .rule import rule


def _is_backlog(ctx: Context, action: ActionItem) -> bool:
    if not action.group:
        return False
    group = fold_keeping_punctuation(action.group)
    return any(fold_keeping_punctuation(name) in group for name in ctx.settings.backlog_sections)


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


@rule("PM301", "action-without-owner", ERROR, completeness=True, reads_body=True)
def action_without_owner(ctx: Context) -> Iterator[Finding]:
    """action item without an owner

    ## What it checks

    An action item has no owner: an empty Owner / Responsable cell, or a
    checklist item without `Owner:`. Items marked won't do, and items under a
    sub-heading that names a backlog (`backlog_sections`, default `backlog`), need no owner.

    On a draft it is a warning: drafts are still being written.

    ## Why it matters

    An action without an owner is not done. The action tracker groups open items by
    owner; an ownerless item has nobody to follow it up.

    ## Example

    Fails:

    ```markdown
    ## Action Items

    | Action                            | Owner | Due        | Status |
    |-----------------------------------|-------|------------|--------|
    | Alert on the webhook failure rate |       | 2026-09-01 | To Do  |
    ```

    Passes:

    ```markdown
    ## Action Items

    | Action                            | Owner     | Due        | Status |
    |-----------------------------------|-----------|------------|--------|
    | Alert on the webhook failure rate | Ana Lopez | 2026-09-01 | To Do  |

    - [ ] Track secret expiry dates - Owner: Li Wei - Due: 2026-10-01
    ```

    ## How to fix it

    Name an owner in the Owner column (or `- Owner: Name` on a checklist item).
    """
    for action in _committed(ctx):
        if not (action.owner or "").strip():
            yield Finding(
                action.line,
                f"action item {quote(action.text)} has no owner; "
                + _where_to_write(action, "Owner", "Owner: Name"),
            )


@rule("PM302", "action-without-deadline", ERROR, completeness=True, reads_body=True)
def action_without_deadline(ctx: Context) -> Iterator[Finding]:
    """action item without a deadline

    ## What it checks

    An action item has no deadline. Items marked done need none; nor do won't-do
    items or items under a backlog sub-heading (`backlog_sections`).

    On a draft it is a warning: drafts are still being written.

    ## Why it matters

    Without a date an action is a wish; the tracker cannot tell what is overdue.

    ## Example

    Fails:

    ```markdown
    ## Action Items

    | Action                            | Owner     | Due | Status |
    |-----------------------------------|-----------|-----|--------|
    | Alert on the webhook failure rate | Ana Lopez |     | To Do  |
    ```

    Passes:

    ```markdown
    ## Action Items

    | Action                            | Owner     | Due        | Status |
    |-----------------------------------|-----------|------------|--------|
    | Alert on the webhook failure rate | Ana Lopez | 2026-09-01 | To Do  |
    | Deploy a new signing secret       | Li Wei    |            | Done   |

    ### Backlog

    | Action                                   | Owner | Due | Status |
    |------------------------------------------|-------|-----|--------|
    | Poll the provider when webhooks go quiet |       |     | To Do  |
    ```

    ## How to fix it

    Add a date in the Due / Échéance column (or `- Due: YYYY-MM-DD`), or move the item under a Backlog heading if it is an idea rather than a commitment.
    """
    for action in _committed(ctx):
        if action.status == "done" or (action.due_raw or "").strip() or action.due is not None:
            continue
        yield Finding(
            action.line,
            f"action item {quote(action.text)} has no deadline; "
            + _where_to_write(action, "Due", "Due: YYYY-MM-DD"),
        )


@rule("PM303", "action-deadline-invalid", ERROR, reads_body=True)
def action_deadline_invalid(ctx: Context) -> Iterator[Finding]:
    """action item deadline is not a date, or is before the incident

    ## What it checks

    An action item's deadline is not a date (`someday`, `next sprint`), or is a date
    before the incident.

    ## Why it matters

    Such a deadline can never be checked; a deadline before the incident is
    usually the wrong year.

    ## Example

    Fails:

    ```markdown
    ## Action Items

    | Action                            | Owner     | Due        | Status |
    |-----------------------------------|-----------|------------|--------|
    | Alert on the webhook failure rate | Ana Lopez | someday    | To Do  |
    | Track secret expiry dates         | Li Wei    | 2025-03-01 | To Do  |
    ```

    Passes:

    ```markdown
    ## Action Items

    | Action                            | Owner     | Due        | Status |
    |-----------------------------------|-----------|------------|--------|
    | Alert on the webhook failure rate | Ana Lopez | 2026-09-01 | To Do  |
    | Track secret expiry dates         | Li Wei    | 2026-10-01 | To Do  |
    ```

    ## How to fix it

    Write the deadline as YYYY-MM-DD, after the incident.
    """
    incident_day = ctx.pm.phase_day
    for action in ctx.pm.actions:
        if action.due is None and (action.due_raw or "").strip():
            if is_placeholder_value(action.due_raw):
                continue  # a template's "[Date]" is PM103's to report
            yield Finding(action.line, _not_a_date(action))
        elif action.due is not None and incident_day is not None and action.due < incident_day:
            yield Finding(
                action.line,
                f"deadline {action.due.isoformat()} of action item {quote(action.text)} is before "
                f"the incident ({incident_day.isoformat()}); correct the date",
            )


_DAY_MONTH = re.compile(r"^\d{1,2}[/.]\d{1,2}$")


def _not_a_date(action: ActionItem) -> str:
    """The reader leaves a deadline it cannot read as None: say why, and how to write it."""
    raw = action.due_raw.strip()
    if _DAY_MONTH.match(raw) and (read := read_date(raw, date(2000, 1, 1))) is not None:
        return (
            f"deadline {quote(raw)} of action item {quote(action.text)} has no year and the incident "
            f"date is unknown; write the full date, YYYY-{read.month:02d}-{read.day:02d} with its year"
        )
    return (
        f"deadline {quote(raw)} of action item {quote(action.text)} is not a date; write it as "
        "YYYY-MM-DD (or 01/03/2026, 1 mars 2026)"
    )


@rule("PM304", "action-overdue", WARNING, reads_body=True, dated=True)
def action_overdue(ctx: Context) -> Iterator[Finding]:
    """open action item past its deadline

    ## What it checks

    An action item that is still open or in progress is past its deadline. "Today"
    is the build date: `build_date` in the config, else `SOURCE_DATE_EPOCH`, else
    the day of the build. Items done or won't do are never overdue.

    ## Why it matters

    Overdue actions are how the same incident happens twice. The warning keeps
    them visible on every build; the action tracker lists them first.

    ## Example

    On a site built on 2026-06-01:

    Fails:

    ```markdown
    ## Action Items

    | Action                            | Owner     | Due        | Status      |
    |-----------------------------------|-----------|------------|-------------|
    | Alert on the webhook failure rate | Ana Lopez | 2026-04-01 | In Progress |
    ```

    Passes:

    ```markdown
    ## Action Items

    | Action                            | Owner     | Due        | Status |
    |-----------------------------------|-----------|------------|--------|
    | Alert on the webhook failure rate | Ana Lopez | 2026-04-01 | Done   |
    ```

    ## How to fix it

    Mark the item done, or agree a new deadline and write it down. On a site that builds old postmortems, `rules: {PM304: off}` keeps builds quiet while the tracker still shows overdue items.
    """
    today = ctx.settings.build_date
    for action in ctx.pm.actions:
        if is_overdue(action, today):
            days = (today - action.due).days
            yield Finding(
                action.line,
                f"action item {quote(action.text)} was due {action.due.isoformat()} "
                f"({days} day{'s' * (days != 1)} ago) and is still {action.status}; "
                "mark it done, or agree a new deadline and write it down",
            )


@rule("PM305", "no-action-items", ERROR, completeness=True, reads_body=True)
def no_action_items(ctx: Context) -> Iterator[Finding]:
    """no action items at all

    ## What it checks

    The postmortem has no action items at all: no table row, no checklist item
    under the action sections, no `actions:` in the front matter. (A missing or
    empty action section is reported by PM101 or PM102 instead.)

    On a draft it is a warning: drafts are still being written.

    ## Why it matters

    A postmortem that changes nothing is a story, not a postmortem. Even "no change
    needed" deserves an item saying who decided it.

    ## Example

    Fails:

    ```markdown
    ## Action Items

    Nothing to do, the fix is deployed.
    ```

    Passes:

    ```markdown
    ## Action Items

    - [ ] Alert on the webhook failure rate - Owner: Ana Lopez - Due: 2026-09-01
    ```

    ## How to fix it

    List what will change, as a table (Action | Owner | Due | Status) or a checklist.
    """
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
        line,
        "no action items; list what will change, as a table (Action | Owner | Due | Status) "
        "or a checklist (`- [ ] Add a canary - Owner: Ana - Due: 2026-04-01`)",
    )

