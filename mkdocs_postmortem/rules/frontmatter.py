"""Front matter rules: PM001 (missing or unreadable), PM002 (required field),
PM003 (a bad value), PM004 (phase order), PM005 (a field name that looks like a
typo). PM001 and PM003 report what the reader saw (`pm.problems`): it alone
reads the YAML and each field's value."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from datetime import datetime

import yaml

from ..field_table import FIELD_NAMES, required_fields
from ..model import ERROR, PHASES, WARNING, Postmortem, ProblemKind
from ..read.aliases import alias_table
from ..read.profiles import profile_named
from ..zones import zone
from .context import Context, Finding
from .rule import rule

# Fields MkDocs, Material and common plugins read from page meta: known, never typos.
SITE_FIELDS = (
    "description", "hide", "search", "icon", "subtitle", "comments", "date",
    "categories", "draft", "slug", "links", "readtime", "pin", "social", "robots", "nav_title",
    "summary", "toc",
)
# Known: the fields of design section 3 with `postmortem` and `template` (FIELD_NAMES), and those.
_KNOWN = FIELD_NAMES + SITE_FIELDS
# Problems of the front matter as a whole point at its opening line.
FIRST_LINE = 1

_EXAMPLE_VALUE = {
    "title": "title: Checkout unavailable after a secret rotation",
    "severity": "severity: P2",
    "services": "services: [checkout]",
    "started": "started: 2026-03-04 14:00",
    "resolved": "resolved: 2026-03-04 15:10",
}


@rule("PM001", "front-matter-invalid", ERROR)
def front_matter_invalid(ctx: Context) -> Iterator[Finding]:
    """front matter missing, not YAML, or not a mapping

    ## What it checks

    The file has no front matter, or its front matter is not valid YAML, or it is
    YAML but not a mapping of `field: value` pairs (a list, a bare string). The
    diagnostic points at the line of the YAML error when there is one, else at line 1.
    A YAML "alias bomb" (anchors that expand to billions of nodes) is refused here too.

    The same code reports a postmortem that cannot be read at all, with its path, in
    `mkdocs build` and `mkdocs-postmortem check` alike: a file the build's user may
    not read, a symbolic link to a file that does not exist, a symbolic link that
    leads outside `docs_dir` (not read: copy the file into the handbook instead), and
    a folder under the postmortem folder that cannot be listed (its postmortems would
    otherwise go unchecked without a word). Such a file is left out of the site.

    ## Why it matters

    Every other check, every chart and every generated page starts from the front
    matter: the severity, the services and the phase times. Without it the postmortem
    cannot be indexed, counted or charted.

    ## Example

    Fails:

    ```markdown
    # Checkout outage

    ## Summary
    ...
    ```

    Passes:

    ```markdown
    ---
    title: Checkout outage
    severity: P2
    services: [checkout]
    started: 2026-03-04 14:00
    resolved: 2026-03-04 15:10
    ---

    # Checkout outage
    ```

    ## How to fix it

    Start the file with a YAML block between two `---` lines. If the diagnostic names a YAML error, quote values that contain `: ` or start with `[`, `{`, `*` or `&`.
    """
    # The reader records a missing front matter, YAML it cannot read, and any part
    # of the file it could not read (a NUL byte, a step that failed).
    yield from ctx.seen(ProblemKind.UNREADABLE)


@rule("PM002", "required-field-missing", ERROR)
def required_field_missing(ctx: Context) -> Iterator[Finding]:
    """required field missing (title, severity, services; started and resolved outside drafts)

    ## What it checks

    A required field is missing: `title` and `severity` always; `services` (at least
    one service), `started` and `resolved` as well unless the postmortem is a draft.
    A value written under another tool's name (`start_time`, `affected_services`)
    counts. A value the body states (a summary line such as `**Severity**: P2`, a
    `## Severity` section, a window such as `from 16:58 to 18:46 UTC`, a timeline
    entry marked `Outage begins`) fills the model, so the handbook's pages and
    charts use it, but the field is still reported as missing from the front
    matter, with the value and line the body gives:
    `mkdocs-postmortem fix FILE` writes it there (see [Command line](../cli.md)).

    ## Why it matters

    These are the facts the handbook is organised by: severity pages, service
    pages, time-to-resolve trends. A postmortem without them disappears from the
    indexes that readers use to find it.

    ## Example

    Fails:

    ```yaml
    ---
    title: Checkout outage
    severity: P2
    started: 2026-03-04 14:00
    resolved: 2026-03-04 15:10
    ---
    ```

    Passes:

    ```yaml
    ---
    title: Checkout outage
    severity: P2
    services: [checkout, payments]
    started: 2026-03-04 14:00
    resolved: 2026-03-04 15:10
    ---
    ```

    ## How to fix it

    Add the field named in the message.
    """
    pm = ctx.pm
    for name in required_fields(draft=pm.is_draft):
        # A value that is written but wrong (an unknown severity, an impossible
        # date) is PM003's, reported where it is written; here: nothing written.
        if (pm.field_sources.get(name) == "front-matter" and getattr(pm, name)) or written_in_front_matter(pm, name):
            continue
        line = pm.field_lines.get(name, FIRST_LINE)
        empty = "is empty" if name in pm.front_matter else "is missing"
        found = _found_in_body(pm, name)
        if found:
            yield Finding(
                line,
                f"required field `{name}` {empty} from the front matter; the body states {found}: "
                f"run `mkdocs-postmortem fix {pm.path}` to write it there, or write {_front_matter_line(pm, name)}",
            )
            continue
        yield Finding(line, f"required field `{name}` {empty}; {_how_to_write(pm, name)}")


def written_in_front_matter(pm: Postmortem, name: str) -> bool:
    """Whether the front matter holds a value for `name`, under its own key or the alias it was read from."""
    key = pm.source_keys.get(name, name)
    value = pm.front_matter.get(key)
    return value not in (None, "", [], {})


def _how_to_write(pm: Postmortem, name: str) -> str:
    """A missing phase time is written next to the one the file gives; other fields get an example."""
    known = next((phase for phase in ("started", "resolved") if phase != name and getattr(pm, phase)), None)
    if name in PHASES and known is not None:
        return (
            f"write it in the front matter as `{name}: YYYY-MM-DD HH:MM` "
            f"({known}: {_local(pm, getattr(pm, known))})"
        )
    return f"write it in the front matter, e.g. `{_EXAMPLE_VALUE[name]}`"


def _local(pm: Postmortem, moment: datetime) -> str:
    """A time as the front matter writes it: in the postmortem's zone, without an offset."""
    tz = zone(pm.timezone)
    return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M") if tz else moment.isoformat(sep=" ", timespec="minutes")


