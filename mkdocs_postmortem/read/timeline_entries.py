"""Timelines written as lists or paragraphs rather than tables, and time
cells written as people write them ("~16:45", "04:49 PM UTC", "[???]").

A list or paragraph run under a timeline heading is a timeline when most of
its items start with a time. A line that is only a date ("**Oct 30**",
"### 2018-08-22") sets the day of the entries below it. Every entry becomes
a row that `timeline.place_rows` places: a full timestamp when its day is
known here, a bare time otherwise (placed on the incident's day).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo

from ..model import Note, ReadProblem, Seen
from ..zones import Abbreviations
from .leading_time import common_form, four_digit_run, split_br
from .sections import Body
from .structure import Heading, ListBlock, Paragraph, Table
from .text import plain
from .written_time import (
    WrittenDate,
    WrittenTime,
    date_order,
    find_written_date,
    read_written_time,
)

Row = tuple[int, str, str, dict[str, str]]


@dataclass
class Entries:
    """Timeline rows ready for `place_rows`, and what the reader noticed on the way."""

    rows: list[Row] = field(default_factory=list)
    unknown: list[tuple[int, str]] = field(default_factory=list)  # (line, text) of entries with no known time
    approximate: set[int] = field(default_factory=set)
    as_written: dict[int, str] = field(default_factory=dict)  # line -> the time as the author wrote it
    problems: list[ReadProblem] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    line: int | None = None  # the timeline's heading
    day_hint: date | None = None  # the first date line above the entries
    day_hint_line: int | None = None
    zone_hint: tzinfo | None = None


_CLOCK_TEXT = re.compile(r"\d{1,2}[:h]\d{2}")


def _date_line(text: str) -> WrittenDate | None:
    """The date of a line that is only a date ("**Oct 30, 2021**", "2018-08-22 (all times UTC)")."""
    flat = plain(text)
    if len(flat) >= 60:
        return None
    found = find_written_date(flat)
    if found is None:
        return None
    start = flat.find(found.text)
    rest = flat[start + len(found.text):]
    if start < 0 or start > 12 or len(rest) >= 40 or _CLOCK_TEXT.search(rest):
        return None  # a sentence that mentions a date, or an entry with its time
    return found


def _candidates(body: Body, section, zones: Abbreviations) -> list[tuple[int, str, bool, bool]]:
    """(line, text, top-level?, is heading) of each list item, paragraph line (each
    piece a `<br>` separates) and sub-heading, with its leading time in the common form."""
    found: list[tuple[int, str, bool, bool]] = []
    for index in body.block_range(section.line + 1, section.end_line):
        block = body.blocks[index]
        if isinstance(block, Heading):
            found.append((block.line, block.text, True, True))
        elif isinstance(block, ListBlock):
            for item in block.items:
                if item.paragraphs:
                    first, text = item.paragraphs[0]
                    found.append((first, " ".join(text.split("\n")), item.depth == 0, False))
        elif isinstance(block, Paragraph):
            for line, text in block.lines:
                found.extend((line, piece, True, False) for piece in split_br(text))
        elif isinstance(block, Table):
            return []  # a table is the timeline: read as one
    four_digits = four_digit_run([text for _, text, _, _ in found])
    return [(line, common_form(text, zones, four_digits), top, heading) for line, text, top, heading in found]


def entry_timeline(
    body: Body, zones: Abbreviations, document_dates: list[WrittenDate], reference: date | None
) -> Entries | None:
    """The first list/paragraph timeline under a timeline heading, or None.

    `reference`: the incident's day from the rest of the document, for the year
    of dates written without one ("Saturday Oct 30th")."""
    for section in body.sections_keyed("timeline"):
        candidates = _candidates(body, section, zones)
        parsed = [_parsed(line, text, top, heading, zones) for line, text, top, heading in candidates]
        timed = sum(1 for _, _, _, _, written, _ in parsed if written is not None)
        others = sum(1 for _, _, top, heading, written, marker in parsed
                     if written is None and top and not heading and marker is None)
        if timed >= 2 and timed >= others:
            return _entries(section.line, parsed, zones, document_dates, reference)
    return None


def _parsed(line: int, text: str, top: bool, heading: bool, zones: Abbreviations):
    """A candidate with its time (None for a line that starts with none, or a
    heading that is not a moment of its own) and, when it has no time, the date it
    is made of (None for prose). A heading led by a time and naming what happened
    ("### 09:12 UTC — deploy begins") is an entry like a list item."""
    written = read_written_time(text, zones)
    if heading and written is not None and not written.rest:
        written = None
    return line, text, top, heading and written is None, written, None if written is not None else _date_line(text)


def _entries(
    heading_line: int, parsed, zones: Abbreviations, document_dates: list[WrittenDate], reference: date | None
) -> Entries:
    result = Entries(line=heading_line)
    dates = list(document_dates)
    for _, _, _, _, written, marker in parsed:
        if written is not None and written.date is not None:
            dates.append(written.date)
        elif marker is not None:
            dates.append(marker)
    order = date_order(dates)
    reported: set[str] = set()  # an ambiguous date is said once, where first written
    day: date | None = None
    previous: time | None = None
    for line, _, _, _, written, marker in parsed:
        if written is None:
            if marker is not None:
                resolved, guessed = marker.resolve(order, _year_reference(day or reference))
                if resolved is not None:
                    if guessed and marker.text not in reported:
                        reported.add(marker.text)
                        result.problems.append(ambiguous_date(line, marker, resolved))
                    if day is None and not result.rows:
                        result.day_hint, result.day_hint_line = resolved, line
                    day, previous = resolved, None
            continue  # a line that continues the entry above, or prose between entries
        result.problems.extend(zone_problems(line, written))
        result.as_written[line] = written.raw
        if written.approximate:
            result.approximate.add(line)
            result.notes.append(approximate_note(line, written))
        if written.unknown:
            result.unknown.append((line, written.rest))
            result.notes.append(unknown_time_note(line, written))
            continue
        if written.date is not None:
            resolved, guessed = written.date.resolve(order, _year_reference(day or reference))
            if resolved is not None:
                if guessed and written.date.text not in reported:
                    reported.add(written.date.text)
                    result.problems.append(ambiguous_date(line, written.date, resolved))
                    result.notes.append(Note(line, f"date {written.date.text!r} is ambiguous: read as {resolved.isoformat()}"))
                if written.date.year is None and written.date.text not in reported:
                    reported.add(written.date.text)
                    result.notes.append(
                        Note(line, f"date {written.date.text!r} has no year: read as {resolved.year}, "
                             "the year of the incident")
                    )
                day, previous = resolved, None
        if day is not None and previous is not None and _back_by_half_a_day(previous, written.clock):
            day += timedelta(days=1)  # past midnight
        previous = written.clock
        result.rows.append((line, canonical(written, day), plain(written.rest), {}))
    return result


def _year_reference(day: date | None) -> date | None:
    """The year a date without one is in: that of the incident, from its first day
    (a timeline entry written on Jan 2nd after Dec 31st moves on to the next year)."""
    return day.replace(month=1, day=1) if day is not None else None


def _back_by_half_a_day(previous: time, now: time) -> bool:
    minutes = lambda t: t.hour * 60 + t.minute  # noqa: E731
    return minutes(previous) - minutes(now) > 12 * 60


def canonical(written: WrittenTime, day: date | None) -> str:
    """The time as the table reader reads it: ISO with the day when known, else `HH:MM:SS`, zone included."""
    offset = ""
    if written.zone is not None:
        delta = written.zone.utcoffset(None) if day is None else written.zone.utcoffset(
            datetime.combine(day, written.clock)
        )
        total = int((delta or timedelta()).total_seconds() // 60)
        sign = "+" if total >= 0 else "-"
        offset = f"{sign}{abs(total) // 60:02d}:{abs(total) % 60:02d}"
    if day is not None:
        return f"{day.isoformat()}T{written.clock.isoformat()}{offset}"
    return f"{written.clock.isoformat()}{' UTC' + offset if offset else ''}"


def approximate_note(line: int, written: WrittenTime) -> Note:
    return Note(line, f"time {written.raw!r} is approximate: kept as written, marked approximate")


def unknown_time_note(line: int, written: WrittenTime) -> Note:
    return Note(line, f"time {written.raw!r} marks an unknown time: the entry has no time")


def ambiguous_date(line: int, written: WrittenDate, resolved: date) -> ReadProblem:
    other = f"{written.first:02d}/{written.second:02d}"
    return ReadProblem(
        Seen.UNCERTAIN_TIME,
        line,
        f"date {written.text!r} could be day/month or month/day ({other}), and no other date of the file "
        f"decides; it is read as {resolved:%d %B %Y}: write it as {resolved.isoformat()} to make it certain",
    )


def zone_problems(line: int, written: WrittenTime) -> list[ReadProblem]:
    if written.unknown_zone:
        return [
            ReadProblem(
                Seen.UNCERTAIN_TIME,
                line,
                f"time zone {written.unknown_zone!r} is not one the plugin knows; the time is read on the "
                "timeline's clock instead: write a UTC offset (UTC+2) or add the abbreviation to "
                "`zone_abbreviations` in mkdocs.yml",
            )
        ]
    return []
