"""The duration trends of a group of postmortems: incidents per period as bars,
and per metric every incident as a point with median and p90 lines through
the periods that have enough values; the numbers in a table."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ...metrics import METRIC_NAMES, trend
from ...model import Metrics, Postmortem
from ...text import PERIOD_KEY, chart_labels
from ...text import duration_text as format_duration
from ...text import period_keys as _period_keys
from . import (
    SERIES_COLOURS,
    Chart,
    Table,
    locale_config,
    plotly_text,
    title_above_plot,
    wrapped_hover,
)
from .axes import Axes, stacked_axes

POINT_COLOUR = "#56B4E9"
POINT_OUTLINE = "#1F4E79"
MINIMUM_TREND_SAMPLE = 10  # incidents in a period below which no trend can be read (design section 5)
# Below this many values in a period a median is one or two incidents and a p90 is the worst one:
# the period shows its points only, and no line runs through it.
MINIMUM_LINE_SAMPLE = 5
HOURS_ABOVE_MINUTES = 180  # a metric axis switches to hours when its largest value is longer
SUBTITLE_LINE_WIDTH = 95


def _severity_colours(severities: Sequence[str]) -> dict[str, str]:
    return {level: SERIES_COLOURS[i % len(SERIES_COLOURS)] for i, level in enumerate(severities)}


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


def _on(axes: Axes, trace: dict[str, Any]) -> dict[str, Any]:
    return {**trace, "xaxis": axes.x_ref, "yaxis": axes.y_ref}


def _count_bars(data: _Trend, labels: dict[str, Any], axes: Axes) -> list[dict[str, Any]]:
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
    data: _Trend, name: str, axes: Axes, first_row: bool, labels: dict[str, Any], urls: dict[str, str]
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
            f"<b>{wrapped_hover(pm.display_title)}</b><br>{plotly_text(pm.id)}<br>"
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


def _trend_layout(
    data: _Trend, axes: list[Axes], labels: dict[str, Any], metrics: Sequence[str] | None, counts: bool
) -> dict[str, Any]:
    period_name = labels["period"][data.period]
    title = labels["trend_title"].format(period=period_name)
    if metrics is not None and not counts:
        title = labels["more_trend_title"].format(
            metrics=", ".join(labels["metric"][name] for name in data.metric_names), period=period_name
        )
    # Plotly never wraps a title: the subtitle is broken into lines here.
    subtitle_lines = wrapped_hover(labels["not_targets"], width=SUBTITLE_LINE_WIDTH, limit=None).split("<br>")
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
    axes = stacked_axes(row_heights=[0.6] * count_rows + [1.0] * len(data.metric_names), spacing=0.06)
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
