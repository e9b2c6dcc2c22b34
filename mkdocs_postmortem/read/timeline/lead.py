"""Stage 4 of the timeline pipeline, what leads an entry: a block is led by a
moment when its first meaningful token is a date and a time, whatever block
it is (a heading, a bold line, a paragraph, a list item) and whatever short
label stands before that moment or whatever mark stands between its date and
its time.

A label set in emphasis at the head of a paragraph acts as a heading
("**Mise à jour, 21h35 :** ..."): like a heading, it may be led by a label and
a time without its date. A status feed writes the stage of each update before its moment ("**Resolved
3/12/2026 4:05 p.m.:** ...", "Update - Apr 21, 07:48 UTC", "Point de situation
du 5 mars 2026 – 9 h 00"), and some write a dot or a bar between the date and
the time ("12 Jun 2026 · 08:10 UTC"). No list of labels is needed: a label is
a few words without a digit, and only a moment that states its date counts, so
that a sentence led by a bare clock ("Since 05:58 UTC, ...") stays prose. The
block is rewritten with its moment first and the label after it, so that the
label (a stage, "Resolved", "Rétabli") stays in the entry's text for the
phases to read.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ...text import fold, load_data
from ...zones import Abbreviations
from ..text import plain
from .clock import read_written_time, written_dates

# Where the date must start: a label of a few words stands before it, no more.
_LABEL_REACH = 40
_LABEL_WORDS = 5
# A label: a few words, the first led by a letter, the others may be a number
# ("Update 2", "Point n°2", "#3"), and what ends it (a colon, a dash, a comma).
# A clock in it ("Between 14:05 and ...") makes it a sentence, not a label.
_LABEL = re.compile(r"^[^\W\d_][\w'’.°-]{0,24}(?:[ \t]{1,3}[#\w][\w'’.°-]{0,24}){0,4}[ \t]{0,3}"
                    r"[:,–—|·•-]?[ \t]{0,3}$")
_CLOCK_IN_LABEL = re.compile(r"\d[:h.]\d|\d{3}")
# A mark between the date and the time that the clock reader does not take as
# one of its own ("12 Jun 2026 · 08:10", "2026-06-12 | 08:10").
_DATE_TIME_MARK = re.compile(r"^[ \t]{0,3}[·•|][ \t]{0,3}")


def moment_first(text: str, zones: Abbreviations, heading: bool = False) -> str:
    """`text` with the dated moment that leads it first and its label after it
    ("**Resolved 3/12/2026 4:05 p.m.:** Fixed." -> "3/12/2026 4:05 p.m. — Resolved —
    Fixed."); the text unchanged when no label or mark stands in the way, or
    when it is not led by a dated moment. A heading, short by nature, may be led
    by a label and a time without its date ("## Update - 09:05 UTC")."""
    if read_written_time(text, zones) is not None:
        return text
    flat = plain(text).strip()
    dates = written_dates(flat[:_LABEL_REACH + 40])
    if not dates:
        if heading:
            return _labelled_clock(text, flat, zones)
        return _emphasised_label(text, zones)
    start, written_date = dates[0]
    if start > _LABEL_REACH:
        return text
    label = flat[:start].strip().strip("*_[(").strip()
    if label and (not _LABEL.match(label) or _CLOCK_IN_LABEL.search(label) or len(label.split()) > _LABEL_WORDS):
        return text
    after = flat[start + len(written_date.text):]
    mark = _DATE_TIME_MARK.match(after)
    if mark is not None:
        after = " " + after[mark.end():]
    written = read_written_time(written_date.text + after, zones)
    if written is None or written.unknown or written.date is None:
        return text
    label = _without_connector(label.rstrip(" \t:,–—|·•-"))
    said = " — ".join(part for part in (label, written.rest.lstrip(" \t:,–—|·•-")) if part)
    return f"{written.raw} — {said}" if said else written.raw


# Where a time may start after a label: a run of digits, or a parenthesis before one.
_NUMBER_START = re.compile(r"\(?\d+")


def _labelled_clock(text: str, flat: str, zones: Abbreviations) -> str:
    """A heading led by a label and a time ("Update - 09:05 UTC", "Point – 08 h 20"),
    the time first; the text unchanged otherwise. The label may hold a number of its
    own ("Point n°2 (10 h 45)", "Update 3 - 09:05"): the time is the first number
    after it that reads as one."""
    for number in _NUMBER_START.finditer(flat, 0, _LABEL_REACH + 1):
        if number.start() == 0:
            return text
        label = flat[:number.start()].strip().strip("*_[(").strip()
        if not label or not _LABEL.match(label) or len(label.split()) > _LABEL_WORDS:
            return text
        written = read_written_time(flat[number.start():], zones)
        if written is not None and not written.unknown:
            break
    else:
        return text
    said = " — ".join(part for part in (_without_connector(label.rstrip(" \t:,–—|·•-")),
                                        written.rest.lstrip(" \t:,–—|·•-")) if part)
    return f"{written.raw} — {said}"


# A label set in emphasis at the head of a block, its text after it.
_EMPHASISED = re.compile(r"^[ \t]{0,3}(\*\*|__|\*|_)(?P<label>[^*_\n]{1,80}?)\1")


def emphasised_label(text: str) -> re.Match | None:
    """The label set in emphasis at the head of a block's text, if any."""
    return _EMPHASISED.match(text)


def _emphasised_label(text: str, zones: Abbreviations) -> str:
    """A label set in emphasis at the head of a paragraph acts as a heading does
    ("**Mise à jour, 21h35 :** ...", "*Posted 9:05 am UTC* — ..."): it may be led by a
    label and a time without its date, the text after it following the label."""
    emphasis = emphasised_label(text)
    if emphasis is None:
        return text
    inner = emphasis["label"]
    led = _labelled_clock(inner, plain(inner).strip(), zones)
    if led is inner:
        return text
    rest = plain(text[emphasis.end():]).strip().lstrip(":,–—|·•-").strip()
    return f"{led.rstrip(' :')} — {rest}" if rest else led


@lru_cache(maxsize=1)
def _connectors() -> frozenset[str]:
    return frozenset(fold(str(word)) for word in load_data("timeline.yml")["label_connectors"])


def _without_connector(label: str) -> str:
    """The label without the word that joins it to its date ("Update of" -> "Update")."""
    words = label.split()
    if len(words) > 1 and fold(words[-1]) in _connectors():
        words.pop()
    return " ".join(words).rstrip(" \t:,–—|·•-")
