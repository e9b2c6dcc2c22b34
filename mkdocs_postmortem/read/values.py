"""Reading single values as authors write them: dates in ISO or French or
English words, times of day, durations, severities, statuses.

Every function returns None when the text is not such a value; deciding
whether that is a problem is left to the caller, who knows the field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, tzinfo
from functools import lru_cache

from ..settings import Settings
from ..text import fold, strip_accents
from ..zones import checked_instant, zone
from .levels import joined_level
from .text import plain
from .vocabulary import vocabulary


def simplify(text: str) -> str:
    """Lower case, no accents, single spaces; punctuation kept (unlike fold)."""
    return " ".join(strip_accents(plain(text).lower()).split())


# --- dates and times --------------------------------------------------------

_ZONE = r"(?P<zone>z|utc|gmt|(?:utc|gmt)?\s?[+−-]\d{1,2}(?::?\d{2})?|[a-z_]+/[a-z_]+(?:/[a-z_]+)?)"
_TIME = (
    r"(?P<hour>\d{1,2})\s?(?:[:h]\s?(?P<minute>\d{2})?(?::(?P<second>\d{2})(?:\.\d+)?)?)"
    r"\s?(?:(?P<ampm>am|pm)(?![a-z]))?"
)
_TIME_ONLY = re.compile(rf"^(?:{_TIME})(?:\s?\(?{_ZONE}\)?)?$")
_WEEKDAYS = (
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
)
_DATE_FORMS = (
    # 2026-03-04, 2026/03/04
    r"(?P<y1>\d{4})[-/.](?P<m1>\d{1,2})[-/.](?P<d1>\d{1,2})",
    # 04/03/2026, 04.03.26, 22/02 (year from the incident)
    r"(?P<d2>\d{1,2})[/.](?P<m2>\d{1,2})(?:[/.](?P<y2>\d{4}|\d{2}))?",
    r"(?P<d4>\d{1,2})-(?P<m4>\d{1,2})-(?P<y4>\d{4})",
    # 15 février 2024, 1er mars, 15 Mar. 2026
    r"(?P<d3>\d{1,2})(?:er|st|nd|rd|th)?\s(?P<mn3>[a-z]+)\.?(?:\s(?P<y3>\d{4}))?",
    # March 15, 2026
    r"(?P<mn5>[a-z]+)\.?\s(?P<d5>\d{1,2})(?:st|nd|rd|th)?,?\s(?P<y5>\d{4})",
)
_MOMENT = re.compile(
    rf"^(?:{_WEEKDAYS},?\s)?(?:{'|'.join(_DATE_FORMS)})"
    rf"(?:(?:\s?[t,]\s?|\s(?:a|at|@|-)\s|\s)(?:{_TIME})(?:\s?\(?{_ZONE}\)?)?)?"
    r"\s?(?:\(.*\))?[.]?$"
)


@dataclass(frozen=True)
class Moment:
    """A date as written, with the time of day and zone when the text had them."""

    day: date
    clock: time | None = None
    tz: tzinfo | None = None

    def at(self, default_tz: tzinfo) -> datetime | None:
        """The aware datetime, or None without a time of day; raises OutOfRange
        for an instant no zone conversion can hold (zones.checked_instant)."""
        if self.clock is None:
            return None
        moment = datetime.combine(self.day, self.clock)
        if self.tz is not None:
            return checked_instant(moment.replace(tzinfo=self.tz)).astimezone(default_tz)
        return checked_instant(moment.replace(tzinfo=default_tz))


def read_moment(text: str, reference: date | None = None) -> Moment | None:
    """A date, optionally with a time of day and a zone.

    `reference` (the incident date) gives the year to dates written without
    one ("22/02"): that year, or the next when the date would fall before the
    incident. Without a reference such dates are unreadable.
    """
    raw = plain(str(text)).strip()
    if not raw or len(raw) > 80:
        return None
    try:
        parsed = datetime.fromisoformat(raw.replace("Z", "+00:00") if raw.endswith("Z") else raw)
    except ValueError:
        parsed = None
    if parsed is not None:
        if len(raw) <= 10:
            return Moment(parsed.date())
        return Moment(parsed.date(), parsed.time().replace(tzinfo=None), parsed.tzinfo)
    match = _MOMENT.match(simplify(raw))
    if not match:
        return None
    day = _day_of(match.groupdict(), reference)
    if day is None:
        return None
    clock = _clock_of(match.groupdict())
    if match["hour"] is not None and clock is None:
        return None
    tz = _zone_of(match["zone"]) if match["zone"] else None
    if match["zone"] and tz is None:
        return None
    return Moment(day, clock, tz)


def _day_of(groups: dict[str, str | None], reference: date | None) -> date | None:
    months = vocabulary().months
    for d, m, y, named in (
        ("d1", "m1", "y1", False),
        ("d2", "m2", "y2", False),
        ("d4", "m4", "y4", False),
        ("d3", "mn3", "y3", True),
        ("d5", "mn5", "y5", True),
    ):
        if groups.get(d) is None:
            continue
        month = months.get(groups[m] or "") if named else int(groups[m] or 0)
        if not month:
            return None
        year_text = groups.get(y)
        try:
            if year_text:
                year = int(year_text)
                return date(year + 2000 if year < 100 else year, month, int(groups[d] or 0))
            if reference is None:
                return None
            found = date(reference.year, month, int(groups[d] or 0))
            if found < reference:
                found = date(reference.year + 1, month, int(groups[d] or 0))
            return found
        except ValueError:
            return None
    return None


def _clock_of(groups: dict[str, str | None]) -> time | None:
    if groups.get("hour") is None:
        return None
    hour = int(groups["hour"] or 0)
    minute = int(groups["minute"] or 0)
    second = int(groups["second"] or 0)
    ampm = groups.get("ampm")
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    try:
        return time(hour, minute, second)
    except ValueError:
        return None


def _zone_of(text: str) -> tzinfo | None:
    text = text.strip().replace("−", "-")
    if text in ("z", "utc", "gmt"):
        return zone("UTC")
    if text[0] in "+-":
        return zone("UTC" + text)
    if "/" in text:  # an IANA name, folded to lower case above: restore its capitals
        return zone("/".join(part.title() if len(part) > 3 else part.upper() for part in text.split("/")))
    return zone(text.upper())


def read_clock(text: str) -> tuple[time, tzinfo | None] | None:
    """A time of day such as `14:23`, `14h32`, `**14:23**`, `2:05 pm UTC`."""
    match = _TIME_ONLY.match(simplify(text))
    if not match:
        return None
    clock = _clock_of(match.groupdict())
    if clock is None or (match["minute"] is None and match["ampm"] is None and "h" not in match[0]):
        return None
    tz = _zone_of(match["zone"]) if match["zone"] else None
    if match["zone"] and tz is None:
        return None
    return clock, tz


def read_date(text: str, reference: date | None = None) -> date | None:
    moment = read_moment(text, reference)
    return moment.day if moment else None


# --- durations --------------------------------------------------------------

_DURATION_PART = re.compile(r"(\d+(?:[.,]\d+)?)\s?([a-z]+)?")
_CLOCK_DURATION = re.compile(r"^(\d{1,3}):(\d{2})$")
_UNIT_MINUTES = {"minutes": 1.0, "hours": 60.0, "days": 1440.0, "seconds": 1 / 60}


def read_duration(text: str) -> float | None:
    """Minutes in "47 minutes", "1h30", "2 heures 15 minutes", "~45 min", "1:20"."""
    value = simplify(text).lstrip("~≈<>= ").replace("environ ", "").replace("about ", "")
    clock = _CLOCK_DURATION.match(value)
    if clock:
        return int(clock[1]) * 60.0 + int(clock[2])
    units = vocabulary().duration_units
    total = 0.0
    position = 0
    previous_unit = None
    found = False
    while position < len(value):
        match = _DURATION_PART.match(value, position)
        if not match:
            break
        number = float(match[1].replace(",", "."))
        unit = units.get(match[2] or "")
        if unit is None:
            if match[2] is None and previous_unit == "hours":
                unit = "minutes"  # "1h30": the minutes after the hours
            else:
                break
        total += number * _UNIT_MINUTES[unit]
        previous_unit = unit
        found = True
        position = match.end()
        rest = value[position:].lstrip()
        for joiner in ("et ", "and ", ", "):
            if rest.startswith(joiner):
                rest = rest[len(joiner):]
        position = len(value) - len(rest)
        if not rest or rest.startswith("("):
            return round(total, 4) if found else None
    if found and position >= len(value):
        return round(total, 4)
    return None


# --- severities and statuses ------------------------------------------------


@lru_cache(maxsize=32)
def _severity_index(settings: Settings) -> dict[str, str]:
    index = {fold(alias): level for alias, level in settings.severity_aliases.items() if level in settings.severities}
    index.update({fold(level): level for level in settings.severities})
    return index


_CHOICES = re.compile(r"[|/]")
# Where a qualifier starts after a level or a status: "P2 (Major)", "Draft - v2",
# "P1, customer-facing", "P2. Major outage". The JSON Schema's patterns use it too.
QUALIFIER_START = r"\(|\s[-–—:]\s|,|\.\s"
# Leading blanks are taken only where their run starts, and the rest is taken whole (the values
# read are one line): from every blank of a run, or every "(" of a line, the pattern read on.
_QUALIFIER = re.compile(rf"(?:(?<!\s)\s*)?(?:{QUALIFIER_START})(?s:.*)")


def read_severity(text: object, settings: Settings) -> str | None:
    """The canonical level of "P1", "sev-1", "Critique", "P2 (Major)"; None otherwise.

    "P1/P2/P3" or "Critique | Majeur" are a template's choices, not a level.
    """
    raw = plain(str(text)).strip()
    if not raw or _CHOICES.search(raw):
        return None
    index = _severity_index(settings)
    for candidate in (raw, _QUALIFIER.sub("", raw)):
        level = index.get(fold(candidate))
        if level:
            return level
    # In other words: "S2", "niveau 3", "S2-Major", "Level 1 (critical)".
    return joined_level(raw, index.get)


def read_document_status(text: object) -> str | None:
    raw = plain(str(text)).strip()
    if not raw or _CHOICES.search(raw):
        return None
    statuses = vocabulary().document_statuses
    return statuses.get(fold(raw)) or statuses.get(fold(_QUALIFIER.sub("", raw)))


def read_action_status(text: str) -> str | None:
    """open / in-progress / done / wont-do for "✅ Fait", "En cours", "Won't do"; None if unknown."""
    folded = fold(text)
    statuses = vocabulary().action_statuses
    if folded in statuses:
        return statuses[folded]
    words = folded.split()
    for size in (3, 2, 1):  # "Fait (PR #12)", "Done - merged"
        if len(words) > size and " ".join(words[:size]) in statuses:
            return statuses[" ".join(words[:size])]
    return None
