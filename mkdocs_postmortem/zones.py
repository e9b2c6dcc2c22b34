"""Time zones: IANA names, the fixed offsets authors write in headers
(`Heure (UTC+2)`, `all times UTC`), and abbreviations (`PDT`, `CET`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .text import load_data

_OFFSET = re.compile(r"^(?:UTC|GMT)\s*(?:([+-−])\s*(\d{1,2})(?::?(\d{2}))?)?$", re.IGNORECASE)


@lru_cache(maxsize=256)
def zone(name: str) -> tzinfo | None:
    """The tzinfo for an IANA name or a fixed offset such as `UTC+2`; None if unknown."""
    name = (name or "").strip()
    if not name:
        return None
    match = _OFFSET.match(name)
    if match:
        sign, hours, minutes = match.groups()
        if sign is None:
            return timezone.utc
        delta = timedelta(hours=int(hours), minutes=int(minutes or 0))
        if delta > timedelta(hours=14):
            return None
        return timezone(-delta if sign in "-−" else delta)
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def check_timezone_name(name: str) -> str | None:
    """A message saying what is wrong with a zone name, or None when it is usable."""
    if zone(name) is None:
        return (
            f"{name!r} is not a time zone; use an IANA name such as Europe/Paris "
            "or America/New_York, or UTC"
        )
    return None


def zone_label(tz: tzinfo, at: datetime | None = None) -> str:
    """A short human label: the IANA key when there is one, else `UTC+02:00`."""
    key = getattr(tz, "key", None)
    if key:
        return key
    offset = tz.utcoffset(at)
    if not offset:
        return "UTC"
    total = int(offset.total_seconds() // 60)
    sign = "+" if total >= 0 else "-"
    total = abs(total)
    return f"UTC{sign}{total // 60:02d}:{total % 60:02d}"


# Instants the plugin places, converts and charts. Far wider than any incident
# archive, and far enough inside datetime's own limits (years 1 to 9999) that
# converting between zones or adding a day of roll-over can never overflow.
EARLIEST = datetime(1900, 1, 1, tzinfo=timezone.utc)
LATEST = datetime(2200, 1, 1, tzinfo=timezone.utc)


class OutOfRange(ValueError):
    """A date and time that cannot be an incident's: the reader reports it (PM003)."""


def checked_instant(moment: datetime) -> datetime:
    """`moment` (aware) when it is an instant between 1900 and 2199; raises OutOfRange otherwise.

    `9999-12-31 23:00` in New York is a valid wall time whose UTC instant does
    not exist in Python: every comparison or subtraction with it raises.
    """
    try:
        instant = moment.astimezone(timezone.utc)
    except (OverflowError, ValueError):
        raise OutOfRange(_range_message(moment)) from None
    if not EARLIEST <= instant < LATEST:
        raise OutOfRange(_range_message(moment))
    return moment


def _range_message(moment: datetime) -> str:
    return (
        f"{moment.replace(tzinfo=None).isoformat(sep=' ', timespec='minutes')} in {zone_label(moment.tzinfo)} "
        f"is outside the years {EARLIEST.year} to {LATEST.year - 1}; check the year"
    )


@dataclass(frozen=True)
class Abbreviations:
    """Zone abbreviations ("PDT", "CET") read as the fixed offsets they name."""

    zones: dict[str, tzinfo]  # upper-case abbreviation -> fixed-offset zone
    # Abbreviations that name several zones, read as the first listed because
    # the site chose none: abbreviation -> what it was read as.
    guessed: dict[str, str]
    # Zones only as written in capitals ("ET"; "et" is French): kept out of `zones`, whose
    # names the clock patterns match on text folded to lower case.
    capitals: dict[str, tzinfo] = field(default_factory=dict)
    # A region's standard and summer abbreviations, written together ("PST/PDT"): its clock.
    pairs: dict[frozenset[str], tzinfo] = field(default_factory=dict)

    def pair(self, first: str, second: str) -> tzinfo | None:
        """The region's clock two abbreviations name together, or None."""
        return self.pairs.get(frozenset((first.upper(), second.upper())))

    def of_region(self, region: tzinfo, written: str) -> bool:
        """Whether `written` ("EDT") is one of the two abbreviations data/zones.yml pairs with
        `region`'s clock (America/New_York): the same clock written two ways."""
        key = getattr(region, "key", None)
        name = written.strip().upper()
        return key is not None and any(
            name in names and getattr(found, "key", None) == key for names, found in self.pairs.items())

    def get(self, name: str) -> tzinfo | None:
        written = name.strip()
        name = written.upper()
        return self.zones.get(name) or self.capitals.get(written) or (zone(name) if _OFFSET.match(name) else None)


def offset_zone(offset: str) -> tzinfo | None:
    """The fixed zone of "+05:30", "-8" or "UTC+2"; None otherwise."""
    text = str(offset).strip().replace("−", "-")
    if text[:1] in "+-":
        text = "UTC" + text
    return zone(text) if _OFFSET.match(text) else None


@lru_cache(maxsize=32)
def abbreviations(chosen: tuple[tuple[str, str], ...] = ()) -> Abbreviations:
    """The package's table (data/zones.yml), with the site's readings of ambiguous ones."""
    data = load_data("zones.yml")
    zones: dict[str, tzinfo] = {}
    guessed: dict[str, str] = {}
    for name, offset in data["abbreviations"].items():
        # A region's clock ("PT: America/Los_Angeles") keeps its daylight saving time.
        zones[str(name).upper()] = offset_zone(offset) or zone(str(offset))
    for name, readings in data["ambiguous"].items():
        first = readings[0]
        zones[str(name).upper()] = offset_zone(first["offset"])
        guessed[str(name).upper()] = f"UTC{first['offset']} ({first['name']})"
    capitals = {str(name): zone(str(value)) for name, value in (data.get("capitals_only") or {}).items()}
    for name, offset in chosen:
        found = offset_zone(offset)
        if found is not None:
            zones[name.upper()] = found
            guessed.pop(name.upper(), None)
    pairs = {frozenset(str(name).upper() for name in names): zone(str(region))
             for region, names in (data.get("pairs") or {}).items()}
    return Abbreviations(zones, guessed, {name: found for name, found in capitals.items() if found is not None},
                         {names: found for names, found in pairs.items() if found is not None and len(names) == 2})
