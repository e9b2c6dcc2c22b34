"""The Themes page: tags and contributing factors across incidents, growing ones first."""

from __future__ import annotations

from .base import Links, PagePlan, Pages

MOST_INCIDENTS_LISTED = 12  # per theme; the count says how many there are



def context(pages: Pages, page: PagePlan, links: Links) -> dict:
    labels = pages.labels
    rows, once = [], []
    for theme in pages.handbook.themes:
        if theme.count < 2:
            once.append(theme.name)
            continue
        highest = max((count for _, count in theme.quarters), default=0) or 1
        rows.append(
            {
                "name": theme.name,
                "kinds": [labels["theme_kind"][kind] for kind in theme.kinds],
                "count": theme.count,
                "growing": theme.growing,
                "rising_quarters": theme.rising_quarters,
                "quarters": [
                    {"key": key, "count": count, "height": round(100 * count / highest)} for key, count in theme.quarters
                ],
                "services": [
                    {"name": name, "url": links.to(pages.service_uri[name]) if name in pages.service_uri else None}
                    for name in theme.services
                ],
                "incidents": [
                    {"id": pm.id, "title": pm.display_title, "url": links.to(pm.src_uri),
                     "date": pm.phase_day.isoformat() if pm.phase_day else ""}
                    for pm in theme.incidents[:MOST_INCIDENTS_LISTED]
                ],
                "more": max(theme.count - MOST_INCIDENTS_LISTED, 0),
            }
        )
    return {"themes": rows, "named_once": sorted(once, key=str.casefold)}
