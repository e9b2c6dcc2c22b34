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

import jinja2

# MkDocs renders a page with `main.html` unless told otherwise; themes build it on `base.html`.
PAGE_ROOTS = frozenset({"main.html", "base.html"})
# Folders of templates that only render inside another: the theme's partials (Material's
# fragments too) and this plugin's page fragments, which expect variables only their
# includer sets.
INCLUDED_ONLY = frozenset({"partials", "fragments", "postmortem"})


def template_names(dirs: Iterable[str | os.PathLike[str]]) -> frozenset[str]:
    """The page templates under the theme's folders, as Jinja names them.

    A page template is one that extends `main.html` or `base.html` (directly or
    not), or any other template outside the partials' folders: a custom_dir's own
    standalone page is one. A partial (`partials/toc-item.html`) exists but, named
    in `template:`, would stop the build with a Jinja traceback.
    """
    files: dict[str, Path] = {}
    for folder in dirs:  # the first folder that has a name wins, as in MkDocs' loader
        root = Path(folder)
        if root.is_dir():
            for name, path in _html_under(root):
                files.setdefault(name, path)
    return frozenset(name for name in files if _is_page(name, files))


def _html_under(root: Path) -> Iterable[tuple[str, Path]]:
    """(name relative to `root`, path) of everything named `*.html` under it, as
    `root.rglob("*.html")` lists them (symbolic links to folders not followed), walked
    with `os.walk`: a theme's folder holds its icons too (Material's, 14,000 files),
    which `rglob` took three times as long to list."""
    for folder, subfolders, filenames in os.walk(root):
        relative = os.path.relpath(folder, root)
        prefix = "" if relative == "." else relative.replace(os.sep, "/") + "/"
        for entry in (*subfolders, *filenames):
            if entry.endswith(".html"):
                yield prefix + entry, Path(folder, entry)


def _is_page(name: str, files: dict[str, Path]) -> bool:
    seen: set[str] = set()
    current: str | None = name
    while current is not None and current not in seen:
        if current in PAGE_ROOTS:
            return True
        seen.add(current)
        path = files.get(current)
        current = _extended(path) if path is not None else None
    return name.split("/", 1)[0] not in INCLUDED_ONLY


def _extended(path: Path) -> str | None:
    """The template `path` extends (`{% extends "main.html" %}`), if it names one."""
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    if "extends" not in source:
        return None
    # Lexed, not parsed, and only up to the tag: themes put it first, and parsing every
    # template would cost the CLI and each `mkdocs serve` rebuild a tenth of a second.
    previous: tuple[str, str] = ("", "")
    try:
        for _, kind, value in _PARSER.lex(source):
            if kind == "string" and previous == ("name", "extends"):
                return value[1:-1] if value[:1] in "'\"" else value
            if kind != "whitespace":
                previous = (kind, value)
    except jinja2.TemplateSyntaxError:
        return None
    return None


_PARSER = jinja2.Environment()  # parsing only: no loader, nothing rendered


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
