"""Stage 5 of the timeline pipeline, the window read from every time the document
mentions: each time written anywhere outside the action items (a sentence, a
list item, a table row, a heading, a timeline entry; code blocks are no
blocks here), with the date and the zone written with it or governing it, and
the words of its clause, which say what the time is:

- the impact began ("since 09:05", "players began to be thrown back at 21:16",
  "a commencé à se dégrader"), unless the words name the response starting
  ("Investigation started", "début de l'enquête": `mention_response_words`);
- service came back ("restored at 17:30", "running again by 17:55", "revenu à
  la normale depuis 16h20"), fully, or for part of it (`partial_recovery`);
- watching after the fix ("we monitored until 10:30"), a plan ("scheduled for
  23:00"), or when an update was posted (a time labelled only by a status,
  "**Resolved 3/12/2026 4:05 p.m.:**", "#### 21 Apr · 08:10 UTC — Monitoring").

The words are data/reading.yml's (`window_start_words`, `window_end_words`,
`mention_*`) and data/timeline.yml's (`recovery_signs`, `partial_recovery`), in
English and French; which block a time stands in changes nothing. A paragraph
is read as one text (a hard wrap splits no sentence); a field of a nested list
record takes its record's words; two times joined by a range word are a start
and an end when their sentence names the impact or holds only dates and times.
Of all the
mentions, the start is the earliest whose words say the impact began, the end
the latest after it whose words say service came back in full (a partial
recovery only when no full one is told), in whatever order the document tells
them: a status page newest first, a resolution stated before the start.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone, tzinfo
from functools import lru_cache

from ...model import TimelineEvent
from ...text import fold, fold_same_length, load_data
from ...zones import Abbreviations
from ..sections import Body
from ..structure import Heading, ListBlock, Paragraph, Table
from ..text import plain
from ..vocabulary import vocabulary
from .clock import find_written_date, read_written_time, written_dates
from .entries import posted_time
from .mentions import Mention, clock_mentions
from .relative_days import relative_days
from .window import (
    _SENTENCE_END,
    _end_word_patterns,
    _line_zone,
    _paragraph_day,
    _recovery_words,
    _Sentences,
    _which_end,
)
from .words import timeline_words

STARTED, RESOLVED = "started", "resolved"
PARTIAL, MONITORING, PLANNED, POSTED = "partly resolved", "monitoring", "planned", "posted"
# A status update that closed the incident was posted then ("Resolved Apr 24, 2026 at
# 04:10pm UTC"): the end where nothing states the end itself.
CLOSED = "posted as resolved"
CHANGE = "a change"  # the first entry of a timeline tells a change made to the system
DETECTED = "detected"  # the impact was seen: an alert, a report (a start only where nothing says one)

_LOOK_BACK = 80  # characters before a time where the words that say what it is may stand
_LOOK_AHEAD = 160
_SKIPPED = ("timeline", "actions")
_DIGIT = re.compile(r"\d")
# Every form of time the clock reader takes holds one of these ("14:05", "14h05", "5 h",
# "7.34pm", "3pm", "0520 UTC"): a line without one has no time, and costs no more.
_CLOCK_HINT = re.compile(r"\d\s?(?:[:h.]|[ap]\.?m)|\d{4}", re.IGNORECASE)


@dataclass(frozen=True)
class WindowMention:
    """A time the document mentions, placed in time, and what its words say it is."""

    line: int
    value: datetime
    meaning: str | None  # STARTED, RESOLVED, PARTIAL, MONITORING, PLANNED, POSTED or None
    raw: str
    entry: bool = False  # a timeline entry's own time
    zone_written: bool = True  # its zone is written with it or on its paragraph
    dated: bool = True  # its date is written with it, in its sentence, paragraph or heading
    # Its words name the impact itself ("Impact Start Date", "la fin de l'impact"), not
    # the incident: a file that gives both windows is read by the impact's.
    impact: bool = False


@dataclass(frozen=True)
class MentionWindow:
    started: tuple[WindowMention, ...]  # the readings of the start, the chosen one first
    resolved: tuple[WindowMention, ...]  # the readings of the end, the chosen one first
    considered: tuple[WindowMention, ...]  # every mention whose words say what it is
    # The start is an entry after a first entry that tells a change: the words say the
    # impact began later than the timeline's first line.
    after_a_change: bool = False
    closed: tuple[WindowMention, ...] = ()  # updates posted as resolved, the latest first


@dataclass(frozen=True)
class _Words:
    response: re.Pattern[str]
    monitoring: re.Pattern[str]
    planned: re.Pattern[str]
    posting: re.Pattern[str]
    change: re.Pattern[str]
    detected: re.Pattern[str]  # a detection, an alert, a report
    impact: re.Pattern[str]  # the impact named, apart from the incident
    window: re.Pattern[str]  # a range's sentence names the impact: the range is the window
    told_back: re.Pattern[str]  # a sentence that points back to the two times before it as the span
    labels: frozenset[str]  # folded words of the status labels of a posted update
    closing: frozenset[str]  # those of them that close the incident ("resolved", "clôturé")
    filler: frozenset[str]  # words a label may hold besides a status: months, days, connectors, zones


def _alternation(words) -> re.Pattern[str]:
    ordered = sorted({fold(str(word)) for word in words}, key=len, reverse=True)
    return re.compile(r"(?<![a-z])(?:" + "|".join(r"\s".join(map(re.escape, w.split())) for w in ordered) + r")(?![a-z])")


@lru_cache(maxsize=1)
def _words() -> _Words:
    data = load_data("reading.yml")
    timeline = load_data("timeline.yml")
    filler = {fold(str(word)) for names in (*data["months"].values(), *data["weekdays"].values()) for word in names}
    filler |= {fold(str(word)) for word in (*timeline["date_connectors"], *timeline["date_time_words"],
                                             *timeline["posted_words"])}
    filler |= {"st", "nd", "rd", "th", "er", "of", "de", "du", "am", "pm", "utc", "gmt", "z"}
    return _Words(
        response=_alternation(data["mention_response_words"]),
        monitoring=_alternation(data["mention_monitoring_words"]),
        planned=_alternation(data["mention_planned_words"]),
        posting=_alternation(data["mention_posting_words"]),
        change=_alternation(data["mention_change_words"]),
        detected=_alternation(data["mention_detection_words"]),
        impact=_alternation(data["mention_impact_words"]),
        window=_alternation(data["window_range_words"]),
        told_back=_alternation(data["window_told_back"]),
        labels=frozenset(word for label in data["mention_posted_labels"] for word in fold(str(label)).split()),
        closing=frozenset(fold(str(word)) for word in data["mention_closing_labels"]),
        filler=frozenset(word for words in filler for word in words.split()),
    )


# --- every mention, with its day, its zone and its words -----------------------------------


def prose_mentions(
    body: Body, zones: Abbreviations, day: date | None, tz: tzinfo, entries: frozenset[int] = frozenset(),
    posted: bool = False, post_day: date | None = None, timeline_read: bool = True,
) -> list[WindowMention]:
    """Every time written outside the timeline (read as entries) and the action items:
    paragraphs, list items, table rows and headings. `entries`: the lines of a
    timeline found under another heading. `posted`: the timeline is a status page's
    updates, whose messages are prose that may state the window. `timeline_read`:
    entries were read from the timeline section; where none were, its times are
    mentions like any other."""
    skipped: set[int] = set()
    for key in _SKIPPED[1:] if posted or not timeline_read else _SKIPPED:
        for section in body.sections_keyed(key):
            skipped.update(body.block_range(section.line + 1, section.end_line))
    # With no date for the document, a time written without one is on the first date the document writes.
    day = day or _first_written_day(body)
    found: list[WindowMention] = []
    heading_day: date | None = None  # a date heading dates what is under it
    zones_of: dict[str, tzinfo | None] = {}  # the zone each paragraph names, read once for its lines
    for index, block in enumerate(body.blocks):
        if isinstance(block, Heading):
            written = find_written_date(plain(block.text))
            heading_day = written.resolve_near(None, day)[0] if written else _stamp_under(body, index, day)
        if index in skipped:
            continue
        fields = _fields_one_a_line(block.lines, zones) if isinstance(block, Paragraph) and len(
            block.lines) > 1 else None
        if fields:
            # "Début" / "22 avr. 2026, 09:47 UTC" / "Fin" / ...: each value's words are its label.
            for line, text in fields:
                found.extend(_line_mentions(line, text, text, zones, day, tz, heading_day, zones_of,
                                            post_day or day, ranges_only=line in entries))
            continue
        if isinstance(block, Paragraph) and len(block.lines) > 1 and not entries.intersection(
                line for line, _ in block.lines):
            # A sentence a hard wrap splits ("a 47 minute outage, starting\nat 06:02 UTC",
            # "ending at 08:40\nCET") is read whole: the paragraph is one text.
            lines = _without_stamps(block.lines, zones) if posted else block.lines
            raws = [(line, plain(text)) for line, text in lines]
            whole = " ".join(text for _, text in lines)
            found.extend(_line_mentions(block.line, whole, whole, zones, day, tz, heading_day, zones_of,
                                        post_day or day, lines=raws))
            continue
        for line, text, scope in _lines_of(block):
            # A timeline entry's own time is read with the entries; a range it states
            # ("### Wed 4 March · 08:20 - 09:05 UTC") is a window of its own.
            found.extend(_line_mentions(line, text, scope, zones, day, tz, heading_day, zones_of,
                                        post_day or day, ranges_only=line in entries))
    return found


def _without_stamps(lines: list[tuple[int, str]], zones: Abbreviations) -> list[tuple[int, str]]:
    """A status update's lines without the stamp it was posted at ("Posted Mar 12, 2026 -
    16:00 UTC"): a report posted days after the incident dates nothing its message tells."""
    kept = [(line, text) for line, text in lines if posted_time(plain(text).strip(), zones) is None]
    return kept or lines


