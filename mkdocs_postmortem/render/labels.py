"""The words of the generated pages, in the site's language (data/labels.yml)."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

FALLBACK = "en"


@lru_cache(maxsize=1)
def _all_labels() -> dict[str, dict[str, Any]]:
    text = resources.files("mkdocs_postmortem").joinpath("data/labels.yml").read_text("utf-8")
    return yaml.safe_load(text)


def language_of(theme_language: str | None) -> str:
    """`fr`, `fr_FR`, `fr-CA` -> `fr`; anything without labels -> English."""
    code = str(theme_language or FALLBACK).replace("-", "_").split("_")[0].lower()
    return code if code in _all_labels() else FALLBACK


def labels_for(theme_language: str | None) -> dict[str, Any]:
    """The labels of one language, English filling any key it lacks."""
    everything = _all_labels()
    chosen = everything[language_of(theme_language)]
    merged: dict[str, Any] = {}
    for key, value in everything[FALLBACK].items():
        own = chosen.get(key, value)
        merged[key] = {**value, **own} if isinstance(value, dict) else own
    return merged


def theme_language(theme) -> str:
    """Material names it `language`; MkDocs' own themes use `locale`."""
    language = theme.get("language") if hasattr(theme, "get") else None
    if not language:
        language = getattr(theme, "locale", None) or FALLBACK
    return str(language)
