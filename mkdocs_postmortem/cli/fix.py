"""`mkdocs-postmortem fix`: write the front matter an old postmortem lacks,
from what the reader found in its body.

It writes title, severity, services, started, detected, mitigated, resolved
and timezone when the body states them and the front matter does not, plus
an `id` from the file name. Keys already written are kept as they are, and
no body line changes: the new keys go at the end of the existing front
matter, or in a new block at the top of the file. The file's line endings,
byte-order mark and encoding are kept. Running it twice changes nothing the
second time. `--diff` shows the change and writes nothing.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from datetime import datetime
from typing import Any

import yaml

from ..settings import Settings
from ..handbook import Source
from ..model import Postmortem, Seen
from ..read import read_postmortem
from ..read.frontmatter import split_front_matter
from ..rules.frontmatter import written_in_front_matter
from ..zones import zone
from .site import add_config_file_option, collect_sources, load_site

EXIT_NOTHING_TO_DO, EXIT_CHANGED = 0, 1
FIELDS = ("title", "severity", "services", "started", "detected", "mitigated", "resolved")
_BOM = "\ufeff"


def register(commands) -> None:
    parser = commands.add_parser(
        "fix",
        help="write front matter that old postmortems lack, from their body",
        description="Write the front matter fields the body of each postmortem states (title, severity, "
        "services, started, detected, mitigated, resolved, timezone) and an id from the file name. "
        "Existing keys and body lines are never changed. Exit 0: nothing to do; 1: files changed "
        "(or would, with --diff).",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    add_config_file_option(parser)
    parser.add_argument("--diff", action="store_true", help="show the change as a unified diff and write nothing")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    site = load_site(args.config_file)
    changed = 0
    for source in collect_sources(site, args.paths):
        text = source.content.decode("utf-8", errors="surrogateescape")
        fixed, written = fixed_text(text, source, site.settings)
        if fixed is None:
            continue
        changed += 1
        if args.diff:
            sys.stdout.writelines(_diff(source.path, text, fixed))
        else:
            _write(source.path, fixed)
            print(f"{source.path}: wrote {', '.join(written)}")
    if not args.diff:
        print(f"{changed} file{'s' * (changed != 1)} changed" if changed else "nothing to write")
    return EXIT_CHANGED if changed else EXIT_NOTHING_TO_DO


def fixed_text(text: str, source: Source, settings: Settings) -> tuple[str | None, list[str]]:
    """(the new text, the keys written), or (None, []) when there is nothing to write."""
    pm = read_postmortem(source.content, path=source.path, src_uri=source.src_uri, settings=settings)
    if any(problem.kind is Seen.UNREADABLE for problem in pm.problems) and pm.front_matter_present:
        return None, []  # front matter that cannot be read: the author fixes it first (check says where)
    additions = front_matter_additions(pm)
    if not additions:
        return None, []
    bom = _BOM if text.startswith(_BOM) else ""
    body = text[len(bom):]
    newline = "\r\n" if "\r\n" in body else "\n"
    block = "".join(f"{line}{newline}" for line in _yaml_lines(additions))
    if pm.front_matter_present:
        _, body_line = split_front_matter(body.replace("\r\n", "\n"))
        lines = body.splitlines(keepends=True)
        closing = body_line - 2  # index of the closing `---`
        return bom + "".join(lines[:closing]) + block + "".join(lines[closing:]), list(additions)
    return f"{bom}---{newline}{block}---{newline}{body}", list(additions)


def front_matter_additions(pm: Postmortem) -> dict[str, Any]:
    """The fields the body states and the front matter lacks, in the order of the schema."""
    additions: dict[str, Any] = {}
    if not written_in_front_matter(pm, "id"):
        additions["id"] = pm.id
    tz = zone(pm.timezone)
    for name in FIELDS:
        if pm.field_sources.get(name) != "body" or written_in_front_matter(pm, name):
            continue
        value = getattr(pm, name)
        if isinstance(value, datetime):
            value = value.astimezone(tz).strftime("%Y-%m-%d %H:%M") if tz else value.isoformat(timespec="minutes")
        additions[name] = value
    times = any(isinstance(getattr(pm, name), datetime) for name in FIELDS if name in additions)
    if times and pm.field_sources.get("timezone") == "body" and not written_in_front_matter(pm, "timezone"):
        additions["timezone"] = pm.timezone
    return additions


def _yaml_lines(additions: dict[str, Any]) -> list[str]:
    """`key: value` lines, lists in flow style (`services: [dns, api]`), values quoted where YAML needs it."""
    lines: list[str] = []
    for key, value in additions.items():
        if isinstance(value, list):
            dumped = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=4096).strip()
            lines.append(f"{key}: {dumped}")
        else:
            dumped = yaml.safe_dump({key: value}, allow_unicode=True, default_flow_style=False, width=4096)
            lines.append(dumped.rstrip("\n"))
    return lines


def _diff(path: str, old: str, new: str):
    return difflib.unified_diff(
        old.splitlines(keepends=True), new.splitlines(keepends=True), fromfile=f"a/{path}", tofile=f"b/{path}"
    )


def _write(path: str, text: str) -> None:
    with open(path, "wb") as handle:
        handle.write(text.encode("utf-8", errors="surrogateescape"))
