"""One page per severity level, and one for postmortems whose severity is unknown."""

from __future__ import annotations

from ..slugs import unique_slugs
from .base import SEVERITY, UNKNOWN_SEVERITY, Links, PagePlan, Pages, Place
from .rows import incident_row, summary


def plan(pages: Pages, place: Place, title: None) -> None:
    folder = place("severity", page=False)
    labels = pages.labels
    levels = list(pages.handbook.settings.severities)
    if pages.handbook.unknown_severity:  # its own group, last: an honest "we do not know"
        levels.append(UNKNOWN_SEVERITY)
    planned = {}
    for level, slug in unique_slugs(levels, reserved={"index"}).items():
        title = (
            labels["severity_unknown_page"]
            if level == UNKNOWN_SEVERITY
            else labels["severity_page"].format(level=level)
        )
        planned[level] = pages.add(SEVERITY, f"{folder}/{slug}.md", title, level)
    pages.severity_uri = {level: planned[level] for level in levels}


def bar_links(pages: Pages, links: Links) -> list[dict]:
    """The bar under every generated page links each level's page, named by the level."""
    return [
        {"name": pages.labels["unknown"] if level == UNKNOWN_SEVERITY else level, "url": links.to(uri)}
        for level, uri in pages.severity_uri.items()
    ]


def incidents_of(pages: Pages, level: str | None) -> list:
    if level == UNKNOWN_SEVERITY:
        return pages.handbook.unknown_severity
    return pages.handbook.by_severity.get(level, [])


def context(pages: Pages, page: PagePlan, links: Links) -> dict:
    incidents = incidents_of(pages, page.key)
    return {
        "level": page.key,
        "incidents": [incident_row(pages, pm, links) for pm in incidents],
        "summary": summary(pages, incidents),
        "charts": pages.charts(incidents),
    }
