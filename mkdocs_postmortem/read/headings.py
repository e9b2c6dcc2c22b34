"""Which canonical section a heading is, in English or French.

The aliases live in data/headings.yml; matching is on folded text (see
text.fold), by the whole heading first and then by its parts, so a heading
written in both languages ("Ligne du temps (Timeline)") is recognised by
either.
"""

from __future__ import annotations

from functools import lru_cache

from .text import label_candidates
from .vocabulary import vocabulary


@lru_cache(maxsize=4096)
def heading_key(text: str) -> str:
    """The section key of a heading ("timeline", "actions"...), or "" when unknown."""
    return _section_named(vocabulary().headings, text)


@lru_cache(maxsize=4096)
def question_key(text: str) -> str:
    """The section a question heading asks about ("What happened?": "summary"), or ""."""
    return _section_named(vocabulary().section_questions, text)


def _section_named(names: dict[str, str], text: str) -> str:
    for candidate in label_candidates(text):
        key = names.get(candidate)
        if key:
            return key
    return ""
