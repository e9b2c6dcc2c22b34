"""Paragraphs that open a section by their label rather than by a heading.

The SRE book's template writes `**Summary:** ...`, `**Impact:** ...` and
`**Root Causes:** ...` as labelled paragraphs; status pages write
`**Updates:**` or `Next steps:` on a line of their own above a list. A
paragraph opens a section when it starts with a bold label that ends with a
colon, or is one line that is only a label and a colon, or only a bold label
("**Lessons Learned**" on its own, as a heading would be), and the label names
a section (read/headings.py, as headings do). What follows the label on its
own paragraph is the section's first content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import SECTIONS
from .headings import cued_key, heading_key, question_key
from .structure import Block, Paragraph

# Bounded label lengths keep both patterns linear whatever the line holds.
# An emoji or a symbol may come first ("ℹ️ **Executive summary**" opening a callout).
_BOLD_LABEL = re.compile(r"^(?:[^\w\s*_]{1,4}[ \t]{0,2})?(\*\*|__)([^*_\n]{1,90})(?:\*\*|__)[ \t]*(:?)[ \t]*(.*)$")
_LINE_LABEL = re.compile(r"^([^:\n]{1,60}?)[ \t]{0,3}:[ \t]*$")


@dataclass(frozen=True)
class Label:
    line: int
    text: str  # the label as written, without emphasis and colon
    key: str  # the section it names
    has_text: bool  # the paragraph goes on after the label


def section_labels(blocks: list[Block], named: frozenset[str] = frozenset()) -> list[Label]:
    """The labelled paragraphs of a body that name a section, in order. A bold
    label is also read by its words (read/headings.py), for a section no heading
    of the document names (`named`)."""
    found: list[Label] = []
    for block in blocks:
        if not isinstance(block, Paragraph) or not block.lines:
            continue
        line, first = block.lines[0]
        first = first.strip()
        text, rest, bold = _label(first)
        if text is None:
            continue
        # A plain line ending in a colon is often a sentence that introduces a list
        # ("The root cause was a race between two writers:"): only a section's own
        # names open one there; a bold label is read by its words as a heading is.
        key = heading_key(text) or question_key(text)
        if not key and bold:
            cued = cued_key(text)
            key = cued if cued not in named else ""
        if key in SECTIONS:  # "**Incident Date**:" or "**Severity**:" is a fact, not a section
            more = bool(rest) or any(later.strip() for _, later in block.lines[1:])
            found.append(Label(line, text, key, more))
    return found


def _label(line: str) -> tuple[str | None, str, bool]:
    """(label, text after it, whether the label is bold), or (None, "", False)."""
    bold = _BOLD_LABEL.match(line)
    if bold:
        inside = bold.group(2).strip()
        if inside.endswith(":") or bold.group(3):
            return inside.rstrip(" :").strip() or None, bold.group(4).strip(), True
        if not bold.group(4).strip():  # a bold line of its own stands as a heading
            return inside.strip() or None, "", True
        return None, "", False
    plain_label = _LINE_LABEL.match(line)
    if plain_label and not plain_label.group(1).lstrip().startswith(("*", "_", "-", "|", ">")):
        return plain_label.group(1).strip(), "", False
    return None, "", False
