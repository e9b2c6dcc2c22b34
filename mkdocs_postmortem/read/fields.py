"""Front matter fields (design section 3) into the model, each checked for
its type: a wrong value is recorded as seen (`ProblemKind.WRONG_VALUE`) on the key's
line, and the field is left empty rather than guessed.

Which fields there are, and of which kind, is the field table's
(field_table.py); here each kind has its reading function.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, tzinfo
from typing import Any

from ..field_table import FIELD_NAMES, FIELDS, Field, KeyKind, Kind, Required
from ..model import Note, ProblemKind, ReadProblem, WrittenFact
from ..settings import Settings
from ..zones import OutOfRange, check_timezone_name, checked_instant, zone
from .aliases import resolve_aliases
from .profiles import Profile, chosen_profile
from .values import read_document_status, read_moment, read_severity
from .working import WorkingPostmortem


class FieldReader:
    def __init__(self, pm: WorkingPostmortem, settings: Settings) -> None:
        self.pm = pm
        self.settings = settings
        # Keys other tools use ("start_time", "affected_services") stand for the
        # fields they name when the field itself is not written.
        self.data = dict(pm.front_matter)
        self.shared: set[str] = set()  # keys both the tool's and ours: ours only when their value reads as ours
        profile = chosen_profile(pm.front_matter, pm.front_matter_format)
        if profile is not None:
            self._read_through(profile)
        for name, key in resolve_aliases(self.data, settings.field_aliases).items():
            self.data[name] = pm.front_matter[key]
            pm.source_keys[name] = key
            if key in pm.field_lines:
                pm.field_lines.setdefault(name, pm.field_lines[key])
        self.incident_date: WrittenFact | None = None  # from `date:` / `created:`, for timelines without dates
        self.tz: tzinfo = zone(settings.default_timezone) or zone("UTC")

    def _read_through(self, profile: Profile) -> None:
        """The tool's keys stand for the fields they map to; the others are the tool's own.
        A key of the tool that is also a field of ours (`status`, `severity`, `impact`)
        is read as ours when its value reads as ours, and is the tool's otherwise
        (`status: resolved` is a status page's, `severity: disrupted` cState's)."""
        pm = self.pm
        pm.front_matter_profile = profile.name
        own = {key: value for key, value in pm.front_matter.items() if str(key) not in profile.keys}
        for key, target in profile.fields.items():
            if key in pm.front_matter and pm.front_matter[key] not in (None, "") and target not in own:
                own[target] = pm.front_matter[key]
                pm.source_keys[target] = key
                if key in pm.field_lines:
                    pm.field_lines[target] = pm.field_lines[key]
        for key in profile.keys - set(profile.fields):
            if key in FIELD_NAMES and key not in own and key in pm.front_matter:
                own[key] = pm.front_matter[key]
                self.shared.add(key)
        self.data = own
        pm.notes.append(Note(1, f"front matter read as {profile.name}'s: its keys are that tool's, not typos of ours"))

    def problem(self, key: str, message: str) -> None:
        self.pm.problems.append(ReadProblem(ProblemKind.WRONG_VALUE, self.pm.field_lines.get(key, 1), message))

    def has(self, key: str) -> bool:
        return key in self.data and self.data[key] is not None and self.data[key] != ""

    def set(self, name: str, value: Any) -> None:
        self.assign(name, value)
        self.pm.field_sources[name] = "front-matter"
        if name in self.pm.field_lines:
            self.pm.source_lines[name] = self.pm.field_lines[name]

    def assign(self, attribute: str, value: Any) -> None:
        setattr(self.pm, attribute, value)

    def read_all(self) -> tzinfo:
        """Fill the model from the front matter; returns the incident's time zone."""
        self.tz = self.read_timezone()
        for field in FIELDS:
            if field.kind in READ_APART:
                continue
            if self.has(field.name) or (field.kind in READ_WHEN_EMPTY and field.name in self.data):
                self._read_field(field)
        self.read_incident_date(self.tz)
        return self.tz

    def _read_field(self, field: Field) -> None:
        if field.name not in self.shared:
            READING[field.kind](self, field, self.data[field.name])
            return
        problems = len(self.pm.problems)
        READING[field.kind](self, field, self.data[field.name])
        if len(self.pm.problems) > problems:  # the tool's value, not a wrong one of ours: kept as written
            del self.pm.problems[problems:]
            self.pm.field_sources.pop(field.name, None)
            self.pm.source_lines.pop(field.name, None)

    def read_incident_date(self, tz: tzinfo) -> None:
        """`date: 2019-02-05` (or `created:`): the day of the incident, not a field of the model."""
        if not self.has("incident_date"):
            return
        value = self.data["incident_date"]
        day = _day_of(value, tz)
        if day is not None:
            self.incident_date = WrittenFact(day, str(value), self.pm.field_lines.get("incident_date", 1))

    def read_timezone(self) -> tzinfo:
        default = self.tz
        if not self.has("timezone"):
            return default
        value = self.data["timezone"]
        problem = check_timezone_name(str(value)) if isinstance(value, str) else "it must be a text"
        if problem:
            self.problem(
                "timezone",
                f"timezone: {problem}; times are read in {self.settings.default_timezone} meanwhile",
            )
            return default
        self.set("timezone", value.strip())
        return zone(value)

    def read_text(self, field: Field, value: Any) -> None:
        name = field.name
        if isinstance(value, (dict, list)):
            self.problem(name, f"{name} must be a single text, not a {_kind(value)}")
            return
        self.set(name, str(value).strip())

    def read_severity(self, field: Field, value: Any) -> None:
        levels = ", ".join(self.settings.severities)
        self.set_word(
            field, value, read_severity(value, self.settings) if isinstance(value, (str, int)) else None,
            f"is not a known level; use one of {levels} "
            "(aliases such as SEV1, critical/critique, major/majeur, minor/mineur, low/faible work too)",
        )

    def read_status(self, field: Field, value: Any) -> None:
        self.set_word(
            field, value, read_document_status(value) if isinstance(value, str) else None,
            "is not a document status; use draft, in-review, approved or closed "
            "(fr: brouillon, en révision, approuvé, clos)",
        )

    def set_word(self, field: Field, value: Any, word: str | None, complaint: str) -> None:
        """A value of a fixed vocabulary: its canonical word, or a problem saying which words there are."""
        if word is None:
            self.problem(field.name, f"{field.name} {value!r} {complaint}")
            return
        self.set(field.name, word)

    def read_names(self, field: Field, value: Any) -> None:
        name = field.name
        if isinstance(value, str):
            self.set(name, [part.strip() for part in value.split(",") if part.strip()])
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            self.set(name, [str(value)])
        elif isinstance(value, list) and all(
            isinstance(item, (str, int, float)) and not isinstance(item, bool) for item in value
        ):
            self.set(name, [str(item).strip() for item in value if str(item).strip()])
        else:
            self.problem(
                name, f"{name} must be a list of names, e.g. [{name.removesuffix('s')}-a, ...]"
            )

    def read_datetime(self, field: Field, value: Any) -> None:
        name = field.name
        try:
            moment = self._moment(name, value, self.tz)
        except OutOfRange as problem:
            self.problem(name, f"{name} {problem}")
            return
        if moment is not None:
            self.set(name, moment)

    def _moment(self, name: str, value: Any, tz: tzinfo) -> datetime | None:
        moment: datetime | None = None
        if isinstance(value, datetime):
            if value.tzinfo is None:
                moment = value.replace(tzinfo=tz)
            else:
                moment = checked_instant(value).astimezone(tz)
        elif isinstance(value, date):
            self.problem(name, f"{name} has a date but no time: write it as '{value.isoformat()} 14:05'")
            return None
        elif isinstance(value, str):
            read = read_moment(value)
            moment = read.at(tz) if read else None
            if read is not None and moment is None:
                self.problem(name, f"{name} {value!r} has no time of day: write it as '{read.day.isoformat()} 14:05'")
                return None
        if moment is None:
            self.problem(
                name,
                f"{name} {value!r} is not a date and time: write it as ISO 8601, "
                "e.g. '2026-03-04 14:05' (in the postmortem's timezone) or '2026-03-04T14:05:00+01:00'",
            )
            return None
        return checked_instant(moment)

    def read_day(self, field: Field, value: Any) -> None:
        name = field.name
        day = _day_of(value)
        if day is None and isinstance(value, bool) and self._another_tools_front_matter():
            # A day written as a switch, in front matter that is another tool's: Jekyll's
            # `published: false`, a flat-file CMS's `published: true`. It says whether the page
            # shows, not when. In front matter written for us it is a mistake (PM003).
            self.pm.notes.append(Note(self.pm.field_lines.get(name, 1),
                                      f"`{name}: {str(value).lower()}` read as another tool's switch, not a day"))
            return
        if day is None:
            self.problem(name, f"{name} {value!r} is not a date: write it as YYYY-MM-DD")
            return
        self.set(name, day)

    def _another_tools_front_matter(self) -> bool:
        """Front matter read through another tool's profile, or holding none of the fields we always ask for."""
        pm = self.pm
        return pm.front_matter_profile is not None or not any(
            field.name in pm.front_matter for field in FIELDS if field.required is Required.ALWAYS and field.name != "title")

    def read_mapping(self, field: Field, value: Any) -> None:
        name = field.name
        if not isinstance(value, dict):
            shape = ", ".join(
                f"{key.name}: {'true/false' if key.kind is KeyKind.FLAG else '...'}" for key in field.keys
            )
            self.problem(name, f"{name} must be a mapping ({shape}), not a {_kind(value)}")
            return
        for key in field.keys:
            if key.kind is KeyKind.FLAG and key.name in value and not isinstance(value[key.name], bool):
                self.problem(name, f"{name}.{key.name} must be true or false, not {value[key.name]!r}")
        self.set(name, dict(value))

    def read_template(self, field: Field, value: Any) -> None:
        """MkDocs renders the page with it: a bad one would stop the build inside MkDocs."""
        name = field.name
        if not isinstance(value, str) or not value.strip():
            self.problem(
                name,
                f"{name} must name a page template of the theme, such as main.html, not {value!r}; "
                "remove it to use the theme's page",
            )
            return
        known = self.settings.page_templates
        if known is not None and value.strip() not in known:
            self.problem(
                name,
                f"{name} {value.strip()!r} is not a template of the site's theme; remove it to use the "
                "theme's page, or add the file to the theme's custom_dir",
            )
            return
        self.set(name, value.strip())

    def read_rule_settings(self, field: Field, value: Any) -> None:
        """`postmortem: {ignore: [PM301]}`: the rules this file switches off, into `pm.ignore`."""
        name = field.name
        if not isinstance(value, dict):
            self.problem(name, f"{name} must be a mapping such as {{ignore: [PM301]}}")
            return
        ignore = value.get("ignore", [])
        if isinstance(ignore, str):
            ignore = [part for part in ignore.replace(",", " ").split()]
        if not isinstance(ignore, list) or not all(isinstance(code, str) for code in ignore):
            self.problem(name, f"{name}.ignore must be a list of rule codes such as [PM301, PM201]")
            return
        self.assign("ignore", [code.strip().upper() for code in ignore if code.strip()])
        self.pm.field_sources["ignore"] = "front-matter"


