"""Facts about an incident that its model implies: the incident's day, whether it
is under `enforce_from`, whether its postmortem is late, and whether each action
item is open or overdue.

They hold whatever the rules' levels: PM304, PM501 and PM502 report them, the
handbook sorts and excuses by them, the pages and the learning stage show them.
None of them decides a level or writes a sentence: a rule words a fact for a
terminal, a page in its site's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .model import ActionItem, Postmortem
from .read.dates import file_name_date
from .settings import Settings

# Statuses of an item still to do.
OPEN_STATUSES = ("open", "in-progress")

# How a postmortem is late (Lateness.kind), and the rule that reports each.
PUBLISHED_LATE = "published-late"  # published more days after resolution than the deadline allows
NOT_DATED = "not-dated"  # not a draft, no `published:` date, and the deadline has passed
STILL_DRAFT = "still-draft"  # still a draft past the deadline
LATENESS_CODES = {PUBLISHED_LATE: "PM501", NOT_DATED: "PM501", STILL_DRAFT: "PM502"}


def incident_day(pm: Postmortem) -> date | None:
    """The incident's day: the day of its phase times (`Postmortem.phase_day`), else
    of its first timed timeline entry, else the day its title, a date line or its
    file name names (`Postmortem.named_day`, then the file name when the body was
    not read)."""
    if pm.phase_day is not None:
        return pm.phase_day
    for event in pm.timeline:
        if event.time is not None:
            return event.time.date()
    return pm.named_day or file_name_date(pm.src_uri)


def is_archived(pm: Postmortem, settings: Settings) -> bool:
    """An incident before `enforce_from` (or a file with no day at all): part of
    an archive moved in, whose problems are warnings rather than errors."""
    if settings.enforce_from is None:
        return False
    day = incident_day(pm)
    return day is None or day < settings.enforce_from


def is_open(action: ActionItem) -> bool:
    """Still to do: open or in progress (not done, not won't-do)."""
    return action.status in OPEN_STATUSES


def is_overdue(action: ActionItem, today: date) -> bool:
    """Still to do and past its deadline; `wont-do` and `done` never are."""
    return is_open(action) and action.due is not None and action.due < today


@dataclass(frozen=True)
class Lateness:
    """How a postmortem is late against `publish_deadline_days`."""

    kind: str  # PUBLISHED_LATE, NOT_DATED or STILL_DRAFT
    severity: str
    days: int  # from resolution to publication (PUBLISHED_LATE), else to the build date
    deadline: int  # the days allowed
    resolved: date
    published: date | None
    line: int  # where to fix it: `published:` or `status:`

    @property
    def code(self) -> str:
        return LATENESS_CODES[self.kind]


def lateness(pm: Postmortem, settings: Settings) -> Lateness | None:
    """How the postmortem is late, if it is: published past the deadline (or, not a
    draft, with no `published:` once the deadline has passed); still a draft past it.
    Only severities in `publish_deadline_severities` have a deadline."""
    deadline = settings.publish_deadline_days
    if pm.severity not in settings.publish_deadline_severities or pm.resolved is None:
        return None
    resolved = pm.resolved.date()
    waited = (settings.build_date - resolved).days
    status_line = pm.field_lines.get("status", 1)
    if pm.is_draft:
        if waited > deadline:
            return Lateness(STILL_DRAFT, pm.severity, waited, deadline, resolved, None, status_line)
        return None
    if pm.published is not None:
        late = (pm.published - resolved).days
        if late > deadline:
            return Lateness(
                PUBLISHED_LATE, pm.severity, late, deadline, resolved, pm.published, pm.field_lines.get("published", 1)
            )
        return None
    if waited > deadline:
        return Lateness(NOT_DATED, pm.severity, waited, deadline, resolved, None, status_line)
    return None
