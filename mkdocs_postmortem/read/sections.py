"""Sections from headings: which heading is the title, where each section
ends, which part of the file is the postmortem's body.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..model import SECTIONS, Section
from .headings import heading_key
from .structure import Block, Fence, Heading, ListBlock, Other, Paragraph, Rule, Table, parse_blocks
from .text import is_placeholder


@dataclass
class Body:
    """The blocks of the Markdown the reader reads, with its sections."""

    blocks: list[Block]
    sections: list[Section]
    title: Heading | None
    first_line: int
    last_line: int
    headings: list[Heading] = field(default_factory=list)

    def blocks_under(self, section: Section) -> Iterator[Block]:
        """Blocks of a section and its sub-sections, headings excluded."""
        for block in self.blocks:
            if section.line < block.line <= section.end_line and not isinstance(block, Heading):
                yield block

    def sections_keyed(self, key: str) -> list[Section]:
        return [section for section in self.sections if section.key == key]

    def nearest_heading(self, line: int) -> Section | None:
        """The innermost section a line belongs to."""
        found = None
        for section in self.sections:
            if section.line > line:
                break
            if line <= section.end_line and (found is None or section.level >= found.level):
                found = section
        return found

    def recognised(self) -> int:
        return sum(1 for section in self.sections if section.key in SECTIONS)


def read_body(text: str, first_line: int) -> Body:
    blocks = parse_blocks(text, first_line)
    last_line = first_line + text.count("\n")
    return _body_of(blocks, first_line, last_line)


def _body_of(blocks: list[Block], first_line: int, last_line: int) -> Body:
    headings = [block for block in blocks if isinstance(block, Heading)]
    title = None
    if headings and headings[0].level == 1 and not heading_key(headings[0].text):
        # A leading `# ...` names the document; it is not one of its sections.
        title = headings[0]
    section_headings = [h for h in headings if h is not title]
    sections = []
    for index, heading in enumerate(section_headings):
        end = last_line
        for later in section_headings[index + 1 :]:
            if later.level <= heading.level:
                end = later.line - 1
                break
        sections.append(
            Section(
                key=heading_key(heading.text),
                title=heading.text,
                level=heading.level,
                line=heading.line,
                end_line=end,
                has_content=False,
            )
        )
    body = Body(blocks, sections, title, first_line, last_line, headings)
    for section in sections:
        section.has_content = any(_is_content(block) for block in body.blocks_under(section))
    return body


def _is_content(block: Block) -> bool:
    if isinstance(block, Rule):
        return False
    if isinstance(block, Paragraph):
        return any(text and not is_placeholder(text) for _, text in block.lines)
    if isinstance(block, ListBlock):
        return any(item.text.strip() and not is_placeholder(item.text) for item in block.items)
    if isinstance(block, Table):
        return any(any(cell.strip() for cell in row.cells) for row in block.rows)
    if isinstance(block, Fence):
        return bool(block.content.strip())
    return isinstance(block, Other)


# --- a postmortem embedded in a ```markdown fence --------------------------
#
# Specifications and wikis often show their postmortem inside a ```markdown
# fence (seed 002 is such a spec: its worked example is the postmortem). When
# the file's own headings name no postmortem section, the reader reads the
# fence's content as the body instead, with the file's real line numbers.
#
# Authors nest plain ``` fences inside a ``` fence, which CommonMark closes at
# the first inner fence; the fence's real end is found below by pairing the
# inner fences.

_OPENER = re.compile(r"^ {0,3}(`{3,}|~{3,})\s*(?:markdown|md)\s*$", re.IGNORECASE)


def embedded_body(text: str, first_line: int) -> Body | None:
    """The best postmortem inside a markdown fence, or None when there is none."""
    lines = text.split("\n")
    best: Body | None = None
    for index, line in enumerate(lines):
        opener = _OPENER.match(line)
        if not opener:
            continue
        fence = opener.group(1)
        close = _closing_line(lines, index, fence[0], len(fence))
        content = "\n".join(lines[index + 1 : close])
        body = read_body(content, first_line + index + 1)
        if body.recognised() and (best is None or body.recognised() > best.recognised()):
            best = body
    return best


def _closing_line(lines: list[str], opener: int, char: str, length: int) -> int:
    """Index of the line that closes the fence opened at `opener` (len(lines) if none)."""
    candidates: list[int] = []
    inner_open = False
    for index in range(opener + 1, len(lines)):
        stripped = lines[index].lstrip(" ")
        if len(lines[index]) - len(stripped) > 3 or not stripped.startswith(char * 3):
            continue
        run = len(stripped) - len(stripped.lstrip(char))
        bare = not stripped[run:].strip()
        if inner_open:
            if bare:
                inner_open = False
            continue
        if bare and run >= length:
            if length > 3:  # a longer outer fence nests properly: its first close is the close
                return index
            candidates.append(index)
        inner_open = True
    if not candidates:
        return len(lines)
    for index in candidates:
        # The outer fence is closed where the document goes on with a heading
        # (or ends); an inner fence is followed by code.
        following = next((line for line in lines[index + 1 :] if line.strip()), None)
        if following is None or following.startswith(("# ", "## ")) or _OPENER.match(following):
            return index
    return candidates[-1]