def _fields_one_a_line(lines: list[tuple[int, str]], zones: Abbreviations) -> list[tuple[int, str]] | None:
    """A paragraph of fields written one a line, each label on a line without a digit
    and its value on the line below ("Début" / "22 avr. 2026, 09:47 UTC" / "Fin" /
    "22 avr. 2026, 13:05 UTC", a copied web page's list of terms): (line of the
    value, "value label") each, the label after the value so that no stop inside a
    date ("22 avr.") parts them; None for any other paragraph."""
    texts = [(line, plain(text).strip()) for line, text in lines]
    fields = []
    moments = 0
    for index, (line, text) in enumerate(texts):
        if not _DIGIT.search(text):
            continue
        label = texts[index - 1][1] if index else ""
        if not label or _DIGIT.search(label) or label.endswith((".", "!", "?")):
            return None
        if len(clock_mentions(text, zones)) == 1 and _only_a_moment(text, zones):
            moments += 1
        fields.append((line, f"{text} {label}"))
    return fields if moments else None


def _only_a_moment(text: str, zones: Abbreviations) -> bool:
    return read_written_time(text, zones, whole=True) is not None


def _told_back(folded: str, mentions: list[Mention]) -> dict[int, str]:
    """A sentence or a clause that opens by pointing back to the two times told before it
    as the impact's span ("... introduced at 18:00 UTC ... patched at 03:00 UTC. During that time,
    streams failed"; "Pendant ce temps, ..."): the first is the start, the second
    the end, whatever their own words say (by index of the mention)."""
    said: dict[int, str] = {}
    starts = [mention.start for mention in mentions]
    for found in _words().told_back.finditer(folded):
        if not _opens_a_clause(folded[max(0, found.start() - 12):found.start()]):
            continue  # "everything you did in that window": not a clause about the span
        before = bisect_left(starts, found.start())
        if before >= 2 and mentions[before - 1].end <= found.start():
            said[before - 2], said[before - 1] = STARTED, RESOLVED
    return said


