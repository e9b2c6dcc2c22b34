"""The axes of the charts: the timeline's clock (instants shown at one UTC
offset, with true wall times as tick labels when the zone's offset changes
inside the chart) and the stacked rows of the trend charts sharing one x axis.

Plotly.js dates carry no time zone, so times are placed on an "axis clock":
the incident's instants shown at the UTC offset its zone had when the chart
starts. Distances on the axis are then real elapsed time, also across a
daylight-saving change, and when the zone's offset does change inside the
chart the tick labels are written out as the true local wall times.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone, tzinfo
from typing import Any

AXIS_FORMAT = "%Y-%m-%d %H:%M:%S"


@dataclass(frozen=True)
class AxisClock:
    """Instants shown at one fixed UTC offset: the zone's offset at the first instant."""

    tz: tzinfo
    offset: timedelta

    @classmethod
    def for_instants(cls, tz: tzinfo, instants: Sequence[datetime]) -> AxisClock:
        first = min(instants, key=lambda moment: moment.astimezone(timezone.utc))
        return cls(tz, first.astimezone(tz).utcoffset() or timedelta(0))

    def naive(self, moment: datetime) -> datetime:
        return (moment.astimezone(timezone.utc) + self.offset).replace(tzinfo=None)

    def position(self, moment: datetime) -> str:
        """The value plotly places on its date axis."""
        return self.naive(moment).strftime(AXIS_FORMAT)

    def local(self, moment: datetime) -> datetime:
        return moment.astimezone(self.tz)

    def instant(self, naive: datetime) -> datetime:
        return (naive - self.offset).replace(tzinfo=timezone.utc)


_TICK_STEPS_MINUTES = (1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080)
_MAX_TICKS = 8


def ticks_across_shift(clock: AxisClock, first: datetime, last: datetime) -> tuple[list[str], list[str]]:
    """Tick positions and their true local wall times, for a chart whose zone
    changes its UTC offset (plotly would otherwise label the axis clock)."""
    start, end = clock.naive(first), clock.naive(last)
    span = max((end - start).total_seconds() / 60, 1)
    step = next((s for s in _TICK_STEPS_MINUTES if span / s <= _MAX_TICKS), _TICK_STEPS_MINUTES[-1])
    midnight = start.replace(hour=0, minute=0, second=0, microsecond=0)
    elapsed = (start - midnight).total_seconds() / 60
    tick = midnight + timedelta(minutes=math.ceil(elapsed / step) * step)
    values: list[str] = []
    texts: list[str] = []
    previous_day = None
    while tick <= end:
        local = clock.local(clock.instant(tick))
        label = local.strftime("%H:%M")
        name = local.tzname() or ""
        if name.isalpha():
            label += f" {name}"
        if local.date() != previous_day:
            label += local.strftime("<br>%Y-%m-%d")
            previous_day = local.date()
        values.append(tick.strftime(AXIS_FORMAT))
        texts.append(label)
        tick += timedelta(minutes=step)
    return values, texts


@dataclass
class Axes:
    """One row of a chart of rows sharing their x axis: its axis keys and settings."""

    index: int  # 1-based; plotly names the first pair `xaxis`/`yaxis` and refers to them as `x`/`y`
    x: dict[str, Any]
    y: dict[str, Any]

    @property
    def suffix(self) -> str:
        return "" if self.index == 1 else str(self.index)

    @property
    def x_ref(self) -> str:
        return f"x{self.suffix}"

    @property
    def y_ref(self) -> str:
        return f"y{self.suffix}"

    @property
    def x_key(self) -> str:
        return f"xaxis{self.suffix}"

    @property
    def y_key(self) -> str:
        return f"yaxis{self.suffix}"


def stacked_axes(row_heights: Sequence[float], spacing: float) -> list[Axes]:
    """Rows stacked top to bottom, heights in proportion, x axes matched to
    the bottom one, whose tick labels are the only ones shown."""
    count = len(row_heights)
    usable = 1.0 - spacing * (count - 1)
    total = sum(row_heights)
    bottom_ref = f"x{'' if count == 1 else count}"
    axes: list[Axes] = []
    top = 1.0
    for index, share in enumerate(row_heights, start=1):
        height = usable * share / total
        low = max(top - height, 0.0)
        row = Axes(index, {"domain": [0.0, 1.0]}, {"domain": [low, top]})
        row.x["anchor"], row.y["anchor"] = row.y_ref, row.x_ref
        if index < count:
            row.x.update(matches=bottom_ref, showticklabels=False)
        axes.append(row)
        top = low - spacing
    return axes
