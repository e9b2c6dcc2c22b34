"""Timeliness rules: PM501 (a P1/P2 postmortem published late), PM502 (still a
draft past the deadline). Days and severities come from the configuration
(`publish_deadline_days`, `publish_deadline_severities`); "now" is the build date.

A non-draft postmortem without `published:` is treated as published late once
the deadline has passed: nothing says when it was completed, and the fix (add
the date) is one line.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..settings import Settings
from ..model import ERROR, WARNING, Postmortem
from .context import Context, Finding
from .rule import rule


def lateness(pm: Postmortem, settings: Settings) -> Finding | None:
    """How the postmortem is late, if it is: published past the deadline (or, not a
    draft, with no `published:` once the deadline has passed), PM501; still a draft
    past it, PM502. A fact about the incident, whatever the rules' levels: PM501/PM502
    report it, and the overview lists it even where they are switched off."""
    days = settings.publish_deadline_days
    if pm.severity not in settings.publish_deadline_severities or pm.resolved is None:
        return None
    resolved = pm.resolved.date()
    waited = (settings.build_date - resolved).days
    if pm.is_draft:
        if waited > days:
            return Finding(
                "PM502", pm.field_lines.get("status", 1),
                f"{pm.severity} postmortem is still a draft {waited} days after resolution "
                f"(deadline {days} days); finish it and set its status to in-review",
            )
        return None
    if pm.published is not None:
        late = (pm.published - resolved).days
        if late > days:
            return Finding(
                "PM501", pm.field_lines.get("published", 1),
                f"{pm.severity} postmortem published {late} days after resolution "
                f"({pm.published.isoformat()}, resolved {resolved.isoformat()}); the deadline is "
                f"{days} days: write {pm.severity} postmortems sooner, or set "
                "`publish_deadline_days` to the team's own rule",
            )
        return None
    if waited > days:
        return Finding(
            "PM501", pm.field_lines.get("status", 1),
            f"{pm.severity} postmortem has no `published:` date and was resolved "
            f"{waited} days ago (deadline {days} days); "
            "add `published: YYYY-MM-DD`, the day it was completed",
        )
    return None


@rule("PM501", "published-late", ERROR, dated=True)
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
    finding = lateness(ctx.pm, ctx.settings)
    if finding is not None and finding.code == "PM501":
        yield finding


@rule("PM502", "draft-past-deadline", WARNING, dated=True)
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
    finding = lateness(ctx.pm, ctx.settings)
    if finding is not None and finding.code == "PM502":
        yield finding
