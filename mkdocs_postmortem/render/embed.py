"""Charts as HTML: a named figure, its data as inert JSON, and a table of its numbers.

The figure JSON sits in `<script type="application/json">` inside a
`<template>`. The template matters: Material's instant navigation re-creates
every `<script>` of the new page's content without its `type`, which would run
the JSON as JavaScript; the content of a `<template>` is not part of the
document, so it is neither run nor re-created. In the JSON, `<`, `>`, `&` and
U+2028/U+2029 are written as `\\u003c`-style escapes, so no field can close the
element (`</script>`) or open a comment (`<!--`).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Sequence
from html import escape, unescape
from typing import TYPE_CHECKING, Any

from ..model import Postmortem
from ..text import chart_labels, letters_and_digits
from .charts import Chart
from .charts.timeline import phase_bars, timeline_chart
from .charts.trends import MINIMUM_TREND_SAMPLE, trend_chart
from .html_scan import HEADING, headings, strip_tags
from .memo import RenderMemo
from .slots import PageSlots
from .stored import StoredRenders

if TYPE_CHECKING:  # only the annotation: the render stage reads the handbook it is given
    from ..handbook import Handbook

CHART_CLASS = "postmortem-chart"
TIMELINE_MARKER = "<!-- postmortem:timeline -->"

_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_JSON_UNSAFE = re.compile("[<>&\u2028\u2029]")


def safe_json(value: Any) -> str:
    """Compact, key-sorted JSON that is inert inside any HTML element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True, allow_nan=False)
    return _JSON_UNSAFE.sub(lambda match: _JSON_ESCAPES[match.group(0)], text)


