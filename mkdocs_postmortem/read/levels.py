"""A severity level written in other words than a level's name: a level word
and its number ("S2", "Level 1", "niveau 3", "Priorité 2"), or such a code
joined to the level's word ("S2-Major", "Niveau 3 – mineur", "Level 1
(critical)"). It is read only where a label already says the text is the
severity (a field, a table cell, a sentence after a severity word), so that
"S3 bucket" in a title stays a product. The level words are data
(data/reading.yml, `severity_level_words`)."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from ..text import fold, load_data

# What joins a code to its word: a dash, a colon, a comma or brackets.
_JOINS = re.compile(r"[ \t]{0,3}[-–—:,()\[\]][ \t]{0,3}")
_NUMBERED = re.compile(r"^(?P<word>[a-z]{1,12}(?: [a-z]{1,12})?)[ \t]{0,2}[#°-]?[ \t]{0,2}(?P<number>\d)$")
_MOST_PARTS = 4


@lru_cache(maxsize=1)
def _level_words() -> frozenset[str]:
    return frozenset(fold(str(word)) for word in load_data("reading.yml")["severity_level_words"])


def numbered_level(text: str, lookup: Callable[[str], str | None]) -> str | None:
    """The level of "S2", "niveau 3", "Level-1" through `lookup` (a folded alias
    to its level), as "sev N" reads; None for any other text."""
    found = _NUMBERED.match(fold(text).strip())
    if found is None or found["word"] not in _level_words():
        return None
    number = found["number"]
    return lookup(f"sev {number}") or lookup(f"p{number}")


def joined_level(text: str, lookup: Callable[[str], str | None]) -> str | None:
    """The one level the parts of a joined value agree on ("S2-Major", "niveau 3
    (mineur)"); None when no part is a level, or two disagree ("S2-Minor")."""
    parts = [fold(part) for part in _JOINS.split(text.strip()) if fold(part)]
    if not parts or len(parts) > _MOST_PARTS:
        return None
    levels = {lookup(part) or numbered_level(part, lookup) for part in parts} - {None}
    return levels.pop() if len(levels) == 1 else None
