"""Stage 4 of the timeline pipeline, entries: timelines written as lists or paragraphs rather than tables, and time
cells written as people write them ("~16:45", "04:49 PM UTC", "[???]").

A list or paragraph run under a timeline heading is a timeline when most of
its items start with a time. A line that is only a date ("**Oct 30**",
"### 2018-08-22") sets the day of the entries below it. Every entry becomes
a row that `timeline.place_rows` places: a full timestamp when its day is
known here, a bare time otherwise (placed on the incident's day).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo

from ...model import Note, ProblemKind, ReadProblem, Section
from ...text import fold, fold_same_length
from ...zones import Abbreviations
from ..sections import Body
from ..structure import Fence, Heading, ListBlock, Paragraph, Table
from ..text import plain
from ..vocabulary import vocabulary
from .blocks import common_form, four_digit_run, split_br
from .clock import (
    DOCUMENT_ORDER,
    WrittenDate,
    WrittenTime,
    date_order,
    find_written_date,
    read_written_time,
    written_dates,
)
from .lead import emphasised_label, moment_first
from .mentions import clock_mentions
from .relative_days import relative_days
from .rows import past_midnight, written_newest_first
from .words import timeline_words

Row = tuple[int, str, str, dict[str, str]]


@dataclass
class Entries:
    """Timeline rows ready for `place_rows`, and what the reader noticed on the way."""

    rows: list[Row] = field(default_factory=list)
    unknown: list[tuple[int, str]] = field(default_factory=list)  # (line, text) of entries with no known time
    approximate: set[int] = field(default_factory=set)
    as_written: dict[int, str] = field(default_factory=dict)  # line -> the time as the author wrote it
    problems: list[ReadProblem] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    line: int | None = None  # the timeline's heading
    day_hint: date | None = None  # the first date line above the entries
    day_hint_line: int | None = None
    zone_hint: tzinfo | None = None
    # A timeline found by what its blocks hold, not under a timeline heading: the
    # section that holds it (None: before the first heading) and its lines.
    found_by_content: bool = False
    scope: Section | None = None
    scope_lines: tuple[int, int] | None = None
    # A status page's updates, each time the moment it was posted, not the moment it tells.
    posted: bool = False
    # The first row under each group's label ("**FRA1:**", "### Bâtiment sud"): a
    # timeline grouped by site or by phase is in order within each group.
    group_starts: set[int] = field(default_factory=set)


_CLOCK_TEXT = re.compile(r"\d{1,2}[:h]\d{2}")


def _date_line(text: str) -> WrittenDate | None:
    """The date of a line that is only a date ("**Oct 30, 2021**", "2018-08-22 (all times UTC)")."""
    flat = plain(text)
    if len(flat) >= 60:
        return None
    found = find_written_date(flat)
    if found is None:
        return None
    start = flat.find(found.text)
    rest = flat[start + len(found.text):]
    if start < 0 or start > 12 or len(rest) >= 40 or _CLOCK_TEXT.search(rest):
        return None  # a sentence that mentions a date, or an entry with its time
    return found


def _last_date(text: str) -> WrittenDate | None:
    """The last date a line of prose writes with its month, nearest what follows it."""
    flat = plain(text)
    if not any(ch.isdigit() for ch in flat):
        return None
    found = [written for _, written in written_dates(flat) if not written.day_only]
    return found[-1] if found else None


def _candidates(
    body: Body, first: int, last: int, zones: Abbreviations
) -> tuple[list[tuple[int, str, bool, bool]], set[int]]:
    """(line, text, top-level?, is heading) of each list item, paragraph line (each
    piece a `<br>` separates), sub-heading and line of a log between lines `first`
    and `last`, with its leading time in the common form; and how many of them
    are status updates with their time written after the message (their lines)."""
    found: list[tuple[int, str, bool, bool]] = []
    posted_updates: set[int] = set()
    # The paragraphs since the last update, heading or list: the message of an
    # update whose time stands under it in a paragraph of its own.
    message: list[tuple[int, str, bool, bool]] = []
    for index in body.block_range(first, last):
        block = body.blocks[index]
        if not isinstance(block, Paragraph):
            message = []
        if isinstance(block, Heading):
            found.append((block.line, block.text, True, True))
        elif isinstance(block, ListBlock):
            found.extend(_item_candidates(block.items, zones))
        elif isinstance(block, Paragraph):
            posted = _posted(block.lines, zones) or _headed(block.lines, zones) or _time_lined(block.lines, zones)
            if posted is None:
                posted = _posted_under(block.lines, message, zones)
                if posted is not None:
                    used = _update_message(message)
                    found = [candidate for candidate in found if candidate not in used]
            if posted is not None:
                message = []
                found.append(posted)
                posted_updates.add(posted[0])
                continue
            # The lines after an update's emphasised label continue it (a hard-wrapped notice,
            # "**Mise à jour, 21h35 :** ..."): its text, not prose between entries.
            labelled = bool(block.lines) and emphasised_label(block.lines[0][1]) is not None
            for position, (line, text) in enumerate(block.lines):
                pieces = [(line, piece, not (labelled and (position or index)), False)
                          for index, piece in enumerate(split_br(text))]
                found.extend(pieces)
                message.extend(pieces)
        elif isinstance(block, Fence) and block.info.lower() in timeline_words().log_fences:
            # A log pasted in a fence: each line is a candidate, led by its timestamp.
            found.extend(
                (block.content_line + offset, text.strip(), True, False)
                for offset, text in enumerate(block.content.split("\n")) if text.strip()
            )
        elif isinstance(block, Table):
            return [], set()  # a table is the timeline: read as one
    four_digits = four_digit_run([text for _, text, _, _ in found])
    return [(line, moment_first(common_form(text, zones, four_digits), zones, heading), top, heading)
            for line, text, top, heading in found], posted_updates


def _item_candidates(items: list, zones: Abbreviations) -> list[tuple[int, str, bool, bool]]:
    """Each item of a list, a candidate. An item that names a step ("1. Incident onset")
    over sub-items that are its fields ("Date and Time: December 11, 2026 – 14:20",
    "Description: ...") is led by the moment its field states, as a table row is by
    its time column: one candidate, the moment first, then the step and the fields."""
    found = []
    index = 0
    while index < len(items):
        item = items[index]
        index += 1
        if not item.paragraphs:
            continue
        line, text = item.paragraphs[0]
        text = " ".join(text.split("\n"))
        fields = []
        while index < len(items) and items[index].depth > item.depth:
            fields.append(items[index])
            index += 1
        stated = _field_moment(text, fields, zones)
        if stated is not None:
            found.append((line, stated, item.depth == 0, False))
            continue
        found.append((line, text, item.depth == 0, False))
        found.extend((sub.paragraphs[0][0], " ".join(sub.paragraphs[0][1].split("\n")), False, False)
                     for sub in fields if sub.paragraphs)
    return found


# A field's label: a few words without a digit ("Date and Time", "Date et heure", "When").
_FIELD_LABEL_WORDS = 4


def _field_moment(text: str, fields: list, zones: Abbreviations) -> str | None:
    """"Incident onset" over "Date and Time: December 11, 2026 – 14:20" and "Description:
    Secrets-store latency rises": "December 11, 2026 – 14:20 — Incident onset — Secrets-store
    latency rises"; None when the item is led by a moment of its own or no field states one."""
    if not fields or read_written_time(text, zones) is not None:
        return None
    values = []
    moment = None
    for sub in fields:
        label, colon, value = " ".join(sub.text.split("\n")).partition(":")
        if not colon or not value.strip():
            return None  # a sub-item that is no field: a list of its own
        if moment is None and len(label.split()) <= _FIELD_LABEL_WORDS and not any(ch.isdigit() for ch in label):
            written = read_written_time(value.strip(), zones)
            if written is not None and not written.unknown and written.clock is not None:
                moment = value.strip()
                continue
        values.append(value.strip())
    if moment is None:
        return None
    return " — ".join([moment, plain(text).strip(" :"), *values])


