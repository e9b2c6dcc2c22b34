"""The incident's window as the body states it in prose: "from 16:58 to 18:46
UTC", "Durée de l'incident : ~00:00 UTC → ~04:30 UTC", "(10:45 - 16:11 UTC)".

The patterns live in data/reading.yml (`window_lines`). Timeline and action
sections are not read here: their times are entries, not the window.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from functools import lru_cache

from ..model import Stated
from ..text import fold_same_length
from ..zones import Abbreviations
from .mentions import clock_mentions, line_date
from .sections import Body
from .structure import ListBlock, Paragraph
from .text import plain
from .vocabulary import vocabulary
from .written_time import read_written_time, zone_pattern
from .zone_context import zone_of_line

_SKIPPED = ("timeline", "actions")


@dataclass(frozen=True)
class Window:
    started: Stated
    resolved: Stated


@lru_cache(maxsize=16)
def _patterns(zone_names: tuple[str, ...]) -> tuple[tuple[re.Pattern[str], ...], re.Pattern[str], tuple[str, ...]]:
    words = vocabulary()
    zone = zone_pattern(zone_names)
    clock = rf"~?\s?\d{{1,2}}[:h]\d{{2}}(?:\s?(?:am|pm)(?![a-z]))?(?:\s?\(?{zone}\)?)?"
    named = tuple(
        re.compile(p.replace("{start}", f"(?P<start>{clock})").replace("{end}", f"(?P<end>{clock})"))
        for p in words.window_lines
    )
    bare = re.compile(rf"(?P<start>{clock})\s?(?:→|->|–|—|-|to|a)\s?(?P<end>{clock})")
    return named, bare, words.window_range_words


def _lines(body: Body) -> list[tuple[int, str]]:
    skipped: set[int] = set()
    for key in _SKIPPED:
        for section in body.sections_keyed(key):
            skipped.update(body.block_range(section.line + 1, section.end_line))
    lines: list[tuple[int, str]] = []
    for index, block in enumerate(body.blocks):
        if index in skipped:
            continue
        if isinstance(block, Paragraph):
            lines.extend(block.lines)
        elif isinstance(block, ListBlock):
            lines.extend((item.line, " ".join(item.text.split("\n"))) for item in block.items)
    if body.title is not None:
        lines.insert(0, (body.title.line, body.title.text))
    return lines


def stated_window(body: Body, zones: Abbreviations, day: date | None, tz: tzinfo) -> Window | None:
    """`started` and `resolved` from the first line that states the window, on `day`."""
    if day is None:
        return None
    named, bare, range_words = _patterns(tuple(zones.zones))
    for line, text in _lines(body):
        raw = plain(text)
        folded = fold_same_length(raw)
        if not any(ch.isdigit() for ch in folded):
            continue
        match = next((m for m in (p.search(folded) for p in named) if m), None)
        if match is None and any(word in folded for word in range_words):
            match = bare.search(folded)
        if match is None:
            continue
        start = read_written_time(match["start"], zones, whole=True)
        end = read_written_time(match["end"], zones, whole=True)
        if start is None or end is None or start.unknown or end.unknown:
            continue
        start_zone = start.zone or end.zone or tz
        end_zone = end.zone or start.zone or tz
        begin = datetime.combine(day, start.clock).replace(tzinfo=start_zone)
        finish = datetime.combine(day, end.clock).replace(tzinfo=end_zone)
        if finish < begin:
            finish += timedelta(days=1)  # "23:10 → 01:05": past midnight
        return Window(Stated(begin.astimezone(tz), raw, line), Stated(finish.astimezone(tz), raw, line))
    return None


# --- a start and an end stated apart ------------------------------------------------------


@lru_cache(maxsize=1)
def _end_word_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    words = vocabulary()

    def alternation(names: tuple[str, ...]) -> re.Pattern[str]:
        ordered = sorted(set(names), key=len, reverse=True)
        return re.compile(r"\b(?:" + "|".join(re.escape(name) for name in ordered) + r")\b")

    return alternation(words.window_start_words), alternation(words.window_end_words)


_LOOK_BACK = 80  # characters before a time where the word that says which end it is may stand
_SENTENCE_END = re.compile(r"[.;!?](?:\s|$)")


def _which_end(before: str) -> str | None:
    """"started" or "resolved" for the last window word of `before` (folded), or None."""
    starts, ends = _end_word_patterns()
    last_start = max((m.end() for m in starts.finditer(before)), default=-1)
    last_end = max((m.end() for m in ends.finditer(before)), default=-1)
    if last_start < 0 and last_end < 0:
        return None
    return "started" if last_start > last_end else "resolved"


def sentence_window(
    body: Body, zones: Abbreviations, day: date | None, tz: tzinfo
) -> tuple[Stated | None, Stated | None]:
    """The first start and the first end after it that sentences state apart
    ("Beginning around 11:20 UTC on 18 November ... resolved by 14:30 UTC")."""
    found: dict[str, Stated] = {}
    start_day: date | None = None
    for line, text in _lines(body):
        raw = plain(text)
        if not any(ch.isdigit() for ch in raw):
            continue
        folded = fold_same_length(raw)
        mentions = clock_mentions(raw, zones)
        if not mentions:
            continue
        line_zone = _line_zone(line, raw, zones)
        written = line_date(raw)
        for index, mention in enumerate(mentions):
            floor = mentions[index - 1].end if index else 0
            before = folded[max(floor, mention.start - _LOOK_BACK):mention.start]
            cut = [m.end() for m in _SENTENCE_END.finditer(before)]
            end = _which_end(before[cut[-1]:] if cut else before)
            if end is None or end in found or (end == "resolved" and "started" not in found):
                continue
            reference = start_day or day
            on = mention.day or (written.resolve(None, reference)[0] if written else None) or reference
            if on is None:
                continue
            moment = datetime.combine(on, mention.clock).replace(tzinfo=mention.zone or line_zone or tz)
            if end == "started":
                start_day = on
            elif moment < found["started"].value:
                if mention.day is None and written is None:
                    moment += timedelta(days=1)  # "23:10 ... resolved at 01:05": past midnight
                if moment < found["started"].value:
                    continue
            found[end] = Stated(moment.astimezone(tz), raw, line)
        if len(found) == 2:
            break
    return found.get("started"), found.get("resolved")


def _line_zone(line: int, text: str, zones: Abbreviations) -> tzinfo | None:
    """The zone a line names for all its times ("(all times are US/Pacific)")."""
    found, _, _ = zone_of_line([(line, text)], zones, vocabulary().timezone_lines)
    return found
