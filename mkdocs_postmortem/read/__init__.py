"""Reading: one postmortem file (bytes or text) into one `Postmortem` model.

The stages, each in its own module: encoding (bytes to text, mojibake
repaired), frontmatter (YAML with line numbers) and fields (typed front
matter, another tool's read through its profile), structure and sections
(Markdown blocks; headings and labelled paragraphs as sections), then facts,
timeline, actions and whys read from the body. The timeline goes one way,
through the stages of the `timeline` package: blocks (each led by a time in
a common form) → temporal mentions (the one clock reader) → scoped context
(the one zone resolver) → entries placed on their day → phases and the
windows the prose states → the window chosen among every reading of it.
Each value found in the body records the stage that found it (`show` prints
it). They fill a working copy (`working.py`), and the frozen model is built
from it once, at the end.

The reader never raises on bad input and never decides what is wrong: what it
cannot take as written becomes a `ReadProblem` that says what it saw (a
`ProblemKind` kind: unreadable YAML, a value not of its type, a timeline entry not
placed for certain, bytes that are not UTF-8) and on which line; it also
records facts such as the repaired lines and a body left unread. The rules
stage decides which rule each falls under and at what level.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timezone, tzinfo
from pathlib import PurePosixPath
from typing import TypeVar

from ..logs import logger
from ..model import PHASES, Note, Postmortem, ProblemKind, ReadProblem, WrittenFact
from ..settings import Settings
from ..zones import abbreviations, zone, zone_label
from .actions import body_actions, front_matter_actions
from .dates import FRONT_MATTER, document_day, file_name_date, opening_lines, posted_day
from .encoding import decode
from .facts import labelled_values, read_facts, stated_zone
from .fields import FieldReader
from .frontmatter import FrontMatter, body_text, read_front_matter
from .headings import heading_key
from .page_text import page_text, timeline_html_rows
from .sections import Body, embedded_body, headings_body, read_body
from .severity import stated_severity
from .structure import ListBlock, Paragraph, Table
from .text import plain
from .timeline.choice import ENDS, WINDOW_DURATION, Duration, Reading, choose_window
from .timeline.date_order import (
    DocumentOrder,
    any_ambiguous_date,
    decide_date_order,
    reading_order,
)
from .timeline.mention_window import (
    describe,
    entry_mentions,
    field_records,
    mention_window,
    prose_mentions,
)
from .timeline.place_zone import place_zone
from .timeline.reading import read_timeline
from .timeline.scope import document_zone, guessed_zone_notes
from .timeline.window import (
    duration_window,
    heading_window,
    says_it_ended,
    stated_duration,
    stated_windows,
)
from .timeline.zone_scopes import heading_zone, heading_zones, table_header_zone
from .values import read_moment
from .vocabulary import vocabulary
from .whys import body_whys, front_matter_whys
from .working import WorkingPostmortem

__all__ = ["read_postmortem"]

log = logger(__name__)
T = TypeVar("T")


def read_postmortem(source: bytes | str, *, path: str, src_uri: str, settings: Settings,
                    explain: bool = False) -> Postmortem:
    """`explain` adds the notes only `show` prints: what each time the prose mentions
    was taken for. A model read to be checked or built, and cached, goes without them."""
    pm = WorkingPostmortem(path=path, src_uri=src_uri, id=PurePosixPath(src_uri).stem or src_uri)
    pm.timezone = settings.default_timezone
    pm.field_sources["id"] = "default"
    pm.size = len(source) if isinstance(source, bytes) else len(source.encode("utf-8", "replace"))
    if _guarded(pm, "text", lambda: _decode(pm, source)):
        _read(pm, settings, explain)
    pm.page_text = _guarded(pm, "text", lambda: page_text(pm, source))
    pm.timeline_html_rows = _guarded(pm, "timeline", lambda: timeline_html_rows(pm)) or ()
    return pm.build()


def _guarded(pm: WorkingPostmortem, part: str, step: Callable[[], T]) -> T | None:
    """The result of one reading step; a step that fails is recorded and the
    next steps still run, so one unexpected value costs its part, not the file."""
    try:
        return step()
    except Exception as error:  # noqa: BLE001 - a file must never stop a build with a traceback
        log.debug("reading the %s of %s failed", part, pm.path, exc_info=True)
        pm.problems.append(
            ReadProblem(
                ProblemKind.UNREADABLE,
                1,
                f"the {part} of this file could not be read ({type(error).__name__}: {error}); "
                "the rest was read. This is a bug in mkdocs-postmortem: report the file to its maintainers",
            )
        )
        return None


def _decode(pm: WorkingPostmortem, source: bytes | str) -> bool:
    decoded = decode(source)
    pm.text = decoded.text
    pm.line_count = _line_count(pm.text)
    pm.repaired = decoded.repaired
    pm.problems.extend(decoded.problems)
    return True


def _read(pm: WorkingPostmortem, settings: Settings, explain: bool) -> None:
    front = _guarded(pm, "front matter", lambda: _read_front_matter(pm))
    fields = FieldReader(pm, settings)
    tz = _guarded(pm, "front matter", fields.read_all) or zone(settings.default_timezone) or zone("UTC")

    if pm.size > settings.max_file_size:
        _read_headings_only(pm)
        return
    body = _guarded(pm, "body", lambda: _body(pm))
    if body is None:
        return
    pm.sections = body.sections
    _read_title(pm, body)
    decided = _guarded(pm, "dates", lambda: _date_order(pm, body))
    if decided is not None:
        pm.notes.append(decided.note())
    with reading_order(decided):
        _read_body(pm, settings, body, front, fields, tz, explain)


def _date_order(pm: WorkingPostmortem, body: Body) -> DocumentOrder | None:
    """The order of day and month of the file's numeric dates, from all of it."""
    if not any_ambiguous_date(pm.text):
        return None
    lines = ([(body.title.line, body.title.text)] if body.title is not None else []) + _text_lines(body)
    lines += [(heading.line, heading.text) for heading in body.headings]
    known = []
    if pm.started is not None and pm.field_sources.get("started") == "front-matter":
        known.append((pm.started.date(), "the front matter's start", pm.source_lines.get("started")))
    named = file_name_date(pm.src_uri)
    if named is not None:
        known.append((named, "the file name", None))
    return decide_date_order(sorted(lines), known)


