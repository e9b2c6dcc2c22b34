"""Chart figures as plain data (design section 9): the incident timeline of one
postmortem and the duration trends of a group of them.

Figures are written as the plain dicts plotly.js reads, without plotly's
Python figure objects: those validate every property and merge plotly's
default template (about 6.5 KB per figure) into each update, which cost more
than the chart itself; the page script styles charts for the site's palette
instead. Every string a
postmortem supplies is HTML-escaped before it reaches plotly, which renders a
subset of HTML in hover labels and titles.

Plotly.js dates carry no time zone, so times are placed on an "axis clock":
the incident's instants shown at the UTC offset its zone had when the chart
starts. Distances on the axis are then real elapsed time, also across a
daylight-saving change, and when the zone's offset does change inside the
chart the tick labels are written out as the true local wall times.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone, tzinfo
from typing import Any

from ..metrics import METRIC_NAMES, minutes_between, trend
from ..model import PHASES, Metrics, Postmortem
from ..text import PERIOD_KEY, chart_labels
from ..text import duration_text as format_duration
from ..text import period_keys as _period_keys
from ..zones import zone, zone_label

# Okabe-Ito colours: told apart by colour-blind readers, legible on light and dark backgrounds.
PHASE_COLOURS = {
    "detected": "#E69F00",
    "acknowledged": "#CC79A7",
    "mitigated": "#D55E00",
    "resolved": "#0072B2",
}
EVENT_COLOUR = "#888888"
SERIES_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442")
POINT_COLOUR = "#56B4E9"
POINT_OUTLINE = "#1F4E79"
MINIMUM_TREND_SAMPLE = 10  # incidents in a period below which no trend can be read (design section 5)
# Below this many values in a period a median is one or two incidents and a p90 is the worst one:
# the period shows its points only, and no line runs through it.
MINIMUM_LINE_SAMPLE = 5
HOURS_ABOVE_MINUTES = 180  # a metric axis switches to hours when its largest value is longer
HOVER_TEXT_LIMIT = 300  # characters of an event's text shown on hover; the page has the full row
HOVER_LINE_WIDTH = 60
SUBTITLE_LINE_WIDTH = 95


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[list[str]]  # plain text; the embedder escapes it


@dataclass(frozen=True)
class Chart:
    """A figure and what a reader without JavaScript gets instead."""

    kind: str  # "timeline" or "trend"
    figure: dict[str, Any]
    caption: str
    summary: str  # the chart's accessible name, in one sentence
    tables: list[Table] = field(default_factory=list)


# --- labels -------------------------------------------------------------------


def locale_config(labels: dict[str, Any]) -> dict[str, Any]:
    """plotly.js config for the labels' language: its month and day names and date order.

    The basic bundle carries no locale but English; the names travel with the figure.
    """
    locale = labels.get("plotly_locale")
    if not locale:
        return {}
    return {"locale": locale["name"], "locales": {locale["name"]: {"dictionary": {}, "format": locale["format"]}}}


# --- text helpers ---------------------------------------------------------------


def plotly_text(text: str) -> str:
    """Text shown by plotly as text: plotly turns `&lt;` back into a literal `<`."""
    return html.escape(str(text), quote=False)


def _wrapped_hover(text: str, width: int = HOVER_LINE_WIDTH, limit: int | None = HOVER_TEXT_LIMIT) -> str:
    """Escaped, shortened and wrapped (plotly never wraps hover labels or titles)."""
    text = " ".join(str(text).split())
    if limit is not None and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return "<br>".join(plotly_text(line) for line in lines)


def _offset_text(local: datetime) -> str:
    """`UTC-05:00 (EST)`; the abbreviation only when the zone has a real one."""
    offset = local.utcoffset() or timedelta(0)
    total = int(offset.total_seconds() // 60)
    sign = "+" if total >= 0 else "-"
    text = f"UTC{sign}{abs(total) // 60:02d}:{abs(total) % 60:02d}"
    name = local.tzname() or ""
    return f"{text} ({name})" if name.isalpha() else text


def _short_offset(local: datetime) -> str:
    """`EDT` where the zone has an abbreviation, else `UTC+02:00`."""
    name = local.tzname() or ""
    return name if name.isalpha() else _offset_text(local)


def local_text(local: datetime) -> str:
    """`2024-07-08 10:03 CEST`, or `2024-07-08 10:03 UTC+01:00` where the zone has
    no abbreviation (a fixed offset, `-03`): a clock time never goes without its zone."""
    text = local.strftime("%Y-%m-%d %H:%M")
    if local.tzinfo is None:
        return text
    return f"{text} {_short_offset(local)}"


# --- the axis clock ---------------------------------------------------------------

AXIS_FORMAT = "%Y-%m-%d %H:%M:%S"

# plotly's toolbar (mode bar) is about 26 px tall, drawn over the top right of the figure.
TIMELINE_TOOLBAR_ROOM = 28


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


def _ticks_across_shift(clock: AxisClock, first: datetime, last: datetime) -> tuple[list[str], list[str]]:
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


# --- the incident timeline ---------------------------------------------------------


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
            before=_short_offset(clock.local(first)),
            after=_short_offset(clock.local(last)),
        )
    else:
        offset = _offset_text(clock.local(first))
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
                    f"<b>{number}. {local_text(clock.local(event.time))}</b><br>{_wrapped_hover(event.text)}"
                    for number, event in zip(numbers, events)
                ],
                "hoverinfo": "text",
                "meta": "events",
            }
        )
        rows.append(events_row)
    xaxis: dict[str, Any] = {"type": "date", "title": {"text": plotly_text(axis_title)}}
    if len(offsets) > 1:
        values, texts = _ticks_across_shift(clock, first, last)
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


# --- trends -------------------------------------------------------------------------


def _severity_colours(severities: Sequence[str]) -> dict[str, str]:
    return {level: SERIES_COLOURS[i % len(SERIES_COLOURS)] for i, level in enumerate(severities)}


@dataclass
class _Axes:
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


def _stacked_axes(row_heights: Sequence[float], spacing: float) -> list[_Axes]:
    """Rows stacked top to bottom, heights in proportion, x axes matched to
    the bottom one, whose tick labels are the only ones shown."""
    count = len(row_heights)
    usable = 1.0 - spacing * (count - 1)
    total = sum(row_heights)
    bottom_ref = f"x{'' if count == 1 else count}"
    axes: list[_Axes] = []
    top = 1.0
    for index, share in enumerate(row_heights, start=1):
        height = usable * share / total
        low = max(top - height, 0.0)
        row = _Axes(index, {"domain": [0.0, 1.0]}, {"domain": [low, top]})
        row.x["anchor"], row.y["anchor"] = row.y_ref, row.x_ref
        if index < count:
            row.x.update(matches=bottom_ref, showticklabels=False)
        axes.append(row)
        top = low - spacing
    return axes


@dataclass
class _Trend:
    """What every part of a trend chart reads: the incidents by period and by group."""

    dated: list[tuple[Postmortem, Metrics]]  # with a start time, drafts left out
    drafts: int
    period: str  # "month" or "quarter"
    overall: list  # the aggregates of all dated incidents, one per period that has any
    keys: list[str]  # every period from the first to the last, empty ones included
    groups: list[tuple[str | None, list[tuple[Postmortem, Metrics]]]]  # (severity or None for all, members)
    per_period_of: dict[str | None, list]  # each group's aggregates, computed once
    colours: dict[str, str]
    metric_names: list[str]

    @property
    def count_by_key(self) -> dict[str, int]:
        return {aggregate.period: aggregate.incidents for aggregate in self.overall}

    def key_of(self, moment: datetime) -> str:
        return PERIOD_KEY[self.period](moment)

    def colour_of(self, level: str | None, fallback: str) -> str:
        return self.colours.get(level, SERIES_COLOURS[0]) if level else fallback


def _trend_data(
    incidents: Sequence[tuple[Postmortem, Metrics]],
    by_severity: bool,
    severities: Sequence[str] | None,
    period: str | None,
    metrics: Sequence[str] | None,
) -> _Trend | None:
    dated = [(pm, m) for pm, m in incidents if pm.started is not None and not pm.is_draft]
    if not dated:
        return None
    period, overall = trend(dated, period)
    groups: list[tuple[str | None, list[tuple[Postmortem, Metrics]]]]
    if by_severity:
        order = list(severities or [])
        for pm, _ in dated:
            if (pm.severity or "?") not in order:
                order.append(pm.severity or "?")
        groups = [(level, [(pm, m) for pm, m in dated if (pm.severity or "?") == level]) for level in order]
        groups = [(level, members) for level, members in groups if members]
    else:
        groups = [(None, dated)]
    return _Trend(
        dated=dated,
        drafts=sum(1 for pm, _ in incidents if pm.is_draft),
        period=period,
        overall=overall,
        keys=_period_keys(overall[0].period, overall[-1].period, period),
        groups=groups,
        per_period_of={level: trend(members, period)[1] for level, members in groups},
        colours=_severity_colours([level for level, _ in groups if level is not None]),
        metric_names=[
            name
            for name in METRIC_NAMES
            if (metrics is None or name in metrics) and any(getattr(m, name) is not None for _, m in dated)
        ],
    )


def _on(axes: _Axes, trace: dict[str, Any]) -> dict[str, Any]:
    return {**trace, "xaxis": axes.x_ref, "yaxis": axes.y_ref}


def _count_bars(data: _Trend, labels: dict[str, Any], axes: _Axes) -> list[dict[str, Any]]:
    """One bar trace of incidents per period for each group, and the count axis in whole incidents."""
    traces = []
    keys = data.keys
    for level, _ in data.groups:
        by_key = {aggregate.period: aggregate for aggregate in data.per_period_of[level]}
        name_suffix = f" {level}" if level else ""
        counts = [by_key[k].incidents if k in by_key else 0 for k in keys]
        traces.append(
            _on(
                axes,
                {
                    "type": "bar",
                    "name": plotly_text(f"{labels['incidents']}{name_suffix}"),
                    "x": keys,
                    "y": counts,
                    "marker": {"color": data.colour_of(level, "#999999"), "opacity": 0.75},
                    "hovertext": [f"<b>{k}</b>{plotly_text(name_suffix)}<br>n = {n}" for k, n in zip(keys, counts)],
                    "hoverinfo": "text",
                    "legendgroup": f"count{name_suffix}",
                    "showlegend": bool(level),
                },
            )
        )
    # Whole incidents: plotly would step a small count axis by 0.5.
    most = max(data.count_by_key.values())
    axes.y.update(
        title={"text": plotly_text(labels["incidents"])},
        rangemode="tozero",
        tick0=0,
        dtick=max(1, math.ceil(most / 5)),
        tickformat="d",
    )
    return traces


def _metric_traces(
    data: _Trend, name: str, axes: _Axes, first_row: bool, labels: dict[str, Any], urls: dict[str, str]
) -> list[dict[str, Any]]:
    """One metric's row: every incident as a point, and per group its median and p90 lines
    through the periods with enough values."""
    values = [getattr(m, name) for _, m in data.dated if getattr(m, name) is not None]
    unit_key, scale = ("hours_axis", 60.0) if max(values) > HOURS_ABOVE_MINUTES else ("minutes_axis", 1.0)
    axes.y["title"] = {"text": plotly_text(labels[unit_key].format(metric=name.upper()))}
    axes.y["rangemode"] = "tozero"
    traces = []
    for level, members in data.groups:
        by_key = {aggregate.period: aggregate.metrics[name] for aggregate in data.per_period_of[level]}
        colour = data.colour_of(level, SERIES_COLOURS[0])
        suffix = f" {level}" if level else ""
        points = [(pm, getattr(m, name)) for pm, m in members if getattr(m, name) is not None]
        traces.append(_on(axes, _points_trace(data, name, points, colour if level else POINT_COLOUR, suffix, first_row, labels, urls, scale)))
        enough = {k for k in data.keys if k in by_key and by_key[k].count >= MINIMUM_LINE_SAMPLE}
        if not enough:
            continue
        for statistic, dash, width in (("p90", "dot", 1.5), ("median", "solid", 3)):
            line = _statistic_line(data.keys, by_key, enough, name, statistic, suffix, labels, scale)
            line.update(line={"color": colour, "dash": dash, "width": width}, showlegend=first_row)
            traces.append(_on(axes, line))
    return traces


def _points_trace(
    data: _Trend, name: str, points: list, colour: str, suffix: str, first_row: bool,
    labels: dict[str, Any], urls: dict[str, str], scale: float,
) -> dict[str, Any]:
    metric_label = labels["metric"][name]
    return {
        "type": "scatter",
        "name": plotly_text(f"{labels['incident']}{suffix}"),
        "mode": "markers",
        "x": [data.key_of(pm.started) for pm, _ in points],
        "y": [round(value / scale, 2) for _, value in points],
        # An outline that shows on white and on slate: a pale dot alone vanished on white.
        "marker": {"color": colour, "size": 9, "opacity": 0.85, "line": {"width": 1.5, "color": POINT_OUTLINE}},
        "customdata": [urls.get(pm.src_uri, "") for pm, _ in points],
        "hovertext": [
            f"<b>{_wrapped_hover(pm.display_title)}</b><br>{plotly_text(pm.id)}<br>"
            f"{plotly_text(metric_label)}: {format_duration(value, labels)}"
            + (f"<br><i>{plotly_text(labels['click_to_open'])}</i>" if pm.src_uri in urls else "")
            for pm, value in points
        ],
        "hoverinfo": "text",
        "legendgroup": f"points{suffix}",
        "showlegend": first_row,
    }


def _statistic_line(
    keys: list[str], by_key: dict, enough: set[str], name: str, statistic: str, suffix: str,
    labels: dict[str, Any], scale: float,
) -> dict[str, Any]:
    """The median or p90 of one metric per period; its colour, dash and legend are the caller's."""
    # "MTTR (median)": the name managers look for, on the line that is that median.
    stat_label = (
        labels["median_of"].format(metric=name.upper())
        if statistic == "median"
        else f"{labels[statistic]} {labels['metric'][name]}"
    )
    return {
        "type": "scatter",
        "name": plotly_text(f"{labels[statistic]}{suffix}"),
        "mode": "lines+markers",
        # Every period on the axis, None where a period is empty or too small: the line breaks there.
        "x": keys,
        "y": [round(getattr(by_key[k], statistic) / scale, 2) if k in enough else None for k in keys],
        "connectgaps": False,
        "marker": {"size": 7 if statistic == "median" else 4},
        "hovertext": [
            (
                f"<b>{k}</b>{plotly_text(suffix)}<br>{plotly_text(stat_label)}: "
                f"{format_duration(getattr(by_key[k], statistic), labels)}<br>n = {by_key[k].count}"
            )
            if k in enough
            else ""
            for k in keys
        ],
        "hoverinfo": "text",
        "legendgroup": f"{statistic}{suffix}",
    }


