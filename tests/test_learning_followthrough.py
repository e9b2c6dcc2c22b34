"""Completion dates of action items as authors write them (a table column, a checklist
field, a front matter key), and the follow-through figures read from them."""

from __future__ import annotations

from datetime import date

from mkdocs_postmortem.handbook import Handbook
from mkdocs_postmortem.learning.followthrough import MINIMUM, follow_through
from mkdocs_postmortem.read import read_postmortem
from mkdocs_postmortem.settings import Settings
from mkdocs_postmortem.sources import Source

SETTINGS = Settings(build_date=date(2026, 6, 1))

HEAD = """\
---
title: Orders failed over to the wrong region
severity: P2
status: approved
services: [orders]
started: 2026-03-02T10:00:00Z
resolved: 2026-03-02T11:00:00Z
{extra}---

# Orders failed over to the wrong region

## Action Items

{body}
"""


def read(body: str = "", extra: str = ""):
    text = HEAD.format(body=body, extra=extra)
    return read_postmortem(text.encode("utf-8"), path="docs/postmortems/x.md", src_uri="postmortems/x.md", settings=SETTINGS)


def test_a_completion_column_in_english_or_french_is_read():
    pm = read(
        "| Action | Owner | Due | Status | Completed |\n|---|---|---|---|---|\n"
        "| Pin the region | Ana | 2026-03-20 | Done | 2026-03-18 |\n"
        "| Test the failover | Li | 2026-04-01 | Open | |\n"
    )
    assert [(a.status, a.done) for a in pm.actions] == [("done", date(2026, 3, 18)), ("open", None)]
    pm = read(
        "| Tâche | Responsable | Échéance | Statut | Fait le |\n|---|---|---|---|---|\n"
        "| Figer la région | Ana | 2026-03-20 | Terminé | 18/03/2026 |\n"
    )
    assert [(a.status, a.done, a.done_raw) for a in pm.actions] == [("done", date(2026, 3, 18), "18/03/2026")]


def test_a_completion_date_without_a_status_means_done_and_a_done_item_without_one_stays_done():
    pm = read(
        "| Action | Owner | Due | Done on |\n|---|---|---|---|\n"
        "| Pin the region | Ana | 2026-03-20 | 2026-03-19 |\n"
        "| Test the failover | Li | 2026-04-01 | |\n"
        "\n- [x] Write the runbook - Owner: Ana - Due: 2026-03-10\n"
        "- [x] Page the region owner - Owner: Li - Due: 2026-03-12 - Done: 2026-03-11\n"
    )
    assert [(a.text, a.status, a.done) for a in pm.actions] == [
        ("Pin the region", "done", date(2026, 3, 19)),
        ("Test the failover", "open", None),
        ("Write the runbook", "done", None),
        ("Page the region owner", "done", date(2026, 3, 11)),
    ]


def test_front_matter_records_take_a_done_key():
    pm = read(extra="actions:\n  - {action: Pin the region, owner: Ana, due: 2026-03-20, status: done, done: 2026-03-17}\n"
                    "  - {action: Test the failover, owner: Li, due: 2026-04-01, completed: 2026-04-03}\n")
    assert [(a.status, a.done) for a in pm.actions] == [("done", date(2026, 3, 17)), ("done", date(2026, 4, 3))]


def test_no_rate_from_fewer_than_the_minimum_and_n_is_kept():
    rows = "".join(f"| Item {n} | Ana | 2026-03-20 | Done | 2026-03-{10 + n} |\n" for n in range(MINIMUM - 1))
    pm = read("| Action | Owner | Due | Status | Done |\n|---|---|---|---|---|\n" + rows)
    handbook = Handbook([pm], SETTINGS)
    figure = follow_through(handbook.actions, SETTINGS.build_date)
    assert (figure.on_time.value, figure.on_time.n) == (None, MINIMUM - 1)
    more = rows + "| Item late | Ana | 2026-03-20 | Done | 2026-03-25 |\n"
    pm = read("| Action | Owner | Due | Status | Done |\n|---|---|---|---|---|\n" + more)
    figure = follow_through([(pm, action) for action in pm.actions], SETTINGS.build_date)
    assert (figure.on_time.value, figure.on_time.n) == (0.8, MINIMUM)
    # Days from the incident (2026-03-02) to done: 8, 9, 10, 11 and 23: the median is 10.
    assert (figure.to_done.value, figure.to_done.n) == (10, MINIMUM)


def test_wont_do_items_count_in_no_figure():
    pm = read("| Action | Owner | Due | Status |\n|---|---|---|---|\n| Rewrite it all | Ana | 2026-03-20 | Won't do |\n")
    figure = follow_through([(pm, action) for action in pm.actions], SETTINGS.build_date)
    assert (figure.items, figure.overdue, figure.overdue_age.n) == (0, 0, 0)


def test_done_dates_reach_a_handbook_loaded_from_sources():
    text = HEAD.format(extra="", body="- [x] Pin the region - Owner: Ana - Due: 2026-03-20 - Fait le: 2026-03-19\n")
    handbook = Handbook.load([Source("docs/postmortems/x.md", "postmortems/x.md", text.encode())], SETTINGS, workers=1)
    assert [action.done for _, action in handbook.actions] == [date(2026, 3, 19)]


def test_growing_themes_come_first_and_one_incident_is_no_trend():
    from datetime import datetime, timezone

    from mkdocs_postmortem.learning.themes import find_themes
    from mkdocs_postmortem.model import Postmortem

    def incident(number: int, day: str, tags: list[str], factors: list[str] = ()) -> Postmortem:
        start = datetime.fromisoformat(day).replace(tzinfo=timezone.utc)
        return Postmortem(path=f"p{number}.md", src_uri=f"postmortems/p{number}.md", id=f"p{number}", started=start,
                          tags=tags, contributing_factors=list(factors), services=[f"svc{number % 2}"])

    pms = [
        # "retries": 1, 2, 3 incidents in the last three quarters (none before): growing.
        incident(1, "2025-11-03", ["retries"]),
        incident(2, "2026-02-03", ["Retries"]), incident(3, "2026-03-03", [], ["retries"]),
        incident(4, "2026-04-03", ["retries"]), incident(5, "2026-05-03", ["retries"]), incident(6, "2026-05-04", ["retries"]),
        # "dns": 4 incidents, all long ago: the most frequent, not growing.
        *(incident(10 + n, f"2025-0{n + 1}-10", ["dns"]) for n in range(4)),
        # "cache": one incident after an empty quarter: not growing.
        incident(20, "2026-05-20", ["cache"]), incident(21, "2025-10-20", ["cache"]),
    ]
    themes = find_themes(pms, date(2026, 6, 1))
    assert [(t.name, t.count, t.growing) for t in themes] == [
        ("retries", 6, True), ("dns", 4, False), ("cache", 2, False)
    ]
    assert themes[0].kinds == ("tag", "factor") and themes[0].rising_quarters == 3  # 0, 1, 2, 3
    assert themes[0].quarters[-3:] == (("2025-Q4", 1), ("2026-Q1", 2), ("2026-Q2", 3))
    assert themes[0].services == ("svc0", "svc1")