def _read_body(pm: WorkingPostmortem, settings: Settings, body: Body, front, fields, tz: tzinfo,
               explain: bool) -> None:
    zones = abbreviations(settings.zone_abbreviations)
    zone_from_front_matter = "timezone" in pm.field_sources
    labelled = _guarded(pm, "summary facts", lambda: labelled_values(body)) or []
    document_tz = tz
    if not zone_from_front_matter:
        # A field of its own that names the zone ("| Fuseau horaire | heure de Paris |") is
        # the document's clock, as a front matter `timezone` is.
        found, written, line = stated_zone(labelled, zones) or document_zone(
            _preamble_lines(body), _text_lines(body), zones, vocabulary().timezone_lines,
            _scoped_zones(body, zones), _paragraph_texts(body))
        if found is not None:
            document_tz = found
            pm.notes.extend(guessed_zone_notes(line, written, zones))
        elif written is None:
            document_tz = _place_clock(pm, body) or tz
    pm.stated = _guarded(pm, "summary facts",
                         lambda: _read_stated(body, settings, document_tz, pm.problems, labelled)) or {}
    _fill_from_stated(pm)

    item_lines = front.item_lines if front is not None else {}
    day = _guarded(pm, "dates", lambda: document_day(pm, body, fields.incident_date))
    pm.named_day = day.day if day else None
    marks = _guarded(
        pm, "timeline", lambda: read_timeline(pm, body, item_lines, tz, document_tz, zone_from_front_matter, zones, day)
    ) or {}
    _guarded(pm, "incident window", lambda: _choose_window(pm, body, zones, day, document_tz, marks, explain))
    for phase, event in marks.items():
        if phase not in ENDS and getattr(pm, phase) is None and event.time is not None:
            _from_body(pm, phase, event.time, event.line, TIMELINE_PHASE)
    incident_day = _guarded(pm, "timeline", lambda: _incident_day(pm, tz)) or (day.day if day else None)
    _guarded(pm, "action items", lambda: _read_actions(pm, body, item_lines, incident_day))
    _guarded(pm, "5 Whys", lambda: _read_whys(pm, body, item_lines))
    pm.notes = list(dict.fromkeys(pm.notes))  # a zone line seen for the document and for its timeline


