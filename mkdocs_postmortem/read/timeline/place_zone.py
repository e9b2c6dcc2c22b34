"""The clock of a document that states no zone, from the place it is about: a
bulletin of "Université Rhône-Alpes Sud" that writes "vers 11 h 20", a report
titled "Montréal data centre outage" that writes "at 9:15", is read as an SRE
reads it, on that place's clock (data/places.yml: only places with one zone).

Only the title and the text before the first section say where the incident
is: a place named further down, the summary included ("a customer in Tokyo
noticed it first"), may be an aside, not the clock of the whole document. Places of two different zones in that opening leave the clock
alone: neither says which one the bare times are on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import tzinfo
from functools import lru_cache

from ...text import fold_same_length, load_data
from ...zones import zone


@dataclass(frozen=True)
class PlaceZone:
    zone: tzinfo
    written: str  # the place as the text writes it
    line: int


@dataclass(frozen=True)
class _Places:
    pattern: re.Pattern[str]
    zones: dict[str, tzinfo]


@lru_cache(maxsize=1)
def _places() -> _Places:
    zones: dict[str, tzinfo] = {}
    for name, places in load_data("places.yml").items():
        found = zone(name)
        if found is not None:
            zones.update({" ".join(place.split()): found for place in places})
    # Fixed names, longest first, each word one to three blanks apart: one alternation, linear.
    names = sorted(zones, key=len, reverse=True)
    words = "|".join(r"\s{1,3}".join(re.escape(word) for word in name.split()) for name in names)
    return _Places(re.compile(rf"(?<![a-z0-9])(?:{words})(?![a-z0-9])"), zones)


def _spaced(text: str) -> str:
    """Lower case without accents, punctuation as blanks, one character for one
    ("Rhône-Alpes" is "rhone alpes", "Nouméa," is "noumea ")."""
    return "".join(ch if ch.isalnum() else " " for ch in fold_same_length(text))


def place_zone(lines: list[tuple[int, str]]) -> PlaceZone | None:
    """The zone of the places `lines` (the title and the opening) name, when they all
    name one zone; else None."""
    places = _places()
    found: PlaceZone | None = None
    for line, text in lines:
        spaced = _spaced(text)
        for match in places.pattern.finditer(spaced):
            named = places.zones[" ".join(match.group().split())]
            if found is None:
                found = PlaceZone(named, text[match.start():match.end()], line)
            elif _key(named) != _key(found.zone):
                return None
    return found


def _key(found: tzinfo) -> object:
    return getattr(found, "key", None) or found
