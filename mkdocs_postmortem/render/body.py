"""A postmortem page's body HTML, made the same way by the plugin and the Markdown extension.

The order matters: the author's HTML is sanitised before any of the plugin's
own markup joins it, and the markers of held-back HTML are disarmed before
the chart reserves its slot.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from ..model import Postmortem
from .action_anchors import anchor_actions
from .embed import (
    holds_timeline_slot,
    reserve_timeline,
    timeline_inside,
    with_timeline_chart,
)
from .sanitise import sanitise
from .slots import PageSlots
from .stored import StoredRenders
from .ticket_links import link_tickets


def postmortem_body(
    html: str,
    pm: Postmortem,
    chart_labels: dict[str, Any],
    *,
    allow_raw_html: bool,
    timeline_chart: bool,
    titles_as_html: bool = True,
    slots: PageSlots | None = None,
    ticket_urls: tuple[tuple[str, str], ...] = (),
    timeline_figure: Callable[[], str] | None = None,
) -> str:
    """The body with its raw HTML sanitised (unless allowed), anchors on its action
    items (the tracker's rows land on them), their tickets linked (`ticket_urls`: the
    site's `ticket_url`) and its timeline chart.

    `titles_as_html`: the theme shows `title` attributes as HTML (Material's
    `content.tooltips`). When unsure, pass True: at worst a native tooltip then
    shows `&amp;` where the author typed `&`, never live markup."""
    if not allow_raw_html:
        html = sanitise(html, titles_as_html=titles_as_html)
    if slots is not None:
        html = slots.disarm(html)  # the author's own text cannot claim what is held back
    html = link_tickets(anchor_actions(html, pm), pm, ticket_urls)
    return with_timeline_chart(html, pm, chart_labels, timeline_chart, slots, timeline_figure)


def kept_postmortem_body(
    html: str,
    pm: Postmortem,
    chart_labels: dict[str, Any],
    *,
    model_key: str,
    language: str | None,
    stored: StoredRenders,
    slots: PageSlots,
    allow_raw_html: bool,
    timeline_chart: bool,
    titles_as_html: bool,
    ticket_urls: tuple[tuple[str, str], ...] = (),
) -> str:
    """`postmortem_body`, and the figure of its timeline chart, taken from `stored` when made before.

    `model_key` names the model (cache.entry_key of the file: its path, URI and
    bytes; the store's environment adds the package and the settings). The body
    is keyed by it, the HTML MkDocs gave and the options that shape it; the
    chart by the model and the language of its labels. Neither shows the day.
    """

    def figure() -> str:
        return stored.text("timeline", (model_key, language or ""), lambda: timeline_inside(pm, chart_labels))

    def make() -> str:
        return postmortem_body(
            html,
            pm,
            chart_labels,
            allow_raw_html=allow_raw_html,
            timeline_chart=timeline_chart,
            titles_as_html=titles_as_html,
            slots=slots,
            ticket_urls=ticket_urls,
            timeline_figure=figure,
        )

    parts = (
        model_key,
        hashlib.sha256(html.encode("utf-8", "surrogatepass")).hexdigest(),
        language or "",
        f"raw={allow_raw_html} timeline={timeline_chart} titles={titles_as_html}",
        repr(ticket_urls),
    )
    body = stored.text("body", parts, make)
    if holds_timeline_slot(body, pm):
        reserve_timeline(slots, pm, figure)  # a body taken from the store reserved nothing yet
    return body
