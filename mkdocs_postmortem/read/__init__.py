"""Reading: one postmortem file (bytes or text) into one `Postmortem` model.

The stages, each in its own module: encoding (bytes to text, mojibake
repaired), frontmatter (YAML with line numbers) and fields (typed front
matter), structure and sections (Markdown blocks and headings), then facts,
timeline, actions and whys read from the body. The reader never raises on
bad input: what it cannot read becomes a `ReadProblem` with its rule code and
line, and the rules stage reports it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, tzinfo
from pathlib import PurePosixPath
from typing import TypeVar

from mkdocs.plugins import get_plugin_logger

from ..config import Settings
from ..model import PHASES, Postmortem, ReadProblem
from ..zones import zone, zone_label
from .actions import body_actions, front_matter_actions
from .encoding import decode
from .facts import read_facts
from .fields import FieldReader
from .frontmatter import FrontMatter, read_front_matter
from .sections import Body, embedded_body, headings_body, read_body
from .shown import page_text, timeline_html_rows
from .structure import Paragraph
from .text import plain
from .timeline import find_timeline_table, front_matter_rows, mark_phases, place_rows, table_rows, zone_from_lines
from .whys import body_whys, front_matter_whys

__all__ = ["read_postmortem"]

log = get_plugin_logger(__name__)
T = TypeVar("T")


def read_postmortem(source: bytes | str, *, path: str, src_uri: str, settings: Settings) -> Postmortem:
    pm = Postmortem(path=path, src_uri=src_uri, id=PurePosixPath(src_uri).stem or src_uri)
    pm.timezone = settings.default_timezone
    pm.field_sources["id"] = "default"
    if _guarded(pm, "text", lambda: _decode(pm, source)):
        _read(pm, settings, len(source) if isinstance(source, bytes) else len(source.encode("utf-8", "replace")))
    pm.page_text = _guarded(pm, "text", lambda: page_text(pm, source))
    pm.timeline_html_rows = _guarded(pm, "timeline", lambda: timeline_html_rows(pm)) or ()
    return pm


def _guarded(pm: Postmortem, part: str, step: Callable[[], T]) -> T | None:
    """The result of one reading step; a step that fails is recorded and the
    next steps still run, so one unexpected value costs its part, not the file."""
    try:
        return step()
    except Exception as error:  # noqa: BLE001 - a file must never stop a build with a traceback
        log.debug("reading the %s of %s failed", part, pm.path, exc_info=True)
        pm.problems.append(
            ReadProblem(
                "PM001",
                1,
                f"the {part} of this file could not be read ({type(error).__name__}: {error}); "
                "the rest was read. This is a bug in mkdocs-postmortem: report the file to its maintainers",
            )
        )
        return None


def _decode(pm: Postmortem, source: bytes | str) -> bool:
    decoded = decode(source)
    pm.text = decoded.text
    pm.line_count = _line_count(pm.text)
    pm.repaired = decoded.repaired
    pm.problems.extend(decoded.problems)
    return True


def _read(pm: Postmortem, settings: Settings, size: int) -> None:
    front = _guarded(pm, "front matter", lambda: _read_front_matter(pm))
    tz = _guarded(pm, "front matter", lambda: FieldReader(pm, settings).read_all())
    tz = tz or zone(settings.default_timezone) or zone("UTC")

    if size > settings.max_file_size:
        _read_headings_only(pm, settings, size)
        return
    body = _guarded(pm, "body", lambda: _body(pm))
    if body is None:
        return
    pm.sections = body.sections
    if pm.title is None and body.title is not None and plain(body.title.text):
        pm.title = plain(body.title.text)
        pm.field_sources["title"] = "body"

    zone_from_front_matter = "timezone" in pm.field_sources
    document_tz = tz if zone_from_front_matter else (zone_from_lines(_preamble_lines(body)) or tz)
    pm.stated = _guarded(pm, "summary facts", lambda: read_facts(body, settings, document_tz, pm.problems)) or {}
    _fill_from_stated(pm)

    item_lines = front.item_lines if front is not None else {}
    _guarded(pm, "timeline", lambda: _read_timeline(pm, body, item_lines, tz, document_tz, zone_from_front_matter))
    incident_day = _guarded(pm, "timeline", lambda: _incident_day(pm, tz))
    _guarded(pm, "action items", lambda: _read_actions(pm, body, item_lines, incident_day))
    _guarded(pm, "5 Whys", lambda: _read_whys(pm, body, item_lines))


def _read_headings_only(pm: Postmortem, settings: Settings, size: int) -> None:
    """A file over `max_file_size` costs one pass over its lines, whatever it holds."""
    text = "\n".join(pm.text.split("\n")[pm.body_line - 1 :]) if pm.body_line > 1 else pm.text
    body = _guarded(pm, "body", lambda: headings_body(text, pm.body_line))
    if body is not None:
        pm.sections = body.sections
        if pm.title is None and body.title is not None and plain(body.title.text):
            pm.title = plain(body.title.text)
            pm.field_sources["title"] = "body"
    pm.body_read = False
    pm.problems.append(
        ReadProblem(
            "PM105",
            1,
            f"this file has {size:,} bytes, more than max_file_size ({settings.max_file_size:,}): "
            "only its front matter and headings were read, so its timeline, action items, 5 Whys and wording "
            "are not checked; move pasted logs into an attachment, or raise max_file_size",
        )
    )


def _read_front_matter(pm: Postmortem) -> FrontMatter:
    front = read_front_matter(pm.text)
    pm.front_matter = front.data
    pm.front_matter_present = front.present
    pm.field_lines = dict(front.key_lines)
    pm.body_line = front.body_line
    pm.problems.extend(front.problems)
    return front


def _line_count(text: str) -> int:
    """Lines as the reader numbers them (split on "\n"), a final newline ending the last line."""
    count = text.count("\n") + 1
    return count - 1 if count > 1 and text.endswith("\n") else count


def _body(pm: Postmortem) -> Body:
    text = pm.text
    if pm.body_line > 1:
        text = "\n".join(text.split("\n")[pm.body_line - 1 :])
    body = read_body(text, pm.body_line)
    if not body.recognised():
        embedded = embedded_body(text, pm.body_line)
        if embedded is not None:
            pm.body_line = embedded.first_line
            return embedded
    return body


def _preamble_lines(body: Body) -> list[tuple[int, str]]:
    """Paragraph lines where a document-wide zone line ("all times UTC") is written:
    before the first section, or under the summary, dates or timeline."""
    first = body.sections[0].line if body.sections else body.last_line + 1
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


def _fill_from_stated(pm: Postmortem) -> None:
    """Body facts fill what the front matter lacks; the front matter wins otherwise."""
    for name in ("severity", "started", "resolved"):
        fact = pm.stated.get(name)
        if fact is not None and getattr(pm, name) is None:
            setattr(pm, name, fact.value)
            pm.field_sources[name] = "body"
    fact = pm.stated.get("services")
    if fact is not None and not pm.services:
        pm.services = list(fact.value)
        pm.field_sources["services"] = "body"


def _read_timeline(
    pm: Postmortem,
    body: Body,
    item_lines: dict[str, list[int]],
    tz: tzinfo,
    document_tz: tzinfo,
    zone_from_front_matter: bool,
) -> None:
    day_hint = None
    if "timeline" in pm.front_matter and pm.front_matter["timeline"] is not None:
        line = pm.field_lines.get("timeline", 1)
        rows, problems = front_matter_rows(pm.front_matter["timeline"], item_lines.get("timeline", []), line)
        pm.problems.extend(problems)
        table_tz = tz
    else:
        found = find_timeline_table(body)
        rows = table_rows(found)
        # A zone written on the table itself ("Heure (UTC+2)", "all times UTC" just
        # above it) says which clock its rows use, even when the front matter
        # names another zone for the postmortem.
        table_tz = found.zone_hint or (tz if zone_from_front_matter else document_tz)
        day_hint = found.day_hint
    if not rows:
        return
    day = _day_in(pm.started, table_tz)
    anchor = pm.started.astimezone(table_tz).replace(tzinfo=None) if pm.started else None
    if day is None:
        stated_day = pm.stated.get("date")
        day = stated_day.value if stated_day else day_hint
    events, problems = place_rows(rows, day, table_tz, anchor)
    pm.timeline = events
    pm.problems.extend(problems)
    for phase, event in mark_phases(events).items():
        if getattr(pm, phase) is None and event.time is not None:
            setattr(pm, phase, event.time)
            pm.field_sources[phase] = "body"
    if not zone_from_front_matter and table_tz is not zone(pm.timezone):
        # The body says which clock its times are on ("Heure (UTC+2)", "all times UTC").
        pm.timezone = zone_label(table_tz)
        pm.field_sources["timezone"] = "body"


def _day_in(moment: datetime | None, tz: tzinfo) -> date | None:
    return moment.astimezone(tz).date() if moment is not None else None


def _incident_day(pm: Postmortem, tz: tzinfo) -> date | None:
    """The incident's date, for deadlines written without a year."""
    for name in PHASES:
        moment = getattr(pm, name)
        if moment is not None:
            return _day_in(moment, zone(pm.timezone) or tz)
    stated = pm.stated.get("date")
    if stated is not None:
        return stated.value
    for event in pm.timeline:
        if event.time is not None:
            return event.time.date()
    return None


def _read_actions(pm: Postmortem, body: Body, item_lines: dict[str, list[int]], incident_day: date | None) -> None:
    if "actions" in pm.front_matter and pm.front_matter["actions"] is not None:
        line = pm.field_lines.get("actions", 1)
        items, problems = front_matter_actions(pm.front_matter["actions"], item_lines.get("actions", []), line, incident_day)
    else:
        items, problems = body_actions(body, incident_day)
    pm.actions = items
    pm.problems.extend(problems)


def _read_whys(pm: Postmortem, body: Body, item_lines: dict[str, list[int]]) -> None:
    if "five_whys" in pm.front_matter and pm.front_matter["five_whys"] is not None:
        line = pm.field_lines.get("five_whys", 1)
        pm.whys, problems = front_matter_whys(pm.front_matter["five_whys"], item_lines.get("five_whys", []), line)
        pm.whys_line = line
        pm.problems.extend(problems)
    else:
        pm.whys, pm.whys_line = body_whys(body)