def _posted(lines: list[tuple[int, str]], zones: Abbreviations) -> tuple[int, str, bool, bool] | None:
    """A status update whose time is written after its message, on a line of its
    own ("**Resolved**" / "Uploads work again." / "Posted Nov 04, 2025 - 15:30 UTC"):
    one candidate, the time leading the message. Only a dated time counts: a
    paragraph that ends on a bare clock is prose."""
    if len(lines) < 2:
        return None
    line, last = lines[-1]
    written = posted_time(last, zones)
    if written is None:
        return None
    message = " ".join(plain(text).strip() for _, text in lines[:-1] if plain(text).strip())
    return line, f"{written.raw} — {message}", True, False


def _posted_under(
    lines: list[tuple[int, str]], message: list[tuple[int, str, bool, bool]], zones: Abbreviations
) -> tuple[int, str, bool, bool] | None:
    """A status update whose time stands in a paragraph of its own under the
    paragraphs of its message ("Resolved" / "Traffic is restored." / "Posted Nov 06,
    2025 - 12:00 PST"): one candidate, the time leading the message."""
    if len(lines) != 1 or not message:
        return None
    line, text = lines[0]
    written = posted_time(text, zones)
    if written is None:
        return None
    said = " ".join(plain(text).strip() for _, text, _, _ in _update_message(message) if plain(text).strip())
    return line, f"{written.raw} — {said}", True, False


def _update_message(paragraphs: list[tuple[int, str, bool, bool]]) -> list[tuple[int, str, bool, bool]]:
    """The paragraphs of an update's message: from its stage label ("Resolved",
    "Monitoring") when one stands above it, else the paragraph right above its
    time (the report's title and preamble are not the first update's message)."""
    stage_words = vocabulary().section_cues.status_updates
    labels = [index for index, (_, text, _, _) in enumerate(paragraphs) if fold(plain(text)) in stage_words]
    return paragraphs[labels[-1]:] if labels else paragraphs[-1:]


# What separates an update's header from its time ("Comment by the network team - 13/10/2025 02:31").
_HEADER_SEPARATORS = (" - ", " – ", " — ", " | ", ": ")


def _headed(lines: list[tuple[int, str]], zones: Abbreviations) -> tuple[int, str, bool, bool] | None:
    """A status update under a header line that ends on its dated time, its
    message on the lines below in the same paragraph ("Comment by the network
    team - 13/10/2025 02:31" / "We see a loss of connectivity."): one candidate,
    the time leading the message."""
    if len(lines) < 2:
        return None
    line, header = lines[0]
    flat = plain(header)
    written = None
    for separator in _HEADER_SEPARATORS:
        label, found, tail = flat.rpartition(separator)
        if found and label.strip():
            written = posted_time(tail, zones)
            if written is not None:
                break
    if written is None:
        return None
    message = " ".join(plain(text).strip() for _, text in lines[1:] if plain(text).strip())
    return line, f"{written.raw} — {message}", True, False


def _time_lined(lines: list[tuple[int, str]], zones: Abbreviations) -> tuple[int, str, bool, bool] | None:
    """A paragraph whose first line is a dated time and nothing else, its message on
    the lines below ("Sun 3 May 2026 02:05:40 PM UTC" / "Disk full on the build
    host."): one candidate, the time leading the message, as a status update."""
    if len(lines) < 2:
        return None
    line, first = lines[0]
    written = posted_time(first, zones)
    if written is None:
        return None
    message = " ".join(plain(text).strip() for _, text in lines[1:] if plain(text).strip())
    return line, f"{written.raw} — {message}", True, False


def posted_time(text: str, zones: Abbreviations) -> WrittenTime | None:
    """The dated time a line is made of, after the word a status page writes
    before it ("Posted Nov 04, 2025 - 15:30 UTC"); None for a bare clock."""
    said = timeline_words().posted.match(fold_same_length(text))
    written = read_written_time(text[said.end():] if said else text, zones, whole=True)
    if written is None or written.unknown or written.date is None:
        return None
    return written


# A run of blocks outside a timeline section is a timeline when at least this many of
# them are led by a time (and they are at least as many as the prose around them):
# one or two times leading paragraphs of a summary are prose.
_TIMED_WITHOUT_HEADING = 3
# Sections whose timed lines are not a timeline: the action items' deadlines.
_NOT_TIMELINES = ("timeline", "actions")


