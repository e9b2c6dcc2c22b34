"""Sections whose labels run together inside one block: a postmortem pasted or
exported without its line breaks ("Summary: ... Impact: ... Action items: 1) ...
2) ...", "#### **What happened** ... #### **Preventive actions** 1. ... 2. ...",
"... Root Cause The upgrade ... Next Steps Improve ..."). An SRE still sees the
sections and the items.

The block is read in place, never rewritten: each label found opens a span of the
block's own lines, (file line, text) pieces running to the next label, so a value
read from a span keeps the line it is on, and fences, tables, inline code and
escapes stay as the block parse left them (only paragraphs and list items are
looked into; a label inside inline code is none).

A label is a section's name from data/ (read/headings.py): bold or after an
inline heading marker (read by its words too, as a heading is), or plain where a
sentence starts and followed by a colon, or a name in capitalised words where a
sentence starts, followed by the capitalised word of the section's first
sentence. A plain label is read by its name only, never by its words ("The impact:
small" is a sentence). A name inside a sentence ("the root cause: a lock") is no label. A
block is read this way only when at least two labels naming different sections
run in it: one label leading a paragraph is read as a labelled paragraph is.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from ..model import SECTIONS
from .headings import cued_key, heading_key, question_key
from .structure import Block, ListBlock, Other, Paragraph

# Where a label may start: after a sentence's end or a colon, after an inline heading
# marker, before emphasis, or before a capitalised word (a plain label with its colon).
# A run of blanks is tried from its first blank only: from each of them it was quadratic.
# Inside a sentence, only emphasis or a plain label with its colon may follow the blanks.
_BOUNDARY = re.compile(
    r"[.!?:][ \t]+|(?<!\S)#{1,6}[ \t]+|(?<![ \t])[ \t]+(?=\*\*|__|[A-ZÀ-Þ][^\s:.!?*#|`]{0,30}"
    r"(?:[ \t][^\s:.!?*#|`]{1,30}){0,3}[ \t]?:(?:[ \t]|$))"
)
# A sentence opening on two capitals ("... failed. Root Cause The upgrade ..."): the sign of a
# label in capitalised words, as a colon, emphasis or a heading marker is of the others.
_TITLED_SENTENCE = re.compile(r"[.!?][ \t]{1,3}[A-ZÀ-Þ][^\s.!?]{0,30}[ \t]{1,3}[A-ZÀ-Þ0-9]")
# "Impact: ", "Root cause : ": a few words and a colon; each piece bounded, so linear.
_PLAIN_LABEL = re.compile(r"[A-ZÀ-Þ][^\s:.!?*#|`]{0,30}(?:[ \t][^\s:.!?*#|`]{1,30}){0,3}[ \t]?:(?=[ \t]|$)")
# "Root Cause The ...": up to four capitalised words, then what opens the section's text.
_TITLE_RUN = re.compile(r"[A-ZÀ-Þ][^\W\d_]{0,30}(?:[ \t][A-ZÀ-Þ][^\W\d_]{0,30}){0,3}(?=[ \t]+[A-ZÀ-Þ0-9*•|(«\"`-])")
_BOLD_LENGTH = 90
_QUESTION_LENGTH = 160
_QUESTION_WORDS = 22
_WORD = re.compile(r"\S+")
_NONBLANK = re.compile(r"\S")
_MIN_LABELS = 2
# The sections a span may open: the postmortem's, and the resolution, whose items may be
# the work still to do of a document that names no action items.
_KEYS = (*SECTIONS, "resolution")
# What may open a section's text after a label without a colon: a capital, a digit, a bullet.
_OPENERS = ("*", "-", "•", "|", "(", "«", '"', "`")


@dataclass(frozen=True)
class Span:
    key: str
    label: str  # as written, without emphasis, marker or colon
    line: int  # the file line the label is on
    pieces: tuple[tuple[int, str], ...]  # what follows the label up to the next one: (file line, text)
    named: bool  # the label is a section's name or question, not only its words

    @property
    def end_line(self) -> int:
        return self.pieces[-1][0] if self.pieces else self.line

    @property
    def text(self) -> str:
        return " ".join(text.strip() for _, text in self.pieces).strip()


@dataclass(frozen=True)
class _Found:
    index: int  # the piece (line) of the block it is on
    start: int  # where the text before it ends: its inline heading marker included
    end: int  # where the section's text starts
    label: str
    key: str
    named: bool


def run_together_spans(blocks: list[Block]) -> list[Span]:
    """The spans of every block whose labels run together, in document order."""
    spans: list[Span] = []
    for block, previous in zip(blocks, [None, *blocks]):
        # Indented code is a pasted postmortem indented by mistake (under a list item, its indent short
        # of the item's; under a heading); after prose, it is what the prose quotes: an alert, a log.
        if isinstance(block, Paragraph) or (isinstance(block, Other) and not isinstance(previous, Paragraph)):
            if any(_hinted(text) for _, text in block.lines):
                spans += _spans_of(block.lines)
        elif isinstance(block, ListBlock):
            for item in block.items:
                for first, text in item.paragraphs:
                    if _hinted(text):
                        spans += _spans_of([(first + offset, part) for offset, part in enumerate(text.split("\n"))])
    return spans


def _spans_of(lines: list[tuple[int, str]]) -> list[Span]:
    found = [label for index, (_, text) in enumerate(lines) for label in _labels(index, text)]
    if len({label.key for label in found}) < _MIN_LABELS:
        return []
    spans = []
    for position, label in enumerate(found):
        following = found[position + 1] if position + 1 < len(found) else None
        pieces = []
        last = following.index if following else len(lines) - 1
        for index in range(label.index, last + 1):
            line, text = lines[index]
            start = label.end if index == label.index else 0
            end = following.start if following and index == following.index else len(text)
            if text[start:end].strip():
                pieces.append((line, text[start:end]))
        spans.append(Span(label.key, label.label, lines[label.index][0], tuple(pieces), label.named))
    return spans


def _hinted(text: str) -> bool:
    """Whether a line shows two signs of labels after its start (a colon, emphasis opening
    after a blank, an inline heading marker, a sentence opening on two capitals): two labels
    run together on one line at least, wherever the block wraps. Counted in C, for the
    paragraphs of every document."""
    marks = text.count(": ") + text.count(" **") + text.count(" __") + text.count("# ")
    if marks >= 2:
        return True
    if marks + text.count(". ") + text.count("? ") + text.count("! ") < 2:
        return False
    first = _TITLED_SENTENCE.search(text)
    return first is not None and (marks > 0 or _TITLED_SENTENCE.search(text, first.end()) is not None)


def _labels(index: int, text: str) -> list[_Found]:
    code = _code_spans(text)
    found: list[_Found] = []
    reached = 0
    for cut, start, kind in _starts(text):
        if start < reached or _inside(code, start):
            continue
        label = _label_at(text, start, kind)
        if label is not None:
            found.append(_Found(index, cut, *label))
            reached = label[0]
    return found


def _starts(text: str):
    """(where the text before ends, where a label may start, what precedes it) at each boundary."""
    yield 0, 0, "sentence"
    for match in _BOUNDARY.finditer(text):
        marker = match.group()
        if "#" in marker:
            yield match.start(), match.end(), "marker"
        else:
            yield match.end(), match.end(), "sentence" if marker[0] in ".!?:" else "word"


def _label_at(text: str, start: int, kind: str) -> tuple[int, str, str, bool] | None:
    """(where the section's text starts, label, key, named) for a label at `start`, or None."""
    if text.startswith(("**", "__"), start):
        return _bold(text, start, kind)
    if kind == "marker":
        stop = _first_of(text, "?:", start, start + _QUESTION_LENGTH)
        if stop >= 0 and len(text[start:stop].split()) <= _QUESTION_WORDS:
            label = text[start : stop + 1] if text[stop] == "?" else text[start:stop]
            return _keyed(text, stop + 1, label.strip(), cues=True)
        return _titled(text, start)
    plain_label = _PLAIN_LABEL.match(text, start)
    if plain_label:
        # A plain label is a section's own name: "The impact: small" is a sentence.
        keyed = _keyed(text, plain_label.end(), plain_label.group().rstrip(" \t:"), cues=False)
        if keyed is not None:
            return keyed
    return _titled(text, start) if kind == "sentence" else None


def _bold(text: str, start: int, kind: str) -> tuple[int, str, str, bool] | None:
    marker = text[start : start + 2]
    close = text.find(marker, start + 2, start + 2 + _BOLD_LENGTH)
    if close < 0:
        return None
    inside, end = text[start + 2 : close], close + 2
    colon = inside.rstrip().endswith(":")
    if text.startswith(":", end):
        colon, end = True, end + 1
    rest = _next_text(text, end)
    if not rest or not (colon or _opens_text(rest)):
        return None
    if kind == "word" and not colon:
        return None  # "the **root cause** was": emphasis inside a sentence
    return _keyed(text, end, inside.strip(" \t:"), cues=True)


def _titled(text: str, start: int) -> tuple[int, str, str, bool] | None:
    """"Root Cause The upgrade required ...": a name in capitalised words followed by the
    capital opening the section's sentence; the shortest that names a section, else the
    shortest of two words or more whose words do ("What Went Wrong On January ...")."""
    run = _TITLE_RUN.match(text, start)
    if run is None:
        return None
    words = [(word.group(), word.end()) for word in _WORD.finditer(text, start, run.end())]
    for cued in (False, True):
        for count in range(2 if cued else 1, len(words) + 1):
            label = " ".join(word for word, _ in words[:count])
            key = cued_key(label) if cued else heading_key(label) or question_key(label)
            if key in _KEYS:
                return words[count - 1][1], label, key, not cued
    return None


def _keyed(text: str, end: int, label: str, cues: bool) -> tuple[int, str, str, bool] | None:
    if not label or not _next_text(text, end):
        return None
    named = heading_key(label) or question_key(label)
    key = named or (cued_key(label) if cues else "")
    if key == "prevention":
        key = "actions"
    return (end, label, key, bool(named)) if key in _KEYS else None


def _next_text(text: str, end: int) -> str:
    """The first character written after `end`, or "": found, not copied (a label each few
    bytes of a long line must not each copy the rest of it)."""
    found = _NONBLANK.search(text, end)
    return found.group() if found else ""


def _opens_text(rest: str) -> bool:
    first = rest[:1]
    return first.isupper() or first.isdigit() or first in _OPENERS


def _first_of(text: str, characters: str, start: int, end: int) -> int:
    positions = [position for position in (text.find(ch, start, end) for ch in characters) if position >= 0]
    return min(positions) if positions else -1


def _code_spans(text: str) -> list[int]:
    """Offsets where inline code opens and closes, in pairs, for bisection."""
    if "`" not in text:
        return []
    return [position for position, ch in enumerate(text) if ch == "`"]


def _inside(code: list[int], position: int) -> bool:
    return bool(code) and bisect_right(code, position) % 2 == 1


# An inline list's marker: "* ", "- ", "• ", "1. ", "1) ", "(1) ", after a blank or at the start.
_ITEM_MARKER = re.compile(r"(?<!\S)(?:([*•-])|(\d{1,2})([.)])|\((\d{1,2})\))[ \t]+")
_SENTENCE_END = re.compile(r"(?<=[.!?])[ \t]+")


def span_items(span: Span) -> list[tuple[int, str]]:
    """The items of a span written as an inline list ("* A * B", "1. A 2. B", "1) A 2) B"),
    (file line, text) each; [] when the span does not open on a marker. Only markers of
    the opening kind count, numbers only in their order: "version 2." or a dash inside an
    item ("**Staged roll-outs** – ...") opens no item."""
    if not span.pieces:
        return []
    opener = _ITEM_MARKER.match(span.pieces[0][1].lstrip())
    if opener is None:
        return []
    kind, number = _marker_kind(opener), 0
    cuts: list[tuple[int, int, int]] = []  # (piece, marker start, text start)
    for index, (_, text) in enumerate(span.pieces):
        for marker in _ITEM_MARKER.finditer(text):
            if _marker_kind(marker) != kind:
                continue
            counted = marker.group(2) or marker.group(4)
            if counted is not None:
                if int(counted) != number + 1:
                    continue
                number += 1
            cuts.append((index, marker.start(), marker.end()))
    items = []
    for position, (index, _, start) in enumerate(cuts):
        stop = cuts[position + 1] if position + 1 < len(cuts) else (len(span.pieces) - 1, None, None)
        parts = []
        for piece in range(index, stop[0] + 1):
            text = span.pieces[piece][1]
            parts.append(text[start if piece == index else 0 : stop[1] if piece == stop[0] else len(text)])
        written = " ".join(part.strip() for part in parts).strip()
        if written:
            items.append((span.pieces[index][0], written))
    return items


def span_sentences(span: Span) -> list[tuple[int, str]]:
    """The sentences of a span, (file line, text) each, for a span written as prose."""
    return [(line, sentence.strip()) for line, text in span.pieces
            for sentence in _SENTENCE_END.split(text.strip()) if sentence.strip()]


def _marker_kind(marker: re.Match[str]) -> str:
    if marker.group(1):
        return marker.group(1)
    return marker.group(3) or "()"
