"""`mkdocs-postmortem`: the same pipeline as the plugin, without building a site.

Exit codes (design section 10): 0 no problem, 1 problems found, 2 usage error,
3 the plugin itself failed (a bug to report, never a verdict on the files).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import traceback
from collections.abc import Sequence

from ..about import installed_version
from ..engines.config_file import SiteError
from ..one_line import one_line

EXIT_OK, EXIT_USAGE, EXIT_INTERNAL = 0, 2, 3  # and 1: a command found problems (it returns 1 itself)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 too; keep its wording short
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {one_line(message)}\n")  # it quotes what was typed


# In the order `--help` lists them.
COMMANDS = ("check", "stats", "new", "schema", "show", "fix", "generate")


def _parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The command line's parser; only the named command's module is imported when one is named,
    since a command imports what it runs (`generate` the page templates, `stats` the follow-through
    figures): `check` does not pay for the others' imports."""
    parser = _Parser(
        prog="mkdocs-postmortem",
        description="Check, measure and create incident postmortems for an MkDocs handbook.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {installed_version()}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True

    words = sys.argv[1:] if argv is None else argv
    named = next((word for word in words if not word.startswith("-")), None)
    for name in (named,) if named in COMMANDS else COMMANDS:
        importlib.import_module(f".{name}", __package__).register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # A file name that is not valid UTF-8 reaches us as lone surrogates; shown as
    # escapes (valid JSON escapes too) rather than failing to print.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    parser = _parser(argv)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except SiteError as problem:
        print(f"mkdocs-postmortem: {one_line(str(problem))}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `... | head` closed the pipe: not an error for the user
        return EXIT_OK
    except Exception as error:  # noqa: BLE001 - a bug of ours must not read as "problems found"
        if os.environ.get("MKDOCS_POSTMORTEM_TRACEBACK"):
            traceback.print_exc()
        print(
            f"mkdocs-postmortem: internal error ({type(error).__name__}: {one_line(str(error))}); "
            "this is a bug in mkdocs-postmortem, not a problem in your postmortems. Please report it "
            "to the plugin's maintainers with the command you ran and, if you can, the file it was reading "
            "(set MKDOCS_POSTMORTEM_TRACEBACK=1 to print the traceback)",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