def entry_timeline(
    body: Body, zones: Abbreviations, document_dates: list[WrittenDate], reference: date | None,
    incident_day: date | None = None, post_day: date | None = None,
) -> Entries | None:
    """The first list/paragraph timeline under a timeline heading, else the first
    run of blocks that most lead with a time, under any other heading (an
    "Updates:" label, "## How it unfolded"), or None.

    `reference`: the incident's day from the rest of the document, for the year
    of dates written without one ("Saturday Oct 30th"); `incident_day`: that day
    when the document names one, near which a day's name alone ("Samedi 18h")
    falls; `post_day`: the day the document was posted, from which a scope's
    "last night" or "hier soir" counts."""
    spans = _timeline_spans(body)
    told = _Told(body, post_day, incident_day)
    for first, last, line in spans:
        found = _timeline_between(body, first, last, zones, 2)
        if found is not None:
            result = _entries(line, found[0], zones, document_dates, reference, _heading_date(body, line), incident_day, told)
            result.posted = found[1]
            return result
    for first, last, line in spans:
        found = _prose_between(body, first, last, zones)
        if found is not None:
            return _entries(line, found, zones, document_dates, reference, _heading_date(body, line), incident_day, told)
    for first, last, section in _scopes(body, zones):
        found = _timeline_between(body, first, last, zones, _TIMED_WITHOUT_HEADING) or _timed_list(
            body, first, last, zones)
        if found is not None:
            result = _entries(section.line if section else None, found[0], zones, document_dates, reference, None,
                              incident_day, told)
            result.posted = found[1]
            result.scope = section
            result.found_by_content = True
            result.scope_lines = (first, last)
            return result
    for first, last, enough, section in _moment_runs(body, zones):
        found = _timeline_between(body, first, last, zones, enough)
        if found is not None:
            result = _entries(first, found[0], zones, document_dates, reference, None, incident_day, told)
            result.posted = found[1]
            result.scope = section
            result.found_by_content = True
            # The run belongs to the section around it, or to the file: a zone its
            # preamble states ("Toutes les heures sont à l'heure de Genève") governs it.
            result.scope_lines = (section.line + 1 if section is not None else body.first_line, last)
            return result
    for first, last, section in _scopes(body, zones):
        found = _narrative_between(body, first, last, zones) or _stated_list(body, first, last, zones)
        if found is not None:
            result = _entries(section.line if section else None, found, zones, document_dates, reference, None, incident_day,
                              told)
            result.scope = section
            result.found_by_content = True
            result.scope_lines = (first, last)
            return result
    return None


@dataclass(frozen=True)
class _Told:
    """Where the days written relative to the post count from: "## What we saw last
    night", "Le fil d'hier soir" date what they hold like a written date."""
    body: Body
    post_day: date | None
    incident_day: date | None

    def day_in(self, text: str) -> date | None:
        """The last day `text` writes relative to the post, or None."""
        if self.post_day is None:
            return None
        found = relative_days(fold_same_length(plain(text)), self.post_day, self.incident_day)
        return found[-1][1] if found else None

    def heading_day(self, line: int | None) -> date | None:
        section = next((section for section in self.body.sections if section.line == line), None)
        return self.day_in(section.title) if section is not None and not section.labelled else None


def _heading_date(body: Body, line: int) -> WrittenDate | None:
    """The date the timeline's own heading states ("## Timeline (all times UTC,
    Monday 6 April 2026)"): the day of its entries until one states another."""
    section = next((section for section in body.sections if section.line == line), None)
    return find_written_date(section.title) if section is not None and not section.labelled else None


def _moment_runs(body: Body, zones: Abbreviations) -> list[tuple[int, int, int, Section | None]]:
    """(first line, last line, entries needed, section around) of each run of
    headings of one level that are led by moments, wherever they stand: under a
    section of any name ("## How the night went" over "### 21:10 UTC: workers
    stop", ...), or at the top of a status feed ("## Update of 8 October 2026,
    17:45 UTC", one per update). Each heading leads what is told under it; a run
    whose every heading states its date is a feed of updates, two are enough,
    otherwise three. Headings in the action items are their deadlines, not moments."""
    sections = {section.line: section for section in body.sections if not section.labelled}
    headings = [block for block in body.blocks if isinstance(block, Heading) and block.line in sections]
    runs: list[list[tuple[Heading, bool]]] = []
    current: list[tuple[Heading, bool]] = []
    for heading in headings:
        if current and heading.level > current[0][0].level:
            continue  # a sub-heading inside the run's entries
        moment = _heading_moment(heading.text, zones)
        if moment is None or sections[heading.line].key in _NOT_TIMELINES or (
                current and heading.level != current[0][0].level):
            if current:
                runs.append(current)
            current = []
        if moment is not None and sections[heading.line].key not in _NOT_TIMELINES:
            current.append((heading, moment))
    if current:
        runs.append(current)
    found = []
    for run in runs:
        dated = all(moment for _, moment in run)
        if len(run) < (2 if dated else _TIMED_WITHOUT_HEADING):
            continue
        first, last = run[0][0].line, sections[run[-1][0].line].end_line
        around = [section for section in body.sections
                  if not section.labelled and section.line < first and section.end_line >= last]
        found.append((first, last, 2 if dated else _TIMED_WITHOUT_HEADING,
                      max(around, key=lambda section: section.line) if around else None))
    return found


def _heading_moment(text: str, zones: Abbreviations) -> bool | None:
    """Whether a heading led by a moment states its date (None: no moment leads it)."""
    written = read_written_time(moment_first(common_form(text, zones, False), zones, True), zones)
    if written is None:
        whole = read_written_time(text, zones, whole=True)  # "### 15 h"
        return None if whole is None or whole.unknown else False
    if written.unknown:
        return None
    return written.date is not None


def _timed_list(body: Body, first: int, last: int, zones: Abbreviations):
    """The first list between lines `first` and `last` whose items lead with a time,
    when the prose around it outweighs it ("Here's what happened:", a dated list,
    then paragraphs of apology): the list is a block of its own, a timeline by
    what it holds wherever it stands."""
    for index in body.block_range(first, last):
        block = body.blocks[index]
        if isinstance(block, ListBlock):
            found = _timeline_between(body, block.line, block.line, zones, _TIMED_WITHOUT_HEADING)
            if found is not None:
                return found
    return None


