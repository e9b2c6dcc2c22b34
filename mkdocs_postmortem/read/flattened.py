"""Markdown flattened onto one line, put back on its lines.

Whatever copies a postmortem into a status page's text field or an aggregator's
page often joins its lines: `**Window** 15 May ... #### **What happened** A rule
... #### **Customer impact** * Pages failed ... #### **Preventive actions** 1.
Review ... 2. Stage ...`. CommonMark reads that as one paragraph; the author
wrote headings, bullets and numbered items, and the reader should see those.

A line is flattened when two inline heading markers of the same level open
labels in it (a `#` run after a blank, then an emphasised or capitalised word):
a `#` in prose ("ticket #4", "issue ## 12", "channel # ops") opens none. Each
marked heading is cut from the text it runs into (its emphasis, or the words
before a capitalised word after a lower-case one), and the text is a list when
it starts with a bullet or with `1.` followed by `2.`: every part goes on a line
of its own (the lines after it are numbered that many lines further: the reader
numbers blocks by line, and a flattened document is most often a file's last).
"""
from __future__ import annotations

import re

# A run of `#`s set apart by blanks, inside a line; its text is checked apart (see _opens_label).
_MARKER = re.compile(r"(?<=[ \t])#{1,6}[ \t]+(?=\S)")
_EMPHASIS = re.compile(r"(\*\*|__)[^*_\n]{1,120}?\1")
_WORD = re.compile(r"\S+")


def _opens_label(line: str, end: int) -> bool:
    following = line[end]
    return following in "*_" or following.isupper()


def _markers(line: str) -> list[tuple[int, int, int]]:
    """(start, end, level) of the heading markers inside a line, when it is a flattened document."""
    indent = len(line) - len(line.lstrip())
    found = [(match.start(), match.end(), len(match.group().rstrip(" \t")))
             for match in _MARKER.finditer(line) if match.start() > indent and _opens_label(line, match.end())]
    levels: dict[int, int] = {}
    for _, _, level in found:
        levels[level] = levels.get(level, 0) + 1
    return found if any(count >= 2 for count in levels.values()) else []


def _label_and_text(part: str) -> tuple[str, str]:
    """A heading's label and the text it runs into."""
    emphasis = _EMPHASIS.match(part)
    if emphasis:
        return emphasis.group(), part[emphasis.end():].strip()
    previous_lower = False
    for index, word in enumerate(_WORD.finditer(part)):
        first = word.group()[0]
        if index and (previous_lower or index == 1) and (first.isupper() or first in "*•"
                                                          or word.group()[:-1].isdigit()):
            return part[: word.start()].rstrip(), part[word.start():]
        previous_lower = first.islower()
    return part.strip(), ""


def _items(text: str) -> list[str]:
    """The text as lines: list items when it opens a bullet list or a numbered one."""
    if text[:2] in ("* ", "• "):
        bullet = text[0]
        return ["- " + item.strip() for item in text[2:].split(f" {bullet} ") if item.strip()]
    if not text.startswith("1. "):
        return [text] if text else []
    items, start, number = [], 0, 2
    while True:
        found = text.find(f" {number}. ", start + 3)
        if found == -1:
            break
        items.append(text[start:found].strip())
        start, number = found + 1, number + 1
    if number == 2:
        return [text]
    items.append(text[start:].strip())
    return items


def _unflattened(line: str, markers: list[tuple[int, int, int]]) -> list[str]:
    """The lines a flattened line was: what comes before the first heading keeps the line's
    indent (it may continue a list item); the headings and their text are the document's."""
    lines = [line[: markers[0][0]].rstrip()]
    bounds = [*(start for start, _, _ in markers[1:]), len(line)]
    for (_, end, level), stop in zip(markers, bounds):
        label, text = _label_and_text(line[end:stop])
        lines += ["", "#" * level + " " + label, ""]
        lines += [item for entry in _items(text) for item in (entry, "")]
    return lines


def unflattened(text: str) -> str:
    """The text with its flattened lines put back on the lines they were."""
    if " #" not in text and "\t#" not in text:
        return text
    out: list[str] = []
    changed = False
    for line in text.split("\n"):
        markers = _markers(line) if "#" in line else []
        if markers:
            out += _unflattened(line, markers)
            changed = True
        else:
            out.append(line)
    return "\n".join(out) if changed else text