# Each kind's reading function, given a field that is written.
READING: dict[Kind, Callable[[FieldReader, Field, Any], None]] = {
    Kind.TEXT: FieldReader.read_text,
    Kind.NAMES: FieldReader.read_names,
    Kind.SEVERITY: FieldReader.read_severity,
    Kind.STATUS: FieldReader.read_status,
    Kind.DATETIME: FieldReader.read_datetime,
    Kind.DATE: FieldReader.read_day,
    Kind.MAPPING: FieldReader.read_mapping,
    Kind.RULE_SETTINGS: FieldReader.read_rule_settings,
    Kind.PAGE_TEMPLATE: FieldReader.read_template,
}
# The time zone is read before every other field (times are read in it);
# records (timeline, actions, five_whys) with the body's tables (read/__init__.py).
READ_APART = (Kind.TIMEZONE, Kind.RECORDS)
# Read even when empty, to be refused: MkDocs would render the page with no template.
READ_WHEN_EMPTY = (Kind.PAGE_TEMPLATE,)


def _day_of(value: Any, tz: tzinfo | None = None) -> date | None:
    """The day a YAML date, date and time, or text names; an aware time's day in `tz` when given."""
    if isinstance(value, datetime):
        return (value.astimezone(tz) if tz is not None and value.tzinfo else value).date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        read = read_moment(value)
        return read.day if read else None
    return None


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "mapping"
    if isinstance(value, list):
        return "list"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    return type(value).__name__
