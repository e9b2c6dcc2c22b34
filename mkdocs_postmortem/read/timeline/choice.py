"""Stage 6 of the timeline pipeline, the window's choice: of every reading of the
incident's start and end the stages before found (a fact line, a window a
sentence or a heading states, the timeline's phases, its first and last
entries, the end of a stated duration), each with the stage and the line it
came from, the start and the end that agree with each other and with the text:

1. a time read on a clock the document only assumed yields to a reading of the
   same end, on the same line, written on a named clock ("from 10:05am to
   10:47am Central Time (15:05–15:47 UTC)");
2. a status update's posting time yields to a time the text states for that
   end (the impact a message or a sentence states, not when it was posted);
3. the start is before the end;
4. a stated duration ("down for 50 minutes") chooses, among the pairs that
   remain, one whose length it agrees with; with an end and no start, it
   gives the start ("4 mins of downtime" before "Resolved at 16:10").

Where the readings agree, the order of the stages decides (`Reading.rank`: the
front matter, a fact line, the window the prose states, then the timeline).
Every reading set aside by a check is kept with its reason, for `show`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

ENDS = ("started", "resolved")
# The stage of an end worked out from the other end and a stated duration.
WINDOW_DURATION = "window_duration"

# How far a pair's length may be from a stated duration and still agree with it:
# durations are written rounded ("about two hours", "50 minutes").
_AGREEMENT_SHARE = 0.1
_AGREEMENT_FLOOR = timedelta(minutes=5)


@dataclass(frozen=True)
class Reading:
    """One reading of a start or an end, as a stage found it."""

    end: str  # "started" or "resolved"
    value: datetime
    stage: str  # as `show` names it: fact, window_range, timeline_phase...
    line: int | None
    rank: int  # the order of the stages: the lowest is believed first
    raw: str = ""  # the text it was read from
    zone_written: bool = True  # False: read on a clock the document assumed, not one written there
    posted: bool = False  # a status update's posting time
    agreement_only: bool = False  # an entry that says something ended: the end only when a stated duration agrees
    fixed: bool = False  # written in the front matter: never set aside
    derived: bool = False  # the end of a stated duration after a start: agrees with that duration by making


@dataclass(frozen=True)
class SetAside:
    reading: Reading
    reason: str


@dataclass(frozen=True)
class Duration:
    minutes: float
    line: int | None
    rank: int  # where the end it gives ranks among the readings of the end


@dataclass(frozen=True)
class Choice:
    started: Reading | None
    resolved: Reading | None
    set_aside: tuple[SetAside, ...]


def choose_window(readings: list[Reading], duration: Duration | None = None) -> Choice:
    """The start and the end that agree, and the readings set aside with why."""
    ordered = sorted(readings, key=lambda reading: reading.rank)
    aside: dict[Reading, str] = {}
    _clock_check(ordered, aside)
    _posted_check(ordered, aside)
    starts = [r for r in ordered if r.end == "started" and r not in aside and not r.agreement_only]
    ends = [r for r in ordered if r.end == "resolved" and r not in aside]
    if any(r.fixed for r in starts):
        starts = [r for r in starts if r.fixed]
    if any(r.fixed for r in ends):
        ends = [r for r in ends if r.fixed]
    chosen = next(((start, end) for start, end in _pairs(starts, ends, duration) if not end.agreement_only), None)
    if duration is not None and chosen is not None and not _agrees(chosen, duration):
        agreeing = next((pair for pair in _pairs(starts, ends, duration)
                         if not pair[1].derived and _agrees(pair, duration)), None)
        if agreeing is not None:
            for mine, other in zip(chosen, agreeing):
                if mine is not other:
                    aside[mine] = (f"the window {_hm(chosen[0].value)}–{_hm(chosen[1].value)} disagrees with the "
                                   f"duration of {duration.minutes:g} min stated on line {duration.line}")
            chosen = agreeing
    if chosen is None:
        # No start before an end (or only one of them read): the first of each, as
        # read; a start after its end is for the rules to report (PM004).
        chosen = (starts[0] if starts else None, next((r for r in ends if not r.agreement_only), None))
        if chosen[0] is None and chosen[1] is not None and duration is not None:
            # "4 mins of downtime" and "Resolved at 16:10": a duration and one end give the other.
            chosen = (Reading("started", chosen[1].value - timedelta(minutes=duration.minutes), WINDOW_DURATION,
                              duration.line, duration.rank, derived=True), chosen[1])
    else:
        _order_reasons(ordered, chosen, aside)
    kept = {"started": chosen[0], "resolved": chosen[1]}
    said: dict[tuple[str, datetime], SetAside] = {}  # one note per moment set aside, the first stage's
    for reading, reason in aside.items():
        if kept[reading.end] is None or reading.value != kept[reading.end].value:
            said.setdefault((reading.end, reading.value), SetAside(reading, reason))
    return Choice(chosen[0], chosen[1], tuple(said.values()))


def _clock_check(ordered: list[Reading], aside: dict[Reading, str]) -> None:
    """A reading on an assumed clock yields to a reading of the same end on a named
    clock that its own line writes beside it, or that writes the same clock time
    ("Date | 2026-08-02 13:33" above a timeline headed "2026-08-02 (GMT+2)")."""
    # The named readings by line and by clock time, found once: a paragraph of thousands
    # of ranges compared each reading with every other.
    by_line: dict[tuple, list[tuple[int, Reading]]] = {}
    by_wall: dict[tuple, list[tuple[int, Reading]]] = {}
    for position, other in enumerate(ordered):
        if other.zone_written:
            _first_two_values(by_line, (other.end, other.line), position, other)
            _first_two_values(by_wall, (other.end, _wall(other.value)), position, other)
    for reading in ordered:
        if reading.fixed or reading.zone_written:
            continue
        found = [candidate for candidate in (
            _first_other_value(by_line.get((reading.end, reading.line)), reading.value),
            _first_other_value(by_wall.get((reading.end, _wall(reading.value))), reading.value),
        ) if candidate is not None]
        if not found:
            continue
        other = min(found, key=lambda candidate: candidate[0])[1]
        if other.line == reading.line:
            aside[reading] = (f"read on a clock the document only assumed; the same line writes "
                              f"{_hm(other.value)} UTC on a named clock")
        else:
            aside[reading] = (f"read on a clock the document only assumed; line {other.line} writes the same "
                              f"time on a named clock, {_hm(other.value)} UTC")


def _first_two_values(index: dict, key: tuple, position: int, reading: Reading) -> None:
    """Under `key`, the first reading and the first whose moment differs from it: enough to
    answer "the first reading of another moment than this one" for any moment."""
    kept = index.setdefault(key, [])
    if not kept or (len(kept) == 1 and kept[0][1].value != reading.value):
        kept.append((position, reading))


def _first_other_value(kept: list[tuple[int, Reading]] | None, value: datetime) -> tuple[int, Reading] | None:
    if not kept:
        return None
    if kept[0][1].value != value:
        return kept[0]
    return kept[1] if len(kept) > 1 else None


def _posted_check(ordered: list[Reading], aside: dict[Reading, str]) -> None:
    for end in ENDS:
        stated = next((r for r in ordered if r.end == end and not r.posted and not r.agreement_only
                       and r not in aside), None)
        if stated is None:
            continue
        for reading in ordered:
            if reading.end == end and reading.posted and not reading.fixed and reading not in aside:
                aside[reading] = (f"the time a status update was posted; line {stated.line} states the "
                                  f"{'start' if end == 'started' else 'end'} itself")


def _pairs(starts: list[Reading], ends: list[Reading], duration: Duration | None) -> Iterator[tuple[Reading, Reading]]:
    """Every (start, end) with the start before the end, the start's rank first, made as
    they are asked for. A start or an end of the same moment as one before it gives only
    the pairs that one gave already, so it is passed over: a paragraph of thousands of
    ranges made millions of pairs."""
    seen_starts: set[datetime] = set()
    for start in starts:
        if start.value in seen_starts:
            continue
        seen_starts.add(start.value)
        candidates = list(ends)
        if duration is not None:
            derived = Reading("resolved", start.value + timedelta(minutes=duration.minutes), WINDOW_DURATION,
                              duration.line, duration.rank, derived=True)
            candidates = sorted([*candidates, derived], key=lambda reading: reading.rank)
        seen_ends: set[tuple] = set()
        for end in candidates:
            kind = (end.value, end.agreement_only, end.derived)
            if kind in seen_ends or end.value <= start.value:
                continue
            seen_ends.add(kind)
            yield start, end


def _agrees(pair: tuple[Reading, Reading], duration: Duration) -> bool:
    stated = timedelta(minutes=duration.minutes)
    return abs((pair[1].value - pair[0].value) - stated) <= max(_AGREEMENT_FLOOR, stated * _AGREEMENT_SHARE)


def _order_reasons(ordered: list[Reading], chosen: tuple[Reading, Reading], aside: dict[Reading, str]) -> None:
    """Readings ranked before the chosen ones, left out because they put the end
    before the start."""
    start, end = chosen
    for reading in ordered:
        if reading in aside or reading.agreement_only or reading.fixed:
            continue
        if reading.end == "started" and reading.rank < start.rank and end is not None and reading.value >= end.value:
            aside[reading] = f"it is not before the end, {_hm(end.value)} UTC (line {end.line})"
        if reading.end == "resolved" and end is not None and reading.rank < end.rank and start is not None \
                and reading.value <= start.value:
            aside[reading] = f"it is not after the start, {_hm(start.value)} UTC (line {start.line})"


def _wall(moment: datetime) -> datetime:
    """The clock time as written, whatever its zone."""
    return moment.replace(tzinfo=None)


def _hm(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M")
