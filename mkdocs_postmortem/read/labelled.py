"""Paragraphs that open a section by their label rather than by a heading.

The SRE book's template writes `**Summary:** ...`, `**Impact:** ...` and
`**Root Causes:** ...` as labelled paragraphs; status pages write
`**Updates:**` or `Next steps:` on a line of their own above a list. A
paragraph opens a section when it starts with a bold label that ends with a
colon, or is one line that is only a label and a colon, and the label names a
section (data/headings.yml, as headings do). What follows the label on its
own paragraph is the section's first content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import SECTIONS
from .headings import heading_key, question_key
from .structure import Block, Paragraph

# Bounded label lengths keep both patterns linear whatever the line holds.
_BOLD_LABEL = re.compile(r"^(\*\*|__)([^*_\n]{1,60})(?:\*\*|__)[ \t]*(:?)[ \t]*(.*)$")
_LINE_LABEL = re.compile(r"^([^:\n]{1,60}?)[ \t]{0,3}:[ \t]*$")


@dataclass(frozen=True)
class Label:
    line: int
    text: str  # the label as written, without emphasis and colon
    key: str  # the section it names
    has_text: bool  # the paragraph goes on after the label


def section_labels(blocks: list[Block]) -> list[Label]:
    """The labelled paragraphs of a body that name a section, in order."""
    found: list[Label] = []
    for block in blocks:
        if not isinstance(block, Paragraph) or not block.lines:
            continue
        line, first = block.lines[0]
        first = first.strip()
        text, rest = _label(first)
        if text is None:
            continue
        key = heading_key(text) or question_key(text)
        if key in SECTIONS:  # "**Incident Date**:" or "**Severity**:" is a fact, not a section
            more = bool(rest) or any(later.strip() for _, later in block.lines[1:])
            found.append(Label(line, text, key, more))
    return found


def _label(line: str) -> tuple[str | None, str]:
    bold = _BOLD_LABEL.match(line)
    if bold:
        inside = bold.group(2).strip()
        if inside.endswith(":") or bold.group(3):
            return inside.rstrip(" :").strip() or None, bold.group(4).strip()
        return None, ""
    alone = _LINE_LABEL.match(line)
    if alone and not alone.group(1).lstrip().startswith(("*", "_", "-", "|", ">")):
        return alone.group(1).strip(), ""
    return None, ""
