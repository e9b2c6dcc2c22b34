"""`mkdocs-postmortem`: the same pipeline as the plugin, without building a site.

Exit codes (design section 10): 0 no problem, 1 problems found, 2 usage error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .. import __version__
from .site import SiteError

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 too; keep its wording short
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="mkdocs-postmortem",
        description="Check, measure and create incident postmortems for an MkDocs handbook.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True

    from . import check, generate, new, schema, stats

    for module in (check, stats, new, schema, generate):
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except SiteError as problem:
        print(f"mkdocs-postmortem: {problem}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `... | head` closed the pipe: not an error for the user
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
