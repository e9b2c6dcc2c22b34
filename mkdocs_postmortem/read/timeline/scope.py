"""Stage 3 of the timeline pipeline, scoped context: the one zone resolver of the reader, which clock a time is on, from what
the file writes around it. A zone written on the entry itself is read by the
entry readers (clock, mentions); this module reads the zone a wider
scope names for all the times it holds:

- a time column's header: "Time (CET)", "Heure (UTC+2)", "Date and Time in
  PST", "Heure (Europe/Paris)";
- a line or heading: "All times PDT.", "*Toutes les heures en UTC*",
  "## Timeline (times in PDT)", "(all times are US/Pacific)" (the patterns are
  data/reading.yml's `timezone_lines`), or a zone named by a city: "## Déroulé
  (heure de Paris)", "Paris time" (data/timeline.yml).

Abbreviations are read through the site's table (zones.abbreviations); an
ambiguous one read as its first meaning leaves a note, and one no table knows
is a warning, never a silent UTC.
"""

from __future__ import annotations

import re
from datetime import timedelta, timezone, tzinfo

from ...model import Note, ProblemKind, ReadProblem
from ...zones import Abbreviations, zone, zone_label
from ..text import plain
from ..vocabulary import vocabulary
from .mentions import clock_mentions
from .words import city_zone, region_in_words

# Zone names read without the site's table of abbreviations.
UTC_ONLY = Abbreviations({"UTC": timezone.utc, "GMT": timezone.utc, "Z": timezone.utc}, {})

_HEADER_ZONE = re.compile(
    r"\(\s*((?:UTC|GMT)\s*(?:[+−-]\s*\d{1,2}(?::?\d{2})?)?|[A-Za-z_]+/[A-Za-z_/+-]+)\s*\)", re.IGNORECASE
)


def guessed_zone_notes(line: int, text: str | None, zones: Abbreviations) -> list[Note]:
    """A note for an ambiguous abbreviation (IST, CST, BST) read as its first meaning."""
    name = (text or "").strip().upper()
    if name in zones.guessed:
        return [
            Note(line, f"{name} read as {zones.guessed[name]}; set `zone_abbreviations: {{{name}: ...}}` "
                 "in mkdocs.yml for another reading")
        ]
    return []


_OFFSET_NAME = re.compile(r"^(?:UTC|GMT)\s?[+−-]\s?\d{1,2}(?::?\d{2})?$", re.IGNORECASE)
_ZONE_WORD = re.compile(r"\b(?:in\s+)?\(?([A-Z]{2,5}|(?:UTC|GMT)\s?[+−-]\s?\d{1,2}(?::?\d{2})?)\)?\s*$")


def header_zone(header: list[str], zones: Abbreviations) -> tuple[tzinfo | None, str | None]:
    """The zone a time column's header names ("Time (CET)", "Heure (UTC+2)",
    "Heure (Europe/Paris)", "Date and Time in PST"): (zone, as written), or
    (None, the name) for an abbreviation no table knows."""
    unknown = None
    words = vocabulary()
    for cell in header:
        named = city_zone(cell) if words.column_role(cell, ("time",)) else None
        if named is not None:  # "Heure (heure de Paris)", "Time (London time)"
            return named[0], named[1]
        if words.column_role(cell, ("time",)):
            named = _HEADER_ZONE.search(cell)
            if named:
                written = named.group(1)
                found = zone(written.replace(" ", "").upper() if "/" not in written else written)
                if found is not None:
                    return found, written
    for cell in header:
        match = _ZONE_WORD.search(plain(cell))
        if match and re.search(r"(?i)time|heure|date|when|quand", cell):
            name = match.group(1).replace(" ", "")
            found = zones.get(name)
            if found is not None:
                return found, name
            unknown = unknown or name
    for cell in header:  # a column headed by its zone alone: "| PDT | Event |", "| UTC+1 | Fait |"
        name = plain(cell).strip().strip("()").strip()
        if 0 < len(name) <= 40 and (name.isalpha() and name.isupper() or _OFFSET_NAME.match(name) or "/" in name):
            found = zones.get(name) or (zone(name) if "/" in name else None)
            if found is not None:
                return found, name
    return None, unknown


def bracketed_zone(text: str, zones: Abbreviations) -> tuple[tzinfo | None, str | None]:
    """The zone a line writes in brackets after what it dates ("### 2026-08-02 (GMT+2)",
    "**12 mars** (Europe/Paris)"): (zone, as written), or (None, None)."""
    named = _HEADER_ZONE.search(plain(text)) if len(text) <= 120 else None
    if named is None:
        return None, None
    written = named.group(1)
    found = zone(written.replace(" ", "").upper() if "/" not in written else written) or zones.get(written)
    return (found, written) if found is not None else (None, None)


