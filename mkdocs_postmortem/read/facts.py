"""Facts the body states about the incident: "**Durée**: 47 minutes",
"| **Sévérité** | P1 |", "- **Date de début :** 2025-05-10 14:32",
"Temps de détection (TTD) | 12 minutes".

They fill front matter fields that are missing, and are kept even when the
front matter has the field, so that the rules can compare both (PM603).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime, tzinfo
from functools import lru_cache

from ..model import ProblemKind, ReadProblem, WrittenFact
from ..settings import Settings
from ..text import fold, load_data
from ..zones import OutOfRange, abbreviations
from .sections import Body
from .structure import Heading, ListBlock, Paragraph, Table
from .text import is_placeholder, label_candidates, plain
from .timeline.clock import read_written_time
from .timeline.zone_names import named_zone
from .values import read_duration, read_moment, read_severity
from .vocabulary import vocabulary

_DURATIONS = ("duration", "ttd", "tta", "ttm", "ttr")
# Leading blanks are taken only where their run starts (the look-behind): tried from every
# blank of a long run, a leading `\s*` read the rest of the run each time.
@lru_cache(maxsize=1)
def _list_separators() -> re.Pattern[str]:
    """Commas, semicolons and the words of data/reading.yml's `list_words` ("api, web and db")."""
    words = "|".join(re.escape(str(word)) for word in load_data("reading.yml")["list_words"])
    return re.compile(rf"(?:(?<!\s)\s*)?(?:[,;]|\s(?:{words})\s)\s*")
# One `\s*` on each side of the optional parenthesis, not two in a row when it is absent:
# a label followed by a long run of blanks tried every way to share it between them.
# What follows a label in emphasis: a remark in brackets, then a colon, or a dash
# with a blank after it ("**Gravité** — majeure", "**Severity** - Sev 1").
_PARENTHESIS = re.compile(r"^\s*(?:(\([^)]*\))\s*)?(?:[:：]|[—–-](?=\s))\s*")


def labelled_values(body: Body) -> list[tuple[int, str, str]]:
    """(line, label, value) of every labelled value of the body: read once, for the
    zone a field gives and for the facts."""
    return list(_labelled_values(body))


def read_facts(body: Body, settings: Settings, tz: tzinfo, problems: list[ReadProblem],
               labelled: list[tuple[int, str, str]]) -> dict[str, WrittenFact]:
    """The facts the body states; a date no zone conversion can hold goes to `problems`.
    A zone the label writes in brackets ("Start (CET)", "Date and time the incident
    started (EST)") is the clock of its value."""
    stated: dict[str, WrittenFact] = {}
    zones = abbreviations(settings.zone_abbreviations)
    document_tz = tz
    for line, label, value in labelled:
        key = _fact_key(label)
        if key is None or key in stated:
            continue
        # "| Du : | 14 oct. 2026 | 16 h 05 (heure de Montréal) |": the value may name its clock too.
        tz = _label_zone(label, zones) or _label_zone(value, zones) or document_tz
        try:
            fact = _read_fact(key, value, settings, tz)
            if fact is None:
                if key == "started" and not is_placeholder(value) and not _says_only_which_end(label):
                    # "Start: 2018-08-22": no time of day, but the day of the timeline. "From: 2026-03-01"
                    # may be anything's first day (a rotation's, a report period's): only its time counts.
                    moment = read_moment(value)
                    if moment is not None and moment.clock is None:
                        stated.setdefault("date", WrittenFact(moment.day, value, line))
                continue
            stated.setdefault(key, WrittenFact(fact, value, line))
            if key == "date":
                moment = read_moment(value)
                started = moment.at(tz) if moment else None
                if started is not None:  # "Date de l'incident: 2026-03-04 14:23" also says when it started
                    stated.setdefault("started", WrittenFact(started, value, line))
        except OutOfRange as problem:
            problems.append(ReadProblem(ProblemKind.WRONG_VALUE, line, f"{plain(label)}: {problem}"))
    return stated


def _says_only_which_end(label: str) -> bool:
    """"From", "Du", "Since": a label that names an end of something, not of the incident."""
    return any(candidate in vocabulary().fact_end_words for candidate in label_candidates(label)[:1])


def _fact_key(label: str) -> str | None:
    # Labels such as "Impact" are listed apart: they only count when their
    # value reads as the fact, which holds for every fact (unreadable values
    # are skipped), so both lists are searched alike.
    words = vocabulary()
    for candidate in label_candidates(label):
        if candidate in words.facts:
            return words.facts[candidate]
    for candidate in label_candidates(label):
        if candidate in words.facts_when_readable:
            return words.facts_when_readable[candidate]
    return _worded_fact_key(label_candidates(label)[:1]) or _headed_fact_key(label_candidates(label)[:1])


_LONGEST_HEADED_LABEL = 5  # words: "gravite retenue en seance"; a longer label says something else


