"""Stage 2 of the timeline pipeline, temporal mentions: the times a line of prose states, wherever they stand in
it ("Beginning around 11:20 UTC on 18 November", "began at 2025-03-28 23:29",
"halted at 3:40 PM Z", "rétabli à 10h05"), each with the zone written after
it and the date written on the same line.

This is the clock reader of the reader's prose stages (the window stated in
a sentence): one pattern, built once per set of zone names, matched on text
folded to lower case without accents, character for character, so that
positions found there are positions in the original. The words that say
which end of the window a time is (began, resolved, a débuté, rétabli...)
live in data/reading.yml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time, tzinfo
from functools import lru_cache

from ...text import fold_same_length
from ...zones import Abbreviations
from .clock import WrittenDate, find_written_date, zone_pattern
from .times import clock_fragment, clock_of, clock_start
from .words import timeline_words
from .zone_names import zone_after_time


@dataclass(frozen=True)
class Mention:
    start: int  # where the mention starts in the line
    end: int
    clock: time
    day: date | None  # a date written with the time ("2025-03-28 23:29")
    zone: tzinfo | None
    zone_text: str | None


@lru_cache(maxsize=16)
def _mention_regex(zone_names: tuple[str, ...]) -> re.Pattern[str]:
    # A date written before the time ("began at 2025-03-28 23:29") is that time's.
    return re.compile(r"(?:(?<![\d:/.-])(?P<iso>\d{4}-\d{2}-\d{2})[ t])?" + clock_fragment(zone_pattern(zone_names)))


# A zone written only in capitals right after a time, in the text as written ("11:50PM ET").
_CAPITALS_AFTER = re.compile(r"[ \t]?\(?(?P<name>[A-Z]{2,5})\)?(?![A-Za-z])")


def clock_mentions(text: str, zones: Abbreviations) -> list[Mention]:
    """Every time the line states, in order."""
    folded = fold_same_length(text)
    found: list[Mention] = []
    for match in _mention_regex(tuple(zones.zones)).finditer(folded):
        clock = clock_of(match, text)
        if clock is None or _a_duration(folded, match):
            continue
        # As written, not folded: some names are zones only in capitals ("11:50PM ET").
        zone_text = text[match.start("zone"):match.end("zone")] if match["zone"] else None
        zone = zone_after_time(zone_text, zones) if zone_text else None
        end = match.end()
        if zone_text is None and zones.capitals:
            capitals = _CAPITALS_AFTER.match(text, end)
            zone = zones.capitals.get(capitals["name"]) if capitals else None
            if zone is not None:
                zone_text, end = capitals["name"], capitals.end()
        day = date.fromisoformat(match["iso"]) if match["iso"] and _valid_iso(match["iso"]) else None
        start = match.start("iso") if match["iso"] else clock_start(match)
        found.append(Mention(start, end, clock, day, zone, zone_text))
    return _one_moment_on_two_clocks(text, found)


# What may stand between a time and the same moment on another clock in brackets after it:
# "22h00 locales (18h00 GMT)", "9:40 local time (07:40 UTC)", "6am on Saturday 14 March in
# Melbourne (7pm 13 March UTC, ...)": words and a date, no bracket, no end of sentence.
_TO_ITS_EQUIVALENT = re.compile(r"[^()\n.;]{0,80}\(\s?")


def _one_moment_on_two_clocks(text: str, found: list[Mention]) -> list[Mention]:
    """A time and the same moment written on another clock in brackets right after it are
    one mention: the one whose zone is written (the first where both are), so that
    "22h00 locales (18h00 GMT)" is 18:00 GMT. Two times none of which writes its zone may
    be two moments ("10:00 (10:05 for the second region)"): both are kept."""
    kept: list[Mention] = []
    for mention in found:
        before = kept[-1] if kept else None
        if before is not None and (before.zone is not None or mention.zone is not None) and \
                not _on_one_clock(before, mention) and _TO_ITS_EQUIVALENT.fullmatch(text, before.end, mention.start):
            if mention.zone is not None and before.zone is None:
                kept[-1] = mention
            continue
        kept.append(mention)
    return kept


def _on_one_clock(first: Mention, second: Mention) -> bool:
    """Both zones written, and the same: two moments ("began at 09:00 UTC and ended once we
    rolled back (10:30 UTC)"), not one moment on two clocks."""
    return first.zone is not None and first.zone == second.zone


def _a_duration(folded: str, match: re.Match[str]) -> bool:
    """"pendant 1 h 25", "for 1h25": hours and minutes after a word of duration are
    how long something lasted, not a time of day."""
    if match["h"] is None:
        return False  # four digits, a dotted time, a named time: a time of day
    if match["m"] is not None and ":" in folded[match.start("h"):match.start("m")]:
        return False
    if match["m"] is None and "h" not in folded[match.end("h"):match.end()]:
        return False  # "3pm", "7.34pm": a time of day
    start = clock_start(match)
    before = folded[max(0, start - 16):start].rstrip(" :(")
    said = timeline_words().duration_word.search(before)
    return said is not None and said.end() == len(before)


def line_date(text: str) -> WrittenDate | None:
    """The date a line of prose states ("on 18 November 2025", "le 14 mars 2025")."""
    return find_written_date(text)


def _valid_iso(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True
