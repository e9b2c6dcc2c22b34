"""Timeliness rules: PM501 (a P1/P2 postmortem published late), PM502 (still a
draft past the deadline). Days and severities come from the configuration
(`publish_deadline_days`, `publish_deadline_severities`); "now" is the build date.

A non-draft postmortem without `published:` is treated as published late once
the deadline has passed: nothing says when it was completed, and the fix (add
the date) is one line.
"""

from __future__ import annotations

from collections.abc import Iterator

from .context import Context, Finding


def _applies(ctx: Context) -> bool:
    pm = ctx.pm
    return pm.severity in ctx.settings.publish_deadline_severities and pm.resolved is not None


def pm501(ctx: Context) -> Iterator[Finding]:
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


def pm502(ctx: Context) -> Iterator[Finding]:
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


CHECKS = {"PM501": pm501, "PM502": pm502}