def _trend_notes(data: _Trend, labels: dict[str, Any]) -> tuple[str, str, str]:
    """What to know before reading the numbers: (small samples, where lines stop, drafts left out)."""
    count_by_key = data.count_by_key
    small = [k for k in data.keys if count_by_key.get(k, 0) < MINIMUM_TREND_SAMPLE]
    if len(small) == len(data.keys):
        sample_note = labels["all_small"].format(minimum=MINIMUM_TREND_SAMPLE)
    elif small:
        sample_note = labels["small_sample"].format(minimum=MINIMUM_TREND_SAMPLE, periods=", ".join(small))
    else:
        sample_note = ""
    few = any(0 < count_by_key.get(k, 0) < MINIMUM_LINE_SAMPLE for k in data.keys)
    lines_note = labels["lines_rule"].format(minimum=MINIMUM_LINE_SAMPLE) if few else ""
    drafts_note = labels["drafts_left_out"][min(data.drafts, 2)].format(count=data.drafts) if data.drafts else ""
    return sample_note, lines_note, drafts_note


def title_above_plot(text: str) -> dict[str, Any]:
    """A chart title above the plot area, pushing the top margin as far as its lines need: a
    title placed from the figure's height lands elsewhere when the plot is sized from its container."""
    return {"text": text, "x": 0, "xanchor": "left", "y": 1, "yref": "paper", "yanchor": "bottom",
            "automargin": True, "pad": {"b": 12}}