def _opens_a_clause(before: str) -> bool:
    """Whether the words before a phrase leave it opening its sentence or its clause:
    nothing since a stop or a comma but a conjunction ("..., and during that time")."""
    cut = max(before.rfind(mark) for mark in ".,;:!?")
    words = before[cut + 1:].split() if cut >= 0 else before.split()
    return not words or (len(words) == 1 and _conjunction().search(f" {words[0]} ") is not None)


def _first_written_day(body: Body) -> date | None:
    for block in body.blocks:
        for _, text, _ in _lines_of(block):
            written = find_written_date(plain(text)) if _DIGIT.search(text) else None
            on = written.resolve(None, None)[0] if written else None
            if on is not None:
                return on
    return None


def _lines_of(block) -> list[tuple[int, str, str]]:
    """(line, text, the text of the paragraph or item holding it) of a block."""
    if isinstance(block, Paragraph):
        whole = " ".join(text for _, text in block.lines)
        return [(line, text, whole) for line, text in block.lines]
    if isinstance(block, ListBlock):
        # A nested item is a field of the record the item above it heads ("Recovery" /
        # "- Date and Time: ..." / "- Description: ..."): the record is its paragraph.
        records: list[list[tuple[int, str, int]]] = []
        for item in block.items:
            text = " ".join(item.text.split("\n"))
            if item.depth == 0 or not records:
                records.append([])
            records[-1].append((item.line, text, item.depth))
        found = []
        for record in records:
            whole = " ".join(text for _, text, _ in record)
            found.extend((line, text, whole if depth else text) for line, text, depth in record)
        return found
    if isinstance(block, Table):
        # A cell is a clause of its row: "| Start | 10:05 |" reads "Start: 10:05".
        return [(row.line, ": ".join(row.cells), ": ".join(row.cells)) for row in block.rows]
    if isinstance(block, Heading):
        return [(block.line, block.text, block.text)]
    return []


