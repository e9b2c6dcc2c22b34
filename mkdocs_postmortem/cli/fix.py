"""`mkdocs-postmortem fix`: write the front matter an old postmortem lacks,
from what the reader found in its body.

It writes title, severity, services, started, detected, mitigated, resolved
and timezone when the body states them and the front matter does not, plus
an `id` from the file name. Keys already written are kept as they are, and
no body line changes: the new keys go at the end of the existing front
matter, or in a new block at the top of the file (cli/insert_keys.py keeps
every other byte). It writes only postmortems it read, inside the docs
folder (cli/write_in_place.py), and says why it left any file alone.
Running it twice changes nothing the second time. `--diff` prints a patch
and writes nothing.

Exit codes follow ruff's `--fix`: 0 when it wrote what it could, 1 when a
file could not be fixed (or, under `--diff`, when files would change), and
with `--exit-non-zero-on-fix`, 1 when it changed files.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from ..engines.config_file import Site, load_site
from ..engines.postmortem_files import collect_sources, is_postmortem
from ..model import Postmortem, ProblemKind
from ..one_line import one_line
from ..read import read_postmortem
from ..rules.frontmatter import written_in_front_matter
from ..sources import Source, display_path
from ..zones import zone
from .insert_keys import CannotInsert, file_encoding, with_keys
from .patch import unified_patch, workflow_commands_paused
from .site import add_config_file_option
from .write_in_place import NotWritten, replace_bytes, target_of

EXIT_DONE, EXIT_NOT_FIXED = 0, 1
FIELDS = ("title", "severity", "services", "started", "detected", "mitigated", "resolved")


def register(commands) -> None:
    parser = commands.add_parser(
        "fix",
        help="write front matter that old postmortems lack, from their body",
        description="Write the front matter fields the body of each postmortem states (title, severity, "
        "services, started, detected, mitigated, resolved, timezone) and an id from the file name. "
        "Existing keys and body lines are never changed. Exit 0: done (what could be written was); "
        "1: a file could not be fixed, or files would change under --diff.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    add_config_file_option(parser)
    parser.add_argument("--diff", action="store_true", help="print the change as a patch and write nothing")
    parser.add_argument(
        "--exit-non-zero-on-fix",
        action="store_true",
        help="exit 1 when files were changed too (as ruff's option of that name), e.g. to stop a pre-commit hook",
    )
    parser.set_defaults(run=run)


class Refused(Exception):
    """Why this file was left alone."""


def run(args: argparse.Namespace) -> int:
    site = load_site(args.config_file)
    sources = collect_sources(site, args.paths)
    sys.stdout.flush()
    if args.diff:
        with workflow_commands_paused(sys.stdout.buffer):
            changed, refused = _fix_each(site, sources, diff=True)
    else:
        changed, refused = _fix_each(site, sources, diff=False)
        print(_summary(changed, refused))
    if refused or (changed and (args.diff or args.exit_non_zero_on_fix)):
        return EXIT_NOT_FIXED
    return EXIT_DONE


def _fix_each(site: Site, sources: list[Source], *, diff: bool) -> tuple[int, int]:
    """(files changed or, under --diff, that would change; files left alone with the reason)."""
    changed, refused = 0, 0
    for source in sources:
        try:
            fixed, written = fixed_content(source, site)
            if fixed is None:
                continue
            target = target_of(source.path, site.docs_dir)
            if diff:
                sys.stdout.buffer.write(unified_patch(Path(source.path).as_posix(), source.content, fixed))
            else:
                replace_bytes(target, source.content, fixed)
                print(one_line(f"{source.path}: wrote {', '.join(written)}"), flush=True)
            changed += 1
        except (Refused, CannotInsert, NotWritten) as reason:
            refused += 1
            sys.stdout.flush()
            print(one_line(f"{source.path}: not fixed: {reason}"), file=sys.stderr)
    sys.stdout.flush()
    return changed, refused


def _summary(changed: int, refused: int) -> str:
    parts = [f"{changed} file{'s' * (changed != 1)} changed"] if changed else []
    if refused:
        parts.append(f"{refused} file{'s' * (refused != 1)} not fixed (reasons above)")
    return ", ".join(parts) or "nothing to write"


def fixed_content(source: Source, site: Site) -> tuple[bytes | None, list[str]]:
    """(the new bytes, the keys written), or (None, []) when there is nothing to write."""
    if source.unreadable is not None:
        raise Refused(source.unreadable)
    if not is_postmortem(site, source):
        raise Refused(
            f"not a postmortem of this site: the plugin reads postmortems only in {display_path(site.folder)}/, "
            "except index.md, README.md and names starting with _ or ."
        )
    file_encoding(source.content)  # a UTF-16 or binary file is refused before it is read as text
    pm = read_postmortem(source.content, path=source.path, src_uri=source.src_uri, settings=site.settings)
    unreadable = [problem for problem in pm.problems if problem.kind is ProblemKind.UNREADABLE]
    if unreadable and pm.front_matter_present:
        raise Refused(f"line {unreadable[0].line}: the front matter cannot be read; fix it first ({unreadable[0].message})")
    additions = front_matter_additions(pm)
    if not additions:
        return None, []
    return with_keys(source.content, _yaml_lines(additions)), list(additions)


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
    """`key: value` lines, lists in flow style (`services: [dns, api]`), values quoted where YAML
    needs it. Each is one line for every tool: a value holding a line separator, a control or a
    bidirectional character is written with YAML escapes (`"a\\Lb"`), not raw."""
    lines: list[str] = []
    for key, value in additions.items():
        raw = _printable(value)
        if isinstance(value, list):
            dumped = yaml.safe_dump(value, allow_unicode=raw, default_flow_style=True, width=_ONE_LINE)
            lines.append(f"{key}: {dumped.strip()}")
        else:
            dumped = yaml.safe_dump({key: value}, allow_unicode=raw, default_flow_style=False, width=_ONE_LINE)
            lines.append(dumped.rstrip("\n"))
    return lines


_ONE_LINE = 2**31  # PyYAML folds long plain values at `width`


def _printable(value: Any) -> bool:
    values = value if isinstance(value, list) else [value]
    return all(not isinstance(item, str) or item.isprintable() for item in values)
