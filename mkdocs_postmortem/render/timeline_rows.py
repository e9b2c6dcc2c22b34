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
from collections.abc import Callable, Collection, Iterable

_FORMATTING_TAG = re.compile(r"</?(?:br|b|i|em|strong|code|sub|sup|kbd|mark|s|del|ins|u)\s*/?>", re.IGNORECASE)
_BACKTICKS = re.compile(r"`+")


def _between(spans: Iterable[tuple[int, int]], text: str, transform: Callable[[str], str]) -> str:
    """`text` with `transform` applied outside the (start, end) `spans`, spans kept."""
    pieces: list[str] = []
    position = 0
    for start, end in spans:
        pieces.append(transform(text[position:start]))
        pieces.append(text[start:end])
        position = end
    pieces.append(transform(text[position:]))
    return "".join(pieces)


def code_spans(line: str) -> list[tuple[int, int]]:
    r"""The spans `(`+)(?:.+?)\1` finds in a line: backticks, at least one character, then as
    many backticks again (anywhere, even inside a longer run).

    Read from the line's runs of backticks, not with that pattern, which tried every length of
    every run against the rest of the line: cubic in a long run. From the start of a run (or of
    what a span left of it) the longest opening that closes is taken: the whole run if a later
    run is as long, else the longest later run, or the longest that closes inside the run itself.
    """
    runs = [(match.start(), match.end()) for match in _BACKTICKS.finditer(line)]
    longest_after = [0] * len(runs)  # the longest run after each one
    for index in range(len(runs) - 2, -1, -1):
        start, end = runs[index + 1]
        longest_after[index] = max(longest_after[index + 1], end - start)
    spans: list[tuple[int, int]] = []
    index = 0
    start = runs[0][0] if runs else 0
    while index < len(runs):
        end = runs[index][1]
        length = end - start
        opening = length if length <= longest_after[index] else max(longest_after[index], (length - 1) // 2)
        if opening < 1:  # nothing closes from this run, nor from any later position in it
            index += 1
            start = runs[index][0] if index < len(runs) else 0
            continue
        if 2 * opening + 1 <= length:  # closes inside its own run, one backtick after the opening
            closing = start + opening + 1
        else:
            index += 1
            while runs[index][1] - runs[index][0] < opening:
                index += 1
            closing = runs[index][0]
        spans.append((start, closing + opening))
        start = closing + opening
        if start >= runs[index][1]:
            index += 1
            start = runs[index][0] if index < len(runs) else 0
    return spans


def _escape_outside_code(text: str) -> str:
    return _between(code_spans(text), text, _escape_html)


def _escape_html(text: str) -> str:
    return _between((match.span() for match in _FORMATTING_TAG.finditer(text)), text, _escape_brackets)


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