# Each token starts where a word starts (the look-behind): tried from inside a long word,
# `[A-Za-z_]+/` read the rest of the word again at every letter.
_ZONE_TOKEN = re.compile(
    r"(?<![A-Za-z_])(?:[A-Za-z_]+(?:/[A-Za-z_+-]+)+|(?:UTC|GMT)\s?[+−-]\s?\d{1,2}(?::?\d{2})?|[A-Za-z]{1,5}(?![A-Za-z]))"
)


def zone_in_words(text: str, zones: Abbreviations) -> tuple[tzinfo, str] | None:
    """The zone a short value or a label's parenthesis names, whatever the words
    around it: an IANA name ("Europe/Berlin"), an abbreviation or an offset
    ("CET", "UTC+1"), or a region or city ("US Eastern", "heure de Paris",
    "Eastern Time (ET)"): (zone, as written), or None when it names none."""
    text = plain(text)
    if len(text) > 80:
        return None
    for token in _ZONE_TOKEN.findall(text):
        if "/" in token:
            found = zone(token)
        elif token.isupper() or token[:3].upper() in ("UTC", "GMT"):
            found = zones.get(token.replace(" ", ""))
        else:
            continue
        if found is not None:
            return found, token
    named = city_zone(text) or region_in_words(text)
    return (named[0], named[1]) if named is not None else None


_ZONE_SENTENCE = 200  # characters of the longest line or sentence read for the zone it states
_SENTENCE_BREAK = re.compile(r"(?<=[.;!?])\s+")


def zone_of_line(lines: list[tuple[int, str]], zones: Abbreviations, patterns) -> tuple[tzinfo | None, str | None, int | None]:
    """The zone an "All times PDT." / "(all times in GMT)" line names: (zone, as written, line),
    or (None, the name, its line) for an abbreviation no table knows."""
    unknown: tuple[str, int] | None = None
    for line, text in lines:
        named = city_zone(text)  # "(heure de Paris)", "..., heure de Paris, quand ...": any length
        if named is not None:
            return named[0], named[1], line
        # A long paragraph is read sentence by sentence ("... restored. All times in this post are
        # German time (CEST)."): a sentence longer than that says something else than its clock.
        sentences = [text] if len(text) <= _ZONE_SENTENCE else [
            sentence for sentence in _SENTENCE_BREAK.split(text) if len(sentence) <= _ZONE_SENTENCE]
        for pattern, sentence in ((pattern, sentence) for sentence in sentences for pattern in patterns):
            match = pattern.search(sentence)
            if match:
                name = match.group("zone").replace(" ", "")
                if name.isalpha() and not name.isupper() and name.upper() not in UTC_ONLY.zones:
                    continue  # "all times are in local time": not an abbreviation
                found = zones.get(name) or (zone(name) if "/" in name else None)
                if found is not None:
                    return found, name, line
                if name.isalpha() and unknown is None:
                    unknown = (name, line)
    if unknown is not None:
        return None, unknown[0], unknown[1]
    return None, None, None


def document_zone(
    preamble: list[tuple[int, str]], texts: list[tuple[int, str]], zones: Abbreviations, patterns
) -> tuple[tzinfo | None, str | None, int | None]:
    """The zone of a whole document: the one a line of its preamble names ("All
    times PDT.", "On January 24 at 23:48 Central European Time (CET), ..."), else
    the only one its times are ever written with ("... fired at 05:28 CET", the
    other times bare). Two different zones written leave the document's clock
    alone: neither governs the other's bare times."""
    found = zone_of_line(preamble, zones, patterns)
    if found[0] is not None or found[1] is not None:
        return found
    named: dict[timedelta | None, tuple[tzinfo, str, int]] = {}
    for line, text in texts:
        if not _MAY_HOLD_A_TIME.search(text):
            continue
        for mention in clock_mentions(text, zones):
            if mention.zone is not None:
                named.setdefault(mention.zone.utcoffset(None), (mention.zone, mention.zone_text or "", line))
        if len(named) > 1:
            return None, None, None
    if len(named) == 1:
        zone_found, written, line = next(iter(named.values()))
        return zone_found, written.upper(), line
    return None, None, None


_MAY_HOLD_A_TIME = re.compile(r"\d[:h]\d")


def unknown_zone_problem(line: int, name: str, fallback: tzinfo) -> ReadProblem:
    return ReadProblem(
        ProblemKind.UNCERTAIN_TIME,
        line,
        f"time zone {name!r} is not one the plugin knows; the timeline is read on {zone_label(fallback)} instead: "
        "write a UTC offset (UTC+2) or add the abbreviation to `zone_abbreviations` in mkdocs.yml",
    )
