"""Front matter fields (design section 3) into the model, each checked for
its type: a wrong value is a PM003 problem on the key's line, and the field
is left empty rather than guessed.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from typing import Any

from ..config import Settings
from ..model import PHASES, Postmortem, ReadProblem, Seen, Stated
from ..zones import OutOfRange, check_timezone_name, checked_instant, zone
from .aliases import resolve_aliases
from .values import read_document_status, read_moment, read_severity

LIST_FIELDS = ("authors", "reviewers", "teams", "tags", "related")


class FieldReader:
    def __init__(self, pm: Postmortem, settings: Settings) -> None:
        self.pm = pm
        self.settings = settings
        # Keys other tools use ("start_time", "affected_services") stand for the
        # fields they name when the field itself is not written.
        self.data = dict(pm.front_matter)
        for name, key in resolve_aliases(pm.front_matter, settings.field_aliases).items():
            self.data[name] = pm.front_matter[key]
            pm.source_keys[name] = key
            if key in pm.field_lines:
                pm.field_lines.setdefault(name, pm.field_lines[key])
        self.incident_date: Stated | None = None  # from `date:` / `created:`, for timelines without dates

    def problem(self, key: str, message: str) -> None:
        self.pm.problems.append(ReadProblem(Seen.WRONG_VALUE, self.pm.field_lines.get(key, 1), message))

    def has(self, key: str) -> bool:
        return key in self.data and self.data[key] is not None and self.data[key] != ""

    def set(self, name: str, value: Any) -> None:
        setattr(self.pm, name, value)
        self.pm.field_sources[name] = "front-matter"
        if name in self.pm.field_lines:
            self.pm.source_lines[name] = self.pm.field_lines[name]

    def read_all(self) -> tzinfo:
        """Fill the model from the front matter; returns the incident's time zone."""
        tz = self.read_timezone()
        self.read_text("title")
        self.read_text("id")
        self.read_severity()
        self.read_status()
        self.read_services()
        for phase in PHASES:
            self.read_datetime(phase, tz)
        self.read_published()
        for name in LIST_FIELDS:
            self.read_list(name)
        self.read_impact()
        self.read_ignore()
        self.read_template()
        self.read_incident_date(tz)
        return tz

    def read_incident_date(self, tz: tzinfo) -> None:
        """`date: 2019-02-05` (or `created:`): the day of the incident, not a field of the model."""
        if not self.has("incident_date"):
            return
        value = self.data["incident_date"]
        day = None
        if isinstance(value, datetime):
            day = (value.astimezone(tz) if value.tzinfo else value).date()
        elif isinstance(value, date):
            day = value
        elif isinstance(value, str):
            read = read_moment(value)
            day = read.day if read else None
        if day is not None:
            self.incident_date = Stated(day, str(value), self.pm.field_lines.get("incident_date", 1))

    def read_timezone(self) -> tzinfo:
        default = zone(self.settings.default_timezone) or zone("UTC")
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

    def read_text(self, name: str) -> None:
        if not self.has(name):
            return
        value = self.data[name]
        if isinstance(value, (dict, list)):
            self.problem(name, f"{name} must be a single text, not a {_kind(value)}")
            return
        self.set(name, str(value).strip())

    def read_severity(self) -> None:
        if not self.has("severity"):
            return
        value = self.data["severity"]
        level = read_severity(value, self.settings) if isinstance(value, (str, int)) else None
        if level is None:
            levels = ", ".join(self.settings.severities)
            self.problem(
                "severity",
                f"severity {value!r} is not a known level; use one of {levels} "
                "(aliases such as SEV1, critical/critique, major/majeur, minor/mineur, low/faible work too)",
            )
            return
        self.set("severity", level)

    def read_status(self) -> None:
        if not self.has("status"):
            return
        value = self.data["status"]
        status = read_document_status(value) if isinstance(value, str) else None
        if status is None:
            self.problem(
                "status",
                f"status {value!r} is not a document status; use draft, in-review, approved or closed "
                "(fr: brouillon, en révision, approuvé, clos)",
            )
            return
        self.set("status", status)

    def read_services(self) -> None:
        names = self._strings("services")
        if names is not None:
            self.set("services", names)

    def read_list(self, name: str) -> None:
        names = self._strings(name)
        if names is not None:
            self.set(name, names)

    def _strings(self, name: str) -> list[str] | None:
        if not self.has(name):
            return None
        value = self.data[name]
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return [str(value)]
        if isinstance(value, list) and all(
            isinstance(item, (str, int, float)) and not isinstance(item, bool) for item in value
        ):
            return [str(item).strip() for item in value if str(item).strip()]
        self.problem(name, f"{name} must be a list of names, e.g. [{name[:-1] if name.endswith('s') else name}-a, ...]")
        return None

    def read_datetime(self, name: str, tz: tzinfo) -> None:
        if not self.has(name):
            return
        value = self.data[name]
        try:
            moment = self._moment(name, value, tz)
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

    def read_published(self) -> None:
        if not self.has("published"):
            return
        value = self.data["published"]
        day = None
        if isinstance(value, datetime):
            day = value.date()
        elif isinstance(value, date):
            day = value
        elif isinstance(value, str):
            read = read_moment(value)
            day = read.day if read else None
        if day is None:
            self.problem("published", f"published {value!r} is not a date: write it as YYYY-MM-DD")
            return
        self.set("published", day)

    def read_impact(self) -> None:
        if not self.has("impact"):
            return
        value = self.data["impact"]
        if not isinstance(value, dict):
            self.problem(
                "impact",
                f"impact must be a mapping (users: ..., revenue: ..., data_loss: true/false, "
                f"sla_breached: true/false), not a {_kind(value)}",
            )
            return
        for flag in ("data_loss", "sla_breached"):
            if flag in value and not isinstance(value[flag], bool):
                self.problem("impact", f"impact.{flag} must be true or false, not {value[flag]!r}")
        self.set("impact", dict(value))

    def read_template(self) -> None:
        """MkDocs renders the page with it: a bad one would stop the build inside MkDocs."""
        if "template" not in self.data:
            return
        value = self.data["template"]
        if not isinstance(value, str) or not value.strip():
            self.problem(
                "template",
                f"template must name a page template of the theme, such as main.html, not {value!r}; "
                "remove it to use the theme's page",
            )
            return
        known = self.settings.page_templates
        if known is not None and value.strip() not in known:
            self.problem(
                "template",
                f"template {value.strip()!r} is not a template of the site's theme; remove it to use the "
                "theme's page, or add the file to the theme's custom_dir",
            )
            return
        self.set("template", value.strip())

    def read_ignore(self) -> None:
        if not self.has("postmortem"):
            return
        value = self.data["postmortem"]
        if not isinstance(value, dict):
            self.problem("postmortem", "postmortem must be a mapping such as {ignore: [PM301]}")
            return
        ignore = value.get("ignore", [])
        if isinstance(ignore, str):
            ignore = [part for part in ignore.replace(",", " ").split()]
        if not isinstance(ignore, list) or not all(isinstance(code, str) for code in ignore):
            self.problem("postmortem", "postmortem.ignore must be a list of rule codes such as [PM301, PM201]")
            return
        self.pm.ignore = [code.strip().upper() for code in ignore if code.strip()]
        self.pm.field_sources["ignore"] = "front-matter"


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