def _trend_layout(
    data: _Trend, axes: list[_Axes], labels: dict[str, Any], metrics: Sequence[str] | None, counts: bool
) -> dict[str, Any]:
    period_name = labels["period"][data.period]
    title = labels["trend_title"].format(period=period_name)
    if metrics is not None and not counts:
        title = labels["more_trend_title"].format(
            metrics=", ".join(labels["metric"][name] for name in data.metric_names), period=period_name
        )
    # Plotly never wraps a title: the subtitle is broken into lines here.
    subtitle_lines = _wrapped_hover(labels["not_targets"], width=SUBTITLE_LINE_WIDTH, limit=None).split("<br>")
    layout: dict[str, Any] = {
        "title": title_above_plot(f"{plotly_text(title)}" + "".join(f"<br><sup>{line}</sup>" for line in subtitle_lines)),
        "barmode": "stack",
        "hovermode": "closest",
        "height": 60 + 110 * (1 if counts else 0) + 18 * len(subtitle_lines) + 190 * len(data.metric_names),
        "margin": {"l": 10, "r": 20, "t": 20, "b": 40},
        "legend": {"orientation": "h", "y": -0.04, "yanchor": "top"},
    }
    for axis in axes:
        axis.x.update(type="category", categoryorder="array", categoryarray=data.keys)
        axis.y["automargin"] = True
        layout[axis.x_key] = axis.x
        layout[axis.y_key] = axis.y
    return layout


