"""Themes: the tags and contributing factors postmortems name, counted across
incidents, per quarter, with the services they touched.

A theme is one name, compared folded (case and accents aside), whether
authors wrote it as a tag or as a contributing factor. Growing themes come
first: those whose count rose in each of the last two quarters or more, or
rose in the last one to two incidents or more (the quarter of the build date
counts as it stands), the longest rise first; then the most frequent. The
order is stable: same files, same page.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from ..incident import incident_day
from ..model import Postmortem
from ..text import fold, period_keys

QUARTERS_SHOWN = 8
TAG, FACTOR = "tag", "factor"


@dataclass(frozen=True)
class Theme:
    name: str  # as most incidents write it
    kinds: tuple[str, ...]  # TAG and/or FACTOR
    incidents: tuple[Postmortem, ...]  # in the handbook's order, newest first
    quarters: tuple[tuple[str, int], ...]  # the last QUARTERS_SHOWN quarters and the theme's incidents in each
    services: tuple[str, ...]  # by how many of its incidents touched them, then by name
    rising_quarters: int  # how many quarters in a row, up to the last, its count rose

    @property
    def count(self) -> int:
        return len(self.incidents)

    @property
    def growing(self) -> bool:
        """Rising two quarters in a row, or one rise to at least two incidents: one incident
        after an empty quarter is not a trend."""
        last = self.quarters[-1][1] if self.quarters else 0
        return self.rising_quarters >= 2 or (self.rising_quarters == 1 and last >= 2)


def quarter_of(day: date) -> str:
    return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"


def find_themes(postmortems: Sequence[Postmortem], today: date) -> list[Theme]:
    """Every theme of the handbook, growing ones first, then by count and name."""
    last = quarter_of(today)
    days = [day for day in (incident_day(pm) for pm in postmortems) if day is not None and day <= today]
    first = quarter_of(min(days)) if days else last
    keys = period_keys(first, last, "quarter")[-QUARTERS_SHOWN:]
    named: dict[str, list[tuple[Postmortem, str, str]]] = {}
    for pm in postmortems:
        seen: set[tuple[str, str]] = set()
        for kind, values in ((TAG, pm.tags), (FACTOR, pm.contributing_factors)):
            for value in values:
                written = str(value).strip()
                key = fold(written)
                if key and (key, kind) not in seen:
                    seen.add((key, kind))
                    named.setdefault(key, []).append((pm, kind, written))
    themes = [_theme(entries, keys) for entries in named.values()]
    return sorted(
        themes,
        key=lambda theme: (
            not theme.growing, -theme.rising_quarters if theme.growing else 0, -theme.count, fold(theme.name), theme.name
        ),
    )


def _theme(entries: list[tuple[Postmortem, str, str]], keys: list[str]) -> Theme:
    incidents = tuple({pm.src_uri: pm for pm, _, _ in entries}.values())
    spelled = Counter(written for _, _, written in entries)
    name = min(spelled.items(), key=lambda item: (-item[1], item[0]))[0]
    kinds = tuple(kind for kind in (TAG, FACTOR) if any(entry[1] == kind for entry in entries))
    per_quarter = Counter(quarter_of(day) for day in (incident_day(pm) for pm in incidents) if day is not None)
    quarters = tuple((key, per_quarter.get(key, 0)) for key in keys)
    services = Counter(service for pm in incidents for service in dict.fromkeys(pm.services))
    ordered_services = tuple(name for name, _ in sorted(services.items(), key=lambda item: (-item[1], item[0].casefold())))
    return Theme(name, kinds, incidents, quarters, ordered_services, _rising(quarters))


def _rising(quarters: tuple[tuple[str, int], ...]) -> int:
    rises = 0
    counts = [count for _, count in quarters]
    for index in range(len(counts) - 1, 0, -1):
        if counts[index] > counts[index - 1]:
            rises += 1
        else:
            break
    return rises
