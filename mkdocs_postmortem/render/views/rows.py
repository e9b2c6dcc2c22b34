"""The rows and small parts several views share: an incident, an action item,
a metric summary."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from ...incident import is_open, is_overdue
from ...model import ActionItem, Postmortem
from ...read.tickets import ticket_links
from ...text import duration_text_floored
from ..action_anchors import action_anchor, has_anchor
from .base import Links, Pages


def incident_row(pages: Pages, pm: Postmortem, links: Links) -> dict:
    return _kept(pages, "incident row", (pm,), links, pm, lambda: _incident_row(pages, pm, links))


def action_row(pages: Pages, pm: Postmortem, action: ActionItem, links: Links) -> dict:
    return _kept(pages, "action row", (pm, action), links, pm, lambda: _action_row(pages, pm, action, links))


def _kept(pages: Pages, kind: str, objects: tuple, links: Links, pm: Postmortem, make) -> dict:
    """A row as the last build made it, under serve (`pages.row_memo`): a rebuild keeps the models of
    unchanged files, and a row is made from its model (and action), the page it is on (`links.page`),
    its incident's URL, the incident's metrics and what `pages.rows_key` holds. A copy: views add to
    their rows."""
    page = getattr(links, "page", None)
    if pages.row_memo is None or page is None or pages.rows_key is None:
        return make()
    metrics = pages.handbook.metrics.get(pm.src_uri)
    key = (kind, page, links.to(pm.src_uri), pages.rows_key, metrics and tuple(sorted(metrics.as_dict().items())))
    return dict(pages.row_memo.get_with(key, objects, make))


def _incident_row(pages: Pages, pm: Postmortem, links: Links) -> dict:
    ttr = pages.handbook.metrics[pm.src_uri].ttr
    status = pm.status or "unknown"
    return {
        "id": pm.id,
        "title": pm.display_title,
        "url": links.to(pm.src_uri),
        "date": pm.phase_day.isoformat() if pm.phase_day else "",
        "severity": pm.severity or pages.labels["unknown"],
        "severity_url": severity_url(pages, pm, links),
        "status": status,
        "status_label": pages.labels["document_status"].get(status, status),
        "services": [
            {"name": name, "url": links.to(pages.service_uri[name])}
            for name in dict.fromkeys(pm.services)
            if name in pages.service_uri
        ],
        "ttr": duration(pages, ttr),
        "ttr_minutes": ttr,
    }


def _action_row(pages: Pages, pm: Postmortem, action: ActionItem, links: Links) -> dict:
    late = is_overdue(action, pages.today)
    index = pm.actions.index(action) + 1
    if has_anchor(pm, index):
        anchor = action_anchor(index)
    else:
        anchor = pages.anchor_of(pm, action.line) if pages.anchor_of is not None else None
    target = target_of(pages, pm)
    return {
        "target": target.isoformat() if target else "",
        "over_target": over_target(pages, action, target),
        "service_names": list(dict.fromkeys(pm.services)),
        "services": service_links(pages, pm, links),
        "severity": pm.severity or "",
        "sort_due": action.due.isoformat() if action.due else "9999-12-31",
        "text": action.text,
        "owner": action.owner,
        "due": action.due.isoformat() if action.due else (action.due_raw or ""),
        "status": action.status,
        "done": action.done.isoformat() if action.done else "",
        "status_label": pages.labels["action_status"].get(action.status, action.status),
        "priority": action.priority or "",
        "overdue": late,
        "days_late": (pages.today - action.due).days if late else 0,
        "postmortem": pm.display_title,
        "postmortem_id": pm.id,
        "url": links.to(pm.src_uri, anchor),
        "line": action.line,
        "tickets": [
            {"label": ticket.label, "url": ticket.url}
            for ticket in ticket_links(action.references, pages.handbook.settings.ticket_urls) if ticket.url
        ],
    }


def severity_url(pages: Pages, pm: Postmortem, links: Links) -> str | None:
    """The link to the page of the incident's severity, if it has one."""
    return links.to(pages.severity_uri[pm.severity]) if pm.severity in pages.severity_uri else None


def service_links(pages: Pages, pm: Postmortem, links: Links) -> list[dict]:
    """Each service the incident names, once, with the link to its page (None without one)."""
    return [
        {"name": name, "url": links.to(pages.service_uri[name]) if name in pages.service_uri else None}
        for name in dict.fromkeys(pm.services)
    ]


def target_of(pages: Pages, pm: Postmortem) -> date | None:
    """The day this incident's follow-ups should be done by, when its severity has a target."""
    days = pages.deadline_days.get(pm.severity or "")
    if days is None or pm.phase_day is None:
        return None
    return pm.phase_day + timedelta(days=days)


def over_target(pages: Pages, action: ActionItem, target: date | None) -> bool:
    """Still to do and planned (or, without a date, already) past the severity's target."""
    if target is None or not is_open(action):
        return False
    return (action.due or pages.today) > target


def summary(pages: Pages, incidents: Sequence[Postmortem]) -> dict:
    aggregates = pages.handbook.aggregates_of(incidents)
    return {
        name: {
            "count": value.count,
            "median": duration(pages, value.median),
            "p90": duration(pages, value.p90),
        }
        for name, value in aggregates.items()
    }


def duration(pages: Pages, minutes: float | None) -> str:
    return duration_text_floored(minutes, pages.labels)


def count_text(labels: dict, count: int) -> str:
    """`1 incident`, `3 incidents`."""
    key = "one_incident" if count == 1 else "total_incidents"
    return labels[key].format(count=count)
