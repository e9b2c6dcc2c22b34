"""Timeline rows shown as text: HTML written in a timeline cell is not run.

Timeline cells are where pasted log lines and alert payloads land
(`<img src=x onerror=...>` from an attacker's request, a `</script>` in a
stack trace). Markdown would pass them to the page as live HTML; on the rows
the reader took as timeline events they are escaped, except a few harmless
formatting tags without attributes, and except inside code spans, which
Markdown already shows as text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection

_FORMATTING_TAG = re.compile(r"</?(?:br|b|i|em|strong|code|sub|sup|kbd|mark|s|del|ins|u)\s*/?>", re.IGNORECASE)
_CODE_SPAN = re.compile(r"(`+)(?:.+?)\1")


def _between(pattern: re.Pattern[str], text: str, transform: Callable[[str], str]) -> str:
    """`text` with `transform` applied outside the matches of `pattern`, matches kept."""
    pieces: list[str] = []
    position = 0
    for match in pattern.finditer(text):
        pieces.append(transform(text[position : match.start()]))
        pieces.append(match.group(0))
        position = match.end()
    pieces.append(transform(text[position:]))
    return "".join(pieces)


def _escape_outside_code(text: str) -> str:
    return _between(_CODE_SPAN, text, _escape_html)


def _escape_html(text: str) -> str:
    return _between(_FORMATTING_TAG, text, _escape_brackets)


def _escape_brackets(text: str) -> str:
    return text.replace("<", "&lt;").replace(">", "&gt;")


def escape_timeline_rows(markdown: str, rows: Collection[str]) -> str:
    """The page's Markdown with the HTML of the given timeline rows escaped.

    Rows are found by their text rather than their line number: MkDocs strips
    the front matter and leading blank lines before plugins see the Markdown.
    """
    if not rows or "<" not in markdown:
        return markdown
    rows = set(rows)
    lines = markdown.split("\n")
    changed = False
    for index, line in enumerate(lines):
        if line in rows:
            lines[index] = _escape_outside_code(line)
            changed = True
    return "\n".join(lines) if changed else markdown