def _headed_fact_key(candidates: tuple[str, ...]) -> str | None:
    """The fact a short label opens with ("Gravité retenue en séance", data/reading.yml's
    `fact_label_heads`); its value is kept only when it reads as that fact."""
    words = candidates[0].split() if candidates else []
    if not words or len(words) > _LONGEST_HEADED_LABEL:
        return None
    return _label_heads().get(words[0])


@lru_cache(maxsize=1)
def _label_heads() -> dict[str, str]:
    heads = load_data("reading.yml").get("fact_label_heads") or {}
    return {fold(str(word)): key for key, words in heads.items() for word in words}


_LONGEST_WORDED_LABEL = 12  # words: a longer label is a sentence, not a field's name


def _worded_fact_key(candidates: tuple[str, ...]) -> str | None:
    """"started" or "resolved" for a label whose words name a time and one end of the
    window ("Date and time the incident started", "When was it resolved?",
    "Date et heure de début de l'incident"; data/reading.yml's `fact_label_words`)."""
    if not candidates:
        return None
    said = set(candidates[0].split())
    if len(said) > _LONGEST_WORDED_LABEL:
        return None
    groups = vocabulary().fact_label_words
    if not said & groups.get("time", frozenset()):
        return None
    ends = [key for key in ("started", "resolved") if said & groups.get(key, frozenset())]
    return ends[0] if len(ends) == 1 else None


_PARENTHESISED = re.compile(r"\(([^()]{1,40})\)")


def _label_zone(label: str, zones) -> tzinfo | None:
    """The zone a label writes in brackets: "Start (CET)", "Heure de fin (heure de Paris)"."""
    for inside in _PARENTHESISED.findall(label):
        found = named_zone(inside, zones, whole=True)
        if found is not None:
            return found.zone
    return None


def stated_zone(labelled: list[tuple[int, str, str]], zones) -> tuple[tzinfo, str, int] | None:
    """The zone a field of its own gives the document ("| Fuseau horaire | heure de
    Paris |", "Time zone: US Eastern", "### Timezone" over "CET"): (zone, as written,
    line). Its label is one of data/reading.yml's `zone_labels`."""
    labels = vocabulary().zone_labels
    for line, label, value in labelled:
        if any(candidate in labels for candidate in label_candidates(label)):
            found = named_zone(value, zones, whole=True)
            if found is not None:
                return found.zone, found.written, line
    return None


def _read_fact(key: str, value: str, settings: Settings, tz: tzinfo) -> object | None:
    if not value or is_placeholder(value):
        return None
    if key in _DURATIONS:
        return read_duration(value)
    if key == "severity":
        return read_severity(value, settings)
    if key == "services":
        names = [plain(name).strip() for name in _list_separators().split(value)]
        names = [name for name in names if name and not is_placeholder(name)]
        return names or None
    moment = read_moment(value)
    if moment is None:
        return None if key == "date" else _zoned_moment(value, settings, tz)
    if key == "date":
        return moment.day
    return moment.at(tz)  # started / resolved need a time of day


def _zoned_moment(value: str, settings: Settings, tz: tzinfo) -> datetime | None:
    """A start or an end written with its date and its zone's abbreviation, as the
    clock reader reads it ("03 Apr 2025, 11:47 AEDT", "12 mars 2025 à 10h40 CET"):
    the zone written wins over the document's."""
    written = read_written_time(value, abbreviations(settings.zone_abbreviations), whole=True)
    if written is None or written.unknown or written.date is None or written.date.year is None:
        return None
    day, guessed = written.date.resolve(None, None)
    if day is None or guessed:
        return None
    return datetime.combine(day, written.clock).replace(tzinfo=written.zone or tz)


def _labelled_values(body: Body) -> Iterator[tuple[int, str, str]]:
    """(line, label, value) of every "label: value" line, two-column table row, and
    heading over the one short line it labels."""
    skipped = _document_blocks(body)
    for index, block in enumerate(body.blocks):
        if index in skipped:
            continue
        if isinstance(block, Heading):
            value = _value_under(body.blocks, index)
            if value is not None:  # an issue form's field: "### Date and time the incident started (EST)"
                yield value[0], plain(block.text).rstrip(" :：?"), value[1]
        elif isinstance(block, Paragraph):
            for line, text in block.lines:
                for pair in _label_pairs(text):
                    yield line, *pair
        elif isinstance(block, ListBlock):
            for item in block.items:
                for first, text in item.paragraphs:
                    for offset, part in enumerate(text.split("\n")):
                        pair = split_label(part)
                        if pair:
                            yield first + offset, *pair
        elif isinstance(block, Table):
            yield from _table_values(block)


