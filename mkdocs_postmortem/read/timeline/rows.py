"""Stage 4 of the timeline pipeline, rows placed in time: the first table
under a Timeline heading (or the front matter's `timeline:` list) as rows,
and every row placed: `14:23` on the incident's date, rolling over midnight,
full timestamps, on the clock its scope names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, tzinfo
from itertools import pairwise
from typing import Any

from ...model import ProblemKind, ReadProblem, TimelineEvent
from ...zones import (
    EARLIEST,
    LATEST,
    OutOfRange,
    abbreviations,
    checked_instant,
    zone_label,
)
from ..sections import Body
from ..structure import Paragraph, Table
from ..text import plain
from ..values import read_clock, read_moment
from ..vocabulary import vocabulary
from .blocks import common_form, four_digit_column
from .clock import read_written_time
from .scope import UTC_ONLY, zone_of_line
from .zone_names import zone_alone

# Leading blanks are taken only where their run starts: from every blank of a long run, a
# leading `\s*` read the rest of the run each time.
_DATE_PREFIX = re.compile(r"\s[-–—:|]\s|(?:(?<!\s)\s*)?[:：]\s*$")
# A midnight roll is believed when the clock goes back by more than this;
# a smaller step back is a row out of order.
_ROLL_THRESHOLD = timedelta(hours=12)


@dataclass
class TimelineTable:
    table: Table | None
    line: int | None  # where the timeline was looked for
    zone_hint: tzinfo | None = None  # from the time column header or an "all times in" line
    day_hint: date | None = None  # a date line above the table
    problems: list[ReadProblem] = field(default_factory=list)
    # Found by what it holds, under a heading that names no timeline ("## What went on").
    by_content: bool = False


def find_timeline_table(body: Body) -> TimelineTable:
    sections = body.sections_keyed("timeline")
    if not sections:
        return _timed_table(body)
    for section in sections:
        before: list[tuple[int, str]] = []
        for block in body.blocks_under(section):
            if isinstance(block, Table) and time_columns(block):
                result = TimelineTable(block, section.line)
                result.zone_hint = zone_from_lines(before)
                result.day_hint = _date_line(before) or _date_line(_heading_lines(body, block.line))
                return result
            if isinstance(block, Paragraph):
                before.extend(block.lines)
    return TimelineTable(None, sections[0].line)


# A table under another heading is a timeline when at least this many of its rows are led by a time.
_TIMED_ROWS = 3
# Sections whose tables of times are not a timeline: the action items' deadlines.
_NOT_TIMELINES = ("actions",)


def _timed_table(body: Body) -> TimelineTable:
    """The first table with a time column whose cells read as times, under any
    heading but the actions' ("## What went on" and a Date / Time / Event table):
    a timeline by what it holds, wherever it stands."""
    zones = abbreviations()
    for block in body.blocks:
        if not isinstance(block, Table):
            continue
        indexes = time_columns(block)
        if not indexes or len(block.rows) < _TIMED_ROWS:
            continue
        section = body.nearest_heading(block.line)
        if section is not None and section.key in _NOT_TIMELINES:
            continue
        cells = [_time_text(row.cells, indexes) for row in block.rows]
        timed = sum(1 for cell in cells if read_written_time(cell, zones, whole=True) is not None)
        if timed >= _TIMED_ROWS and 2 * timed >= len(cells):
            found = TimelineTable(block, section.line if section is not None else None, by_content=True)
            found.day_hint = _date_line(_heading_lines(body, block.line))
            return found
    return TimelineTable(None, None)


def time_column(header: list[str]) -> int | None:
    """The index of a table's time column: the one a time word heads ("Time",
    "Heure (UTC+2)"), else the one headed by a zone alone ("PDT", "UTC+1",
    "Europe/Paris"): the clock its cells are on is all its header says."""
    words = vocabulary()
    for index, cell in enumerate(header):
        if words.column_role(cell, ("time",)):
            return index
    for index, cell in enumerate(header):
        if zone_alone(cell, abbreviations()) is not None:
            return index
    return None


def _heading_lines(body: Body, before_line: int) -> list[tuple[int, str]]:
    lines = [(h.line, h.text) for h in body.headings if h.line < before_line]
    if body.title is not None:
        lines.insert(0, (body.title.line, body.title.text))
    return sorted(set(lines))


def zone_from_lines(lines: list[tuple[int, str]]) -> tzinfo | None:
    """The zone named by a line such as "*Toutes les heures en UTC*" or "(all times Europe/Paris)".

    Abbreviations other than UTC and GMT ("PDT") are left to the caller, who
    knows the site's readings of them."""
    return zone_of_line(lines, UTC_ONLY, vocabulary().timezone_lines)[0]


