"""Reading: one postmortem file (bytes or text) into one `Postmortem` model.

The stages, each in its own module: encoding (bytes to text, mojibake
repaired), frontmatter (YAML with line numbers) and fields (typed front
matter, another tool's read through its profile), structure and sections
(Markdown blocks; headings and labelled paragraphs as sections), then facts,
timeline, actions and whys read from the body. The timeline goes one way,
through the stages of the `timeline` package: blocks (each led by a time in
a common form) → temporal mentions (the one clock reader) → scoped context
(the one zone resolver) → entries placed on their day → phases and the
window.
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
from datetime import date, timedelta, tzinfo
from pathlib import PurePosixPath
from typing import TypeVar

from ..logs import logger
from ..model import PHASES, Postmortem, ProblemKind, ReadProblem
from ..settings import Settings
from ..zones import abbreviations, zone
from .actions import body_actions, front_matter_actions
from .dates import document_day
from .encoding import decode
from .facts import read_facts
from .fields import FieldReader
from .frontmatter import FrontMatter, body_text, read_front_matter
from .headings import heading_key
from .page_text import page_text, timeline_html_rows
from .sections import Body, embedded_body, headings_body, read_body
from .severity import stated_severity
from .structure import ListBlock, Paragraph, Table
from .text import plain
from .timeline.reading import read_timeline
from .timeline.scope import document_zone, guessed_zone_notes
from .timeline.window import (
    duration_window,
    heading_window,
    says_it_ended,
    sentence_window,
    stated_duration,
    stated_window,
)
from .vocabulary import vocabulary
from .whys import body_whys, front_matter_whys
from .working import WorkingPostmortem

__all__ = ["read_postmortem"]

log = logger(__name__)
T = TypeVar("T")


def read_postmortem(source: bytes | str, *, path: str, src_uri: str, settings: Settings) -> Postmortem:
    pm = WorkingPostmortem(path=path, src_uri=src_uri, id=PurePosixPath(src_uri).stem or src_uri)
    pm.timezone = settings.default_timezone
    pm.field_sources["id"] = "default"
    pm.size = len(source) if isinstance(source, bytes) else len(source.encode("utf-8", "replace"))
    if _guarded(pm, "text", lambda: _decode(pm, source)):
        _read(pm, settings)
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


def _read(pm: WorkingPostmortem, settings: Settings) -> None:
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

    zones = abbreviations(settings.zone_abbreviations)
    zone_from_front_matter = "timezone" in pm.field_sources
    document_tz = tz
    if not zone_from_front_matter:
        found, written, line = document_zone(_preamble_lines(body), _text_lines(body), zones, vocabulary().timezone_lines)
        if found is not None:
            document_tz = found
            pm.notes.extend(guessed_zone_notes(line, written, zones))
    pm.stated = _guarded(pm, "summary facts", lambda: _read_stated(body, settings, document_tz, pm.problems)) or {}
    _fill_from_stated(pm)

    item_lines = front.item_lines if front is not None else {}
    day = _guarded(pm, "dates", lambda: document_day(pm, body, fields.incident_date))
    pm.named_day = day.day if day else None
    marks = _guarded(
        pm, "timeline", lambda: read_timeline(pm, body, item_lines, tz, document_tz, zone_from_front_matter, zones, day)
    ) or {}
    _guarded(pm, "incident window", lambda: _fill_from_window(pm, body, zones, day, document_tz))
    for phase, event in marks.items():
        if getattr(pm, phase) is None and event.time is not None:
            _from_body(pm, phase, event.time, event.line, TIMELINE_PHASE)
    _start_at_first_entry(pm)
    _guarded(pm, "incident window", lambda: _end_of_stated_duration(pm, body))
    _end_at_last_entry(pm)
    incident_day = _guarded(pm, "timeline", lambda: _incident_day(pm, tz)) or (day.day if day else None)
    _guarded(pm, "action items", lambda: _read_actions(pm, body, item_lines, incident_day))
    _guarded(pm, "5 Whys", lambda: _read_whys(pm, body, item_lines))
    pm.notes = list(dict.fromkeys(pm.notes))  # a zone line seen for the document and for its timeline


def _read_stated(body: Body, settings: Settings, tz: tzinfo, problems: list[ReadProblem]) -> dict:
    stated = read_facts(body, settings, tz, problems)
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
WINDOW_HEADING, WINDOW_DURATION = "window_heading", "window_duration"
TIMELINE_PHASE, TIMELINE_FIRST_ENTRY = "timeline_phase", "timeline_first_entry"
TIMELINE_LAST_ENTRY = "timeline_last_entry"


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


def _fill_from_window(pm: WorkingPostmortem, body: Body, zones, day, tz: tzinfo) -> None:
    if pm.started is not None and pm.resolved is not None:
        return
    on = day.day if day else _first_event_day(pm)
    entries = frozenset(event.line for event in pm.timeline)  # a timeline found under another heading
    moments = tuple(event.time for event in pm.timeline if event.time is not None)
    window = stated_window(body, zones, on, tz, entries, moments)
    if window is not None:
        ends, stage = (window.started, window.resolved), WINDOW_RANGE
    else:
        ends, stage = heading_window(body, zones, on, tz), WINDOW_HEADING
        if ends == (None, None):
            ends, stage = duration_window(body, zones, on, tz, entries), WINDOW_DURATION
        if ends == (None, None):
            ends, stage = sentence_window(body, zones, on, tz, entries), WINDOW_SENTENCE
    for name, stated in zip(("started", "resolved"), ends):
        if stated is None:
            continue
        pm.stated.setdefault(name, stated)
        if getattr(pm, name) is None:
            _from_body(pm, name, stated.value, stated.line, stage)


def _start_at_first_entry(pm: WorkingPostmortem) -> None:
    """A timeline that marks no start starts at its first timed entry (when that
    is not after the resolution): what an SRE reading it writes down."""
    if pm.started is not None:
        return
    first = next((event for event in pm.timeline if event.time is not None), None)
    if first is None or sum(1 for event in pm.timeline if event.time is not None) < 2:
        return
    if pm.resolved is not None and first.time > pm.resolved:
        return
    _from_body(pm, "started", first.time, first.line, TIMELINE_FIRST_ENTRY)


def _end_at_last_entry(pm: WorkingPostmortem) -> None:
    """A timeline that marks no end ends at its last timed entry when that entry
    says, with a word of data/reading.yml's `window_end_words`, that something
    ended ("The server was restored and the bot was back online at 01:58am UTC"):
    the phase patterns name what ended, this reads that something did."""
    if pm.started is None or pm.resolved is not None:
        return
    timed = [event for event in pm.timeline if event.time is not None]
    if len(timed) < 2:
        return
    last = max(timed, key=lambda event: event.time)
    if last.time > pm.started and says_it_ended(last.text):
        _from_body(pm, "resolved", last.time, last.line, TIMELINE_LAST_ENTRY)


def _end_of_stated_duration(pm: WorkingPostmortem, body: Body) -> None:
    """A start and how long the impact lasted, with no end stated: the end of that
    duration is the resolution ("an outage lasting 2 hours and 28 minutes", a
    "Duration: 47 min" line)."""
    if pm.started is None or pm.resolved is not None:
        return
    entries = frozenset(event.line for event in pm.timeline)
    stated = pm.stated.get("duration") or stated_duration(body, entries)
    if stated is None or not isinstance(stated.value, (int, float)) or stated.value <= 0:
        return
    _from_body(pm, "resolved", pm.started + timedelta(minutes=stated.value), stated.line, WINDOW_DURATION)


def _first_event_day(pm: WorkingPostmortem) -> date | None:
    return next((event.time.date() for event in pm.timeline if event.time is not None), None)


def _body(pm: WorkingPostmortem) -> Body:
    text = body_text(pm.text, pm.body_line)
    body = read_body(text, pm.body_line)
    if not body.recognised():
        embedded = embedded_body(text, pm.body_line)
        if embedded is not None:
            pm.body_line = embedded.first_line
            return embedded
    return body


def _text_lines(body: Body) -> list[tuple[int, str]]:
    """Every line of prose, list item and table row: where a time may be written with its zone."""
    lines: list[tuple[int, str]] = []
    for block in body.blocks:
        if isinstance(block, Paragraph):
            lines.extend(block.lines)
        elif isinstance(block, ListBlock):
            lines.extend((item.line, item.text) for item in block.items)
        elif isinstance(block, Table):
            lines.extend((row.line, " | ".join(row.cells)) for row in block.rows)
    return lines


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
