"""The words of the generated pages, in the site's language (data/labels.yml),
and the language a postmortem is written in."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import yaml

from ..read.text import fold

if TYPE_CHECKING:
    from ..model import Postmortem

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


@lru_cache(maxsize=1)
def _language_words() -> dict[str, frozenset[str]]:
    text = resources.files("mkdocs_postmortem").joinpath("data/languages.yml").read_text("utf-8")
    return {code: frozenset(words) for code, words in yaml.safe_load(text).items()}


def postmortem_language(pm: Postmortem, fallback: str | None) -> str:
    """The language a postmortem is written in: `lang` or `language` in its front
    matter, else the language most words of its title and headings belong to,
    else `fallback` (the site's)."""
    stated = pm.front_matter.get("lang") or pm.front_matter.get("language") if isinstance(pm.front_matter, dict) else None
    if isinstance(stated, str) and stated.strip():
        return language_of(stated)
    votes = dict.fromkeys(_language_words(), 0)
    for text in [pm.title or "", *(section.title for section in pm.sections)]:
        for word in fold(text).split():
            for code, words in _language_words().items():
                if word in words:
                    votes[code] += 1
    ranked = sorted(votes.items(), key=lambda item: -item[1])
    if len(ranked) > 1 and ranked[0][1] > ranked[1][1]:
        return language_of(ranked[0][0])
    return language_of(fallback)
