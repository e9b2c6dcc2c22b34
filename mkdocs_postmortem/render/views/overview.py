"""The overview: the handbook at a glance, its trends, recent incidents and what needs attention."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from ...incident import (
    NOT_DATED,
    PUBLISHED_LATE,
    STILL_DRAFT,
    Lateness,
    is_open,
    is_overdue,
)
from ..message_html import message_html
from .base import ACTIONS, REPEATS, UNKNOWN_SEVERITY, Links, PagePlan, Pages
from .rows import action_row, duration, incident_row
from .similar import repeats_glance

RECENT_INCIDENTS = 10
GLANCE_DAYS = 90  # the overview compares the last 90 days with the 90 before (incident.io, Rootly)
_LATENESS_WORDS = {STILL_DRAFT: "late_draft", PUBLISHED_LATE: "late_published", NOT_DATED: "late_not_dated"}



def context(pages: Pages, page: PagePlan, links: Links) -> dict:
    handbook, labels = pages.handbook, pages.labels
    counts = handbook.counts
    severity_rows = [
        {"name": level, "count": counts["severity"].get(level, 0), "url": links.to(uri)}
        for level, uri in pages.severity_uri.items()
        if level != UNKNOWN_SEVERITY
    ]
    if handbook.unknown_severity:
        severity_rows.append(
            {
                "name": labels["unknown"],
                "count": len(handbook.unknown_severity),
                "url": links.to(pages.severity_uri[UNKNOWN_SEVERITY]),
            }
        )
    status_names = labels["document_status"]
    status_order = [*status_names, *sorted(set(counts["status"]) - set(status_names))]
    status_rows = [
        {"key": status, "name": status_names.get(status, status), "count": counts["status"][status]}
        for status in status_order
        if counts["status"].get(status)
    ]
    grid = Counter((pm.severity or "unknown", pm.status or "unknown") for pm in handbook.postmortems)
    for row in severity_rows:
        key = row["name"] if row["url"] is not None else "unknown"
        row["by_status"] = [{"key": status["key"], "count": grid.get((key, status["key"]), 0)} for status in status_rows]
    return {
        "total": len(handbook.postmortems),
        "glance": glance(pages, links),
        "repeats": repeats_glance(pages, GLANCE_DAYS),
        "repeats_url": links.to(pages.uri(REPEATS)) if pages.uri(REPEATS) else None,
        "severity_counts": severity_rows,
        "status_counts": status_rows,
        "drafts": [incident_row(pages, pm, links) for pm in pages.drafts],
        "late": [
            {**incident_row(pages, pm, links), "code": late.code, "message": message_html(lateness_text(labels, late))}
            for pm, late in pages.late
        ],
        "overdue": [action_row(pages, pm, action, links) for pm, action in pages.overdue],
        "actions_url": links.to(pages.uri(ACTIONS)),
        "recent": [incident_row(pages, pm, links) for pm in handbook.postmortems[:RECENT_INCIDENTS]],
        "charts": pages.charts(handbook.postmortems),
        "json_url": links.to_output(pages.json_path),
        "feed_url": links.to_output(pages.feed_path) if pages.feed_path else None,
        "archived": len(handbook.archived),
        "enforce_from": _iso_day(handbook.settings.enforce_from),
    }


def glance(pages: Pages, links: Links) -> dict:
    """The overview's first screen: the last GLANCE_DAYS days against the ones
    before (by the build date, so a rebuild of the same inputs shows the same),
    medians of TTD and TTR over the same windows, and what needs doing."""
    handbook, today = pages.handbook, pages.today
    current_from = today - timedelta(days=GLANCE_DAYS - 1)
    previous_from = current_from - timedelta(days=GLANCE_DAYS)
    now = [pm for pm in handbook.postmortems if pm.phase_day and current_from <= pm.phase_day <= today]
    before = [pm for pm in handbook.postmortems if pm.phase_day and previous_from <= pm.phase_day < current_from]
    by_level = Counter(pm.severity for pm in now)
    by_level_before = Counter(pm.severity for pm in before)
    # Drafts count as incidents, but their durations may still change: medians leave them out.
    medians_now = handbook.aggregates_of(pm for pm in now if not pm.is_draft)
    medians_before = handbook.aggregates_of(pm for pm in before if not pm.is_draft)

    def median(name: str) -> dict:
        value, earlier = medians_now[name].median, medians_before[name].median
        direction = ""
        if value is not None and earlier is not None:
            direction = "same" if round(value) == round(earlier) else ("down" if value < earlier else "up")
        return {
            "minutes": value,
            "text": duration(pages, value),
            "before_minutes": earlier,
            "before": duration(pages, earlier),
            "direction": direction,
            "count": medians_now[name].count,
        }

    open_items = [(pm, action) for pm, action in handbook.actions if is_open(action)]
    return {
        "days": GLANCE_DAYS,
        "from": current_from.isoformat(),
        "to": today.isoformat(),
        "previous_from": previous_from.isoformat(),
        "previous_to": (current_from - timedelta(days=1)).isoformat(),
        "incidents": len(now),
        "incidents_before": len(before),
        "by_severity": [
            {"name": level, "count": by_level.get(level, 0), "before": by_level_before.get(level, 0), "url": links.to(uri)}
            for level, uri in pages.severity_uri.items()
            if by_level.get(level) or by_level_before.get(level)
        ],
        "ttd": median("ttd"),
        "ttr": median("ttr"),
        "open_actions": len(open_items),
        "overdue_actions": sum(1 for _, action in open_items if is_overdue(action, today)),
        "late": len({pm.src_uri for pm, _ in pages.late}),
        "drafts": len(pages.drafts),
    }


def lateness_text(labels: dict, late: Lateness) -> str:
    """How the postmortem is late, in the page's words (PM501/PM502 word it for terminals)."""
    return labels[_LATENESS_WORDS[late.kind]].format(
        severity=late.severity,
        days=late.days,
        deadline=late.deadline,
        published=_iso_day(late.published) or "",
        resolved=late.resolved.isoformat(),
    )


def _iso_day(day) -> str | None:
    return day.isoformat() if day is not None else None