def _line_mentions(line: int, text: str, scope: str, zones: Abbreviations, day: date | None, tz: tzinfo,
                   heading_day: date | None, zones_of: dict[str, tzinfo | None],
                   post_day: date | None, ranges_only: bool = False,
                   lines: list[tuple[int, str]] | None = None) -> list[WindowMention]:
    """The mentions of one line, or of a paragraph's `lines` (each with its plain
    text) read as one text, each mention on the line it stands on."""
    if _CLOCK_HINT.search(text) is None:
        return []
    raw = _joined(lines) if lines else plain(text)
    mentions = clock_mentions(raw, zones)
    if not mentions:
        return []
    folded = fold_same_length(raw)
    # Only a time whose words say what it is is a reading of the window: its date and
    # zone are read for it alone.
    clauses = [_clause(folded, mentions, index) for index in range(len(mentions))]
    ranges = _window_ranges(folded, mentions, zones) if len(mentions) > 1 else {}
    if len(mentions) > 1 and not ranges_only:
        ranges = {**ranges, **_told_back(folded, mentions)}  # read as a range: one zone, past midnight
    meanings = [ranges.get(index) or (None if ranges_only else _meaning(folded, mentions, index, clause))
                for index, clause in enumerate(clauses)]
    own = list(meanings)
    if scope != text and not ranges_only and not all(meanings):
        # A time in a field of a record ("- Date and Time: December 12, 2026 – 01:40") is
        # what the record's other words say it is ("Recovery", "every site loads again").
        record = _record_meaning(scope, text)
        meanings = [meaning or (record if _only_a_label(clause[0]) else None)
                    for meaning, clause in zip(meanings, clauses)]
    if not any(meanings):
        return []
    # A date written with its own time ("2026-03-04 14:05") is that time's.
    starts = [m.start for m in mentions]
    dates = [(at, written) for at, written in written_dates(raw) if not _inside_a_mention(at, starts, mentions)]
    # A day written relative to the post ("last night", "samedi") is a date of its sentence too,
    # counted from the day of the update that tells it when the text opens with its own date
    # ("**Mercredi 7 janvier 2026, 12 h 30.** ... survenue ce matin"), not the document's.
    stamp = _stamp_day(raw if scope == text or lines else plain(scope), day)
    relative = relative_days(folded, stamp or post_day, stamp or day)
    if relative:
        dates = sorted([*dates, *relative], key=_at)
    if any(mention.zone is None for mention, meaning in zip(mentions, meanings) if meaning) and scope not in zones_of:
        zones_of[scope] = _line_zone(line, plain(scope), zones)
    line_zone = zones_of.get(scope)
    found = []
    sentences = _Sentences(folded)
    for index, (mention, meaning, clause) in enumerate(zip(mentions, meanings, clauses)):
        if meaning is None:
            continue
        start, stop = sentences.around(mention.start)
        # The date nearest the time in its sentence (the last before it or the first after
        # it, found by halving: a long sentence of dated times costs no square), else the line's first.
        low, high = bisect_left(dates, start, key=_at), bisect_left(dates, stop, key=_at)
        here = bisect_left(dates, mention.start, key=_at)
        in_sentence = [dates[i] for i in (here - 1, here) if low <= i < high]
        near = min(in_sentence, key=lambda pair: min(abs(pair[0] - mention.start), abs(pair[0] - mention.end)),
                   default=dates[0] if dates else None)
        written = near[1] if near else None
        # A date without its year takes the year that puts it nearest the incident's day
        # ("le 31 décembre" in a report of 2 January 2026 is 2025-12-31).
        on = mention.day or (written if isinstance(written, date) or written is None
                             else written.resolve_near(None, day)[0])
        # Dated: a date written with the time or in its sentence; a date elsewhere on the
        # line, in the paragraph or a heading is the day the story is on, which a later
        # time of the night may have left.
        dated = mention.day is not None or bool(in_sentence)
        if on is None and scope != text:
            on = _paragraph_day(plain(scope), raw, mention.start, day, post_day)
        on = on or heading_day or day
        if on is None:
            continue
        # The two ends of a range share the zone either writes ("4:10 - 5:40am EST").
        partner = mentions[index + (1 if ranges.get(index) == STARTED else -1)] if index in ranges else mention
        zone = mention.zone or partner.zone or line_zone
        moment = datetime.combine(on, mention.clock).replace(tzinfo=zone or tz)
        if ranges.get(index) == RESOLVED and mention.day is None and found and found[-1].meaning == STARTED \
                and moment.astimezone(tz) <= found[-1].value:
            moment += timedelta(days=1)  # "23:10 → 01:05": past midnight
        said = " ".join(clause) if meaning == own[index] else f"{clause[0]} {clause[1]} {scope}"
        at_line, as_written = _line_at(lines, mention.start) if lines else (line, raw)
        found.append(WindowMention(at_line, moment.astimezone(tz), meaning, as_written, zone_written=zone is not None,
                                   dated=dated, impact=_words().impact.search(fold(said)) is not None))
    return found


_PHASE_MEANINGS = (("started", STARTED), ("detected", DETECTED), ("resolved", RESOLVED))


def _record_meaning(record: str, field: str) -> str | None:
    """What the words of a record other than one of its fields say its time is, as an
    entry's words would ("Service restored Notes: all consumers are connected again"),
    or the phase its head names, as a timeline entry's would ("Recovery", "Détection")."""
    words = plain(record.replace(field, " ") if field else record)
    said = _entry_meaning(fold_same_length(words))
    if said is not None:
        return said
    folded, phases = fold(words), dict(vocabulary().phases)
    return next((meaning for phase, meaning in _PHASE_MEANINGS
                 if phase in phases and phases[phase].search(folded)
                 and not (meaning == RESOLVED and timeline_words().partial_recovery.search(folded))), None)


_LABEL_WORDS = 4


