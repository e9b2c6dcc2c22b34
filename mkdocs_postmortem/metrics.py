"""Durations of one incident and aggregates over many (design section 5).

All durations are minutes. A metric whose timestamps are missing is None,
never zero, and is left out of aggregates rather than counted as instant.
Medians lead: incident durations are skewed, and a mean alone misleads.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone

from .model import Metrics, Postmortem
from .text import PERIOD_KEY

_UTC = timezone.utc

METRIC_NAMES = ("ttd", "tta", "ttm", "ttr")


def minutes_between(start: datetime | None, end: datetime | None) -> float | None:
    """Elapsed minutes between two aware instants, exact across DST changes."""
    if start is None or end is None:
        return None
    # The reader keeps only instants that convert (zones.checked_instant); a model
    # built by other code must still not stop a build on one bad pair.
    try:
        return _minutes(start, end)
    except OverflowError:
        return None


def _minutes(start: datetime, end: datetime) -> float:
    # Aware datetimes in different zones subtract as instants only when their
    # tzinfo objects differ; converting both to UTC makes that true in every case.
    return round((end.astimezone(_UTC) - start.astimezone(_UTC)).total_seconds() / 60, 2)


def incident_metrics(pm: Postmortem, ttr_from: str = "started") -> Metrics:
    ttr_start = pm.detected if ttr_from == "detected" else pm.started
    return Metrics(
        ttd=minutes_between(pm.started, pm.detected),
        tta=minutes_between(pm.detected, pm.acknowledged),
        ttm=minutes_between(pm.started, pm.mitigated),
        ttr=minutes_between(ttr_start, pm.resolved),
    )


@dataclass(frozen=True)
class Aggregate:
    count: int
    median: float | None
    p90: float | None
    mean: float | None

    def as_dict(self) -> dict[str, float | int | None]:
        return {"count": self.count, "median": self.median, "p90": self.p90, "mean": self.mean}


def percentile(sorted_values: Sequence[float], fraction: float) -> float:
    """Linear interpolation between closest ranks (numpy's default method)."""
    if not sorted_values:
        raise ValueError("percentile of no values")
    position = (len(sorted_values) - 1) * fraction
    lower = math.floor(position)
    upper = math.ceil(position)
    if lower == upper:
        return float(sorted_values[lower])
    weight = position - lower
    return sorted_values[lower] * (1 - weight) + sorted_values[upper] * weight


def aggregate(values: Iterable[float | None]) -> Aggregate:
    known = sorted(value for value in values if value is not None)
    if not known:
        return Aggregate(0, None, None, None)
    return Aggregate(
        count=len(known),
        median=round(percentile(known, 0.5), 2),
        p90=round(percentile(known, 0.9), 2),
        mean=round(sum(known) / len(known), 2),
    )


def choose_period(starts: Sequence[datetime]) -> str:
    """Months when there are on average at least 3 incidents a month, else quarters."""
    if not starts:
        return "month"
    first, last = min(starts), max(starts)
    months = (last.year - first.year) * 12 + (last.month - first.month) + 1
    return "month" if len(starts) / months >= 3 else "quarter"


@dataclass(frozen=True)
class PeriodAggregate:
    period: str  # "2026-03" or "2026-Q1"
    incidents: int  # incidents that started in the period
    metrics: dict[str, Aggregate]  # per metric name; count is how many had that metric


def trend(
    incidents: Sequence[tuple[Postmortem, Metrics]], period: str | None = None
) -> tuple[str, list[PeriodAggregate]]:
    """Aggregates per period, oldest first, for incidents with a start time.

    Periods are those of the incident's own time zone: an incident at 00:30
    on the 1st in Paris belongs to that month even though it is still the
    previous month in UTC.
    """
    dated = [(pm, metrics) for pm, metrics in incidents if pm.started is not None]
    period = period or choose_period([pm.started for pm, _ in dated])
    key_of = PERIOD_KEY[period]
    buckets: dict[str, list[Metrics]] = {}
    for pm, metrics in dated:
        buckets.setdefault(key_of(pm.started), []).append(metrics)
    result = [
        PeriodAggregate(
            period=key,
            incidents=len(bucket),
            metrics={name: aggregate(getattr(m, name) for m in bucket) for name in METRIC_NAMES},
        )
        for key, bucket in sorted(buckets.items())
    ]
    return period, result


def summarise(metrics: Iterable[Metrics]) -> dict[str, Aggregate]:
    collected = list(metrics)
    return {name: aggregate(getattr(m, name) for m in collected) for name in METRIC_NAMES}

