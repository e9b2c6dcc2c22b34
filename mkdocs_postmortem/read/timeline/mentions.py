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
    zone = zone_pattern(zone_names)
    return re.compile(
        r"(?<![\d:/.-])"
        r"(?:(?P<iso>\d{4}-\d{2}-\d{2})[ t])?"
        # French typography spaces the h ("14 h 15"); a colon takes no blank after it.
        # A twelve-hour clock may write its minutes after a dot ("7.34pm") or none ("3pm").
        rf"(?:(?P<h>\d{{1,2}})(?:(?:\s?:|\s?h\s?)(?P<m>\d{{2}})(?::\d{{2}})?(?![\d])"
        r"|(?:\.(?P<m12>\d{2}))?(?=\s?(?:a\.m\.|p\.m\.|am|pm)(?![a-z]))"
        # A French hour without minutes: "à 5 h du matin", "vers 15h" (not "48 heures").
        r"|\s?h(?![\w]))"
        # Four digits with no colon ("around 0520 UTC"): a time only with the zone after it.
        rf"|(?P<h4>[01]\d|2[0-3])(?P<m4>[0-5]\d)(?=\s?\(?(?:{zone}|z(?![a-z]))))"
        r"(?:\s?(?P<ampm>a\.m\.|p\.m\.|am|pm)(?![a-z]))?"
        rf"(?:\s?\(?(?P<zone>{zone}|z(?![a-z]))\)?)?"
    )


# A zone written only in capitals right after a time, in the text as written ("11:50PM ET").
_CAPITALS_AFTER = re.compile(r"[ \t]?\(?(?P<name>[A-Z]{2,5})\)?(?![A-Za-z])")


def clock_mentions(text: str, zones: Abbreviations) -> list[Mention]:
    """Every time the line states, in order."""
    folded = fold_same_length(text)
    found: list[Mention] = []
    for match in _mention_regex(tuple(zones.zones)).finditer(folded):
        clock = _clock(match)
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
        found.append(Mention(match.start(), end, clock, day, zone, zone_text))
    return found


def _a_duration(folded: str, match: re.Match[str]) -> bool:
    """"pendant 1 h 25", "for 1h25": hours and minutes after a word of duration are
    how long something lasted, not a time of day."""
    if match["h4"] or match["m"] is not None and ":" in folded[match.start("h"):match.start("m")]:
        return False
    if match["m"] is None and "h" not in folded[match.end("h"):match.end()]:
        return False  # "3pm", "7.34pm": a time of day
    before = folded[max(0, match.start() - 16):match.start()].rstrip(" :(")
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


def _clock(match: re.Match[str]) -> time | None:
    if match["h4"]:
        return time(int(match["h4"]), int(match["m4"]))
    hour, minute = int(match["h"]), int(match["m"] or match["m12"] or 0)
    ampm = (match["ampm"] or "").replace(".", "")
    if ampm and 1 <= hour <= 12:
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)