def _front_matter_line(pm: Postmortem, name: str) -> str:
    """The front matter line(s) that give `name` the value the body states, as `fix` would write them."""
    value = getattr(pm, name)
    if isinstance(value, datetime):
        line = f"`{name}: {_local(pm, value)}`"
        if pm.field_sources.get("timezone") == "body" and not written_in_front_matter(pm, "timezone"):
            line += f" with `timezone: {pm.timezone}`"  # the body's zone, which the time is in
        return line
    if isinstance(value, list):
        dumped = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=4096).strip()
        return f"`{name}: {dumped}`"
    return f"`{yaml.safe_dump({name: value}, allow_unicode=True, width=4096).strip()}`"


def _found_in_body(pm, name: str) -> str | None:
    """What the body says for a field, and where, when the field came from the body."""
    if pm.field_sources.get(name) != "body":
        return None
    value = getattr(pm, name)
    shown = ", ".join(value) if isinstance(value, list) else _show(value) if hasattr(value, "isoformat") else str(value)
    line = pm.source_lines.get(name)
    return f"{shown} (line {line})" if line else shown


@rule("PM003", "field-invalid", ERROR, capped=False)
def field_invalid(ctx: Context) -> Iterator[Finding]:
    """field of the wrong type or value (bad date, unknown severity, status or time zone)

    ## What it checks

    A field has a value of the wrong type or an unknown value: a date that does not
    exist (`2026-02-30`), a time that cannot be read, a severity that is neither a
    configured level nor an alias (`P9`), an unknown status, an unknown IANA time zone
    (`Europe/Pariss`), a list where a single value is expected.

    Dates and times are read between the years 1900 and 2199, in their zone:
    `resolved: 9999-12-31 23:00` in `America/New_York` is a valid wall time whose
    instant no computer clock library can place, and is reported here on its line
    (front matter, a body fact such as `Date: ...`, or a timeline row) instead of
    stopping the build. A `template:` that is not the name of a page template of
    the site's theme (`template: [[a]]`, a file that does not exist, a partial such
    as `partials/toc-item.html`) is reported here too, and left out so that MkDocs
    renders the theme's page.

    ## Why it matters

    A wrong value is silently worse than a missing one: it would put the incident
    on the wrong day, in the wrong severity, or in no group at all.

    ## Example

    Fails:

    ```yaml
    ---
    severity: P9
    started: 2026-02-30 14:00
    timezone: Europe/Pariss
    ---
    ```

    Passes:

    ```yaml
    ---
    severity: P2            # or an alias: SEV2, major, majeur, high
    started: 2026-02-28 14:00
    timezone: Europe/Paris
    ---
    ```

    ## How to fix it

    Correct the value; the message says which values are accepted. Severity levels and aliases are configurable (`severities`, `severity_aliases`).
    """
    # The reader, which reads each value, records those it could not take.
    yield from ctx.seen(ProblemKind.WRONG_VALUE)



