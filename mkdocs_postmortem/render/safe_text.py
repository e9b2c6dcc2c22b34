"""Text from postmortems, made safe for places that themes treat as HTML."""

from __future__ import annotations

from html import escape

from ..model import Postmortem


def page_title(pm: Postmortem) -> str:
    """The title as the theme should print it.

    MkDocs and Material insert `page.title` into the nav, the header and
    `<title>` without escaping, on every page of the site: a title such as
    `Latency <5ms` would break them and `<img onerror=...>` would run.
    """
    return escape(pm.display_title, quote=True)
