"""The one answer to "what language is this site in", for every engine and the CLI."""

from __future__ import annotations

from ..text import FALLBACK_LANGUAGE


def site_language(theme: object) -> str:
    """The language of a site, from its theme: Material names it `language`, MkDocs'
    and ProperDocs' own themes `locale`.

    `theme` is the theme of a loaded MkDocs config (a mapping whose `locale` MkDocs
    has parsed) or the `theme:` entry of a config file as YAML reads it (a mapping,
    or a theme's name alone, which states no language)."""
    if not hasattr(theme, "get"):
        return FALLBACK_LANGUAGE
    language = theme.get("language") or theme.get("locale")
    return str(language) if language else FALLBACK_LANGUAGE