def _place_clock(pm: WorkingPostmortem, body: Body) -> tzinfo | None:
    """The clock of the place the title or the opening names, for a document that names
    no zone at all ("Université Rhône-Alpes Sud", "vers 11 h 20"), with a note."""
    heading = body.title or (body.headings[0] if body.headings else None)
    lines = ([(heading.line, heading.text)] if heading is not None else []) + list(opening_lines(body, summary=False))
    found = place_zone(lines)
    if found is None:
        return None
    pm.notes.append(Note(found.line, f"times without a zone are read on {zone_label(found.zone)}, "
                                     f"the clock of {found.written!r}, the place the document is about"))
    return found.zone


def _read_stated(body: Body, settings: Settings, tz: tzinfo, problems: list[ReadProblem], labelled) -> dict:
    stated = read_facts(body, settings, tz, problems, labelled)
    stated.update({k: v for k, v in stated_severity(body, settings).items() if k not in stated})
    return stated


def _read_headings_only(pm: WorkingPostmortem) -> None:
    """A file over `max_file_size` costs one pass over its lines, whatever it holds."""
    text = body_text(pm.text, pm.body_line)
    body = _guarded(pm, "body", lambda: headings_body(text, pm.body_line))
    if body is not None:
        pm.sections = body.sections
        _read_title(pm, body)
    pm.body_read = False


def _read_front_matter(pm: WorkingPostmortem) -> FrontMatter:
    front = read_front_matter(pm.text)
    pm.front_matter = front.data
    pm.front_matter_present = front.present
    pm.front_matter_format = front.format
    pm.field_lines = dict(front.key_lines)
    pm.body_line = front.body_line
    pm.problems.extend(front.problems)
    return front


def _line_count(text: str) -> int:
    """Lines as the reader numbers them (split on "\n"), a final newline ending the last line."""
    count = text.count("\n") + 1
    return count - 1 if count > 1 and text.endswith("\n") else count


# The reading stages that find a field in the body, as `show` names them.
FACT, TITLE, WINDOW_RANGE, WINDOW_SENTENCE = "fact", "title", "window_range", "window_sentence"
WINDOW_HEADING = "window_heading"
TIMELINE_PHASE, TIMELINE_FIRST_ENTRY = "timeline_phase", "timeline_first_entry"
TIMELINE_LAST_ENTRY, TIMELINE_ENTRY = "timeline_last_entry", "timeline_entry"


def _from_body(pm: WorkingPostmortem, name: str, value, line: int | None, stage: str) -> None:
    setattr(pm, name, value)
    pm.field_sources[name] = "body"
    pm.source_stages[name] = stage
    if line is not None:
        pm.source_lines[name] = line


def _read_title(pm: WorkingPostmortem, body: Body) -> None:
    """The H1, else the first heading that names no section, else the file name."""
    if pm.title is not None:
        return
    heading = body.title
    if heading is None:
        keyed = {section.line for section in body.sections if section.key}
        heading = next(
            (h for h in body.headings if not heading_key(h.text) and h.line not in keyed and plain(h.text)), None
        )
    if heading is not None and plain(heading.text):
        _from_body(pm, "title", plain(heading.text), heading.line, TITLE)
        return
    name = PurePosixPath(pm.src_uri).stem
    words = _FILE_DATE_PREFIX.sub("", name).replace("-", " ").replace("_", " ").strip()
    if words:
        pm.title = words[:1].upper() + words[1:]
        pm.field_sources["title"] = "file_name"


_FILE_DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}[-_ ]?")


