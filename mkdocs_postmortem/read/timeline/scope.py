"""Stage 3 of the timeline pipeline, scoped context: which clock a time is on,
from the lines around it. A zone written on the entry itself is read by the
entry readers (clock, mentions); a table's header and a heading are read by
zone_scopes; this module reads the widest scopes:

- a clock line: "All times PDT.", "*Toutes les heures en UTC*", "(all times are
  US/Pacific)" (data/reading.yml's `timezone_lines`), a city's clock anywhere in
  a line ("heure de Paris", "Paris time"), or a short line of clock words and a
  zone ("Heures locales (Europe/Paris).", `clock_line_words`);
- the document: the zone its preamble names, else the one zone its times are
  ever written with.

Every name is read by the one resolver (zone_names). Abbreviations are read
through the site's table (zones.abbreviations); an ambiguous one read as its
first meaning leaves a note, and one no table knows is a warning, never a
silent UTC.
"""

from __future__ import annotations

import re
from datetime import timezone, tzinfo

from ...model import Note, ProblemKind, ReadProblem
from ...text import fold
from ...zones import Abbreviations, zone_label
from ..text import plain
from ..vocabulary import vocabulary
from .mentions import clock_mentions
from .words import city_zone
from .zone_names import named_zone, zone_after_time

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
        for sentence in sentences:
            for pattern in patterns:
                match = pattern.search(sentence)
                if not match:
                    continue
                name = match.group("zone").replace(" ", "")
                if name.isalpha() and not name.isupper() and name.upper() not in UTC_ONLY.zones:
                    continue  # "all times are in local time": not an abbreviation
                found = zone_after_time(name, zones)
                if found is not None:
                    return found, name, line
                if name.isalpha() and unknown is None:
                    unknown = (name, line)
            said = _clock_line(sentence, zones)
            if said is not None:
                return said.zone, said.written, line
    if unknown is not None:
        return None, unknown[0], unknown[1]
    return None, None, None


_CLOCK_LINE = 80  # characters of the longest line read as a clock line of its own
_WORD = re.compile(r"[^\W\d_]+")
_ZONE_WORDS = 4  # words of the longest zone name ("Central European Summer Time", "heure locale de Montréal")


def _clock_line(text: str, zones: Abbreviations):
    """The zone of a short line made of clock words and a zone ("Heures locales
    (Europe/Paris).", "Local clock, UTC +05:30:", "Horaires : CET"), or None. Its
    words are data/reading.yml's `clock_line_words`: what the line says is that the
    times near it are on that clock, whatever the phrasing."""
    flat = plain(text)
    if len(flat) > _CLOCK_LINE:
        return None
    clock_words = vocabulary().clock_line_words
    if sum(1 for word in _WORD.findall(fold(flat)) if word not in clock_words) > _ZONE_WORDS:
        return None  # more other words than a zone's name has: a sentence about something else
    found = named_zone(flat, zones)
    if found is None:
        return None
    rest = flat[:found.start] + " " + flat[found.start + len(found.written):]
    said = _WORD.findall(fold(rest))
    return found if said and set(said) <= clock_words else None


def document_zone(
    preamble: list[tuple[int, str]], texts: list[tuple[int, str]], zones: Abbreviations, patterns,
    scoped: list[tuple[int, tzinfo | None, str]] = (), paragraphs: list[tuple[int, str]] = (),
) -> tuple[tzinfo | None, str | None, int | None]:
    """The zone of a whole document: the one a line of its preamble names ("All
    times PDT.", "On January 24 at 23:48 Central European Time (CET), ..."), else
    the only one it ever states: with a time ("... fired at 05:28 CET", the other
    times bare), in a scope's text (`scoped`: a table's header, a heading), or by a
    city's clock in a paragraph that holds a time ("entre 9h10 et 11h45 environ
    (heure de Paris)", `paragraphs`, each read whole: a phrase may be wrapped).
    Two different zones stated leave the document's clock alone: neither governs
    the other's bare times."""
    found = zone_of_line(preamble, zones, patterns)
    if found[0] is not None or found[1] is not None:
        return found
    named: dict[object, tuple[tzinfo, str, int]] = {}
    for line, evidence, written in scoped:
        if evidence is None:
            continue  # a name no table knows: a warning of the timeline's, not the document's clock
        named.setdefault(_zone_key(evidence), (evidence, written, line))
    for line, text in texts:
        if len(named) > 1 and len(_agreeing(named, zones)) > 1:
            return None, None, None
        if not _MAY_HOLD_A_TIME.search(text):
            continue
        for mention in clock_mentions(text, zones):
            if mention.zone is not None:
                named.setdefault(_zone_key(mention.zone), (mention.zone, mention.zone_text or "", line))
    for line, text in paragraphs:
        if len(named) > 1 and len(_agreeing(named, zones)) > 1:
            break
        if _MAY_HOLD_A_TIME.search(text):
            city = city_zone(text)
            if city is not None:
                named.setdefault(_zone_key(city[0]), (city[0], city[1], line))
    named = _agreeing(named, zones)
    if len(named) == 1:
        zone_found, written, line = next(iter(named.values()))
        return zone_found, written.upper(), line
    return None, None, None


def _agreeing(named: dict[object, tuple[tzinfo, str, int]], zones: Abbreviations
              ) -> dict[object, tuple[tzinfo, str, int]]:
    """The zones stated, a region's clock standing for the abbreviations data/zones.yml pairs
    with it ("4:12 pm EDT" in the byline, "6:41 AM Eastern" in the story: one clock). An offset
    the region merely shares is another clock: "EST" is Chicago's summer offset, not Chicago."""
    regions = [key for key in named if isinstance(key, str)]
    if len(regions) != 1 or len(named) == 1:
        return named
    region = named[regions[0]][0]
    # UTC is every document's reference, not London's winter clock: it never joins a region.
    if all(key and zones.of_region(region, written) for key, (_, written, _) in named.items() if key != regions[0]):
        return {regions[0]: named[regions[0]]}
    return named


def _zone_key(found: tzinfo) -> object:
    """What tells two zones apart: a region's name (its offset changes with the day), else its offset."""
    return getattr(found, "key", None) or found.utcoffset(None)


_MAY_HOLD_A_TIME = re.compile(r"\d[:h]\d")


def unknown_zone_problem(line: int, name: str, fallback: tzinfo) -> ReadProblem:
    return ReadProblem(
        ProblemKind.UNCERTAIN_TIME,
        line,
        f"time zone {name!r} is not one the plugin knows; the timeline is read on {zone_label(fallback)} instead: "
        "write a UTC offset (UTC+2) or add the abbreviation to `zone_abbreviations` in mkdocs.yml",
    )