def _table_values(block: Table) -> Iterator[tuple[int, str, str]]:
    if _moments_by_end(block):
        # "| Du : | 14 oct. 2026 | 16 h 05 |": each row names an end, its cells after the label its moment.
        for row in block.rows:
            yield row.line, plain(row.cells[0]).rstrip(" :："), " ".join(cell.strip() for cell in row.cells[1:])
        return
    roles = {vocabulary().column_role(cell, ("time", "action")) for cell in block.header}
    across = _written_across(block)
    if roles & {"time", "action"} and across < _ACROSS_OVER_TIMELINE:
        return  # a timeline or an action table, read elsewhere
    if across:
        # "| Service | Date | Gravité |" over one row of values: each column is a fact.
        row = block.rows[0]
        for label, value in zip(block.header, row.cells):
            if label.strip():
                yield row.line, plain(label).rstrip(" :："), value.strip()
        return
    # A two-column table without a real header has its first fact as the header.
    for line, cells in [(block.line, block.header)] + [(row.line, row.cells) for row in block.rows]:
        if len(cells) >= 2 and cells[0].strip():
            yield line, plain(cells[0]).rstrip(" :："), cells[1].strip()


def _moments_by_end(block: Table) -> bool:
    """Whether every row of a table is labelled by an end of the window, its date and its
    hour in columns of their own ("| | Date | Heure |" over "| Du : | 14 oct. 2026 | 16 h 05 |"):
    a table of when it started and ended, not a timeline."""
    return bool(block.rows) and len(block.header) >= 3 and all(
        len(row.cells) >= 3 and _fact_key(plain(row.cells[0])) in ("started", "resolved") for row in block.rows)


# A one-row table whose header names a date beside other facts ("| Service | Date |
# Gravité |") is a record, not a timeline of one row ("| Date | Event |").
_ACROSS_OVER_TIMELINE = 2


def _written_across(block: Table) -> int:
    """How many facts a record written across names: a header row that names facts
    over one row of values, none of which names a fact (0 otherwise: "| Severity | P2 |"
    over "| Started | 10:00 |" is a table of facts written down, its first pair in
    the header)."""
    if len(block.rows) != 1 or len(block.header) < 2:
        return 0
    if any(_fact_key(plain(cell)) for cell in block.rows[0].cells):
        return 0
    return sum(1 for cell in block.header if _fact_key(plain(cell)))


_LONGEST_FIELD_VALUE = 80  # characters: a heading over a longer paragraph is a section, not a field


def _value_under(blocks: list, index: int) -> tuple[int, str] | None:
    """(line, text) of the one short line a heading holds alone, the next block being
    a heading or the end: the value of a form's field the heading labels."""
    following = blocks[index + 1:index + 3]
    if not following or not isinstance(following[0], Paragraph) or len(following[0].lines) != 1:
        return None
    if len(following) > 1 and not isinstance(following[1], Heading):
        return None
    line, text = following[0].lines[0]
    return (line, text.strip()) if 0 < len(text.strip()) <= _LONGEST_FIELD_VALUE else None


# "**Severity:** high · **Status:** closed · **Duration:** 4h 30m": several facts on one line.
_FACT_SEPARATOR = re.compile(r"\s[·•|]\s")


def _label_pairs(text: str) -> list[tuple[str, str]]:
    """Every (label, value) of a line: one, or one per part when every part between
    separators is labelled."""
    parts = _FACT_SEPARATOR.split(text)
    if len(parts) > 1:
        pairs = [split_label(part) for part in parts]
        if all(pairs):
            return pairs
    pair = split_label(text)
    return [pair] if pair else []


def _document_blocks(body: Body) -> set[int]:
    """Indexes of the blocks under sections about the document (sign-off, metadata), not the incident."""
    names = vocabulary().not_incident_facts
    skipped: set[int] = set()
    for section in body.sections:
        if any(candidate in names for candidate in label_candidates(section.title)):
            skipped.update(body.block_range(section.line + 1, section.end_line))
    return skipped


def split_label(text: str) -> tuple[str, str] | None:
    """("Durée", "47 minutes") from "**Durée**: 47 minutes", "- **Durée :** 47 minutes",
    "**MTTD** (Mean Time To Detect): 5 minutes" or "Durée : 47 minutes"."""
    text = text.strip()
    for marker in ("**", "__"):
        if text.startswith(marker):
            end = text.find(marker, len(marker))
            if end == -1:
                return None
            label = text[len(marker) : end].strip()
            rest = text[end + len(marker) :]
            if label.endswith((":", "：")):
                return label.rstrip(" :："), rest.strip()
            match = _PARENTHESIS.match(rest)
            if not match:
                return None
            return (label + " " + (match.group(1) or "")).strip(), rest[match.end() :].strip()
    colon = text.find(":")
    if colon <= 0 or colon > 60 or text[colon + 1 : colon + 3] == "//":
        return None
    return plain(text[:colon]).strip(), text[colon + 1 :].strip()