def _timeline_spans(body: Body) -> list[tuple[int, int, int]]:
    """(first line, last line, line of the section) of the timeline sections. A
    labelled section's own paragraph is its first content ("**Resolved** - Uploads
    work again."), and timeline sections that follow one another are one timeline:
    a status page's updates, one labelled stage each ("**Resolved**" / message /
    time, then "**Monitoring**" ...), are one run of entries."""
    spans: list[tuple[int, int, int]] = []
    for section in sorted(body.sections_keyed("timeline"), key=lambda section: section.line):
        first = section.line if section.labelled else section.line + 1
        if spans and section.labelled and spans[-1][1] + 1 >= section.line:
            spans[-1] = (spans[-1][0], max(spans[-1][1], section.end_line), spans[-1][2])
            continue
        spans.append((first, section.end_line, section.line))
    return spans


def _scopes(body: Body, zones: Abbreviations):
    """(first line, last line, section or None) of the blocks each section holds
    itself (its sub-sections apart), of those before the first section, and of
    those after a labelled section ("Things we're doing:" and its list) up to the
    next section: they belong to the section around them, if any. A label that
    heads a status update, its dated time beside it ("**Root cause analysis** -
    2026-07-09 10:45 UTC"), names the update's stage, not a section: it does not
    cut the run of updates it stands in."""
    sections = sorted(
        (section for section in body.sections if not (section.labelled and _update_label(body, section, zones))),
        key=lambda section: section.line,
    )
    starts = [section.line for section in sections]
    if not sections or sections[0].line > body.first_line:
        yield body.first_line, (starts[0] - 1 if starts else body.last_line), None
    open_sections: list[Section] = []  # the sections around the current one, innermost last
    for section in sections:
        after = bisect_right(starts, section.line)  # the next section's start, in one look
        following = starts[after:after + 1]
        own_end = min(section.end_line, following[0] - 1) if following else section.end_line
        if section.key not in _NOT_TIMELINES:
            yield section.line + 1, own_end, section
        while open_sections and open_sections[-1].end_line < section.line:
            open_sections.pop()
        gap_end = following[0] - 1 if following else body.last_line
        if own_end < gap_end:
            holder = next((other for other in reversed(open_sections) if other.end_line > own_end), None)
            if holder is None or holder.key not in _NOT_TIMELINES:
                yield own_end + 1, min(gap_end, holder.end_line) if holder else gap_end, holder
        open_sections.append(section)


def _update_label(body: Body, section: Section, zones: Abbreviations) -> bool:
    """Whether a labelled section's paragraph is a status update headed by its
    label and its dated time, its message below."""
    for index in body.block_range(section.line, section.line):
        block = body.blocks[index]
        if isinstance(block, Paragraph) and block.line == section.line:
            return _headed(block.lines, zones) is not None
    return False


def _timeline_between(body: Body, first: int, last: int, zones: Abbreviations, enough: int):
    """(the parsed candidates, are they status updates with their posting times?) of
    lines `first` to `last` when they are a timeline, else None."""
    candidates, posted_updates = _candidates(body, first, last, zones)
    candidates = _told_below(candidates, zones)
    # Two status updates, each a message with its dated time under it, are a timeline
    # wherever they stand, whatever prose surrounds them (a postmortem pasted above
    # the updates): the shape says it as much as a heading would.
    posted = len(posted_updates) >= 2
    if posted:
        candidates, enough = [c for c in candidates if c[0] in posted_updates], 2
    parsed = [entry for entry in (_parsed(line, text, top, heading, zones) for line, text, top, heading in candidates)
              if not _posts_the_report(entry[4])]
    timed = sum(1 for _, _, _, _, written, _ in parsed if written is not None)
    others = sum(1 for _, _, top, heading, written, marker in parsed
                 if written is None and top and not heading and marker is None)
    if timed >= enough and timed >= others:
        if not posted:
            parsed = _told_within(parsed, _paragraph_starts(body, first, last), zones)
        return _oldest_first(parsed), posted
    run = _longest_timed_run(parsed)
    if sum(1 for *_, written, _ in run if written is not None) >= max(enough, _TIMED_WITHOUT_HEADING):
        return _oldest_first(run), posted
    return None


def _posts_the_report(written: WrittenTime | None) -> bool:
    """An update whose label is the posting of the report ("postmortem", "RCA", "Retour
    d'expérience"): published after the incident, it is none of its moments."""
    if written is None:
        return False
    label = plain(written.rest).strip(" \t:,–—|·•-").split(" — ")[0]
    return " ".join(fold(label).split()) in timeline_words().report_stages


def _paragraph_starts(body: Body, first: int, last: int) -> set[int]:
    return {body.blocks[index].line for index in body.block_range(first, last)
            if isinstance(body.blocks[index], Paragraph)}


def _told_within(parsed: list, starts: set[int], zones: Abbreviations) -> list:
    """A timeline of paragraphs led by their times, with one telling its moment
    further in ("The vendor only reached the site at 09:30 and ...", "Nous n'avons
    vu un mieux qu'à partir de 11:50."): that paragraph is an entry too, at the
    first time it states, when that time falls between the entries before and
    after it. A line that continues an entry, a paragraph before the first entry
    or after the last (a preamble, a meeting planned later), or a time told out of
    order, stays prose."""
    timed = [index for index, entry in enumerate(parsed) if entry[4] is not None]
    result = list(parsed)
    for index, (line, text, top, heading, written, marker) in enumerate(parsed):
        if written is not None or marker is not None or heading or not top or line not in starts:
            continue
        lead = _mention_lead(plain(text), zones)
        said = _parsed(line, f"{lead} — {plain(text)}", top, heading, zones) if lead else None
        if said is None or said[4] is None or said[4].unknown:
            continue
        before = next((parsed[i][4] for i in reversed(timed) if i < index), None)
        after = next((parsed[i][4] for i in timed if i > index), None)
        clock = said[4].clock
        if (before is not None and (before.unknown or before.clock > clock)) or (
            after is not None and (after.unknown or clock > after.clock)
        ) or before is None or after is None:
            continue
        result[index] = said
    return result