def _date_line(lines: list[tuple[int, str]]) -> date | None:
    """The date of the nearest line above that is (or starts with) a date."""
    for _, text in reversed(lines):
        cleaned = plain(text).strip()
        if not cleaned:
            continue
        for candidate in (cleaned, _DATE_PREFIX.split(cleaned, maxsplit=1)[0]):
            moment = read_moment(candidate)
            if moment is not None:
                return moment.day
        if ":" in cleaned:  # "Date : 4 mars 2026"
            moment = read_moment(cleaned.split(":", 1)[1])
            if moment is not None:
                return moment.day
    return None


def table_rows(found: TimelineTable) -> list[tuple[int, str, str, dict[str, str]]]:
    """(line, time text, event text, other cells by header) of each row."""
    table = found.table
    if table is None:
        return []
    words = vocabulary()
    roles = [words.column_role(cell, ("time", "event")) for cell in table.header]
    time_indexes = time_columns(table)
    # The end of a period ("| Back |") is the row's other moment, never what happened.
    period_end = period_columns(table.header)[1]
    event_index = roles.index("event") if "event" in roles else next(
        (i for i in range(len(roles)) if i not in time_indexes and i != period_end), None
    )
    rows = []
    zones = abbreviations()
    # A time column that writes every row as four digits ("| 1508 |") writes clocks, as logs do.
    four_digits = four_digit_column([_time_text(row.cells, time_indexes) for row in table.rows])
    for row in table.rows:
        cells = row.cells + [""] * (len(table.header) - len(row.cells))
        if not any(cell.strip() for cell in cells):
            continue
        event = plain(cells[event_index]) if event_index is not None else ""
        others = {
            plain(table.header[i]) or f"column {i + 1}": plain(cells[i])
            for i in range(len(table.header))
            if i not in time_indexes and i != event_index and plain(cells[i])
        }
        when = _time_text(cells, time_indexes)
        rows.append((row.line, common_form(when, zones, True) if four_digits else when, event, others))
    return rows


def time_columns(table: Table) -> tuple[int, ...]:
    """The time column, and with it a second column a time word heads when the
    table writes the date and the clock apart ("Date | Time (UTC) | Event"):
    their cells, joined, are the row's moment. A table whose header names no
    time has for its time column the first one whose cells read as times
    ("| Logged at (UTC) |" over "2026-05-03 23:50:12"): what a column holds
    says what it is."""
    header = table.header
    first = time_column(header)
    if first is None:
        first = _column_of_times(table)
        return () if first is None else (first,)
    words = vocabulary()
    second = next((i for i in range(first + 1, len(header)) if words.column_role(header[i], ("time",))), None)
    if second is None:
        # "| Date | Down | Back |": each row an outage, dated by its date cell, when it began its moment.
        second = period_columns(header)[0]
    return (first,) if second is None or second < first else (first, second)


def period_columns(header: list[str]) -> tuple[int | None, int | None]:
    """The columns of a table of periods that hold when each began and when it ended
    ("Down" / "Back", "Début" / "Fin", "Start (local)" / "End (local)"); (None, None)
    unless the table has both."""
    words = vocabulary()
    roles = [words.column_role(cell, ("period_start", "period_end")) for cell in header]
    if "period_start" not in roles or "period_end" not in roles:
        return None, None
    return roles.index("period_start"), roles.index("period_end")


# A column is made of times when at least this many of its cells, and most, read as one.
_TIMED_CELLS = 2


def _column_of_times(table: Table) -> int | None:
    zones = abbreviations()
    for index in range(len(table.header)):
        cells = [row.cells[index].strip() for row in table.rows if index < len(row.cells) and row.cells[index].strip()]
        timed = sum(1 for cell in cells if read_written_time(cell, zones, whole=True) is not None)
        if timed >= _TIMED_CELLS and 2 * timed > len(cells):
            return index
    return None


def _time_text(cells: list[str], indexes: tuple[int, ...]) -> str:
    return " ".join(cells[i].strip() for i in indexes if i < len(cells) and cells[i].strip())


def oldest_first(rows: list[tuple[int, str, str, dict[str, str]]]) -> list[tuple[int, str, str, dict[str, str]]]:
    """The rows in time order: a table written newest first (a status page's
    updates copied in, the latest on top) is turned around. Rows whose times all
    read alike (all full timestamps, or all clock times) and whose steps go back
    more often than forward are; a step of more than half a day between clock
    times is a day changing and says nothing of the order."""
    moments = [read_moment(raw) for _, raw, _, _ in rows]
    if rows and all(moment is not None and moment.clock is not None for moment in moments):
        keys = [datetime.combine(moment.day, moment.clock).timestamp() / 60 for moment in moments]
        limit = None
    else:
        clocks = [read_clock(raw) for _, raw, _, _ in rows]
        if not rows or any(clock is None for clock in clocks):
            return rows
        keys = [clock[0].hour * 60 + clock[0].minute for clock in clocks]
        limit = 12 * 60
    return list(reversed(rows)) if written_newest_first(keys, limit) else rows


