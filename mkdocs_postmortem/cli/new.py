"""`mkdocs-postmortem new`: start a postmortem from the site's template.

The file is written as a draft, with every mandatory section present and the
author's guidance in HTML comments: comments are not content, so a fresh file
gets only the warnings a draft's empty sections get, and the guidance never
reaches the published page.
"""

from __future__ import annotations

import argparse
import html
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import jinja2
import yaml

from ..engines.config_file import Site, SiteError, load_site
from ..model import PHASES
from ..one_line import one_line
from ..render.slugs import slugify
from ..sources import display_path
from .site import add_config_file_option

LANGUAGES = ("en", "fr")
_PACKAGED_TEMPLATES = Path(__file__).resolve().parents[1] / "templates" / "new"


def register(commands) -> None:
    parser = commands.add_parser(
        "new",
        help="write a new draft postmortem from the template",
        description="Write <docs_dir>/<postmortem folder>/YYYY-MM-DD-slug.md, a draft with "
        "every mandatory section and guidance for the author. Never overwrites a file.",
    )
    parser.add_argument("title", metavar="TITLE", help="the incident's title, e.g. \"Checkout outage\"")
    parser.add_argument(
        "--severity",
        help="a level of the site (default: P2, or the site's first level when P2 is not one); "
        "aliases such as SEV1 or critical are accepted",
    )
    parser.add_argument(
        "--lang", choices=LANGUAGES, help="template language (default: the site's theme language, else en)"
    )
    parser.add_argument("--date", help="incident date as YYYY-MM-DD (default: today)")
    parser.add_argument(
        "--service", action="append", default=[], metavar="NAME",
        help="affected service (repeat for several); required before the postmortem leaves draft",
    )
    parser.add_argument(
        "--author", action="append", default=[], metavar="NAME",
        help="author (repeat for several; default: git config user.name when set)",
    )
    add_config_file_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    site = load_site(args.config_file)
    title = " ".join(args.title.split())
    if not title:
        raise SiteError("TITLE is empty; give the incident a title, e.g. \"Checkout outage\"")
    services = [" ".join(name.split()) for name in args.service if name.strip()]
    incident_date = _incident_date(args.date)
    severity = _severity(site, args.severity)
    language = args.lang or (site.language if site.language in LANGUAGES else "en")
    template = _template(site, language)
    if not site.docs_dir.is_dir():
        print(one_line(
            f"mkdocs-postmortem: {display_path(site.docs_dir)}: the site's docs folder does not exist; "
            "run this command next to the site's properdocs.yml or mkdocs.yml, or pass it with -f"),
            file=sys.stderr,
        )
        return 1
    slug = f"{incident_date.isoformat()}-{slugify(title)}"
    target = site.folder / f"{slug}.md"
    values = {
        "title": title,
        "id": slug,
        "severity": severity,
        "services": services,
        "timezone": site.settings.default_timezone,
        "date": incident_date.isoformat(),
        "example_time": f"{incident_date.isoformat()} 14:05",
        # One time per phase, in order, so that uncommenting them all passes PM004.
        "example_times": {
            phase: f"{incident_date.isoformat()} {clock}"
            for phase, clock in zip(PHASES, ("14:05", "14:12", "14:15", "14:40", "15:05"), strict=True)
        },
        "example_due": (incident_date + timedelta(days=30)).isoformat(),
        "authors": args.author or _git_user_names(site),
        "path": display_path(target),
    }
    try:
        text = template.render(**values)
    except jinja2.TemplateError as problem:  # a site's own template naming an unknown value
        raise SiteError(f"{display_path(template.filename)}: template error: {problem}") from None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        print(one_line(
            f"mkdocs-postmortem: {display_path(target.parent)}: the postmortem folder is a file (or is inside "
            "one), so no postmortem can be written there; rename that file, or set the plugin's `folder` "
            "option to a folder"), file=sys.stderr)
        return 1
    except OSError as problem:
        print(one_line(f"mkdocs-postmortem: {display_path(target.parent)}: cannot make the postmortem folder: "
                       f"{problem.strerror}"), file=sys.stderr)
        return 1
    try:
        # 'x' refuses an existing file at the moment of writing, not just before it.
        with open(target, "x", encoding="utf-8", newline="\n") as file:
            file.write(text)
    except FileExistsError:
        print(one_line(
            f"mkdocs-postmortem: {display_path(target)} already exists; it was left as it is. "
            "Choose another title or --date, or edit that file."),
            file=sys.stderr,
        )
        return 1
    except OSError as problem:
        print(one_line(f"mkdocs-postmortem: {display_path(target)}: cannot write: {problem.strerror}"), file=sys.stderr)
        return 1
    # The path alone on stdout (`$EDITOR "$(mkdocs-postmortem new ...)"`); guidance for people on stderr.
    print(one_line(display_path(target)))
    print(_next_steps(display_path(target), incident_date), file=sys.stderr)
    return 0


