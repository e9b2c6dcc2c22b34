"""Hints use what the reader found: a message that asks for a value proposes the
one the file states (the body's title, services, times, a deadline's day), not a
fixed example."""

from __future__ import annotations

import json

from conftest import run_cli, write_site

BODY_STATES_IT = """\
---
severity: P3
status: in-review
timezone: Europe/Paris
---

# Cache stampede: the catalogue's "hot" keys

**Services**: catalogue, search
**Started**: 2026-11-01 10:00

## Action Items

| Action                 | Owner  | Due   | Status |
|------------------------|--------|-------|--------|
| Jitter the cache TTLs  | Li Wei | 15/04 | Open   |
"""


def messages(root) -> dict[str, list[str]]:
    result = run_cli("check", "--format", "json", cwd=root)
    found: dict[str, list[str]] = {}
    for diagnostic in json.loads(result.stdout)["diagnostics"]:
        found.setdefault(diagnostic["code"], []).append(diagnostic["message"])
    return found


def test_pm002_proposes_the_values_the_body_states(tmp_path):
    write_site(tmp_path, {"stampede.md": BODY_STATES_IT})
    pm002 = messages(tmp_path)["PM002"]
    by_field = {message.split("`")[1]: message for message in pm002}
    # The title as YAML reads it back (quoted: it holds a colon).
    assert by_field["title"].endswith("or write `title: 'Cache stampede: the catalogue''s \"hot\" keys'`"), by_field
    assert by_field["services"].endswith("or write `services: [catalogue, search]`"), by_field
    # The time in the postmortem's zone, as the front matter writes it.
    assert by_field["started"].endswith("or write `started: 2026-11-01 10:00`"), by_field
    # Nothing says when it was resolved: the hint says when it started.
    assert by_field["resolved"].endswith("as `resolved: YYYY-MM-DD HH:MM` (started: 2026-11-01 10:00)"), by_field
    assert not any("Checkout unavailable" in message or "2026-03-04" in message for message in pm002), pm002


def test_pm303_keeps_the_day_and_month_it_read(tmp_path):
    undated = BODY_STATES_IT.replace("**Started**: 2026-11-01 10:00\n", "").replace("severity: P3\n", "severity: P3\nstatus: draft\n", 1)
    undated = undated.replace("status: in-review\n", "")
    write_site(tmp_path, {"stampede.md": undated})
    (pm303,) = messages(tmp_path)["PM303"]
    assert "YYYY-04-15" in pm303 and "2026-03-01" not in pm303, pm303