def _table_html(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    head = "".join(f'<th scope="col">{escape(str(cell))}</th>' for cell in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(str(cell))}</td>" for cell in row) + "</tr>" for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def chart_inside_html(chart: Chart, labels: dict[str, Any] | None = None) -> str:
    """What goes inside the figure element: plot container, JSON, caption, numbers."""
    labels = labels or chart_labels()
    data = f'<script type="application/json">{safe_json(chart.figure)}</script>'
    height = int(chart.figure.get("layout", {}).get("height", 400))
    tables = "".join(_table_html(table.headers, table.rows) for table in chart.tables)
    # A fixed height, not a minimum: plotly's resize handler drops layout.height, and
    # every later relayout (a palette switch) sizes the plot from its container.
    return (
        f'<div class="{CHART_CLASS}__plot" role="img" aria-label="{escape(chart.summary, quote=True)}" '
        f'style="width:100%;height:{height}px"></div>'
        f'<template class="{CHART_CLASS}__data">{data}</template>'
        f"<figcaption>{escape(chart.caption)}</figcaption>"
        f'<details class="{CHART_CLASS}__numbers"><summary>{escape(labels["numbers"])}</summary>'
        f"{tables}</details>"
    )


def figure_element(kind: str, inside: str | bytes, slots: PageSlots | None = None) -> str:
    """The figure element around `inside` (str, or UTF-8 bytes), which `slots` keeps out of `page.content`."""
    if slots is not None:
        inside = slots.reserve(inside)
    elif isinstance(inside, bytes):
        inside = inside.decode("utf-8")
    # Inline styles: themes centre and shrink <figure> to its content, which an
    # empty plot container does not have until the script draws it.
    return (
        f'<figure class="{CHART_CLASS} {CHART_CLASS}--{escape(kind)}" '
        f'style="display:block;width:100%;max-width:100%;margin:1em 0">{inside}</figure>'
    )


def has_charts(html: str) -> bool:
    return f'class="{CHART_CLASS} ' in html


# --- placing the timeline chart ---------------------------------------------------

def place_timeline_chart(page_html: str, chart: str, pm: Postmortem) -> str:
    """Where the author wrote `<!-- postmortem:timeline -->`, else right after the
    timeline section's heading, else at the top of the page's content."""
    if TIMELINE_MARKER in page_html:
        return page_html.replace(TIMELINE_MARKER, chart, 1)
    section = pm.section("timeline")
    if section is not None and not section.labelled:
        wanted = letters_and_digits(section.title)
        found = list(headings(page_html))
        for match in found:
            if int(match.group(1)) != section.level:
                continue
            if letters_and_digits(unescape(strip_tags(match.group(3)))) == wanted:
                return page_html[: match.end()] + chart + page_html[match.end() :]
        # Headings the reader saw, in order, are the headings of the page in order.
        shown = [s for s in pm.sections if not s.labelled]
        index = shown.index(section)
        if index < len(found) and len(found) == len(shown):
            match = found[index]
            return page_html[: match.end()] + chart + page_html[match.end() :]
    return after_title(page_html, chart)


def after_title(page_html: str, insert: str) -> str:
    """`insert` right after the page's leading `<h1>`, else at the top (the theme prints the title there)."""
    first = HEADING.match(page_html.lstrip())
    if first is not None and first.group(1) == "1":
        end = len(page_html) - len(page_html.lstrip()) + first.end()
        return page_html[:end] + insert + page_html[end:]
    return insert + page_html


def timeline_inside(pm: Postmortem, labels: dict[str, Any]) -> str:
    """What the timeline chart's figure holds ("" when the timeline cannot be drawn)."""
    chart = timeline_chart(pm, labels)
    return chart_inside_html(chart, labels) if chart else ""


def reserve_timeline(slots: PageSlots, pm: Postmortem, inside: Callable[[], str]) -> str:
    """The marker of the timeline chart's slot on `pm`'s page, filled with `inside()` when the page is written."""
    return slots.reserve_later(f"timeline {pm.src_uri}", inside)


def holds_timeline_slot(page_html: str, pm: Postmortem) -> bool:
    """Whether `page_html` (a body `postmortem_body` made) waits for the timeline chart's slot.

    The author's own text cannot hold the marker: `slots.disarm` made it inert before."""
    return PageSlots.later_marker(f"timeline {pm.src_uri}") in page_html


def with_timeline_chart(
    page_html: str,
    pm: Postmortem,
    labels: dict[str, Any],
    site_enabled: bool,
    slots: PageSlots | None = None,
    inside: Callable[[], str] | None = None,
) -> str:
    """The page's HTML with its incident timeline, unless switched off or not drawable.

    With `slots`, the chart itself is only made when the page is written: a
    thousand charts made during MkDocs' content pass would all wait in memory
    until its last page. `inside` makes what the figure holds (default:
    `timeline_inside`; the plugin's may take it from the cache).
    """
    if not switched_on(pm, "timeline_chart", site_enabled) or not phase_bars(pm):
        return page_html
    if _TIMELINE_FIGURE in page_html:
        return page_html  # placed already, by the Markdown extension (mkdocs_postmortem.markdown)
    if inside is None:
        def inside() -> str:
            return timeline_inside(pm, labels)

    if slots is not None:
        held = reserve_timeline(slots, pm, inside)
    elif not (held := inside()):
        return page_html
    return number_timeline_rows(place_timeline_chart(page_html, figure_element("timeline", held), pm))


_TIMELINE_FIGURE = f'class="{CHART_CLASS} {CHART_CLASS}--timeline"'
_TABLE_OR_HEADING = re.compile(r"<(table|h[1-6])\b", re.IGNORECASE)


def number_timeline_rows(page_html: str) -> str:
    """Marks the first table after the timeline chart, before any heading, as the one it
    draws: the page's styles number its rows as the chart numbers its markers."""
    at = page_html.find(_TIMELINE_FIGURE)
    if at < 0:
        return page_html
    following = _TABLE_OR_HEADING.search(page_html, at)
    if following is None or following.group(1).lower() != "table":
        return page_html
    return f"{page_html[: following.end()]} data-postmortem-timeline{page_html[following.end() :]}"


def switched_on(pm: Postmortem, option: str, site_enabled: bool) -> bool:
    """A page feature on for the site and not switched off in the file's `postmortem:` mapping
    (`timeline_chart: false`, `header: false`)."""
    if not site_enabled:
        return False
    own = pm.front_matter.get("postmortem") if isinstance(pm.front_matter, dict) else None
    if isinstance(own, dict) and own.get(option) is False:
        return False
    return True


# --- trend charts for the generated pages ---------------------------------------------


DEFAULT_TREND_METRICS = ("ttd", "ttr")  # what readers look at first; TTA and TTM are one click away
MORE_TREND_METRICS = ("tta", "ttm")


class TrendCharts:
    """The trend charts of the generated pages, in the site's language.

    Counts, TTD and TTR are drawn first; TTA and TTM sit in a folded second
    chart below. A group holding several severities gets one line per
    severity only when each has enough incidents to show a trend; otherwise
    split lines would be noise, and the severity pages carry each level's own
    trend. With `slots`, each chart waits in a slot until its page is written;
    with a `memo`, a group whose incidents did not change reuses its chart (under serve: in one
    build each group's chart is asked for once, and kept it only waited to the build's end).
    """

    def __init__(
        self,
        language: str | None,
        slots: PageSlots | None = None,
        memo: RenderMemo | None = None,
        stored: StoredRenders | None = None,
    ) -> None:
        """`stored`: charts kept between builds (the key below is everything a chart is drawn from)."""
        self.language = language
        self.labels = chart_labels(language)
        self.slots = slots
        self.memo = memo
        self.stored = stored or StoredRenders()

    def html(self, postmortems: Sequence[Postmortem], handbook: Handbook, url_of: Callable[[str], str | None]) -> str:
        """The charts of a group of incidents ("" when none has a start time); `url_of` gives
        a postmortem's page URL from the site root (points of the chart open it)."""
        incidents = [(pm, handbook.metrics[pm.src_uri]) for pm in postmortems if pm.src_uri in handbook.metrics]
        per_level = Counter(pm.severity for pm in postmortems if pm.severity and not pm.is_draft)
        by_severity = len(per_level) > 1 and min(per_level.values()) >= MINIMUM_TREND_SAMPLE
        severities = tuple(handbook.settings.severities)
        urls = {pm.src_uri: url for pm, _ in incidents if (url := url_of(pm.src_uri)) is not None}
        # Everything trend_chart reads from an incident, so an edit anywhere in the group shows;
        # the start as written, offset included: it decides the incident's month.
        key = (
            "trend",
            self.language,
            by_severity,
            severities,
            tuple(
                (pm.src_uri, urls.get(pm.src_uri), pm.id, pm.display_title, pm.severity, pm.status,
                 pm.started and pm.started.isoformat(), m.ttd, m.tta, m.ttm, m.ttr)
                for pm, m in incidents
            ),
        )
        def draw() -> tuple[bytes, bytes | None] | None:
            if not self.stored.enabled:
                return self._inside_html(incidents, by_severity, severities, urls)
            text = self.stored.text(
                "trend", (repr(key),), lambda: _charts_text(self._inside_html(incidents, by_severity, severities, urls))
            )
            return _charts_from_text(text)

        made = self.memo.get(key, draw) if self.memo is not None else draw()
        if not made:
            return ""
        main, more = made
        html = figure_element("trend", main, self.slots)
        if more is not None:
            html += (
                f'<details class="{CHART_CLASS}__more"><summary>{escape(self.labels["more_metrics"])}</summary>'
                f"{figure_element('trend-more', more, self.slots)}</details>"
            )
        return html

    def _inside_html(self, incidents, by_severity: bool, severities: tuple, urls: dict) -> tuple[bytes, bytes | None] | None:
        labels = self.labels
        common = {"by_severity": by_severity, "severities": severities, "labels": labels, "urls": urls}
        chart = trend_chart(incidents, metrics=DEFAULT_TREND_METRICS, **common)
        if chart is None:
            return None
        more = trend_chart(incidents, metrics=MORE_TREND_METRICS, counts=False, **common)
        # Kept as UTF-8: a chart of a thousand incidents is hundreds of KB, four bytes a character as str.
        return (
            chart_inside_html(chart, labels).encode("utf-8"),
            chart_inside_html(more, labels).encode("utf-8") if more is not None else None,
        )


def _charts_text(made: tuple[bytes, bytes | None] | None) -> str:
    """The trend charts' figures as the text a store keeps."""
    if made is None:
        return json.dumps(None)
    main, more = made
    return json.dumps([main.decode("utf-8"), more.decode("utf-8") if more is not None else None])


def _charts_from_text(text: str) -> tuple[bytes, bytes | None] | None:
    made = json.loads(text)
    if made is None:
        return None
    main, more = made
    return main.encode("utf-8"), more.encode("utf-8") if more is not None else None