def _choose_window(pm: WorkingPostmortem, body: Body, zones, day, tz: tzinfo, marks: dict, explain: bool) -> None:
    """The start and the end, chosen among every reading of them (timeline.choice):
    the front matter's, a fact line's, the window the prose states, the timeline's
    phases and first and last entries, the end of a stated duration. The readings
    set aside become notes that say why (`show` prints them)."""
    fixed = [name for name in ENDS if getattr(pm, name) is not None and pm.field_sources.get(name) == "front-matter"]
    if len(fixed) == len(ENDS):
        return
    readings = [Reading(name, getattr(pm, name), "front_matter", pm.source_lines.get(name), 0, fixed=True)
                for name in fixed]
    readings += [Reading(name, getattr(pm, name), FACT, pm.source_lines.get(name), 1, raw=str(pm.stated[name].raw),
                         zone_written=_names_its_clock(str(pm.stated[name].raw))
                         or _off_the_document_clock(getattr(pm, name), tz))
                 for name in ENDS if name not in fixed and pm.source_stages.get(name) == FACT]
    posted = bool(pm.timeline_source.get("posted"))
    readings += _window_readings(pm, body, zones, day, tz, posted, marks, explain)
    timeline_readings, ended = _timeline_readings(pm, marks, posted)
    readings += timeline_readings
    known_ends = {reading.value for reading in readings if reading.end == "resolved"}
    may_decide = _duration_may_decide(readings) or any(reading.value not in known_ends for reading in ended)
    duration = _stated_duration(pm, body) if may_decide else None
    if duration is not None:
        readings += ended
    choice = choose_window(readings, duration)
    for name, kept in zip(ENDS, (choice.started, choice.resolved)):
        if name in fixed or kept is None:
            continue
        _from_body(pm, name, kept.value, kept.line, kept.stage)
        if kept.stage in _WINDOW_STAGES and kept.raw:
            pm.stated.setdefault(name, WrittenFact(kept.value, kept.raw, kept.line))
    for aside in choice.set_aside:
        reading = aside.reading
        pm.notes.append(Note(reading.line or 1, f"{reading.end} {_utc_text(reading.value)} read by {reading.stage} "
                             f"set aside: {aside.reason}"))


def _duration_may_decide(readings: list[Reading]) -> bool:
    """Whether a stated duration can change the choice (reading the prose for one
    costs a pass): the readings give no end, several, no start (a duration and the end
    give it), or an end not after every start."""
    ends = {r.value for r in readings if r.end == "resolved"}
    starts = [r.value for r in readings if r.end == "started"]
    return len(ends) != 1 or not starts or min(ends) <= max(starts)


def _stated_duration(pm: WorkingPostmortem, body: Body) -> Duration | None:
    stated = pm.stated.get("duration") or stated_duration(body, frozenset(event.line for event in pm.timeline))
    if stated is None or not isinstance(stated.value, (int, float)) or stated.value <= 0:
        return None
    return Duration(float(stated.value), stated.line, _DURATION_END_RANK)


# The rank of each stage's reading of the start and the end: the lowest is believed
# first, where the readings agree (timeline.choice).
_WINDOW_RANKS = {WINDOW_RANGE: 2, WINDOW_HEADING: 3, WINDOW_DURATION: 4, WINDOW_SENTENCE: 5}
_PHASE_RANK, _FIRST_ENTRY_RANK, _DURATION_END_RANK, _LAST_ENTRY_RANK, _ENDED_ENTRY_RANK = 6, 7, 8, 9, 10
_WINDOW_STAGES = frozenset(_WINDOW_RANKS)
# An entry whose words say the impact began or service came back: after the phase an
# entry marks, for the end; after the timeline's first entry, for the start (a stated
# duration may still choose it: "down for 54 minutes" from "8:18am: The API goes down").
_ENTRY_RANKS = {"started": _FIRST_ENTRY_RANK + 1, "resolved": _PHASE_RANK + 1}


