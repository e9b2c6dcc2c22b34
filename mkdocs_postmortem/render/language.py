"""The language a postmortem is written in (a site's own is `engines.language.site_language`).

The words themselves are loaded by `text.labels_for` and `text.chart_labels`."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from ..text import fold, language_of, load_data

if TYPE_CHECKING:
    from ..model import Postmortem


@lru_cache(maxsize=1)
def _language_words() -> dict[str, frozenset[str]]:
    return {code: frozenset(words) for code, words in load_data("languages.yml").items()}


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
