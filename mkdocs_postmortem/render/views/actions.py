"""The action tracker: every follow-up item, open ones first, filterable by owner, service and status."""

from __future__ import annotations

from datetime import date

from ...incident import is_open, is_overdue
from ..assets import TRACKER_JS
from ..slugs import unique_slugs
from .base import Links, PagePlan, Pages
from .followthrough import follow_context
from .rows import action_row


def context(pages: Pages, page: PagePlan, links: Links) -> dict:
    today, labels = pages.today, pages.labels
    still_open, closed = [], []
    for pm, action in pages.handbook.actions:
        (still_open if is_open(action) else closed).append((pm, action))
    # Overdue first, then by deadline; done and dropped items newest incident first.
    still_open.sort(
        key=lambda row: (
            not is_overdue(row[1], today), row[1].due is None, row[1].due or date.max, row[0].id, row[1].line
        )
    )
    open_rows = [action_row(pages, pm, action, links) for pm, action in still_open]
    closed_rows = [action_row(pages, pm, action, links) for pm, action in closed]
    every = open_rows + closed_rows
    owners = unique_slugs({row["owner"] for row in every if row["owner"]})
    for row in every:
        row["owner_anchor"] = f"owner-{owners[row['owner']]}" if row["owner"] else ""
    return {
        "items": open_rows,
        "closed_items": closed_rows,
        "open_count": len(open_rows),
        "overdue_count": sum(1 for row in open_rows if row["overdue"]),
        "over_target_count": sum(1 for row in open_rows if row["over_target"]),
        "show_priority": any(row["priority"] for row in every),
        "show_target": bool(pages.deadline_days),
        "owners": [
            {"name": name, "anchor": f"owner-{slug}", "calendar": _calendar(pages, links, name)}
            for name, slug in sorted(owners.items(), key=lambda item: item[0].casefold())
        ],
        "calendar_url": _calendar(pages, links, None),
        "services": sorted({name for row in every for name in row["service_names"]}, key=str.casefold),
        "statuses": [
            {"key": key, "label": labels["action_status"].get(key, key)}
            for key in labels["action_status"]
            if any(row["status"] == key for row in every)
        ],
        "script_url": links.to_output(TRACKER_JS),
        "follow": follow_context(pages, pages.handbook.actions, links),
    }


def _calendar(pages: Pages, links: Links, owner: str | None) -> str | None:
    """The link to the deadlines of `owner` (None: of every open item), when the site has them."""
    path = pages.calendar_paths.get(owner)
    return links.to_output(path) if path else None