def _only_a_label(before: str) -> bool:
    """Whether the words before a time are only a field's label and its date ("When:",
    "Date and Time: December 12, 2026 –", "Date et heure : 3 février 2026 –")."""
    label, colon, value = before.rpartition(":")
    filler = _words().filler
    return bool(colon) and len(label.split()) <= _LABEL_WORDS and all(
        word in filler for word in _WORD.findall(value))


def _window_ranges(folded: str, mentions: list[Mention], zones: Abbreviations) -> dict[int, str]:
    """The ranges of times that state the window, each end's index with its meaning: two
    times joined by a range word or a dash, in a sentence that names the impact ("a
    disruption, 16:05 to 16:50 UTC", "Panne du 12 janvier, de 21h05 à 22h50") or that
    holds nothing but its dates and times (a heading "### Wed 4 March · 08:20 - 09:05
    UTC", a line "16 févr., 14:35-16:00"). A range still to come ("scheduled from 22:00
    to 23:00") is a plan; opening hours ("ouvert de 8h30 à 12h") name no impact."""
    found: dict[int, str] = {}
    joiners = _range_joiners()
    judged: dict[tuple[int, int], bool] = {}  # each sentence judged once, however many ranges it holds
    sentences: _Sentences | None = None  # found only for a line that holds a range
    for first in range(len(mentions) - 1):
        if first in found:
            continue
        between = folded[mentions[first].end:mentions[first + 1].start].strip(" ~()")
        if between not in joiners:
            continue
        sentences = sentences or _Sentences(folded)
        bounds = sentences.around(mentions[first].start)
        if bounds not in judged:
            sentence = folded[bounds[0]:bounds[1]]
            judged[bounds] = not _words().planned.search(sentence) and (
                _words().window.search(sentence) is not None or _only_moments(folded, *bounds, mentions, zones))
        if judged[bounds]:
            found[first], found[first + 1] = STARTED, RESOLVED
    return found


_WORD = re.compile(r"[a-z]+")


def _only_moments(folded: str, start: int, stop: int, mentions: list[Mention], zones: Abbreviations) -> bool:
    """Whether the sentence between `start` and `stop` holds nothing but dates and times:
    no word but a month's, a day's, a connector, a zone or a range word. Only the mentions
    inside the sentence are visited (they are in the order of the text): a paragraph of
    thousands of ranges visited every mention once per sentence."""
    words = _words()
    parts, at = [], start
    for mention in mentions[bisect_left(mentions, start, key=lambda mention: mention.start):]:
        if mention.start >= stop:
            break
        if mention.end <= stop:
            parts.append(folded[at:mention.start])
            at = mention.end
    parts.append(folded[at:stop])
    names = _zone_names(tuple(zones.zones))
    return all(word in words.filler or word in names or word in _range_joiners()
               for part in parts for word in _WORD.findall(part))


@lru_cache(maxsize=8)
def _zone_names(zones: tuple[str, ...]) -> frozenset[str]:
    return frozenset(fold(name) for name in zones)


_FIELD_END = re.compile(r"[\d)]\s*$")


def _joined(lines: list[tuple[int, str]]) -> str:
    """A paragraph's lines as one text: a hard wrap joins a sentence's parts; a line
    that ends on a value (a time, a date, a bracket) before a line that starts with a
    capital is a field of its own ("Incident Duration 2:15:00" / "Impact Start Date ..."),
    and a clause ends there. Each joiner is two characters (`_line_at`)."""
    parts = []
    for index, (_, text) in enumerate(lines):
        parts.append(text)
        if index + 1 < len(lines):
            following = lines[index + 1][1].lstrip()
            field = _FIELD_END.search(text) is not None and following[:1].isupper()
            parts.append("; " if field else "  ")
    return "".join(parts)


def _line_at(lines: list[tuple[int, str]], position: int) -> tuple[int, str]:
    """The line, and its text, that holds `position` of the lines `_joined`."""
    start = 0
    for line, text in lines:
        start += len(text) + 2
        if position < start:
            return line, text
    return lines[-1]


def _inside_a_mention(at: int, starts: list[int], mentions: list[Mention]) -> bool:
    """Whether `at` falls within a time's own text (the mentions in order, `starts` theirs)."""
    before = bisect_right(starts, at) - 1
    return before >= 0 and at < mentions[before].end


_STAMP_REACH = 24  # characters before the date that opens an update: a weekday, a word ("Update")
# What closes an update's stamp: its time and zone at most, then a mark or the end of its line
# ("7 janvier 2026, 12 h 30.", "March 4, 2026 at 10:05 UTC:", "4 mars 2026 —", "Incident · March 4,
# 2026"), on folded text.
_STAMP_END = re.compile(
    r"(?:,?\s{0,3}(?:at\s|a\s)?\d{1,2}(?:[:h.]\s?\d{2}|\s?h(?:\s?\d{2})?)?(?:\s?[ap]\.?m\.?)?(?:\s[a-z]{2,5})?)?"
    r"\s{0,3}(?:[.:;|)\]\u2013\u2014-]|$)"
)
_LONGEST_DATE = 40  # characters of the longest written date ("Wednesday, September 16th, 2026")