def _window_readings(pm: WorkingPostmortem, body: Body, zones, day, tz: tzinfo, posted: bool,
                     marks: dict, explain: bool) -> list[Reading]:
    """Every window the prose states (each range of a line apart), else the first a
    heading or a duration states; and the start and the end chosen from every time
    the document mentions, by what its words say (timeline.mention_window)."""
    on = day.day if day else _first_event_day(pm)
    post_day = posted_day(pm, body, on)  # "yesterday" counts from the day the document was posted
    first = _first_event_day(pm) if posted else None
    if first is not None and on is not None and first < on and day.source != FRONT_MATTER:
        # A report posted days after on top of a status page's updates: the updates are on the
        # incident's day, and the report's times without a date are on that day too.
        on = first
    entries = frozenset(event.line for event in pm.timeline)  # a timeline found under another heading
    moments = tuple(event.time for event in pm.timeline if event.time is not None)
    readings: list[Reading] = []
    source = pm.text.split("\n") if posted else None
    for window in stated_windows(body, zones, on, tz, entries, moments, posted, post_day, source):
        for name, stated in zip(ENDS, (window.started, window.resolved)):
            readings.append(Reading(name, stated.value, WINDOW_RANGE, stated.line, _WINDOW_RANKS[WINDOW_RANGE],
                                    raw=stated.raw, zone_written=window.zone_written))
    if not readings:
        ends, stage = heading_window(body, zones, on, tz), WINDOW_HEADING
        if ends == (None, None):
            ends, stage = duration_window(body, zones, on, tz, entries), WINDOW_DURATION
        readings = [Reading(name, stated.value, stage, stated.line, _WINDOW_RANKS[stage], raw=stated.raw)
                    for name, stated in zip(ENDS, ends) if stated is not None]
    return readings + _mention_readings(pm, body, zones, on, tz, entries, posted, marks, post_day, explain)


def _mention_readings(pm: WorkingPostmortem, body: Body, zones, on, tz: tzinfo, entries, posted: bool,
                      marks: dict, post_day: date | None, explain: bool) -> list[Reading]:
    """The start and the end every time the document mentions gives, by what the words
    around each time say; a status page's entries are posting times, not mentions.
    Where `show` asks (`explain`), each mention whose words say what it is becomes a note."""
    mentions = prose_mentions(body, zones, on, tz, entries, posted, post_day, timeline_read=bool(pm.timeline))
    if not posted:
        mentions += entry_mentions(pm.timeline, field_records(body))
    found = mention_window(mentions, around=on)
    named = _timeline_clock_named(pm)
    if explain:
        pm.notes.extend(Note(mention.line, describe(mention, found)) for mention in found.considered)
    phases = {(name, marks[name].time) for name in ENDS if name in marks}
    readings = []
    for name, said in zip(ENDS, (found.started, found.resolved)):
        for index, mention in enumerate(said):
            if mention.entry and (name, mention.value) in phases:
                break  # the entry that marks the phase reads it already, under the phase's name
            # The others of an end only where a stated duration agrees with them. An entry
            # that names the impact ("| Impact ended | 09:20 |") is believed before the
            # phase an entry of the incident marks ("| Incident closed | 10:40 |").
            rank = _ENTRY_RANKS[name] if mention.entry and not (
                name == "started" and found.after_a_change) and not mention.impact else _WINDOW_RANKS[WINDOW_SENTENCE]
            readings.append(Reading(name, mention.value, TIMELINE_ENTRY if mention.entry else WINDOW_SENTENCE,
                                    mention.line, rank, raw="" if mention.entry else mention.raw,
                                    zone_written=named if mention.entry else mention.zone_written,
                                    agreement_only=index > 0))
    if found.closed and not posted:
        # The latest update posted as resolved ends the window where nothing states the end.
        closed = found.closed[0]
        readings.append(Reading("resolved", closed.value, WINDOW_SENTENCE, closed.line, _LAST_ENTRY_RANK,
                                raw=closed.raw, zone_written=closed.zone_written, posted=True))
    return readings


