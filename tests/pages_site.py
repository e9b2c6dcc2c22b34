"""Small, complete postmortems for the generated-pages tests, and ways to read pages back.

Each postmortem is written out in full (every mandatory section, five whys,
a timeline and an action table) so that the real reader and rules accept it;
the tests then compare the built pages with what these sources say.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from bs4 import BeautifulSoup

BUILD_DATE = "2026-06-01"


@dataclass
class Action:
    text: str
    owner: str
    due: str
    status: str = "To Do"  # as written in the table

    @property
    def is_open(self) -> bool:
        return self.status in ("To Do", "In Progress")

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due < BUILD_DATE


@dataclass
class Incident:
    id: str
    title: str
    severity: str
    services: list[str]
    started: str  # "2026-03-04T14:00:00+01:00"
    status: str = "approved"
    related: list[str] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    # minutes after the start: detected, acknowledged, mitigated, resolved
    offsets: tuple[int, int, int, int] = (10, 15, 40, 60)
    published_after_days: int | None = 2  # None: no `published` field

    @property
    def file_name(self) -> str:
        return f"{self.id}.md"

    def markdown(self) -> str:
        start = datetime.fromisoformat(self.started)
        detected, acknowledged, mitigated, resolved = (start + timedelta(minutes=m) for m in self.offsets)
        published = ""
        if self.published_after_days is not None:
            day = (resolved + timedelta(days=self.published_after_days)).date().isoformat()
            published = f"published: {day}\n"
        quoted_services = ", ".join(_yaml_string(s) for s in self.services)
        related = ", ".join(_yaml_string(r) for r in self.related)
        rows = "\n".join(
            f"| {a.text} | {a.owner} | {a.due} | {a.status} |" for a in self.actions
        )
        times = [start, detected, acknowledged, mitigated, resolved]
        events = [
            "A deployment reaches production",
            "The error-rate alert fires",
            "The on-call engineer acknowledges the page",
            "The deployment is rolled back",
            "Error rates are back to baseline",
        ]
        timeline = "\n".join(f"| {t:%H:%M} | {e} |" for t, e in zip(times, events))
        return f"""---
title: {_yaml_string(self.title)}
id: {self.id}
severity: {self.severity}
status: {self.status}
services: [{quoted_services}]
timezone: {_zone_name(start)}
started: {start.isoformat()}
detected: {detected.isoformat()}
acknowledged: {acknowledged.isoformat()}
mitigated: {mitigated.isoformat()}
resolved: {resolved.isoformat()}
{published}authors: [Sam Rivera]
related: [{related}]
---

# {self.title}

## Summary

A change to the request router raised the error rate of the affected services.

## Timeline

| Time  | Event |
|-------|-------|
{timeline}

## Impact

Some requests failed while the change was live.

## Root Cause

The router's new retry policy amplified load on a slow dependency.

### 5 Whys

1. Why did requests fail? The dependency timed out under the extra load.
2. Why was there extra load? The router retried every failed call three times.
3. Why did it retry so often? The new policy had no retry budget.
4. Why was there no budget? The policy template predates budgets.
5. Why was the template not updated? Nobody owned the router's policy templates.

## Action Items

| Action | Owner | Due | Status |
|--------|-------|-----|--------|
{rows}

## Lessons Learned

Retry policies need a budget and a named owner.
"""


def _yaml_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _zone_name(start: datetime) -> str:
    return "UTC" if start.utcoffset() == timedelta(0) else "Europe/Paris"


def incidents() -> list[Incident]:
    """Six incidents: every severity but P4, shared and hostile service names, two families."""
    return [
        Incident(
            "2026-01-08-router",
            "Router retries overload payments",
            "P1",
            ["payments", "Edge Router"],
            "2026-01-08T10:00:00+01:00",
            actions=[
                Action("Add a retry budget to the router", "Ana Lopez", "2026-02-01", "In Progress"),
                Action("Own the policy templates", "Li Wei", "2026-03-01", "Done"),
            ],
        ),
        Incident(
            "2026-02-14-payments",
            "Payments timeouts <during> sale",
            "P2",
            ["payments", "Paiement été"],
            "2026-02-14T21:30:00+01:00",
            related=["2026-01-08-router"],
            actions=[
                Action("Load-test the payment provider", "Li Wei", "2026-04-15"),
                Action("Document the sale runbook", "Ana Lopez", "2026-12-01"),
            ],
        ),
        Incident(
            "2026-03-02-dns",
            "DNS failures in eu-west",
            "P2",
            ["edge-dns", "../../x"],
            "2026-03-02T08:00:00+00:00",
            status="closed",
            actions=[
                Action("Canary resolver changes", "Zoé Martin", "2026-09-30"),
                Action("Drop the legacy resolver", "Zoé Martin", "2026-03-20", "Won't Do"),
            ],
        ),
        Incident(
            "2026-03-20-cache",
            "Cache stampede after deploy",
            "P3",
            ["Edge Router"],
            "2026-03-20T14:00:00+00:00",
            related=["2026-03-02-dns"],
            offsets=(5, 6, 20, 30),
            actions=[Action("Warm the cache before traffic", "Ana Lopez", "2026-05-01")],
        ),
        Incident(
            "2026-04-11-queue",
            "Queue backlog delays emails",
            "P3",
            ["notifications"],
            "2026-04-11T06:00:00+00:00",
            status="in-review",
            related=["2026-02-14-payments"],
            offsets=(30, 45, 120, 240),
            actions=[Action("Alert on queue age", "Sam Rivera", "2026-10-01")],
        ),
        Incident(
            "2026-05-03-login",
            "Login latency spike",
            "P3",
            ["auth"],
            "2026-05-03T12:00:00+00:00",
            actions=[Action("Cache session keys", "Sam Rivera", "2026-11-01", "Done")],
        ),
    ]


def site_files(chosen: list[Incident] | None = None) -> dict[str, str]:
    return {incident.file_name: incident.markdown() for incident in chosen or incidents()}


def families_of(chosen: list[Incident]) -> list[set[str]]:
    """Connected groups of `related` links, in either direction: computed here independently."""
    links: dict[str, set[str]] = {incident.id: set() for incident in chosen}
    for incident in chosen:
        for other in incident.related:
            if other in links:
                links[incident.id].add(other)
                links[other].add(incident.id)
    seen: set[str] = set()
    groups = []
    for start in links:
        if start in seen:
            continue
        group, todo = set(), [start]
        while todo:
            node = todo.pop()
            if node not in group:
                group.add(node)
                todo.extend(links[node] - group)
        seen |= group
        if len(group) > 1:
            groups.append(group)
    return groups


def severity_counts(chosen: list[Incident]) -> Counter:
    return Counter(incident.severity for incident in chosen)


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def page(site: Path, url_path: str) -> BeautifulSoup:
    """A built page by its URL path, e.g. `postmortems/services/` (directory URLs)."""
    target = site / url_path
    if url_path.endswith("/") or not url_path:
        target = target / "index.html"
    return soup_of(target)


def generated_body(soup: BeautifulSoup):
    """The generated part of a page (the theme's nav and header left out)."""
    body = soup.select_one("[data-postmortem-page]")
    assert body is not None, "not a generated postmortem page"
    return body


def incident_ids(container) -> list[str]:
    return [row["data-incident-id"] for row in container.select("[data-incident-id]")]
