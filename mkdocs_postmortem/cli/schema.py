"""`mkdocs-postmortem schema`: the front matter's JSON Schema, for editors."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..engines.config_file import SiteError, load_site
from ..one_line import one_line
from ..schema import front_matter_schema
from ..sources import display_path
from .site import add_config_file_option


def register(commands) -> None:
    parser = commands.add_parser(
        "schema",
        help="print the JSON Schema of the postmortem front matter",
        description="Print the JSON Schema (draft 2020-12) of the postmortem front matter, "
        "with the severity levels of the site, for completion and checking in editors.",
    )
    add_config_file_option(parser)
    parser.add_argument("-o", "--output", metavar="FILE", help="write the schema to FILE instead of printing it")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    site = load_site(args.config_file)
    text = json.dumps(front_matter_schema(site.settings), ensure_ascii=False, indent=2) + "\n"
    if not args.output:
        print(text, end="")
        return 0
    target = Path(args.output)
    try:
        target.write_text(text, encoding="utf-8")
    except OSError as problem:
        raise SiteError(f"{display_path(target)}: cannot write the schema: {problem.strerror}") from None
    print(one_line(display_path(target)))
    return 0
