"""Stage 5 of the timeline pipeline, phases: the first entry that marks each
phase ("**OUTAGE BEGINS**", "Incident déclaré résolu", "the on-call
acknowledges at 10:17"). The phase words are data/reading.yml's `phases`.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from ...model import PHASES, TimelineEvent
from ...text import fold, fold_same_length
from ..vocabulary import vocabulary
from .mentions import clock_mentions
from .scope import UTC_ONLY
from .window import end_said_before
from .words import timeline_words


def mark_phases(events: list[TimelineEvent]) -> tuple[list[TimelineEvent], dict[str, TimelineEvent]]:
    """The events with the first row marking each phase ("**OUTAGE BEGINS**",
    "Incident déclaré résolu"...) marked, and those rows by phase."""
    marked = list(events)
    found: dict[str, TimelineEvent] = {}
    patterns = dict(vocabulary().phases)
    partial = timeline_words().partial_recovery
    partly_resolved: int | None = None  # the first entry declaring the end of part of the service
    for index, event in enumerate(marked):
        if len(found) == len(patterns):
            break
        text = fold(" ".join([event.text, *event.columns.values()]))
        first = True
        for phase in PHASES:
            if phase in found or phase not in patterns:
                continue
            if patterns[phase].search(text):
                if phase == "resolved" and partial.search(text):
                    # "most services are back": the end is the full recovery after it, if one is told.
                    partly_resolved = index if partly_resolved is None else partly_resolved
                    continue
                if first:
                    marked[index] = found[phase] = replace(event, phase=phase)
                    first = False
                else:
                    # A paragraph entry stating a second phase ("...; the on-call
                    # acknowledges at 10:17") marks it at the time it gives, if any.
                    found[phase] = replace(event, phase=phase, time=_time_inside(event, phase, text))
    if "started" not in found:
        _start_said_inside(marked, found)
    if "resolved" not in found:
        _mark_recovery(marked, found, partly_resolved)
    if "resolved" in found:
        _end_said_inside(found)
    return marked, found


def _start_said_inside(marked: list[TimelineEvent], found: dict[str, TimelineEvent]) -> None:
    """The first entry may say when the impact began, before the entry itself (a
    status page's first update, "Investigating - errors since about 10:41",
    "lenteurs depuis 10 h 15 environ"): that time is the start. It is on the clock
    the entry's own time is written on, and not after the entry."""
    timed = [event for event in marked if event.time is not None]
    if not timed:
        return
    # The earliest update, wherever it stands: a status page lists them newest first.
    first = min(timed, key=lambda event: event.time)
    moment = _said_before_entry(first, "started")
    if moment is not None:
        found["started"] = replace(first, phase="started", time=moment)


def _end_said_inside(found: dict[str, TimelineEvent]) -> None:
    """The entry that marks the end may say when the impact ended, before the entry
    itself (a status page's last update, posted later: "back to normal since
    16:40", "revenus à la normale depuis 11 h 05"): that time is the end."""
    event = found["resolved"]
    if event.time is None:
        return
    moment = _said_before_entry(event, "resolved")
    if moment is not None:
        found["resolved"] = replace(event, time=moment)


def _said_before_entry(event: TimelineEvent, end: str) -> datetime | None:
    """The time the entry's text gives for `end` ("started" or "resolved"), on the
    clock the entry's own time is written on, when it is not after the entry and
    less than 12 hours before it; None otherwise."""
    # Its words are its text and every other column but its time's ("| 14/10 18:52 |
    # Résolu | normaux depuis 18:40 |"): the message may stand in any column.
    words = " ; ".join([event.text, *(cell for cell in event.columns.values() if cell.strip() != event.raw_time.strip())])
    if not any(ch.isdigit() for ch in words):
        return None  # no time in the text: nothing to read (most entries)
    text = fold_same_length(words)
    written = clock_mentions(event.raw_time, UTC_ONLY)
    for mention in clock_mentions(text, UTC_ONLY):
        if end_said_before(text, mention.start) != end:
            continue
        if mention.zone is not None:
            on = event.time.astimezone(mention.zone)
            moment = on.replace(hour=mention.clock.hour, minute=mention.clock.minute, second=0)
        elif written:
            said, stated = written[-1].clock, mention.clock
            moment = event.time - timedelta(minutes=(said.hour * 60 + said.minute) - (stated.hour * 60 + stated.minute))
        else:
            continue
        if moment <= event.time and event.time - moment < timedelta(hours=12):
            return moment
        return None
    return None


def _mark_recovery(marked: list[TimelineEvent], found: dict[str, TimelineEvent], partly: int | None) -> None:
    """No entry declares the end: the first that says things work again after the
    start ("the resolvers answer again", "lag back under 30 s") marks it. A
    recovery of part of the service ("most regions back to normal") marks it only
    when no full recovery is told; `partly` is the first such entry declared."""
    sign = timeline_words().recovery_sign
    partial = timeline_words().partial_recovery
    start = found.get("started")
    for index, event in enumerate(marked):
        if event.phase is not None or (start is not None and event.line == start.line):
            continue
        text = fold(" ".join([event.text, *event.columns.values()]))
        if sign.search(text):
            if not partial.search(text):
                marked[index] = found["resolved"] = replace(event, phase="resolved")
                return
            partly = index if partly is None else min(partly, index)
    if partly is not None:
        marked[partly] = found["resolved"] = replace(marked[partly], phase="resolved")


def _time_inside(event: TimelineEvent, phase: str, folded: str) -> datetime | None:
    """The time written after the words that mark `phase` in the entry, on the entry's day."""
    if event.time is None:
        return None
    words = dict(vocabulary().phases)[phase].search(folded)
    after = event.text[words.end():] if words is not None and words.end() <= len(event.text) else ""
    mentions = clock_mentions(after, UTC_ONLY) if after else []
    if not mentions:
        return event.time
    inside = event.time.replace(hour=mentions[0].clock.hour, minute=mentions[0].clock.minute, second=0)
    return max(inside, event.time)
