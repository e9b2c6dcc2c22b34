"""A postmortem page's body HTML, made the same way by the plugin and the Markdown extension.

The order matters: the author's HTML is sanitised before any of the plugin's
own markup joins it, and the markers of held-back HTML are disarmed before
the chart reserves its slot.
"""

from __future__ import annotations

from typing import Any

from ..model import Postmortem
from .action_anchors import anchor_actions
from .embed import with_timeline_chart
from .sanitise import sanitise
from .slots import PageSlots
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
    return with_timeline_chart(html, pm, chart_labels, timeline_chart, slots)
