"""Stage 1 of the timeline pipeline, blocks: the blocks of a timeline, each with the time that may lead it, in the
forms the entry reader (clock) reads.

A time can lead any block: a list item, a paragraph line, a heading, and each
of the lines a hard-wrapped paragraph separates with `<br>`. Timelines also
write a time in forms of their own, rewritten here to the common one before
the entry reader sees them:

- four digits without a colon (`0915 resolver drained`), when at least two
  entries of the run are written that way (a lone `2024 ...` stays a year),
  or after a full date (`21 01 2025 - 0830 - ...`);
- a zone before the time (`GMT 14:20 – ...`, `CET 09:05: ...`), when the
  zone is one the site knows;
- a backslash that ends a line as a hard line break is not the entry's text;
- a label or a word before the time (`EDIT 2:11pm (UTC): ...`, `At 1:38 AM
  PDT, ...`, `À 09h12, ...`): the words are data/timeline.yml's.
"""

from __future__ import annotations

import re

from ...text import fold_same_length
from ...zones import Abbreviations
from .words import timeline_words

_BR = re.compile(r"<br\s{0,3}/?>", re.IGNORECASE)
# A leading emphasis or bracket, kept in front of the rewritten time.
_LEAD = r"^(?P<lead>[\s\[(*_]{0,6})"
_FOUR_DIGITS = re.compile(_LEAD + r"(?P<h>[01]\d|2[0-3])(?P<m>[0-5]\d)(?P<after>[*_\])]{0,4})(?=\s|$)")
# A time in underscore emphasis ("_11:20 UTC_ — ..."): `plain` keeps underscores, which
# names such as `queue_depth` need, so the entry's own emphasis is taken off here.
_UNDERSCORED = re.compile(r"^(?P<lead>[\s\[(]{0,3})_(?P<time>\d[^_\n]{0,40})_(?!\w)")
# Four digits after a full date are its time, however the run writes its others ("21 01 2025 -
# 0830 - ...", "2025-01-21 0830 ..."); a date with blanks between its numbers is written with slashes.
_DATED_FOUR_DIGITS = re.compile(
    _LEAD + r"(?:(?P<iso>\d{4}-\d{2}-\d{2})|(?P<d>\d{1,2})[ ./-](?P<mo>\d{1,2})[ ./-](?P<y>\d{4}))"
    r"[ \t]?[-–—,]?[ \t]?(?P<h>[01]\d|2[0-3])(?P<m>[0-5]\d)(?=[\s*_\])]|$)"
)
_ZONE_FIRST = re.compile(
    _LEAD + r"(?P<zone>[A-Z]{2,5}(?:[+−-]\d{1,2}(?::?\d{2})?)?)\s(?P<clock>\d{1,2}[:h]\d{2}(?:\s?[AaPp]\.?[Mm]\.?)?)"
)


def split_br(text: str) -> list[str]:
    """The lines a `<br>` separates, without the tag, and a line without the
    backslash that ends it as a hard line break (`02:41:13 - ...\\`); blank
    pieces dropped."""
    if text.endswith("\\") and not text.endswith("\\\\"):
        text = text[:-1].rstrip()
    if "<" not in text:
        return [text]
    return [piece.strip() for piece in _BR.split(text) if piece.strip()]


def four_digit_run(texts: list[str]) -> bool:
    """Whether the run writes its times as four digits (at least two entries do)."""
    return sum(1 for text in texts if _FOUR_DIGITS.match(text)) >= 2


def four_digit_column(cells: list[str]) -> bool:
    """Whether a time column writes every row's time as four digits (`1508`):
    at least two rows, and each is 0000-2359 alone, so a column that mixes one
    such number with written clocks, or holds a number no clock has, is not one."""
    written = [cell.strip() for cell in cells if cell.strip()]
    return len(written) >= 2 and all(
        (found := _FOUR_DIGITS.match(cell)) is not None and not cell[found.end():].strip() for cell in written
    )


def common_form(text: str, zones: Abbreviations, four_digits: bool) -> str:
    """`text` with a leading four-digit time or zone-first time rewritten as HH:MM [zone],
    and without the label or the word that leads the time ("EDIT 2:11pm", "At 1:38 AM")."""
    led = timeline_words().entry_lead.match(fold_same_length(text[:40]))
    if led:
        text = led["lead"] + text[led.end():]
    underscored = _UNDERSCORED.match(text)
    if underscored:
        text = f"{underscored['lead']}{underscored['time']}{text[underscored.end():]}"
    dated = _DATED_FOUR_DIGITS.match(text)
    if dated:
        day = dated["iso"] or f"{dated['d']}/{dated['mo']}/{dated['y']}"
        return f"{dated['lead']}{day} {dated['h']}:{dated['m']}{text[dated.end():]}"
    if four_digits:
        found = _FOUR_DIGITS.match(text)
        if found:
            return f"{found['lead']}{found['h']}:{found['m']}{found['after']}{text[found.end():]}"
    found = _ZONE_FIRST.match(text)
    if found and zones.get(found["zone"]) is not None:
        return f"{found['lead']}{found['clock']} {found['zone']}{text[found.end():]}"
    return text
