"""`mkdocs-postmortem show`: what the reader made of each file, and from where.

An author runs it to see why the plugin thinks the incident started at
08:47: every field with its value and the front matter key or body line it
came from, the timeline entries with their instant in UTC and phase, the
action items, the whys, and the notes the reader made on the way.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
from datetime import date, datetime, timezone
from typing import Any

from ..engines.config_file import load_site
from ..engines.postmortem_files import collect_sources, rest_of_folder
from ..handbook import Handbook
from ..metrics import METRIC_NAMES
from ..model import PHASES, Postmortem
from ..one_line import one_line
from ..read import read_postmortem
from ..settings import Settings
from ..sources import Source
from ..text import minutes_text
from .site import add_cache_options, add_config_file_option, model_cache

FIELDS = ("title", "severity", "status", "services", *PHASES, "timezone")


def register(commands) -> None:
    parser = commands.add_parser(
        "show",
        help="print what the plugin read from postmortems, and where from",
        description="Print the model the plugin reads from each postmortem: fields with the front "
        "matter key or body line they came from, timeline entries in UTC, action items, whys and notes.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    add_config_file_option(parser)
    add_cache_options(parser)
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    site = load_site(args.config_file)
    sources = collect_sources(site, args.paths)
    # Judged among the whole folder, as `check` does: a `related` id is not missing
    # because its postmortem was not named.
    handbook = Handbook.load(
        sources + rest_of_folder(site, sources, args.paths), site.settings, workers=1, store=model_cache(site, args),
    )
    shown = [postmortem_dict(_explained(handbook.get(source.src_uri), source, site.settings), handbook)
             for source in sources]
    if args.format == "json":
        print(json.dumps({"postmortems": shown}, ensure_ascii=False, indent=2))
    else:
        print("\n\n".join(as_text(entry) for entry in shown))
    return 0


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _utc(value: datetime | None) -> str | None:
    return value.astimezone(timezone.utc).isoformat() if value is not None else None


def sources_of(pm: Postmortem) -> dict[str, dict[str, Any]]:
    """field -> {"from": "front_matter"|"body", "line", and "key" when written under an alias}."""
    result: dict[str, dict[str, Any]] = {}
    for name in ("id", *FIELDS):
        origin = pm.field_sources.get(name)
        if origin == "front-matter":
            entry: dict[str, Any] = {"from": "front_matter", "line": pm.source_lines.get(name, pm.field_lines.get(name))}
            entry["key"] = pm.source_keys.get(name, name)
            if pm.front_matter_profile and entry["key"] != name:
                entry["profile"] = pm.front_matter_profile
            result[name] = entry
        elif origin == "body":
            result[name] = {"from": "body", "line": pm.source_lines.get(name)}
            if name in pm.source_stages:
                result[name]["stage"] = pm.source_stages[name]
    return result


def _explained(pm: Postmortem, source: Source, settings: Settings) -> Postmortem:
    """The model with the notes only `show` prints (what each time the prose mentions
    was taken for): a checked or cached model goes without them, so the file is read
    once more, to explain it."""
    if source.unreadable is not None:
        return pm
    explained = read_postmortem(source.content, path=source.path, src_uri=source.src_uri, settings=settings,
                                explain=True)
    return replace(pm, notes=explained.notes)


def postmortem_dict(pm: Postmortem, handbook: Handbook) -> dict[str, Any]:
    metrics = handbook.metrics[pm.src_uri].as_dict()
    return {
        "id": pm.id,
        "path": pm.path,
        "title": pm.title,
        "severity": pm.severity,
        "status": pm.status,
        "services": list(pm.services),
        **{phase: _iso(getattr(pm, phase)) for phase in PHASES},
        "timezone": pm.timezone,
        **{name: metrics[name] for name in METRIC_NAMES},
        "sources": sources_of(pm),
        "timeline_date_from": pm.timeline_date_from,
        "timeline_source": dict(pm.timeline_source),
        "timeline": [
            {
                "time": _utc(event.time),
                "text": event.text,
                "phase": event.phase,
                "line": event.line,
                "approximate": event.approximate,
            }
            for event in pm.timeline
        ],
        "actions": [
            {
                "text": action.text,
                "owner": action.owner,
                "due": _iso(action.due),
                "status": action.status,
                "group": action.group,
                "line": action.line,
            }
            for action in pm.actions
        ],
        "whys": [{"question": why.question, "answer": why.answer, "line": why.line} for why in pm.whys],
        "notes": [{"line": note.line, "message": note.message} for note in pm.notes],
        "diagnostics": [d.as_dict() for d in handbook.diagnostics_for(pm)],
    }


def _where(source: dict[str, Any] | None) -> str:
    if source is None:
        return ""
    if source["from"] == "front_matter":
        profile = f", {source['profile']} profile" if source.get("profile") else ""
        return f"  (front matter `{source['key']}`, line {source['line']}{profile})"
    where = f"  (body, line {source['line']})" if source.get("line") else "  (body)"
    stage = source.get("stage")
    return f"{where} by {stage.replace('_', ' ')}" if stage else where


def _value(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "-"
    return str(value)


def as_text(entry: dict[str, Any]) -> str:
    lines = [f"{entry['path']}  (id {entry['id']})"]
    for name in FIELDS:
        lines.append(f"  {name + ':':<14}{_value(entry[name])}{_where(entry['sources'].get(name))}")
    lines.append("  " + "  ".join(f"{name.upper()} {minutes_text(entry[name])}" for name in METRIC_NAMES))
    if entry["timeline"]:
        where = f" (times on the date of the {entry['timeline_date_from'].replace('_', ' ')})" if entry[
            "timeline_date_from"] else ""
        lines.append(f"  timeline: {len(entry['timeline'])} entries{where}{_found(entry['timeline_source'])}")
        for event in entry["timeline"]:
            when = _utc_text(event["time"])
            mark = "~" if event["approximate"] else " "
            phase = f"  [{event['phase']}]" if event["phase"] else ""
            lines.append(f"    {event['line']:>4}  {mark}{when}  {event['text'][:70]}{phase}")
    else:
        lines.append("  timeline: none found")
    lines.append(f"  actions: {len(entry['actions'])}")
    for action in entry["actions"]:
        details = ", ".join(
            part for part in (
                f"owner {action['owner']}" if action["owner"] else "no owner",
                f"due {action['due']}" if action["due"] else "no deadline",
                action["status"],
                f"under {action['group']!r}" if action["group"] else "",
            ) if part
        )
        lines.append(f"    {action['line']:>4}  {action['text'][:60]}  ({details})")
    lines.append(f"  whys: {len(entry['whys'])}")
    for note in entry["notes"]:
        lines.append(f"  note, line {note['line']}: {note['message']}")
    for diagnostic in entry["diagnostics"]:
        lines.append(f"  {diagnostic['level']}, line {diagnostic['line']}: {diagnostic['code']} {diagnostic['message']}")
    # Each line shows file text (a path, a title, a timeline entry): one line each, whatever it holds.
    return "\n".join(one_line(line) for line in lines)


def _found(source: dict[str, Any]) -> str:
    """", found by entries by content (line 7), clock UTC+01:00 named on line 7"."""
    if not source:
        return ""
    text = f", found by {source['stage'].replace('_', ' ')} (line {source['line']})"
    if source.get("zone"):
        named = f" named on line {source['zone_line']}" if source.get("zone_line") else ""
        if source.get("zone_scope"):  # which scope gave the clock: a table's header, a heading, a clock line
            named += f" by its {source['zone_scope']}"
        text += f", clock {source['zone']}{named}"
    return text


def _utc_text(value: str | None) -> str:
    if value is None:
        return "time unknown        "
    return datetime.fromisoformat(value).astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
