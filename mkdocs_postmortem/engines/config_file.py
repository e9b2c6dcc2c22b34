"""A site as its config file describes it: `properdocs.yml` or `mkdocs.yml`, read without running an engine.

The CLI and the Markdown extension (Zensical runs no plugin) read the
`postmortem` plugin's options through the same config class as the plugin,
so `check`, `generate` and `mkdocs build` judge alike.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from ..settings import Settings, SettingsError, settings_from_config
from ..sources import display_path
from ..theme_templates import template_names, theme_dirs
from .language import site_language
from .mkdocs.config import PostmortemConfig

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
    site = _site(path, docs_dir, _plugin_options(raw.get("plugins"), path), site_language(theme))
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
