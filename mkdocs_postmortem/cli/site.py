"""What the CLI needs from a site: its plugin settings and its postmortem files.

It reads the `postmortem` plugin's options from `mkdocs.yml` through the same
config class as the plugin, so `check` and `mkdocs build` judge alike.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from ..cache import ModelCache, cache_folder
from ..engines.mkdocs.config import PostmortemConfig
from ..settings import Settings, SettingsError, settings_from_config
from ..handbook import Source, display_path, is_postmortem_uri
from ..sources import read_source, unreadable_folders
from ..theme_templates import template_names, theme_dirs

PLUGIN_TEMPLATES = Path(__file__).resolve().parents[1] / "templates"


class SiteError(Exception):
    """A problem the user must fix before anything can be checked (exit 2)."""


# The names MkDocs and ProperDocs read, in ProperDocs' order: a site moved to
# ProperDocs keeps working, and a site with only mkdocs.yml is found as before.
CONFIG_NAMES = ("properdocs.yml", "properdocs.yaml", "mkdocs.yml", "mkdocs.yaml")
ZENSICAL_CONFIG = "zensical.toml"
MARKDOWN_EXTENSION = "mkdocs_postmortem.markdown"


@dataclass
class Site:
    config_file: Path | None
    docs_dir: Path
    settings: Settings
    options: PostmortemConfig
    language: str = "en"
    # Set up for Zensical, which runs Python-Markdown extensions but no MkDocs plugin.
    zensical: bool = False
    use_directory_urls: bool = True
    custom_dir: Path | None = None

    @property
    def folder(self) -> Path:
        return self.docs_dir / self.settings.folder


class _PermissiveLoader(yaml.SafeLoader):
    """mkdocs.yml may use MkDocs' and pymdownx's tags (!ENV, !!python/name:...).

    The CLI only needs the plugin's options and docs_dir, so unknown tags are
    read as plain values instead of refusing the whole file.
    """


def _any_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node):
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


_PermissiveLoader.add_multi_constructor("", _any_tag)


def find_config_file() -> Path | None:
    """`properdocs.yml` or `mkdocs.yml` (or `.yaml`) in the working folder, the first that exists."""
    return next((Path(name) for name in CONFIG_NAMES if Path(name).is_file()), None)


def load_site(config_file: str | None) -> Site:
    """The site of `-f FILE`, else `properdocs.yml` or `mkdocs.yml` in the working folder, else defaults."""
    path = Path(config_file) if config_file else find_config_file()
    if config_file and not path.is_file():
        raise SiteError(f"{config_file}: no such file; pass the site's mkdocs.yml or properdocs.yml with -f")
    if path is None:
        return _site(None, Path("docs"), {}, "en")
    try:
        raw = yaml.load(path.read_text(encoding="utf-8-sig"), Loader=_PermissiveLoader) or {}
    except (yaml.YAMLError, UnicodeDecodeError, OSError) as problem:
        line = getattr(getattr(problem, "problem_mark", None), "line", None)
        where = f"{display_path(path)}:{line + 1}" if line is not None else display_path(path)
        raise SiteError(f"{where}: cannot read the site config: {problem}") from None
    if not isinstance(raw, dict):
        raise SiteError(f"{display_path(path)}: the site config is not a mapping of options")
    docs_dir = path.parent / str(raw.get("docs_dir") or "docs")
    theme = raw.get("theme")
    language = (theme.get("language") if isinstance(theme, dict) else None) or "en"
    site = _site(path, docs_dir, _plugin_options(raw.get("plugins"), path), str(language))
    site.zensical = (path.parent / ZENSICAL_CONFIG).is_file() or _lists_extension(raw.get("markdown_extensions"))
    site.use_directory_urls = raw.get("use_directory_urls") is not False
    custom_dir = theme.get("custom_dir") if isinstance(theme, dict) else None
    site.custom_dir = path.parent / str(custom_dir) if custom_dir else None
    dirs = theme_dirs(theme, path, PLUGIN_TEMPLATES)
    if dirs is not None:
        site.settings = replace(site.settings, page_templates=template_names(dirs))
    return site


def _named_entries(value) -> list[tuple[Any, Any]]:
    """(name, options) of each entry of `plugins:` or `markdown_extensions:`, written as a
    list of names and `name: options` mappings, as one mapping, or as a single name."""
    if isinstance(value, dict):
        return list(value.items())
    entries = value if isinstance(value, list) else [value] if value else []
    pairs: list[tuple[Any, Any]] = []
    for entry in entries:
        pairs.extend(entry.items() if isinstance(entry, dict) else [(entry, None)])
    return pairs


def _lists_extension(extensions) -> bool:
    """Whether the site's `markdown_extensions` name ours: it exists for engines without the plugin."""
    return any(name == MARKDOWN_EXTENSION for name, _ in _named_entries(extensions))


