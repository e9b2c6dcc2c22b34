"""The follow-through chart: action items promised by the incidents of each
quarter, done and still open, as stacked bars (a figure as data, like the
trend charts)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from .charts import SERIES_COLOURS, Chart, Table, plotly_text, title_above_plot

DONE_COLOUR, OPEN_COLOUR = SERIES_COLOURS[2], SERIES_COLOURS[1]


def follow_through_chart(quarters: Sequence[tuple[str, int, int]], labels: dict[str, Any]) -> Chart | None:
    """`quarters`: (quarter, done, still open), oldest first; `labels`: the page words (labels.yml)."""
    if not quarters:
        return None
    keys = [key for key, _, _ in quarters]
    done = [count for _, count, _ in quarters]
    still_open = [count for _, _, count in quarters]
    names = labels["action_status"]

    def bars(name: str, counts: list[int], colour: str) -> dict[str, Any]:
        return {
            "type": "bar",
            "name": plotly_text(name),
            "x": keys,
            "y": counts,
            "marker": {"color": colour},
            "hovertext": [f"<b>{key}</b><br>{plotly_text(name)}: {count}" for key, count in zip(keys, counts)],
            "hoverinfo": "text",
        }

    most = max(d + o for d, o in zip(done, still_open)) or 1
    figure = {
        "data": [bars(names["done"], done, DONE_COLOUR), bars(names["open"], still_open, OPEN_COLOUR)],
        "layout": {
            "title": title_above_plot(plotly_text(labels["ft_chart"])),
            "barmode": "stack",
            "height": 300,
            "margin": {"l": 10, "r": 20, "t": 20, "b": 40},
            "legend": {"orientation": "h", "y": -0.15, "yanchor": "top"},
            "xaxis": {"type": "category", "categoryorder": "array", "categoryarray": keys},
            "yaxis": {"rangemode": "tozero", "tick0": 0, "dtick": max(1, math.ceil(most / 5)), "tickformat": "d",
                      "automargin": True},
        },
    }
    summary = labels["ft_chart_summary"].format(first=keys[0], last=keys[-1], done=sum(done), open=sum(still_open))
    table = Table(
        headers=[labels["ft_quarter"], names["done"], names["open"]],
        rows=[[key, str(d), str(o)] for key, d, o in quarters],
    )
    return Chart(kind="follow-through", figure=figure, caption=labels["ft_chart_caption"], summary=summary, tables=[table])
