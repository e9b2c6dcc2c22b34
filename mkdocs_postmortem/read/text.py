"""Inline Markdown the block-level parse leaves raw, as the reader needs it gone:
plain cell and line text, template placeholders, and the folded forms a heading
or label may be recognised by. Folding itself is `mkdocs_postmortem.text.fold`."""

from __future__ import annotations

import re
from functools import lru_cache

from ..text import fold

_EMPHASIS = re.compile(r"(\*\*|__|\*|`)")


def _link_labels(text: str) -> str:
    r"""`[label](target)` becomes `label`, as `re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)` did.

    That pattern read from every "[" to the next "]" (and from every "](" to the next ")"): a
    long run of "[" took quadratic time. Here the next "]" and ")" are remembered, so each is
    looked for once.
    """
    if "](" not in text:
        return text
    parts: list[str] = []
    done = 0  # text before this is copied or replaced
    close = target_end = -1  # the next "]" after the current "[", the next ")" after its "]("
    start = text.find("[")
    while start >= 0:
        if close < start:
            close = text.find("]", start + 1)
            if close < 0:
                break  # no "]" from here on: no later "[" closes either
        if text.startswith("(", close + 1):
            if target_end < close + 2:
                target_end = text.find(")", close + 2)
                if target_end < 0:
                    break  # no ")" from here on: no later link ends either
            parts += [text[done:start], text[start + 1 : close]]
            done = target_end + 1
            start = text.find("[", done)
        else:
            start = text.find("[", start + 1)
    parts.append(text[done:])
    return "".join(parts)


@lru_cache(maxsize=8192)
def plain(text: str) -> str:
    """Cell or line text without emphasis markers, code ticks and link targets.

    The reader parses blocks only (inline parsing is switched off for speed),
    so inline Markdown stays raw in token contents; this removes what would
    get in the way of reading a value. Bracketed placeholders such as
    "[Nom]" are kept: the rules stage reports them. Cached: the sections, the
    timeline, the actions and the facts read the same cells and lines again.
    """
    text = _link_labels(text)
    text = _EMPHASIS.sub("", text)
    return " ".join(text.split())


_PLACEHOLDER = re.compile(r"^\[[^\[\]]*\]$|^[.…·\s]+$")


def is_placeholder(text: str) -> bool:
    """A bracketed template hint such as "[Description]" or only dots."""
    return bool(_PLACEHOLDER.match(plain(text)))


# Leading blanks are taken only where their run starts: from every blank of a long run, a
# leading `\s*` read the rest of the run each time.
_PARTS = re.compile(r"(?:(?<!\s)\s*)?(?:[()\[\]/|:–—]|\s-\s)\s*")
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
