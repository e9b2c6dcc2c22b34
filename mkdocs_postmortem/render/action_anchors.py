"""Anchors on the action items of a postmortem page, so that each row of the
tracker lands on its item (`#action-3`), not on the section.

Items come from the body's tables and checklists; the page's HTML has them in
the same order as the model, so each item is looked for after the previous one:
the first table row (or list item) whose text holds the item's text gets its id.
Items written in front matter have nothing on the page to carry an anchor.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from html import unescape

from ..model import Postmortem
from ..text import letters_and_digits
from .html_scan import strip_tags

_OPENING = {"tr": re.compile(r"<tr\b([^>]*)>", re.IGNORECASE), "li": re.compile(r"<li\b([^>]*)>", re.IGNORECASE)}
_ENDING = {"tr": re.compile(r"</tr\s*>", re.IGNORECASE), "li": re.compile(r"<(?:/li|li\b|ul\b|ol\b)", re.IGNORECASE)}
_HAS_ID = re.compile(r"\bid\s*=", re.IGNORECASE)
MATCHED_LENGTH = 60  # folded characters of an item's text compared; cells may wrap or add links


def action_anchor(index: int) -> str:
    """The id of the `index`-th (1-based) action item of a postmortem."""
    return f"action-{index}"


def has_anchor(pm: Postmortem, index: int) -> bool:
    return pm.actions[index - 1].source != "front-matter"


@dataclass
class _Elements:
    """The page's rows (or list items) once: their openings and their folded texts, joined
    with a separator no folded text holds, so an item is looked for with one `str.find`."""

    openings: list[re.Match[str]]
    opening_starts: list[int]
    starts: list[int]  # where each element's text starts in `joined`
    joined: str

    def first_holding(self, wanted: str, position: int) -> re.Match[str] | None:
        """The opening of the first element that opens at or after `position` and whose text holds `wanted`."""
        first = bisect_left(self.opening_starts, position)
        if first >= len(self.openings):
            return None
        at = self.joined.find(wanted, self.starts[first])
        return None if at < 0 else self.openings[bisect_right(self.starts, at) - 1]


def _elements(page_html: str, tag: str) -> _Elements:
    # Past the last ">", no opening tag ends: the pattern would read to the end from each "<tr".
    openings = list(_OPENING[tag].finditer(page_html, 0, page_html.rfind(">") + 1))
    texts: list[str] = []
    ending_at = -1
    for number, opening in enumerate(openings):
        # An element ends at its closing tag, or where the next one opens (malformed HTML):
        # inner texts never overlap, so reading them all is linear in the page.
        limit = openings[number + 1].start() if number + 1 < len(openings) else len(page_html)
        if ending_at < opening.end():
            ending = _ENDING[tag].search(page_html, opening.end())
            ending_at = ending.start() if ending else len(page_html)
        inner = page_html[opening.end() : min(ending_at, limit)]
        texts.append(letters_and_digits(unescape(strip_tags(inner, " "))))
    starts, offset = [], 0
    for text in texts:
        starts.append(offset)
        offset += len(text) + 1
    return _Elements(openings, [opening.start() for opening in openings], starts, "\n".join(texts))


def anchor_actions(page_html: str, pm: Postmortem) -> str:
    elements: dict[str, _Elements] = {}
    position = 0  # items are in page order: each is looked for after the previous one
    insertions: list[tuple[int, str]] = []
    for index, action in enumerate(pm.actions, start=1):
        if not has_anchor(pm, index):
            continue
        tag = "li" if action.source == "checklist" else "tr"
        # The page shows an item's inline HTML (`<kbd>`, `<br>`) as markup: compare the texts without tags.
        wanted = letters_and_digits(unescape(strip_tags(action.text, " ")))[:MATCHED_LENGTH]
        if not wanted:
            continue
        if tag not in elements:
            elements[tag] = _elements(page_html, tag)
        opening = elements[tag].first_holding(wanted, position)
        if opening is None:
            continue
        position = opening.end()
        if not _HAS_ID.search(opening.group(1)):
            insertions.append((opening.start() + 1 + len(tag), f' id="{action_anchor(index)}"'))
    for at, text in sorted(insertions, reverse=True):
        page_html = page_html[:at] + text + page_html[at:]
    return page_html