def _longest_timed_run(parsed: list) -> list:
    """The longest run of consecutive entries led by a time, with the lines under
    them and the date lines between them: updates pasted under a list of the
    services' states, or after a paragraph, are a timeline whatever surrounds them."""
    best: list = []
    current: list = []
    for entry in parsed:
        _, _, top, _, written, marker = entry
        if written is not None or (current and (not top or marker is not None)):
            current.append(entry)
            if len(current) > len(best):
                best = list(current)
        else:
            current = []
    while best and best[-1][4] is None:  # a date line after the last entry dates nothing
        best.pop()
    return best


def _prose_between(body: Body, first: int, last: int, zones: Abbreviations):
    """A timeline told in prose under a timeline heading, one paragraph or list
    item per moment with its time inside the sentence ("A first alert fired at
    05:28 CET, when ...", "Calls piled up, and by 06:24 every node was down", "Mail
    is back on Saturday 22 August at 14:10."): each paragraph or item that states a
    time is an entry at the first time it states, on the date (or the day's name)
    it states if any. Most of them, and two at least, must state one; with a list,
    every item must state one and the times go forward, or the list is one of
    facts ("We looked at the graphs", "We restarted things at 10:00"), not a
    timeline."""
    texts: list[tuple[int, str]] = []
    listed = False
    for index in body.block_range(first, last):
        block = body.blocks[index]
        if isinstance(block, Paragraph) and block.lines:
            texts.append((block.line, " ".join(plain(text) for _, text in block.lines)))
        elif isinstance(block, ListBlock):
            listed = True
            texts.extend(
                (item.paragraphs[0][0], plain(" ".join(item.paragraphs[0][1].split("\n"))))
                for item in block.items if item.paragraphs and item.depth == 0
            )
        elif isinstance(block, (Table, Fence)):
            return None  # a table or a log was read by the stage before
    led = []
    for line, text in texts:
        lead = _mention_lead(text, zones)
        if lead is not None:
            led.append((line, f"{lead} — {text}", True, False))
    if len(led) < 2 or 2 * len(led) < len(texts) or (listed and len(led) < len(texts)):
        return None
    parsed = [_parsed(line, text, top, heading, zones) for line, text, top, heading in led]
    if sum(1 for *_, written, _ in parsed if written is not None) < 2:
        return None
    if listed and not _goes_forward([entry[4] for entry in parsed if entry[4] is not None]):
        return None
    return _oldest_first(parsed)


def _mention_lead(text: str, zones: Abbreviations) -> str | None:
    """The first time a sentence states, as it would lead an entry: with the word
    of approximation before it, and the date or the day's name written beside it
    ("revient le samedi à 19 h 30" -> "samedi 19 h 30"); None when it states none."""
    mentions = clock_mentions(text, zones)
    if not mentions:
        return None
    said = mentions[0]
    when = text[said.start:said.end].strip()
    before = fold(text[:said.start]).split()
    if before and before[-1] in vocabulary().approximate_words:
        when = f"{before[-1]} {when}"
    dated = _date_near(text, said.start, said.end)
    if dated is None:
        named = _day_named_before(before)
        return f"{named} {when}" if named else when
    return f"{dated} {when}"


# How many words before a time a day's name may stand ("le samedi à 19 h 30", "on Sunday at 9:05").
_DAY_NAME_REACH = 3


def _day_named_before(words: list[str]) -> str | None:
    """The day's name among the last few (folded) words before a time."""
    names = vocabulary().weekday_numbers
    return next((word for word in reversed(words[-_DAY_NAME_REACH:]) if word.strip(",.") in names), None)


# A narrative is a timeline when at least this many of its sentences state a moment:
# a summary's window ("from 14:05 to 15:10 UTC") is one sentence.
_TIMED_SENTENCES = 3
# The end of a sentence: a stop, a question or exclamation mark before a blank.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def _narrative_between(body: Body, first: int, last: int, zones: Abbreviations):
    """A timeline told as a story in the paragraphs of a section, its sentences
    stating the moments one after the other ("On Tuesday, at 14:05 the processor
    failed. Around 14:20 on-call was paged.", "Vers 23 h 45, la direction a
    décidé ..."): each time a sentence states is an entry, from that time to the
    next, on the date written beside it or the day of the entry before. At least
    three sentences, and half of all, must state a time, and the times must go
    forward: an account that mentions a few times, or a summary's window told
    again, is no timeline. Lists and tables are no story."""
    sentences: list[tuple[int, str]] = []
    total = 0
    for index in body.block_range(first, last):
        block = body.blocks[index]
        if isinstance(block, (Table, Fence, ListBlock)):
            return None
        if isinstance(block, Paragraph) and block.lines:
            text = " ".join(plain(line_text) for _, line_text in block.lines)
            pieces = [(block.line, piece) for piece in _SENTENCE_END.split(text) if piece.strip()]
            total += len(pieces)
            sentences.extend((line, piece) for line, piece in pieces if clock_mentions(piece, zones))
    if len(sentences) < _TIMED_SENTENCES or 2 * len(sentences) < total:
        return None
    approximate = vocabulary().approximate_words
    led = []
    for line, sentence in sentences:
        mentions = clock_mentions(sentence, zones)
        for said, following in zip(mentions, [*mentions[1:], None], strict=True):
            when = sentence[said.start:said.end].strip()
            before = fold(sentence[:said.start]).split()
            if before and before[-1] in approximate:
                when = f"{before[-1]} {when}"
            dated = _date_near(sentence, said.start, said.end)
            told_here = sentence[: following.start if following else len(sentence)]
            led.append((line, f"{dated + ' ' if dated else ''}{when} — {told_here}", True, False))
    parsed = [_parsed(line, text, top, heading, zones) for line, text, top, heading in led]
    parsed = [entry for entry in parsed if entry[4] is not None]
    if len(parsed) < _TIMED_SENTENCES or not _goes_forward([entry[4] for entry in parsed]):
        return None
    return parsed


