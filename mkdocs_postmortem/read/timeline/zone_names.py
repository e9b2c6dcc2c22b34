"""The one zone resolver of the reader: the zone a piece of text names, whatever
the form and wherever the text stands (a time's zone, a table's column header,
a heading, a clock line, a zone field's value).

- an IANA name: `Europe/Paris`, `America/New_York`;
- an offset in every written form: `UTC+2`, `UTC +02:00`, `GMT-5`, `UTC−03:30`,
  `UTC+0530`;
- an abbreviation of data/zones.yml: a fixed offset as written (`CEST`, `AEDT`),
  or a region's clock that follows its daylight saving time (`ET`, `PT`); in
  free text only in capitals (`it` is no zone), and those of `capitals_only`
  (`ET`) in capitals everywhere, so that the French "et" never is one;
- a city or a region in English or French (data/timeline.yml): a phrase that says
  it is a clock (`heure de Paris`, `Paris time`, `heure suisse`, `local time in
  Tokyo`), or, in a text that is only a zone, the name alone (`Pacific`, `US
  Eastern`).

What is not a zone is None: the caller decides what an unknown name means.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta, timezone, tzinfo

from ...text import fold_same_length
from ...zones import Abbreviations, zone
from ..text import plain
from .words import city_zone, region_in_words, timeline_words


@dataclass(frozen=True)
class NamedZone:
    zone: tzinfo
    written: str  # as the text writes it
    start: int  # where it starts in the text (after markup is removed)


# Every token starts where a word starts: tried inside a long word, `[A-Za-z_]+/` would
# read the rest of the word again at every letter.
_IANA = re.compile(r"(?<![A-Za-z_])[A-Za-z_]{2,30}(?:/[A-Za-z_+-]{1,30}){1,2}")
_OFFSET = re.compile(
    r"(?<![A-Za-z0-9])(?:UTC|GMT)[ \t]?(?P<sign>[+−-])[ \t]?(?P<hours>\d{1,2})(?::?(?P<minutes>\d{2}))?(?!\d)",
    re.IGNORECASE,
)
_BARE_UTC = re.compile(r"(?<![A-Za-z0-9])(?:UTC|GMT)(?![A-Za-z0-9+−-])", re.IGNORECASE)
_CAPITALS = re.compile(r"(?<![A-Za-z])[A-Z]{2,5}(?![A-Za-z])")
# The other abbreviation of a pair, right after the first: "PST/PDT", "EST or EDT", "HNE ou HAE".
_PARTNER = re.compile(r"[ \t]{0,2}(?:/|-|or|ou)[ \t]{0,2}(?P<name>[A-Z]{2,5})(?![A-Za-z])")
_LONGEST = 160  # characters of a text read for the zone it names: longer, it says something else
_WHOLE = 48  # characters of a text that is only a zone ("US Eastern", "Heure (Europe/Paris)")
_CLOCK_SUFFIX = re.compile(r"(?:\s(?:(?:standard|daylight|summer|local)\s)?time)$")


def named_zone(text: str, zones: Abbreviations, whole: bool = False) -> NamedZone | None:
    """The first zone `text` names, or None. `whole`: the text is a zone's place (a
    time's zone, a cell or a field that holds the zone), so a lower-case abbreviation
    of the table ("10:00 pdt") and a region's name alone ("Pacific") count too."""
    text = plain(text)
    if len(text) > _LONGEST:
        return None
    found = [candidate for candidate in (_iana(text), _offset(text), _abbreviation(text, zones, whole))
             if candidate is not None]
    # Two readings from the same place: the longer says more ("GMT/BST" is London's clock, not GMT).
    first = min(found, key=lambda named: (named.start, -len(named.written))) if found else None
    # A city's phrase is the costliest to look for: only before what the other forms found.
    city = _city(text[:first.start] if first is not None else text, whole and first is None)
    return city if city is not None else first


def zone_after_time(written: str, zones: Abbreviations) -> tzinfo | None:
    """The zone of what a clock pattern took after a time ("PDT", "utc+2", "Pacific
    time", "ET"), or None."""
    table = zones.get(written.replace(" ", ""))  # the common case, a name of the table: no pattern run
    if table is not None:
        return table
    found = named_zone(written, zones, whole=True)
    return found.zone if found is not None else None


def zone_alone(text: str, zones: Abbreviations) -> NamedZone | None:
    """The zone a text is made of and nothing else ("PDT", "(UTC+1)", "Europe/Paris",
    "Pacific time"), or None: a column headed by its zone alone. Looked up whole,
    without searching: most cells it is asked about are words of a header ("Event")."""
    name = plain(text).strip().strip("()[]").strip()
    if not name or len(name) > 40:
        return None
    found = zones.get(name) if name.isalpha() and (name.isupper() or name in zones.capitals) else None
    if found is None and (_OFFSET.fullmatch(name) or _BARE_UTC.fullmatch(name)):
        found = _offset(name).zone
    if found is None and "/" in name and _IANA.fullmatch(name):
        found = zone(name)
    words = " ".join(fold_same_length(name).lower().split())
    if found is None and _CLOCK_SUFFIX.search(words):  # "Pacific time"; "Central" alone is a word of a header
        found = timeline_words().cities.get(_CLOCK_SUFFIX.sub("", words))
    return NamedZone(found, name, 0) if found is not None else None


def _iana(text: str) -> NamedZone | None:
    for match in _IANA.finditer(text):
        found = zone(match.group())
        if found is not None:
            return NamedZone(found, match.group(), match.start())
    return None


def _offset(text: str) -> NamedZone | None:
    match = _OFFSET.search(text)
    if match is not None:
        delta = timedelta(hours=int(match["hours"]), minutes=int(match["minutes"] or 0))
        if delta <= timedelta(hours=14):
            return NamedZone(timezone(-delta if match["sign"] in "-−" else delta), match.group(), match.start())
    match = _BARE_UTC.search(text)
    return NamedZone(timezone.utc, match.group(), match.start()) if match else None


def _abbreviation(text: str, zones: Abbreviations, whole: bool) -> NamedZone | None:
    for match in _CAPITALS.finditer(text):
        found = zones.get(match.group())
        if found is not None:
            partner = _PARTNER.match(text, match.end())
            region = zones.pair(match.group(), partner["name"]) if partner is not None else None
            if region is not None:  # "PST/PDT": the region's clock, whichever is in force that day
                return NamedZone(region, text[match.start():partner.end()], match.start())
            return NamedZone(found, match.group(), match.start())
    if whole:
        # Right after a time or alone in its cell, the table's names need no capitals ("10:00 pdt").
        name = text.strip().strip("()[]").strip()
        if name.isalpha() and name.upper() in zones.zones:
            return NamedZone(zones.zones[name.upper()], name, text.find(name))
    return None


def _city(text: str, whole: bool) -> NamedZone | None:
    named = city_zone(text)
    if named is not None:
        return NamedZone(named[0], named[1], named[2])
    if not whole or len(text) > _WHOLE:
        return None
    words = " ".join(fold_same_length(text).lower().split())
    bare = _CLOCK_SUFFIX.sub("", words)
    cities = timeline_words().cities
    if bare in cities:  # "Pacific", "Eastern Time"
        return NamedZone(cities[bare], text.strip(), 0)
    named = region_in_words(text)  # "US Eastern", "Fuseau : Paris"
    return NamedZone(named[0], named[1], named[2]) if named is not None else None