@rule("PM004", "phases-out-of-order", ERROR)
def phases_out_of_order(ctx: Context) -> Iterator[Finding]:
    """started ≤ detected ≤ acknowledged ≤ mitigated ≤ resolved is violated

    ## What it checks

    The phase times are out of order. They must follow
    `started ≤ detected ≤ acknowledged ≤ mitigated ≤ resolved`; fields that are
    absent are skipped. The diagnostic points at the field that comes too early.

    ## Why it matters

    TTD, TTA, TTM and TTR are differences between these times; out of order, they
    become negative and every chart and median they feed is wrong. It is almost
    always a typo or a time zone slip.

    ## Example

    Fails:

    ```yaml
    started: 2026-03-04 14:00
    detected: 2026-03-04 14:12
    acknowledged: 2026-03-04 14:02   # before detected
    ```

    Passes:

    ```yaml
    started: 2026-03-04 14:00
    detected: 2026-03-04 14:12
    acknowledged: 2026-03-04 14:20
    ```

    ## How to fix it

    Correct one of the two times named in the message; check the `timezone` when times were copied from a tool that shows UTC.
    """
    pm = ctx.pm
    latest_name, latest = None, None
    for name in PHASES:
        moment = getattr(pm, name)
        if moment is None:
            continue
        if latest is not None and moment < latest:
            yield Finding(
                _field_line(ctx, name),
                f"`{name}` ({_show(moment)}) is before `{latest_name}` ({_show(latest)}); "
                "phases must follow started ≤ detected ≤ acknowledged ≤ mitigated ≤ resolved, "
                "so correct one of the two times",
            )
            continue  # compare the next phase with the last one in order
        latest_name, latest = name, moment


@rule("PM005", "field-typo", WARNING)
def field_typo(ctx: Context) -> Iterator[Finding]:
    """unknown front matter field that looks like a typo of a known one

    ## What it checks

    A front matter field is unknown but very close to a known one, such as
    `severitiy` for `severity` or `servics` for `services`. Other unknown fields
    are fine: they are kept and passed to templates, which is how teams extend the schema.
    Only a file written in the plugin's format has typos of ours: in one that
    holds a key only another tool writes (`aliases`, `layout`, `cssclasses`),
    or whose front matter is TOML or JSON, every key is that tool's.

    ## Why it matters

    A misspelt field is ignored without a word: the postmortem then looks as if it
    had no severity, or as if the value came from the body.

    ## Example

    Fails:

    ```yaml
    severitiy: P2
    ```

    Passes:

    ```yaml
    severity: P2
    cost_center: retail    # unknown but not a typo: kept, no warning
    ```

    ## How to fix it

    Rename the field as the message suggests.
    """
    aliases = alias_table(ctx.settings.field_aliases)
    profile = profile_named(ctx.pm.front_matter_profile)
    if _follows_other_format(ctx, profile, aliases):
        return  # every key is that tool's: a name close to ours is a coincidence, not our typo
    for key in ctx.pm.front_matter:
        name = str(key)
        if name in _KNOWN or name.lower() in aliases:  # another tool's name for a field: not a typo
            continue
        if profile is not None and name in profile.keys:  # a key of the tool the file was written with
            continue
        close = difflib.get_close_matches(name.lower(), FIELD_NAMES, n=1, cutoff=0.8)
        if close:
            yield Finding(
                ctx.pm.field_lines.get(name, FIRST_LINE),
                f"unknown field `{name}` looks like a typo of `{close[0]}`; rename it to "
                f"`{close[0]}` (fields the plugin does not know are otherwise kept as they are)",
            )


def _follows_other_format(ctx: Context, profile, aliases) -> bool:
    """The file is written in another tool's format: its front matter is in a
    language the plugin never writes (TOML, JSON), or it holds a key of a known
    tool that is no field of ours (`aliases`, `layout`, `cssclasses`). An unknown
    key is a typo of ours only in a file written in our format."""
    if ctx.pm.front_matter_format != "yaml":
        return True
    if profile is None:
        return False
    return any(
        str(key) in profile.keys and str(key) not in _KNOWN and str(key).lower() not in aliases
        for key in ctx.pm.front_matter
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

