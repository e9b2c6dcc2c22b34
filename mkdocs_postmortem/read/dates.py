"""The day of an incident whose timeline gives only times, and where it came
from: the front matter's start, a date in the H1 title (`# February 5th,
2019 …`, `5-26-21 website outage`), a `Date:` or `Start:` line, a `date:`
front matter key, the file name (`2019-02-05.md`, `2025-09-29-flags-down.md`),
or, last, a date with its year in a sentence of the summary or of the text
before the first section ("On 2025-10-02 the mail relay fell behind").

A date on the line just above the timeline wins over all but the front
matter's start; the timeline readers find that one themselves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import PurePosixPath

from ..model import WrittenFact
from ..text import fold, fold_same_length, load_data
from .sections import Body
from .structure import Heading, ListBlock, Paragraph
from .timeline.clock import WrittenDate, find_written_date, find_year
from .timeline.relative_days import relative_days
from .working import WorkingPostmortem

# Where a timeline's day came from, as `show` prints it.
FRONT_MATTER, LINE_ABOVE, TITLE, DATE_LINE, FILE_NAME, SENTENCE = (
    "front_matter", "line_above", "title", "date_line", "file_name", "sentence"
)
# How a note names each source: "timeline times are on ..., the date of the title".
SOURCE_NAMES = {
    FRONT_MATTER: "front matter",
    LINE_ABOVE: "date line above the timeline",
    TITLE: "title",
    DATE_LINE: "Date or Start line",
    FILE_NAME: "file name",
    SENTENCE: "summary's sentence",
}

_FILE_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:\D|$)")


@dataclass(frozen=True)
class SourcedDay:
    day: date
    source: str  # one of the names above
    line: int | None


def file_name_date(src_uri: str) -> date | None:
    match = _FILE_DATE.match(PurePosixPath(src_uri).name)
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def title_date(body: Body) -> tuple[WrittenDate, int] | None:
    heading = body.title or (body.headings[0] if body.headings else None)
    if heading is None:
        return None
    found = find_written_date(heading.text)
    return (found, heading.line) if found is not None else None


def _front_matter_title_date(pm: WorkingPostmortem) -> tuple[WrittenDate, int] | None:
    """The date of a title another tool keeps in its front matter (`title: "Outage
    Postmortem: March 3"` over a body with no dated heading): the title is the title,
    wherever it is written."""
    title = pm.front_matter.get("title")
    found = find_written_date(title) if isinstance(title, str) else None
    return (found, pm.field_lines.get("title", 1)) if found is not None else None


def document_day(pm: WorkingPostmortem, body: Body, incident_date: WrittenFact | None) -> SourcedDay | None:
    """The day of the incident from the document as a whole, in the order of the module's docstring."""
    if pm.started is not None and pm.field_sources.get("started") == "front-matter":
        return SourcedDay(pm.started.date(), FRONT_MATTER, pm.source_lines.get("started"))
    found = title_date(body) or _front_matter_title_date(pm)
    if found is not None:
        written, line = found
        day = _before_posting(written, file_name_date(pm.src_uri), document_year(body))
        if day is not None:
            return SourcedDay(day, TITLE, line)
    stated = pm.stated.get("date")
    if stated is not None:
        return SourcedDay(stated.value, DATE_LINE, stated.line)
    if pm.started is not None:
        return SourcedDay(pm.started.date(), DATE_LINE, pm.source_lines.get("started"))
    if incident_date is not None:
        return SourcedDay(incident_date.value, FRONT_MATTER, incident_date.line)
    day = file_name_date(pm.src_uri)
    if day is not None:
        return SourcedDay(day, FILE_NAME, None)
    return sentence_day(body)


def _before_posting(written: WrittenDate, posted: date | None, year: date | None) -> date | None:
    """The day a title writes, in its own year, else in the year of the day the file
    was posted (its name's date) and not after it: a report is written after the
    incident ("## Timeline of 3 March" in a file dated 2026-03-06 is 2026-03-03,
    and "Dec 30" in one dated 2026-01-02 is 2025-12-30)."""
    if posted is None or written.year is not None:
        return written.resolve(None, posted or year)[0]
    day, _ = written.resolve(None, posted.replace(month=1, day=1))
    if day is not None and day > posted:
        day, _ = written.resolve(None, date(posted.year - 1, 1, 1))
    return day


def posted_day(pm: WorkingPostmortem, body: Body, day: date | None) -> date | None:
    """The day the document was posted, from which "yesterday" and "ce matin" count: the
    latest of the incident's day, the file name's date and the dates with their year
    that a dateline or a byline writes (the first line of a paragraph before the first
    section: "*Publié le jeudi 19 novembre 2026*" under "# Message post-incident : 18
    novembre")."""
    found = [on for on in (day, file_name_date(pm.src_uri), *_dateline_days(body)) if on is not None]
    return max(found, default=None)


def _dateline_days(body: Body) -> list[date]:
    """The dates with their year that a dateline or a byline before the first section writes."""
    if "datelines" in body.walks:
        return body.walks["datelines"]
    found = []
    first = next((s.line for s in body.sections if not s.labelled), body.last_line + 1)
    for index in body.block_range(body.first_line, first - 1):
        block = body.blocks[index]
        # A dateline opens its paragraph ("**Reading, 10 July 2026** — Skylane today ...").
        text = block.lines[0][1] if isinstance(block, Paragraph) and block.lines else ""
        written = find_written_date(text[:_DATELINE_LENGTH]) if any(ch.isdigit() for ch in text) else None
        if written is not None and written.year is not None:
            on, _ = written.resolve(None, None)
            if on is not None:
                found.append(on)
    body.walks["datelines"] = found
    return found


