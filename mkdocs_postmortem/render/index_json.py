"""`postmortems.json`: every incident of the built site, for dashboards and other tools.

Times are ISO 8601 with their offset, durations are minutes (null when
unknown, never zero), and the order is the handbook's (newest first, then
id), so two builds of the same sources give the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import date, datetime
from typing import Any

from ..handbook import Handbook
from ..incident import is_overdue
from ..model import PHASES, ActionItem, Postmortem
from ..read.tickets import ticket_links
from .memo import RenderMemo

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


def _shared(pm: Postmortem, handbook: Handbook, url_of: Callable[[str], str | None]) -> dict[str, Any]:
    """What an incident's entry takes from the rest of the handbook and the site."""
    return {
        "url": url_of(pm.src_uri),
        "family": sorted(other.id for other in handbook.family_of.get(pm.src_uri, [])),
        # Found from the words, services and tags (learning/similarity.py), best first; family members included.
        "similar": [
            {"id": match.other.id, "score": match.score, "why": match.why} for match in handbook.similarity.of(pm)
        ],
        "metrics": handbook.metrics[pm.src_uri].as_dict(),
    }


def _incident(pm: Postmortem, handbook: Handbook, shared: dict[str, Any]) -> dict[str, Any]:
    today = handbook.settings.build_date
    return {
        "id": pm.id,
        "title": pm.title,
        "path": pm.src_uri,
        "url": shared["url"],
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
        "family": shared["family"],
        "similar": shared["similar"],
        "metrics": shared["metrics"],
        "actions": [_action(action, today, handbook.settings.ticket_urls) for action in pm.actions],
        "timeline": [
            {"time": _iso(event.time), "text": event.text, "phase": event.phase} for event in pm.timeline
        ],
    }


def _dumps(value: Any) -> str:
    # default=str: teams extend front matter freely; an odd value is written as text, never a crash.
    # Compact: with `indent`, json falls back from its C encoder to pure Python (seconds at thousands of incidents).
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)


def _incident_text(
    pm: Postmortem, handbook: Handbook, url_of: Callable[[str], str | None], memo: RenderMemo | None
) -> str:
    shared = _shared(pm, handbook, url_of)
    if memo is None:
        return _dumps(_incident(pm, handbook, shared))
    # The rest of the entry is the model's own (a serve rebuild keeps the models of unchanged files),
    # read on the day of the build with the site's ticket URLs.
    settings = handbook.settings
    key = ("postmortems.json entry", settings.build_date, settings.ticket_urls, _dumps(shared))
    return memo.get_with(key, [pm], lambda: _dumps(_incident(pm, handbook, shared)))


def postmortems_json_parts(
    handbook: Handbook, url_of: Callable[[str], str | None], memo: RenderMemo | None = None
) -> Iterator[str]:
    """The document in pieces, one incident each, to be written as they come: at thousands of
    incidents the whole text, held at once and copied to be encoded, was the peak of a build."""
    head = _dumps({"as_of": handbook.settings.build_date.isoformat(), "units": {"metrics": "minutes"}})
    # The same bytes as one dump of {"as_of", "units", "incidents"}: entries are dumped one by one to be kept.
    yield f'{head[:-1]},"incidents":['
    for index, pm in enumerate(handbook.postmortems):
        yield ("," if index else "") + _incident_text(pm, handbook, url_of, memo)
    yield "]}\n"


def postmortems_json(
    handbook: Handbook, url_of: Callable[[str], str | None], memo: RenderMemo | None = None
) -> str:
    """The document; `url_of(src_uri)` gives a page's URL relative to the site root. With a `memo`
    (serve), the entry of an incident whose model and shared parts are the last build's is reused."""
    return "".join(postmortems_json_parts(handbook, url_of, memo))
