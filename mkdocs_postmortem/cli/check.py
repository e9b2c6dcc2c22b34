"""`mkdocs-postmortem check`: the plugin's checks, without building the site."""

from __future__ import annotations

import argparse
import json
import sys

from ..handbook import Handbook
from ..model import Diagnostic
from ..one_line import one_line
from ..rules.catalogue import BY_CODE, rule_page
from .site import (
    add_cache_options,
    add_config_file_option,
    collect_sources,
    load_site,
    model_cache,
    note_engine,
    rest_of_folder,
)


def register(commands) -> None:
    parser = commands.add_parser(
        "check",
        help="check postmortems against the rules (exit 1 on problems)",
        description="Check postmortems as `mkdocs build` does, without building the site.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: the configured postmortem folder)")
    add_config_file_option(parser)
    add_cache_options(parser)
    parser.add_argument("--format", choices=("text", "json", "github"), default="text")
    parser.add_argument("--strict", action="store_true", help="warnings fail too")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    site = load_site(args.config_file)
    note_engine(site)
    sources = collect_sources(site, args.paths)
    handbook = Handbook.load(
        sources + rest_of_folder(site, sources, args.paths),
        site.settings,
        workers=site.options.workers,
        store=model_cache(site, args),
    )
    if args.paths:  # report on the files named, judged among the whole folder
        named = {source.path for source in sources}
        handbook.diagnostics = [d for d in handbook.diagnostics if d.path in named]
    print(FORMATS[args.format](handbook, len(sources)))
    failing = handbook.errors or (args.strict and handbook.warnings)
    return 1 if failing else 0


def text_line(diagnostic: Diagnostic) -> str:
    """`path:line: CODE [error] message`: the code stays where ruff and flake8 put theirs,
    and the level says whether the line fails the build."""
    return (
        f"{one_line(diagnostic.path)}:{diagnostic.line}: {diagnostic.code} [{diagnostic.level}] "
        f"{one_line(diagnostic.message)}"
    )


def as_text(handbook: Handbook, files: int) -> str:
    lines = [text_line(diagnostic) for diagnostic in handbook.diagnostics]
    if handbook.diagnostics:
        lines.append(f"{handbook.summary_line()} ({files} checked)")
    else:
        lines.append(f"{files} postmortem{'s' * (files != 1)} checked, no problems")
    return "\n".join(lines)


def as_json(handbook: Handbook, files: int) -> str:
    codes = sorted({d.code for d in handbook.diagnostics})
    return json.dumps(
        {
            "files": files,
            "totals": {
                "errors": len(handbook.errors),
                "warnings": len(handbook.warnings),
                "postmortems_with_problems": handbook.postmortems_with_problems,
            },
            "diagnostics": [{**d.as_dict(), "rule_page": rule_page(d.code)} for d in handbook.diagnostics],
            "rules": {code: {"name": BY_CODE[code].name, "page": rule_page(code)} for code in codes if code in BY_CODE},
        },
        ensure_ascii=False,
        indent=2,
    )


def as_github(handbook: Handbook, files: int) -> str:
    """GitHub Actions workflow commands: one annotation per diagnostic."""
    return "\n".join(github_annotation(d) for d in handbook.diagnostics)


def github_annotation(diagnostic: Diagnostic) -> str:
    command = "error" if diagnostic.level == "error" else "warning"
    return (
        f"::{command} file={_escape_property(diagnostic.path)},line={diagnostic.line},"
        f"title={_escape_property(diagnostic.code)}::{one_line(_escape_data(diagnostic.message))}"
    )


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


FORMATS = {"text": as_text, "json": as_json, "github": as_github}

if sys.platform == "win32":  # Windows consoles default to a legacy code page
    sys.stdout.reconfigure(encoding="utf-8")
