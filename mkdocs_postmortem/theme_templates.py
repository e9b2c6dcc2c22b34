"""The page templates a site's theme offers, for checking a postmortem's `template:`.

MkDocs renders a page with the template its front matter names; a name the
theme lacks, or a value that is not a name at all, stops the build inside
MkDocs with a traceback. The plugin checks the name first (PM003) and MkDocs
never sees a bad one.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from importlib.metadata import entry_points
from pathlib import Path


def template_names(dirs: Iterable[str | os.PathLike[str]]) -> frozenset[str]:
    """Every `.html` template under the theme's folders, as Jinja names them."""
    names: set[str] = set()
    for folder in dirs:
        root = Path(folder)
        if not root.is_dir():
            continue
        for path in root.rglob("*.html"):
            names.add(path.relative_to(root).as_posix())
    return frozenset(names)


def theme_dirs(theme: object, config_file: Path | None, plugin_templates: Path) -> list[Path] | None:
    """The template folders of the `theme:` entry of a site config, as MkDocs
    would search them (custom_dir first), or None when the theme is unknown here."""
    name = theme.get("name") if isinstance(theme, dict) else theme
    custom_dir = theme.get("custom_dir") if isinstance(theme, dict) else None
    dirs: list[Path] = []
    base = config_file.parent if config_file else Path(".")
    if custom_dir:
        dirs.append(base / str(custom_dir))
    if name:
        package = _theme_package(str(name))
        if package is None:
            return None
        dirs.append(package)
        # A theme may extend another (`extends` in its mkdocs_theme.yml), whose templates it inherits.
        parent = _extends(package)
        if parent is not None:
            dirs.append(parent)
    dirs.append(plugin_templates)
    return dirs


def _theme_package(name: str) -> Path | None:
    for entry in entry_points(group="mkdocs.themes"):
        if entry.name == name:
            try:
                module = entry.load()
            except Exception:  # noqa: BLE001 - a broken theme install: leave templates unchecked
                return None
            return Path(module.__file__).parent if getattr(module, "__file__", None) else None
    return None


def _extends(folder: Path) -> Path | None:
    manifest = folder / "mkdocs_theme.yml"
    if not manifest.is_file():
        return None
    for line in manifest.read_text(encoding="utf-8").splitlines():
        key, _, value = line.partition(":")
        if key.strip() == "extends" and value.strip():
            return _theme_package(value.strip().strip("'\""))
    return None