def _timeline_readings(pm: WorkingPostmortem, marks: dict, posted: bool) -> tuple[list[Reading], list[Reading]]:
    """The timeline's readings: the entries that mark the start and the end, the
    first timed entry and the last when it says something ended; and, apart, every
    other timed entry that says something ended, an end only when the duration the
    text states agrees with it ("down for 50 minutes" and "14:00 search is back",
    before "15:30 all shards fully restored"). On a status page's updates, an
    entry's own time is when it was posted."""
    own_time = {event.line: event.time for event in pm.timeline}
    named = _timeline_clock_named(pm)
    readings = [
        Reading(name, marks[name].time, TIMELINE_PHASE, marks[name].line, _PHASE_RANK, zone_written=named,
                posted=posted and own_time.get(marks[name].line) == marks[name].time)
        for name in ENDS if name in marks and marks[name].time is not None
    ]
    timed = [event for event in pm.timeline if event.time is not None]
    periods = [event for event in timed if event.ended is not None]
    if periods:
        # A table of periods ("| Date | Down | Back |"), even of one row, runs from its first
        # period's start to its last period's end, as the rows themselves state.
        opening = min(periods, key=lambda event: event.time)
        closing = max(periods, key=lambda event: event.ended)
        readings += [Reading("started", opening.time, TIMELINE_FIRST_ENTRY, opening.line, _PHASE_RANK,
                             zone_written=named, posted=posted),
                     Reading("resolved", closing.ended, TIMELINE_LAST_ENTRY, closing.line, _PHASE_RANK,
                             zone_written=named, posted=posted)]
    if len(timed) < 2:
        return readings, []
    # A timeline that marks no start starts at its first timed entry: what an SRE reading it writes down.
    readings.append(Reading("started", timed[0].time, TIMELINE_FIRST_ENTRY, timed[0].line, _FIRST_ENTRY_RANK,
                            zone_written=named, posted=posted))
    last = max(timed, key=lambda event: event.time)
    # The last entry ends the window when it says, with a word of data/reading.yml's
    # `window_end_words`, that something ended ("... the bot was back online at 01:58am UTC").
    if says_it_ended(last.text):
        readings.append(Reading("resolved", last.time, TIMELINE_LAST_ENTRY, last.line, _LAST_ENTRY_RANK,
                                zone_written=named, posted=posted))
    ended = [Reading("resolved", event.time, TIMELINE_ENTRY, event.line, _ENDED_ENTRY_RANK, zone_written=named,
                     posted=posted, agreement_only=True)
             for event in timed if event is not last and says_it_ended(event.text)
             ] if len(timed) > 2 else []  # two entries have none between the first and the last
    return readings, ended


def _timeline_clock_named(pm: WorkingPostmortem) -> bool:
    """Whether the timeline's clock is named: by a scope of the file (a header, a zone
    line), by the front matter, or by each time written with its zone."""
    return bool(pm.timeline_source.get("zone")) or "timezone" in pm.field_lines or all(
        _names_its_clock(event.raw_time) for event in pm.timeline if event.time is not None)


def _names_its_clock(written: str) -> bool:
    """Whether a time as written names its zone ("2026-08-02 13:33 UTC", "14:05+02:00"),
    rather than leaving it to the document's clock ("2026-08-02 13:33")."""
    moment = read_moment(written)
    return moment is None or moment.tz is not None


def _off_the_document_clock(moment, tz: tzinfo) -> bool:
    """Whether a fact was read on a clock of its own, not the document's: the zone its
    label writes ("Start (CET): ...") names it."""
    local = moment.replace(tzinfo=None)
    return moment.utcoffset() != local.replace(tzinfo=tz).utcoffset()


def _utc_text(moment) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def _first_event_day(pm: WorkingPostmortem) -> date | None:
    return next((event.time.date() for event in pm.timeline if event.time is not None), None)


def _body(pm: WorkingPostmortem) -> Body:
    text = body_text(pm.text, pm.body_line)
    body = read_body(text, pm.body_line)
    if "```" in text or "~~~" in text:
        # A specification whose own headings name a section or two ("## Description") around
        # the postmortem it shows in a ```markdown fence: the postmortem is the one that names more.
        embedded = embedded_body(text, pm.body_line)
        if embedded is not None and embedded.recognised() > body.recognised():
            pm.body_line = embedded.first_line
            return embedded
    return body


