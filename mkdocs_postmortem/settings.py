"""The plain `Settings` the pipeline reads, made from the plugin's options.

The reader, the rules, the handbook and the render stage read these, never
MkDocs' config classes (`config.py`), so that they run the same under the
CLI, under MkDocs or ProperDocs, and inside a Python-Markdown extension.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any

DEFAULT_SEVERITIES = ["P1", "P2", "P3", "P4"]

# Alias -> canonical level. Keys are compared after folding (case, accents).
DEFAULT_SEVERITY_ALIASES = {
    "sev1": "P1",
    "sev-1": "P1",
    "sev 1": "P1",
    "critical": "P1",
    "critique": "P1",
    "sev2": "P2",
    "sev-2": "P2",
    "sev 2": "P2",
    "major": "P2",
    "majeur": "P2",
    "majeure": "P2",
    "high": "P2",
    "haute": "P2",
    "elevee": "P2",
    "sev3": "P3",
    "sev-3": "P3",
    "sev 3": "P3",
    "minor": "P3",
    "mineur": "P3",
    "mineure": "P3",
    "medium": "P3",
    "moyenne": "P3",
    "sev4": "P4",
    "sev-4": "P4",
    "sev 4": "P4",
    "low": "P4",
    "faible": "P4",
    "basse": "P4",
}

DEFAULT_MANDATORY_SECTIONS = ["summary", "timeline", "impact", "root_cause", "actions", "lessons"]
RULE_LEVELS = ("error", "warning", "off")
DEFAULT_MAX_FILE_SIZE = 1_000_000


@dataclass(frozen=True)
class Settings:
    """What the pipeline needs to know, independent of MkDocs."""

    folder: str = "postmortems"
    default_timezone: str = "UTC"
    severities: tuple[str, ...] = tuple(DEFAULT_SEVERITIES)
    severity_aliases: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_SEVERITY_ALIASES))
    mandatory_sections: tuple[str, ...] = tuple(DEFAULT_MANDATORY_SECTIONS)
    rules: dict[str, str] = field(default_factory=dict)
    publish_deadline_days: int = 5
    publish_deadline_severities: tuple[str, ...] = ("P1", "P2")
    backlog_sections: tuple[str, ...] = ("backlog",)
    build_date: date = field(default_factory=lambda: build_date_from_environment())
    ttr_from: str = "started"
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    # Names of the templates the site's theme has (for a postmortem's `template:`);
    # None when they are not known, and then not checked.
    page_templates: frozenset[str] | None = None
    enforce_from: date | None = None
    zone_abbreviations: tuple[tuple[str, str], ...] = ()
    field_aliases: tuple[tuple[str, str], ...] = ()
    # `ticket_url` as (key, template) pairs: "#" for `#123`, a project key, "*" for the rest (read/tickets.py).
    ticket_urls: tuple[tuple[str, str], ...] = ()
    # The Atom feed (render/feed.py) and the calendars of deadlines (render/calendar.py).
    feed: bool = True
    feed_entries: int = 20
    calendar: bool = True

    def __hash__(self) -> int:  # dict fields are not hashable; identity is enough
        return id(self)


def build_date_from_environment(override: str | None = None) -> date:
    """The day "overdue" and "late" are measured against.

    An explicit option wins, then SOURCE_DATE_EPOCH (reproducible builds),
    then today.
    """
    if override:
        return date.fromisoformat(str(override))
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
    return datetime.now(tz=timezone.utc).date()


class SettingsError(ValueError):
    """An option value that validates as a type but makes no sense."""


def settings_from_config(config: Mapping[str, Any] | Any) -> Settings:
    get = config.get if isinstance(config, dict) else config.__getitem__
    try:
        build_date = build_date_from_environment(get("build_date"))
    except ValueError:
        raise SettingsError(
            f"build_date {get('build_date')!r} is not a date; write it as YYYY-MM-DD"
        ) from None
    workers = _optional(config, "workers")
    if workers is not None and (isinstance(workers, bool) or workers < 0):
        raise SettingsError(f"workers is {workers}; give 0 (one process per CPU) or a number of processes, 1 for none")
    severities = tuple(get("severities"))
    if not severities:
        raise SettingsError("severities is empty; list at least one level, e.g. [P1, P2, P3, P4]")
    from .zones import check_timezone_name

    problem = check_timezone_name(get("default_timezone"))
    if problem:
        raise SettingsError(f"default_timezone: {problem}")
    max_file_size = _optional(config, "max_file_size")
    if max_file_size is not None and (isinstance(max_file_size, bool) or max_file_size < 1):
        raise SettingsError(f"max_file_size is {max_file_size}; give a size in bytes, e.g. 1000000")
    bad_codes = sorted(code for code in get("rules") if not _looks_like_rule_code(code))
    if bad_codes:
        raise SettingsError(
            f"rules: {', '.join(bad_codes)} is not a rule code; codes look like PM301"
        )
    feed_entries = _optional(config, "feed_entries")
    if feed_entries is not None and (isinstance(feed_entries, bool) or feed_entries < 1):
        raise SettingsError(f"feed_entries is {feed_entries}; give how many postmortems the feed lists, e.g. 20")
    return Settings(
        feed=_optional(config, "feed") is not False,
        feed_entries=feed_entries or 20,
        calendar=_optional(config, "calendar") is not False,
        enforce_from=_enforce_from(_optional(config, "enforce_from")),
        zone_abbreviations=_zone_abbreviations(_optional(config, "zone_abbreviations") or {}),
        field_aliases=_field_aliases(_optional(config, "field_aliases") or {}),
        ticket_urls=_ticket_urls(_optional(config, "ticket_url")),
        folder=get("folder").strip("/"),
        default_timezone=get("default_timezone"),
        severities=severities,
        severity_aliases={
            alias: target
            for alias, target in get("severity_aliases").items()
            if target in severities
        },
        mandatory_sections=tuple(get("mandatory_sections")),
        rules=dict(get("rules")),
        publish_deadline_days=get("publish_deadline_days"),
        publish_deadline_severities=tuple(get("publish_deadline_severities")),
        backlog_sections=tuple(get("backlog_sections")),
        build_date=build_date,
        ttr_from=get("ttr_from"),
        max_file_size=max_file_size or DEFAULT_MAX_FILE_SIZE,
    )


def _optional(config: Mapping[str, Any] | Any, name: str) -> Any:
    return config.get(name) if isinstance(config, dict) else getattr(config, name, None)


def _enforce_from(value: Any) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise SettingsError(f"enforce_from {value!r} is not a date; write it as YYYY-MM-DD") from None


def _zone_abbreviations(value: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    from .zones import offset_zone

    for name, offset in value.items():
        if offset_zone(str(offset)) is None:
            raise SettingsError(
                f"zone_abbreviations: {name}: {offset!r} is not an offset; write it as \"+05:30\" or \"-06:00\""
            )
    return tuple(sorted((str(name).upper(), str(offset)) for name, offset in value.items()))


def _field_aliases(value: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    from .field_table import ALIASED_FIELDS

    for alias, target in value.items():
        if target not in ALIASED_FIELDS:
            raise SettingsError(
                f"field_aliases: {alias}: {target!r} is not a field an alias can stand for; "
                f"use one of {', '.join(ALIASED_FIELDS)}"
            )
    return tuple(sorted((str(alias), str(target)) for alias, target in value.items()))


def _ticket_urls(value: Any) -> tuple[tuple[str, str], ...]:
    """`ticket_url: https://jira.example.com/browse/{id}` (every short reference), or a mapping
    by kind: {"#": "https://github.com/acme/ops/issues/{id}", OPS: "https://jira.example.com/browse/{id}"}."""
    if value in (None, ""):
        return ()  # before the import: reading read/ costs `check` a tenth of a second when no file changed
    from .read.tickets import ANY, template_problem

    pairs = {ANY: value} if isinstance(value, str) else value
    if not isinstance(pairs, dict):
        raise SettingsError("ticket_url must be a URL with {id}, or a mapping such as {'#': URL, OPS: URL}")
    result = []
    for key, template in pairs.items():
        problem = template_problem(str(key), str(template))
        if problem:
            raise SettingsError(problem)
        result.append((str(key), str(template)))
    return tuple(sorted(result))


def _looks_like_rule_code(code: str) -> bool:
    return len(code) == 5 and code.startswith("PM") and code[2:].isdigit()
