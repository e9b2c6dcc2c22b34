"""Timeliness rules: PM501 (a P1/P2 postmortem published late), PM502 (still a
draft past the deadline). Days and severities come from the configuration
(`publish_deadline_days`, `publish_deadline_severities`); "now" is the build date.

A non-draft postmortem without `published:` is treated as published late once
the deadline has passed: nothing says when it was completed, and the fix (add
the date) is one line.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import ERROR, WARNING
from .context import Context, Finding
from .rule import rule


def _applies(ctx: Context) -> bool:
    pm = ctx.pm
    return pm.severity in ctx.settings.publish_deadline_severities and pm.resolved is not None


@rule("PM501", "published-late", ERROR)
def pm501(ctx: Context) -> Iterator[Finding]:
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
    pm, days = ctx.pm, ctx.settings.publish_deadline_days
    if not _applies(ctx) or pm.is_draft:
        return
    resolved = pm.resolved.date()
    if pm.published is not None:
        late = (pm.published - resolved).days
        if late > days:
            yield Finding(
                "PM501", pm.field_lines.get("published", 1),
                f"{pm.severity} postmortem published {late} days after resolution "
                f"({pm.published.isoformat()}, resolved {resolved.isoformat()}); the deadline is "
                f"{days} days: write {pm.severity} postmortems sooner, or set "
                "`publish_deadline_days` to the team's own rule",
            )
    elif (ctx.settings.build_date - resolved).days > days:
        yield Finding(
            "PM501", pm.field_lines.get("status", 1),
            f"{pm.severity} postmortem has no `published:` date and was resolved "
            f"{(ctx.settings.build_date - resolved).days} days ago (deadline {days} days); "
            "add `published: YYYY-MM-DD`, the day it was completed",
        )


@rule("PM502", "draft-past-deadline", WARNING)
def pm502(ctx: Context) -> Iterator[Finding]:
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
    pm, days = ctx.pm, ctx.settings.publish_deadline_days
    if not _applies(ctx) or not pm.is_draft:
        return
    waited = (ctx.settings.build_date - pm.resolved.date()).days
    if waited > days:
        yield Finding(
            "PM502", pm.field_lines.get("status", 1),
            f"{pm.severity} postmortem is still a draft {waited} days after resolution "
            f"(deadline {days} days); finish it and set its status to in-review",
        )