def _stamp_under(body: Body, index: int, day: date | None) -> date | None:
    """The date a changelog's or a feed's entry writes on the line right under its heading
    ("## Partial API outage ~12:00 - 13:00 CET" / "**Incident** · March 4, 2026"): the day of
    the heading and of what its section tells."""
    if body.blocks[index] is body.title:
        return None  # under the title, a byline: the day the page was posted, not the incident's
    following = body.blocks[index + 1] if index + 1 < len(body.blocks) else None
    if not isinstance(following, Paragraph) or not following.lines:
        return None
    return _stamp_day(plain(following.lines[0][1]), day)


def _stamp_day(paragraph: str, day: date | None) -> date | None:
    """The date an update, a letter's paragraph or a dated entry opens with, with its year or in
    the year near the incident's day: nothing but a word or two and no digit before it."""
    opening = paragraph[:_STAMP_REACH + _LONGEST_DATE]
    dates = written_dates(opening) if _DIGIT.search(opening) else []
    if not dates or dates[0][0] > _STAMP_REACH or _DIGIT.search(opening, 0, dates[0][0]):
        return None
    at, written = dates[0]
    closed = None if isinstance(written, date) else _STAMP_END.match(fold_same_length(opening), at + len(written.text))
    if not isinstance(written, date) and (closed is None or (closed.end() == len(opening) < len(paragraph)
                                                             and not closed.group().strip())):
        return None  # "On March 3 our API went down": a date the story tells, not the update's
    if isinstance(written, date):
        return written
    return None if written.day_only else written.resolve_near(None, day)[0]


def _at(pair: tuple[int, object]) -> int:
    return pair[0]


def field_records(body: Body) -> dict[int, str]:
    """The words of the record each nested list item is a field of, but its own, by the
    item's line: "Recovery" and "- Description: ..." for "- Date and Time: ..."."""
    records: dict[int, str] = {}
    for block in body.blocks:
        if isinstance(block, ListBlock):
            for line, text, scope in _lines_of(block):
                if scope != text:
                    records[line] = scope.replace(text, " ")
    return records


def entry_mentions(events: list[TimelineEvent], records: dict[int, str] | None = None) -> list[WindowMention]:
    """The timeline's timed entries, each with what its own words say it is, or, for an
    entry that is a field of a record (`records`, by line), what the record's say."""
    found: list[WindowMention] = []
    for event in events:
        if event.time is None:
            continue
        # Its words: the text and every other column of its row ("| 02:05 | astreinte |
        # Intranet et portail à nouveau normaux |").
        folded = fold_same_length(plain(" ".join([event.text, *event.columns.values()])))
        meaning = _entry_meaning(folded)
        record = (records or {}).get(event.line)
        if meaning is None and record is not None:
            meaning = _record_meaning(record, "")
            folded = f"{folded} {fold_same_length(plain(record))}"
        if meaning is None and not found and _words().change.search(fold(folded)):
            # A change whose entry says, in a later clause, that the impact began with it
            # ("Broker upgrade; consumers stop receiving, outage begins") starts it.
            meaning = STARTED if _judged("", folded[:_LOOK_AHEAD * 2]) == STARTED else CHANGE
        impact = meaning in (STARTED, RESOLVED, PARTIAL) and _words().impact.search(fold(folded)) is not None
        found.append(WindowMention(event.line, event.time, meaning, plain(event.text), entry=True, impact=impact))
    return found


# --- what the words say ----------------------------------------------------------------------


def _clause(folded: str, mentions: list[Mention], index: int) -> tuple[str, str]:
    """The words of a time's clause: those before it, back to the time before or the
    sentence's start, and those after it, up to the next time or the sentence's end."""
    mention = mentions[index]
    floor = mentions[index - 1].end if index else 0
    before = folded[max(floor, mention.start - _LOOK_BACK):mention.start]
    cut = [m.end() for m in _SENTENCE_END.finditer(before)]
    before = before[cut[-1]:] if cut else before
    ceiling = mentions[index + 1].start if index + 1 < len(mentions) else len(folded)
    after = folded[mention.end:min(ceiling, mention.end + _LOOK_AHEAD)]
    stop = _SENTENCE_END.search(after)
    if stop:
        after = after[:stop.start()]
    elif mention.end + len(after) == ceiling < len(folded):
        # "detected at 11:34 and fully resolved by 11:49": after a conjunction, the words
        # lead the next time, not this one.
        joins = [m.start() for m in _conjunction().finditer(after)]
        after = after[:joins[-1]] if joins else after
    return before, after


@lru_cache(maxsize=1)
def _conjunction() -> re.Pattern[str]:
    words = sorted({fold(str(word)) for word in load_data("reading.yml")["clause_conjunctions"]}, key=len, reverse=True)
    return re.compile(r"\s(?:" + "|".join(re.escape(word) for word in words) + r")\s")