def _next_steps(path: str, incident_date: date) -> str:
    lines = []
    if incident_date > date.today():
        lines.append(f"warning: the incident date {incident_date.isoformat()} is in the future; pass --date YYYY-MM-DD to fix it")
    lines += [
        "Next steps:",
        f"  1. fill in {path}: uncomment the phase times as you learn them, then the sections",
        "  2. preview it with `mkdocs serve`: its problems show at the top of the page",
        f"  3. check it with `mkdocs-postmortem check {path}`, then set `status: in-review`",
    ]
    return "\n".join(one_line(line) for line in lines)


def _incident_date(value: str | None) -> date:
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise SiteError(f"--date {value!r} is not a date; write it as YYYY-MM-DD, e.g. 2026-03-04") from None


def _severity(site: Site, value: str | None) -> str:
    levels = site.settings.severities
    if value is None:
        return "P2" if "P2" in levels else levels[0]
    folded = " ".join(value.split()).casefold()
    for level in levels:
        if level.casefold() == folded:
            return level
    for alias, level in site.settings.severity_aliases.items():
        if alias.casefold() == folded:
            return level
    raise SiteError(
        f"--severity {value!r} is not a severity of this site; use one of {', '.join(levels)}"
    )


def _template(site: Site, language: str) -> jinja2.Template:
    folder = _PACKAGED_TEMPLATES
    custom = site.options["new_templates"]
    if custom:
        base = site.config_file.parent if site.config_file else Path.cwd()
        folder = base / custom
        if not (folder / f"{language}.md").is_file():
            raise SiteError(
                f"new_templates: {display_path(folder / f'{language}.md')} does not exist; "
                f"add a {language}.md template to that folder or choose another --lang"
            )
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,  # Markdown and YAML, not HTML; values go through the yaml filter
    )
    environment.filters["yaml"] = _yaml_value
    environment.filters["text"] = _markdown_text
    try:
        return environment.get_template(f"{language}.md")
    except jinja2.TemplateSyntaxError as problem:
        raise SiteError(
            f"{display_path(folder / f'{language}.md')}:{problem.lineno}: template error: {problem.message}"
        ) from None


def _yaml_value(value) -> str:
    """A value for one line of front matter, quoted only when YAML needs it
    (a title such as `DNS: 502s # edge` must stay one string)."""
    if isinstance(value, date):
        return value.isoformat()
    dumped = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=1_000_000)
    return dumped.strip().removesuffix("...").strip()


def _markdown_text(value) -> str:
    """A value shown as text in the Markdown body: a title such as
    `<img src=x onerror=...>` must not become live HTML on the page."""
    return html.escape(str(value), quote=False)


def _git_user_names(site: Site) -> list[str]:
    """The author's name as git knows it, so that the usual case needs no option."""
    where = site.docs_dir if site.docs_dir.is_dir() else Path.cwd()
    try:
        result = subprocess.run(
            ["git", "config", "user.name"], cwd=where, capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return []
    name = result.stdout.strip()
    return [name] if result.returncode == 0 and name else []