def written_newest_first(keys: list[float], limit: float | None) -> bool:
    """Whether moments in the author's order (`keys`, in minutes) were written newest
    first, as a status page lists its updates. `limit`: for bare clock times, the
    step (half a day) beyond which a step is a day changing, in whichever order,
    and says nothing of the order; None for moments whose dates are certain."""
    back = forward = 0
    for before, after in pairwise(keys):
        step = after - before
        if limit is not None and abs(step) >= limit:
            continue
        back += step < 0
        forward += step > 0
    # Two steps back at least: one entry above a later one is an entry out of order (PM701).
    # Certain dates that only ever go back are newest first, however few.
    return back >= 2 and back > forward or (limit is None and back >= 1 and forward == 0)


def front_matter_rows(items: Any, lines: list[int], default_line: int) -> tuple[list, list[ReadProblem]]:
    """Rows from a front matter `timeline:` list of {time, event} mappings (or "14:05 text" strings)."""
    rows: list[tuple[int, str, str, dict[str, str]]] = []
    problems: list[ReadProblem] = []
    if not isinstance(items, list):
        return rows, [
            ReadProblem(ProblemKind.WRONG_VALUE, default_line, "timeline must be a list of {time: ..., event: ...} entries")
        ]
    for index, item in enumerate(items):
        line = lines[index] if index < len(lines) else default_line
        if isinstance(item, dict):
            when = _first(item, ("time", "at", "when", "timestamp", "heure", "date"))
            text = _first(item, ("event", "text", "description", "what", "evenement", "événement"))
            rest = {str(k): str(v) for k, v in item.items() if v is not None and str(v) not in (when, text)}
            rows.append((line, when, text, rest))
        elif isinstance(item, str) and item.strip():
            parts = item.strip().split(None, 1)
            rows.append((line, parts[0], parts[1] if len(parts) > 1 else "", {}))
        else:
            problems.append(
                ReadProblem(ProblemKind.WRONG_VALUE, line, "a timeline entry must be a mapping such as {time: '14:05', event: ...}")
            )
    return rows, problems


def _first(item: dict, keys: tuple[str, ...]) -> str:
    for key in keys:
        if item.get(key) not in (None, ""):
            value = item[key]
            if isinstance(value, datetime):
                return value.isoformat(sep=" ")
            return str(value)
    return ""


def place_rows(
    rows: list[tuple[int, str, str, dict[str, str]]],
    day: date | None,
    tz: tzinfo,
    anchor: datetime | None = None,
    group_starts: frozenset[int] | set[int] = frozenset(),
) -> tuple[list[TimelineEvent], list[ReadProblem]]:
    """Events with aware times in `tz`. Clock times sit on `day`, moving to the
    next day when the clock goes back by more than 12 hours (a row past
    midnight); any other step back is a row out of order.

    `anchor` (the start, as a wall time in `tz`) lets a first row written just
    after midnight follow a start written just before it. `group_starts`: the
    lines of rows that open a group of their own (a timeline grouped by site or
    by phase); the order is checked within each group, not across them."""
    events: list[TimelineEvent] = []
    problems: list[ReadProblem] = []
    previous: datetime | None = None  # wall time in tz of the previous placed row
    missing_day_reported = False
    for line, raw, text, others in rows:
        events.append(TimelineEvent(line=line, raw_time=raw, text=text, columns=others))
        try:
            placed = _wall_time(raw, day, tz)
        except (OutOfRange, OverflowError):
            problems.append(_out_of_range(line, raw, tz))
            continue
        if placed is None:
            problems.append(
                ReadProblem(
                    ProblemKind.UNCERTAIN_TIME,
                    line,
                    f"timeline time {plain(raw) or '(empty)'!r} cannot be read; write a time such as "
                    "14:05 (or 14h05), or a full timestamp such as 2026-03-04 14:05",
                )
            )
            continue
        local, full = placed
        if local is None:  # a clock time, and no date known for the incident
            if not missing_day_reported:
                problems.append(
                    ReadProblem(
                        ProblemKind.UNCERTAIN_TIME,
                        line,
                        "timeline times have no date: add `started` to the front matter, "
                        "a 'Date: YYYY-MM-DD' line above the table, or write full timestamps",
                    )
                )
                missing_day_reported = True
            continue
        try:
            local = _rolled(local, previous, anchor, full)
            # zoneinfo applies the offset in force at that wall time, so rows on
            # both sides of a daylight-saving change get their own offsets.
            placed_time = checked_instant(local.replace(tzinfo=tz))
        except (OutOfRange, OverflowError):
            problems.append(_out_of_range(line, raw, tz))
            continue
        # Compared to the minute, as they are shown: "00:00 - 00:30" under "00:00:10" is in order.
        if previous is not None and line not in group_starts and (
                local.replace(second=0, microsecond=0) < previous.replace(second=0, microsecond=0)):
            problems.append(
                ReadProblem(
                    ProblemKind.UNCERTAIN_TIME,
                    line,
                    f"timeline row {plain(raw)!r} is earlier than the row above "
                    f"({previous:%Y-%m-%d %H:%M}); put the rows in time order",
                )
            )
        day = local.date()
        previous = local
        events[-1] = replace(events[-1], time=placed_time)
    return events, problems