def _meaning(folded: str, mentions: list[Mention], index: int, clause: tuple[str, str]) -> str | None:
    """What the words of a time's clause say it is."""
    before, after = clause
    if _in_a_range(folded, mentions, index):
        return None  # "from 17h30 to 21h10": a range, read as one by the window's ranges
    label = _status_label(before, after)
    if label:
        return CLOSED if any(word in _words().closing for word in label) else POSTED
    return _judged(before, after)


def _in_a_range(folded: str, mentions: list[Mention], index: int) -> bool:
    """Whether the time and the one before or after it are joined by a range word
    or a dash alone ("17h30 à 21h10", "10:45 - 16:11", "from 9:20am to 9:55am")."""
    joiners = _range_joiners()
    for first, second in ((index - 1, index), (index, index + 1)):
        if first < 0 or second >= len(mentions):
            continue
        between = folded[mentions[first].end:mentions[second].start].strip(" ~()")
        if between in joiners:
            return True
    return False


@lru_cache(maxsize=1)
def _range_joiners() -> frozenset[str]:
    words = load_data("timeline.yml")["range_words"]
    return frozenset({fold_same_length(str(word)) for word in words} | {"-", "--", "–", "—", "→", "->", "and", "et"})


def _entry_meaning(folded: str) -> str | None:
    """What an entry's words say its time is: its first clause, as if the time led it.
    An entry that tells a detection, an alert or a report ("the first reports of
    failed uploads arrive") is no start: the impact began before it was seen."""
    stop = _SENTENCE_END.search(folded)
    said = _judged("", folded[:stop.start()] if stop else folded[:_LOOK_AHEAD * 2])
    if said == STARTED and _words().detected.search(fold(folded)):
        return DETECTED
    return said


def _judged(before: str, after: str) -> str | None:
    words = _words()
    clause = f"{before} {after}"
    if words.planned.search(clause):
        return PLANNED
    if words.posting.search(clause):
        return POSTED
    end = _which_end(before) if before.strip() else None
    if end == RESOLVED and not _ended_in_its_clause(before):
        end = None
    # Where the words that say what it is stand: before the time, or after it.
    said = before
    if end is None:
        end, said = _said_after(after), clause
    if end is None and timeline_words().recovery_sign.search(before):
        end, said = RESOLVED, before
    if end == STARTED and _the_response(before, after):
        return None
    if end == RESOLVED:
        if words.monitoring.search(said):  # "we monitored until 10:30", not "resumed at 05:23, by monitoring"
            return MONITORING
        if timeline_words().partial_recovery.search(clause):
            return PARTIAL
    if end is None and words.detected.search(clause):
        return DETECTED
    return end


def _said_after(after: str) -> str | None:
    """The end the words after a time say it is, when none before it does ("At 21:16,
    players began to be thrown back", "At 2:01 p.m., connectivity was restored"): a
    word that something began, else one that it ended; "started again" is a recovery."""
    if timeline_words().recovery_sign.search(after):
        return RESOLVED
    starts, ends = _end_word_patterns()
    prepositions = vocabulary().window_start_prepositions
    recovery = _recovery_words()
    # "the first matches started normally": what began is the service working, not the impact.
    if any(said.group() not in prepositions and not recovery.match(after, said.end() + 1)
           for said in starts.finditer(after)):
        return STARTED
    return RESOLVED if ends.search(after) else None


_CLAUSE_JOIN = re.compile(r"[,;:]\s(?:and|et|but|mais|while|alors que)\s|;\s")


def _ended_in_its_clause(before: str) -> bool:
    """Whether the word that says something ended is in the time's own clause, not in
    one before it that a conjunction closed ("... which restored all services, and the
    crews were hands-off by 23:00"); a state lasting "until" the time ends there."""
    joins = [m.end() for m in _CLAUSE_JOIN.finditer(before)]
    clause = before[joins[-1]:] if joins else before
    _, ends = _end_word_patterns()
    tail = " " + clause.rstrip().replace("'", " ").replace("\u2019", " ")
    return ends.search(clause) is not None or tail.endswith(
        tuple(f" {word}" for word in vocabulary().window_end_prepositions)) or (
        timeline_words().recovery_sign.search(clause) is not None)


def _the_response(before: str, after: str) -> bool:
    """Whether what the words say began is the team's work ("Investigation started",
    "Rollback of the change starts"), not the impact: a word of the response among
    the five words before the start word or the two after it, in its clause."""
    starts, _ = _end_word_patterns()
    clause = f"{before} {after}"
    said = next(iter(starts.finditer(clause)), None)
    if said is None:
        return False
    head = re.split(r"[,:;()]", clause[:said.start()])[-1].split()[-5:]
    tail = re.split(r"[,:;()]", clause[said.end():])[0].split()[:2]
    return _words().response.search(" ".join([*head, "|", *tail])) is not None


