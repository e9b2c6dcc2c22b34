"""Inline Markdown the block-level parse leaves raw, as the reader needs it gone:
plain cell and line text, template placeholders, and the folded forms a heading
or label may be recognised by. Folding itself is `mkdocs_postmortem.text.fold`."""

from __future__ import annotations

import re
from functools import lru_cache

from ..text import fold

_EMPHASIS = re.compile(r"(\*\*|__|\*|`)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def plain(text: str) -> str:
    """Cell or line text without emphasis markers, code ticks and link targets.

    The reader parses blocks only (inline parsing is switched off for speed),
    so inline Markdown stays raw in token contents; this removes what would
    get in the way of reading a value. Bracketed placeholders such as
    "[Nom]" are kept: the rules stage reports them.
    """
    text = _LINK.sub(r"\1", text)
    text = _EMPHASIS.sub("", text)
    return " ".join(text.split())


_PLACEHOLDER = re.compile(r"^\[[^\[\]]*\]$|^[.…·\s]+$")


def is_placeholder(text: str) -> bool:
    """A bracketed template hint such as "[Description]" or only dots."""
    return bool(_PLACEHOLDER.match(plain(text)))


_PARTS = re.compile(r"\s*(?:[()\[\]/|:–—]|\s-\s)\s*")
_NUMBERING = re.compile(r"^\s*(?:\d+(?:\.\d+)*[.)]|[IVX]+\.)\s+")


@lru_cache(maxsize=8192)
def label_candidates(text: str) -> tuple[str, ...]:
    """The folded forms a heading, header or label may be recognised by.

    The whole text first, then each part around parentheses, slashes and
    dashes: "Causes racines (Root Cause Analysis)" is recognised as
    "causes racines" or as "root cause analysis". Leading numbering
    ("2. Timeline") is dropped, but not a number that is part of the name
    ("5 Whys").
    """
    text = _NUMBERING.sub("", plain(text))
    candidates = [fold(text)]
    for part in _PARTS.split(text):
        folded = fold(part)
        if folded and folded not in candidates:
            candidates.append(folded)
    return tuple(c for c in candidates if c)
