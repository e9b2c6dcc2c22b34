"""Small complete postmortems for the chart tests, and ways to read charts back from built pages.

Each postmortem has every mandatory section, five whys and owned, dated
action items, so that the real reader and rules accept it; the tests compare
the charts with what these sources say.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from bs4 import BeautifulSoup

BUILD_DATE = "2026-06-01"


def postmortem(
    *,
    title: str,
    timezone: str,
    phases: dict[str, str],
    rows: list[tuple[str, str]],
    severity: str = "P3",
    services: str = "[edge-dns]",
    extra_front_matter: str = "",
    timeline_heading: str = "## Timeline",
    before_timeline: str = "",
    published: str | None = None,
) -> str:
    """A postmortem whose phase times (`started: 2026-01-15 14:00`) are wall times in `timezone`."""
    phase_lines = "\n".join(f"{name}: {value}" for name, value in phases.items())
    # Published two days after the incident's date: inside the 5-day rule.
    published = published or (date.fromisoformat(phases["started"][:10]) + timedelta(days=2)).isoformat()
    table = "\n".join(f"| {time} | {event} |" for time, event in rows)
    return f"""---
title: {json.dumps(title)}
severity: {severity}
status: closed
services: {services}
timezone: {timezone}
{phase_lines}
published: {published}
{extra_front_matter}---

## Summary

The resolver cache filled up and evicted hot entries, raising latency.
{before_timeline}
{timeline_heading}

| Time  | Event |
|-------|-------|
{table}

## Impact

Lookups were slower for a while; no request failed.

## Root Cause

1. Why was latency higher? Hot entries were evicted from the cache.
2. Why were they evicted? The cache was full.
3. Why was it full? A batch job resolved millions of unique names.
4. Why did the batch job use the shared resolvers? No dedicated pool existed for batch traffic.
5. Why was there no dedicated pool? Batch traffic was small when the resolvers were sized.

## Action Items

| Action | Owner | Due | Status |
|--------|-------|-----|--------|
| Give batch jobs their own resolver pool | Ana Lopez | 2027-03-01 | To Do |

## Lessons Learned

Shared caches need per-tenant limits.
"""


# Eastern Standard Time all along: axis times are the wall times as written.
NEW_YORK_WINTER = postmortem(
    title="Resolver cache exhaustion in New York",
    timezone="America/New_York",
    phases={
        "started": "2026-01-15 14:00",
        "detected": "2026-01-15 14:12",
        "acknowledged": "2026-01-15 14:20",
        "mitigated": "2026-01-15 14:55",
        "resolved": "2026-01-15 15:30",
    },
    rows=[
        ("14:00", "Cache hit ratio starts to fall"),
        ("14:12", "Latency alert fires"),
        ("14:20", "On-call acknowledges"),
        ("14:55", "Cache size doubled"),
        ("15:30", "Latency back to normal"),
    ],
)

# Clocks in New York jump from 02:00 EST to 03:00 EDT on 2026-03-08: from 01:30
# to 03:40 on the wall is 70 minutes of real time.
NEW_YORK_SPRING_FORWARD = postmortem(
    title="Resolver restart across the clock change",
    timezone="America/New_York",
    severity="P2",
    phases={
        "started": "2026-03-08 01:30",
        "detected": "2026-03-08 01:50",
        "acknowledged": "2026-03-08 01:55",
        "mitigated": "2026-03-08 03:10",
        "resolved": "2026-03-08 03:40",
    },
    rows=[
        ("01:30", "Resolver restarts begin"),
        ("01:50", "Error-rate alert fires"),
        ("01:55", "On-call acknowledges"),
        ("03:10", "Restarts paused"),
        ("03:40", "Error rate back to baseline"),
    ],
)


def figures(html: str) -> list[dict]:
    """The figure JSON of every chart on a page, as the page script reads it."""
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for chart in soup.select("figure.postmortem-chart"):
        holder = chart.select_one("template.postmortem-chart__data")
        # html.parser keeps a <template>'s children in the tree.
        script = holder.find("script", attrs={"type": "application/json"})
        found.append(json.loads(script.string))
    return found


def page_html(site: Path, src_uri: str) -> str:
    """The built HTML of a page (directory URLs), e.g. `postmortems/a.md`."""
    stem = src_uri[: -len(".md")]
    if stem.endswith("/index") or stem == "index":
        return (site / stem).with_suffix(".html").read_text(encoding="utf-8")
    return (site / stem / "index.html").read_text(encoding="utf-8")


def in_french(source: str, title: str) -> str:
    """The same postmortem written with French headings and title, as French teams write them."""
    for english, french in (
        ("## Summary", "## Résumé de l'incident"),
        ("## Timeline", "## Chronologie"),
        ("## Impact", "## Impact business"),
        ("## Root Cause", "## Causes racines"),
        ("## Action Items", "## Actions correctives"),
        ("## Lessons Learned", "## Leçons apprises"),
    ):
        source = source.replace(english, french, 1)
    first, rest = source.split("\ntitle: ", 1)
    return f"{first}\ntitle: {json.dumps(title)}\n{rest.split(chr(10), 1)[1]}"


# The winter incident as a French team writes it up.
PARIS_WINTER = in_french(NEW_YORK_WINTER, "Saturation du cache des résolveurs à New York")
