"""`postmortems.json`: every incident of the built site, for dashboards and other tools.

Times are ISO 8601 with their offset, durations are minutes (null when
unknown, never zero), and the order is the handbook's (newest first, then
id), so two builds of the same sources give the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from ..handbook import Handbook
from ..incident import is_overdue
from ..model import PHASES, ActionItem, Postmortem
from ..read.tickets import ticket_links

FILE_NAME = "postmortems.json"


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _action(action: ActionItem, today: date, ticket_urls: tuple[tuple[str, str], ...]) -> dict[str, Any]:
    return {
        "text": action.text,
        "owner": action.owner,
        "due": _iso(action.due),
        "due_raw": action.due_raw,
        "status": action.status,
        "priority": action.priority,
        "group": action.group,
        "line": action.line,
        "overdue": is_overdue(action, today),
        # The issues it is tracked in, as URLs (design section 10); a short reference the site's
        # `ticket_url` gives no URL for is left out.
        "tickets": [ticket.url for ticket in ticket_links(action.references, ticket_urls) if ticket.url],
        "done": _iso(action.done),
    }


def _incident(pm: Postmortem, handbook: Handbook, url_of: Callable[[str], str | None]) -> dict[str, Any]:
    today = handbook.settings.build_date
    family = [other.id for other in handbook.family_of.get(pm.src_uri, [])]
    return {
        "id": pm.id,
        "title": pm.title,
        "path": pm.src_uri,
        "url": url_of(pm.src_uri),
        "severity": pm.severity,
        "status": pm.status,
        "services": list(pm.services),
        "timezone": pm.timezone,
        **{phase: _iso(getattr(pm, phase)) for phase in PHASES},
        "published": _iso(pm.published),
        "authors": list(pm.authors),
        "teams": list(pm.teams),
        "tags": list(pm.tags),
        "contributing_factors": list(pm.contributing_factors),
        "related": list(pm.related),
        "family": sorted(family),
        # Found from the words, services and tags (learning/similarity.py), best first; family members included.
        "similar": [
            {"id": match.other.id, "score": match.score, "why": match.why} for match in handbook.similarity.of(pm)
        ],
        "metrics": handbook.metrics[pm.src_uri].as_dict(),
        "actions": [_action(action, today, handbook.settings.ticket_urls) for action in pm.actions],
        "timeline": [
            {"time": _iso(event.time), "text": event.text, "phase": event.phase} for event in pm.timeline
        ],
    }


def postmortems_json(handbook: Handbook, url_of: Callable[[str], str | None]) -> str:
    """The document; `url_of(src_uri)` gives a page's URL relative to the site root."""
    document = {
        "as_of": handbook.settings.build_date.isoformat(),
        "units": {"metrics": "minutes"},
        "incidents": [_incident(pm, handbook, url_of) for pm in handbook.postmortems],
    }
    # default=str: teams extend front matter freely; an odd value is written as text, never a crash.
    # Compact: with `indent`, json falls back from its C encoder to pure Python (seconds at thousands of incidents).
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"), default=str) + "\n"
