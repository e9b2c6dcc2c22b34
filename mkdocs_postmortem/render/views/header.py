"""The header of one postmortem's page: chips, when and how long, services, people,
its open actions and the way back, in the postmortem's language."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from ...incident import is_open, is_overdue
from ...metrics import minutes_between
from ...model import Postmortem
from ...text import duration_text_floored
from ...zones import zone
from ..charts import local_text
from .base import ACTIONS, OVERVIEW, Links, Pages
from .rows import service_links, severity_url


def header(pages: Pages, pm: Postmortem, links: Links, labels: dict[str, Any]) -> dict:
    """`labels` are those of the postmortem's language, whatever the site's."""
    tz = zone(pm.timezone)
    started = None
    if pm.started is not None:
        local = pm.started.astimezone(tz) if tz is not None else pm.started
        started = {"iso": pm.started.isoformat(), "text": local_text(local)}
    still_open = [action for action in pm.actions if is_open(action)]
    tracker = links.to(pages.uri(ACTIONS))
    status = pm.status or "unknown"
    severity = None
    if pm.severity:
        severity = {"name": pm.severity, "url": severity_url(pages, pm, links)}
    return {
        "t": labels,
        "id": pm.id,
        "severity": severity,
        "status": {"key": status, "label": labels["document_status"].get(status, status)},
        "services": service_links(pages, pm, links),
        "started": started,
        "duration": duration_text_floored(minutes_between(pm.started, pm.resolved), labels) if pm.resolved else "",
        "authors": pm.authors,
        "reviewers": pm.reviewers,
        "actions": {
            "open": len(still_open),
            "overdue": sum(1 for action in still_open if is_overdue(action, pages.today)),
            # The tracker shows this incident's items only (its script reads the query).
            "url": f"{tracker}?incident={quote(pm.id, safe='')}" if tracker else None,
        },
        "overview_url": links.to(pages.uri(OVERVIEW)),
    }
