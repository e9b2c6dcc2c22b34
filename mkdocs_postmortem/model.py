"""The data every stage shares: what a postmortem says, where it says it.

Every value read from a file keeps the 1-based line it came from, so that a
diagnostic can point at it. Times are timezone-aware `datetime`s; a metric
whose timestamps are missing is `None`, never zero.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date, datetime
from enum import Enum
from typing import Any

from .one_line import one_line

ERROR = "error"
WARNING = "warning"

# The incident phases, in the order they must happen (design sections 3 and 6).
PHASES = ("started", "detected", "acknowledged", "mitigated", "resolved")

# Canonical section keys (design section 4).
SECTIONS = ("summary", "timeline", "impact", "root_cause", "five_whys", "actions", "lessons")

# Why a warning does not fail `--strict` (Diagnostic.excused).
DRAFT = "draft"
ARCHIVE = "archive"


@dataclass(frozen=True, order=True, slots=True)
class Diagnostic:
    """One problem found in one file, as `path:line: CODE message`."""

    path: str
    line: int
    code: str
    level: str
    message: str
    # Why `--strict` lets this warning pass, or "": DRAFT for what a draft still
    # lacks, ARCHIVE for any problem of an incident before `enforce_from`. The team
    # chose to write the first and to accept the second; they are reported, not failed.
    excused: str = ""

    @property
    def fails_strict(self) -> bool:
        """Whether `--strict` fails on it: every error, and the warnings nobody excused."""
        return self.level == ERROR or not self.excused

    def format(self) -> str:
        """One line whatever the file holds (see one_line.py)."""
        return f"{one_line(self.path)}:{self.line}: {self.code} {one_line(self.message)}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "code": self.code,
            "level": self.level,
            "message": self.message,
        }


class ProblemKind(str, Enum):
    """What the reader saw that it could not take as written. The reader
    names what it saw; the rules stage decides which rule that falls under."""

    UNREADABLE = "unreadable"  # a part of the file that could not be read: YAML, a NUL byte, a failed step
    WRONG_VALUE = "wrong-value"  # a value that is not of its type or not one of the accepted values
    NOT_UTF8 = "not-utf8"  # bytes that are not UTF-8, read as Windows-1252 instead
    UNCERTAIN_TIME = "uncertain-time"  # a timeline entry that cannot be placed in time for certain


@dataclass(frozen=True, slots=True)
class ReadProblem:
    """Something only the reader can see (a YAML syntax error, an unreadable
    date), with what kind of thing it saw and the line it saw it on.

    It carries no rule code: the rules stage maps each kind to its rule and
    gives it the configured level.
    """

    kind: ProblemKind
    line: int
    message: str


@dataclass(frozen=True, slots=True)
class WrittenFact:
    """A fact the file writes outside our front matter fields (a summary line, a
    metrics table, a window in a sentence, another tool's `date:` key).

    `value` is normalised (minutes for durations, a canonical severity, a
    datetime, a list of services); `raw` is the text as written.
    """

    value: Any
    raw: str
    line: int


@dataclass(frozen=True, slots=True)
class Note:
    """Something the reader decided that an author may want to know (an
    approximate time, an ambiguous date, where a timeline's date came from)."""

    line: int
    message: str


@dataclass(frozen=True, slots=True)
class Section:
    key: str  # canonical key from SECTIONS, or "" for an unrecognised heading
    title: str  # heading text as written (inline Markdown left raw)
    level: int  # 1 for '#', 2 for '##', ...
    line: int  # line of the heading
    end_line: int  # last line of the section (before the next heading of same or higher level)
    has_content: bool  # any non-blank, non-placeholder-only block under it (sub-sections included)
    # a labelled paragraph ("**Summary:** ...", "Next steps:"), or the second name of a
    # joined heading ("Summary and impact"): not a heading of the page of its own
    labelled: bool = False


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    line: int
    raw_time: str
    text: str
    time: datetime | None = None  # aware; None when raw_time could not be read
    phase: str | None = None  # one of PHASES when the row marks a phase
    columns: dict[str, str] = field(default_factory=dict)  # other cells, by header
    approximate: bool = False  # written as "~16:45" or "vers 16h45"
    # Aware: when the period the row states ended, in a table of periods ("| Date | Down | Back |").
    ended: datetime | None = None


@dataclass(frozen=True, slots=True)
class ActionItem:
    line: int
    text: str
    owner: str | None = None
    due: date | None = None
    due_raw: str | None = None  # as written; set even when it is not a date
    status: str = "open"  # "open", "in-progress", "done" or "wont-do"
    status_raw: str | None = None
    priority: str | None = None
    group: str | None = None  # the sub-section heading it sits under ("Court terme", "Backlog"...)
    source: str = "table"  # "table", "checklist", "paragraph" or "front-matter"
    # Ticket references as written (issue URLs, `#123`, `ABC-123`); read/tickets.py links them.
    references: tuple[str, ...] = ()
    done: date | None = None  # when it was done, when the author wrote it (a done item without it stays done)
    done_raw: str | None = None  # as written; set even when it is not a date


@dataclass(frozen=True, slots=True)
class Why:
    line: int
    question: str
    answer: str  # "" when the author left it empty


@dataclass(frozen=True, slots=True)
class Metrics:
    """Durations in minutes (design section 5)."""

    ttd: float | None = None
    tta: float | None = None
    ttm: float | None = None
    ttr: float | None = None

    def as_dict(self) -> dict[str, float | None]:
        return {"ttd": self.ttd, "tta": self.tta, "ttm": self.ttm, "ttr": self.ttr}


@dataclass(frozen=True, slots=True)
class Postmortem:
    """One postmortem as read, built once when reading ends and never changed
    after: checking it, rendering it or building a `Handbook` from it again
    all see the same values (a new value is a new model: `dataclasses.replace`).
    """

    path: str  # as shown in diagnostics, e.g. "docs/postmortems/2026-03-04-dns.md"
    src_uri: str  # relative to docs_dir, with forward slashes, e.g. "postmortems/2026-03-04-dns.md"
    id: str
    title: str | None = None
    severity: str | None = None  # canonical level ("P1"), None when missing or unknown
    status: str | None = None  # "draft", "in-review", "approved" or "closed"; None when missing or unknown
    services: list[str] = field(default_factory=list)
    timezone: str = "UTC"
    started: datetime | None = None
    detected: datetime | None = None
    acknowledged: datetime | None = None
    mitigated: datetime | None = None
    resolved: datetime | None = None
    published: date | None = None
    authors: list[str] = field(default_factory=list)
    reviewers: list[str] = field(default_factory=list)
    teams: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    contributing_factors: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    impact: dict[str, Any] = field(default_factory=dict)
    ignore: list[str] = field(default_factory=list)  # rule codes from `postmortem: {ignore: [...]}`
    template: str | None = None  # the page template named in the front matter, when the theme has it
    # Front matter as written (after YAML parsing), including fields the plugin
    # does not know: templates receive them, teams extend their schema this way.
    front_matter: dict[str, Any] = field(default_factory=dict)
    front_matter_present: bool = False
    front_matter_format: str = "yaml"  # the language it is written in: yaml, or another tool's toml or json
    # 1-based line of each front matter key; body lines are file lines too.
    field_lines: dict[str, int] = field(default_factory=dict)
    # Where each filled-in field came from: "front-matter", "body" or "default".
    field_sources: dict[str, str] = field(default_factory=dict)
    # The line each field was read from, front matter or body ("started" from a
    # "**Start:**" line or a timeline row), and the front matter key it was
    # written under when that is an alias ("start_time").
    source_lines: dict[str, int] = field(default_factory=dict)
    source_keys: dict[str, str] = field(default_factory=dict)
    front_matter_profile: str | None = None  # another tool's front matter read through data/profiles.yml
    # field -> the reading stage that found it in the body (`show` prints it): fact, title,
    # window_range, window_heading, window_duration, window_sentence, timeline_phase,
    # timeline_first_entry, timeline_last_entry, timeline_entry.
    source_stages: dict[str, str] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)
    # Where the day of a timeline written with times only came from:
    # "front_matter", "line_above", "title", "date_line" or "file_name".
    timeline_date_from: str | None = None
    # How the timeline was found and on which clock (`show` prints it): "stage" (front_matter,
    # status_updates, table, table_by_content, entries, entries_by_content), "line" (the heading or the first
    # entry), and "zone" with "zone_line" when a scope of the file named the clock.
    timeline_source: dict[str, Any] = field(default_factory=dict)
    # The day the document names (title, "Date:" line, `date:` key, file name):
    # `incident.incident_day` falls back on it for incidents without a time.
    named_day: date | None = None
    body_line: int = 1  # first line of the Markdown body in the file
    line_count: int = 1  # lines in the file: no diagnostic points past the last one
    sections: list[Section] = field(default_factory=list)
    size: int = 0  # bytes in the file, as read
    body_read: bool = True  # False when only the headings were read (a file over max_file_size)
    timeline: list[TimelineEvent] = field(default_factory=list)
    actions: list[ActionItem] = field(default_factory=list)
    whys: list[Why] = field(default_factory=list)
    whys_line: int | None = None  # where the 5 Whys were looked for
    # Facts written in the body ("duration", "ttd", "tta", "ttm", "ttr",
    # "severity", "services", "started", "resolved", ...), kept even when the
    # front matter wins so that PM603 can compare them.
    stated: dict[str, WrittenFact] = field(default_factory=dict)
    # What the reader could not take as written; the rules say which rule each falls under.
    problems: list[ReadProblem] = field(default_factory=list)
    # Lines whose text was repaired from mojibake: (line, text as found, repaired text).
    repaired: list[tuple[int, str, str]] = field(default_factory=list)
    # The source text, after encoding repair and newline normalisation: whole as read,
    # for the wording and placeholder checks. A checked model a `Handbook` keeps holds
    # only the lines read after the checks, the others left empty (handbook.text_read_later).
    text: str = ""
    page_text: str | None = None  # what MkDocs should render when not the file's bytes (read/page_text.py)
    timeline_html_rows: tuple[str, ...] = ()  # timeline rows, as written, that hold HTML

    def section(self, key: str) -> Section | None:
        for section in self.sections:
            if section.key == key:
                return section
        return None

    def phase_times(self) -> dict[str, datetime]:
        return {name: getattr(self, name) for name in PHASES if getattr(self, name) is not None}

    @property
    def phase_day(self) -> date | None:
        """The day of its first phase time written (started, else detected, else
        resolved), in its own time zone. The incident's day, which falls back on
        the timeline and the day the document names, is `incident.incident_day`."""
        start = self.started or self.detected or self.resolved
        return start.date() if start else None

    @property
    def is_draft(self) -> bool:
        return self.status == "draft"

    @property
    def display_title(self) -> str:
        return self.title or self.id


def _quick_pickling(*classes: type) -> None:
    """Pickling of frozen, slotted dataclasses without `dataclasses.fields()` on every object.

    A warm build unpickles every model from the cache, some fifty thousand of these objects
    at 1,000 postmortems; the methods `dataclass` adds look up the fields of each object and
    set them one by one through `object.__setattr__`. These keep its state (the values, in
    field order, as a list: the same pickles) and set each slot through its descriptor.
    """
    for cls in classes:
        names = tuple(item.name for item in fields(cls))
        getters = tuple(cls.__dict__[name].__get__ for name in names)
        setters = tuple(cls.__dict__[name].__set__ for name in names)

        def getstate(self, getters=getters) -> list:
            return [get(self) for get in getters]

        def setstate(self, state, setters=setters) -> None:
            for set_value, value in zip(setters, state):
                set_value(self, value)

        cls.__getstate__ = getstate
        cls.__setstate__ = setstate


_quick_pickling(Diagnostic, ReadProblem, WrittenFact, Note, Section, TimelineEvent, ActionItem, Why, Metrics, Postmortem)