_DATELINE_LENGTH = 120  # a dateline or a byline is read in the first characters of its paragraph


def sentence_day(body: Body) -> SourcedDay | None:
    """The first date the prose of the summary, or of the text before the first
    section, names: the day the document is about. A byline's date ("*From the
    CTO — September 29, 2026*") is the day the text was written: a day the prose
    names for its events beats it, with its year or in the year that puts it
    not after the byline's ("On Thursday Sept 24"); the byline's date is the
    document's day only when the prose names no other. A day the prose names
    relative to the byline's ("Hier, nous avons subi une panne", "Yesterday our
    API went down") is a day it names too."""
    byline: SourcedDay | None = None
    for line, text in opening_lines(body):
        written = find_written_date(text)
        if written is None:
            told = relative_days(fold_same_length(text), byline.day) if byline is not None else []
            if told and told[0][1] <= byline.day:
                return SourcedDay(told[0][1], SENTENCE, line)
            continue
        if _is_byline(text, written) or _is_record_date(text, written):
            if byline is None and written.year is not None:
                day, _ = written.resolve(None, None)
                byline = SourcedDay(day, SENTENCE, line) if day is not None else None
            continue
        if written.year is not None:
            day, _ = written.resolve(None, None)
        elif byline is not None and not written.day_only:
            day = _before_posting(written, byline.day, None)
        else:
            day = None
        if day is not None:
            return SourcedDay(day, SENTENCE, line)
    return byline


# A byline or a dateline stands in emphasis of its own at the start of its line
# ("*From the CTO — September 29, 2026*", "_Publié le mardi 6 octobre 2026_").
_EMPHASIS_OPEN = ("*", "_")


def _is_byline(text: str, written: WrittenDate) -> bool:
    """Whether the date `text` writes stands in the emphasis that opens the line."""
    stripped = text.lstrip()
    if not stripped.startswith(_EMPHASIS_OPEN):
        return False
    mark = stripped[:2] if stripped[:2] in ("**", "__") else stripped[0]
    close = stripped.find(mark, len(mark))
    at = stripped.find(written.text)
    return close > 0 and at < close


def _is_record_date(text: str, written: WrittenDate) -> bool:
    """Whether the date `text` writes is one the document keeps about itself ("**Version :**
    1.1 du 27 novembre 2026", "Last updated: March 9, 2026"): a label of
    data/document_dates.yml stands before it on its line, with nothing between them but
    marks, numbers and short words ("Version 2 of the API failed on 3 March" tells the story)."""
    at = text.find(written.text)
    before = fold(text[:at]) if at > 0 else ""
    labels = list(_record_labels().finditer(before))
    label = labels[-1] if labels else None  # the one nearest the date
    return label is not None and all(len(word) <= _LINKING_WORD for word in _LETTERS.findall(before[label.end():]))


_LINKING_WORD = 3  # letters of the longest word between a label and its date ("du", "le", "on", "of")
_LETTERS = re.compile(r"[a-z]+")


@lru_cache(maxsize=1)
def _record_labels() -> re.Pattern[str]:
    labels = sorted({fold(str(label)) for label in load_data("document_dates.yml")["record_labels"]}, key=len, reverse=True)
    return re.compile(r"(?<![a-z])(?:" + "|".join(r"\s{1,3}".join(map(re.escape, label.split())) for label in labels)
                      + r")(?![a-z])")


def document_year(body: Body) -> date | None:
    """January 1st of the year the title, the text before the first section or the
    summary names ("In April 2026 ...", "en mars 2026"), else the first year the
    document writes anywhere (a byline that closes it: "Posted by the team, October
    19, 2026."): the year of the dates the document writes without one ("4/21 9:05
    PM", "Mardi 10 mars", "Oct 14, 21:05 UTC"), even when it states no day."""
    heading = body.title or (body.headings[0] if body.headings else None)
    lines = ([(heading.line, heading.text)] if heading is not None else []) + list(opening_lines(body))
    for text in [text for _, text in lines] + [text for _, text in _every_line(body)]:
        year = find_year(text) if any(ch.isdigit() for ch in text) else None
        if year is not None and 1900 <= year < 2200:
            return date(year, 1, 1)
    return None


def _every_line(body: Body):
    """The lines of every paragraph, list item and heading, in the document's order."""
    for block in body.blocks:
        if isinstance(block, Paragraph):
            yield from block.lines
        elif isinstance(block, ListBlock):
            yield from ((item.line, item.text) for item in block.items)
        elif isinstance(block, Heading):
            yield block.line, block.text


def opening_lines(body: Body, summary: bool = True):
    """The lines of the text before the first section, then of the summary (unless told not)."""
    first = next((s.line for s in body.sections if not s.labelled), body.last_line + 1)
    spans = [body.block_range(body.first_line, first - 1)]
    if summary:
        spans += [body.block_range(s.line, s.end_line) for s in body.sections_keyed("summary")]
    for span in spans:
        for index in span:
            block = body.blocks[index]
            lines = block.lines if isinstance(block, Paragraph) else (
                [(item.line, item.text) for item in block.items] if isinstance(block, ListBlock) else []
            )
            yield from lines
