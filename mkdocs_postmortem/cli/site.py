"""What the CLI needs from a site: its plugin settings and its postmortem files.

It reads the `postmortem` plugin's options from `mkdocs.yml` through the same
config class as the plugin, so `check` and `mkdocs build` judge alike.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..config import PostmortemConfig, Settings, SettingsError, settings_from_config
from ..handbook import Source, display_path, is_postmortem_uri


class SiteError(Exception):
    """A problem the user must fix before anything can be checked (exit 2)."""


@dataclass
class Site:
    config_file: Path | None
    docs_dir: Path
    settings: Settings
    options: PostmortemConfig
    language: str = "en"

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


def load_site(config_file: str | None) -> Site:
    """The site of `-f FILE`, else `mkdocs.yml` in the working folder, else defaults."""
    path = Path(config_file) if config_file else Path("mkdocs.yml")
    if config_file and not path.is_file():
        raise SiteError(f"{config_file}: no such file; pass the site's mkdocs.yml with -f")
    if not path.is_file():
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
    return _site(path, docs_dir, _plugin_options(raw.get("plugins"), path), str(language))


def _plugin_options(plugins, path: Path) -> dict:
    entries = plugins if isinstance(plugins, list) else [plugins] if plugins else []
    if isinstance(plugins, dict):
        entries = [{name: options} for name, options in plugins.items()]
    for entry in entries:
        if entry == "postmortem":
            return {}
        if isinstance(entry, dict) and "postmortem" in entry:
            options = entry["postmortem"] or {}
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


def collect_sources(site: Site, paths: Sequence[str]) -> list[Source]:
    """Postmortem files named on the command line (files or folders), or the site's folder.

    A file named explicitly is always checked; inside a folder, the plugin's own
    filter applies (no index.md, README.md, or `_private` files).
    """
    targets = [Path(p) for p in paths] if paths else [site.folder]
    sources: dict[Path, Source] = {}
    for target in targets:
        if target.is_file():
            sources.setdefault(target.resolve(), _source(site, target.resolve()))
        elif target.is_dir():
            for file in sorted(_markdown_files(target)):
                source = _source(site, file.resolve())
                if is_postmortem_uri(source.src_uri, ""):
                    sources.setdefault(file.resolve(), source)
        elif not paths and site.config_file is None:
            # Run outside a site: say so, rather than only that docs/postmortems is missing.
            raise SiteError(
                f"{target}: no such file or folder, and there is no mkdocs.yml in {Path.cwd()}; "
                "run the command in your site's folder, or pass its config with -f path/to/mkdocs.yml"
            )
        else:
            raise SiteError(f"{target}: no such file or folder")
    return list(sources.values())


def _markdown_files(folder: Path) -> Iterable[Path]:
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "_")))
        for name in names:
            if name.lower().endswith(".md") and not name.startswith((".", "_")):
                yield Path(root) / name


def _source(site: Site, file: Path) -> Source:
    try:
        src_uri = file.relative_to(site.docs_dir.resolve()).as_posix()
    except ValueError:
        src_uri = f"{site.settings.folder}/{file.name}"
    try:
        content = file.read_bytes()
    except OSError as problem:
        raise SiteError(f"{display_path(file)}: cannot read: {problem.strerror}") from None
    return Source(path=display_path(file), src_uri=src_uri, content=content)
