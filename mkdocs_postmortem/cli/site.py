"""The command line's options about a site: its config file, the cache of checked models, the engine note.

The site itself (its config file, its postmortem files) is read by
`engines/config_file.py` and `engines/postmortem_files.py`, which the
Markdown extension shares.
"""

from __future__ import annotations

import os
import sys

from ..cache import ModelCache, cache_folder
from ..engines.config_file import Site, SiteError
from ..settings import SettingsError

CONFIG_FILE_HELP = "the site's properdocs.yml or mkdocs.yml (default: whichever of them is in the working folder)"


def add_config_file_option(parser) -> None:
    parser.add_argument("-f", "--config-file", metavar="FILE", help=CONFIG_FILE_HELP)


def add_cache_options(parser) -> None:
    parser.add_argument(
        "--no-cache", action="store_true",
        help="read every postmortem again, neither using nor writing the cache of checked models",
    )
    parser.add_argument(
        "--cache-dir", metavar="DIR",
        help="where the cache of checked models lives (default: the plugin's cache_dir, "
        ".cache/postmortem beside mkdocs.yml, shared with `mkdocs build`)",
    )


def model_cache(site: Site, args) -> ModelCache | None:
    """The cache `mkdocs build` uses for this site, unless the command line or the config says otherwise."""
    if args.no_cache or (not site.options.cache and not args.cache_dir):
        return None
    # --cache-dir is relative to the working folder, as paths on a command line are.
    chosen = os.path.abspath(args.cache_dir) if args.cache_dir else site.options.cache_dir
    name = "--cache-dir" if args.cache_dir else "cache_dir"
    try:
        folder = cache_folder(site.config_file, chosen, site.docs_dir, name)
    except SettingsError as problem:
        raise SiteError(str(problem)) from None
    return ModelCache.open(folder, site.settings) if folder is not None else None


def note_engine(site: Site) -> None:
    """Once per command: on a Zensical site, the plugin's checks and pages exist only through this CLI."""
    if site.zensical:
        print(
            "mkdocs-postmortem: note: this site is set up for Zensical, which does not run the postmortem "
            "plugin: `zensical build` neither checks postmortems nor makes the generated pages. "
            "Run `mkdocs-postmortem check` in CI and `mkdocs-postmortem generate` before each build "
            "(see the handbook's Zensical page).",
            file=sys.stderr,
        )
