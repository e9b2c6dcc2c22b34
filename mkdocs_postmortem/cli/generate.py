"""`mkdocs-postmortem generate`: the generated pages as files, for engines that run no plugin.

Zensical reads mkdocs.yml but runs no MkDocs plugin, so the overview, the
severity and service pages, the families and the action tracker would not
exist. This command writes them as Markdown files, with postmortems.json and
the chart scripts, into one folder it owns (by default
`docs/<postmortem folder>/_generated/`). It writes nothing anywhere else: the
folder carries its own `.gitignore`, and a folder it did not make is refused
rather than emptied.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path, PurePosixPath

from ..engines.config_file import Site, SiteError, load_site
from ..engines.postmortem_files import collect_sources
from ..engines.zensical.standalone import (
    OWNER_MARK,
    is_generated_folder,
    standalone_pages,
)
from ..handbook import Handbook
from ..one_line import one_line
from ..render.assets import (
    PLOTLY_JS,
    PLOTLY_LICENSE,
    cdn_url,
    charts_js_path,
    plotly_js_path,
    plotly_license_path,
)
from ..sources import display_path
from .site import add_cache_options, add_config_file_option, model_cache, note_engine

ASSETS = "assets"


def register(commands) -> None:
    parser = commands.add_parser(
        "generate",
        help="write the generated pages as files (for Zensical, which runs no plugin)",
        description=(
            "Write the overview, severity, service, families and action tracker pages, postmortems.json "
            "and the chart scripts into one folder of the docs, for engines that run no MkDocs plugin."
        ),
    )
    add_config_file_option(parser)
    add_cache_options(parser)
    parser.add_argument(
        "--out",
        metavar="DIR",
        help="the folder to write, inside the docs folder (default: the plugin's generated_folder, "
        "docs/postmortems/_generated)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    site = load_site(args.config_file)
    note_engine(site)
    out = _out_folder(site, args.out)
    folder = out.resolve().relative_to(site.docs_dir.resolve()).as_posix()
    handbook = Handbook.load(
        collect_sources(site, []), site.settings, workers=site.options.workers, store=model_cache(site, args),
    )
    pages, index_json = standalone_pages(
        handbook,
        site.options,
        folder=folder,
        language=site.language,
        use_directory_urls=site.use_directory_urls,
        custom_dir=site.custom_dir,
    )
    written = {page.src_uri[len(folder) + 1 :]: page.markdown for page in pages}
    written["postmortems.json"] = index_json
    leftover = _write_folder(out, written, _assets(site))
    print(one_line(f"{display_path(out)}: {len(pages)} pages, postmortems.json and the chart scripts written "
                   f"from {len(handbook.postmortems)} postmortems"), file=sys.stderr)
    print(_config_lines(site, folder))
    if leftover:
        print(f"mkdocs-postmortem: {one_line(leftover)}", file=sys.stderr)
    if handbook.errors:
        print(f"mkdocs-postmortem: {handbook.summary_line()}; `mkdocs-postmortem check` lists them", file=sys.stderr)
    return 0


def _out_folder(site: Site, out: str | None) -> Path:
    """The folder to write: inside the docs folder, and never holding postmortems or the docs themselves."""
    docs = site.docs_dir.resolve()
    if out is not None:
        target = Path(out)
    else:
        target = site.folder / site.options.generated_folder.strip("/")
    resolved = target.resolve()
    if resolved == docs or docs not in resolved.parents:
        raise SiteError(f"--out {display_path(target)}: give a folder inside the docs folder {display_path(docs)}")
    postmortems = site.folder.resolve()
    if resolved == postmortems or resolved in postmortems.parents:
        raise SiteError(f"--out {display_path(target)}: it holds the postmortems; give a folder of its own")
    inside = resolved.relative_to(postmortems).parts if postmortems in resolved.parents else ()
    if inside and not any(part.startswith(("_", ".")) for part in inside):
        raise SiteError(
            f"--out {display_path(target)}: its pages would be read as postmortems; "
            f"start its name with an underscore (e.g. {display_path(site.folder / '_generated')})"
        )
    if resolved.exists() and not resolved.is_dir():
        raise SiteError(f"--out {display_path(target)}: is a file, not a folder")
    if resolved.is_dir() and any(resolved.iterdir()) and not is_generated_folder(resolved):
        raise SiteError(
            f"--out {display_path(target)}: the folder exists and was not written by this command; "
            "give a new folder, or empty it first"
        )
    return target


def _assets(site: Site) -> dict[str, Path]:
    """The package's page assets (our drawing script, any style sheet), and plotly.js unless from a CDN."""
    found = {path.name: path for path in sorted(charts_js_path().parent.iterdir()) if path.is_file()}
    if site.options.plotly_js == "bundled":
        # Beside our script, where it looks for plotly.js when a page has a chart, with its licence.
        found[PurePosixPath(PLOTLY_JS).name] = plotly_js_path()
        found[PurePosixPath(PLOTLY_LICENSE).name] = plotly_license_path()
    return found


def _write_folder(out: Path, texts: dict[str, str], assets: dict[str, Path]) -> str | None:
    """Everything into a new folder beside `out`, then swapped in: a failed run leaves the last
    one whole. The staging and the retired folder get names no other folder has (`mkdtemp`),
    so a folder of the user's that looks like ours is never removed. Returns a warning when
    the retired folder could not be removed entirely."""
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".new", dir=out.parent))
    except OSError as problem:
        raise SiteError(f"{display_path(out)}: cannot write the generated pages: {problem}") from None
    try:
        (staging / ".gitignore").write_text(f"{OWNER_MARK}\n*\n", encoding="utf-8")
        for relative, text in texts.items():
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        (staging / ASSETS).mkdir()
        for name, source in assets.items():
            shutil.copyfile(source, staging / ASSETS / name)
        os.chmod(staging, 0o755 & ~_umask())  # mkdtemp makes it private; the pages are for the site
        retired = _swap(staging, out)
    except OSError as problem:
        shutil.rmtree(staging, ignore_errors=True)
        raise SiteError(f"{display_path(out)}: cannot write the generated pages: {problem}") from None
    if retired is None:
        return None
    shutil.rmtree(retired, ignore_errors=True)
    if retired.exists():
        return (
            f"{display_path(retired)}: the previous generated folder, moved aside, could not be removed "
            "entirely; remove it yourself"
        )
    return None


def _swap(staging: Path, out: Path) -> Path | None:
    """`staging` becomes `out`; the previous `out`, if any, is moved aside and returned."""
    if not out.exists():
        staging.rename(out)
        return None
    retired = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".old", dir=out.parent))
    retired.rmdir()  # only its unique name was wanted; rename needs the place free
    out.rename(retired)
    try:
        staging.rename(out)
    except OSError:
        retired.rename(out)
        raise
    return retired


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _config_lines(site: Site, folder: str) -> str:
    """What the site's config needs so that pages load the chart scripts."""
    scripts = []
    if site.options.plotly_js == "cdn":
        scripts.append(cdn_url(site.options.plotly_js_cdn_url))
    scripts.append(f"{folder}/{ASSETS}/{charts_js_path().name}")
    lines = ["# Add to the site's mkdocs.yml (or zensical.toml: extra_javascript = [...]):", "extra_javascript:"]
    lines += [f"  - {script}" for script in scripts]
    styles = sorted(path.name for path in charts_js_path().parent.glob("*.css"))
    if styles:
        lines.append("extra_css:")
        lines += [f"  - {folder}/{ASSETS}/{name}" for name in styles]
    return "\n".join(one_line(line) for line in lines)
