"""Zone evidence by scope: the zone a table's header, a heading or a clock line
names, with the lines it governs. An unlabelled time is on the zone of the
narrowest scope that holds it; the document's own zone (front matter, a zone
field, the one zone its times are written with) is the widest, read apart
(scope.document_zone). Every name is read by the one resolver (zone_names).

- a table's header governs its rows: `| Time (ET) |`, `| Heure (UTC+2) |`, `| PDT |`;
- a heading governs its section: `### Phase 1 (Monday 19 January 2026, AEDT)`,
  `## Timeline (times in PDT)`, `### Mardi 10 mars, heure de Paris`;
- a clock line governs the section it stands in (scope.zone_of_line):
  `All times PDT.`, `Heures locales (Europe/Paris).`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import tzinfo

from ...zones import Abbreviations
from ..sections import Body
from ..structure import Table
from ..text import plain
from ..vocabulary import vocabulary
from .zone_names import named_zone, zone_alone

TABLE_HEADER, HEADING, CLOCK_LINE = "table header", "heading", "clock line"


@dataclass(frozen=True)
class ZoneEvidence:
    zone: tzinfo | None  # None: a name no table knows (a warning, never a silent UTC)
    written: str
    line: int  # where it is written
    scope: str  # TABLE_HEADER, HEADING or CLOCK_LINE


# A time word in a header cell, in any language the vocabulary's columns know, or these.
_TIME_WORD = re.compile(r"(?i)time|heure|date|when|quand|horaire|clock")
# An upper-case name in brackets or ending a time cell: "Time (XYZ)", "Date and Time in XYZ".
_UNKNOWN_NAME = re.compile(r"(?:\(\s{0,3}|\bin\s{1,3})([A-Z]{2,5})\s{0,3}\)?\s{0,3}$")


def table_header_zone(table: Table, zones: Abbreviations) -> ZoneEvidence | None:
    """The zone a table's header names for its times: a time column's header ("Time
    (ET)", "Heure (heure de Paris)", "Date and Time in PST") or a column headed by its
    zone alone ("| PDT | Event |", "| UTC+1 | Fait |")."""
    unknown = None
    words = vocabulary()
    for cell in table.header:
        text = plain(cell)
        timed = words.column_role(cell, ("time",)) or _TIME_WORD.search(text)
        if timed and text.strip().isalpha():
            continue  # "Time", "Heure": a time word alone names no zone
        found = named_zone(text, zones, whole=True) if timed else zone_alone(text, zones)
        if found is not None:
            return ZoneEvidence(found.zone, found.written, table.line, TABLE_HEADER)
        name = _UNKNOWN_NAME.search(text) if timed else None
        if name and unknown is None:
            unknown = ZoneEvidence(None, name.group(1), table.line, TABLE_HEADER)
    return unknown


# Before a name in a heading, when it is not inside brackets: a comma, a dash or "in"/"en"
# ("Night shift, NZDT", "Timeline in PDT"): an aside that gives the clock, not a word of the
# title ("CET migration").
_ASIDE_BEFORE = re.compile(r"(?:[(\[,;–—-]|\b(?:in|en))\s{0,3}$", re.IGNORECASE)


def heading_zone(text: str, zones: Abbreviations) -> ZoneEvidence | None:
    """The zone a heading names for what it holds, or None."""
    flat = plain(text)
    found = named_zone(flat, zones)
    if found is None:
        return None
    spelled = found.written[:1].isalpha() and found.written.isupper()
    before = flat[:found.start]
    inside_brackets = before.rfind("(") > before.rfind(")")  # "(all times UTC)"
    if spelled and not inside_brackets and not _ASIDE_BEFORE.search(before[-12:]):
        return None
    return ZoneEvidence(found.zone, found.written, 0, HEADING)


def heading_zones(body: Body, zones: Abbreviations) -> list[tuple[int, int, int, ZoneEvidence]]:
    """(first line, last line, level, evidence) of each heading that names a zone for its section."""
    # Kept with the zones they were read with (an id alone can be reused once its object is gone).
    held = body.walks.get("heading_zones")
    if held is None or held[0] is not zones:
        held = body.walks["heading_zones"] = (zones, _heading_zones(body, zones))
    return held[1]


def _heading_zones(body: Body, zones: Abbreviations) -> list[tuple[int, int, int, ZoneEvidence]]:
    found = []
    for section in body.sections:
        if section.labelled:
            continue
        evidence = heading_zone(section.title, zones)
        if evidence is not None:
            found.append((section.line, section.end_line, section.level,
                          ZoneEvidence(evidence.zone, evidence.written, section.line, HEADING)))
    return found


def narrowest(scopes: list[tuple[int, int, int, ZoneEvidence]], line: int) -> ZoneEvidence | None:
    """The evidence of the narrowest of `scopes` that holds `line`."""
    holding = [(level, evidence) for first, last, level, evidence in scopes if first <= line <= last]
    return max(holding, key=lambda pair: pair[0])[1] if holding else None


def enclosing_heading_zone(body: Body, line: int, zones: Abbreviations) -> ZoneEvidence | None:
    """The zone of the narrowest heading whose section holds `line` and names one."""
    return narrowest(heading_zones(body, zones), line)