def _stated_list(body: Body, first: int, last: int, zones: Abbreviations):
    """The first list between lines `first` and `last` whose every item states a
    moment inside its sentence, three at least, going forward ("- The alert fired
    at 14:20 UTC.", "- Le wifi revient le mardi à 10 h 15."): a story told one
    item per moment, a timeline under any heading but the action items'. A list
    with an item that states no time, or whose times go back, is one of facts."""
    for index in body.block_range(first, last):
        block = body.blocks[index]
        if not isinstance(block, ListBlock):
            continue
        items = [(item.paragraphs[0][0], plain(" ".join(item.paragraphs[0][1].split("\n"))))
                 for item in block.items if item.paragraphs and item.depth == 0]
        if len(items) < _TIMED_SENTENCES:
            continue
        leads = [_mention_lead(text, zones) for _, text in items]
        if None in leads:
            continue
        parsed = [_parsed(line, f"{lead} — {text}", True, False, zones) for (line, text), lead in zip(items, leads, strict=True)]
        said = [entry[4] for entry in parsed]
        if None not in said and _goes_forward(said):
            return parsed
    return None


def _goes_forward(said: list[WrittenTime]) -> bool:
    """Whether a story's times go forward: on the same day (no new date written),
    no time is earlier than the one before it."""
    previous: time | None = None
    for written in said:
        if written.date is not None:
            previous = None
        if previous is not None and written.clock < previous:
            return False
        previous = written.clock
    return True


def _date_near(text: str, start: int, end: int) -> str | None:
    """The date written with a time in prose: the nearest one on either side that
    no other time stands between ("At 00:40 on May 2, 2025", "le 12 mars, vers 5 h")."""
    best = None
    for position, written in written_dates(text):
        after = position >= end
        gap = position - end if after else start - (position + len(written.text))
        if 0 <= gap <= 12 and (best is None or gap < best[0]):
            best = (gap, written.text)
    return best[1] if best else None


def _told_below(candidates: list[tuple[int, str, bool, bool]], zones: Abbreviations) -> list[tuple[int, str, bool, bool]]:
    """A heading that is a moment ("### 13:02 UTC", "### 14h05", "### 10:12 PM
    (June 7)"), or any block that is only a moment ("6:32" in a paragraph of its
    own), leads what is told under it up to the next heading or moment: the first
    paragraph or item below is its entry, led by the heading's time (and the date
    a bracket beside it states), the other blocks continue that entry unless they
    lead with a time of their own."""
    merged: list[tuple[int, str, bool, bool]] = []
    index = 0
    while index < len(candidates):
        line, text, top, heading = candidates[index]
        below = candidates[index + 1] if index + 1 < len(candidates) else None
        lead = None
        if below is not None and not below[3]:
            lead = _heading_lead(text, zones) if heading else _moment_alone(text, zones)
        if lead is not None and read_written_time(below[1], zones) is None:
            merged.append((line, f"{lead} — {below[1]}", top, False))
            index += 2
            while index < len(candidates) and not candidates[index][3]:
                following = candidates[index]
                if _moment_alone(following[1], zones) is not None:
                    break  # the next moment, which leads the blocks under it in turn
                led = read_written_time(following[1], zones) is not None
                merged.append(following if led else (following[0], following[1], False, False))
                index += 1
            continue
        merged.append((line, text, top, heading))
        index += 1
    return merged


# What may stand beside a heading's time and still leave the heading a moment: a
# remark in brackets ("(June 7)", "(heure de Paris)"), short.
_HEADING_REMARK = re.compile(r"^[(\[][^()\[\]]{1,40}[)\]]$")


def _moment_alone(text: str, zones: Abbreviations) -> str | None:
    """The moment a block is made of and nothing else ("6:32", "**14:05 UTC**",
    "22 h 10"): like a heading that is a moment, it leads the blocks under it."""
    written = read_written_time(text, zones, whole=True)
    return written.raw if written is not None and not written.unknown else None


def _heading_lead(text: str, zones: Abbreviations) -> str | None:
    """What a heading led by a moment gives the entry it leads, when what is told
    under it is the entry's text: the moment alone ("### 13:02 UTC"), with the
    date a bracket states; or the moment and the stage of a status update, a
    label written before the moment ("## Update of 8 October 2026, 17:45 UTC") or
    after it ("### 12 Jun 2026 08:10 UTC — Resolved"), a few words or a stage
    word. None for a heading that tells what happened itself in a sentence, or
    that no moment leads."""
    alone = _moment_of_heading(text, zones)
    if alone is not None:
        return alone
    written = read_written_time(text, zones)
    if written is None or written.unknown:
        return None
    stage = fold(plain(written.rest).strip(" -–—:·"))
    if len(stage.split()) <= _STAGE_WORDS or stage in vocabulary().section_cues.status_updates:
        return plain(text)
    return None


# A heading's words after its moment that name the update's stage, not what happened:
# "Resolved", "Update", "Mise à jour", "Point de situation".
_STAGE_WORDS = 3


def _moment_of_heading(text: str, zones: Abbreviations) -> str | None:
    """The time a heading is made of, with the date a bracket beside it states
    ("10:12 PM (June 7)" -> "June 7 10:12 PM"); None for a heading that tells
    what happened or that is no time."""
    written = read_written_time(text, zones)
    if written is None:
        # An hour alone is a time only where nothing else stands beside it ("### 15 h").
        whole = read_written_time(text, zones, whole=True)
        return None if whole is None or whole.unknown else " ".join(
            filter(None, (f"{whole.clock:%H:%M}", whole.zone_text)))
    if written.unknown:
        return None
    rest = written.rest.strip(" -–—:")
    if not rest:
        return written.raw
    if not _HEADING_REMARK.match(rest):
        return None
    dated = find_written_date(rest[1:-1]) if written.date is None else None
    return f"{dated.text} {written.raw}" if dated is not None else written.raw