def _status_label(before: str, after: str) -> list[str]:
    """The words of a time's status label, when its own words are only that: when an
    update was posted ("**Resolved 3/12/2026 4:05 p.m.:**", "21 Apr 2026 · 08:10 UTC —
    Monitoring", "Clôturé le 03/03/2026 à 12:10 :"); else none."""
    colon = after.find(":")
    words = _words()
    tail = after[:colon] if colon >= 0 else after
    label = [word for word in fold(f"{before} {tail}").split()
             if not word.isdigit() and word not in words.filler and not any(ch.isdigit() for ch in word)]
    return label if label and len(label) <= 3 and all(word in words.labels for word in label) else []


# --- the window chosen among them ------------------------------------------------------------


# A time dated this far from the incident's day is another incident's, told for
# comparison ("Déjà le 18 juillet dernier, une panne ... de 14h à 17h").
_ANOTHER_INCIDENT = timedelta(days=31)


def mention_window(mentions: list[WindowMention], around: date | None = None) -> MentionWindow:
    """The start and the end the mentions say, each with the other readings of it:
    the earliest start, and the latest full recovery after it (a partial one only
    when none is told); a recovery told without its date before the start is the
    next day's ("23:10 ... restored at 01:05"). `around`: the incident's day; a
    time dated a month or more away from it is not of this incident."""
    considered = tuple(m for m in mentions if m.meaning is not None and not (
        around is not None and m.dated and abs(m.value.date() - around) > _ANOTHER_INCIDENT))
    # The impact's own start and end, where the words name it, before the incident's.
    starts = sorted((m for m in considered if m.meaning == STARTED), key=lambda m: (not m.impact, m.value))
    if not starts and not any(m.entry for m in mentions):
        # Nothing says when the impact began, and no timeline does: the earliest time
        # the prose says it was seen ("at 05:13, monitoring detected a very high number
        # of errors") is the earliest moment of the incident it tells.
        starts = sorted((m for m in considered if m.meaning == DETECTED), key=lambda m: m.value)
    first = starts[0].value if starts else None
    ends = [_after_midnight(m, first) for m in considered if m.meaning in (RESOLVED, PARTIAL)]
    if first is not None:
        ends = [m for m in ends if m.value > first]
    full = sorted((m for m in ends if m.meaning == RESOLVED), key=lambda m: (m.impact, m.value), reverse=True)
    partial = sorted((m for m in ends if m.meaning == PARTIAL), key=lambda m: (m.impact, m.value), reverse=True)
    change = next((m for m in considered if m.meaning == CHANGE), None)
    after_a_change = bool(starts) and starts[0].entry and change is not None and change.value < starts[0].value
    closed = tuple(sorted((m for m in considered if m.meaning == CLOSED), key=lambda m: m.value, reverse=True))
    return MentionWindow(tuple(starts), tuple(full or partial), considered, after_a_change, closed)


def _after_midnight(mention: WindowMention, start: datetime | None) -> WindowMention:
    """An end written without its date is on the start's day, or the next when its
    clock is before the start's ("23:10 ... restored at 01:05")."""
    if start is None or mention.dated or mention.entry:
        return mention
    local = mention.value
    moved = datetime.combine(start.astimezone(local.tzinfo).date(), local.timetz())
    if moved <= start:
        moved += timedelta(days=1)
    if moved - start > timedelta(hours=24):
        return mention
    return WindowMention(mention.line, moved, mention.meaning, mention.raw, mention.entry, mention.zone_written,
                         mention.dated, mention.impact)


def describe(mention: WindowMention, window: MentionWindow) -> str:
    """How `show` lists a mention: when, what its words say, and why it was or was not
    taken for the start or the end."""
    where = "timeline entry" if mention.entry else "window mention"
    said = f"{where} {_utc(mention.value)} UTC, its words say {mention.meaning}"
    start = window.started[0] if window.started else None
    end = window.resolved[0] if window.resolved else None
    if mention.meaning == STARTED or mention is start:
        if mention is start:
            return f"{said}: the earliest start the document mentions"
        return f"{said}: not the earliest, {_utc(start.value)} UTC (line {start.line})" if start else said
    if mention.meaning in (RESOLVED, PARTIAL):
        if end is not None and mention.line == end.line and mention.value == end.value:
            return f"{said}: the last recovery after the start"
        if start is not None and mention.value <= start.value:
            return f"{said}: not after the start, {_utc(start.value)} UTC (line {start.line})"
        if end is not None:
            return f"{said}: before the last recovery, {_utc(end.value)} UTC (line {end.line})"
        return said
    if mention.meaning == CHANGE:
        return f"{said}: the impact the words tell began later" if window.after_a_change else f"{said}"
    if mention.meaning == CLOSED:
        return f"{said}: the end where nothing states it" if window.closed and mention is window.closed[0] else (
            f"{said}: not the last update posted as resolved")
    return f"{said}: neither the start nor the end"


def _utc(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M")
