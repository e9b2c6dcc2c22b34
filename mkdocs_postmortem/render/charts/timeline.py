"""The incident timeline of one postmortem: its phases as bars on the axis
clock (see `axes`), its timeline's events as numbered markers, and the same in
two tables for readers without JavaScript."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone, tzinfo
from typing import Any

from ...metrics import minutes_between
from ...model import PHASES, Postmortem
from ...text import chart_labels
from ...text import duration_text as format_duration
from ...zones import zone, zone_label
from . import (
    Chart,
    Table,
    local_text,
    locale_config,
    offset_text,
    plotly_text,
    short_offset,
    wrapped_hover,
)
from .axes import AxisClock, ticks_across_shift

# Okabe-Ito colours: told apart by colour-blind readers, legible on light and dark backgrounds.
PHASE_COLOURS = {
    "detected": "#E69F00",
    "acknowledged": "#CC79A7",
    "mitigated": "#D55E00",
    "resolved": "#0072B2",
}
EVENT_COLOUR = "#888888"

# plotly's toolbar (mode bar) is about 26 px tall, drawn over the top right of the figure.
TIMELINE_TOOLBAR_ROOM = 28


@dataclass(frozen=True)
class PhaseBar:
    phase: str  # the phase the bar ends with: detected, acknowledged, mitigated, resolved
    start: datetime
    end: datetime

    @property
    def minutes(self) -> float | None:
        return minutes_between(self.start, self.end)


def phase_bars(pm: Postmortem) -> list[PhaseBar]:
    """Consecutive spans between the phase timestamps the postmortem has.

    A missing timestamp joins its neighbours: without `acknowledged`, the
    mitigation bar starts at detection.
    """
    known = [(name, moment) for name, moment in pm.phase_times().items()]
    known.sort(key=lambda item: PHASES.index(item[0]))
    return [
        PhaseBar(phase=name, start=previous, end=moment)
        for (_, previous), (name, moment) in zip(known, known[1:])
    ]


def _timeline_zone(pm: Postmortem) -> tzinfo:
    return zone(pm.timezone) or timezone.utc


def timeline_chart(pm: Postmortem, labels: dict[str, Any] | None = None) -> Chart | None:
    """The Gantt-style chart of one incident; None with fewer than two phase timestamps."""
    labels = labels or chart_labels()
    bars = phase_bars(pm)
    if not bars:
        return None
    tz = _timeline_zone(pm)
    # Numbered as the rows of the timeline table (1 = its first row), rows without a readable time included.
    numbers = [number for number, event in enumerate(pm.timeline, start=1) if event.time is not None]
    events = [event for event in pm.timeline if event.time is not None]
    instants = [moment for bar in bars for moment in (bar.start, bar.end)]
    instants += [event.time for event in events]
    clock = AxisClock.for_instants(tz, instants)
    first = min(instants, key=lambda m: m.astimezone(timezone.utc))
    last = max(instants, key=lambda m: m.astimezone(timezone.utc))
    offsets = sorted({clock.local(m).utcoffset() for m in instants})
    zone_name = zone_label(tz, first.astimezone(tz).replace(tzinfo=None))
    if len(offsets) > 1:
        axis_title = labels["time_axis_shift"].format(
            zone=zone_name,
            before=short_offset(clock.local(first)),
            after=short_offset(clock.local(last)),
        )
    else:
        offset = offset_text(clock.local(first))
        # `UTC` and fixed offsets name themselves; an IANA zone gets its offset that day.
        shown = zone_name if zone_name == "UTC" or zone_name.startswith("UTC") else f"{zone_name}, {offset}"
        axis_title = labels["time_axis"].format(zone=shown)

    phase_names = labels["phase"]
    rows = [phase_names[bar.phase] for bar in bars]
    events_row = labels["events"]
    hovers = [
        f"<b>{plotly_text(phase_names[bar.phase])}</b><br>"
        f"{local_text(clock.local(bar.start))} → {local_text(clock.local(bar.end))}<br>"
        f"{plotly_text(format_duration(bar.minutes, labels))}"
        for bar in bars
    ]
    # One trace for all phases, each bar a point of it: one legend entry and one
    # hover style, and plotly.js draws one bar layer instead of four.
    traces: list[dict[str, Any]] = [
        {
            "type": "bar",
            "name": plotly_text(labels["timeline_title"]),
            "orientation": "h",
            "y": [plotly_text(phase_names[bar.phase]) for bar in bars],
            "base": [clock.position(bar.start) for bar in bars],
            # Milliseconds: a date axis adds a bar's length to its base in ms.
            "x": [round((bar.minutes or 0) * 60_000) for bar in bars],
            "marker": {"color": [PHASE_COLOURS[bar.phase] for bar in bars]},
            "hovertext": hovers,
            "hoverinfo": "text",
            "meta": "phases",
        }
    ]
    if events:
        traces.append(
            {
                "type": "scatter",
                "name": plotly_text(events_row),
                "mode": "markers+text",
                "x": [clock.position(event.time) for event in events],
                "y": [plotly_text(events_row)] * len(events),
                "text": [str(number) for number in numbers],
                "textposition": _staggered(events, first, last),
                "textfont": {"size": 10},
                "marker": {"color": EVENT_COLOUR, "size": 11, "symbol": "diamond",
                           "line": {"width": 1, "color": "#ffffff"}},
                "hovertext": [
                    f"<b>{number}. {local_text(clock.local(event.time))}</b><br>{wrapped_hover(event.text)}"
                    for number, event in zip(numbers, events)
                ],
                "hoverinfo": "text",
                "meta": "events",
            }
        )
        rows.append(events_row)
    xaxis: dict[str, Any] = {"type": "date", "title": {"text": plotly_text(axis_title)}}
    if len(offsets) > 1:
        values, texts = ticks_across_shift(clock, first, last)
        xaxis.update(tickmode="array", tickvals=values, ticktext=texts)
    layout = {
        "showlegend": False,
        "barmode": "overlay",
        "hovermode": "closest",
        # A strip above the plot for plotly's toolbar, which shows on hover and would
        # otherwise cover the top row's bars (TIMELINE_TOOLBAR_ROOM px taller, same plot).
        "height": 110 + TIMELINE_TOOLBAR_ROOM + 42 * len(rows),
        "margin": {"l": 10, "r": 20, "t": 10 + TIMELINE_TOOLBAR_ROOM, "b": 60},
        "xaxis": xaxis,
        "yaxis": {
            "type": "category",
            "categoryorder": "array",
            "categoryarray": [plotly_text(row) for row in rows],
            "autorange": "reversed",
            "automargin": True,
        },
    }

    phases_text = ", ".join(
        labels["phase_summary"].format(phase=phase_names[bar.phase], duration=format_duration(bar.minutes, labels))
        for bar in bars
    )
    phase_table = Table(
        headers=[labels["phase_column"], labels["from"], labels["to"], labels["duration"]],
        rows=[
            [
                phase_names[bar.phase],
                local_text(clock.local(bar.start)),
                local_text(clock.local(bar.end)),
                format_duration(bar.minutes, labels),
            ]
            for bar in bars
        ],
    )
    tables = [phase_table]
    if events:
        tables.append(
            Table(
                headers=["#", labels["time"], labels["event"]],
                rows=[
                    [str(number), local_text(clock.local(event.time)), event.text]
                    for number, event in zip(numbers, events)
                ],
            )
        )
    return Chart(
        kind="timeline",
        figure={"data": traces, "layout": layout, "config": locale_config(labels)},
        caption=f"{labels['timeline_title']} ({zone_name})",
        summary=labels["timeline_summary"].format(zone=zone_name, phases=phases_text),
        tables=tables,
    )


STAGGER_SHARE = 0.04  # markers closer than this share of the axis get their numbers on alternate sides


def _staggered(events: Sequence, first: datetime, last: datetime) -> list[str]:
    """Where each marker's number goes: above, unless the marker is close to the one
    before it, which then takes the other side, so close numbers do not overlap."""
    span = max((last - first).total_seconds(), 60.0)
    positions: list[str] = []
    previous: datetime | None = None
    for event in events:
        close = previous is not None and (event.time - previous).total_seconds() < span * STAGGER_SHARE
        side = ("bottom center" if positions[-1] == "top center" else "top center") if close else "top center"
        positions.append(side)
        previous = event.time
    return positions
