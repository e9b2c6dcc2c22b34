"""Ticket references in a postmortem page's action items, made links.

Runs on the sanitised body, after the action items got their anchors
(`action_anchors.py`): inside each anchored row or list item, the text of a
reference the item holds (`OPS-7`, `#12`, a bare issue URL) becomes a link to
its ticket. Text already inside a link, and the inside of tags, are left as they
are. Only http(s) URLs are ever written: full URLs come from the reader's
`https?://` match, short ones from the site's own `ticket_url`.
"""

from __future__ import annotations

import re
from html import escape

from ..model import Postmortem
from ..read.tickets import Ticket, ticket_links
from .action_anchors import action_anchor, has_anchor

# `[^<>]` and not `[^>]`: a tag never reaches past the next `<`, so a page full of unclosed
# `<` costs one pass, not one pass per `<`.
_OPENING = re.compile(r"<(tr|li)\b[^<>]*\bid=\"(action-\d+)\"[^<>]*>", re.IGNORECASE)
_ENDING = {"tr": re.compile(r"</tr\s*>", re.IGNORECASE), "li": re.compile(r"<(?:/li|li\b|ul\b|ol\b)", re.IGNORECASE)}
# Tags and the text between them; `<a ...>` and `</a>` are told apart to skip what is already a link.
# A `<` that opens no tag is text: nothing of the page is ever dropped.
_PIECE = re.compile(r"(<a\b[^<>]*>)|(</a\s*>)|(<[^<>]*>)|([^<]+|<)", re.IGNORECASE)


def link_tickets(page_html: str, pm: Postmortem, templates) -> str:
    """The page with each anchored action item's ticket references linked."""
    wanted: dict[str, dict[str, Ticket]] = {}
    for index, action in enumerate(pm.actions, start=1):
        if not (has_anchor(pm, index) and action.references):
            continue
        tickets = ticket_links(action.references, templates)
        # The text to find is the reference as the page shows it: escaped, as in the HTML.
        by_text = {escape(written, quote=False): ticket for written, ticket in zip(action.references, tickets, strict=True) if ticket.url}
        if by_text:
            wanted[action_anchor(index)] = by_text
    if not wanted:
        return page_html
    parts: list[str] = []
    position = 0
    for opening in _OPENING.finditer(page_html):
        by_text = wanted.get(opening.group(2))
        if by_text is None or opening.start() < position:
            continue
        ending = _ENDING[opening.group(1).lower()].search(page_html, opening.end())
        end = ending.start() if ending else len(page_html)
        parts.append(page_html[position : opening.end()])
        parts.append(_linked(page_html[opening.end() : end], by_text))
        position = end
    parts.append(page_html[position:])
    return "".join(parts)


def _linked(inner: str, by_text: dict[str, Ticket]) -> str:
    """`inner` with each reference's text, outside links and tags, wrapped in a link to its ticket."""
    # Longest first, so that a URL is linked whole rather than by a reference inside it.
    alternatives = "|".join(re.escape(text) for text in sorted(by_text, key=len, reverse=True))
    found = re.compile(rf"(?<![\w/#&-])(?:{alternatives})(?![\w-])")
    out: list[str] = []
    in_link = 0
    for piece in _PIECE.finditer(inner):
        link_open, link_close, _tag, text = piece.groups()
        if link_open:
            in_link += 1
        elif link_close:
            in_link = max(in_link - 1, 0)
        if text is None or in_link:
            out.append(piece.group(0))
            continue
        out.append(found.sub(lambda match: _anchor(match.group(0), by_text[match.group(0)]), text))
    return "".join(out)


def _anchor(text: str, ticket: Ticket) -> str:
    url = escape(ticket.url or "", quote=True)
    return f'<a class="postmortem-ticket" href="{url}" title="{escape(ticket.label, quote=True)}">{text}</a>'