def with_period_ends(events: list[TimelineEvent], table: Table | None, tz: tzinfo) -> list[TimelineEvent]:
    """The events of a table of periods with the end each row states ("| Thu 3/5 | 2:06 PM |
    2:39 PM |"): the end's clock on the day the row began, on the next day when it is not
    after the start (a period across midnight). Other tables' events are returned as they are."""
    if table is None:
        return events
    end_index = period_columns(table.header)[1]
    if end_index is None:
        return events
    header = plain(table.header[end_index]) or f"column {end_index + 1}"
    zones = abbreviations()
    placed = []
    for event in events:
        written = read_written_time(event.columns.get(header, ""), zones, whole=True)
        if event.time is None or written is None or written.clock is None:
            placed.append(event)
            continue
        began = event.time.astimezone(tz)
        # "| 04/05/2026 23:40 | 05/05/2026 01:10 |": an end written with its date is on that date.
        day = written.date.resolve_on(written.weekday, began.date())[0] if written.date else began.date()
        if day is None:
            placed.append(event)
            continue
        local = datetime.combine(day, written.clock)
        if written.zone is not None and written.zone is not tz:
            local = local.replace(tzinfo=written.zone).astimezone(tz).replace(tzinfo=None)
        if written.date is None and local <= began.replace(tzinfo=None):
            local += timedelta(days=1)
        try:
            placed.append(replace(event, ended=checked_instant(local.replace(tzinfo=tz))))
        except (OutOfRange, OverflowError):
            placed.append(event)
    return placed


def _rolled(local: datetime, previous: datetime | None, anchor: datetime | None, full: bool) -> datetime:
    """A clock time moved to the next day when it is past midnight: more than 12
    hours before the start (first row) or before the row above."""
    if full:
        return local
    if previous is None and anchor is not None and past_midnight(anchor, local):
        return local + timedelta(days=1)
    if previous is not None and past_midnight(previous, local):
        return local + timedelta(days=1)
    return local


def past_midnight(previous: datetime, now: datetime) -> bool:
    """Whether a clock time placed on the day of the moment before it is in fact on
    the next day: it goes back by more than 12 hours (23:50, then 00:10)."""
    return previous - now > _ROLL_THRESHOLD


def _out_of_range(line: int, raw: str, tz: tzinfo) -> ReadProblem:
    return ReadProblem(
        ProblemKind.WRONG_VALUE,
        line,
        f"timeline time {plain(raw)!r} cannot be placed in {zone_label(tz)}: it falls outside "
        f"the years {EARLIEST.year} to {LATEST.year - 1}; check the year",
    )


def _wall_time(raw: str, day: date | None, tz: tzinfo) -> tuple[datetime | None, bool] | None:
    """(naive wall time on the incident's clock, written as a full timestamp?);
    (None, False) for a clock time without a known day; None when unreadable."""
    clock = read_clock(raw)
    if clock is not None:
        at, row_zone = clock
        if day is None:
            return None, False
        local = datetime.combine(day, at)
        if row_zone is not None and row_zone is not tz:  # "14:23 UTC" in a Paris timeline
            local = local.replace(tzinfo=row_zone).astimezone(tz).replace(tzinfo=None)
        return local, False
    moment = read_moment(raw, day)
    if moment is None or moment.clock is None:
        return None
    local = datetime.combine(moment.day, moment.clock)
    if moment.tz is not None:  # written with its own offset: expressed on the incident's clock
        local = local.replace(tzinfo=moment.tz).astimezone(tz).replace(tzinfo=None)
    return local, True