def _oldest_first(parsed: list) -> list:
    """The candidates in time order: a timeline written newest first (a status
    page's updates, most recent on top) is turned around. Only a run of bare
    clock times whose steps go back more often than forward is: dates and date
    lines keep the order the author gave."""
    timed = [written for _, _, _, _, written, _ in parsed if written is not None and written.clock is not None]
    if any(marker is not None for *_, marker in parsed):
        return parsed
    dated = [_instant(written) for written in timed]
    if any(written.date is not None for written in timed):
        # Dated entries (a status page's "Posted Nov 04, 2025 - 15:30") are turned
        # around only when every one has a certain date: a guess keeps the author's order.
        if all(dated) and _one_way_of_dating(timed, dated):
            keys, limit = [moment.timestamp() / 60 for moment in dated], None
        elif len({written.date.text if written.date else None for written in timed}) == 1:
            # One date on every entry, however it reads ("3/12/2026"): its clocks order the feed.
            keys, limit = [written.clock.hour * 60 + written.clock.minute for written in timed], None
        else:
            return parsed
    else:
        keys, limit = [written.clock.hour * 60 + written.clock.minute for written in timed], 12 * 60
    return list(reversed(parsed)) if written_newest_first(keys, limit) else parsed


def _one_way_of_dating(timed: list, dated: list[datetime]) -> bool:
    """Whether a feed's dates can be put in time order: all written with their year, or all
    without it and within half a year (a feed across a new year keeps the author's order)."""
    years = {written.date.year is not None for written in timed}
    return years == {True} or (years == {False} and _within_a_season(dated))


def _instant(written: WrittenTime) -> datetime | None:
    """The moment of a time written with a date whose order is certain, else None. A date
    without its year ("Mar 3, 01:15") is placed in one leap year for all: within a feed
    the dates follow each other (a feed across a new year is told by _within_a_season)."""
    if written.date is None or written.date.order is None:
        return None
    day, guessed = written.date.resolve(None, None if written.date.year is not None else _ANY_YEAR)
    return datetime.combine(day, written.clock) if day is not None and not guessed else None


_ANY_YEAR = date(2000, 1, 1)  # a leap year: "Feb 29" is a day in it
_SEASON = timedelta(days=183)


def _within_a_season(moments: list[datetime]) -> bool:
    """Whether the moments of a feed span less than half a year: dates without their
    year across a new year ("Dec 31", "Jan 1") are then not ordered by their month."""
    return max(moments) - min(moments) < _SEASON


def _parsed(line: int, text: str, top: bool, heading: bool, zones: Abbreviations):
    """A candidate with its time (None for a line that starts with none, or a
    heading that is not a moment of its own) and, when it has no time, the date it
    is made of (None for prose). A heading led by a time and naming what happened
    ("### 09:12 UTC — deploy begins") is an entry like a list item."""
    written = read_written_time(text, zones)
    if heading and written is not None and not written.rest:
        written = None
    if written is not None:
        return line, text, top, heading, written, None
    # A heading over a group of entries dates them wherever it states its date
    # ("### Phase two: recovery (Friday 8 May 2026)").
    marker = _date_line(text) or (find_written_date(text) if heading else None)
    return line, text, top, heading, None, marker


def _entries(
    heading_line: int | None, parsed, zones: Abbreviations, document_dates: list[WrittenDate], reference: date | None,
    heading_date: WrittenDate | None = None, incident_day: date | None = None, told: _Told | None = None,
) -> Entries:
    result = Entries(line=heading_line)
    dates = list(document_dates)
    if heading_date is not None:
        parsed = [(heading_line, heading_date.text, True, False, None, heading_date), *parsed]
    for _, _, _, _, written, marker in parsed:
        if written is not None and written.date is not None:
            dates.append(written.date)
        elif marker is not None:
            dates.append(marker)
    order = DOCUMENT_ORDER.get() or date_order(dates)  # the whole file's evidence first
    reported: set[str] = set()  # an ambiguous date is said once, where first written
    day: date | None = told.heading_day(heading_line) if told is not None and heading_date is None else None
    if day is not None:  # "## What we saw last night": the day its heading writes relative to the post
        result.day_hint, result.day_hint_line = day, heading_line
    previous: time | None = None
    labelled = False  # a group's label stands since the last row
    for line, text, top, heading, written, marker in parsed:
        if written is None and top and (heading or _group_label(text)):
            labelled = True
        if written is None:
            dated = _day_entry(text) if marker is None and top else None
            if dated is not None:  # "**Apr 3**: coordinated call ...": that day, no time
                resolved, _ = dated[0].resolve(order, _year_reference(day or reference))
                if resolved is not None:
                    day, previous = resolved, None
                result.unknown.append((line, dated[1]))
                result.notes.append(Note(line, f"entry {dated[0].text!r} states a day and no time: kept without a time"))
                continue
            if marker is not None:
                resolved, guessed = marker.resolve(order, _year_reference(day or reference))
                if resolved is not None:
                    if guessed and marker.text not in reported:
                        reported.add(marker.text)
                        result.problems.append(ambiguous_date(line, marker, resolved))
                    if day is None and not result.rows:
                        result.day_hint, result.day_hint_line = resolved, line
                    day, previous = resolved, None
            elif not result.rows and not heading:
                # Prose before the first entry ("Times below are UTC, on Saturday 14 March
                # 2026."): the nearest date stated above a time without one dates it, before
                # the day the document was posted.
                stated = _last_date(text)
                resolved = stated.resolve(order, _year_reference(reference))[0] if stated else (
                    told.day_in(text) if told is not None else None)
                if resolved is not None:
                    result.day_hint, result.day_hint_line = resolved, line
                    day, previous = resolved, None
            continue  # a line that continues the entry above, or prose between entries
        result.problems.extend(zone_problems(line, written))
        result.as_written[line] = written.raw
        if written.approximate:
            result.approximate.add(line)
            result.notes.append(approximate_note(line, written))
        if written.unknown:
            result.unknown.append((line, written.rest))
            result.notes.append(unknown_time_note(line, written))
            continue
        if written.date is None and written.weekday is not None:
            named = _day_named(written.weekday, day, incident_day)
            if named is not None and named != day:
                day, previous = named, None
        if written.date is not None and written.date.day_only:
            resolved = _day_of_month(written.date.first, day or reference)
            if resolved is not None:
                day, previous = resolved, None
        elif written.date is not None:
            resolved, guessed = written.date.resolve(order, _year_reference(day or reference))
            if resolved is not None:
                if guessed and written.date.text not in reported:
                    reported.add(written.date.text)
                    result.problems.append(ambiguous_date(line, written.date, resolved))
                    result.notes.append(Note(line, f"date {written.date.text!r} is ambiguous: read as {resolved.isoformat()}"))
                if written.date.year is None and written.date.text not in reported:
                    reported.add(written.date.text)
                    result.notes.append(
                        Note(line, f"date {written.date.text!r} has no year: read as {resolved.year}, "
                             "the year of the incident")
                    )
                day, previous = resolved, None
        if day is not None and previous is not None and past_midnight(
            datetime.combine(day, previous), datetime.combine(day, written.clock)
        ):
            day += timedelta(days=1)  # past midnight
        previous = written.clock
        if labelled and result.rows:
            result.group_starts.add(line)
        labelled = False
        result.rows.append((line, canonical(written, day), plain(written.rest), {}))
    return result