def _trend_table(data: _Trend, labels: dict[str, Any], by_severity: bool, counts: bool) -> Table:
    """The chart's numbers: per period (and severity), the count and each metric's median and p90."""
    headers = [labels["period_column"], labels["incidents"]]
    if not counts:
        headers.pop()
    for name in data.metric_names:
        headers += [f"{name.upper()} {labels['median']}", f"{name.upper()} {labels['p90']}"]
    if by_severity:
        headers.insert(1, labels["severity"])
    rows: list[list[str]] = []
    for level, _ in data.groups if by_severity else [(None, data.dated)]:
        for aggregate in data.per_period_of[level] if by_severity else data.overall:
            cells = [aggregate.period]
            if by_severity:
                cells.append(level or "")
            if counts:
                cells.append(str(aggregate.incidents))
            for name in data.metric_names:
                stats = aggregate.metrics[name]
                cells += [format_duration(stats.median, labels), format_duration(stats.p90, labels)]
            rows.append(cells)
    return Table(headers=headers, rows=rows)


def trend_chart(
    incidents: Sequence[tuple[Postmortem, Metrics]],
    *,
    by_severity: bool = False,
    severities: Sequence[str] | None = None,
    period: str | None = None,
    labels: dict[str, Any] | None = None,
    metrics: Sequence[str] | None = None,
    counts: bool = True,
    urls: dict[str, str] | None = None,
) -> Chart | None:
    """Median and p90 of TTD, TTA, TTM and TTR per month (or quarter when sparse),
    the incident count as bars, and every incident as a point.

    `by_severity` draws one median and one p90 line per severity (in the order
    of `severities`, the site's levels) instead of one for all. `metrics` keeps
    only those rows, `counts=False` drops the bars. Drafts are left out: their
    times may still change, and the caption says how many. A period with fewer
    than MINIMUM_LINE_SAMPLE values shows its points only; lines break at such
    periods and at empty ones. `urls` (src_uri -> URL from the site root) make
    each point open its postmortem. None when no incident has a start time.
    """
    labels = labels or chart_labels()
    urls = urls or {}
    data = _trend_data(incidents, by_severity, severities, period, metrics)
    if data is None or (not data.metric_names and not counts):
        return None
    count_rows = 1 if counts else 0
    axes = _stacked_axes(row_heights=[0.6] * count_rows + [1.0] * len(data.metric_names), spacing=0.06)
    traces = _count_bars(data, labels, axes[0]) if counts else []
    for row, name in enumerate(data.metric_names, start=count_rows):
        traces += _metric_traces(data, name, axes[row], row == count_rows, labels, urls)
    sample_note, lines_note, drafts_note = _trend_notes(data, labels)
    summary = labels["trend_summary"].format(
        count=len(data.dated), first=data.keys[0], last=data.keys[-1], period=labels["period"][data.period]
    )
    if sample_note:
        summary += " " + sample_note
    # The caption says what the title does not: how to read the few numbers, what is left out.
    caption = " ".join(
        part for part in (sample_note, lines_note, drafts_note, labels["click_hint"] if urls else "") if part
    )
    return Chart(
        kind="trend",
        figure={"data": traces, "layout": _trend_layout(data, axes, labels, metrics, counts), "config": locale_config(labels)},
        caption=caption,
        summary=summary,
        tables=[_trend_table(data, labels, by_severity, counts)],
    )
