"""Follow-through: whether the actions promised in postmortems get done, and when.

Three figures, for any set of action items (all of them, a service's, an owner's):

- on time: the share of done items with both a deadline and a completion date
  that were done on or before the deadline;
- to done: the median days from the incident to the completion date;
- overdue age: the median days past the deadline of items still open.

A figure from fewer than `MINIMUM` items has no value, only its `n`, as the
trend charts say a sample is too small rather than draw a line through it.
A done item without a completion date stays done: it counts as done, and
only the figures that need its date leave it out. `wont-do` items are ideas
kept on record, not promises: they count in none of the figures.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from statistics import median

from ..incident import incident_day, is_open, is_overdue
from ..model import ActionItem, Postmortem
from ..text import period_keys
from .themes import quarter_of

MINIMUM = 5


@dataclass(frozen=True)
class Figure:
    value: float | None  # None when n < MINIMUM
    n: int

    def as_dict(self) -> dict:
        return {"value": self.value, "n": self.n}


@dataclass(frozen=True)
class FollowThrough:
    items: int  # promised: every item but wont-do
    done: int
    still_open: int
    overdue: int
    on_time: Figure  # a share, 0 to 1
    to_done: Figure  # days
    overdue_age: Figure  # days

    def as_dict(self) -> dict:
        return {
            "items": self.items,
            "done": self.done,
            "open": self.still_open,
            "overdue": self.overdue,
            "done_by_deadline": self.on_time.as_dict(),
            "days_to_done": self.to_done.as_dict(),
            "overdue_days": self.overdue_age.as_dict(),
        }


Item = tuple[Postmortem, ActionItem]


def _figure(values: list[float]) -> Figure:
    return Figure(median(values) if len(values) >= MINIMUM else None, len(values))


def follow_through(items: Iterable[Item], today: date) -> FollowThrough:
    promised = [(pm, action) for pm, action in items if action.status != "wont-do"]
    done = [(pm, action) for pm, action in promised if action.status == "done"]
    dated = [(pm, action) for pm, action in done if action.done is not None]
    judged = [action for _, action in dated if action.due is not None]
    on_time = [1.0 if action.done <= action.due else 0.0 for action in judged]
    days_to_done = [
        float((action.done - day).days)
        for pm, action in dated
        if (day := incident_day(pm)) is not None and action.done >= day
    ]
    late = [float((today - action.due).days) for _, action in promised if is_overdue(action, today)]
    share = sum(on_time) / len(on_time) if len(on_time) >= MINIMUM else None
    return FollowThrough(
        items=len(promised),
        done=len(done),
        still_open=sum(1 for _, action in promised if is_open(action)),
        overdue=len(late),
        on_time=Figure(share, len(on_time)),
        to_done=_figure(days_to_done),
        overdue_age=_figure(late),
    )


def by_service(items: Sequence[Item], today: date) -> dict[str, FollowThrough]:
    """Each service's items (an incident's items count for each service it names), by name."""
    groups: dict[str, list[Item]] = {}
    for pm, action in items:
        for name in dict.fromkeys(pm.services):
            groups.setdefault(name, []).append((pm, action))
    return {name: follow_through(groups[name], today) for name in sorted(groups, key=lambda n: (n.casefold(), n))}


def by_owner(items: Sequence[Item], today: date) -> dict[str, FollowThrough]:
    groups: dict[str, list[Item]] = {}
    for pm, action in items:
        if action.owner:
            groups.setdefault(action.owner, []).append((pm, action))
    return {name: follow_through(groups[name], today) for name in sorted(groups, key=lambda n: (n.casefold(), n))}


def per_quarter(items: Sequence[Item]) -> list[tuple[str, int, int]]:
    """(quarter, done, still open) of the items promised by the incidents of each quarter, oldest first."""
    counted: dict[str, list[int]] = {}
    for pm, action in items:
        day = incident_day(pm)
        if day is None or action.status == "wont-do":
            continue
        pair = counted.setdefault(quarter_of(day), [0, 0])
        pair[0 if action.status == "done" else 1] += 1
    if not counted:
        return []
    keys = period_keys(min(counted), max(counted), "quarter")
    return [(key, *counted.get(key, [0, 0])) for key in keys]
