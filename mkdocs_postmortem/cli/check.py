"""`mkdocs-postmortem check`: the plugin's checks, without building the site."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from functools import lru_cache
from pathlib import Path

from ..cache import ModelCache, source_keys, verdict_key
from ..engines.config_file import Site, load_site
from ..engines.postmortem_files import collect_sources, rest_of_folder
from ..model import Diagnostic
from ..one_line import one_line
from ..verdict import Verdict
from .site import add_cache_options, add_config_file_option, model_cache, note_engine

# The reader, the rules and their catalogue are imported when a file must be read or a
# rule named: a run in which nothing changed answers from the cache without them (cache.py).


def register(commands) -> None:
    parser = commands.add_parser(
        "check",
        help="check postmortems against the rules (exit 1 on problems)",
        description="Check postmortems as `mkdocs build` does, without building the site.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: the configured postmortem folder)")
    add_config_file_option(parser)
    add_cache_options(parser)
    parser.add_argument("--format", choices=("text", "json", "github", "sarif"), default="text")
    parser.add_argument(
        "--strict", action="store_true",
        help="warnings fail too, as under `mkdocs build --strict` (not a draft's gaps, nor the archive's problems)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    site = load_site(args.config_file)
    note_engine(site)
    store = model_cache(site, args)
    # Zensical's limits read the models themselves: such a site is always checked from them.
    remembered = _remembered(site, args, store) if store is not None and not site.zensical else None
    if remembered is not None:
        files, verdict = remembered
    else:
        files, verdict = _checked(site, args, store)
    if args.paths:  # report on the files named, judged among the whole folder
        named = set(files)
        verdict.diagnostics = [d for d in verdict.diagnostics if d.path in named]
    if args.format == "sarif":
        print(as_sarif(verdict, repository_root(site.config_file)))
    else:
        print(FORMATS[args.format](verdict, len(files)))
    failing = verdict.errors or (args.strict and any(d.fails_strict for d in verdict.warnings))
    return 1 if failing else 0


def _checked(site: Site, args: argparse.Namespace, store: ModelCache | None) -> tuple[list[str], Verdict]:
    """The paths of the files named (or of the folder's) and the handbook, read and checked."""
    from ..handbook import Handbook

    read_from = time.time_ns()
    sources = collect_sources(site, args.paths)
    everything = sources + rest_of_folder(site, sources, args.paths)
    handbook = Handbook.load(everything, site.settings, workers=site.options.workers, store=store)
    if site.zensical:
        from .zensical_limits import with_zensical_limits

        handbook.diagnostics = with_zensical_limits(handbook)
    elif store is not None:
        key = verdict_key(source_keys(everything), site.settings.build_date)
        store.remember_check(everything, read_from, key, handbook.diagnostics)
    return [source.path for source in sources], handbook


def _remembered(site: Site, args: argparse.Namespace, store: ModelCache) -> tuple[list[str], Verdict] | None:
    """The last check's verdict, when no file changed since (known by the files' signatures,
    none read) and the day is the same; else None."""
    record = store.check_record()
    if record is None:  # a first run, or another version's: nothing to list the files for
        return None
    sources = collect_sources(site, args.paths, read=False)
    everything = sources + rest_of_folder(site, sources, args.paths, read=False)
    keys = record.known_keys(everything)
    if keys is None or record.verdict_key != verdict_key(keys, site.settings.build_date):
        return None
    return [source.path for source in sources], Verdict(record.diagnostics)


def text_line(diagnostic: Diagnostic) -> str:
    """`path:line: CODE [error] message`: the code stays where ruff and flake8 put theirs,
    and the level says whether the line fails the build."""
    return (
        f"{one_line(diagnostic.path)}:{diagnostic.line}: {diagnostic.code} [{diagnostic.level}] "
        f"{one_line(diagnostic.message)}"
    )


def as_text(handbook: Verdict, files: int) -> str:
    lines = [text_line(diagnostic) for diagnostic in handbook.diagnostics]
    if handbook.diagnostics:
        lines.append(f"{handbook.summary_line()} ({files} checked)")
    else:
        lines.append(f"{files} postmortem{'s' * (files != 1)} checked, no problems")
    return "\n".join(lines)


def as_json(handbook: Verdict, files: int) -> str:
    codes = sorted({d.code for d in handbook.diagnostics})
    if codes:
        from ..rules.catalogue import BY_CODE, rule_page
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


def as_github(handbook: Verdict, files: int) -> str:
    """GitHub Actions workflow commands: one annotation per diagnostic."""
    return "\n".join(github_annotation(d) for d in handbook.diagnostics)


def github_annotation(diagnostic: Diagnostic) -> str:
    # A warning `--strict` lets pass (a draft's gaps, the archive) is a notice: seen, not a failure.
    command = "error" if diagnostic.level == "error" else "warning" if diagnostic.fails_strict else "notice"
    return (
        f"::{command} file={_escape_property(diagnostic.path)},line={diagnostic.line},"
        f"title={_escape_property(diagnostic.code)}::{_escape_data(diagnostic.message)}"
    )


def _escape_data(text: str) -> str:
    """GitHub's own escapes for line breaks (the annotation shows them as such), then one line
    for the rest (escape sequences, bidirectional and invisible characters shown as `\\u202e`)."""
    return one_line(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def as_sarif(handbook: Verdict, root: Path) -> str:
    """SARIF 2.1.0 for GitHub code scanning (`sarif.py`), paths relative to the repository root."""
    from ..about import DOCUMENTATION_URL, installed_version, rule_url
    from ..rules.catalogue import RULES
    from ..sarif import sarif_log

    def uri_of(path: str) -> str:
        absolute = Path(os.path.abspath(path))
        try:
            return absolute.relative_to(root).as_posix()
        except ValueError:  # outside the repository: code scanning cannot place it anyway
            return absolute.as_uri()

    log = sarif_log(
        handbook.diagnostics,
        RULES,
        version=installed_version(),
        information_uri=DOCUMENTATION_URL,
        help_uri=rule_url,
        uri_of=uri_of,
        line_text=_line_text,
    )
    return json.dumps(log, ensure_ascii=False, indent=2)


def repository_root(config_file: Path | None) -> Path:
    """The folder holding `.git` above the configuration file (or the working folder);
    the configuration file's folder when there is none."""
    start = Path(os.path.abspath(config_file)).parent if config_file else Path.cwd()
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return start


def _line_text(path: str, line: int) -> str:
    lines = _file_lines(path)
    return lines[line - 1] if 0 < line <= len(lines) else ""


@lru_cache(maxsize=64)
def _file_lines(path: str) -> tuple[str, ...]:
    try:
        return tuple(Path(path).read_bytes().decode("utf-8", "replace").splitlines())
    except OSError:  # a file that cannot be read has its own diagnostic; no line to hash
        return ()


FORMATS = {"text": as_text, "json": as_json, "github": as_github}

if sys.platform == "win32":  # Windows consoles default to a legacy code page
    sys.stdout.reconfigure(encoding="utf-8")
