"""The timeline pipeline run for one postmortem (stages 1 to 5): its timeline, from wherever it is written: the front
matter's `timeline:` list, a table, or a list or paragraph run (see
entries); placed on the right day and clock, with what the reader
noticed on the way (approximate and unknown times, ambiguous dates, the
source of the timeline's day).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, tzinfo

from ...model import Note, Section, TimelineEvent
from ...text import fold
from ...zones import zone, zone_label
from ..dates import (
    FRONT_MATTER,
    LINE_ABOVE,
    SOURCE_NAMES,
    SourcedDay,
    document_year,
    posted_day,
    title_date,
)
from ..profiles import profile_named, status_update_rows
from ..sections import Body
from ..structure import Paragraph
from ..text import plain
from ..vocabulary import vocabulary
from ..working import WorkingPostmortem
from .clock import find_written_date, read_written_time
from .entries import (
    ambiguous_date,
    approximate_note,
    canonical,
    entry_timeline,
    unknown_time_note,
    zone_problems,
)
from .phases import mark_phases
from .rows import (
    find_timeline_table,
    front_matter_rows,
    oldest_first,
    place_rows,
    table_rows,
    with_period_ends,
)
from .scope import (
    guessed_zone_notes,
    unknown_zone_problem,
    zone_of_line,
)
from .updates import as_status_updates, status_history
from .words import timeline_words
from .zone_scopes import (
    CLOCK_LINE,
    HEADING,
    TABLE_HEADER,
    enclosing_heading_zone,
    heading_zone,
    heading_zones,
    narrowest,
    table_header_zone,
)


def read_timeline(
    pm: WorkingPostmortem,
    body: Body,
    item_lines: dict[str, list[int]],
    tz: tzinfo,
    document_tz: tzinfo,
    zone_from_front_matter: bool,
    zones,
    document: SourcedDay | None,
) -> dict[str, TimelineEvent]:
    """Timeline events, placed in time; returns the events that mark phases."""
    day_hint = day_hint_line = None
    entries = None
    found = None
    as_written: dict[int, str] = {}
    unknown: list[tuple[int, str]] = []
    approximate: set[int] = set()
    found_by: dict = {}
    if "timeline" in pm.front_matter and pm.front_matter["timeline"] is not None:
        line = pm.field_lines.get("timeline", 1)
        found_by = {"stage": "front_matter", "line": line}
        rows, problems = front_matter_rows(pm.front_matter["timeline"], item_lines.get("timeline", []), line)
        pm.problems.extend(problems)
        table_tz = tz
    elif not body.sections_keyed("timeline") and _status_updates(pm):
        # Another tool's status updates ("*Resolved* - ... {{< track "..." >}}") are the
        # timeline, and the lines they stand on are its section.
        rows, table_tz = _status_updates(pm), tz
        lines = [row[0] for row in rows]
        found_by = {"stage": "status_updates", "line": min(lines), "posted": True}
        pm.sections = sorted(
            [*pm.sections, Section("timeline", "Status updates", 7, min(lines), max(lines), True, labelled=True)],
            key=lambda section: section.line,
        )
    elif not body.sections_keyed("timeline") and (history := status_history(body, zones)):
        rows, table_tz, found_by = _history(pm, body, history, tz if zone_from_front_matter else document_tz)
    else:
        found = find_timeline_table(body)
        rows = table_rows(found)
        table_zone = None
        zone_line = None
        zone_scope = None
        unknown_zone: tuple[str, int] | None = None
        if found.table is not None:
            # The narrowest scope first: the time column's header, then the lines above the table.
            evidence = table_header_zone(found.table, zones)
            if evidence is not None:
                table_zone, zone_line, zone_scope = evidence.zone, found.table.line, TABLE_HEADER
                pm.notes.extend(guessed_zone_notes(found.table.line, evidence.written, zones))
                if table_zone is None:
                    unknown_zone, zone_line = (evidence.written, found.table.line), found.line
        if table_zone is None and found.zone_hint is not None:
            table_zone, zone_scope = found.zone_hint, CLOCK_LINE
        if found.table is None:
            # The title's date ("# 5-26-21 outage") also says which of day and month comes first.
            title = title_date(body)
            entries = entry_timeline(
                body, zones, [title[0]] if title else [], document.day if document else document_year(body),
                document.day if document else None, posted_day(pm, body, document.day if document else None))
        if entries is not None:
            rows = entries.rows
            pm.problems.extend(entries.problems)
            pm.notes.extend(entries.notes)
            day_hint, day_hint_line = entries.day_hint, entries.day_hint_line
        else:
            day_hint = found.day_hint
            day_hint_line = found.line if day_hint else None
        if day_hint is None and found.line is not None and not (entries is not None and entries.found_by_content):
            # "## Chronologie du 15 septembre": the timeline's own heading dates its entries,
            # in the year of the document (not the next one after a later posting date).
            day_hint = _heading_day(pm, found.line, document.day if document else document_year(body))
            day_hint_line = found.line if day_hint else None
        if table_zone is None and entries is not None and entries.day_hint_line is not None:
            # "### 2026-08-02 (GMT+2)": the zone a date line names governs the entries it dates.
            evidence = heading_zone(_file_line(pm, entries.day_hint_line), zones)
            if evidence is not None:
                table_zone, zone_line, zone_scope = evidence.zone, entries.day_hint_line, HEADING
        first_row = min((row[0] for row in rows), default=None)
        if table_zone is None and first_row is not None:
            # "### Phase 1 (Monday 19 January 2026, AEDT)": the narrowest heading over the
            # timeline's first entry that names a zone governs it.
            evidence = enclosing_heading_zone(body, first_row, zones)
            if evidence is not None:
                table_zone, zone_line, zone_scope = evidence.zone, evidence.line, HEADING
                pm.notes.extend(guessed_zone_notes(evidence.line, evidence.written, zones))
        if table_zone is None and (entries is not None or found.table is not None):
            lines = _scope_lines(body, entries) if entries is not None and entries.found_by_content else (
                _lines_near(body, found.line))
            table_zone, written, line = zone_of_line(lines, zones, vocabulary().timezone_lines)
            zone_line, zone_scope = line, CLOCK_LINE
            pm.notes.extend(guessed_zone_notes(line or 1, written, zones))
            if table_zone is None and written and unknown_zone is None:
                unknown_zone = (written, line or found.line or 1)
        # A zone written on the table itself ("Heure (UTC+2)", "all times UTC" just
        # above it) says which clock its rows use, even when the front matter
        # names another zone for the postmortem.
        table_tz = table_zone or (tz if zone_from_front_matter else document_tz)
        found_by = _found_by(found, entries, rows)
        updates = as_status_updates(rows) if entries is not None else None
        if updates is not None:
            rows = updates
        if entries is not None and (entries.posted or updates is not None):
            found_by["posted"] = True
        if table_zone is not None:
            found_by.update(zone=zone_label(table_zone), zone_line=zone_line, zone_scope=zone_scope)
        if unknown_zone is not None:  # never a silent UTC: say which clock is used instead
            pm.problems.append(unknown_zone_problem(unknown_zone[1], unknown_zone[0], table_tz))
        as_written = {line: raw for line, raw, _, _ in rows} if entries is None else dict(entries.as_written)
        rows, unknown, approximate = _written_cells(pm, rows, zones, entries, document.day if document else None)
        if entries is None:
            rows = oldest_first(rows)
        if not rows and not unknown and (history := status_history(body, zones)):
            # A timeline section no entry was read from, over a status page's history.
            rows, table_tz, found_by = _history(pm, body, history, table_tz)
            entries, as_written = None, {}
    if not rows and not unknown:
        return {}
    if entries is not None and entries.found_by_content:
        _name_the_timeline(pm, entries)
    elif entries is None and found is not None and found.by_content:
        _name_the_table(pm, found)
    pm.timeline_source = found_by
    day, source, source_line = _timeline_day(pm, table_tz, day_hint, day_hint_line, document)
    anchor = pm.started.astimezone(table_tz).replace(tzinfo=None) if pm.started else None
    if entries is not None:
        rows = _on_their_headings_clocks(rows, heading_zones(body, zones), table_tz, day)
    events, problems = place_rows(rows, day, table_tz, anchor, entries.group_starts if entries is not None else frozenset())
    if entries is None and found is not None:
        events = with_period_ends(events, found.table, table_tz)
    if unknown:  # "[???]", "--:--": an entry whose time the author did not know
        events += [TimelineEvent(line=line, raw_time="", text=plain(text)) for line, text in unknown]
        # In the order of the placed rows: a timeline turned around keeps its unknowns in place.
        events.sort(key=lambda event: event.line, reverse=len(rows) > 1 and rows[0][0] > rows[-1][0])
    pm.timeline = [
        replace(event, approximate=event.line in approximate, raw_time=as_written.get(event.line, event.raw_time))
        for event in events
    ]
    pm.problems.extend(problems)
    if entries is not None and entries.day_hint is not None:
        day, source, source_line = entries.day_hint, LINE_ABOVE, entries.day_hint_line
    if day is not None and source is not None and (
        source == LINE_ABOVE or any(not _full(raw) for _, raw, _, _ in rows)
    ):
        pm.timeline_date_from = source
        pm.notes.append(Note(source_line or 1, f"timeline times are on {day.isoformat()}, the date of the {SOURCE_NAMES[source]}"))
    if not zone_from_front_matter and table_tz is not zone(pm.timezone):
        # The body says which clock its times are on ("Heure (UTC+2)", "all times UTC").
        pm.timezone = zone_label(table_tz)
        pm.field_sources["timezone"] = "body"
    pm.timeline, marks = mark_phases(pm.timeline)
    return marks


_PLAIN_CELL = re.compile(r"^(?:\*\*)?(?:\d{4}-\d{2}-\d{2}[ T])?\d{1,2}[:h]\d{2}(?::\d{2})?(?:\*\*)?$")


_WITH_DATE = re.compile(r"^\s*\d{4}-\d{2}-\d{2}")  # anchored: searched, `\s*` would start at every blank


def _history(pm: WorkingPostmortem, body: Body, rows: list, clock: tzinfo) -> tuple[list, tzinfo, dict]:
    """A status page's history of updates, each a status and the stamp it was posted
    at, as the timeline: (its rows, their clock, how it was found). Where no section
    names the timeline, the lines the updates stand on are its section."""
    lines = [row[0] for row in rows]
    if not body.sections_keyed("timeline"):
        pm.sections = sorted(
            [*pm.sections, Section("timeline", "Status updates", 7, min(lines), max(lines), True, labelled=True)],
            key=lambda section: section.line,
        )
    return rows, clock, {"stage": "status_updates", "line": min(lines), "posted": True}


def _status_updates(pm: WorkingPostmortem) -> list:
    profile = profile_named(pm.front_matter_profile)
    return status_update_rows(profile, pm.text, 1) if profile is not None else []


def _file_line(pm: WorkingPostmortem, line: int) -> str:
    lines = pm.text.split("\n")
    return lines[line - 1] if 0 < line <= len(lines) else ""


def _heading_day(pm: WorkingPostmortem, line: int, reference) -> date | None:
    """The date the timeline's heading writes ("## Timeline of 3 March"), in the year
    of `reference` when it writes none."""
    written = find_written_date(_file_line(pm, line))
    if written is None:
        return None
    january = reference.replace(month=1, day=1) if reference is not None else None
    return written.resolve(None, january)[0]


def _full(raw: str) -> bool:
    """A time written with its date ("2026-03-04 14:05"): it needs no day from elsewhere."""
    return bool(_WITH_DATE.match(raw))


def _timeline_day(pm, table_tz, day_hint, day_hint_line, document):
    if pm.started is not None and pm.field_sources.get("started") == "front-matter":
        return pm.started.astimezone(table_tz).date(), FRONT_MATTER, pm.source_lines.get("started")
    if day_hint is not None:
        return day_hint, LINE_ABOVE, day_hint_line
    if document is not None:
        return document.day, document.source, document.line
    return None, None, None


def _lines_near(body: Body, heading_line: int | None) -> list[tuple[int, str]]:
    """The timeline heading ("Timeline (times in PDT)") and the paragraph lines under
    it ("All times PDT."): the zone they name governs the timeline."""
    if heading_line is None:
        return []
    section = next((s for s in body.sections if s.line == heading_line), None)
    if section is None:
        return []
    under = [line for block in body.blocks_under(section) if isinstance(block, Paragraph) for line in block.lines]
    return [(section.line, plain(section.title)), *under]


def _found_by(found, entries, rows) -> dict:
    """Which stage found the timeline, and on which line: a table, entries under the
    timeline heading, or entries found by what the blocks of another section hold."""
    if entries is None:
        stage = "table_by_content" if found.by_content else "table"
        return {"stage": stage, "line": found.table.line if found.table is not None else found.line}
    if entries.found_by_content:
        first = min([row[0] for row in rows] + [line for line, _ in entries.unknown] or [1])
        line = entries.scope.line if entries.scope is not None else first
        return {"stage": "entries_by_content", "line": line}
    return {"stage": "entries", "line": entries.line}


def _scope_lines(body: Body, entries) -> list[tuple[int, str]]:
    """The paragraph lines and the heading of the scope a timeline was found in by
    its content, the narrowest scope first: the lines above the entries, nearest
    first ("Here is what happened (times are UTC):"), then those below, then the
    heading ("## Updates (Paris time)"). The first zone they name governs it; a zone
    an earlier paragraph names for its own sentence ("last night (UK time)") does not."""
    first, last = entries.scope_lines
    top = min([row[0] for row in entries.rows] + [line for line, _ in entries.unknown] or [first])
    above: list[tuple[int, str]] = []
    below: list[tuple[int, str]] = []
    for index in body.block_range(first, last):
        block = body.blocks[index]
        if isinstance(block, Paragraph):
            (above if block.line < top else below).extend(block.lines)
    heading = [(entries.scope.line, plain(entries.scope.title))] if entries.scope is not None else []
    return [*reversed(above), *below, *heading]


def _name_the_timeline(pm: WorkingPostmortem, entries) -> None:
    """A timeline found by what its blocks hold is the file's timeline section,
    whatever its heading says ("## How it unfolded", "Updates:"): no PM101 for it."""
    lines = [row[0] for row in entries.rows] + [line for line, _ in entries.unknown]
    title = plain(entries.scope.title) if entries.scope is not None else "Timeline"
    level = entries.scope.level if entries.scope is not None else 2
    pm.sections = sorted(
        [*pm.sections, Section("timeline", title, level, min(lines), max(lines), True, labelled=True)],
        key=lambda section: section.line,
    )


def _name_the_table(pm: WorkingPostmortem, found) -> None:
    """A table found by what it holds is the file's timeline section, whatever the
    heading above it says ("## What went on"): no PM101 for it."""
    table = found.table
    last = table.rows[-1].line if table.rows else table.line
    pm.sections = sorted(
        [*pm.sections, Section("timeline", "Timeline", 2, table.line, last, True, labelled=True)],
        key=lambda section: section.line,
    )


_NAIVE_MOMENT = re.compile(r"^(?:\d{4}-\d{2}-\d{2}T)?\d{2}:\d{2}:\d{2}$")


def _on_their_headings_clocks(rows, scopes, table_tz, day):
    """Each entry on the clock of the narrowest heading over it that names one, when
    that is not the timeline's ("### Frankfurt (CEST)" then "### Oregon (PT)"); an
    entry that writes its own zone keeps it."""
    if not scopes:
        return rows
    placed = []
    for row in rows:
        line, moment, text, others = row
        evidence = narrowest(scopes, line)
        if evidence is None or evidence.zone is None or evidence.zone is table_tz or not _NAIVE_MOMENT.match(moment):
            placed.append(row)
            continue
        if "T" in moment:
            placed.append((line, datetime.fromisoformat(moment).replace(tzinfo=evidence.zone).isoformat(), text, others))
            continue
        if day is None:
            placed.append(row)
            continue
        offset = evidence.zone.utcoffset(datetime.combine(day, datetime.strptime(moment, "%H:%M:%S").time()))
        minutes = int(offset.total_seconds() // 60)
        sign = "+" if minutes >= 0 else "-"
        placed.append((line, f"{moment} UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}", text, others))
    return placed


def _written_cells(pm: WorkingPostmortem, rows, zones, entries, document_day=None):
    """Rows whose time cell reads as people write times ("~16:45", "04:49 PM UTC",
    "[???]") rewritten as the table reader reads them; cells marking an unknown
    time are left out (no time, no problem). A date cell without its year ("Thu 3/5")
    takes the year that puts it nearest the document's date, when its order is certain."""
    if entries is not None:
        return rows, list(entries.unknown), set(entries.approximate)
    approximate: set[int] = set()
    unknown: list[tuple[int, str]] = []
    kept = []
    said_unknown = timeline_words().unknown_times
    for line, raw, text, others in rows:
        if raw and (fold(raw) in said_unknown or raw.strip() in said_unknown):  # "Pre-existing", "?"
            unknown.append((line, text))
            pm.notes.append(Note(line, f"time {plain(raw)!r} says the time is not known: the entry has no time"))
            continue
        # The table reader's own forms ("14:23", "2026-03-04 14:05") need no second look.
        plain_form = not raw or _PLAIN_CELL.match(raw)
        written = None if plain_form else read_written_time(raw, zones, whole=True)
        if written is None:
            kept.append((line, raw, text, others))
            continue
        pm.problems.extend(zone_problems(line, written))
        if written.approximate:
            approximate.add(line)
            pm.notes.append(approximate_note(line, written))
        if written.unknown:
            unknown.append((line, text))
            pm.notes.append(unknown_time_note(line, written))
            continue
        day = None
        if written.date is not None:
            # An ambiguous "12/05/2026" follows the order decided for the whole file (date_order).
            day, guessed = written.date.resolve(None, None)
            if written.date.year is None:
                # "Thu 3/5": the day's name may tell day from month; a short date it does not
                # settle ("08/07") leaves the row on the incident's day, as before.
                day, guessed = written.date.resolve_on(written.weekday, document_day)
                day, guessed = (None, False) if guessed else (day, guessed)
            if guessed and day is not None:
                pm.problems.append(ambiguous_date(line, written.date, day))
        kept.append((line, canonical(written, day), text, others))
    return kept, unknown, approximate
