"""The index of services, and one page per service with its incidents and open actions."""

from __future__ import annotations

from datetime import date

from ...incident import is_open, is_overdue
from ..slugs import unique_slugs
from .base import ACTIONS, SERVICE, SERVICES, Links, PagePlan, Pages, Place
from .followthrough import follow_context
from .rows import action_row, duration, incident_row, summary


def plan_index(pages: Pages, place: Place, title: str) -> None:
    pages.add(SERVICES, f"{place('services', page=False)}/index.md", title)


def plan_service_pages(pages: Pages, place: Place, title: None) -> None:
    folder = place("services", page=False)
    for name, slug in unique_slugs(pages.handbook.by_service, reserved={"index"}).items():
        pages.service_uri[name] = pages.add(
            SERVICE, f"{folder}/{slug}.md", pages.labels["service_page"].format(name=name), name
        )


def index_context(pages: Pages, page: PagePlan, links: Links) -> dict:
    rows = []
    for name, incidents in pages.handbook.by_service.items():
        ttr = pages.handbook.aggregates_of(incidents)["ttr"]
        latest = incidents[0].phase_day
        rows.append(
            {
                "name": name,
                "url": links.to(pages.service_uri[name]),
                "count": len(incidents),
                "median_ttr": duration(pages, ttr.median),
                "median_ttr_minutes": ttr.median,
                "latest": latest.isoformat() if latest else "",
            }
        )
    return {"services": rows}


def service_context(pages: Pages, page: PagePlan, links: Links) -> dict:
    incidents = pages.handbook.by_service.get(page.key, [])
    still_open = ((pm, action) for pm in incidents for action in pm.actions if is_open(action))
    # Overdue first, then by deadline.
    ordered = sorted(
        still_open,
        key=lambda row: (not is_overdue(row[1], pages.today), row[1].due or date.max, row[0].id, row[1].line),
    )
    return {
        "service": page.key,
        "incidents": [incident_row(pages, pm, links) for pm in incidents],
        "summary": summary(pages, incidents),
        "charts": pages.charts(incidents),
        "services_url": links.to(pages.uri(SERVICES)),
        "open_actions": [action_row(pages, pm, action, links) for pm, action in ordered],
        "actions_url": links.to(pages.uri(ACTIONS)),
        "follow": follow_context(pages, [(pm, action) for pm in incidents for action in pm.actions], links, groups=False),
    }
