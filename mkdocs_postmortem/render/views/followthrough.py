"""Follow-through figures of the tracker and of each service page (learning/followthrough.py), as text."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup

from ...learning.followthrough import (
    MINIMUM,
    FollowThrough,
    Item,
    by_owner,
    by_service,
    follow_through,
    per_quarter,
)
from ..embed import chart_inside_html, figure_element
from ..followthrough_chart import follow_through_chart
from .base import Links, Pages


def figures(labels: dict, figure: FollowThrough) -> dict:
    """The three figures of a set of items, as the page prints them."""

    def rate(value, n):
        if value is None:
            return labels["ft_too_few" if n else "ft_none"].format(n=n)
        return labels["ft_rate"].format(percent=round(100 * value), n=n)

    def days(value, n):
        if value is None:
            return labels["ft_too_few" if n else "ft_none"].format(n=n)
        return labels["ft_days"].format(days=round(value), n=n)

    return {
        "count": figure.items,
        "done": figure.done,
        "open": figure.still_open,
        "overdue": figure.overdue,
        "on_time": rate(figure.on_time.value, figure.on_time.n),
        "on_time_value": figure.on_time.value,
        "to_done": days(figure.to_done.value, figure.to_done.n),
        "to_done_value": figure.to_done.value,
        "overdue_age": days(figure.overdue_age.value, figure.overdue_age.n),
        "overdue_age_value": figure.overdue_age.value,
    }


def _chart_html(pages: Pages, chart, numbers: dict) -> Markup:
    """The chart, held out of the page's content until the page is written, as the trend charts are."""
    if chart is None:
        return Markup("")
    slots = pages.trend_charts.slots if pages.trend_charts is not None else None
    # The chart module escapes what it embeds (design section 9).
    return Markup(figure_element(chart.kind, chart_inside_html(chart, numbers), slots))


def follow_context(pages: Pages, items: Sequence[Item], links: Links, groups: bool = True) -> dict:
    """Figures for `items` overall, per service and per owner (`groups`), and the chart per quarter."""
    labels, today = pages.labels, pages.today
    chart = follow_through_chart(per_quarter(items), labels)
    numbers = {"numbers": labels["ft_numbers"]}
    result = {
        "minimum": MINIMUM,
        "overall": figures(labels, follow_through(items, today)),
        "chart": _chart_html(pages, chart, numbers),
        "by_service": [],
        "by_owner": [],
    }
    if groups:
        result["by_service"] = [
            {"name": name, "url": links.to(pages.service_uri[name]) if name in pages.service_uri else None,
             **figures(labels, figure)}
            for name, figure in by_service(items, today).items()
        ]
        result["by_owner"] = [{"name": name, **figures(labels, figure)} for name, figure in by_owner(items, today).items()]
    return result