# A group's label has at most this many words ("**FRA1:**", "Site de Lyon :").
_GROUP_LABEL_WORDS = 4
_EMPHASISED = re.compile(r"^([*_]{1,3})[^*_\n]{1,80}\1$")


def _group_label(text: str) -> bool:
    """Whether a line between entries names a group of them: a few words, no time,
    that end on a colon or stand in emphasis of their own ("**LON1:**", "Site AMS-2:")."""
    flat = plain(text).strip()
    if not flat or len(flat.split()) > _GROUP_LABEL_WORDS or _CLOCK_TEXT.search(flat):
        return False
    return flat.endswith((":", "：")) or _EMPHASISED.match(text.strip()) is not None


# What separates a day from the entry it leads ("**Apr 3**: coordinated call").
_DAY_ENTRY_SEPARATOR = re.compile(r"^[ \t]{0,3}(?:[:：–—|]|-(?=\s))[ \t]{0,3}(?=\S)")
# An entry's text has at least this many words; fewer is a date line's remark ("2018-08-22 (UTC)").
_DAY_ENTRY_WORDS = 3


def _day_entry(text: str) -> tuple[WrittenDate, str] | None:
    """(the day, the text) of an entry of a timeline led by a day and no time
    ("**Apr 3**: operators asked to follow the canonical chain"), else None."""
    flat = plain(text)
    found = find_written_date(flat[:40])
    if found is None:
        return None
    start = flat.find(found.text)
    if start < 0 or start > 3:
        return None
    after = flat[start + len(found.text):]
    separator = _DAY_ENTRY_SEPARATOR.match(after)
    if separator is None or _CLOCK_TEXT.search(after[:12]):
        return None
    rest = after[separator.end():].strip()
    return (found, rest) if len(rest.split()) >= _DAY_ENTRY_WORDS else None


# A day's name alone falls at most this many days from the incident's day.
_NAMED_DAY_REACH = 3


def _day_named(weekday: int, current: date | None, incident_day: date | None) -> date | None:
    """The day a day's name alone stands for ("Samedi 18h", "Dimanche 12h"): the
    next one of that name from the entry before (that day included), else the one
    nearest the incident's day; None with neither."""
    if current is not None:
        return current + timedelta(days=(weekday - current.isoweekday()) % 7)
    if incident_day is None:
        return None
    ahead = (weekday - incident_day.isoweekday()) % 7
    offset = ahead if ahead <= _NAMED_DAY_REACH else ahead - 7
    return incident_day + timedelta(days=offset)


def _day_of_month(number: int, around: date | None) -> date | None:
    """Day `number` of the month of `around` (the entry before, else the incident's
    day), or of the month after when the number is smaller ("lundi 30", then
    "mercredi 1er"); None without a month to place it in."""
    if around is None:
        return None
    year, month = around.year, around.month
    if number < around.day:
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    try:
        return date(year, month, number)
    except ValueError:
        return None


def _year_reference(day: date | None) -> date | None:
    """The year a date without one is in: that of the incident, from its first day
    (a timeline entry written on Jan 2nd after Dec 31st moves on to the next year)."""
    return day.replace(month=1, day=1) if day is not None else None


def canonical(written: WrittenTime, day: date | None) -> str:
    """The time as the table reader reads it: ISO with the day when known, else `HH:MM:SS`, zone included."""
    offset = ""
    region = getattr(written.zone, "key", None)
    if day is None and region and written.zone.utcoffset(None) is None:
        # A region's clock ("ET", "heure de Paris") has no offset without its day: named,
        # the table reader gives it the one of the day the entry is placed on.
        return f"{written.clock.isoformat()} {region}"
    if written.zone is not None:
        delta = written.zone.utcoffset(None) if day is None else written.zone.utcoffset(
            datetime.combine(day, written.clock)
        )
        total = int((delta or timedelta()).total_seconds() // 60)
        sign = "+" if total >= 0 else "-"
        offset = f"{sign}{abs(total) // 60:02d}:{abs(total) % 60:02d}"
    if day is not None:
        return f"{day.isoformat()}T{written.clock.isoformat()}{offset}"
    return f"{written.clock.isoformat()}{' UTC' + offset if offset else ''}"


def approximate_note(line: int, written: WrittenTime) -> Note:
    return Note(line, f"time {written.raw!r} is approximate: kept as written, marked approximate")


def unknown_time_note(line: int, written: WrittenTime) -> Note:
    return Note(line, f"time {written.raw!r} marks an unknown time: the entry has no time")


def ambiguous_date(line: int, written: WrittenDate, resolved: date) -> ReadProblem:
    other = f"{written.first:02d}/{written.second:02d}"
    return ReadProblem(
        ProblemKind.UNCERTAIN_TIME,
        line,
        f"date {written.text!r} could be day/month or month/day ({other}), and no other date of the file "
        f"decides; it is read as {resolved:%d %B %Y}: write it as {resolved.isoformat()} to make it certain",
    )


def zone_problems(line: int, written: WrittenTime) -> list[ReadProblem]:
    if written.unknown_zone:
        return [
            ReadProblem(
                ProblemKind.UNCERTAIN_TIME,
                line,
                f"time zone {written.unknown_zone!r} is not one the plugin knows; the time is read on the "
                "timeline's clock instead: write a UTC offset (UTC+2) or add the abbreviation to "
                "`zone_abbreviations` in mkdocs.yml",
            )
        ]
    return []
