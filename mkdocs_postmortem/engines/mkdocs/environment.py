"""The Jinja environment the generated pages and page parts are rendered with.

Templates are looked up through the theme's Jinja loader, so a file of the
same name in a site's `theme.custom_dir` wins. The theme's environment does
not escape by default; pages are rendered from an overlay with autoescape on,
because every string here comes from a postmortem.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

import jinja2

from ...render.kept_rows import kept_row
from ...render.memo import RenderMemo
from ...render.slots import jinja_globals
from ...render.views.rows import count_text

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


@jinja2.pass_context
def _count_text(context, count: int) -> str:
    """`{{ count_text(3) }}`: `3 incidents`, in the page's labels."""
    return count_text(context["t"], count)


def with_page_globals(env: jinja2.Environment) -> jinja2.Environment:
    """`env` (an overlay of its own) with what page templates may call: the listing markers, count_text,
    kept_row (which `serve` replaces by one that keeps rows, see GeneratedPages)."""
    # A new dict: an overlay shares its parent's globals, and the theme's environment stays as it was.
    env.globals = {**env.globals, **jinja_globals(), "count_text": _count_text, "kept_row": kept_row}
    return env


def theme_page_env(
    memo: RenderMemo, theme_env: Callable[[], jinja2.Environment], dirs: list[str], locale: str | None
) -> jinja2.Environment:
    """The autoescaping overlay of the theme's environment.

    Kept while the theme's folders and locale stay the same, so templates
    are compiled once per serve session; `auto_reload` still picks up an
    edited override in the site's `custom_dir`.
    """
    key = ("page_env", tuple(dirs), str(locale))
    return memo.get(key, lambda: with_page_globals(theme_env().overlay(autoescape=True, auto_reload=True)))


def package_page_env(custom_dir: Path | None) -> jinja2.Environment:
    """The package's page templates, behind the site's own overrides as in the plugin (for `generate`)."""
    folders = [str(custom_dir)] if custom_dir and custom_dir.is_dir() else []
    loader = jinja2.FileSystemLoader([*folders, str(TEMPLATES)])
    return with_page_globals(jinja2.Environment(loader=loader, autoescape=True))


def templates_digest(dirs: list[str], custom_dir: str | None, locale: object) -> str:
    """A digest of every template a page of ours may render: what each theme folder holds
    under `postmortem/` (ours, and a site's overrides of them), every template of the site's
    `custom_dir` (an override may include one of its own), in the order the loader
    searches them, the theme's locale, and the versions of Jinja, MkDocs and Material.

    Contents, not modification times: a checkout or a copy changes times, not pages.
    """
    digest = hashlib.sha256()
    for name in ("jinja2", "mkdocs", "mkdocs-material"):
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = None
        digest.update(f"{name}={version}\0".encode())
    digest.update(f"locale={locale}\0".encode())
    custom = os.path.realpath(custom_dir) if custom_dir else None
    for number, folder in enumerate(dirs):
        whole = custom is not None and os.path.realpath(folder) == custom
        top = folder if whole else os.path.join(folder, "postmortem")
        # The folder's place, not its path: a checkout elsewhere (another CI runner) renders the same.
        digest.update(f"{number}:{whole}\0".encode())
        for root, subfolders, names in os.walk(top):
            subfolders.sort()
            for name in sorted(names):
                path = os.path.join(root, name)
                if whole and not name.endswith((".html", ".jinja", ".j2", ".xml", ".txt")):
                    continue
                try:
                    content = Path(path).read_bytes()
                except OSError:
                    continue
                digest.update(os.path.relpath(path, folder).encode("utf-8", "surrogatepass") + b"\0")
                digest.update(hashlib.sha256(content).digest())
    return digest.hexdigest()
