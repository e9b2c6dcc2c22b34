"""Front matter rules: PM001 (missing), PM002 (required field), PM004 (phase order),
PM005 (a field name that looks like a typo). PM003 (a bad value) is seen only
by the reader and arrives through `pm.problems`."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from ..model import PHASES
from ..read.aliases import alias_table
from .context import Context, Finding

# The fields of design section 3, and `postmortem` (per-file rule settings).
POSTMORTEM_FIELDS = (
    "title", "id", "severity", "status", "services", "started", "detected", "acknowledged",
    "mitigated", "resolved", "published", "authors", "reviewers", "teams", "tags", "related",
    "timezone", "impact", "timeline", "actions", "five_whys", "postmortem", "template",
)
# Fields MkDocs, Material and common plugins read from page meta: known, never typos.
SITE_FIELDS = (
    "description", "hide", "search", "icon", "subtitle", "comments", "date",
    "categories", "draft", "slug", "links", "readtime", "pin", "social", "robots", "nav_title",
    "summary", "toc",
)
_KNOWN = POSTMORTEM_FIELDS + SITE_FIELDS
# Problems of the front matter as a whole point at its opening line.
FIRST_LINE = 1

_EXAMPLE_VALUE = {
    "title": "title: Checkout unavailable after a secret rotation",
    "severity": "severity: P2",
    "services": "services: [checkout]",
    "started": "started: 2026-03-04 14:00",
    "resolved": "resolved: 2026-03-04 15:10",
}


def pm001(ctx: Context) -> Iterator[Finding]:
    # The reader reports YAML that it cannot read; only a file without any
    # front matter is left to say here.
    if not ctx.pm.front_matter_present and not any(p.code == "PM001" for p in ctx.pm.problems):
        yield Finding(
            "PM001", 1,
            "no front matter; start the file with a YAML block between '---' lines "
            "giving at least title, severity and services",
        )


def pm002(ctx: Context) -> Iterator[Finding]:
    pm = ctx.pm
    required = ["title", "severity"]
    if not pm.is_draft:
        # A draft is opened while facts are still being gathered: which services
        # were hit and when it all started are often settled in review.
        required += ["services", "started", "resolved"]
    for name in required:
        # A value that is written but wrong (an unknown severity, an impossible
        # date) is PM003's, reported where it is written; here: nothing written.
        if (pm.field_sources.get(name) == "front-matter" and getattr(pm, name)) or _written(pm, name):
            continue
        line = pm.field_lines.get(name, FIRST_LINE)
        empty = "is empty" if name in pm.front_matter else "is missing"
        found = _found_in_body(pm, name)
        if found:
            yield Finding(
                "PM002", line,
                f"required field `{name}` {empty} from the front matter; the body states {found}: "
                f"run `mkdocs-postmortem fix {pm.path}` to write it there, or write `{_EXAMPLE_VALUE[name]}`",
            )
            continue
        yield Finding(
            "PM002", line,
            f"required field `{name}` {empty}; write it in the front matter, e.g. `{_EXAMPLE_VALUE[name]}`",
        )


def _written(pm, name: str) -> bool:
    key = pm.source_keys.get(name, name)
    value = pm.front_matter.get(key)
    return value not in (None, "", [], {})


def _found_in_body(pm, name: str) -> str | None:
    """What the body says for a field, and where, when the field came from the body."""
    if pm.field_sources.get(name) != "body":
        return None
    value = getattr(pm, name)
    shown = ", ".join(value) if isinstance(value, list) else (
        value.isoformat(sep=" ", timespec="minutes") if hasattr(value, "isoformat") else str(value)
    )
    line = pm.source_lines.get(name)
    return f"{shown} (line {line})" if line else shown


def pm004(ctx: Context) -> Iterator[Finding]:
    pm = ctx.pm
    latest_name, latest = None, None
    for name in PHASES:
        moment = getattr(pm, name)
        if moment is None:
            continue
        if latest is not None and moment < latest:
            yield Finding(
                "PM004", _field_line(ctx, name),
                f"`{name}` ({_show(moment)}) is before `{latest_name}` ({_show(latest)}); "
                "phases must follow started ≤ detected ≤ acknowledged ≤ mitigated ≤ resolved, "
                "so correct one of the two times",
            )
            continue  # compare the next phase with the last one in order
        latest_name, latest = name, moment


def pm005(ctx: Context) -> Iterator[Finding]:
    aliases = alias_table(ctx.settings.field_aliases)
    for key in ctx.pm.front_matter:
        name = str(key)
        if name in _KNOWN or name.lower() in aliases:  # another tool's name for a field: not a typo
            continue
        close = difflib.get_close_matches(name.lower(), POSTMORTEM_FIELDS, n=1, cutoff=0.8)
        if close:
            yield Finding(
                "PM005", ctx.pm.field_lines.get(name, FIRST_LINE),
                f"unknown field `{name}` looks like a typo of `{close[0]}`; rename it to "
                f"`{close[0]}` (fields the plugin does not know are otherwise kept as they are)",
            )


def _field_line(ctx: Context, name: str) -> int:
    pm = ctx.pm
    if name in pm.field_lines:
        return pm.field_lines[name]
    stated = pm.stated.get(name)
    if stated is not None:
        return stated.line
    for event in pm.timeline:
        if event.phase == name:
            return event.line
    return FIRST_LINE


def _show(moment) -> str:
    return moment.isoformat(sep=" ", timespec="minutes")


CHECKS = {"PM001": pm001, "PM002": pm002, "PM004": pm004, "PM005": pm005}
