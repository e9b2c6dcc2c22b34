"""A severity stated by a section or a word rather than a "Severity: P1"
line: `## Severity` followed by `**Critical** - complete outage`, or `SEV2`
in the title. A section that says no severity applies ("None critical")
leaves the severity unknown; it is not a wrong value.
"""

from __future__ import annotations

import re

from ..model import Stated
from ..settings import Settings
from .sections import Body
from .structure import ListBlock, Paragraph
from .text import label_candidates, plain
from .values import read_severity
from .vocabulary import vocabulary

_LEADING_WORDS = re.compile(r"^[\w-]+(?:\s[\w-]+)?")
_SEV_WORD = re.compile(r"\b(?:SEV|Sev|sev)[-\s]?\d\b|\bP[0-5]\b")


def stated_severity(body: Body, settings: Settings) -> dict[str, Stated]:
    labels = vocabulary().facts
    for section in body.sections:
        if not any(labels.get(c) == "severity" for c in label_candidates(section.title)):
            continue
        for block in body.blocks_under(section):
            text, line = _first_text(block)
            if text is None:
                continue
            level = _leading_level(text, settings)
            if level is not None:
                return {"severity": Stated(level, text, line)}
            break  # the section's first words name no level: unknown, not wrong
    if body.title is not None:
        match = _SEV_WORD.search(body.title.text)
        if match:
            level = read_severity(match.group(0), settings)
            if level is not None:
                return {"severity": Stated(level, match.group(0), body.title.line)}
    return {}


def _first_text(block) -> tuple[str | None, int]:
    if isinstance(block, Paragraph) and block.lines:
        return block.lines[0][1], block.lines[0][0]
    if isinstance(block, ListBlock) and block.items:
        return block.items[0].text.split("\n")[0], block.items[0].line
    return None, block.line


def _leading_level(text: str, settings: Settings) -> str | None:
    flat = plain(text).strip()
    whole = read_severity(flat, settings)
    if whole is not None:
        return whole
    match = _LEADING_WORDS.match(flat)
    if match is None:
        return None
    for words in (match.group(0), match.group(0).split()[0]):
        level = read_severity(words, settings)
        if level is not None:
            return level
    return None
