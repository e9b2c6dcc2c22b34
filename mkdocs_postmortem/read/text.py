"""Small text helpers every part of the reader shares: folding for matching,
and stripping the inline Markdown that the block-level parse leaves raw."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters NFKD does not decompose into a base letter and an accent.
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss", "ø": "o", "Ø": "o"})
_NOT_WORD = re.compile(r"[\W_]+")


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Lower case, no accents, no emoji, punctuation as single spaces.

    Headings, column headers, labels and statuses are all compared folded, so
    "📖 Résumé de l’incident", "resume de l'incident" and "RÉSUMÉ DE L INCIDENT"
    are the same words. Cached: the same headers recur in every file.
    """
    text = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _NOT_WORD.sub(" ", text.lower()).strip()


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