def _plugin_options(plugins, path: Path) -> dict:
    for name, options in _named_entries(plugins):
        if name == "postmortem":
            options = options or {}
            if not isinstance(options, dict):
                raise SiteError(f"{display_path(path)}: the postmortem plugin's options are not a mapping")
            return options
    return {}


def _site(config_file: Path | None, docs_dir: Path, options: dict, language: str) -> Site:
    config = PostmortemConfig()
    config.load_dict(options)
    failed, warned = config.validate()
    where = display_path(config_file) if config_file else "defaults"
    if failed:
        problems = "; ".join(f"{name}: {error}" for name, error in failed)
        raise SiteError(f"{where}: invalid postmortem plugin option: {problems}")
    try:
        settings = settings_from_config(config)
    except SettingsError as problem:
        raise SiteError(f"{where}: invalid postmortem plugin option: {problem}") from None
    return Site(config_file, docs_dir, settings, config, language)


def collect_sources(site: Site, paths: Sequence[str], leave_out: Collection[str] = ()) -> list[Source]:
    """Postmortem files named on the command line (files or folders), or the site's folder.

    A file named explicitly is always checked; inside a folder, the plugin's own
    filter applies: under the docs folder only the postmortem folder holds
    postmortems, and nowhere do index.md, README.md or `_private` files.
    Files of a folder whose src_uri is in `leave_out` (already read) are not read again.
    """
    targets = [Path(p) for p in paths] if paths else [site.folder]
    sources: dict[Path, Source] = {}
    for target in targets:
        if target.is_file() or (target.is_symlink() and target.suffix.lower() == ".md"):
            sources.setdefault(Path(os.path.abspath(target)), _source(site, target))
        elif target.is_dir():
            for file in sorted(_markdown_files(target)):
                src_uri = _src_uri(site, file)
                if is_postmortem_uri(src_uri, site.settings.folder) and src_uri not in leave_out:
                    sources.setdefault(Path(os.path.abspath(file)), _source(site, file, src_uri))
            for folder in unreadable_folders(target, site.docs_dir):
                sources.setdefault(Path(os.path.abspath(folder.path)), folder)
        elif not paths and site.config_file is None:
            # Run outside a site: say so, rather than only that docs/postmortems is missing.
            raise SiteError(
                f"{target}: no such file or folder, and there is no mkdocs.yml in {Path.cwd()} (nor properdocs.yml); "
                "run the command in your site's folder, or pass its config with -f path/to/mkdocs.yml"
            )
        else:
            raise SiteError(f"{target}: no such file or folder")
    return list(sources.values())


def is_postmortem(site: Site, source: Source) -> bool:
    """Whether the plugin would read this file as a postmortem (a file outside the docs
    folder, as an archive being prepared, is judged by its name alone)."""
    return is_postmortem_uri(source.src_uri, site.settings.folder)


def rest_of_folder(site: Site, sources: list[Source], paths: list[str]) -> list[Source]:
    """The rest of the postmortem folder when only some files are named (pre-commit
    passes the changed ones): without it, a `related` id of an unchanged incident
    would look missing (PM601) and a duplicate id would go unseen (PM602)."""
    if not paths or not site.folder.is_dir():
        return []
    named = {source.src_uri for source in sources}
    return [source for source in collect_sources(site, [], leave_out=named) if source.src_uri not in named]


def _markdown_files(folder: Path) -> Iterable[Path]:
    # Linked folders are followed, as MkDocs follows them; each real folder once,
    # so a link back up the tree cannot loop.
    seen: set[str] = set()
    for root, dirs, names in os.walk(folder, followlinks=True):
        real = os.path.realpath(root)
        if real in seen:
            dirs[:] = []
            continue
        seen.add(real)
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "_")))
        for name in names:
            if name.lower().endswith(".md") and not name.startswith((".", "_")):
                yield Path(root) / name


def _src_uri(site: Site, file: Path) -> str:
    try:
        return Path(os.path.abspath(file)).relative_to(os.path.abspath(site.docs_dir)).as_posix()
    except ValueError:
        return f"{site.settings.folder}/{file.name}"


def _source(site: Site, file: Path, src_uri: str | None = None) -> Source:
    return read_source(file, src_uri=src_uri or _src_uri(site, file), docs_dir=site.docs_dir)


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
