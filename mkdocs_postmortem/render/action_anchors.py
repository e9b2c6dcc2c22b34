"""Anchors on the action items of a postmortem page, so that each row of the
tracker lands on its item (`#action-3`), not on the section.

Items come from the body's tables and checklists; the page's HTML has them in
the same order as the model, so each item is looked for after the previous one:
the first table row (or list item) whose text holds the item's text gets its id.
Items written in front matter have nothing on the page to carry an anchor.
"""

from __future__ import annotations

import re
from html import unescape

from ..model import Postmortem
from ..text import letters_and_digits
from .html_scan import TAG

_OPENING = {"tr": re.compile(r"<tr\b([^>]*)>", re.IGNORECASE), "li": re.compile(r"<li\b([^>]*)>", re.IGNORECASE)}
_ENDING = {"tr": re.compile(r"</tr\s*>", re.IGNORECASE), "li": re.compile(r"<(?:/li|li\b|ul\b|ol\b)", re.IGNORECASE)}
_HAS_ID = re.compile(r"\bid\s*=", re.IGNORECASE)
MATCHED_LENGTH = 60  # folded characters of an item's text compared; cells may wrap or add links


def action_anchor(index: int) -> str:
    """The id of the `index`-th (1-based) action item of a postmortem."""
    return f"action-{index}"


def has_anchor(pm: Postmortem, index: int) -> bool:
    return pm.actions[index - 1].source != "front-matter"


def anchor_actions(page_html: str, pm: Postmortem) -> str:
    position = 0
    for index, action in enumerate(pm.actions, start=1):
        if not has_anchor(pm, index):
            continue
        tag = "li" if action.source == "checklist" else "tr"
        wanted = letters_and_digits(action.text)[:MATCHED_LENGTH]
        if not wanted:
            continue
        for opening in _OPENING[tag].finditer(page_html, position):
            ending = _ENDING[tag].search(page_html, opening.end())
            inner = page_html[opening.end() : ending.start() if ending else len(page_html)]
            if wanted not in letters_and_digits(unescape(TAG.sub(" ", inner))):
                continue
            position = opening.end()
            if not _HAS_ID.search(opening.group(1)):
                attributes = f' id="{action_anchor(index)}"{opening.group(1)}'
                page_html = f"{page_html[: opening.start()]}<{tag}{attributes}>{page_html[opening.end() :]}"
                position += len(f' id="{action_anchor(index)}"')
            break
    return page_html
