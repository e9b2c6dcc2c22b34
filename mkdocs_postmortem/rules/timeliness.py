"""Timeliness rules: PM501 (a P1/P2 postmortem published late), PM502 (still a
draft past the deadline). Days and severities come from the configuration
(`publish_deadline_days`, `publish_deadline_severities`); "now" is the build date.

A non-draft postmortem without `published:` is treated as published late once
the deadline has passed: nothing says when it was completed, and the fix (add
the date) is one line.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..incident import NOT_DATED, PUBLISHED_LATE, STILL_DRAFT, Lateness, lateness
from ..model import ERROR, WARNING
from .context import Context, Finding
from .rule import rule


def _message(late: Lateness) -> str:
    """The lateness as a terminal reads it, with what to write (the overview words it itself)."""
    severity, days, deadline = late.severity, late.days, late.deadline
    if late.kind == STILL_DRAFT:
        return (
            f"{severity} postmortem is still a draft {days} days after resolution "
            f"(deadline {deadline} days); finish it and set its status to in-review"
        )
    if late.kind == PUBLISHED_LATE:
        return (
            f"{severity} postmortem published {days} days after resolution "
            f"({late.published.isoformat()}, resolved {late.resolved.isoformat()}); the deadline is "
            f"{deadline} days: write {severity} postmortems sooner, or set "
            "`publish_deadline_days` to the team's own rule"
        )
    return (  # NOT_DATED
        f"{severity} postmortem has no `published:` date and was resolved "
        f"{days} days ago (deadline {deadline} days); "
        "add `published: YYYY-MM-DD`, the day it was completed"
    )


def _findings(ctx: Context, *kinds: str) -> Iterator[Finding]:
    late = lateness(ctx.pm, ctx.settings)
    if late is not None and late.kind in kinds:
        yield Finding(late.line, _message(late))


@rule("PM501", "published-late", ERROR, dated=True)
def published_late(ctx: Context) -> Iterator[Finding]:
    """P1/P2 postmortem published more than 5 days after resolution

    ## What it checks

    A P1 or P2 postmortem was published more than 5 days after the incident was
    resolved (`published` − `resolved`). A postmortem that is not a draft and has no
    `published:` date is reported once the deadline has passed, asking for the date.
    Days and severities are configurable: `publish_deadline_days`,
    `publish_deadline_severities`.

    ## Why it matters

    Memories and logs fade fast; the serious incidents are the ones that need the
    postmortem while people still remember the details.

    ## Example

    Fails:

    ```yaml
    severity: P1
    resolved: 2026-03-04 15:10
    published: 2026-03-20
    ```

    Passes:

    ```yaml
    severity: P1
    resolved: 2026-03-04 15:10
    published: 2026-03-06
    ```

    ## How to fix it

    Add or correct `published:`, or adapt `publish_deadline_days` to the team's rule.
    """
    return _findings(ctx, PUBLISHED_LATE, NOT_DATED)


@rule("PM502", "draft-past-deadline", WARNING, dated=True)
def draft_past_deadline(ctx: Context) -> Iterator[Finding]:
    """P1/P2 postmortem still a draft more than 5 days after resolution

    ## What it checks

    A P1 or P2 postmortem is still a draft more than 5 days (configurable) after
    resolution, counted to the build date.

    ## Why it matters

    A draft nobody finishes is a postmortem that never happened; this warning keeps
    it on the overview's "needs attention" list.

    ## Example

    Fails:

    ```yaml
    severity: P2
    status: draft
    resolved: 2026-03-04 15:10   # built on 2026-06-01
    ```

    Passes:

    ```yaml
    severity: P2
    status: in-review
    resolved: 2026-03-04 15:10
    published: 2026-03-06
    ```

    ## How to fix it

    Finish the postmortem and change its status.
    """
    return _findings(ctx, STILL_DRAFT)
