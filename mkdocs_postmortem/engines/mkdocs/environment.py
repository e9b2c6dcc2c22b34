"""The Jinja environment the generated pages and page parts are rendered with.

Templates are looked up through the theme's Jinja loader, so a file of the
same name in a site's `theme.custom_dir` wins. The theme's environment does
not escape by default; pages are rendered from an overlay with autoescape on,
because every string here comes from a postmortem.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import jinja2

from ...render.memo import RenderMemo
from ...render.slots import jinja_globals
from ...render.views.rows import count_text

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


@jinja2.pass_context
def _count_text(context, count: int) -> str:
    """`{{ count_text(3) }}`: `3 incidents`, in the page's labels."""
    return count_text(context["t"], count)


def with_page_globals(env: jinja2.Environment) -> jinja2.Environment:
    """`env` (an overlay of its own) with what page templates may call: the listing markers, count_text."""
    # A new dict: an overlay shares its parent's globals, and the theme's environment stays as it was.
    env.globals = {**env.globals, **jinja_globals(), "count_text": _count_text}
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