def _text_lines(body: Body) -> list[tuple[int, str]]:
    """Every line of prose, list item and table row: where a time may be written with its zone
    (read by the date order and by the document's zone: one walk)."""
    if "text_lines" in body.walks:
        return body.walks["text_lines"]
    lines: list[tuple[int, str]] = []
    for block in body.blocks:
        if isinstance(block, Paragraph):
            lines.extend(block.lines)
        elif isinstance(block, ListBlock):
            lines.extend((item.line, item.text) for item in block.items)
        elif isinstance(block, Table):
            lines.extend((row.line, " | ".join(row.cells)) for row in block.rows)
    body.walks["text_lines"] = lines
    return lines


def _scoped_zones(body: Body, zones) -> list[tuple[int, tzinfo | None, str]]:
    """(line, zone, as written) of each zone a table's header or a heading states for its scope."""
    found = [(line, evidence.zone, evidence.written) for line, _, _, evidence in heading_zones(body, zones)]
    # The title's aside governs the whole document ("# Slowness in the health record (all times Central)").
    title = heading_zone(body.title.text, zones) if body.title is not None else None
    if title is not None and title.zone is not None:
        found.append((body.title.line, title.zone, title.written))
    for block in body.blocks:
        if isinstance(block, Table):
            evidence = table_header_zone(block, zones)
            if evidence is not None:
                found.append((block.line, evidence.zone, evidence.written))
    return found


def _paragraph_texts(body: Body) -> list[tuple[int, str]]:
    """(first line, text) of each paragraph, its lines joined: a phrase may be wrapped."""
    return [(block.lines[0][0], " ".join(text for _, text in block.lines))
            for block in body.blocks if isinstance(block, Paragraph) and block.lines]


def _preamble_lines(body: Body) -> list[tuple[int, str]]:
    """Paragraph lines where a document-wide zone line ("all times UTC") is written:
    before the first section, or under the summary, dates or timeline."""
    first = next((s.line for s in body.sections if not s.labelled), body.last_line + 1)
    spans = [body.block_range(body.first_line, first - 1)]
    for key in ("summary", "dates", "timeline"):
        found = body.sections_keyed(key)
        if found:
            spans.append(body.block_range(found[0].line + 1, found[0].end_line))
    lines: list[tuple[int, str]] = []
    for span in spans:
        for index in span:
            block = body.blocks[index]
            if isinstance(block, Paragraph):
                lines.extend(block.lines)
    return lines


def _fill_from_stated(pm: WorkingPostmortem) -> None:
    """Body facts fill what the front matter lacks; the front matter wins otherwise."""
    for name in ("severity", "started", "resolved"):
        fact = pm.stated.get(name)
        if fact is not None and getattr(pm, name) is None:
            _from_body(pm, name, fact.value, fact.line, FACT)
    fact = pm.stated.get("services")
    if fact is not None and not pm.services:
        _from_body(pm, "services", list(fact.value), fact.line, FACT)


def _incident_day(pm: WorkingPostmortem, tz: tzinfo) -> date | None:
    """The incident's date, for deadlines written without a year."""
    for name in PHASES:
        moment = getattr(pm, name)
        if moment is not None:
            return moment.astimezone(zone(pm.timezone) or tz).date()
    stated = pm.stated.get("date")
    if stated is not None:
        return stated.value
    return _first_event_day(pm)


def _read_actions(pm: WorkingPostmortem, body: Body, item_lines: dict[str, list[int]], incident_day: date | None) -> None:
    if "actions" in pm.front_matter and pm.front_matter["actions"] is not None:
        line = pm.field_lines.get("actions", 1)
        items, problems = front_matter_actions(pm.front_matter["actions"], item_lines.get("actions", []), line, incident_day)
    else:
        items, problems = body_actions(body, incident_day), []
    pm.actions = items
    pm.problems.extend(problems)


def _read_whys(pm: WorkingPostmortem, body: Body, item_lines: dict[str, list[int]]) -> None:
    if "five_whys" in pm.front_matter and pm.front_matter["five_whys"] is not None:
        line = pm.field_lines.get("five_whys", 1)
        pm.whys, problems = front_matter_whys(pm.front_matter["five_whys"], item_lines.get("five_whys", []), line)
        pm.whys_line = line
        pm.problems.extend(problems)
    else:
        pm.whys, pm.whys_line = body_whys(body)
