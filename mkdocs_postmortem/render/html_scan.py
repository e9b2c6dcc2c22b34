"""Headings and tags found again in HTML the templates or Python-Markdown wrote.

Regular expressions rather than an HTML parser: html.parser took seconds on a
tracker of thousands of rows, and this HTML is the theme's and the plugin's own
output, not arbitrary markup. It still holds author text, so every scan here
runs in linear time: a pattern searched at every position must not read to the
end of the page from each one (a run of "<" or of unclosed "<h2>" would).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# Groups: level ("1" to "6"), the opening tag's attributes, the inner HTML.
# Anchored use only (`HEADING.match`); search with `headings()`.
HEADING = re.compile(r"<h([1-6])\b([^>]*)>(.*?)</h\1\s*>", re.DOTALL | re.IGNORECASE)
TAG = re.compile(r"<[^>]+>")
_HEADING_START = re.compile(r"<h[1-6]\b", re.IGNORECASE)
_CLOSING = {str(level): re.compile(rf"</h{level}\s*>", re.IGNORECASE) for level in range(1, 7)}


def headings(html: str) -> Iterator[re.Match[str]]:
    """What `HEADING.finditer(html)` finds, without reading to the end of the page from every
    opening that has no closing tag: where the next `>` and each level's next closing tag are
    is remembered, so each is looked for once past any position."""
    next_close: dict[str, tuple[int, int]] = {}  # level -> (searched from, found at or -1)
    bracket_from, bracket_at = -1, -1  # the first ">" at or after bracket_from
    position = 0
    while (start := _HEADING_START.search(html, position)) is not None:
        level = html[start.end() - 1]
        if bracket_from < 0 or start.end() < bracket_from or (bracket_at >= 0 and start.end() > bracket_at):
            bracket_from, bracket_at = start.end(), html.find(">", start.end())
        if bracket_at < 0:
            return  # no opening tag ends from here on
        searched, found = next_close.get(level, (-1, -1))
        opened = bracket_at + 1
        if searched < 0 or opened < searched or (found >= 0 and opened > found):
            closing = _CLOSING[level].search(html, opened)
            searched, found = opened, closing.start() if closing else -1
            next_close[level] = (searched, found)
        if found < 0:
            position = start.start() + 1
            continue
        match = HEADING.match(html, start.start())
        if match is None:  # cannot happen: both ends were found; stay safe rather than loop
            position = start.start() + 1
            continue
        yield match
        position = match.end()


def strip_tags(html: str, replacement: str = "") -> str:
    """`TAG.sub(replacement, html)` in linear time: past the last ">", no "<" opens a tag,
    and the pattern would read to the end from each one."""
    last = html.rfind(">")
    if last < 0:
        return html
    return TAG.sub(replacement, html[: last + 1]) + html[last + 1 :]
