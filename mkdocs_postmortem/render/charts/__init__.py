"""What every chart of the handbook is made of (design section 9): the figure
and its numbers-table fallback, the shared colours, and the text helpers that
make author text safe for plotly.

Figures are written as the plain dicts plotly.js reads, without plotly's
Python figure objects: those validate every property and merge plotly's
default template (about 6.5 KB per figure) into each update, which cost more
than the chart itself; the page script styles charts for the site's palette
instead. Every string a postmortem supplies is HTML-escaped before it reaches
plotly, which renders a subset of HTML in hover labels and titles.

The figures: `timeline` (one incident) and `trends` (a group of incidents),
their axes in `axes`; the follow-through chart of action items is
`render/followthrough_chart.py`.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

SERIES_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442")
HOVER_TEXT_LIMIT = 300  # characters of an event's text shown on hover; the page has the full row
HOVER_LINE_WIDTH = 60


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


def wrapped_hover(text: str, width: int = HOVER_LINE_WIDTH, limit: int | None = HOVER_TEXT_LIMIT) -> str:
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


def offset_text(local: datetime) -> str:
    """`UTC-05:00 (EST)`; the abbreviation only when the zone has a real one."""
    offset = local.utcoffset() or timedelta(0)
    total = int(offset.total_seconds() // 60)
    sign = "+" if total >= 0 else "-"
    text = f"UTC{sign}{abs(total) // 60:02d}:{abs(total) % 60:02d}"
    name = local.tzname() or ""
    return f"{text} ({name})" if name.isalpha() else text


def short_offset(local: datetime) -> str:
    """`EDT` where the zone has an abbreviation, else `UTC+02:00`."""
    name = local.tzname() or ""
    return name if name.isalpha() else offset_text(local)


def local_text(local: datetime) -> str:
    """`2024-07-08 10:03 CEST`, or `2024-07-08 10:03 UTC+01:00` where the zone has
    no abbreviation (a fixed offset, `-03`): a clock time never goes without its zone."""
    text = local.strftime("%Y-%m-%d %H:%M")
    if local.tzinfo is None:
        return text
    return f"{text} {short_offset(local)}"


def title_above_plot(text: str) -> dict[str, Any]:
    """A chart title above the plot area, pushing the top margin as far as its lines need: a
    title placed from the figure's height lands elsewhere when the plot is sized from its container."""
    return {"text": text, "x": 0, "xanchor": "left", "y": 1, "yref": "paper", "yanchor": "bottom",
            "automargin": True, "pad": {"b": 12}}
